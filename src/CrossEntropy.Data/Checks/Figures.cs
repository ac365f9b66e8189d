using System;
using System.Collections.Generic;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Checks
{
    /// <summary>The figures a limit is checked against, for every row or for one class or group.</summary>
    internal sealed class Figures
    {
        /// <summary>Mean cross-entropy (nats); NaN without used rows.</summary>
        public double Loss { get; init; } = double.NaN;
        /// <summary>Fraction of used rows predicted right; NaN without used rows.</summary>
        public double Accuracy { get; init; } = double.NaN;
        /// <summary>Top-label expected calibration error; NaN without used rows (and for a class: not computed).</summary>
        public double ExpectedCalibrationError { get; init; } = double.NaN;
        /// <summary>Rows used, ignored and rejected.</summary>
        public RowCounts Counts { get; init; }

        /// <summary>The figures of loss sums, with an ECE.</summary>
        public static Figures Of(LossAccumulator sums, double ece) => new Figures
        {
            Loss = sums.Mean,
            Accuracy = sums.Accuracy,
            ExpectedCalibrationError = ece,
            Counts = sums.Counts,
        };
    }

    /// <summary>An audit's figures overall, per true class and per group, by name (classes and groups in their order).</summary>
    internal sealed class RunFigures
    {
        private readonly List<KeyValuePair<string, Figures>> _classes = new List<KeyValuePair<string, Figures>>();
        private readonly List<KeyValuePair<string, Figures>> _groups = new List<KeyValuePair<string, Figures>>();
        // Names → figures, for comparing a scope with the baseline's scope of the same name in O(1).
        private readonly Dictionary<string, Figures> _classByName = new Dictionary<string, Figures>(StringComparer.Ordinal);
        private readonly Dictionary<string, Figures> _groupByName = new Dictionary<string, Figures>(StringComparer.Ordinal);

        /// <summary>The sources the figures come from.</summary>
        public IReadOnlyList<string> Sources { get; init; } = Array.Empty<string>();
        /// <summary>Every row.</summary>
        public Figures All { get; init; } = new Figures();
        /// <summary>Per true class, in class order (loss and accuracy; classes without rows have NaN figures).</summary>
        public IReadOnlyList<KeyValuePair<string, Figures>> Classes => _classes;
        /// <summary>Per group (-GroupBy), in the order first seen.</summary>
        public IReadOnlyList<KeyValuePair<string, Figures>> Groups => _groups;

        /// <summary>Adds a class's figures.</summary>
        public void AddClass(string name, Figures f) => Add(_classes, _classByName, name, f);

        /// <summary>Adds a group's figures.</summary>
        public void AddGroup(string name, Figures f) => Add(_groups, _groupByName, name, f);

        /// <summary>The figures of the class named <paramref name="name"/> if it has used rows; else null.</summary>
        public Figures? Class(string name) => _classByName.TryGetValue(name, out Figures? f) && f.Counts.Used > 0 ? f : null;

        /// <summary>The figures of the group named <paramref name="name"/> if it has used rows; else null.</summary>
        public Figures? Group(string name) => _groupByName.TryGetValue(name, out Figures? f) && f.Counts.Used > 0 ? f : null;

        /// <summary>The figures of a finished audit run: overall, per class, per group (each pass over the classes once).</summary>
        public static RunFigures From(LossRun run, IReadOnlyList<string> sources)
        {
            var audit = run.Audit ?? throw new ArgumentException("The run is not an audit.", nameof(run));
            var f = new RunFigures { Sources = sources, All = Figures.Of(run.Total, audit.Calibration.ExpectedCalibrationError) };
            for (int c = 0; c < run.Total.ClassCount; c++)
            {
                ClassSums t = run.Total.ClassAt(c);
                f.AddClass(run.Schema.ClassName(c), new Figures { Loss = t.Loss, Accuracy = t.Accuracy, Counts = new RowCounts { Used = t.Count } });
            }
            if (run.Schema.GroupColumn < 0) return f;
            for (int g = 0; g < run.GroupNames.Count; g++)
                f.AddGroup(run.GroupNames[g], Figures.Of(run.GroupSums(g), audit.CalibrationOf(g).ExpectedCalibrationError));
            return f;
        }

        private static void Add(List<KeyValuePair<string, Figures>> list, Dictionary<string, Figures> byName, string name, Figures f)
        {
            list.Add(new KeyValuePair<string, Figures>(name, f));
            // The first of a name wins, as a search in order would find it.
            if (!byName.ContainsKey(name)) byName.Add(name, f);
        }
    }
}
