using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using CrossEntropy.Data;
using CrossEntropy.Engine;

namespace CrossEntropy.Commands
{
    /// <summary>The loss options of nn.CrossEntropyLoss / nn.BCEWithLogitsLoss, shared by every cmdlet that computes a loss.</summary>
    public abstract class LossCmdlet : RunCmdlet
    {
        /// <summary>Class weights: an array in class order, or a hashtable keyed by class name (missing classes weigh 1).</summary>
        [Parameter]
        public object? Weight { get; set; }

        /// <summary>Rows whose label is this index or class name are ignored (counted in Ignored); -100 as in PyTorch, $null for none.</summary>
        [Parameter]
        [AllowNull]
        public object? IgnoreIndex { get; set; } = -100;

        /// <summary>Label smoothing ε in [0, 1).</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double LabelSmoothing { get; set; }

        /// <summary>Logits are divided by this before the softmax or sigmoid.</summary>
        [Parameter]
        public double Temperature { get; set; } = 1.0;

        /// <summary>Probability inputs are clipped to [Epsilon, 1 - Epsilon] (default: double's machine epsilon).</summary>
        [Parameter]
        public double Epsilon { get; set; } = LossOptions.MachineEpsilon;

        /// <summary>Weight of positive labels for binary and multi-label losses (one value, or one per column).</summary>
        [Parameter]
        public double[]? PosWeight { get; set; }

        /// <summary>The options as the input layer resolves them against a schema.</summary>
        protected virtual LossSettings Settings()
        {
            var s = new LossSettings
            {
                IgnoreIndex = Unwrap(IgnoreIndex) == null ? null : Convert.ToString(Unwrap(IgnoreIndex), CultureInfo.InvariantCulture),
                LabelSmoothing = LabelSmoothing,
                Temperature = Temperature,
                Epsilon = Epsilon,
                PosWeight = PosWeight,
            };
            object? w = Unwrap(Weight);
            if (w is IDictionary d)
            {
                s.WeightByClass = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (DictionaryEntry e in d)
                    s.WeightByClass[Convert.ToString(Unwrap(e.Key), CultureInfo.InvariantCulture) ?? ""] = LanguagePrimitives.ConvertTo<double>(e.Value);
            }
            else if (w != null)
            {
                s.Weight = LanguagePrimitives.ConvertTo<double[]>(w);
            }
            return s;
        }

        private static object? Unwrap(object? o) => o is PSObject ps ? ps.BaseObject : o;
    }
}
