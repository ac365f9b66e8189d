using System;

namespace CrossEntropy.Engine.Classification
{
    /// <summary>
    /// The threshold figures of a confusion matrix, by scikit-learn's definitions with labels = every class and
    /// zero_division = 0: per-class precision, recall and F1, their macro, support-weighted and micro means, accuracy,
    /// balanced accuracy (mean recall over the classes that occur), Matthews' correlation and Cohen's kappa. Sample
    /// weights enter through the matrix's weighted cells.
    /// </summary>
    internal sealed class ClassificationFigures
    {
        /// <summary>The figures of <paramref name="m"/>.</summary>
        public ClassificationFigures(ConfusionCounts m)
        {
            int c = m.Classes;
            Precision = new double[c];
            Recall = new double[c];
            F1 = new double[c];
            Support = new double[c];
            var predicted = new double[c];
            double total = 0, correct = 0, recallSum = 0, weightedF1 = 0, truePredicted = 0, trueTrue = 0, predictedPredicted = 0;
            int present = 0;
            for (int k = 0; k < c; k++)
            {
                double tp = m.At(k, k);
                Support[k] = m.TrueTotal(k);
                predicted[k] = m.PredictedTotal(k);
                Precision[k] = predicted[k] != 0 ? tp / predicted[k] : 0;
                Recall[k] = Support[k] != 0 ? tp / Support[k] : 0;
                double pr = Precision[k] + Recall[k];
                F1[k] = pr != 0 ? 2 * Precision[k] * Recall[k] / pr : 0;
                total += Support[k];
                correct += tp;
                weightedF1 += F1[k] * Support[k];
                if (Support[k] != 0)
                {
                    recallSum += tp / Support[k];
                    present++;
                }
                truePredicted += Support[k] * predicted[k];
                trueTrue += Support[k] * Support[k];
                predictedPredicted += predicted[k] * predicted[k];
            }
            Total = total;
            Accuracy = correct / total;
            BalancedAccuracy = present > 0 ? recallSum / present : double.NaN;
            MacroPrecision = Mean(Precision);
            MacroRecall = Mean(Recall);
            MacroF1 = Mean(F1);
            WeightedF1 = total != 0 ? weightedF1 / total : 0;
            double microP = correct / total; // Σ tp / Σ predicted: every row has a true and a predicted class
            MicroF1 = total != 0 ? microP : 0;
            double covTruePredicted = correct * total - truePredicted;
            double covPredicted = total * total - predictedPredicted;
            double covTrue = total * total - trueTrue;
            MatthewsCorrelation = covPredicted * covTrue == 0 ? 0 : covTruePredicted / Math.Sqrt(covTrue * covPredicted);
            // kappa = 1 - observed disagreement / disagreement expected by chance (scikit-learn's form)
            double expectedAgreement = truePredicted / total;
            CohenKappa = 1 - (total - correct) / (total - expectedAgreement);
        }

        /// <summary>Σ weight of the rows.</summary>
        public double Total { get; }
        /// <summary>Per class: right among predicted (0 when never predicted).</summary>
        public double[] Precision { get; }
        /// <summary>Per class: right among its rows (0 when it has none).</summary>
        public double[] Recall { get; }
        /// <summary>Per class: harmonic mean of precision and recall (0 when both are 0).</summary>
        public double[] F1 { get; }
        /// <summary>Per class: Σ weight of its rows.</summary>
        public double[] Support { get; }
        /// <summary>Fraction right.</summary>
        public double Accuracy { get; }
        /// <summary>Mean recall over the classes with rows.</summary>
        public double BalancedAccuracy { get; }
        /// <summary>Mean precision over every class.</summary>
        public double MacroPrecision { get; }
        /// <summary>Mean recall over every class.</summary>
        public double MacroRecall { get; }
        /// <summary>Mean F1 over every class.</summary>
        public double MacroF1 { get; }
        /// <summary>F1 averaged with the supports as weights.</summary>
        public double WeightedF1 { get; }
        /// <summary>F1 of the pooled counts (equals accuracy for single-label rows).</summary>
        public double MicroF1 { get; }
        /// <summary>Matthews' correlation coefficient (multi-class form; 0 when undefined, as scikit-learn).</summary>
        public double MatthewsCorrelation { get; }
        /// <summary>Cohen's kappa (NaN when chance agreement is 1, as scikit-learn).</summary>
        public double CohenKappa { get; }

        private static double Mean(double[] v)
        {
            double s = 0;
            foreach (double x in v) s += x;
            return s / v.Length;
        }
    }
}
