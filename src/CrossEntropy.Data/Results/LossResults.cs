using System;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Results
{
    /// <summary>Loss summaries built from sums (a run's, or merged results'): the one place a <see cref="LossSummary"/> is made.</summary>
    internal static class LossResults
    {
        /// <summary>The summary of <paramref name="sums"/> (a run's total or a group's); one pass over the classes.</summary>
        public static LossSummary Summary(LossAccumulator sums, Schema schema, LossOptions options, Reduction reduction, string source, string? group) =>
            Summary(sums, ResultShape.Of(schema, options, OptionsText.Of(options, OptionsText.Pair("TopK", options.TopK.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
                reduction, source, group);

        /// <summary>The summary of <paramref name="sums"/> over results shaped as <paramref name="shape"/>.</summary>
        public static LossSummary Summary(LossAccumulator sums, ResultShape shape, Reduction reduction, string source, string? group)
        {
            int classes = sums.ClassCount;
            var summary = new LossSummary
            {
                Loss = sums.Reduce(reduction),
                Reduction = reduction == Reduction.Sum ? "Sum" : "Mean",
                Count = sums.Read,
                Used = sums.Used,
                Ignored = sums.Ignored,
                Rejected = sums.Rejected,
                WeightSum = sums.WeightSum,
                Accuracy = sums.Accuracy,
                TopK = shape.TopK,
                TopKAccuracy = sums.TopKAccuracy,
                Perplexity = Math.Exp(sums.CrossEntropyMean),
                ZLoss = shape.ZLoss ? sums.ReduceZLoss(reduction) : null,
                PerClass = new ClassSummary[classes],
                Input = shape.Input,
                Target = shape.Target,
                Classes = (string[])shape.Classes.Clone(),
                Source = source,
                Group = group,
                Options = shape.Options,
                LossSum = sums.LossSum,
                CorrectSum = sums.CorrectSum,
                TopKCorrectSum = sums.TopKCorrectSum,
                ZLossSum = sums.ZLossSum,
                SampleWeightSum = sums.SampleWeightSum,
                ClassCounts = new long[classes],
                ClassLossSums = new double[classes],
                ClassWeightSums = new double[classes],
                ClassCorrectSums = new double[classes],
                ClassSampleWeightSums = new double[classes],
            };
            for (int c = 0; c < classes; c++)
            {
                ClassSums t = sums.ClassAt(c);
                summary.PerClass[c] = new ClassSummary { Class = shape.ClassName(c), Count = t.Count, Loss = t.Loss, Accuracy = t.Accuracy };
                summary.ClassCounts[c] = t.Count;
                summary.ClassLossSums[c] = t.LossSum;
                summary.ClassWeightSums[c] = t.WeightSum;
                summary.ClassCorrectSums[c] = t.CorrectSum;
                summary.ClassSampleWeightSums[c] = t.SampleWeightSum;
            }
            return summary;
        }

        /// <summary>The regularised objective: the reduced loss as DataLoss, plus <paramref name="penalty"/>.</summary>
        public static LossSummary WithPenalty(LossSummary s, double penalty)
        {
            s.DataLoss = s.Loss;
            s.Penalty = penalty;
            s.Objective = s.Loss + penalty;
            return s;
        }
    }
}
