using System;

namespace CrossEntropy
{
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
