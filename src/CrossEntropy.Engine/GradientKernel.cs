using System;
using System.Runtime.CompilerServices;
using CrossEntropy.Engine.Kernels;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// dLoss/dInput per row, matching torch.autograd on the same loss. Every multi-class loss here is
    /// Σ_c a_c·(-log p_c) with per-row coefficients a (index target: a_c = (1-ε)·w_y·[c=y] + (ε/C)·w_c; soft target:
    /// a_c = w_c·t'_c), so with logits ∂l/∂z_k = p_k·Σa - a_k and with probabilities ∂l/∂p_k = -a_k/p_k (0 where the
    /// clip is active, as torch.clamp's gradient). Binary: ∂l/∂x = w·(σ(x)(P·y + 1 - y) - P·y). Logit gradients carry
    /// the 1/T of the temperature. Each row is then scaled by its sample weight over the reduction's normaliser.
    /// </summary>
    internal static class GradientKernel
    {
        /// <summary>
        /// Fills <see cref="BlockResult.Gradient"/> for rows <see cref="LossEngine.Compute(RowBlock, BlockResult, bool)"/> marked Used (ignored and
        /// rejected rows get zeros). <paramref name="normaliser"/> is the mean's denominator (1 for Sum), and
        /// <paramref name="zNormaliser"/> the z-loss part's (Σ sample weight of the used rows; default the same);
        /// <paramref name="clipNorm"/> &gt; 0 caps each row's L2 norm after scaling.
        /// </summary>
        public static void Compute(LossOptions o, RowBlock block, BlockResult r, double normaliser, double clipNorm = 0, double zNormaliser = double.NaN)
        {
            if (double.IsNaN(zNormaliser)) zNormaliser = normaliser;
            bool training = o.HasTrainingLoss && o.Target == TargetKind.ClassIndex;
            int classes = o.Classes;
            double weightTotal = o.WeightTotal();
            double[] grad = r.EnsureGradient();
            for (int i = 0; i < r.Count; i++)
            {
                ReadOnlySpan<double> exps = r.HasBlockExps && !double.IsNaN(r.RowSum[i]) ? r.BlockExps().Slice(i * classes, classes) : default;
                Row(o, weightTotal, block, r, i, new Span<double>(grad, i * classes, classes), normaliser, clipNorm, zNormaliser, training, exps);
            }
        }

        /// <summary>
        /// Row <paramref name="i"/>'s gradient into <paramref name="g"/>, as <see cref="Compute"/> gives it.
        /// <paramref name="exps"/> is the row's exp(x - max) kept by IndexLogitsKernel (its sum in RowSum[i]), or empty
        /// when the row's figures must be computed again.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // Compute calls it once per row, 1,000,000 times for 1M × 10
        internal static void Row(LossOptions o, double weightTotal, RowBlock block, BlockResult r, int i, Span<double> g, double normaliser,
            double clipNorm, double zNormaliser, bool training, ReadOnlySpan<double> exps)
        {
            if (r.Status[i] != RowStatus.Used)
            {
                g.Clear(); // ignored and rejected rows have no gradient
                return;
            }
            double scale = block.SampleWeight(i) / normaliser;
            if (training)
            {
                TrainingLoss.Gradient(o, block, i, r, g, scale, block.SampleWeight(i) / zNormaliser);
                if (clipNorm > 0) ClipRow(g, clipNorm);
                return;
            }
            if (o.Input == InputKind.Logits && o.Temperature != 1.0) scale /= o.Temperature;
            if (!exps.IsEmpty)
            {
                FromBlockExps(o, weightTotal, block, i, r, exps, g, scale);
                if (clipNorm > 0) ClipRow(g, clipNorm);
                return;
            }
            switch (o.Target)
            {
                case TargetKind.Binary:
                case TargetKind.MultiLabel:
                    BinaryRow(o, block, i, g);
                    break;
                default:
                    MultiClassRow(o, block, i, r, g);
                    break;
            }
            Vec.Multiply(g, scale, g);
            if (clipNorm > 0) ClipRow(g, clipNorm);
        }

        // Index target on logits, exponentials kept by IndexLogitsKernel: g = exp(x - m)·(Σa·scale/s) - a·scale.
        private static void FromBlockExps(LossOptions o, double weightTotal, RowBlock block, int i, BlockResult r, ReadOnlySpan<double> exps, Span<double> g, double scale)
        {
            int classes = o.Classes, y = block.Labels[i];
            double eps = o.LabelSmoothing, wy = o.WeightOf(y);
            double total = (1 - eps) * wy + eps / classes * weightTotal;
            Vec.Multiply(exps, total * scale / r.RowSum[i], g); // exps may be g itself (the fused pass)
            g[y] -= (1 - eps) * wy * scale;
            if (eps == 0) return;
            double share = eps / classes * scale;
            for (int k = 0; k < classes; k++) g[k] -= share * o.WeightOf(k);
        }

        private static void MultiClassRow(LossOptions o, RowBlock block, int i, BlockResult r, Span<double> g)
        {
            Span<double> a = r.Coefficients;
            Coefficients(o, block, i, a);
            if (o.Input == InputKind.Logits)
            {
                // Rows that reach here were accepted by LossEngine.Compute, so this succeeds again.
                LogProbabilities.TryPrepare(o, block.Row(i), r, i, out double logS);
                double total = Vec.Sum(a);
                Span<double> shifted = r.Shifted;
                for (int k = 0; k < g.Length; k++) g[k] = Math.Exp(shifted[k] - logS) * total - a[k];
                return;
            }
            ReadOnlySpan<double> p = block.Row(i);
            double lo = o.Epsilon, hi = 1 - o.Epsilon;
            for (int k = 0; k < g.Length; k++)
                g[k] = a[k] == 0 || p[k] < lo || p[k] > hi ? 0 : -a[k] / p[k];
        }

        /// <summary>The row's a_c: how much each class's -log p_c weighs in its loss.</summary>
        internal static void Coefficients(LossOptions o, RowBlock block, int i, Span<double> a)
        {
            int classes = o.Classes;
            double eps = o.LabelSmoothing;
            if (o.Target == TargetKind.Soft)
            {
                Span<double> t = block.TargetRow(i);
                for (int c = 0; c < classes; c++) a[c] = o.WeightOf(c) * (eps > 0 ? t[c] * (1 - eps) + eps / classes : t[c]);
                return;
            }
            int y = block.Labels[i];
            for (int c = 0; c < classes; c++) a[c] = eps / classes * o.WeightOf(c);
            a[y] += (1 - eps) * o.WeightOf(y);
        }

        private static void BinaryRow(LossOptions o, RowBlock block, int i, Span<double> g)
        {
            bool multi = o.Target == TargetKind.MultiLabel;
            Span<double> x = block.Row(i);
            for (int k = 0; k < g.Length; k++)
            {
                double y = multi ? block.TargetRow(i)[k] : block.Labels[i];
                double w = o.WeightOf(k), pos = o.PosWeightOf(k);
                if (o.FocalGamma is double gamma)
                    g[k] = SigmoidFocal.Gradient(x[k] / o.Temperature, y, o.FocalAlphaOf(k), gamma);
                else if (o.Input == InputKind.Logits)
                {
                    double s = Binary.Sigmoid(x[k] / o.Temperature);
                    g[k] = w * (s * (pos * y + 1 - y) - pos * y);
                }
                else
                {
                    double p = x[k];
                    bool clipped = p < o.Epsilon || p > 1 - o.Epsilon;
                    g[k] = clipped ? 0 : w * (-pos * y / p + (1 - y) / (1 - p));
                }
            }
        }

        private static void ClipRow(Span<double> g, double maxNorm)
        {
            double sq = 0;
            foreach (double v in g) sq += v * v;
            double norm = Math.Sqrt(sq);
            if (norm > maxNorm) Vec.Multiply(g, maxNorm / norm, g);
        }
    }
}
