using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Results.Merging
{
    /// <summary>Merges Measure-CrossEntropy summaries into the summary one run over all their rows gives (per group with -GroupBy).</summary>
    internal static class LossMerge
    {
        /// <summary>One summary per group (or one; one for all the groups without <paramref name="byGroup"/>), groups in the order first seen.</summary>
        public static List<LossSummary> Merge(IReadOnlyList<MergeInput<LossSummary>> results, bool byGroup = true)
        {
            MergeInput<LossSummary> first = results[0];
            foreach (MergeInput<LossSummary> r in results) Check(first, r);
            var merged = new List<LossSummary>();
            foreach (KeyValuePair<string?, List<MergeInput<LossSummary>>> g in MergeSums.Groups(results, r => byGroup ? r.Group : null))
                merged.Add(One(g.Value, g.Key));
            return merged;
        }

        private static void Check(MergeInput<LossSummary> first, MergeInput<LossSummary> r)
        {
            LossSummary a = first.Result, b = r.Result;
            MergeChecks.Counts(r, b.Count, b.Used, b.Ignored, b.Rejected);
            MergeChecks.Lengths(r, b.ClassCounts.Length, "per-class counts",
                (nameof(b.ClassLossSums), b.ClassLossSums), (nameof(b.ClassWeightSums), b.ClassWeightSums),
                (nameof(b.ClassCorrectSums), b.ClassCorrectSums), (nameof(b.ClassSampleWeightSums), b.ClassSampleWeightSums));
            MergeChecks.SameClasses(first, a.Classes, r, b.Classes);
            MergeChecks.Same(first, a.Input, r, b.Input, "the input kind (Input)");
            MergeChecks.Same(first, a.Target, r, b.Target, "the target kind (Target)");
            MergeChecks.Same(first, a.ClassCounts.Length.ToString(CultureInfo.InvariantCulture), r,
                b.ClassCounts.Length.ToString(CultureInfo.InvariantCulture), "the number of per-class statistics (ClassCounts)");
            MergeChecks.Same(first, a.Reduction, r, b.Reduction, "the reduction (-Reduction)");
            MergeChecks.Same(first, a.TopK.ToString(CultureInfo.InvariantCulture), r, b.TopK.ToString(CultureInfo.InvariantCulture), "k of TopKAccuracy (-TopK)");
            MergeChecks.SameOptions(first, a.Options, r, b.Options);
            MergeChecks.Same(first, a.Sequences == null ? "no" : "yes", r, b.Sequences == null ? "no" : "yes", "whether it is a summary of token sequences (-SequenceColumn)");
            MergeChecks.Same(first, Penalty(a), r, Penalty(b), "the penalty λ1·‖θ‖₁ + λ2·‖θ‖²₂ (Penalty, from -L1/-L2/-ParameterPath; every shard must use the same parameters)");
            if (b.Sequences is long n)
                MergeChecks.Lengths(r, checked((int)n), "sequences", (nameof(b.SequenceIds), b.SequenceIds), (nameof(b.SequenceLossSums), b.SequenceLossSums),
                    (nameof(b.SequenceWeightSums), b.SequenceWeightSums), (nameof(b.SequenceZLossSums), b.SequenceZLossSums),
                    (nameof(b.SequenceSampleWeightSums), b.SequenceSampleWeightSums));
        }

        private static string Penalty(LossSummary s) => s.Penalty is double p ? OptionsText.Number(p) : "none";

        private static LossSummary One(List<MergeInput<LossSummary>> results, string? group)
        {
            LossSummary a = results[0].Result;
            var sums = new LossSums
            {
                Counts = new RowCounts
                {
                    Used = MergeSums.Count(results, r => r.Used),
                    Ignored = MergeSums.Count(results, r => r.Ignored),
                    Rejected = MergeSums.Count(results, r => r.Rejected),
                },
                LossSum = MergeSums.Sum(results, r => r.LossSum),
                WeightSum = MergeSums.Sum(results, r => r.WeightSum),
                CorrectSum = MergeSums.Sum(results, r => r.CorrectSum),
                TopKCorrectSum = MergeSums.Sum(results, r => r.TopKCorrectSum),
                ZLossSum = MergeSums.Sum(results, r => r.ZLossSum),
                SampleWeightSum = MergeSums.Sum(results, r => r.SampleWeightSum),
            };
            int classes = a.ClassCounts.Length;
            long[] count = MergeSums.Counts(results, classes, r => r.ClassCounts);
            double[] loss = MergeSums.Sums(results, classes, r => r.ClassLossSums);
            double[] weight = MergeSums.Sums(results, classes, r => r.ClassWeightSums);
            double[] correct = MergeSums.Sums(results, classes, r => r.ClassCorrectSums);
            double[] sampleWeight = MergeSums.Sums(results, classes, r => r.ClassSampleWeightSums);
            var perClass = new ClassSums[classes];
            for (int c = 0; c < classes; c++)
                perClass[c] = new ClassSums { Count = count[c], LossSum = loss[c], WeightSum = weight[c], CorrectSum = correct[c], SampleWeightSum = sampleWeight[c] };
            var shape = new ResultShape { Classes = a.Classes, Input = a.Input, Target = a.Target, Options = a.Options, TopK = a.TopK, ZLoss = a.ZLoss != null };
            Reduction reduction = a.Reduction == "Sum" ? Reduction.Sum : Reduction.Mean;
            LossAccumulator total = LossAccumulator.FromSums(sums, perClass);
            LossSummary merged = LossResults.Summary(total, shape, reduction, MergeChecks.JoinDistinct(results.Select(r => r.Result.Source)), group);
            if (a.Sequences != null) MergeSequences(merged, results, total);
            return a.Penalty is double penalty ? LossResults.WithPenalty(merged, penalty) : merged;
        }

        // A sequence split across shards is one sequence: its sums add by id (exactly), then the figures are rebuilt.
        private static void MergeSequences(LossSummary merged, List<MergeInput<LossSummary>> results, LossAccumulator total)
        {
            var byId = new SortedDictionary<string, ExactSum[]>(StringComparer.Ordinal);
            foreach (MergeInput<LossSummary> r in results)
            {
                LossSummary b = r.Result;
                for (int i = 0; i < b.SequenceIds.Length; i++)
                {
                    if (!byId.TryGetValue(b.SequenceIds[i], out ExactSum[]? s))
                        byId.Add(b.SequenceIds[i], s = new[] { new ExactSum(), new ExactSum(), new ExactSum(), new ExactSum() });
                    s[0].Add(b.SequenceLossSums[i]);
                    s[1].Add(b.SequenceWeightSums[i]);
                    s[2].Add(b.SequenceZLossSums[i]);
                    s[3].Add(b.SequenceSampleWeightSums[i]);
                }
            }
            var sequences = byId.Values.Select(s => LossAccumulator.FromSums(
                new LossSums { LossSum = s[0].Value, WeightSum = s[1].Value, ZLossSum = s[2].Value, SampleWeightSum = s[3].Value }, Array.Empty<ClassSums>())).ToList();
            SequenceResults.WithSequences(merged, byId.Keys.ToList(), sequences, total);
        }
    }
}
