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
            MergeChecks.Lengths(r, c * c, "confusion-matrix cells (classes squared)",
                (nameof(b.ConfusionWeights), b.ConfusionWeights), (nameof(b.ConfusionCounts), b.ConfusionCounts));
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
            var matrix = ConfusionCounts.FromSums(c, MergeSums.Sums(m, c * c, r => r.ConfusionWeights), MergeSums.Counts(m, c * c, r => r.ConfusionCounts));
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
            bool weighted = m.Any(r => r.Result.ConfusionMatrix.IsWeighted) || !matrix.Weights.SequenceEqual(matrix.Counts.Select(n => (double)n));
            bool keepRanking = rankings.Any(t => t != null);
            return ClassificationResults.Summary(ClassificationAccumulator.FromSums(matrix, rankings), counts, shape, weighted, keepRanking,
                MergeChecks.JoinDistinct(m.Select(r => r.Result.Source)), group);
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
