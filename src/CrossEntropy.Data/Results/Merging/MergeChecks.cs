using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CrossEntropy.Data.Results.Merging
{
    /// <summary>
    /// What two results must share to be merged, checked against the first result of their kind: the same classes in
    /// the same order, the same input and target kinds, the same options text (compared name by name, so the message
    /// says which option differs), and statistics whose lengths fit the classes or bins.
    /// </summary>
    internal static class MergeChecks
    {
        /// <summary>Throws unless <paramref name="b"/>'s value of <paramref name="what"/> equals <paramref name="a"/>'s.</summary>
        public static void Same<T>(MergeInput<T> a, string aValue, MergeInput<T> b, string bValue, string what)
            where T : class
        {
            if (string.Equals(aValue, bValue, StringComparison.Ordinal)) return;
            throw new MergeException($"Cannot merge {b.Name} with {a.Name}: {what} differs ({Shown(bValue)} in {b.Name}, {Shown(aValue)} in {a.Name}).");
        }

        /// <summary>Throws unless both have the same classes in the same order.</summary>
        public static void SameClasses<T>(MergeInput<T> a, string[] aClasses, MergeInput<T> b, string[] bClasses)
            where T : class
        {
            if (aClasses.SequenceEqual(bClasses, StringComparer.Ordinal)) return;
            throw new MergeException($"Cannot merge {b.Name} with {a.Name}: their classes differ ({List(bClasses)} in {b.Name}, {List(aClasses)} in {a.Name}). " +
                "Results merge only over the same classes in the same order: give every shard the same -Class.");
        }

        /// <summary>Throws unless both have the same options text, naming the options that differ.</summary>
        public static void SameOptions<T>(MergeInput<T> a, string aOptions, MergeInput<T> b, string bOptions)
            where T : class
        {
            if (string.Equals(aOptions, bOptions, StringComparison.Ordinal)) return;
            var first = OptionsText.Parse(aOptions).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var second = OptionsText.Parse(bOptions).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var differing = first.Keys.Union(second.Keys)
                .Where(k => !first.TryGetValue(k, out string? x) || !second.TryGetValue(k, out string? y) || x != y)
                .Select(k => $"{k} {Value(second, k)} in {b.Name}, {Value(first, k)} in {a.Name}");
            throw new MergeException($"Cannot merge {b.Name} with {a.Name}: they were computed with different options ({string.Join("; ", differing)}).");
        }

        /// <summary>Throws unless every array has <paramref name="length"/> entries.</summary>
        public static void Lengths<T>(MergeInput<T> r, int length, string unit, params (string Name, Array Values)[] arrays)
            where T : class
        {
            foreach ((string name, Array values) in arrays)
            {
                if (values.Length == length) continue;
                throw new MergeException(string.Format(CultureInfo.InvariantCulture,
                    "Cannot merge {0}: {1} has {2} entries, but the result has {3} {4}. Its statistics are incomplete (made by an older CrossEntropy, or cut in transit).",
                    r.Name, name, values.Length, length, unit));
            }
        }

        /// <summary>Throws unless Count = Used + Ignored + Rejected (calibration: Used = Σ BinCounts).</summary>
        public static void Counts<T>(MergeInput<T> r, long count, long used, long ignored, long rejected)
            where T : class
        {
            if (count == used + ignored + rejected) return;
            throw new MergeException(string.Format(CultureInfo.InvariantCulture,
                "Cannot merge {0}: its Count ({1}) is not Used + Ignored + Rejected ({2} + {3} + {4}).", r.Name, count, used, ignored, rejected));
        }

        /// <summary>Distinct values in first-seen order, joined by ", " (the merged result's Source).</summary>
        public static string JoinDistinct(IEnumerable<string> values) =>
            string.Join(", ", values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal));

        private static string Value(Dictionary<string, string> pairs, string key) =>
            pairs.TryGetValue(key, out string? v) ? (v.Length == 0 ? "(empty)" : v) : "(not given)";

        private static string Shown(string value) => value.Length == 0 ? "(none)" : "'" + value + "'";

        private static string List(string[] classes) => classes.Length == 0 ? "(none)" : string.Join(", ", classes);
    }
}
