using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossEntropy.Data.Records;

namespace CrossEntropy.Data.Checks
{
    /// <summary>Which side of its limit a figure must stay on.</summary>
    internal enum Bound
    {
        /// <summary>The figure must be at most the limit (written "&lt;=").</summary>
        AtMost,
        /// <summary>The figure must be at least the limit (written "&gt;=").</summary>
        AtLeast,
    }

    /// <summary>Which rows a check is about.</summary>
    internal enum CheckScope
    {
        /// <summary>Every row.</summary>
        All,
        /// <summary>The rows of one true class.</summary>
        Class,
        /// <summary>The rows of one -GroupBy value.</summary>
        Group,
        /// <summary>A source (Test-Prediction's problem kinds; a source that could not be read).</summary>
        Source,
    }

    /// <summary>
    /// The limits of Assert-CrossEntropy and their evaluation. Every limit applies to every row; with
    /// <see cref="PerClass"/> the loss and accuracy limits apply to each class's rows too, and when the figures have
    /// groups, the loss, accuracy and calibration limits apply to each group. A baseline comparison checks how much
    /// the loss rose (<see cref="MaximumIncrease"/>) and the accuracy fell (<see cref="MaximumDecrease"/>) from the
    /// baseline's figure of the same scope: absolute differences in the figure's own unit, or with
    /// <see cref="Relative"/> fractions of the baseline's figure.
    /// </summary>
    internal sealed class Limits
    {
        /// <summary>Highest mean loss allowed.</summary>
        public double? MaximumLoss { get; init; }
        /// <summary>Lowest accuracy allowed.</summary>
        public double? MinimumAccuracy { get; init; }
        /// <summary>Highest expected calibration error allowed.</summary>
        public double? MaximumCalibrationError { get; init; }
        /// <summary>Most rejected rows allowed (default 0).</summary>
        public long MaximumRejected { get; init; }
        /// <summary>Fewest used rows allowed (default 1: an empty file never passes).</summary>
        public long MinimumUsed { get; init; } = 1;
        /// <summary>Apply the loss and accuracy limits (and baseline comparisons) to each class too.</summary>
        public bool PerClass { get; init; }
        /// <summary>Largest rise of the loss over the baseline's allowed.</summary>
        public double? MaximumIncrease { get; init; }
        /// <summary>Largest fall of the accuracy below the baseline's allowed.</summary>
        public double? MaximumDecrease { get; init; }
        /// <summary>Increase and decrease are fractions of the baseline's figure, not differences.</summary>
        public bool Relative { get; init; }

        /// <summary>True when a baseline comparison is asked for.</summary>
        public bool ComparesWithBaseline => MaximumIncrease != null || MaximumDecrease != null;

        /// <summary>Every check, in a fixed order: counts, then every row, then classes, then groups.</summary>
        public List<AssertionCheck> Evaluate(RunFigures current, RunFigures? baseline)
        {
            var checks = new List<AssertionCheck>
            {
                Count("MinimumUsed", "Used", Bound.AtLeast, MinimumUsed, current.All.Counts.Used, "used"),
                Count("MaximumRejected", "Rejected", Bound.AtMost, MaximumRejected, current.All.Counts.Rejected, "rejected"),
            };
            Scope(checks, CheckScope.All, null, current.All, baseline?.All, calibration: true);
            if (PerClass)
            {
                foreach (KeyValuePair<string, Figures> c in current.Classes.Where(c => c.Value.Counts.Used > 0))
                    Scope(checks, CheckScope.Class, c.Key, c.Value, baseline?.Class(c.Key), calibration: false);
            }
            foreach (KeyValuePair<string, Figures> g in current.Groups)
                Scope(checks, CheckScope.Group, g.Key, g.Value, baseline?.Group(g.Key), calibration: true);
            return checks;
        }

        /// <summary>A failed check for a source that could not be read (or matched nothing).</summary>
        public static AssertionCheck SourceFailure(string source, string message) => new AssertionCheck
        {
            Name = "Source",
            Metric = "Source",
            Scope = nameof(CheckScope.Source),
            Subject = source,
            Comparison = Symbol(Bound.AtMost),
            Limit = 0,
            Measured = 1,
            Value = 1,
            Passed = false,
            Message = message,
        };

        /// <summary>Test-Prediction's check of one problem kind: none is allowed.</summary>
        public static AssertionCheck NoProblems(string kind, long count) => new AssertionCheck
        {
            Name = kind,
            Metric = kind,
            Scope = nameof(CheckScope.Source),
            Comparison = Symbol(Bound.AtMost),
            Limit = 0,
            Measured = count,
            Value = count,
            Passed = count == 0,
            Message = count == 0 ? $"no {kind} problem" : $"{count} {kind} problem{(count == 1 ? "" : "s")}",
        };

        private void Scope(List<AssertionCheck> checks, CheckScope scope, string? subject, Figures now, Figures? before, bool calibration)
        {
            if (MaximumLoss is double maxLoss) checks.Add(Figure("MaximumLoss", "Loss", scope, subject, Bound.AtMost, maxLoss, now.Loss, now));
            if (MinimumAccuracy is double minAccuracy) checks.Add(Figure("MinimumAccuracy", "Accuracy", scope, subject, Bound.AtLeast, minAccuracy, now.Accuracy, now));
            if (calibration && MaximumCalibrationError is double maxEce)
                checks.Add(Figure("MaximumCalibrationError", "ExpectedCalibrationError", scope, subject, Bound.AtMost, maxEce, now.ExpectedCalibrationError, now));
            // A class or group the baseline does not have cannot have regressed; scopes are matched by name.
            if (before == null && scope != CheckScope.All) return;
            if (MaximumIncrease is double up) checks.Add(Change("MaximumIncrease", "Loss", scope, subject, up, now.Loss, before?.Loss ?? double.NaN, rising: true));
            if (MaximumDecrease is double down) checks.Add(Change("MaximumDecrease", "Accuracy", scope, subject, down, now.Accuracy, before?.Accuracy ?? double.NaN, rising: false));
        }

        private static AssertionCheck Count(string name, string metric, Bound bound, long limit, long measured, string what)
        {
            bool passed = bound == Bound.AtMost ? measured <= limit : measured >= limit;
            return new AssertionCheck
            {
                Name = name,
                Metric = metric,
                Scope = nameof(CheckScope.All),
                Comparison = Symbol(bound),
                Limit = limit,
                Measured = measured,
                Value = measured,
                Passed = passed,
                Message = string.Format(CultureInfo.InvariantCulture, "{0} row{1} {2}: {3} the {4} {5}", measured, measured == 1 ? "" : "s", what,
                    passed ? "within" : bound == Bound.AtMost ? "more than" : "fewer than", bound == Bound.AtMost ? "maximum" : "minimum", limit),
            };
        }

        private static AssertionCheck Figure(string name, string metric, CheckScope scope, string? subject, Bound bound, double limit, double value, Figures figures)
        {
            bool passed = bound == Bound.AtMost ? value <= limit : value >= limit;
            string where = Where(scope, subject);
            string what = Label(metric);
            (string v, string l) = Pair(value, limit);
            string message = double.IsNaN(value)
                ? $"{where}{what} is NaN: {(figures.Counts.Used == 0 ? "no row was used" : "there are no labels to measure it against")}"
                : passed
                    ? $"{where}{what} {v} is within the {(bound == Bound.AtMost ? "maximum" : "minimum")} {l}"
                    : $"{where}{what} {v} is {(bound == Bound.AtMost ? "above the maximum" : "below the minimum")} {l}";
            return new AssertionCheck
            {
                Name = name,
                Metric = metric,
                Scope = scope.ToString(),
                Subject = subject,
                Comparison = Symbol(bound),
                Limit = limit,
                Measured = value,
                Value = value,
                Passed = passed,
                Message = message,
            };
        }

        // rising: the loss may rise by at most the limit; otherwise the accuracy may fall by at most the limit.
        private AssertionCheck Change(string name, string metric, CheckScope scope, string? subject, double limit, double now, double before, bool rising)
        {
            double change = rising ? now - before : before - now;
            if (Relative) change = change == 0 ? 0 : change / Math.Abs(before);
            bool passed = change <= limit;
            string where = Where(scope, subject);
            string what = Label(metric);
            string verb = rising ? (change < 0 ? "fell" : "rose") : (change < 0 ? "rose" : "fell");
            string b = Short(before), n = Short(now);
            string amount = Relative ? Percent(Math.Abs(change)) : Pair(Math.Abs(change), limit).A;
            string limitText = Relative ? Percent(limit) : Pair(Math.Abs(change), limit).B;
            string message = double.IsNaN(change)
                ? $"{where}{what} cannot be compared with the baseline ({b} before, {n} now)"
                : $"{where}{what} {verb} by {amount} ({b} in the baseline, {n} now): {(passed ? "within" : "more than")} the {(rising ? "maximum increase" : "maximum decrease")} {limitText}";
            return new AssertionCheck
            {
                Name = name,
                Metric = metric,
                Scope = scope.ToString(),
                Subject = subject,
                Comparison = Symbol(Bound.AtMost),
                Limit = limit,
                Measured = change,
                Value = now,
                Baseline = before,
                Passed = passed,
                Message = message,
            };
        }

        private static string Symbol(Bound bound) => bound == Bound.AtMost ? "<=" : ">=";

        private static string Where(CheckScope scope, string? subject) => scope switch
        {
            CheckScope.Class => $"class '{Problems.Printable.Of(subject)}': ",
            CheckScope.Group => $"group '{Problems.Printable.Of(subject)}': ",
            _ => "",
        };

        private static string Label(string metric) => metric switch
        {
            "ExpectedCalibrationError" => "expected calibration error",
            _ => metric.ToLowerInvariant(),
        };

        private static string Percent(double fraction) =>
            double.IsInfinity(fraction) ? "an unbounded share" : (fraction * 100).ToString("G4", CultureInfo.InvariantCulture) + "%";

        /// <summary>Two numbers to 6 significant digits, or in full where 6 digits would make them look equal.</summary>
        public static (string A, string B) Pair(double a, double b)
        {
            string x = Short(a), y = Short(b);
            return x == y && a != b ? (NumberText.Format(a), NumberText.Format(b)) : (x, y);
        }

        /// <summary>A figure to 6 significant digits, culture-invariantly.</summary>
        public static string Short(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
    }
}
