using System.Collections.Generic;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;
using CrossEntropy.Engine.Classification;

namespace CrossEntropy.Data.Results
{
    /// <summary>Classification summaries and curves built from the sums: the one place they are made.</summary>
    internal static class ClassificationResults
    {
        /// <summary>The shape of a run's summaries: class names, input and target kinds, and the options text.</summary>
        public static ResultShape Shape(ClassificationAccumulator sums, Schema schema, LossOptions options) => new ResultShape
        {
            Classes = ClassNames(sums, schema),
            Input = schema.Input.ToString(),
            Target = schema.Target.ToString(),
            Options = OptionsText.Of(options),
        };

        /// <summary>
        /// The summary of <paramref name="sums"/> with the rows <paramref name="counts"/> counted; with
        /// <paramref name="includeRanking"/> it carries the score rankings too (RankingScores, ...), so RocAuc and
        /// AveragePrecision merge exactly.
        /// </summary>
        public static ClassificationSummary Summary(ClassificationAccumulator sums, RowCounts counts, ResultShape shape, bool isWeighted,
            bool includeRanking, string source, string? group)
        {
            ConfusionCounts m = sums.Matrix;
            var f = new ClassificationFigures(m);
            string[] classes = (string[])shape.Classes.Clone();
            int c = sums.Classes;
            var perClass = new ClassMetrics[c];
            double aucSum = 0, apSum = 0;
            for (int k = 0; k < c; k++)
            {
                RankingCurve? curve = sums.Rankings[k]?.Curve();
                perClass[k] = new ClassMetrics
                {
                    Class = classes[k],
                    Precision = f.Precision[k],
                    Recall = f.Recall[k],
                    F1 = f.F1[k],
                    Support = f.Support[k],
                    Predicted = m.PredictedTotal(k),
                    TruePositives = m.At(k, k),
                    Count = m.TrueCount(k),
                    RocAuc = curve?.RocAuc ?? double.NaN,
                    AveragePrecision = curve?.AveragePrecision ?? double.NaN,
                };
                aucSum += perClass[k].RocAuc;
                apSum += perClass[k].AveragePrecision;
            }
            (int[] cellTrue, int[] cellPredicted, double[] cellWeights, long[] cellCounts) = m.Cells();
            var summary = new ClassificationSummary
            {
                Accuracy = f.Accuracy,
                BalancedAccuracy = f.BalancedAccuracy,
                MacroPrecision = f.MacroPrecision,
                MacroRecall = f.MacroRecall,
                MacroF1 = f.MacroF1,
                WeightedF1 = f.WeightedF1,
                MicroF1 = f.MicroF1,
                MatthewsCorrelation = f.MatthewsCorrelation,
                CohenKappa = f.CohenKappa,
                // binary: the positive class's; multi-class: the macro mean, NaN as soon as one class's is undefined
                RocAuc = sums.IsBinary ? perClass[1].RocAuc : aucSum / c,
                AveragePrecision = sums.IsBinary ? perClass[1].AveragePrecision : apSum / c,
                PositiveClass = sums.IsBinary ? classes[1] : null,
                ConfusionMatrix = Matrix(m, classes, isWeighted),
                PerClass = perClass,
                WeightSum = f.Total,
                Count = counts.Read,
                Used = sums.Used,
                Ignored = counts.Ignored,
                Rejected = counts.Rejected,
                Input = shape.Input,
                Target = shape.Target,
                Classes = classes,
                Source = source,
                Group = group,
                Options = shape.Options,
                ConfusionTrue = cellTrue,
                ConfusionPredicted = cellPredicted,
                ConfusionWeights = cellWeights,
                ConfusionCounts = cellCounts,
            };
            if (includeRanking) AddRankings(summary, sums);
            return summary;
        }

        // The matrix cell by cell, up to ConfusionMatrix.MaxDenseClasses classes; beyond, only the names (C² cells would not fit).
        private static ConfusionMatrix Matrix(ConfusionCounts m, string[] classes, bool isWeighted)
        {
            int c = m.Classes;
            var cm = new ConfusionMatrix { Classes = (string[])classes.Clone(), IsWeighted = isWeighted };
            if (c > ConfusionMatrix.MaxDenseClasses) return cm;
            cm.Weights = new double[c][];
            cm.Counts = new long[c][];
            for (int t = 0; t < c; t++)
            {
                cm.Weights[t] = new double[c];
                cm.Counts[t] = new long[c];
                for (int p = 0; p < c; p++)
                {
                    cm.Weights[t][p] = m.At(t, p);
                    cm.Counts[t][p] = m.CountAt(t, p);
                }
            }
            return cm;
        }

        // Class after class, the ranking's distinct scores and weights (an unranked class: none).
        private static void AddRankings(ClassificationSummary summary, ClassificationAccumulator sums)
        {
            var lengths = new long[sums.Classes];
            var scores = new List<double>();
            var positives = new List<double>();
            var negatives = new List<double>();
            for (int k = 0; k < sums.Classes; k++)
            {
                if (sums.Rankings[k] is not ScoreTable table) continue;
                (double[] s, double[] p, double[] n) = table.ToArrays();
                lengths[k] = s.Length;
                scores.AddRange(s);
                positives.AddRange(p);
                negatives.AddRange(n);
            }
            summary.RankingLengths = lengths;
            summary.RankingScores = scores.ToArray();
            summary.RankingPositiveWeights = positives.ToArray();
            summary.RankingNegativeWeights = negatives.ToArray();
        }

        /// <summary>The points of <paramref name="kind"/> for each ranked class, in class order.</summary>
        public static IEnumerable<object> Curve(ClassificationAccumulator sums, ClassificationCurve kind, Schema schema, string source, string? group)
        {
            string[] classes = ClassNames(sums, schema);
            for (int k = 0; k < sums.Classes; k++)
            {
                RankingCurve? curve = sums.Rankings[k]?.Curve();
                if (curve == null) continue;
                if (kind != ClassificationCurve.PrecisionRecall)
                {
                    foreach (RocPointValue p in curve.Roc(dropIntermediate: kind == ClassificationCurve.Roc))
                        yield return new RocPoint { Class = classes[k], Threshold = p.Threshold, FalsePositiveRate = p.FalsePositiveRate, TruePositiveRate = p.TruePositiveRate, Source = source, Group = group };
                }
                else
                {
                    foreach (PrecisionRecallPointValue p in curve.PrecisionRecall())
                        yield return new PrecisionRecallPoint { Class = classes[k], Threshold = p.Threshold, Precision = p.Precision, Recall = p.Recall, Source = source, Group = group };
                }
            }
        }

        // One score column has one class name or none: its two classes are then "0" and "1".
        private static string[] ClassNames(ClassificationAccumulator sums, Schema schema) =>
            schema.Classes.Length == sums.Classes ? (string[])schema.Classes.Clone() : new[] { "0", "1" };
    }
}
