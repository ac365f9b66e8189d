using System;

namespace CrossEntropy.Engine
{
    /// <summary>What the numbers in a row are.</summary>
    internal enum InputKind
    {
        /// <summary>Unnormalised scores; softmax (or sigmoid for one column) turns them into probabilities.</summary>
        Logits,
        /// <summary>Probabilities already; clipped to [epsilon, 1 - epsilon] before the log.</summary>
        Probabilities,
    }

    /// <summary>What the target of a row is.</summary>
    internal enum TargetKind
    {
        /// <summary>One class index per row (nn.CrossEntropyLoss with a Long target).</summary>
        ClassIndex,
        /// <summary>A probability distribution over the classes per row (nn.CrossEntropyLoss with a Float target).</summary>
        Soft,
        /// <summary>One score column and a 0/1 label (nn.BCEWithLogitsLoss / nn.BCELoss).</summary>
        Binary,
        /// <summary>K score columns with K 0/1 targets (nn.BCEWithLogitsLoss over a N×K matrix).</summary>
        MultiLabel,
        /// <summary>One column holding log p(target) of each row (an inference server's output): the loss is -log p.</summary>
        TargetLogProbability,
    }

    /// <summary>How per-row losses are combined; the names are PyTorch's.</summary>
    public enum Reduction
    {
        /// <summary>Weighted mean (PyTorch's default).</summary>
        Mean,
        /// <summary>Weighted sum.</summary>
        Sum,
        /// <summary>One loss per row.</summary>
        None,
    }

    /// <summary>
    /// The loss definition: the options of nn.CrossEntropyLoss / nn.BCEWithLogitsLoss plus input kind. Set once, in
    /// an object initializer (init-only), then validated; shared by every block of a run, so it never changes.
    /// </summary>
    internal sealed partial class LossOptions
    {
        /// <summary>double's machine epsilon, scikit-learn's (≥ 1.5) default clip for probability inputs.</summary>
        public const double MachineEpsilon = 2.220446049250313e-16;

        /// <summary>PyTorch's default ignore_index: the label the cmdlets ignore unless told otherwise.</summary>
        public const int PyTorchIgnoreIndex = -100;

        /// <summary>Logits or probabilities.</summary>
        public InputKind Input { get; init; } = InputKind.Logits;

        /// <summary>Index, soft, binary or multi-label targets.</summary>
        public TargetKind Target { get; init; } = TargetKind.ClassIndex;

        /// <summary>Number of score columns per row (1 for binary).</summary>
        public int Classes { get; init; }

        /// <summary>Class weights in class order (PyTorch's <c>weight</c>); null means all 1.</summary>
        public double[]? ClassWeights { get; init; }

        /// <summary>Target index whose rows are ignored (PyTorch's <c>ignore_index</c>); null means none.</summary>
        public int? IgnoreIndex { get; init; }

        /// <summary>Label smoothing ε in [0, 1).</summary>
        public double LabelSmoothing { get; init; }

        /// <summary>Logits are divided by this before the softmax or sigmoid.</summary>
        public double Temperature { get; init; } = 1.0;

        /// <summary>Probability clip for probability inputs.</summary>
        public double Epsilon { get; init; } = MachineEpsilon;

        /// <summary>Positive-class weight for binary and multi-label targets (1 value, or one per label column).</summary>
        public double[]? PosWeight { get; init; }

        /// <summary>Probability rows whose sum is further than this from 1 are reported (never renormalised).</summary>
        public double ProbabilitySumTolerance { get; init; } = 1e-6;

        /// <summary>k for top-k accuracy; 1 means plain accuracy only.</summary>
        public int TopK { get; init; } = 1;

        /// <summary>Checks ranges and shapes; throws <see cref="ArgumentException"/> naming the option.</summary>
        public LossOptions Validate()
        {
            if (Classes < 1) throw new ArgumentException("There must be at least one score column.", nameof(Classes));
            bool binaryLike = Target == TargetKind.Binary || Target == TargetKind.MultiLabel;
            if (Target == TargetKind.Binary && Classes != 1)
                throw new ArgumentException("A binary loss takes exactly one score column.", nameof(Target));
            if (Target == TargetKind.TargetLogProbability && Classes != 1)
                throw new ArgumentException("Target log-probabilities take exactly one column.", nameof(Target));
            if (!binaryLike && Target != TargetKind.TargetLogProbability && Classes < 2)
                throw new ArgumentException("A multi-class loss needs at least two classes.", nameof(Classes));
            if (ClassWeights != null)
            {
                if (ClassWeights.Length != Classes)
                    throw new ArgumentException(
                        $"Weight has {ClassWeights.Length} values but there are {Classes} {(binaryLike ? "score columns" : "classes")}.",
                        nameof(ClassWeights));
                foreach (double w in ClassWeights)
                    if (double.IsNaN(w) || double.IsInfinity(w) || w < 0)
                        throw new ArgumentException($"Weight values must be finite and non-negative; got {w.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.", nameof(ClassWeights));
            }
            if (double.IsNaN(LabelSmoothing) || LabelSmoothing < 0 || LabelSmoothing >= 1)
                throw new ArgumentException("LabelSmoothing must be in [0, 1).", nameof(LabelSmoothing));
            if (LabelSmoothing > 0 && binaryLike)
                throw new ArgumentException("LabelSmoothing applies to multi-class losses only (as in PyTorch).", nameof(LabelSmoothing));
            if (!(Temperature > 0) || double.IsInfinity(Temperature))
                throw new ArgumentException("Temperature must be a positive finite number.", nameof(Temperature));
            if (!(Epsilon >= 0 && Epsilon < 0.5))
                throw new ArgumentException("Epsilon must be in [0, 0.5).", nameof(Epsilon));
            if (PosWeight != null)
            {
                if (!binaryLike)
                    throw new ArgumentException("PosWeight applies to binary and multi-label losses only.", nameof(PosWeight));
                if (PosWeight.Length != 1 && PosWeight.Length != Classes)
                    throw new ArgumentException($"PosWeight takes 1 value or one per label column ({Classes}).", nameof(PosWeight));
                foreach (double p in PosWeight)
                    if (double.IsNaN(p) || double.IsInfinity(p) || p < 0)
                        throw new ArgumentException("PosWeight values must be finite and non-negative.", nameof(PosWeight));
            }
            if (!(ProbabilitySumTolerance >= 0))
                throw new ArgumentException("The probability-sum tolerance must be non-negative.", nameof(ProbabilitySumTolerance));
            if (TopK < 1) throw new ArgumentException("TopK must be at least 1.", nameof(TopK));
            if (Input == InputKind.Probabilities && Temperature != 1.0)
                throw new ArgumentException("Temperature applies to logits, not probabilities.", nameof(Temperature));
            ValidateTrainingLosses();
            return this;
        }

        /// <summary>Weight of class <paramref name="c"/> (1 when no weights are given).</summary>
        public double WeightOf(int c) => ClassWeights == null ? 1.0 : ClassWeights[c];

        /// <summary>Positive weight of label column <paramref name="k"/> (1 when none is given).</summary>
        public double PosWeightOf(int k) => PosWeight == null ? 1.0 : PosWeight.Length == 1 ? PosWeight[0] : PosWeight[k];

        /// <summary>Σ_c w_c (C without weights).</summary>
        public double WeightTotal()
        {
            if (ClassWeights == null) return Classes;
            double s = 0;
            foreach (double w in ClassWeights) s += w;
            return s;
        }
    }
}
