#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrossEntropy.Engine
{
    internal static partial class IndexLogitsKernel
    {
        /// <summary>
        /// <see cref="RowLosses"/> for the register path (atLabel given, no smoothing, top-k 1), eight rows a step: when
        /// all eight are plain (sum ≥ 1, label in range and not the ignore index) their loss, normaliser, confidence,
        /// correct and status are worked out in vectors, each lane the same IEEE operations on the same values as
        /// RowLosses does for that row (so the same bits: ×, −, / are exactly rounded, lane or scalar); otherwise
        /// RowLosses takes the eight rows, and it takes the last rows of the tile.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal static void RowLossesEight(LossOptions o, double weightTotal, RowBlock block, BlockResult r, ReadOnlySpan<double> atLabel,
            int from, int to, Action<RowBlock, int, BlockResult> slowRow)
        {
            int i = from;
            // Smoothing and top-k > 1 need the shifted rows, which this path does not have.
            if (o.LabelSmoothing == 0 && o.TopK == 1 && Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Bmi2.X64.IsSupported)
            {
                int classes = o.Classes;
                double[]? w = o.ClassWeights;
                int? ignore = o.IgnoreIndex;
                int[] labels = block.Labels, predicted = r.Predicted, trueClass = r.TrueClass;
                double[] sums = r.RowSum, logs = r.RowLogSum, losses = r.Loss, norms = r.Norm, confidence = r.Confidence, corrects = r.Correct;
                RowStatus[] status = r.Status;
                bool[] topKCorrect = r.TopKCorrect;
                // One check for the whole tile, so the loads and stores below need none.
                if (to > atLabel.Length || to > labels.Length || to > predicted.Length || to > trueClass.Length || to > sums.Length ||
                    to > logs.Length || to > losses.Length || to > norms.Length || to > confidence.Length || to > corrects.Length ||
                    to > status.Length || to > topKCorrect.Length)
                    throw new ArgumentOutOfRangeException(nameof(to));
                ref double sum0 = ref MemoryMarshal.GetArrayDataReference(sums);
                ref double log0 = ref MemoryMarshal.GetArrayDataReference(logs);
                ref double at0 = ref MemoryMarshal.GetReference(atLabel);
                ref int label0 = ref MemoryMarshal.GetArrayDataReference(labels);
                ref int predicted0 = ref MemoryMarshal.GetArrayDataReference(predicted);
                Vector256<uint> classCount = Vector256.Create((uint)classes);
                Vector256<int> ignored = Vector256.Create(ignore ?? 0);
                Vector512<double> one = Vector512<double>.One, keep = Vector512.Create(1 - o.LabelSmoothing);
                for (; i + 8 <= to; i += 8)
                {
                    nuint at = (nuint)i;
                    Vector512<double> s = Vector512.LoadUnsafe(ref sum0, at);
                    Vector256<int> y = Vector256.LoadUnsafe(ref label0, at);
                    // RowLosses' test, lane by lane: !(s >= 1) || y == ignore || (uint)y >= (uint)classes sends a row to slowRow.
                    Vector256<int> plain = Vector256.LessThan(y.AsUInt32(), classCount).AsInt32();
                    if (ignore.HasValue) plain = Vector256.AndNot(plain, Vector256.Equals(y, ignored));
                    if (Vector512.GreaterThanOrEqual(s, one).ExtractMostSignificantBits() != 0xFF || plain.ExtractMostSignificantBits() != 0xFF)
                    {
                        RowLosses(o, weightTotal, block, r, ReadOnlySpan<double>.Empty, atLabel, i, i + 8, slowRow);
                        continue;
                    }
                    Vector512<double> wy = w == null ? one : Vector512.Create(
                        w[y.GetElement(0)], w[y.GetElement(1)], w[y.GetElement(2)], w[y.GetElement(3)],
                        w[y.GetElement(4)], w[y.GetElement(5)], w[y.GetElement(6)], w[y.GetElement(7)]);
                    // (1 - eps) * wy * (logS - x[y] + max), as RowLosses groups it.
                    Vector512<double> loss = keep * wy * (Vector512.LoadUnsafe(ref log0, at) - Vector512.LoadUnsafe(ref at0, at));
                    Vector512<double> hit = Vector512.Equals(Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref predicted0, at)), Avx512F.ConvertToVector512Double(y));
                    loss.StoreUnsafe(ref losses[i]);
                    wy.StoreUnsafe(ref norms[i]);
                    (one / s).StoreUnsafe(ref confidence[i]);
                    y.StoreUnsafe(ref trueClass[i]);
                    Vector512.ConditionalSelect(hit, one, Vector512<double>.Zero).StoreUnsafe(ref corrects[i]);
                    // One byte per row: bool true is 1, RowStatus.Used is 0.
                    ulong correct = Bmi2.X64.ParallelBitDeposit(hit.ExtractMostSignificantBits(), 0x0101010101010101UL);
                    Unsafe.WriteUnaligned(ref Unsafe.As<bool, byte>(ref topKCorrect[i]), correct);
                    Unsafe.WriteUnaligned(ref Unsafe.As<RowStatus, byte>(ref status[i]), (ulong)RowStatus.Used * 0x0101010101010101UL);
                }
            }
            RowLosses(o, weightTotal, block, r, ReadOnlySpan<double>.Empty, atLabel, i, to, slowRow);
        }
        /// <summary>
        /// The fused register path's gradient rows <paramref name="from"/> to <paramref name="to"/> (their exps already in
        /// them), eight rows a step: when all eight are used with kept exps, each row's scale, factor and label term are
        /// worked out in vectors, lane by lane the same IEEE operations as GradientKernel.FromBlockExps does for the row,
        /// and each row is then multiplied as Vec.Multiply does; other groups and the last rows row by row.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal static void GradientsEight(LossOptions o, double weightTotal, RowBlock block, BlockResult r, double[] grad, double normaliser, int from, int to)
        {
            int classes = o.Classes, i = from;
            double eps = o.LabelSmoothing;
            if (eps == 0 && classes >= 8 && classes <= 16 && Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
            {
                double[]? w = o.ClassWeights, sw = block.SampleWeights;
                int[] labels = block.Labels;
                double[] sums = r.RowSum;
                RowStatus[] status = r.Status;
                if (to > labels.Length || to > sums.Length || to > status.Length || (sw != null && to > sw.Length) || (long)to * classes > grad.Length)
                    throw new ArgumentOutOfRangeException(nameof(to));
                bool tempered = o.Input == InputKind.Logits && o.Temperature != 1.0;
                Vector512<double> one = Vector512<double>.One;
                // (1 - eps) and eps / classes * weightTotal as FromBlockExps computes them for every row.
                Vector512<double> keep = Vector512.Create(1 - eps), share = Vector512.Create(eps / classes * weightTotal);
                Span<double> factors = stackalloc double[8], fixes = stackalloc double[8];
                nuint last = (nuint)(classes - Vector512<double>.Count);
                for (; i + 8 <= to; i += 8)
                {
                    Vector512<double> s = Vector512.LoadUnsafe(ref sums[i]);
                    // Used rows with a sum (not NaN: RowLosses marks the rows whose exps must not be used).
                    if (Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<RowStatus, byte>(ref status[i])) != (ulong)RowStatus.Used * 0x0101010101010101UL ||
                        Vector512.Equals(s, s).ExtractMostSignificantBits() != 0xFF)
                    {
                        for (int k = i; k < i + 8; k++) GradientRow(o, weightTotal, block, r, k, grad, normaliser);
                        continue;
                    }
                    Vector256<int> y = Vector256.LoadUnsafe(ref labels[i]);
                    // GradientKernel.Row: scale = sample weight / normaliser, then / T.
                    Vector512<double> scale = (sw == null ? one : Vector512.LoadUnsafe(ref sw[i])) / Vector512.Create(normaliser);
                    if (tempered) scale /= Vector512.Create(o.Temperature);
                    Vector512<double> wy = w == null ? one : Vector512.Create(
                        w[y.GetElement(0)], w[y.GetElement(1)], w[y.GetElement(2)], w[y.GetElement(3)],
                        w[y.GetElement(4)], w[y.GetElement(5)], w[y.GetElement(6)], w[y.GetElement(7)]);
                    // FromBlockExps: total = (1 - eps) * wy + eps / classes * weightTotal; factor = total * scale / s;
                    // g[y] -= (1 - eps) * wy * scale.
                    Vector512<double> kw = keep * wy;
                    ((kw + share) * scale / s).CopyTo(factors);
                    (kw * scale).CopyTo(fixes);
                    for (int k = 0; k < 8; k++)
                    {
                        ref double g = ref grad[(i + k) * classes];
                        Vector512<double> f = Vector512.Create(factors[k]);
                        Vector512<double> head = Vector512.LoadUnsafe(ref g) * f, tail = Vector512.LoadUnsafe(ref g, last) * f;
                        head.StoreUnsafe(ref g);
                        tail.StoreUnsafe(ref g, last);
                        Unsafe.Add(ref g, labels[i + k]) -= fixes[k];
                    }
                }
            }
            for (; i < to; i++) GradientRow(o, weightTotal, block, r, i, grad, normaliser);
        }

        // One row as GradientKernel.Compute gives it: from its exps (in its gradient row) unless its sum is NaN.
        private static void GradientRow(LossOptions o, double weightTotal, RowBlock block, BlockResult r, int i, double[] grad, double normaliser) =>
            RowGradient(o, weightTotal, block, r, i, grad, normaliser,
                double.IsNaN(r.RowSum[i]) ? ReadOnlySpan<double>.Empty : new ReadOnlySpan<double>(grad, i * o.Classes, o.Classes));
    }
}
#endif
