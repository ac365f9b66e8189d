using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Runs
{
    /// <summary>
    /// The loss options as a user gives them (class weights by name, the ignore index as a class name, ...), turned
    /// into engine <see cref="LossOptions"/> once the schema says what the classes are.
    /// </summary>
    internal sealed class LossSettings
    {
        /// <summary>Class weights in class order.</summary>
        public double[]? Weight { get; init; }
        /// <summary>Class weights by class name; classes not named weigh 1.</summary>
        public IDictionary<string, double>? WeightByClass { get; init; }
        /// <summary>Ignore index as an index or a class name.</summary>
        public string? IgnoreIndex { get; init; }
        /// <summary>Label smoothing ε.</summary>
        public double LabelSmoothing { get; init; }
        /// <summary>Logit temperature.</summary>
        public double Temperature { get; init; } = 1.0;
        /// <summary>Probability clip; null means double's machine epsilon.</summary>
        public double? Epsilon { get; init; }
        /// <summary>pos_weight for binary and multi-label losses.</summary>
        public double[]? PosWeight { get; init; }
        /// <summary>k of top-k accuracy.</summary>
        public int TopK { get; init; } = 1;
        /// <summary>z of the z-loss (0: none).</summary>
        public double ZLoss { get; init; }
        /// <summary>Logit soft cap (null: none).</summary>
        public double? SoftCap { get; init; }
        /// <summary>Focal γ (null: plain cross-entropy).</summary>
        public double? FocalGamma { get; init; }
        /// <summary>Focal α in class order (one value for binary and multi-label).</summary>
        public double[]? FocalAlpha { get; init; }
        /// <summary>Focal α by class name; classes not named have α 1.</summary>
        public IDictionary<string, double>? FocalAlphaByClass { get; init; }
        /// <summary>Tolerance for probability rows summing to 1.</summary>
        public double ProbabilitySumTolerance { get; init; } = 1e-6;

        /// <summary>Engine options for <paramref name="schema"/>; throws <see cref="ArgumentException"/> naming the problem.</summary>
        public LossOptions Resolve(Schema schema)
        {
            var o = new LossOptions
            {
                Input = schema.Input,
                Target = schema.Target,
                Classes = schema.ScoreCount,
                ClassWeights = ByClass(schema, Weight, WeightByClass, "Weight"),
                IgnoreIndex = IgnoreIndexOf(schema),
                LabelSmoothing = LabelSmoothing,
                Temperature = Temperature,
                Epsilon = Epsilon ?? LossOptions.MachineEpsilon,
                PosWeight = PosWeight,
                TopK = TopK,
                ProbabilitySumTolerance = ProbabilitySumTolerance,
                ZLoss = ZLoss,
                SoftCap = SoftCap,
                FocalGamma = FocalGamma,
                FocalAlpha = ByClass(schema, FocalAlpha, FocalAlphaByClass, "FocalAlpha"),
            };
            return o.Validate();
        }

        // Per-class values (Weight, FocalAlpha) given in class order or by class name.
        private static double[]? ByClass(Schema schema, double[]? inOrder, IDictionary<string, double>? byName, string option)
        {
            if (inOrder != null && byName != null) throw new ArgumentException($"Give {option} as an array or by class name, not both.");
            if (inOrder != null) return inOrder;
            if (byName == null) return null;
            // Binary and multi-label weights apply per score column; multi-class weights per class.
            string[] names = schema.Target == TargetKind.Binary ? new[] { schema.Columns[schema.ScoreColumns[0]] } : schema.Classes;
            var w = Enumerable.Repeat(1.0, names.Length).ToArray();
            // First position of each name (Array.IndexOf per entry would make a weight per class quadratic).
            var position = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int k = names.Length - 1; k >= 0; k--) position[names[k]] = k;
            foreach (KeyValuePair<string, double> kv in byName)
            {
                int at = position.TryGetValue(kv.Key, out int found) ? found : -1;
                if (at < 0 && int.TryParse(kv.Key, NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k < names.Length) at = k;
                if (at < 0) throw new ArgumentException($"{option} names class '{kv.Key}', which is not one of: {string.Join(", ", names)}.");
                w[at] = kv.Value;
            }
            return w;
        }

        private int? IgnoreIndexOf(Schema schema)
        {
            if (IgnoreIndex == null) return null;
            if (schema.TryGetClassIndex(IgnoreIndex, out int byName)) return byName;
            if (int.TryParse(IgnoreIndex, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index)) return index;
            throw new ArgumentException($"IgnoreIndex '{IgnoreIndex}' is neither a class ({string.Join(", ", schema.Classes)}) nor an index.");
        }
    }
}
