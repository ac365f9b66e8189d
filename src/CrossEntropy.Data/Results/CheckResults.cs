using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using CrossEntropy.Data.Checks;
using CrossEntropy.Data.Problems;

namespace CrossEntropy.Data.Results
{
    /// <summary>The CI results built from a validation or from checked figures: the one place they are made.</summary>
    internal static class CheckResults
    {
        /// <summary>Test-Prediction's report of <paramref name="v"/> (its problem counts as the JSON report has them).</summary>
        public static PredictionReport Prediction(PredictionValidation v, CheckReport report)
        {
            var counts = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, long> kv in report.ProblemsByKind) counts.Add(kv.Key, kv.Value);
            Engine.RowCounts rows = v.Counts;
            return new PredictionReport
            {
                Passed = v.Passed,
                Count = rows.Read,
                Used = rows.Used,
                Ignored = rows.Ignored,
                Rejected = rows.Rejected,
                ProblemCount = v.ProblemCount,
                ProblemCounts = counts,
                Problems = v.ShownProblems.Select(Problem).ToArray(),
                Files = v.Sources.Select(File).ToArray(),
                Tolerance = v.Options.Tolerance,
            };
        }

        /// <summary>A problem as Test-Prediction shows it.</summary>
        public static PredictionProblem Problem(Problem p) => new PredictionProblem
        {
            Kind = p.Kind.ToString(),
            Source = p.Source,
            Row = p.Row,
            Column = p.Column,
            Value = p.Value,
            Reason = p.Reason,
            Message = p.ToString(),
        };

        /// <summary>One source's counts as Test-Prediction shows them.</summary>
        public static PredictionFile File(SourceValidation s) => new PredictionFile
        {
            Source = s.Source,
            Rows = s.Counts.Read,
            Used = s.Counts.Used,
            Ignored = s.Counts.Ignored,
            Rejected = s.Counts.Rejected,
            Problems = s.Problems,
            Classes = s.Schema == null ? Array.Empty<string>() : (string[])s.Schema.Classes.Clone(),
            Input = s.Schema == null ? "" : $"{s.Schema.Input}, {s.Schema.Target} targets",
        };

        /// <summary>Assert-CrossEntropy's result: the figures checked, every check, and the baseline's figures.</summary>
        public static AssertionResult Assertion(RunFigures current, RunFigures? baseline, IReadOnlyList<AssertionCheck> checks) => new AssertionResult
        {
            Passed = checks.All(c => c.Passed),
            Loss = current.All.Loss,
            Accuracy = current.All.Accuracy,
            ExpectedCalibrationError = current.All.ExpectedCalibrationError,
            Count = current.All.Counts.Read,
            Used = current.All.Counts.Used,
            Ignored = current.All.Counts.Ignored,
            Rejected = current.All.Counts.Rejected,
            Checks = checks.ToArray(),
            FailedChecks = checks.Count(c => !c.Passed),
            Source = string.Join(", ", current.Sources),
            Baseline = baseline == null ? null : string.Join(", ", baseline.Sources),
            BaselineLoss = baseline?.All.Loss,
            BaselineAccuracy = baseline?.All.Accuracy,
        };
    }
}
