using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using CrossEntropy.Data.Runs;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// The options of nn.CrossEntropyLoss / nn.BCEWithLogitsLoss that only the loss cmdlets (Measure-CrossEntropy,
    /// Get-LossGradient) have, declared once on top of the shared scoring options. Parameters only.
    /// </summary>
    public abstract class LossCmdlet : ScoringCmdlet
    {
        /// <summary>Class weights: an array in class order, or a hashtable keyed by class name (missing classes weigh 1).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Input.ColumnCompleter))]
        [Input.InvariantNumber]
        public object? Weight { get; set; }

        /// <summary>Label smoothing ε in [0, 1).</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        [Input.InvariantNumber]
        public double LabelSmoothing { get; set; }

        /// <summary>Weight of positive labels for binary and multi-label losses (one value, or one per column).</summary>
        [Parameter]
        [Input.InvariantNumber]
        public double[]? PosWeight { get; set; }

        /// <summary>The options as the input layer resolves them against a schema.</summary>
        private protected LossSettings Settings(int topK = 1)
        {
            object? w = Unwrap(Weight);
            Dictionary<string, double>? byClass = null;
            if (w is IDictionary d)
            {
                byClass = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (DictionaryEntry e in d)
                    byClass[Convert.ToString(Unwrap(e.Key), CultureInfo.InvariantCulture) ?? ""] = LanguagePrimitives.ConvertTo<double>(e.Value);
            }
            return new LossSettings
            {
                IgnoreIndex = IgnoreIndexText,
                LabelSmoothing = LabelSmoothing,
                Temperature = Temperature,
                Epsilon = Epsilon,
                PosWeight = PosWeight,
                TopK = topK,
                WeightByClass = byClass,
                Weight = w != null && byClass == null ? LanguagePrimitives.ConvertTo<double[]>(w) : null,
            };
        }

        private static object? Unwrap(object? o) => o is PSObject ps ? ps.BaseObject : o;
    }
}
