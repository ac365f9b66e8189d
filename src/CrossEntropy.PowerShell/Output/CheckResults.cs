using System;
using System.Collections.Specialized;
using System.Linq;
using CrossEntropy.Data;

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

        internal static PredictionProblem From(ValidationProblem p) => new PredictionProblem
        {
            Kind = p.Kind.ToString(),
            Source = p.Source,
            Row = p.Row,
            Column = p.Column,
            Value = p.Value,
            Reason = p.Reason,
            Message = p.ToString(),
        };
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

        internal static PredictionFile From(SourceValidation s) => new PredictionFile
        {
            Source = s.Source,
            Rows = s.Rows,
            Used = s.Used,
            Ignored = s.Ignored,
            Rejected = s.Rejected,
            Problems = s.Problems,
            Classes = s.Schema?.Classes.ToArray() ?? Array.Empty<string>(),
            Input = s.Schema == null ? "" : $"{s.Schema.Input}, {s.Schema.Target} targets",
        };
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

        internal static PredictionReport From(PredictionValidation v, CheckReport report)
        {
            var counts = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (var kv in report.ProblemsByKind) counts.Add(kv.Key, kv.Value);
            return new PredictionReport
            {
                Passed = v.Passed,
                Count = v.Read,
                Used = v.Used,
                Ignored = v.Ignored,
                Rejected = v.Rejected,
                ProblemCount = v.ProblemCount,
                ProblemCounts = counts,
                Problems = v.ShownProblems.Select(PredictionProblem.From).ToArray(),
                Files = v.Sources.Select(PredictionFile.From).ToArray(),
                Tolerance = v.Options.Tolerance,
            };
        }
    }

    /// <summary>One limit of Assert-CrossEntropy checked against one figure.</summary>
    public sealed class AssertionCheck
    {
        /// <summary>The limit (the parameter that set it): MinimumUsed, MaximumRejected, MaximumLoss, MinimumAccuracy, MaximumCalibrationError, MaximumIncrease, MaximumDecrease; Source for an input that could not be read.</summary>
        public string Name { get; set; } = "";
        /// <summary>Loss, Accuracy, ExpectedCalibrationError, Used, Rejected or Source.</summary>
        public string Metric { get; set; } = "";
        /// <summary>All, Class, Group or Source.</summary>
        public string Scope { get; set; } = "";
        /// <summary>The class, group or source the check is about; null for All.</summary>
        public string? Subject { get; set; }
        /// <summary>&lt;= or &gt;=.</summary>
        public string Comparison { get; set; } = "";
        /// <summary>The limit.</summary>
        public double Limit { get; set; }
        /// <summary>What is compared with the limit: the figure, or its change from the baseline.</summary>
        public double Measured { get; set; }
        /// <summary>The figure now.</summary>
        public double Value { get; set; }
        /// <summary>The baseline's figure (baseline comparisons only).</summary>
        public double? Baseline { get; set; }
        /// <summary>True when the limit holds.</summary>
        public bool Passed { get; set; }
        /// <summary>What was measured against what.</summary>
        public string Message { get; set; } = "";

        /// <inheritdoc/>
        public override string ToString() => (Passed ? "pass: " : "FAIL: ") + Message;

        internal static AssertionCheck From(Check c) => new AssertionCheck
        {
            Name = c.Name,
            Metric = c.Metric,
            Scope = c.Scope,
            Subject = c.Subject,
            Comparison = c.Comparison,
            Limit = c.Limit,
            Measured = c.Measured,
            Value = c.Value,
            Baseline = c.Baseline,
            Passed = c.Passed,
            Message = c.Message,
        };
    }

    /// <summary>What Assert-CrossEntropy returns when every limit holds (and carries, as the error's TargetObject, when one does not).</summary>
    public sealed class AssertionResult
    {
        /// <summary>True when every check passed.</summary>
        public bool Passed { get; set; }
        /// <summary>Mean cross-entropy over every used row (nats).</summary>
        public double Loss { get; set; }
        /// <summary>Fraction of used rows predicted right.</summary>
        public double Accuracy { get; set; }
        /// <summary>Top-label expected calibration error (equal-width bins).</summary>
        public double ExpectedCalibrationError { get; set; }
        /// <summary>Rows read.</summary>
        public long Count { get; set; }
        /// <summary>Rows used.</summary>
        public long Used { get; set; }
        /// <summary>Rows whose label is the ignore index.</summary>
        public long Ignored { get; set; }
        /// <summary>Rows rejected.</summary>
        public long Rejected { get; set; }
        /// <summary>Every check, passed or not.</summary>
        public AssertionCheck[] Checks { get; set; } = Array.Empty<AssertionCheck>();
        /// <summary>Checks that failed.</summary>
        public int FailedChecks { get; set; }
        /// <summary>The files checked, joined by ", ".</summary>
        public string Source { get; set; } = "";
        /// <summary>The baseline's files, joined by ", "; null without -Baseline.</summary>
        public string? Baseline { get; set; }
        /// <summary>The baseline's loss; null without -Baseline.</summary>
        public double? BaselineLoss { get; set; }
        /// <summary>The baseline's accuracy; null without -Baseline.</summary>
        public double? BaselineAccuracy { get; set; }
    }
}
