using System;
using System.Collections.Generic;
using System.Linq;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Results.Merging
{
    /// <summary>
    /// Sums over the results of one merge. Doubles go through <see cref="ExactSum"/> (the exact sum, rounded once), so
    /// a merged figure is the same bits whatever order the results came in; counts add as checked 64-bit integers.
    /// </summary>
    internal static class MergeSums
    {
        /// <summary>The exact sum of <paramref name="value"/> over the results, rounded once.</summary>
        public static double Sum<T>(IEnumerable<MergeInput<T>> results, Func<T, double> value)
            where T : class => ExactSum.Of(results.Select(r => value(r.Result)));

        /// <summary>The sum of a count over the results (an overflow throws).</summary>
        public static long Count<T>(IEnumerable<MergeInput<T>> results, Func<T, long> value)
            where T : class
        {
            long total = 0;
            foreach (MergeInput<T> r in results) total = checked(total + value(r.Result));
            return total;
        }

        /// <summary>Entry-wise exact sums of an array of doubles of <paramref name="length"/> entries.</summary>
        public static double[] Sums<T>(IReadOnlyList<MergeInput<T>> results, int length, Func<T, double[]> values)
            where T : class
        {
            var sums = new double[length];
            var exact = new ExactSum();
            for (int i = 0; i < length; i++)
            {
                exact.Clear();
                foreach (MergeInput<T> r in results) exact.Add(values(r.Result)[i]);
                sums[i] = exact.Value;
            }
            return sums;
        }

        /// <summary>Entry-wise sums of an array of counts.</summary>
        public static long[] Counts<T>(IReadOnlyList<MergeInput<T>> results, int length, Func<T, long[]> values)
            where T : class
        {
            var sums = new long[length];
            foreach (MergeInput<T> r in results)
            {
                long[] v = values(r.Result);
                for (int i = 0; i < length; i++) sums[i] = checked(sums[i] + v[i]);
            }
            return sums;
        }

        /// <summary>
        /// The results by their group (-GroupBy value; null without groups), groups in the order first seen. Results
        /// with groups and results without cannot be merged together.
        /// </summary>
        public static List<KeyValuePair<string?, List<MergeInput<T>>>> Groups<T>(IReadOnlyList<MergeInput<T>> results, Func<T, string?> group)
            where T : class
        {
            var groups = new List<KeyValuePair<string?, List<MergeInput<T>>>>();
            var byName = new Dictionary<string, List<MergeInput<T>>>(StringComparer.Ordinal);
            List<MergeInput<T>>? ungrouped = null;
            MergeInput<T>? firstGrouped = null, firstUngrouped = null;
            foreach (MergeInput<T> r in results)
            {
                string? g = group(r.Result);
                if (g == null)
                {
                    firstUngrouped ??= r;
                    if (ungrouped == null) groups.Add(new KeyValuePair<string?, List<MergeInput<T>>>(null, ungrouped = new List<MergeInput<T>>()));
                    ungrouped.Add(r);
                    continue;
                }
                firstGrouped ??= r;
                if (!byName.TryGetValue(g, out List<MergeInput<T>>? members))
                {
                    byName.Add(g, members = new List<MergeInput<T>>());
                    groups.Add(new KeyValuePair<string?, List<MergeInput<T>>>(g, members));
                }
                members.Add(r);
            }
            if (firstGrouped != null && firstUngrouped != null)
                throw new MergeException($"Cannot merge {firstGrouped.Name} with {firstUngrouped.Name}: the first is a group's result (-GroupBy), the second is not. Run every shard with the same -GroupBy.");
            return groups;
        }
    }
}
