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
    }
}
#endif
