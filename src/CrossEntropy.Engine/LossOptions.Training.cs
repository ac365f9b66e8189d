using System;
using System.Globalization;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// The options of the large-model and imbalanced-data training losses: z-loss (PaLM; Liger-Kernel's
    /// lse_square_scale), final-logit soft-capping (Gemma 2) and focal loss (multi-class, and torchvision's
    /// sigmoid_focal_loss for binary and multi-label logits).
    /// </summary>
    internal sealed partial class LossOptions
    {
        /// <summary>z of the z-loss: each used row gains z·(log Σ exp x)²; 0 means none.</summary>
        public double ZLoss { get; init; }

        /// <summary>Soft cap c: logits become c·tanh(x/c) before the softmax; null means none.</summary>
        public double? SoftCap { get; init; }

        /// <summary>Focal loss γ; null means plain cross-entropy.</summary>
        public double? FocalGamma { get; init; }

        /// <summary>
        /// Focal α: one per class for multi-class (1 when null); one value for binary and multi-label (torchvision's
        /// alpha; negative or null means no alpha factor).
        /// </summary>
        public double[]? FocalAlpha { get; init; }

        /// <summary>True when rows take the training-loss path (<see cref="TrainingLoss"/>, <see cref="SigmoidFocal"/>).</summary>
        public bool HasTrainingLoss => ZLoss != 0 || SoftCap != null || FocalGamma != null;

        /// <summary>True for the multi-class focal loss.</summary>
        internal bool IsSoftmaxFocal => FocalGamma != null && Target == TargetKind.ClassIndex;

        /// <summary>True for torchvision's sigmoid focal loss.</summary>
        internal bool IsSigmoidFocal => FocalGamma != null && (Target == TargetKind.Binary || Target == TargetKind.MultiLabel);

        /// <summary>α of class (or label column) <paramref name="c"/>: 1 for multi-class without α, -1 (none) for sigmoid focal without α.</summary>
        internal double FocalAlphaOf(int c) =>
            FocalAlpha == null ? (IsSigmoidFocal ? -1.0 : 1.0) : FocalAlpha.Length == 1 ? FocalAlpha[0] : FocalAlpha[c];

        private void ValidateTrainingLosses()
        {
            if (Target == TargetKind.TargetLogProbability && (ClassWeights != null || LabelSmoothing > 0 || Temperature != 1.0 || PosWeight != null || HasTrainingLoss || TopK != 1))
                throw new ArgumentException(
                    "Target log-probabilities carry no logits: Weight, LabelSmoothing, Temperature, PosWeight, TopK, ZLoss, SoftCap and FocalGamma do not apply.",
                    nameof(Target));
            if (!HasTrainingLoss)
            {
                if (FocalAlpha != null) throw new ArgumentException("FocalAlpha needs FocalGamma.", nameof(FocalAlpha));
                return;
            }
            if (Input != InputKind.Logits)
                throw new ArgumentException("ZLoss, SoftCap and FocalGamma apply to logits, not probabilities.", nameof(Input));
            if (double.IsNaN(ZLoss) || double.IsInfinity(ZLoss) || ZLoss < 0)
                throw new ArgumentException("ZLoss must be a finite non-negative number.", nameof(ZLoss));
            if (ZLoss != 0 && Target != TargetKind.ClassIndex)
                throw new ArgumentException("ZLoss applies to multi-class logits with class-index labels.", nameof(ZLoss));
            if (SoftCap is double cap && (!(cap > 0) || double.IsInfinity(cap)))
                throw new ArgumentException("SoftCap must be a positive finite number.", nameof(SoftCap));
            if (SoftCap != null && Target != TargetKind.ClassIndex)
                throw new ArgumentException("SoftCap applies to multi-class logits with class-index labels.", nameof(SoftCap));
            if (FocalGamma != null) ValidateFocal();
        }

        private void ValidateFocal()
        {
            double gamma = FocalGamma!.Value;
            bool binaryLike = Target == TargetKind.Binary || Target == TargetKind.MultiLabel;
            if (double.IsNaN(gamma) || double.IsInfinity(gamma) || gamma < 0)
                throw new ArgumentException("FocalGamma must be a finite non-negative number.", nameof(FocalGamma));
            if (Target == TargetKind.Soft)
                throw new ArgumentException("FocalGamma applies to class-index, binary and multi-label targets, not soft targets.", nameof(FocalGamma));
            if (ClassWeights != null)
                throw new ArgumentException("FocalGamma weighs classes with FocalAlpha, not Weight.", nameof(ClassWeights));
            if (LabelSmoothing > 0)
                throw new ArgumentException("FocalGamma does not combine with LabelSmoothing.", nameof(LabelSmoothing));
            if (ZLoss != 0)
                throw new ArgumentException("FocalGamma does not combine with ZLoss.", nameof(ZLoss));
            if (PosWeight != null)
                throw new ArgumentException("FocalGamma does not combine with PosWeight (torchvision's sigmoid_focal_loss has none).", nameof(PosWeight));
            if (FocalAlpha == null) return;
            if (binaryLike && FocalAlpha.Length != 1)
                throw new ArgumentException("For binary and multi-label logits FocalAlpha is one number (torchvision's alpha).", nameof(FocalAlpha));
            if (!binaryLike && FocalAlpha.Length != Classes)
                throw new ArgumentException($"FocalAlpha has {FocalAlpha.Length} values but there are {Classes} classes.", nameof(FocalAlpha));
            foreach (double a in FocalAlpha)
                if (double.IsNaN(a) || double.IsInfinity(a) || (!binaryLike && a < 0))
                    throw new ArgumentException(
                        $"FocalAlpha values must be finite{(binaryLike ? "" : " and non-negative")}; got {a.ToString("R", CultureInfo.InvariantCulture)}.",
                        nameof(FocalAlpha));
        }
    }
}
