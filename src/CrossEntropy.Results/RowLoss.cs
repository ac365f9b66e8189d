namespace CrossEntropy
{
    /// <summary>One row's loss (Measure-CrossEntropy -Reduction None).</summary>
    public sealed class RowLoss
    {
        /// <summary>1-based data row number in its source.</summary>
        public long Row { get; set; }
        /// <summary>The file, or "pipeline input".</summary>
        public string Source { get; set; } = "";
        /// <summary>The true class (name); for soft targets the most likely target class.</summary>
        public string? Label { get; set; }
        /// <summary>The row's loss as PyTorch's reduction='none' gives it (0 for ignored rows).</summary>
        public double Loss { get; set; }
        /// <summary>The predicted class (name); null for ignored rows.</summary>
        public string? Predicted { get; set; }
        /// <summary>Probability of the predicted class.</summary>
        public double Confidence { get; set; }
        /// <summary>True when Predicted is the label.</summary>
        public bool Correct { get; set; }
        /// <summary>True when the label is the ignore index (the row adds nothing to the loss).</summary>
        public bool Ignored { get; set; }
        /// <summary>The group's value with -GroupBy; null otherwise.</summary>
        public string? Group { get; set; }
    }
}
