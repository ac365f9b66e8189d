using System;
using CrossEntropy.Engine.Kernels;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// Turns one row of scores into log-probabilities in the form every loss formula shares:
    /// log p_c = Shifted[c] - logS. For logits Shifted = x - max(x) and logS = log Σ exp(Shifted) (the max-shifted
    /// log-sum-exp, never log(softmax)); for probabilities Shifted = log(clip(p, ε, 1-ε)) and logS = 0.
    /// Also sets the row's prediction and confidence, and rejects rows whose softmax is undefined.
    /// </summary>
    internal static class LogProbabilities
    {
        public static bool TryPrepare(LossOptions o, ReadOnlySpan<double> row, BlockResult r, int i, out double logS)
            => o.Input == InputKind.Logits ? TryFromLogits(o, row, r, i, out logS) : TryFromProbabilities(o, row, r, i, out logS);

        private static bool TryFromLogits(LossOptions o, ReadOnlySpan<double> row, BlockResult r, int i, out double logS)
        {
            logS = 0;
            ReadOnlySpan<double> x = row;
            if (o.Temperature != 1.0)
            {
                Vec.Divide(row, o.Temperature, r.Work);
                x = r.Work;
            }
            return TryFromScaled(x, row, r, i, o.Temperature, out logS);
        }

        /// <summary>
        /// As for logits, on logits already scaled (or capped) into <paramref name="x"/>; <paramref name="row"/> holds
        /// the values as given, for the rejection message. <paramref name="x"/> may be <see cref="BlockResult.Work"/>.
        /// <paramref name="temperature"/> is the divisor taking <paramref name="row"/> to <paramref name="x"/> (1 when
        /// x is not row / T alone), for the overflow rescue below.
        /// </summary>
        internal static bool TryFromScaled(ReadOnlySpan<double> x, ReadOnlySpan<double> row, BlockResult r, int i, double temperature, out double logS)
        {
            logS = 0;
            Span<double> shifted = r.Shifted;
            double m = Vec.Max(x);
            if (double.IsInfinity(m) && temperature != 1.0)
            {
                // Finite logits whose quotient by a temperature below 1 overflows: shift by the row's max first, then
                // scale — (x - max)/T ≤ 0 cannot overflow upwards, and it is the same softmax. A row with an infinite
                // logit of its own keeps the IEEE limits below.
                double rawMax = Vec.Max(row);
                if (!double.IsInfinity(rawMax) && !double.IsNaN(rawMax))
                {
                    Vec.Subtract(row, rawMax, r.Work);
                    Vec.Divide(r.Work, temperature, r.Work);
                    x = r.Work;
                    m = 0;
                }
                else if (double.IsPositiveInfinity(rawMax))
                {
                    x = row; // only the row's own +Infinity logits count as infinite
                }
            }
            if (double.IsNaN(m))
            {
                int c = LossEngine.FirstNonFinite(row);
                r.Reject(i, RejectedField.Score, c, row[c], "the logit is NaN");
                return false;
            }
            if (double.IsNegativeInfinity(m))
            {
                r.Reject(i, RejectedField.Row, -1, double.NegativeInfinity, "every logit is -Infinity, so the softmax is undefined");
                return false;
            }
            if (double.IsPositiveInfinity(m))
            {
                // One +Infinity takes all the probability (the IEEE limit); two or more leave it undefined.
                int at = -1;
                for (int c = 0; c < x.Length; c++)
                {
                    if (!double.IsPositiveInfinity(x[c])) continue;
                    if (at >= 0)
                    {
                        r.Reject(i, RejectedField.Score, c, row[c], "more than one logit is +Infinity, so the softmax is undefined");
                        return false;
                    }
                    at = c;
                }
                shifted.Fill(double.NegativeInfinity);
                shifted[at] = 0;
                r.Predicted[i] = at;
                r.Confidence[i] = 1;
                return true;
            }
            Vec.Subtract(x, m, shifted);
            Vec.Exp(shifted, r.Exps);
            double s = Vec.Sum(r.Exps);
            logS = Math.Log(s);
            r.Predicted[i] = Vec.IndexOfMax(shifted);
            r.Confidence[i] = 1 / s; // exp(0 - log s): the max element's shifted value is 0
            return true;
        }

        private static bool TryFromProbabilities(LossOptions o, ReadOnlySpan<double> p, BlockResult r, int i, out double logS)
        {
            logS = 0;
            if (!TryCheckProbabilities(p, r, i)) return false;
            Vec.Clamp(p, o.Epsilon, 1 - o.Epsilon, r.Shifted);
            Vec.Log(r.Shifted, r.Shifted);
            int best = Vec.IndexOfMax(p);
            r.Predicted[i] = best;
            r.Confidence[i] = p[best];
            if (Math.Abs(Vec.Sum(p) - 1) > o.ProbabilitySumTolerance) r.OffSumRows.Add(i);
            return true;
        }

        /// <summary>Rejects a row with a probability that is NaN or outside [0, 1].</summary>
        internal static bool TryCheckProbabilities(ReadOnlySpan<double> p, BlockResult r, int i)
        {
            double lo = Vec.Min(p), hi = Vec.Max(p);
            if (!double.IsNaN(lo) && !double.IsNaN(hi) && lo >= 0 && hi <= 1) return true;
            for (int c = 0; c < p.Length; c++)
            {
                if (p[c] >= 0 && p[c] <= 1) continue;
                r.Reject(i, RejectedField.Score, c, p[c], double.IsNaN(p[c]) ? "the probability is NaN" : "a probability must be in [0, 1]");
                return false;
            }
            return true;
        }
    }
}
