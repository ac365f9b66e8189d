using System;
using CrossEntropy.Engine.Kernels;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// Per-row probabilities (or log-probabilities) of logits: softmax over the classes, or for one score column the
    /// sigmoid as two classes (P(0), P(1)). Rows of ±Infinity or huge logits give exact 0/1 probabilities, never NaN;
    /// rows whose softmax is undefined (NaN, several +Infinity, all -Infinity) are rejected like LossEngine does.
    /// Probability inputs pass through unchanged (rows outside [0, 1] rejected).
    /// </summary>
    internal static class SoftmaxKernel
    {
        /// <summary>Columns of output per row: the class count (label count for multi-label), or 2 for a single (binary) score column.</summary>
        public static int OutputWidth(LossOptions o) => o.Classes == 1 ? 2 : o.Classes;

        /// <summary>
        /// Writes row i's probabilities to <see cref="BlockResult.Probabilities"/>[i·width ..] and sets Status,
        /// Predicted and Confidence in <paramref name="r"/>.
        /// </summary>
        public static void Compute(LossOptions o, RowBlock block, BlockResult r, bool log)
        {
            int width = OutputWidth(o);
            r.Reset(block.Count);
            double[] output = r.EnsureProbabilities(width);
            for (int i = 0; i < block.Count; i++)
            {
                r.Status[i] = RowStatus.Used;
                Span<double> dest = new Span<double>(output, i * width, width);
                if (o.Input == InputKind.Probabilities) ProbabilityRow(o, block.Row(i), r, i, dest, log);
                else if (o.Classes == 1) SigmoidRow(o, block.Values[i], r, i, dest, log);
                else if (o.Target == TargetKind.MultiLabel) LabelSigmoidsRow(o, block.Row(i), r, i, dest, log);
                else SoftmaxRow(o, block.Row(i), r, i, dest, log);
            }
        }

        private static void SoftmaxRow(LossOptions o, ReadOnlySpan<double> row, BlockResult r, int i, Span<double> dest, bool log)
        {
            if (!LogProbabilities.TryPrepare(o, row, r, i, out double logS))
            {
                dest.Fill(double.NaN);
                return;
            }
            Vec.Subtract(r.Shifted, logS, dest); // log p = (x - m) - log Σ exp(x - m)
            if (!log) Vec.Exp(dest, dest);
        }

        // Probabilities pass through as given (checked to be in [0, 1]; one column is P(1)), so a run without labels
        // can still report each row's distribution (Measure-Entropy).
        private static void ProbabilityRow(LossOptions o, ReadOnlySpan<double> p, BlockResult r, int i, Span<double> dest, bool log)
        {
            if (!LogProbabilities.TryCheckProbabilities(p, r, i))
            {
                dest.Fill(double.NaN);
                return;
            }
            if (o.Classes == 1)
            {
                dest[0] = 1 - p[0];
                dest[1] = p[0];
            }
            else p.CopyTo(dest);
            int best = o.Classes == 1 ? (p[0] > 0.5 ? 1 : 0) : Vec.IndexOfMax(p);
            r.Predicted[i] = best;
            r.Confidence[i] = dest[best];
            if (log) Vec.Log(dest, dest);
        }

        // Multi-label rows: each column is its own binary problem, so each gets its own sigmoid (they need not sum to 1).
        private static void LabelSigmoidsRow(LossOptions o, ReadOnlySpan<double> row, BlockResult r, int i, Span<double> dest, bool log)
        {
            int best = 0;
            for (int k = 0; k < row.Length; k++)
            {
                if (double.IsNaN(row[k]))
                {
                    r.Reject(i, RejectedField.Score, k, row[k], "the logit is NaN");
                    dest.Fill(double.NaN);
                    return;
                }
                double z = row[k] / o.Temperature;
                dest[k] = log ? 0.0 - Binary.Softplus(-z) : Binary.Sigmoid(z);
                if (row[k] > row[best]) best = k;
            }
            r.Predicted[i] = best;
            r.Confidence[i] = Binary.Sigmoid(row[best] / o.Temperature);
        }

        private static void SigmoidRow(LossOptions o, double x, BlockResult r, int i, Span<double> dest, bool log)
        {
            if (double.IsNaN(x))
            {
                r.Reject(i, RejectedField.Score, 0, x, "the logit is NaN");
                dest.Fill(double.NaN);
                return;
            }
            double z = x / o.Temperature;
            double p1 = Binary.Sigmoid(z);
            if (log)
            {
                dest[0] = 0.0 - Binary.Softplus(z); // log(1 - σ(z)) = -softplus(z); 0.0 - x gives +0, not -0
                dest[1] = 0.0 - Binary.Softplus(-z); // log σ(z) = -softplus(-z)
            }
            else
            {
                dest[0] = Binary.Sigmoid(-z); // 1 - σ(z), without cancellation
                dest[1] = p1;
            }
            r.Predicted[i] = p1 > 0.5 ? 1 : 0;
            r.Confidence[i] = p1 > 0.5 ? p1 : 1 - p1;
        }
    }
}
