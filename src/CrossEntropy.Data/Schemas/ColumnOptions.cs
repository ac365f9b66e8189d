namespace CrossEntropy.Data.Schemas
{
    /// <summary>
    /// How the user names columns (the cmdlets' -LogitColumn, -LabelColumn, ... parameters). Everything is optional:
    /// what is not given is detected from the header (see <see cref="SchemaResolver"/>). Names and patterns match
    /// case-insensitively; patterns take * and ? wildcards.
    /// </summary>
    internal sealed class ColumnOptions
    {
        /// <summary>Logit columns (names or patterns); default logit_*.</summary>
        public string[]? LogitColumn { get; set; }
        /// <summary>Probability columns (names or patterns); default p_* or prob_*.</summary>
        public string[]? ProbabilityColumn { get; set; }
        /// <summary>The label column; default label, target, y or class.</summary>
        public string? LabelColumn { get; set; }
        /// <summary>Soft or multi-label target columns (names or patterns); default y_* or target_*.</summary>
        public string[]? TargetColumn { get; set; }
        /// <summary>Class names in order; also names the score columns when no prefix is used.</summary>
        public string[]? Class { get; set; }
        /// <summary>Per-row sample weights.</summary>
        public string? SampleWeightColumn { get; set; }
        /// <summary>A column whose values split the rows into groups with a summary each.</summary>
        public string? GroupBy { get; set; }
        /// <summary>A column of log p(target) per row, instead of score columns and labels.</summary>
        public string? TargetLogProbabilityColumn { get; set; }
        /// <summary>A row identifier column (never a score column).</summary>
        public string? IdColumn { get; set; }
        /// <summary>Scores without labels are fine (softmax needs no target); a label column is still used if present.</summary>
        public bool LabelOptional { get; set; }
        /// <summary>K score columns with K 0/1 target columns: one binary loss per column.</summary>
        public bool MultiLabel { get; set; }
    }
}
