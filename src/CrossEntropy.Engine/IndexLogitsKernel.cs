using System;
#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
#endif
using CrossEntropy.Engine.Kernels;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// The hot path: class-index targets on logits (nn.CrossEntropyLoss's common case, with weights, smoothing,
    /// temperature and the ignore index), a whole block at a time. Per-row work is a max and a subtraction into one
    /// contiguous buffer, then a single vectorised Exp over the whole block (no per-row call overhead for small C),
    /// then per-row sums. The exponentials and row sums stay in the result, so the gradient is one more pass.
    /// Short rows use <see cref="ShortRows"/> (a few registers per row); long rows an argmax and one <see cref="Vec.ExpSum"/> pass.
    /// Rows with NaN or infinite logits, or bad labels, go to the per-row path, which handles every edge case.
    /// </summary>
    internal static partial class IndexLogitsKernel
    {
        // Below this many classes scalar loops beat per-row TensorPrimitives calls (call overhead dominates).
        private const int SmallRow = 32;

        /// <summary>
        /// True when <see cref="Compute"/> takes the long-row path, which can write each row's gradient while the row
        /// is in cache (a <c>gradientNormaliser</c>).
        /// </summary>
        public static bool FusesGradient(LossOptions o) =>
            o.Target == TargetKind.ClassIndex && o.Input == InputKind.Logits && !o.HasTrainingLoss &&
            ((o.Classes >= SmallRow && !(o.LabelSmoothing > 0 && o.ClassWeights != null)) || TakesRegisterRows(o));

        // Rows of 8-16 classes without smoothing or top-k: the register kernel (ShortRowExpSums).
        private static bool TakesRegisterRows(LossOptions o) =>
#if NET8_0_OR_GREATER
            ShortRowExpSums.Fits(o.Classes) && o.LabelSmoothing == 0 && o.TopK == 1;
#else
            false;
#endif

        /// <summary>
        /// The block's losses; unless <paramref name="gradientNormaliser"/> is NaN (only where <see cref="FusesGradient"/>),
        /// also every row's gradient of the loss over that normaliser, as <see cref="GradientKernel.Compute"/> would
        /// write it, from the row's exponentials while they are in cache (they are not kept in the block then).
        /// </summary>
        public static void Compute(LossOptions o, double weightTotal, RowBlock block, BlockResult r, Action<RowBlock, int, BlockResult> slowRow,
            bool keepExponentials, double gradientNormaliser = double.NaN)
        {
            int n = block.Count, classes = o.Classes;
            ReadOnlySpan<double> x = new ReadOnlySpan<double>(block.Values, 0, n * classes);
            if (o.Temperature != 1.0)
            {
                Span<double> scaled = r.BlockScaled().Slice(0, n * classes);
                Vec.Divide(x, o.Temperature, scaled);
                x = scaled;
            }
            Span<double> exps = r.BlockExps().Slice(0, n * classes);
            bool small = classes < SmallRow;
            if (!small && !(o.LabelSmoothing > 0 && o.ClassWeights != null))
            {
                LongRows(o, weightTotal, block, r, x, keepExponentials ? exps : Span<double>.Empty, slowRow, gradientNormaliser);
                return;
            }
#if NET8_0_OR_GREATER
            if (TakesRegisterRows(o))
            {
                RegisterRows(o, weightTotal, block, r, x, keepExponentials ? exps : Span<double>.Empty, slowRow, gradientNormaliser);
                return;
            }
#endif
            if (!double.IsNaN(gradientNormaliser)) throw new InvalidOperationException("Only the long-row and register paths write the gradient with the losses.");
            Span<double> shifted = r.BlockShifted().Slice(0, n * classes);

            // The three passes run over tiles of a few thousand doubles, so a tile's rows stay in L1 from pass to pass.
            int tile = Math.Max(1, TileDoubles / classes);
            for (int t0 = 0; t0 < n; t0 += tile)
                Tile(o, weightTotal, block, r, x, shifted, exps, t0, Math.Min(n, t0 + tile), slowRow);
            r.HasBlockExps = true;
        }

        private const int TileDoubles = 2048;

        private static void Tile(LossOptions o, double weightTotal, RowBlock block, BlockResult r, ReadOnlySpan<double> x,
            Span<double> shifted, Span<double> exps, int from, int to, Action<RowBlock, int, BlockResult> slowRow)
        {
            int classes = o.Classes;
            bool small = classes < SmallRow;

            // Pass 1: shift every row by its max. NaN or infinite logits make the row's sum NaN below.
            for (int i = from; i < to; i++)
            {
                ReadOnlySpan<double> row = x.Slice(i * classes, classes);
                Span<double> dest = shifted.Slice(i * classes, classes);
                if (small)
                {
                    ShortRows.MaxAndShift(row, dest, out int argmax);
                    r.Predicted[i] = argmax;
                    continue;
                }
                double max = WideMax.MaxAndIndex(row, out int arg); // NaN logits make the row's sum NaN below
                Vec.Subtract(row, max, dest);
                r.Predicted[i] = arg;
            }

            // Pass 2: one Exp over the whole tile.
            Vec.Exp(shifted.Slice(from * classes, (to - from) * classes), exps.Slice(from * classes, (to - from) * classes));

            // Pass 3: per-row sums, their logs (vectorised, deterministic), then the losses.
            double[] sums = r.RowSum, logs = r.RowLogSum;
            VectorDriver.RowSums(exps.Slice(from * classes, (to - from) * classes), classes, new Span<double>(sums, from, to - from));
            FastLog.Log(new ReadOnlySpan<double>(sums, from, to - from), new Span<double>(logs, from, to - from));
            RowLosses(o, weightTotal, block, r, shifted, ReadOnlySpan<double>.Empty, from, to, slowRow);
        }

#if NET8_0_OR_GREATER
        // Rows of 8-16 classes without smoothing or top-k: max, argmax, exp-sum and the label's shifted logit in
        // registers (ShortRowExpSums), the same bits as Tile's three passes, then the same losses. Tiles keep each
        // tile's sums in L1 between the passes.
        // With a gradient normaliser the tile's exps go into its gradient rows and each row is finished from L1, as
        // LongRows does, instead of the block's exps to memory and back for a later gradient pass.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void RegisterRows(LossOptions o, double weightTotal, RowBlock block, BlockResult r, ReadOnlySpan<double> x,
            Span<double> exps, Action<RowBlock, int, BlockResult> slowRow, double gradientNormaliser)
        {
            int n = block.Count, classes = o.Classes;
            double[] sums = r.RowSum, logs = r.RowLogSum, atLabel = r.RowAtLabel();
            bool fuse = !double.IsNaN(gradientNormaliser);
            double[]? grad = fuse ? r.EnsureGradient() : null;
            if (fuse) exps = new Span<double>(grad!, 0, n * classes);
            int tile = TileDoubles / classes;
            for (int from = 0; from < n; from += tile)
            {
                int to = Math.Min(n, from + tile), rows = to - from;
                ShortRowExpSums.Run(x.Slice(from * classes, rows * classes), classes, new ReadOnlySpan<int>(block.Labels, from, rows),
                    new Span<double>(sums, from, rows), new Span<int>(r.Predicted, from, rows), new Span<double>(atLabel, from, rows),
                    exps.IsEmpty ? exps : exps.Slice(from * classes, rows * classes));
                FastLog.Log(new ReadOnlySpan<double>(sums, from, rows), new Span<double>(logs, from, rows));
                RowLossesEight(o, weightTotal, block, r, atLabel, from, to, slowRow);
                if (!fuse) continue;
                GradientsEight(o, weightTotal, block, r, grad!, gradientNormaliser, from, to);
            }
            r.HasBlockExps = !fuse && !exps.IsEmpty;
        }
#endif

        // Per-row losses from the tile's sums and logs. The label's shifted logit comes from the shifted rows, or from
        // atLabel when the rows were not written out (then there is no smoothing and top-k is 1).
        internal static void RowLosses(LossOptions o, double weightTotal, RowBlock block, BlockResult r, ReadOnlySpan<double> shifted,
            ReadOnlySpan<double> atLabel, int from, int to, Action<RowBlock, int, BlockResult> slowRow)
        {
            int classes = o.Classes;
            double[] sums = r.RowSum, logs = r.RowLogSum;
            double eps = o.LabelSmoothing;
            double[]? w = o.ClassWeights;
            int? ignore = o.IgnoreIndex;
            int topK = o.TopK;
            // The result's arrays in locals: the JIT would load each through r again for every row.
            int[] labels = block.Labels, predicted = r.Predicted, trueClass = r.TrueClass;
            double[] losses = r.Loss, norms = r.Norm, confidence = r.Confidence, corrects = r.Correct;
            RowStatus[] status = r.Status;
            bool[] topKCorrect = r.TopKCorrect;
            for (int i = from; i < to; i++)
            {
                int y = labels[i];
                double s = sums[i];
                status[i] = RowStatus.Used;
                // s is in [1, C] for a finite row (its max contributes exp(0) = 1); NaN means NaN or infinite logits.
                if (!(s >= 1) || y == ignore || (uint)y >= (uint)classes)
                {
                    slowRow(block, i, r); // ignored rows, bad labels and non-finite rows: every edge case lives there
                    sums[i] = double.NaN; // the gradient's fast path must not use this row's exps
                    continue;
                }
                double logS = logs[i];
                double wy = w == null ? 1.0 : w[y];
                ReadOnlySpan<double> sh = atLabel.IsEmpty ? shifted.Slice(i * classes, classes) : default;
                double loss = (1 - eps) * wy * (logS - (atLabel.IsEmpty ? sh[y] : atLabel[i]));
                if (eps > 0)
                {
                    double dot = w == null ? Vec.Sum(sh) : Vec.DotZeroSafe(w, sh);
                    loss += eps / classes * (weightTotal * logS - dot);
                }
                losses[i] = loss;
                norms[i] = wy;
                confidence[i] = 1 / s;
                trueClass[i] = y;
                bool correct = predicted[i] == y;
                corrects[i] = correct ? 1 : 0;
                topKCorrect[i] = topK == 1 ? correct : Vec.RankOf(sh, y) < topK;
            }
        }

        // Long rows: one max pass (WideMax), then one pass that shifts, exponentiates, stores and sums in registers (and,
        // with smoothing, one more for Σ(x - m)).
        // With a gradient normaliser, each row's exps go into its gradient row, which is finished at once from L1/L2,
        // instead of the whole block's exps to memory and back for a later gradient pass.
        private static void LongRows(LossOptions o, double weightTotal, RowBlock block, BlockResult r, ReadOnlySpan<double> x,
            Span<double> exps, Action<RowBlock, int, BlockResult> slowRow, double gradientNormaliser)
        {
            int n = block.Count, classes = o.Classes, topK = o.TopK;
            double eps = o.LabelSmoothing;
            double[]? w = o.ClassWeights;
            int? ignore = o.IgnoreIndex;
            bool fuse = !double.IsNaN(gradientNormaliser);
            double[]? grad = fuse ? r.EnsureGradient() : null;
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<double> row = x.Slice(i * classes, classes);
                int y = block.Labels[i];
                double m = WideMax.MaxAndIndex(row, out int arg); // NaN logits make s NaN below
                // Fused, the exps go straight into the row's gradient, which then scales them in place.
                Span<double> rowExps = fuse ? new Span<double>(grad!, i * classes, classes) : exps.IsEmpty ? exps : exps.Slice(i * classes, classes);
                double s = Vec.ExpSum(row, m, rowExps);
                r.Status[i] = RowStatus.Used;
                // s is in [1, C] for a finite row; NaN or infinite logits make it NaN (or the max infinite).
                if (!(s >= 1) || double.IsInfinity(m) || y == ignore || (uint)y >= (uint)classes)
                {
                    slowRow(block, i, r);
                    r.RowSum[i] = double.NaN;
                    if (fuse) RowGradient(o, weightTotal, block, r, i, grad!, gradientNormaliser, ReadOnlySpan<double>.Empty);
                    continue;
                }
                double logS = Math.Log(s);
                double wy = w == null ? 1.0 : w[y];
                double shY = row[y] - m;
                double loss = (1 - eps) * wy * (logS - shY);
                if (eps > 0) loss += eps / classes * (weightTotal * logS - Vec.SumOfDifferences(row, m)); // unweighted here: Σ_c (x_c - m)
                r.Predicted[i] = arg;
                r.RowSum[i] = s;
                r.Loss[i] = loss;
                r.Norm[i] = wy;
                r.Confidence[i] = 1 / s;
                r.TrueClass[i] = y;
                bool correct = arg == y;
                r.Correct[i] = correct ? 1 : 0;
                r.TopKCorrect[i] = topK == 1 ? correct : Vec.RankOf(row, y) < topK;
                if (fuse) RowGradient(o, weightTotal, block, r, i, grad!, gradientNormaliser, rowExps);
            }
            r.HasBlockExps = !fuse && !exps.IsEmpty;
        }

        private static void RowGradient(LossOptions o, double weightTotal, RowBlock block, BlockResult r, int i, double[] grad, double normaliser,
            ReadOnlySpan<double> exps) =>
            GradientKernel.Row(o, weightTotal, block, r, i, new Span<double>(grad, i * o.Classes, o.Classes), normaliser, 0, normaliser, false, exps);
    }
}
