using System;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// The plainest possible implementation of the index-target loss on logits: one row at a time, scalar loops,
    /// Math.Exp. It is what the vectorised, blocked and parallel paths are tested and benchmarked against.
    /// </summary>
    internal static class ScalarReference
    {
        /// <summary>Mean (weighted) cross-entropy of <paramref name="rows"/> rows with class weights and smoothing.</summary>
        public static double MeanLoss(LossOptions o, double[] logits, int[] labels, int rows, double[]? perRow = null, double[]? gradient = null)
        {
            int classes = o.Classes;
            double eps = o.LabelSmoothing, weightTotal = o.WeightTotal();
            double lossSum = 0, weightSum = 0;
            var p = new double[classes];
            for (int i = 0; i < rows; i++)
            {
                int y = labels[i];
                if (y == o.IgnoreIndex) continue;
                int at = i * classes;
                double m = double.NegativeInfinity;
                for (int c = 0; c < classes; c++) m = Math.Max(m, logits[at + c] / o.Temperature);
                double s = 0;
                for (int c = 0; c < classes; c++) s += Math.Exp(logits[at + c] / o.Temperature - m);
                double lse = m + Math.Log(s);
                double wy = o.WeightOf(y);
                double loss = (1 - eps) * wy * (lse - logits[at + y] / o.Temperature);
                for (int c = 0; c < classes; c++) loss += eps / classes * o.WeightOf(c) * (lse - logits[at + c] / o.Temperature);
                if (perRow != null) perRow[i] = loss;
                lossSum += loss;
                weightSum += wy;
                if (gradient == null) continue;
                double total = (1 - eps) * wy + eps / classes * weightTotal;
                for (int c = 0; c < classes; c++)
                {
                    double a = eps / classes * o.WeightOf(c) + (c == y ? (1 - eps) * wy : 0);
                    gradient[at + c] = (Math.Exp(logits[at + c] / o.Temperature - lse) * total - a) / o.Temperature;
                }
            }
            if (gradient != null)
                for (int k = 0; k < rows * classes; k++) gradient[k] /= weightSum;
            return lossSum / weightSum;
        }
    }
}
