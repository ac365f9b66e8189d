using System;

namespace CrossEntropy.Engine
{
    /// <summary>
    /// The hot path: class-index targets on logits (nn.CrossEntropyLoss's common case, with weights, smoothing,
    /// temperature and the ignore index), a whole block at a time. Per-row work is a max and a subtraction into one
    /// contiguous buffer, then a single vectorised Exp over the whole block (no per-row call overhead for small C),
    /// then per-row sums. The exponentials and row sums stay in the result, so the gradient is one more pass.
    /// Rows with NaN or infinite logits, or bad labels, go to the per-row path, which handles every edge case.
    /// </summary>
    internal static class IndexLogitsKernel
    {
        // Below this many classes scalar loops beat per-row TensorPrimitives calls (call overhead dominates).
        private const int SmallRow = 32;

        public static void Compute(LossOptions o, double weightTotal, RowBlock block, BlockResult r, Action<RowBlock, int, BlockResult> slowRow)
        {
            int n = block.Count, classes = o.Classes;
            ReadOnlySpan<double> x = new ReadOnlySpan<double>(block.Values, 0, n * classes);
            if (o.Temperature != 1.0)
            {
                Span<double> scaled = r.BlockScaled().Slice(0, n * classes);
                Vec.Divide(x, o.Temperature, scaled);
                x = scaled;
            }
            Span<double> shifted = r.BlockShifted().Slice(0, n * classes);
            Span<double> exps = r.BlockExps().Slice(0, n * classes);

            // Pass 1: shift every row by its max (the argmax is the prediction).
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<double> row = x.Slice(i * classes, classes);
                Span<double> dest = shifted.Slice(i * classes, classes);
                double m = MaxAndShift(row, dest, out int arg);
                r.Predicted[i] = arg;
                r.Status[i] = RowStatus.Used;
                if (double.IsNaN(m) || double.IsInfinity(m))
                {
                    dest.Clear(); // finite placeholder; the per-row path recomputes this row
                    r.Status[i] = RowStatus.Rejected; // provisional marker, replaced below
                }
            }

            // Pass 2: one Exp over the whole block.
            Vec.Exp(shifted, exps);

            // Pass 3: per-row sums and losses.
            double eps = o.LabelSmoothing;
            double[]? w = o.ClassWeights;
            int? ignore = o.IgnoreIndex;
            int topK = o.TopK;
            for (int i = 0; i < n; i++)
            {
                int y = block.Labels[i];
                bool special = r.Status[i] == RowStatus.Rejected;
                if (special || y == ignore || (uint)y >= (uint)classes)
                {
                    r.Status[i] = RowStatus.Used;
                    slowRow(block, i, r); // ignored rows, bad labels and non-finite rows: every edge case lives there
                    r.RowSum[i] = double.NaN; // the gradient's fast path must not use this row's exps
                    continue;
                }
                ReadOnlySpan<double> sh = shifted.Slice(i * classes, classes);
                double s = Sum(exps.Slice(i * classes, classes));
                double logS = Math.Log(s);
                double wy = w == null ? 1.0 : w[y];
                double loss = (1 - eps) * wy * (logS - sh[y]);
                if (eps > 0)
                {
                    double dot = w == null ? Sum(sh) : Vec.DotZeroSafe(w, sh);
                    loss += eps / classes * (weightTotal * logS - dot);
                }
                r.RowSum[i] = s;
                r.Loss[i] = loss;
                r.Norm[i] = wy;
                r.Confidence[i] = 1 / s;
                r.TrueClass[i] = y;
                bool correct = r.Predicted[i] == y;
                r.Correct[i] = correct ? 1 : 0;
                r.TopKCorrect[i] = topK == 1 ? correct : Vec.CountGreater(sh, sh[y]) < topK;
            }
            r.HasBlockExps = true;
        }

        // Max of a row (NaN if any is NaN), its first index, and dest = row - max.
        private static double MaxAndShift(ReadOnlySpan<double> row, Span<double> dest, out int arg)
        {
            double m;
            if (row.Length >= SmallRow)
            {
                m = Vec.Max(row);
                arg = Vec.IndexOfMax(row);
                if (!double.IsNaN(m)) Vec.Subtract(row, m, dest);
                return m;
            }
            m = row[0];
            arg = 0;
            bool nan = double.IsNaN(m);
            for (int c = 1; c < row.Length; c++)
            {
                double v = row[c];
                if (v > m)
                {
                    m = v;
                    arg = c;
                }
                else if (double.IsNaN(v)) nan = true;
            }
            if (nan) return double.NaN;
            for (int c = 0; c < row.Length; c++) dest[c] = row[c] - m;
            return m;
        }

        private static double Sum(ReadOnlySpan<double> v)
        {
            if (v.Length >= SmallRow) return Vec.Sum(v);
            double s = 0;
            for (int c = 0; c < v.Length; c++) s += v[c];
            return s;
        }
    }
}
