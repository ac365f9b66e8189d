using System.Collections.Generic;
using System.Linq;
using CrossEntropy.Data.Results.Merging;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Checks
{
    /// <summary>
    /// The figures Assert-CrossEntropy checks, taken from summaries instead of rows: Measure-CrossEntropy summaries
    /// (merged first, so shards or a Merge-CrossEntropyResult output both work) give the loss, accuracy, counts and
    /// per-class figures; Measure-Calibration summaries give the ECE. Group summaries (-GroupBy) give the groups, and
    /// together the whole.
    /// </summary>
    internal static class SummaryFigures
    {
        /// <summary>The figures of <paramref name="loss"/> and <paramref name="calibration"/> (either may be empty).</summary>
        public static RunFigures From(IReadOnlyList<MergeInput<LossSummary>> loss, IReadOnlyList<MergeInput<CalibrationSummary>> calibration)
        {
            List<LossSummary> groups = loss.Count == 0 ? new List<LossSummary>() : LossMerge.Merge(loss);
            List<CalibrationSummary> calGroups = calibration.Count == 0 ? new List<CalibrationSummary>() : AuditMerge.Calibration(calibration);
            // The whole: every part merged as one, whatever its group (groups hold disjoint rows).
            LossSummary? all = loss.Count == 0 ? null : LossMerge.Merge(loss, byGroup: false)[0];
            CalibrationSummary? calAll = calibration.Count == 0 ? null : AuditMerge.Calibration(calibration, byGroup: false)[0];
            var sources = new List<string>();
            if (all != null) sources.Add(all.Source);
            else if (calAll != null) sources.Add(calAll.Source);
            var f = new RunFigures
            {
                Sources = sources,
                All = Of(all, calAll),
            };
            if (all != null)
            {
                for (int c = 0; c < all.ClassCounts.Length; c++)
                {
                    double w = all.ClassWeightSums[c], sw = all.ClassSampleWeightSums[c];
                    f.AddClass(all.PerClass[c].Class, new Figures
                    {
                        Loss = w > 0 ? all.ClassLossSums[c] / w : double.NaN,
                        Accuracy = sw > 0 ? all.ClassCorrectSums[c] / sw : double.NaN,
                        Counts = new RowCounts { Used = all.ClassCounts[c] },
                    });
                }
            }
            foreach (LossSummary g in groups.Where(g => g.Group != null))
                f.AddGroup(g.Group!, Of(g, calGroups.FirstOrDefault(c => c.Group == g.Group)));
            return f;
        }

        private static Figures Of(LossSummary? loss, CalibrationSummary? cal) => new Figures
        {
            Loss = loss == null ? double.NaN : (loss.WeightSum > 0 ? loss.LossSum / loss.WeightSum : double.NaN),
            Accuracy = loss?.Accuracy ?? cal?.Accuracy ?? double.NaN,
            ExpectedCalibrationError = cal?.ExpectedCalibrationError ?? double.NaN,
            Counts = loss != null
                ? new RowCounts { Used = loss.Used, Ignored = loss.Ignored, Rejected = loss.Rejected }
                : cal != null ? new RowCounts { Used = cal.Count - cal.Ignored - cal.Rejected, Ignored = cal.Ignored, Rejected = cal.Rejected } : default,
        };
    }
}
