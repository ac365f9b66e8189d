using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CrossEntropy.Data
{
    /// <summary>One limit checked against one figure (a row of the JSON result's "checks").</summary>
    public sealed class Check
    {
        /// <summary>The limit's name: the parameter that set it (MaximumLoss, ...) or, for Test-Prediction, the problem kind.</summary>
        public string Name { get; set; } = "";
        /// <summary>What is measured: Loss, Accuracy, ExpectedCalibrationError, Used, Rejected, or a problem kind.</summary>
        public string Metric { get; set; } = "";
        /// <summary>All (every row), Class (rows of one true class), Group (rows of one -GroupBy value) or Source (Test-Prediction).</summary>
        public string Scope { get; set; } = "All";
        /// <summary>The class (Scope Class) or group (Scope Group); null for All.</summary>
        public string? Subject { get; set; }
        /// <summary>"&lt;=" or "&gt;=": how <see cref="Measured"/> must compare with <see cref="Limit"/>.</summary>
        public string Comparison { get; set; } = "<=";
        /// <summary>The limit.</summary>
        public double Limit { get; set; }
        /// <summary>What is compared with the limit: the figure, or its change from the baseline.</summary>
        public double Measured { get; set; }
        /// <summary>The figure now (equal to <see cref="Measured"/> unless this is a baseline comparison).</summary>
        public double Value { get; set; }
        /// <summary>The baseline's figure for a baseline comparison; null otherwise.</summary>
        public double? Baseline { get; set; }
        /// <summary>True when the limit holds. NaN never passes.</summary>
        public bool Passed { get; set; }
        /// <summary>A sentence saying what was measured against what.</summary>
        public string Message { get; set; } = "";
    }

    /// <summary>
    /// The limits of Assert-CrossEntropy and their evaluation. Every limit applies to every row; with
    /// <see cref="PerClass"/> the loss and accuracy limits apply to each class's rows too, and when the figures have
    /// groups, the loss, accuracy and calibration limits apply to each group. A baseline comparison checks how much
    /// the loss rose (<see cref="MaximumIncrease"/>) and the accuracy fell (<see cref="MaximumDecrease"/>) from the
    /// baseline's figure of the same scope: absolute differences in the figure's own unit, or with
    /// <see cref="Relative"/> fractions of the baseline's figure.
    /// </summary>
    public sealed class Limits
    {
        /// <summary>Highest mean loss allowed.</summary>
        public double? MaximumLoss { get; set; }
        /// <summary>Lowest accuracy allowed.</summary>
        public double? MinimumAccuracy { get; set; }
        /// <summary>Highest expected calibration error allowed.</summary>
        public double? MaximumCalibrationError { get; set; }
        /// <summary>Most rejected rows allowed (default 0).</summary>
        public long MaximumRejected { get; set; }
        /// <summary>Fewest used rows allowed (default 1: an empty file never passes).</summary>
        public long MinimumUsed { get; set; } = 1;
        /// <summary>Apply the loss and accuracy limits (and baseline comparisons) to each class too.</summary>
        public bool PerClass { get; set; }
        /// <summary>Largest rise of the loss over the baseline's allowed.</summary>
        public double? MaximumIncrease { get; set; }
        /// <summary>Largest fall of the accuracy below the baseline's allowed.</summary>
        public double? MaximumDecrease { get; set; }
        /// <summary>Increase and decrease are fractions of the baseline's figure, not differences.</summary>
        public bool Relative { get; set; }

        /// <summary>True when a baseline comparison is asked for.</summary>
        public bool ComparesWithBaseline => MaximumIncrease != null || MaximumDecrease != null;

        /// <summary>Every check, in a fixed order: counts, then every row, then classes, then groups.</summary>
        public List<Check> Evaluate(RunFigures current, RunFigures? baseline)
        {
            var checks = new List<Check>
            {
                Count("MinimumUsed", "Used", ">=", MinimumUsed, current.All.Used, "used"),
                Count("MaximumRejected", "Rejected", "<=", MaximumRejected, current.All.Rejected, "rejected"),
            };
            Scope(checks, "All", null, current.All, baseline?.All, calibration: true);
            if (PerClass)
            {
                foreach (KeyValuePair<string, Figures> c in current.Classes.Where(c => c.Value.Used > 0))
                    Scope(checks, "Class", c.Key, c.Value, Find(baseline?.Classes, c.Key), calibration: false);
            }
            foreach (KeyValuePair<string, Figures> g in current.Groups)
                Scope(checks, "Group", g.Key, g.Value, Find(baseline?.Groups, g.Key), calibration: true);
            return checks;
        }

        private static Figures? Find(List<KeyValuePair<string, Figures>>? list, string name)
        {
            if (list == null) return null;
            foreach (KeyValuePair<string, Figures> kv in list)
                if (kv.Key == name && kv.Value.Used > 0) return kv.Value;
            return null;
        }

        private void Scope(List<Check> checks, string scope, string? subject, Figures now, Figures? before, bool calibration)
        {
            if (MaximumLoss is double maxLoss) checks.Add(Figure("MaximumLoss", "Loss", scope, subject, "<=", maxLoss, now.Loss, now));
            if (MinimumAccuracy is double minAccuracy) checks.Add(Figure("MinimumAccuracy", "Accuracy", scope, subject, ">=", minAccuracy, now.Accuracy, now));
            if (calibration && MaximumCalibrationError is double maxEce)
                checks.Add(Figure("MaximumCalibrationError", "ExpectedCalibrationError", scope, subject, "<=", maxEce, now.ExpectedCalibrationError, now));
            // A class or group the baseline does not have cannot have regressed; scopes are matched by name.
            if (before == null && scope != "All") return;
            if (MaximumIncrease is double up) checks.Add(Change("MaximumIncrease", "Loss", scope, subject, up, now.Loss, before?.Loss ?? double.NaN, rising: true));
            if (MaximumDecrease is double down) checks.Add(Change("MaximumDecrease", "Accuracy", scope, subject, down, now.Accuracy, before?.Accuracy ?? double.NaN, rising: false));
        }

        private static Check Count(string name, string metric, string comparison, long limit, long measured, string what)
        {
            bool passed = comparison == "<=" ? measured <= limit : measured >= limit;
            return new Check
            {
                Name = name,
                Metric = metric,
                Comparison = comparison,
                Limit = limit,
                Measured = measured,
                Value = measured,
                Passed = passed,
                Message = string.Format(CultureInfo.InvariantCulture, "{0} row{1} {2}: {3} the {4} {5}", measured, measured == 1 ? "" : "s", what,
                    passed ? "within" : comparison == "<=" ? "more than" : "fewer than", comparison == "<=" ? "maximum" : "minimum", limit),
            };
        }

        private static Check Figure(string name, string metric, string scope, string? subject, string comparison, double limit, double value, Figures figures)
        {
            bool passed = comparison == "<=" ? value <= limit : value >= limit;
            string where = Where(scope, subject);
            string what = Label(metric);
            (string v, string l) = Pair(value, limit);
            string message = double.IsNaN(value)
                ? $"{where}{what} is NaN: {(figures.Used == 0 ? "no row was used" : "there are no labels to measure it against")}"
                : passed
                    ? $"{where}{what} {v} is within the {(comparison == "<=" ? "maximum" : "minimum")} {l}"
                    : $"{where}{what} {v} is {(comparison == "<=" ? "above the maximum" : "below the minimum")} {l}";
            return new Check
            {
                Name = name,
                Metric = metric,
                Scope = scope,
                Subject = subject,
                Comparison = comparison,
                Limit = limit,
                Measured = value,
                Value = value,
                Passed = passed,
                Message = message,
            };
        }

        // rising: the loss may rise by at most the limit; otherwise the accuracy may fall by at most the limit.
        private Check Change(string name, string metric, string scope, string? subject, double limit, double now, double before, bool rising)
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
            return new Check
            {
                Name = name,
                Metric = metric,
                Scope = scope,
                Subject = subject,
                Comparison = "<=",
                Limit = limit,
                Measured = change,
                Value = now,
                Baseline = before,
                Passed = passed,
                Message = message,
            };
        }

        private static string Where(string scope, string? subject) => scope switch
        {
            "Class" => $"class '{subject}': ",
            "Group" => $"group '{subject}': ",
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
