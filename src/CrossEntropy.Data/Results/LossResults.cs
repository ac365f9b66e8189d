using System;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Results
{
    /// <summary>Loss summaries built from a run's sums: the one place a <see cref="LossSummary"/> is made.</summary>
    internal static class LossResults
    {
        /// <summary>The summary of <paramref name="sums"/> (a run's total or a group's); one pass over the classes.</summary>
        public static LossSummary Summary(LossAccumulator sums, Schema schema, LossOptions options, Reduction reduction, string source, string? group) =>
            new LossSummary
            {
                Loss = sums.Reduce(reduction),
                Reduction = reduction == Reduction.Sum ? "Sum" : "Mean",
                Count = sums.Read,
                Used = sums.Used,
                Ignored = sums.Ignored,
                Rejected = sums.Rejected,
                WeightSum = sums.WeightSum,
                Accuracy = sums.Accuracy,
                TopK = options.TopK,
                TopKAccuracy = sums.TopKAccuracy,
                Perplexity = Math.Exp(sums.CrossEntropyMean),
                ZLoss = options.ZLoss != 0 ? sums.ReduceZLoss(reduction) : null,
                PerClass = PerClass(sums, schema),
                Input = schema.Target == TargetKind.TargetLogProbability ? "LogProbabilities" : schema.Input.ToString(),
                Target = schema.Target.ToString(),
                Classes = (string[])schema.Classes.Clone(),
                Source = source,
                Group = group,
            };

        /// <summary>The regularised objective: the reduced loss as DataLoss, plus <paramref name="penalty"/>.</summary>
        public static LossSummary WithPenalty(LossSummary s, double penalty)
        {
            s.DataLoss = s.Loss;
            s.Penalty = penalty;
            s.Objective = s.Loss + penalty;
            return s;
        }

        /// <summary>Loss, accuracy and rows of each class, in class order.</summary>
        public static ClassSummary[] PerClass(LossAccumulator sums, Schema schema)
        {
            var perClass = new ClassSummary[sums.ClassCount];
            for (int c = 0; c < perClass.Length; c++)
            {
                ClassSums t = sums.ClassAt(c);
                perClass[c] = new ClassSummary { Class = schema.ClassName(c), Count = t.Count, Loss = t.Loss, Accuracy = t.Accuracy };
            }
            return perClass;
        }
    }
}
