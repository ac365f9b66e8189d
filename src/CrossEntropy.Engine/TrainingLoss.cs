using System;
using CrossEntropy.Engine.Kernels;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// Class-index targets on logits with the training-loss options, one row at a time (forward and gradient):
    /// soft-capping v = c·tanh(u/c) of u = x/T (Gemma 2), then on v either cross-entropy (weights, smoothing) or the
    /// multi-class focal loss -α_y(1 - p_y)^γ log p_y, plus the z-loss z·(log Σ exp v)² (PaLM; Liger-Kernel's
    /// lse_square_scale). The z part is kept apart in <see cref="BlockResult.ZLoss"/>: the mean divides it by the
    /// rows (Liger: "z_loss is not scaled by weight") while the cross-entropy part divides by Σ w[y].
    /// </summary>
    internal static class TrainingLoss
    {
        /// <summary>Loss, prediction and status of row <paramref name="i"/>.</summary>
        public static void Row(LossOptions o, double weightTotal, RowBlock block, int i, BlockResult r)
        {
            double[] zParts = r.ZLoss!;
            zParts[i] = 0;
            int y = block.Labels[i];
            if (o.IgnoreIndex == y)
            {
                LossEngine.MarkIgnored(r, i);
                return;
            }
            int classes = o.Classes;
            if (y < 0 || y >= classes)
            {
                r.Reject(i, RejectedField.Label, -1, y, $"target {y} is outside the class range 0..{classes - 1}");
                return;
            }
            if (!TryPrepare(o, block, i, r, out double logS, out double lse)) return;
            ReadOnlySpan<double> shifted = r.Shifted;
            if (o.FocalGamma is double gamma)
            {
                double logP = shifted[y] - logS;
                double p = Math.Exp(logP);
                r.Loss[i] = -o.FocalAlphaOf(y) * Math.Pow(1 - p, gamma) * logP;
                r.Norm[i] = 1; // the focal mean is the plain mean over rows, not over Σ α[y]
            }
            else
            {
                double wy = o.WeightOf(y), eps = o.LabelSmoothing;
                double loss = (1 - eps) * wy * (logS - shifted[y]);
                if (eps > 0)
                {
                    double dot = o.ClassWeights == null ? Vec.Sum(shifted) : Vec.DotZeroSafe(o.ClassWeights, shifted);
                    loss += eps / classes * (weightTotal * logS - dot);
                }
                r.Loss[i] = loss;
                r.Norm[i] = wy;
            }
            if (o.ZLoss != 0) zParts[i] = o.ZLoss * lse * lse;
            r.TrueClass[i] = y;
            r.Correct[i] = r.Predicted[i] == y ? 1 : 0;
            r.TopKCorrect[i] = Vec.RankOf(shifted, y) < o.TopK;
        }

        /// <summary>
        /// The gradient of row <paramref name="i"/> with respect to its logits as given: the cross-entropy or focal
        /// part scaled by <paramref name="scale"/>, the z part by <paramref name="zScale"/> (sample weight over each
        /// part's normaliser), through the soft cap and the temperature.
        /// </summary>
        public static void Gradient(LossOptions o, RowBlock block, int i, BlockResult r, Span<double> g, double scale, double zScale)
        {
            // Rows that reach here were accepted by Row, so this succeeds again.
            TryPrepare(o, block, i, r, out double logS, out double lse);
            ReadOnlySpan<double> shifted = r.Shifted;
            int y = block.Labels[i];
            for (int k = 0; k < g.Length; k++) g[k] = Math.Exp(shifted[k] - logS); // p_k
            double zFactor = 2 * o.ZLoss * lse * zScale;
            if (o.FocalGamma is double gamma)
            {
                // l = -α(1-p)^γ log p with p = p_y: ∂l/∂v_k = F·(p_k - [k=y]), F = α((1-p)^γ - γ(1-p)^(γ-1)·p·log p).
                double logP = shifted[y] - logS, p = Math.Exp(logP), q = 1 - p;
                double focal = q == 0 ? (gamma == 0 ? 1 : 0) : Math.Pow(q, gamma) - (gamma == 0 ? 0 : gamma * Math.Pow(q, gamma - 1) * p * logP);
                double f = o.FocalAlphaOf(y) * focal * scale;
                for (int k = 0; k < g.Length; k++) g[k] = f * g[k] + zFactor * g[k];
                g[y] -= f;
            }
            else
            {
                Span<double> a = r.Coefficients;
                GradientKernel.Coefficients(o, block, i, a);
                double total = Vec.Sum(a);
                for (int k = 0; k < g.Length; k++) g[k] = (g[k] * total - a[k]) * scale + zFactor * g[k];
            }
            ChainToRawLogits(o, block.Row(i), g);
        }

        // v = c·tanh(u/c), u = x/T: ∂v/∂x = (1 - tanh²(u/c))/T, from the rounded tanh as autograd does (exactly 0 where
        // tanh rounds to ±1).
        private static void ChainToRawLogits(LossOptions o, ReadOnlySpan<double> x, Span<double> g)
        {
            double t = o.Temperature;
            if (o.SoftCap is double cap)
            {
                for (int k = 0; k < g.Length; k++)
                {
                    double th = Math.Tanh(x[k] / t / cap);
                    g[k] *= 1 - th * th;
                }
            }
            if (t != 1.0) Vec.Multiply(g, 1 / t, g);
        }

        // Scales and caps the row into r.Work, then the shared log-softmax preparation on it; lse = log Σ exp v.
        private static bool TryPrepare(LossOptions o, RowBlock block, int i, BlockResult r, out double logS, out double lse)
        {
            ReadOnlySpan<double> x = block.Row(i);
            Span<double> v = r.Work;
            double t = o.Temperature;
            if (o.SoftCap is double cap)
                for (int k = 0; k < v.Length; k++) v[k] = Math.Tanh(x[k] / t / cap) * cap; // torch: tanh(x / c) * c, in that order
            else if (t != 1.0) Vec.Divide(x, t, v);
            else x.CopyTo(v);
            lse = double.NaN;
            // The overflow rescue (shift, then scale) fits x / T alone: not a capped row, nor the z-loss, whose lse needs the max.
            double rescueT = o.SoftCap == null && o.ZLoss == 0 ? t : 1.0;
            if (!LogProbabilities.TryFromScaled(v, x, r, i, rescueT, out logS)) return false;
            lse = v[r.Predicted[i]] + logS; // the max plus log Σ exp(v - max)
            if (o.ZLoss != 0 && double.IsInfinity(lse))
            {
                r.Reject(i, RejectedField.Score, r.Predicted[i], x[r.Predicted[i]], "the z-loss of an infinite logit is infinite (use -SoftCap to bound the logits)");
                return false;
            }
            return true;
        }
    }
}
