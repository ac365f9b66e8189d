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

        /// <summary>z-loss (PaLM; Liger-Kernel's lse_square_scale): each row's loss gains z·(log Σ exp x)²; 0 for none.</summary>
        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        public double ZLoss { get; set; }

        /// <summary>Final-logit soft-capping (Gemma 2): logits become c·tanh(x/c) before the softmax; 0 for none.</summary>
        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        public double SoftCap { get; set; }

        /// <summary>Focal loss γ (when given): -α_y(1 - p_y)^γ log p_y; binary and multi-label logits take torchvision's sigmoid_focal_loss.</summary>
        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        public double FocalGamma { get; set; }

        /// <summary>Focal α: per class like -Weight (array or hashtable; 1 when not given); one number (torchvision's alpha) for binary and multi-label.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Input.ColumnCompleter))]
        public object? FocalAlpha { get; set; }

        /// <summary>The options as the input layer resolves them against a schema.</summary>
        private protected LossSettings Settings(int topK = 1)
        {
            (double[]? weight, Dictionary<string, double>? byClass) = PerClass(Weight);
            (double[]? alpha, Dictionary<string, double>? alphaByClass) = PerClass(FocalAlpha);
            return new LossSettings
            {
                IgnoreIndex = IgnoreIndexText,
                LabelSmoothing = LabelSmoothing,
                Temperature = Temperature,
                Epsilon = Epsilon,
                PosWeight = PosWeight,
                TopK = topK,
                WeightByClass = byClass,
                Weight = weight,
                ZLoss = ZLoss,
                SoftCap = SoftCap > 0 ? SoftCap : null,
                FocalGamma = MyInvocation.BoundParameters.ContainsKey(nameof(FocalGamma)) ? FocalGamma : null,
                FocalAlpha = alpha,
                FocalAlphaByClass = alphaByClass,
            };
        }

        // A per-class option: an array in class order, or a hashtable keyed by class name.
        private static (double[]?, Dictionary<string, double>?) PerClass(object? value)
        {
            object? v = Unwrap(value);
            if (v is not IDictionary d) return (v == null ? null : LanguagePrimitives.ConvertTo<double[]>(v), null);
            var byClass = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (DictionaryEntry e in d)
                byClass[Convert.ToString(Unwrap(e.Key), CultureInfo.InvariantCulture) ?? ""] = LanguagePrimitives.ConvertTo<double>(e.Value);
            return (null, byClass);
        }

        private static object? Unwrap(object? o) => o is PSObject ps ? ps.BaseObject : o;
    }
}
