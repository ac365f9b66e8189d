using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossEntropy.Engine;
using CrossEntropy.Engine.Audit;

namespace CrossEntropy.Data.Results.Merging
{
    /// <summary>Merges Measure-Calibration and Measure-Entropy summaries into what one run over all their rows gives.</summary>
    internal static class AuditMerge
    {
        /// <summary>One calibration summary per group (or one; one for all the groups without <paramref name="byGroup"/>), groups in the order first seen.</summary>
        public static List<CalibrationSummary> Calibration(IReadOnlyList<MergeInput<CalibrationSummary>> results, bool byGroup = true)
        {
            MergeInput<CalibrationSummary> first = results[0];
            foreach (MergeInput<CalibrationSummary> r in results)
            {
                CalibrationSummary a = first.Result, b = r.Result;
                // Used counts the binned rows here; rows read but not binned (no label) are the rest of Count.
                MergeChecks.Counts(r, b.Used, b.BinCounts.Sum(), 0, 0);
                MergeChecks.Lengths(r, b.BinCount, "bins", (nameof(b.BinCounts), b.BinCounts), (nameof(b.BinWeights), b.BinWeights),
                    (nameof(b.BinConfidenceSums), b.BinConfidenceSums), (nameof(b.BinCorrectSums), b.BinCorrectSums));
                MergeChecks.SameClasses(first, a.Classes, r, b.Classes);
                MergeChecks.Same(first, a.Input, r, b.Input, "the input kind (Input)");
                MergeChecks.Same(first, a.Target, r, b.Target, "the target kind (Target)");
                MergeChecks.Same(first, Text(a.BinCount), r, Text(b.BinCount), "the number of bins (-BinCount)");
                MergeChecks.SameOptions(first, a.Options, r, b.Options);
            }
            var merged = new List<CalibrationSummary>();
            foreach (KeyValuePair<string?, List<MergeInput<CalibrationSummary>>> g in MergeSums.Groups(results, r => byGroup ? r.Group : null))
            {
                List<MergeInput<CalibrationSummary>> m = g.Value;
                CalibrationSummary a = m[0].Result;
                int bins = a.BinCount;
                CalibrationAccumulator cal = CalibrationAccumulator.FromSums(MergeSums.Counts(m, bins, r => r.BinCounts),
                    MergeSums.Sums(m, bins, r => r.BinWeights), MergeSums.Sums(m, bins, r => r.BinConfidenceSums),
                    MergeSums.Sums(m, bins, r => r.BinCorrectSums), MergeSums.Sum(m, r => r.BrierSum));
                // Rows read but not binned (used rows without a label are read, not binned) count as they did in each result.
                var counts = new RowCounts
                {
                    Used = MergeSums.Count(m, r => r.Count - r.Ignored - r.Rejected),
                    Ignored = MergeSums.Count(m, r => r.Ignored),
                    Rejected = MergeSums.Count(m, r => r.Rejected),
                };
                merged.Add(AuditResults.Calibration(cal, counts, Shape(a.Classes, a.Input, a.Target, a.Options), Source(m), g.Key));
            }
            return merged;
        }

        /// <summary>One entropy summary per group (or one), groups in the order first seen.</summary>
        public static List<EntropySummary> Entropy(IReadOnlyList<MergeInput<EntropySummary>> results)
        {
            MergeInput<EntropySummary> first = results[0];
            foreach (MergeInput<EntropySummary> r in results)
            {
                EntropySummary a = first.Result, b = r.Result;
                MergeChecks.Counts(r, b.Count, b.Used, b.Ignored, b.Rejected);
                MergeChecks.SameClasses(first, a.Classes, r, b.Classes);
                MergeChecks.Lengths(r, a.ClassWeightSums.Length, "label classes", (nameof(b.ClassWeightSums), b.ClassWeightSums));
                MergeChecks.Same(first, a.Input, r, b.Input, "the input kind (Input)");
                MergeChecks.Same(first, a.Target, r, b.Target, "the target kind (Target)");
                MergeChecks.Same(first, a.Base, r, b.Base, "the logarithm's base (-Base)");
                MergeChecks.Same(first, a.Reduction, r, b.Reduction, "the reduction (-Reduction)");
                MergeChecks.SameOptions(first, a.Options, r, b.Options);
            }
            var merged = new List<EntropySummary>();
            foreach (KeyValuePair<string?, List<MergeInput<EntropySummary>>> g in MergeSums.Groups(results, r => r.Group))
            {
                List<MergeInput<EntropySummary>> m = g.Value;
                EntropySummary a = m[0].Result;
                EntropyAccumulator entropy = EntropyAccumulator.FromSums(MergeSums.Count(m, r => r.Used), MergeSums.Sum(m, r => r.WeightSum),
                    MergeSums.Sum(m, r => r.EntropySum), MergeSums.Count(m, r => r.Labelled), MergeSums.Sum(m, r => r.LabelledWeightSum),
                    MergeSums.Sum(m, r => r.TargetEntropySum), MergeSums.Sum(m, r => r.CrossEntropySum), MergeSums.Sum(m, r => r.KLDivergenceSum));
                var counts = new RowCounts
                {
                    Used = MergeSums.Count(m, r => r.Used),
                    Ignored = MergeSums.Count(m, r => r.Ignored),
                    Rejected = MergeSums.Count(m, r => r.Rejected),
                };
                double[] mix = MergeSums.Sums(m, a.ClassWeightSums.Length, r => r.ClassWeightSums);
                bool hasLabels = a.Target != "None";
                merged.Add(AuditResults.Entropy(entropy, mix, counts, hasLabels, Shape(a.Classes, a.Input, a.Target, a.Options),
                    a.Base, LogOfBase(a.Base), a.Reduction == "Sum", Source(m), g.Key));
            }
            return merged;
        }

        /// <summary>log of Measure-Entropy's -Base as it names it ("2", "e", "10").</summary>
        public static double LogOfBase(string name) => name switch
        {
            "e" => 1.0,
            "2" or "10" => Engine.Audit.Entropy.LogOfBase(double.Parse(name, CultureInfo.InvariantCulture)),
            _ => throw new MergeException($"Cannot merge an entropy summary with Base '{name}': the base is 2, e or 10."),
        };

        private static ResultShape Shape(string[] classes, string input, string target, string options) =>
            new ResultShape { Classes = classes, Input = input, Target = target, Options = options };

        private static string Source<T>(List<MergeInput<T>> m)
            where T : class => MergeChecks.JoinDistinct(m.Select(r => SourceOf(r.Result)));

        private static string SourceOf(object r) => r switch
        {
            CalibrationSummary c => c.Source,
            EntropySummary e => e.Source,
            _ => "",
        };

        private static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);
    }
}
