using System.Globalization;
using CrossEntropy.Data.Audit;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;
using CrossEntropy.Engine.Audit;

namespace CrossEntropy.Data.Results
{
    /// <summary>Calibration and entropy summaries built from sums (a run's, or merged results'): the one place they are made.</summary>
    internal static class AuditResults
    {
        /// <summary>The shape of a calibration run's summaries (the options text names the bin count).</summary>
        public static ResultShape CalibrationShape(Schema schema, LossOptions options, int binCount) =>
            ResultShape.Of(schema, options, OptionsText.Of(options, OptionsText.Pair("BinCount", binCount.ToString(CultureInfo.InvariantCulture))));

        /// <summary>The shape of an entropy run's summaries.</summary>
        public static ResultShape EntropyShape(Schema schema, LossOptions options) => ResultShape.Of(schema, options, OptionsText.Of(options));

        /// <summary>The calibration summary of <paramref name="cal"/> with the rows <paramref name="counts"/> counted.</summary>
        public static CalibrationSummary Calibration(CalibrationAccumulator cal, RowCounts counts, ResultShape shape, string source, string? group)
        {
            int bins = cal.BinCount;
            var summary = new CalibrationSummary
            {
                ExpectedCalibrationError = cal.ExpectedCalibrationError,
                MaximumCalibrationError = cal.MaximumCalibrationError,
                BrierScore = cal.BrierScore,
                Accuracy = cal.OverallAccuracy,
                MeanConfidence = cal.OverallConfidence,
                BinCount = bins,
                Bins = Bins(cal, source, group),
                Count = counts.Read,
                Used = cal.Used,
                Ignored = counts.Ignored,
                Rejected = counts.Rejected,
                Input = shape.Input,
                Target = shape.Target,
                Classes = (string[])shape.Classes.Clone(),
                Source = source,
                Group = group,
                Options = shape.Options,
                WeightSum = cal.TotalWeight,
                BrierSum = cal.BrierSum,
                BinCounts = (long[])cal.Count.Clone(),
                BinWeights = (double[])cal.WeightSum.Clone(),
                BinConfidenceSums = (double[])cal.ConfidenceSum.Clone(),
                BinCorrectSums = (double[])cal.CorrectSum.Clone(),
            };
            return summary;
        }

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
                    Weight = cal.WeightSum[m],
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
        /// The entropy summary of a run's <paramref name="entropy"/> and loss sums <paramref name="sums"/> (for counts
        /// and the label mix), in base <paramref name="baseName"/> (<paramref name="logBase"/> = log of it), mean or sum.
        /// </summary>
        public static EntropySummary Entropy(EntropyAccumulator entropy, LossAccumulator sums, AuditStage audit, ResultShape shape,
            string baseName, double logBase, bool sum, string source, string? group) =>
            Entropy(entropy, AuditStage.ClassWeights(sums), sums.Counts, audit.HasLabels, shape, baseName, logBase, sum, source, group);

        /// <summary>The entropy summary of sums given as plain data: <paramref name="classMix"/> is Σ sample weight per label class.</summary>
        public static EntropySummary Entropy(EntropyAccumulator entropy, double[] classMix, RowCounts counts, bool hasLabels, ResultShape shape,
            string baseName, double logBase, bool sum, string source, string? group) =>
            new EntropySummary
            {
                Entropy = (sum ? entropy.EntropySum : entropy.Entropy) / logBase,
                TargetEntropy = (sum ? entropy.TargetEntropySum : entropy.TargetEntropy) / logBase,
                CrossEntropy = (sum ? entropy.CrossEntropySum : entropy.CrossEntropy) / logBase,
                KLDivergence = (sum ? entropy.KLDivergenceSum : entropy.KLDivergence) / logBase,
                LabelEntropy = hasLabels ? Engine.Audit.Entropy.OfCounts(classMix) / logBase : double.NaN,
                LabelGini = hasLabels ? Engine.Audit.Entropy.GiniOfCounts(classMix) : double.NaN,
                Base = baseName,
                Reduction = sum ? "Sum" : "Mean",
                Count = counts.Read,
                Used = counts.Used,
                Ignored = counts.Ignored,
                Rejected = counts.Rejected,
                Input = shape.Input,
                Target = hasLabels ? shape.Target : "None",
                Classes = (string[])shape.Classes.Clone(),
                Source = source,
                Group = group,
                Options = shape.Options,
                WeightSum = entropy.WeightSum,
                EntropySum = entropy.EntropySum,
                Labelled = entropy.Labelled,
                LabelledWeightSum = entropy.LabelledWeightSum,
                TargetEntropySum = entropy.TargetEntropySum,
                CrossEntropySum = entropy.CrossEntropySum,
                KLDivergenceSum = entropy.KLDivergenceSum,
                ClassWeightSums = classMix,
            };
    }
}
