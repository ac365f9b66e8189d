namespace CrossEntropy
{
    /// <summary>One row's probabilities (Get-Softmax); the object also has one property per class (see ClassColumns).</summary>
    public class SoftmaxRow
    {
        /// <summary>1-based data row number in its source.</summary>
        public long Row { get; set; }
        /// <summary>The file, or "pipeline input".</summary>
        public string Source { get; set; } = "";
        /// <summary>The row's label, when the input has one.</summary>
        public string? Label { get; set; }
        /// <summary>Probabilities in class order.</summary>
        public double[] Probabilities { get; set; } = System.Array.Empty<double>();
        /// <summary>The most likely class.</summary>
        public string? Predicted { get; set; }
        /// <summary>Its probability.</summary>
        public double Confidence { get; set; }
        /// <summary>The group's value with -GroupBy; null otherwise.</summary>
        public string? Group { get; set; }
    }

    /// <summary>
    /// One row's log-probabilities (Get-Softmax -Log, F.log_softmax): a type of its own, so log p is never read as a
    /// probability; the object also has one property per class (see ClassColumns).
    /// </summary>
    public class LogSoftmaxRow
    {
        /// <summary>1-based data row number in its source.</summary>
        public long Row { get; set; }
        /// <summary>The file, or "pipeline input".</summary>
        public string Source { get; set; } = "";
        /// <summary>The row's label, when the input has one.</summary>
        public string? Label { get; set; }
        /// <summary>Log-probabilities (natural log) in class order.</summary>
        public double[] LogProbabilities { get; set; } = System.Array.Empty<double>();
        /// <summary>The most likely class.</summary>
        public string? Predicted { get; set; }
        /// <summary>Its probability (a probability, not its log).</summary>
        public double Confidence { get; set; }
        /// <summary>The group's value with -GroupBy; null otherwise.</summary>
        public string? Group { get; set; }
    }

    /// <summary>One row's loss and gradient (Get-LossGradient); the object also has one property per class.</summary>
    public class GradientRow
    {
        /// <summary>1-based data row number in its source.</summary>
        public long Row { get; set; }
        /// <summary>The file, or "pipeline input".</summary>
        public string Source { get; set; } = "";
        /// <summary>The row's label (the most likely target class for soft targets).</summary>
        public string? Label { get; set; }
        /// <summary>The row's loss as PyTorch's reduction='none' gives it (0 for ignored rows).</summary>
        public double Loss { get; set; }
        /// <summary>d(reduced loss)/d(this row's logits), in class order (probabilities, for probability inputs).</summary>
        public double[] Gradient { get; set; } = System.Array.Empty<double>();
        /// <summary>The Euclidean norm of Gradient (after -ClipNorm).</summary>
        public double GradientNorm { get; set; }
        /// <summary>True when the label is the ignore index (its gradient is zero).</summary>
        public bool Ignored { get; set; }
        /// <summary>The group's value with -GroupBy; null otherwise.</summary>
        public string? Group { get; set; }
    }
}
