using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossEntropy.Engine;
using CrossEntropy.Engine.Classification;

namespace CrossEntropy.Data.Results.Merging
{
    /// <summary>
    /// Merges Measure-Classification summaries: the confusion cells add (exact sums), so every threshold figure is
    /// the one run's; the score rankings (-IncludeRanking) add per distinct score, so RocAuc and AveragePrecision are
    /// too. When a part carries no ranking the merged ranking figures are NaN (<see cref="MissingRankings"/> names it).
    /// </summary>
    internal static class ClassificationMerge
    {
        /// <summary>One summary per group (or one), groups in the order first seen.</summary>
        public static List<ClassificationSummary> Merge(IReadOnlyList<MergeInput<ClassificationSummary>> results)
        {
            MergeInput<ClassificationSummary> first = results[0];
            foreach (MergeInput<ClassificationSummary> r in results) Check(first, r);
            var merged = new List<ClassificationSummary>();
            foreach (KeyValuePair<string?, List<MergeInput<ClassificationSummary>>> g in MergeSums.Groups(results, r => r.Group))
                merged.Add(One(g.Value, g.Key));
            return merged;
        }

        /// <summary>The results without rankings (run without -IncludeRanking), by name; empty when all have them.</summary>
        public static List<string> MissingRankings(IReadOnlyList<MergeInput<ClassificationSummary>> results) =>
            results.Where(r => r.Result.RankingLengths.Length == 0).Select(r => r.Name).ToList();

        private static void Check(MergeInput<ClassificationSummary> first, MergeInput<ClassificationSummary> r)
        {
            ClassificationSummary a = first.Result, b = r.Result;
            int c = b.Classes.Length;
            MergeChecks.Counts(r, b.Count, b.Used, b.Ignored, b.Rejected);
            MergeChecks.SameClasses(first, a.Classes, r, b.Classes);
            MergeChecks.Lengths(r, b.ConfusionTrue.Length, "confusion-matrix cells (the length of ConfusionTrue)", (nameof(b.ConfusionPredicted), b.ConfusionPredicted),
                (nameof(b.ConfusionWeights), b.ConfusionWeights), (nameof(b.ConfusionCounts), b.ConfusionCounts));
            for (int i = 0; i < b.ConfusionTrue.Length; i++)
            {
                if ((uint)b.ConfusionTrue[i] >= (uint)c || (uint)b.ConfusionPredicted[i] >= (uint)c)
                    throw new MergeException(string.Format(CultureInfo.InvariantCulture, "Cannot merge {0}: its confusion cell {1} (ConfusionTrue {2}, ConfusionPredicted {3}) names a class outside its {4} classes.",
                        r.Name, i, b.ConfusionTrue[i], b.ConfusionPredicted[i], c));
            }
            MergeChecks.Same(first, a.Input, r, b.Input, "the input kind (Input)");
            MergeChecks.Same(first, a.Target, r, b.Target, "the target kind (Target)");
            MergeChecks.SameOptions(first, a.Options, r, b.Options);
            if (b.RankingLengths.Length == 0) return;
            MergeChecks.Lengths(r, c, "classes", (nameof(b.RankingLengths), b.RankingLengths));
            long total = b.RankingLengths.Sum();
            if (total > int.MaxValue) throw new MergeException($"Cannot merge {r.Name}: its rankings hold {total} scores, more than one merge can hold.");
            MergeChecks.Lengths(r, (int)total, "ranked scores (the sum of RankingLengths)", (nameof(b.RankingScores), b.RankingScores),
                (nameof(b.RankingPositiveWeights), b.RankingPositiveWeights), (nameof(b.RankingNegativeWeights), b.RankingNegativeWeights));
        }

        private static ClassificationSummary One(List<MergeInput<ClassificationSummary>> m, string? group)
        {
            ClassificationSummary a = m[0].Result;
            int c = a.Classes.Length;
            ConfusionCounts matrix = Cells(m, c);
            var rankings = new ScoreTable?[c];
            if (MissingRankings(m).Count == 0)
                for (int k = c == 2 ? 1 : 0; k < c; k++) rankings[k] = ScoreTable.FromParts(m.Select(r => Part(r.Result, k)));
            var counts = new RowCounts
            {
                Used = MergeSums.Count(m, r => r.Count - r.Ignored - r.Rejected),
                Ignored = MergeSums.Count(m, r => r.Ignored),
                Rejected = MergeSums.Count(m, r => r.Rejected),
            };
            var shape = new ResultShape { Classes = a.Classes, Input = a.Input, Target = a.Target, Options = a.Options };
            (_, _, double[] cellWeights, long[] cellCounts) = matrix.Cells();
            bool weighted = m.Any(r => r.Result.ConfusionMatrix.IsWeighted) || !cellWeights.SequenceEqual(cellCounts.Select(n => (double)n));
            bool keepRanking = rankings.Any(t => t != null);
            return ClassificationResults.Summary(ClassificationAccumulator.FromSums(matrix, rankings), counts, shape, weighted, keepRanking,
                MergeChecks.JoinDistinct(m.Select(r => r.Result.Source)), group);
        }

        // The cells of every part added: each cell's weights as one exact sum (the same bits in any order), its rows as checked integers.
        private static ConfusionCounts Cells(List<MergeInput<ClassificationSummary>> m, int classes)
        {
            var weights = new SortedDictionary<long, ExactSum>();
            var counts = new SortedDictionary<long, long>();
            foreach (MergeInput<ClassificationSummary> r in m)
            {
                ClassificationSummary s = r.Result;
                for (int i = 0; i < s.ConfusionTrue.Length; i++)
                {
                    long key = (long)s.ConfusionTrue[i] * classes + s.ConfusionPredicted[i];
                    if (!weights.TryGetValue(key, out ExactSum? sum)) weights.Add(key, sum = new ExactSum());
                    sum.Add(s.ConfusionWeights[i]);
                    counts[key] = checked((counts.TryGetValue(key, out long before) ? before : 0) + s.ConfusionCounts[i]);
                }
            }
            var truth = new int[weights.Count];
            var predicted = new int[weights.Count];
            var w = new double[weights.Count];
            var n = new long[weights.Count];
            int j = 0;
            foreach (KeyValuePair<long, ExactSum> cell in weights)
            {
                truth[j] = (int)(cell.Key / classes);
                predicted[j] = (int)(cell.Key % classes);
                w[j] = cell.Value.Value;
                n[j] = counts[cell.Key];
                j++;
            }
            return ConfusionCounts.FromCells(classes, truth, predicted, w, n);
        }

        // Class k's slice of a result's flat rankings.
        private static (double[] Scores, double[] Positives, double[] Negatives) Part(ClassificationSummary s, int k)
        {
            int from = (int)s.RankingLengths.Take(k).Sum(), length = (int)s.RankingLengths[k];
            return (Slice(s.RankingScores, from, length), Slice(s.RankingPositiveWeights, from, length), Slice(s.RankingNegativeWeights, from, length));
        }

        private static double[] Slice(double[] v, int from, int length)
        {
            var part = new double[length];
            System.Array.Copy(v, from, part, 0, length);
            return part;
        }

        /// <summary>The warning for merged figures without rankings.</summary>
        public static string NoRankingWarning(List<string> missing) => string.Format(CultureInfo.InvariantCulture,
            "RocAuc and AveragePrecision of the merged classification summary are NaN: {0} carried no score ranking. " +
            "A ranking grows with the distinct scores (about 24 bytes each per ranked class), so summaries carry it only with " +
            "Measure-Classification -IncludeRanking; run every shard with it to merge them exactly. The other figures are exact.",
            missing.Count == 1 ? missing[0] : $"{missing.Count} results ({missing[0]}, ...)");
    }
}
