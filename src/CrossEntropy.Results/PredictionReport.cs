using System;
using System.Collections.Specialized;

namespace CrossEntropy
{
    /// <summary>One problem Test-Prediction found: its kind and where it is.</summary>
    public sealed class PredictionProblem
    {
        /// <summary>Source, Header, ClassMismatch, NoRows, RowCount, RaggedRow, MissingValue, NotANumber, NaN, Infinite, OutOfRange, SumNotOne, UnknownLabel, LabelOutOfRange or DuplicateId.</summary>
        public string Kind { get; set; } = "";
        /// <summary>The file, or "pipeline input".</summary>
        public string Source { get; set; } = "";
        /// <summary>1-based data row (the header is not counted); 0 for a problem of the file as a whole.</summary>
        public long Row { get; set; }
        /// <summary>The column, if the problem is in one cell.</summary>
        public string? Column { get; set; }
        /// <summary>The cell's text, if any.</summary>
        public string? Value { get; set; }
        /// <summary>What is wrong.</summary>
        public string Reason { get; set; } = "";
        /// <summary>File, row, column, value and reason in one sentence.</summary>
        public string Message { get; set; } = "";

        /// <inheritdoc/>
        public override string ToString() => Message;
    }

    /// <summary>One source's rows as Test-Prediction counted them.</summary>
    public sealed class PredictionFile
    {
        /// <summary>The file, or "pipeline input".</summary>
        public string Source { get; set; } = "";
        /// <summary>Data rows read.</summary>
        public long Rows { get; set; }
        /// <summary>Rows without a problem.</summary>
        public long Used { get; set; }
        /// <summary>Rows whose label is the ignore index.</summary>
        public long Ignored { get; set; }
        /// <summary>Rows with at least one problem.</summary>
        public long Rejected { get; set; }
        /// <summary>Problems in this source (its rows' and its own).</summary>
        public long Problems { get; set; }
        /// <summary>Class names in order (empty when the header could not be mapped).</summary>
        public string[] Classes { get; set; } = Array.Empty<string>();
        /// <summary>Logits or Probabilities, and the kind of targets; empty when the header could not be mapped.</summary>
        public string Input { get; set; } = "";
    }

    /// <summary>What Test-Prediction returns: every source's counts and every problem counted by kind.</summary>
    public sealed class PredictionReport
    {
        /// <summary>True when no problem was found.</summary>
        public bool Passed { get; set; }
        /// <summary>Rows read over every source (Count = Used + Ignored + Rejected).</summary>
        public long Count { get; set; }
        /// <summary>Rows without a problem.</summary>
        public long Used { get; set; }
        /// <summary>Rows whose label is the ignore index.</summary>
        public long Ignored { get; set; }
        /// <summary>Rows with at least one problem.</summary>
        public long Rejected { get; set; }
        /// <summary>Every problem found.</summary>
        public long ProblemCount { get; set; }
        /// <summary>Problems by kind (kinds that occurred), e.g. $report.ProblemCounts['NaN'].</summary>
        public OrderedDictionary ProblemCounts { get; set; } = new OrderedDictionary();
        /// <summary>The first problems (20), in the order found.</summary>
        public PredictionProblem[] Problems { get; set; } = Array.Empty<PredictionProblem>();
        /// <summary>Each source's counts.</summary>
        public PredictionFile[] Files { get; set; } = Array.Empty<PredictionFile>();
        /// <summary>The probability-sum tolerance used.</summary>
        public double Tolerance { get; set; }
    }
}
