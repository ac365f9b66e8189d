using CrossEntropy.Data.Audit;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;
using CrossEntropy.Engine.Audit;

namespace CrossEntropy.Data.Results
{
    /// <summary>Calibration and entropy summaries built from an audit's sums: the one place they are made.</summary>
    internal static class AuditResults
    {
        /// <summary>The calibration summary of <paramref name="cal"/> with the rows <paramref name="counts"/> counted.</summary>
        public static CalibrationSummary Calibration(CalibrationAccumulator cal, RowCounts counts, Schema schema, string source, string? group) =>
            new CalibrationSummary
            {
                ExpectedCalibrationError = cal.ExpectedCalibrationError,
                MaximumCalibrationError = cal.MaximumCalibrationError,
                BrierScore = cal.BrierScore,
                Accuracy = cal.OverallAccuracy,
                MeanConfidence = cal.OverallConfidence,
                BinCount = cal.BinCount,
                Bins = Bins(cal, source, group),
                Count = counts.Read,
                Used = cal.Used,
                Ignored = counts.Ignored,
                Rejected = counts.Rejected,
                Input = schema.Input.ToString(),
                Target = schema.Target.ToString(),
                Classes = (string[])schema.Classes.Clone(),
                Source = source,
                Group = group,
            };

        /// <summary>The bins of a reliability diagram, in order.</summary>
        public static CalibrationBin[] Bins(CalibrationAccumulator cal, string source, string? group)
        {
            var bins = new CalibrationBin[cal.BinCount];
            for (int m = 0; m < bins.Length; m++)
            {
                bins[m] = new CalibrationBin
                {
                    Bin = m + 1,
                    Lower = cal.Lower(m),
                    Upper = cal.Upper(m),
                    Count = cal.Count[m],
                    MeanConfidence = cal.MeanConfidence(m),
                    Accuracy = cal.Accuracy(m),
                    Gap = cal.Accuracy(m) - cal.MeanConfidence(m),
                    Source = source,
                    Group = group,
                };
            }
            return bins;
        }

        /// <summary>
        /// The entropy summary of <paramref name="entropy"/> and the loss sums <paramref name="sums"/> (for counts and
        /// the label mix), in base <paramref name="baseName"/> (<paramref name="logBase"/> = log of it), mean or sum.
        /// </summary>
        public static EntropySummary Entropy(EntropyAccumulator entropy, LossAccumulator sums, AuditStage audit, Schema schema,
            string baseName, double logBase, bool sum, string source, string? group)
        {
            double[] classMix = AuditStage.ClassWeights(sums);
            RowCounts counts = sums.Counts;
            return new EntropySummary
            {
                Entropy = (sum ? entropy.EntropySum : entropy.Entropy) / logBase,
                TargetEntropy = (sum ? entropy.TargetEntropySum : entropy.TargetEntropy) / logBase,
                CrossEntropy = (sum ? entropy.CrossEntropySum : entropy.CrossEntropy) / logBase,
                KLDivergence = (sum ? entropy.KLDivergenceSum : entropy.KLDivergence) / logBase,
                LabelEntropy = audit.HasLabels ? Engine.Audit.Entropy.OfCounts(classMix) / logBase : double.NaN,
                LabelGini = audit.HasLabels ? Engine.Audit.Entropy.GiniOfCounts(classMix) : double.NaN,
                Base = baseName,
                Reduction = sum ? "Sum" : "Mean",
                Count = counts.Read,
                Used = counts.Used,
                Ignored = counts.Ignored,
                Rejected = counts.Rejected,
                Input = schema.Input.ToString(),
                Target = audit.HasLabels ? schema.Target.ToString() : "None",
                Classes = (string[])schema.Classes.Clone(),
                Source = source,
                Group = group,
            };
        }
    }
}
