using System.Collections.Generic;
using System.Linq;

namespace CrossEntropy.Data.Results.Merging
{
    /// <summary>Merges Find-NoisyLabel -ThresholdOnly results: per class, the counts and Σ q_y add (exactly), and t_y is rebuilt.</summary>
    internal static class ThresholdMerge
    {
        /// <summary>The thresholds one run over every part's rows gives.</summary>
        public static ClassThresholds Merge(IReadOnlyList<MergeInput<ClassThresholds>> results)
        {
            MergeInput<ClassThresholds> first = results[0];
            foreach (MergeInput<ClassThresholds> r in results)
            {
                ClassThresholds a = first.Result, b = r.Result;
                MergeChecks.Counts(r, b.Count, b.Used, b.Ignored, b.Rejected);
                MergeChecks.SameClasses(first, a.Classes, r, b.Classes);
                MergeChecks.Lengths(r, b.Classes.Length, "classes", (nameof(b.ClassCounts), b.ClassCounts), (nameof(b.LabelProbabilitySums), b.LabelProbabilitySums));
                MergeChecks.Same(first, a.Input, r, b.Input, "the input kind (Input)");
                MergeChecks.Same(first, a.Target, r, b.Target, "the target kind (Target)");
                MergeChecks.SameOptions(first, a.Options, r, b.Options);
            }
            ClassThresholds s = first.Result;
            int c = s.Classes.Length;
            long[] counts = MergeSums.Counts(results, c, r => r.ClassCounts);
            double[] sums = MergeSums.Sums(results, c, r => r.LabelProbabilitySums);
            return NoisyLabelResults.Thresholds(s.Classes, counts, sums, new Engine.RowCounts
            {
                Used = MergeSums.Count(results, r => r.Used),
                Ignored = MergeSums.Count(results, r => r.Ignored),
                Rejected = MergeSums.Count(results, r => r.Rejected),
            }, s.Input, s.Target, s.Options, MergeChecks.JoinDistinct(results.Select(r => r.Result.Source)));
        }
    }
}
