#if NET8_0_OR_GREATER
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrossEntropy.Engine.Kernels
{
    /// <summary>
    /// Rows of 8 to 16 classes (1,000,000 × 10) in two AVX-512 registers, the second loaded at width - 8 so that it
    /// overlaps the first: per row the max, its first index, Σ exp(x - max) and x[label] - max in one pass, with no
    /// per-row calls and no shifted row written out. Every figure is bit for bit what the tile path gives
    /// (<see cref="ShortRows.MaxAndShift512"/>, <see cref="FastExp"/> over the tile, <see cref="VectorDriver.RowSums512"/>):
    /// the same operations on the same values in the same order, the overlap's lanes masked out of the sum as
    /// RowSums512 masks them. A NaN or infinite logit makes the row's sum NaN, as there; the caller checks.
    /// </summary>
    internal static class ShortRowExpSums
    {
        /// <summary>Narrowest row taken: one whole vector.</summary>
        internal const int MinWidth = 8;

        /// <summary>Widest row taken: two vectors.</summary>
        internal const int MaxWidth = 16;

        /// <summary>True when rows of <paramref name="width"/> classes can take this kernel on this machine.</summary>
        public static bool Fits(int width) => Vector512.IsHardwareAccelerated && Avx512F.IsSupported && width >= MinWidth && width <= MaxWidth;

        /// <summary>
        /// For each of the rows of <paramref name="x"/> (<paramref name="width"/> doubles each, one per element of
        /// <paramref name="sums"/>): sums[r] = Σ exp(x - max), argmax[r] = the max's first index (0 when none equals
        /// it), atLabel[r] = x[labels[r]] - max (NaN for a label outside the row), and, unless
        /// <paramref name="exps"/> is empty, the row's exp(x - max) into it.
        /// </summary>
        public static void Run(ReadOnlySpan<double> x, int width, ReadOnlySpan<int> labels, Span<double> sums, Span<int> argmax,
            Span<double> atLabel, Span<double> exps)
        {
            int rows = sums.Length;
            if (!Fits(width)) throw new ArgumentOutOfRangeException(nameof(width));
            if ((long)rows * width > x.Length || labels.Length < rows || argmax.Length < rows || atLabel.Length < rows) VectorDriver.ThrowDestinationTooShort();
            bool keep = !exps.IsEmpty;
            if (keep && (long)rows * width > exps.Length) VectorDriver.ThrowDestinationTooShort();
            ref double xs = ref MemoryMarshal.GetReference(x);
            ref double es = ref MemoryMarshal.GetReference(exps);
            int last = width - Vector512<double>.Count;
            bool two = last > 0;
            // Lanes of the second vector not in the first (element last + j with j >= 16 - width): RowSums512's tail mask.
            Vector512<double> tail = Vector512.GreaterThanOrEqual(Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7), Vector512.Create(16L - width)).AsDouble();
            // Four rows a step, their steps interleaved: one row is a long chain of dependent operations (max tree,
            // exp polynomial, sum tree), and independent chains fill the wait. Their tails share vectors, so a 10-class
            // row costs 1.25 vector exps, as the tile path's dense exp does.
            for (int r = 0; r < rows; r += 4)
            {
                // Past the last row, the last row again (computed to the same bits, stored again).
                int rB = Math.Min(r + 1, rows - 1), rC = Math.Min(r + 2, rows - 1), rD = Math.Min(r + 3, rows - 1);
                nint atA = (nint)r * width, atB = (nint)rB * width, atC = (nint)rC * width, atD = (nint)rD * width;
                ref double a = ref Unsafe.Add(ref xs, atA);
                ref double b = ref Unsafe.Add(ref xs, atB);
                ref double c = ref Unsafe.Add(ref xs, atC);
                ref double d = ref Unsafe.Add(ref xs, atD);
                Vector512<double> a0 = Vector512.LoadUnsafe(ref a), a1 = Vector512.LoadUnsafe(ref a, (nuint)last);
                Vector512<double> b0 = Vector512.LoadUnsafe(ref b), b1 = Vector512.LoadUnsafe(ref b, (nuint)last);
                Vector512<double> c0 = Vector512.LoadUnsafe(ref c), c1 = Vector512.LoadUnsafe(ref c, (nuint)last);
                Vector512<double> d0 = Vector512.LoadUnsafe(ref d), d1 = Vector512.LoadUnsafe(ref d, (nuint)last);
                double mA = Max(two ? Avx512F.Max(a0, a1) : a0), mB = Max(two ? Avx512F.Max(b0, b1) : b0);
                double mC = Max(two ? Avx512F.Max(c0, c1) : c0), mD = Max(two ? Avx512F.Max(d0, d1) : d0);
                Vector512<double> eA = FastExp.Exp(a0 - Vector512.Create(mA)), eB = FastExp.Exp(b0 - Vector512.Create(mB));
                Vector512<double> eC = FastExp.Exp(c0 - Vector512.Create(mC)), eD = FastExp.Exp(d0 - Vector512.Create(mD));
                // The elements past the first vector, exponentiated together and placed in the top lanes of each row's
                // vector, where RowSums512 adds them.
                Vector512<double> tA, tB, tC, tD;
                if (width <= 10)
                {
                    nuint at = (nuint)(width - 2);
                    Vector512<double> e = FastExp.Exp(Vector512.Create(
                        Vector256.Create(Vector128.LoadUnsafe(ref a, at) - Vector128.Create(mA), Vector128.LoadUnsafe(ref b, at) - Vector128.Create(mB)),
                        Vector256.Create(Vector128.LoadUnsafe(ref c, at) - Vector128.Create(mC), Vector128.LoadUnsafe(ref d, at) - Vector128.Create(mD))));
                    if (keep)
                    {
                        e.GetLower().GetLower().StoreUnsafe(ref Unsafe.Add(ref es, atA), at);
                        e.GetLower().GetUpper().StoreUnsafe(ref Unsafe.Add(ref es, atB), at);
                        e.GetUpper().GetLower().StoreUnsafe(ref Unsafe.Add(ref es, atC), at);
                        e.GetUpper().GetUpper().StoreUnsafe(ref Unsafe.Add(ref es, atD), at);
                    }
                    tA = Top(e.GetLower().GetLower());
                    tB = Top(e.GetLower().GetUpper());
                    tC = Top(e.GetUpper().GetLower());
                    tD = Top(e.GetUpper().GetUpper());
                }
                else if (width <= 12)
                {
                    nuint at = (nuint)(width - 4);
                    Vector512<double> eAB = FastExp.Exp(Vector512.Create(Vector256.LoadUnsafe(ref a, at) - Vector256.Create(mA), Vector256.LoadUnsafe(ref b, at) - Vector256.Create(mB)));
                    Vector512<double> eCD = FastExp.Exp(Vector512.Create(Vector256.LoadUnsafe(ref c, at) - Vector256.Create(mC), Vector256.LoadUnsafe(ref d, at) - Vector256.Create(mD)));
                    if (keep)
                    {
                        eAB.GetLower().StoreUnsafe(ref Unsafe.Add(ref es, atA), at);
                        eAB.GetUpper().StoreUnsafe(ref Unsafe.Add(ref es, atB), at);
                        eCD.GetLower().StoreUnsafe(ref Unsafe.Add(ref es, atC), at);
                        eCD.GetUpper().StoreUnsafe(ref Unsafe.Add(ref es, atD), at);
                    }
                    tA = Vector512.Create(Vector256<double>.Zero, eAB.GetLower());
                    tB = Vector512.Create(Vector256<double>.Zero, eAB.GetUpper());
                    tC = Vector512.Create(Vector256<double>.Zero, eCD.GetLower());
                    tD = Vector512.Create(Vector256<double>.Zero, eCD.GetUpper());
                }
                else
                {
                    tA = FastExp.Exp(a1 - Vector512.Create(mA));
                    tB = FastExp.Exp(b1 - Vector512.Create(mB));
                    tC = FastExp.Exp(c1 - Vector512.Create(mC));
                    tD = FastExp.Exp(d1 - Vector512.Create(mD));
                    if (keep)
                    {
                        tA.StoreUnsafe(ref Unsafe.Add(ref es, atA), (nuint)last);
                        tB.StoreUnsafe(ref Unsafe.Add(ref es, atB), (nuint)last);
                        tC.StoreUnsafe(ref Unsafe.Add(ref es, atC), (nuint)last);
                        tD.StoreUnsafe(ref Unsafe.Add(ref es, atD), (nuint)last);
                    }
                }
                if (keep)
                {
                    eA.StoreUnsafe(ref Unsafe.Add(ref es, atA));
                    eB.StoreUnsafe(ref Unsafe.Add(ref es, atB));
                    eC.StoreUnsafe(ref Unsafe.Add(ref es, atC));
                    eD.StoreUnsafe(ref Unsafe.Add(ref es, atD));
                }
                sums[r] = VectorDriver.Reduce(Vector512.ConditionalSelect(tail, eA + tA, eA));
                sums[rB] = VectorDriver.Reduce(Vector512.ConditionalSelect(tail, eB + tB, eB));
                sums[rC] = VectorDriver.Reduce(Vector512.ConditionalSelect(tail, eC + tC, eC));
                sums[rD] = VectorDriver.Reduce(Vector512.ConditionalSelect(tail, eD + tD, eD));
                argmax[r] = First(a0, a1, mA, last, width);
                argmax[rB] = First(b0, b1, mB, last, width);
                argmax[rC] = First(c0, c1, mC, last, width);
                argmax[rD] = First(d0, d1, mD, last, width);
                atLabel[r] = AtLabel(ref a, labels[r], mA, width);
                atLabel[rB] = AtLabel(ref b, labels[rB], mB, width);
                atLabel[rC] = AtLabel(ref c, labels[rC], mC, width);
                atLabel[rD] = AtLabel(ref d, labels[rD], mD, width);
            }
        }

        // Two values in the top lanes (6 and 7) of a vector otherwise zero.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<double> Top(Vector128<double> v) =>
            Vector512.Create(Vector256<double>.Zero, Vector256.Create(Vector128<double>.Zero, v));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double AtLabel(ref double row, int y, double max, int width) =>
            (uint)y < (uint)width ? Unsafe.Add(ref row, y) - max : double.NaN;

        // The first index equal to the max, as ShortRows finds it (0 when none is: a NaN row, which the caller rejects).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int First(Vector512<double> v0, Vector512<double> v1, double max, int last, int width)
        {
            Vector512<double> vm = Vector512.Create(max);
            int first = Math.Min(BitOperations.TrailingZeroCount(Vector512.Equals(v0, vm).ExtractMostSignificantBits()),
                last + BitOperations.TrailingZeroCount(Vector512.Equals(v1, vm).ExtractMostSignificantBits()));
            return first < width ? first : 0;
        }

        // The row's max with the plain max instructions (one each, where Vector512.Max adds two fix-ups for NaN and -0).
        // They differ from ShortRows' only when the max is ±0 (either sign may come out) or the row holds NaN; neither
        // changes a result: x - (±0) and exp(±0) = 1 are the same bits wherever they are used, and a NaN row's sum is NaN.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Max(Vector512<double> m)
        {
            Vector256<double> h = Avx.Max(m.GetLower(), m.GetUpper());
            Vector128<double> q = Sse2.Max(h.GetLower(), h.GetUpper());
            return Sse2.MaxScalar(q, Sse2.UnpackHigh(q, q)).ToScalar();
        }
    }
}
#endif
