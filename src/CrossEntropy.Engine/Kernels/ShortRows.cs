using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif

namespace CrossEntropy.Engine.Kernels
{
    /// <summary>
    /// Max, shift and argmax of a short row (a handful to a few dozen classes), where calling a span primitive once per
    /// step costs more than the work. Whole rows go into a few SIMD registers with overlapping loads (a max and a
    /// subtraction do not mind seeing an element twice), which <see cref="VectorDriver"/>'s element-wise loops cannot
    /// express; no branch depends on the data, so random logits cost no mispredictions. NaN is not looked for here: it
    /// flows into the row's sum, which the caller checks. Max and subtraction are exact, so every width gives the same
    /// bits.
    /// </summary>
    internal static class ShortRows
    {
        /// <summary>
        /// Longest row the register kernels take: the branch-free argmax turns a vector without the max into the index
        /// at + 64, which must lie past the row. Longer rows take the scalar path.
        /// </summary>
        internal const int MaxLength = 64;

        /// <summary>
        /// dest = row - max(row), dest not overlapping row; returns the max (meaningless if the row holds NaN or
        /// ±Infinity) and its first index.
        /// </summary>
        public static double MaxAndShift(ReadOnlySpan<double> row, Span<double> dest, out int argmax)
        {
            // Each path checks the lengths (once: this runs once per row).
#if NET8_0_OR_GREATER
            int n = row.Length;
            if (n <= MaxLength)
            {
                if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count) return MaxAndShift512(row, dest, out argmax);
                if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count) return MaxAndShift256(row, dest, out argmax);
                if (Vector128.IsHardwareAccelerated && n >= Vector128<double>.Count) return MaxAndShift128(row, dest, out argmax);
            }
#endif
            return MaxAndShiftScalar(row, dest, out argmax);
        }

        internal static double MaxAndShiftScalar(ReadOnlySpan<double> row, Span<double> dest, out int argmax)
        {
            Check(row, dest);
            double mx = row[0];
            for (int c = 1; c < row.Length; c++) mx = Math.Max(mx, row[c]);
            for (int c = 0; c < row.Length; c++) dest[c] = row[c] - mx;
            argmax = IndexOfZero(dest.Slice(0, row.Length));
            return mx;
        }

        /// <summary>Index of the first 0 in a shifted row: the argmax of the original row (0 if there is none).</summary>
        public static int IndexOfZero(ReadOnlySpan<double> shifted)
        {
            int n = shifted.Length;
#if NET8_0_OR_GREATER
            // The last vector overlaps the one before; a zero in the overlap would have been returned already.
            ref double s = ref MemoryMarshal.GetReference(shifted);
            if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
            {
                for (int i = 0; i < n; i += Vector512<double>.Count)
                {
                    int at = Math.Min(i, n - Vector512<double>.Count);
                    ulong hits = Vector512.Equals(Vector512.LoadUnsafe(ref s, (nuint)at), Vector512<double>.Zero).ExtractMostSignificantBits();
                    if (hits != 0) return at + BitOperations.TrailingZeroCount(hits);
                }
                return 0;
            }
            if (Vector128.IsHardwareAccelerated && n >= Vector128<double>.Count)
            {
                for (int i = 0; i < n; i += Vector128<double>.Count)
                {
                    int at = Math.Min(i, n - Vector128<double>.Count);
                    uint hits = Vector128.Equals(Vector128.LoadUnsafe(ref s, (nuint)at), Vector128<double>.Zero).ExtractMostSignificantBits();
                    if (hits != 0) return at + BitOperations.TrailingZeroCount(hits);
                }
                return 0;
            }
#endif
            for (int c = 0; c < n; c++)
                if (shifted[c] == 0) return c;
            return 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Check(ReadOnlySpan<double> row, Span<double> dest)
        {
            if (row.IsEmpty) ThrowEmpty();
            if (dest.Length < row.Length) VectorDriver.ThrowDestinationTooShort();
            if (row.Overlaps(dest)) ThrowOverlap();
        }

        private static void ThrowEmpty() => throw new ArgumentException("The row is empty.", "row");

        private static void ThrowOverlap() => throw new ArgumentException("Destination overlaps the row.", "dest");

#if NET8_0_OR_GREATER
        internal static double MaxAndShift512(ReadOnlySpan<double> row, Span<double> dest, out int argmax)
        {
            int n = row.Length;
            if (n < Vector512<double>.Count || n > MaxLength) return MaxAndShiftScalar(row, dest, out argmax);
            Check(row, dest);
            ref double r = ref MemoryMarshal.GetReference(row);
            ref double d = ref MemoryMarshal.GetReference(dest);
            Vector512<double> m = Vector512.LoadUnsafe(ref r);
            for (int i = 8; i < n; i += 8) m = Vector512.Max(m, Vector512.LoadUnsafe(ref r, (nuint)Math.Min(i, n - 8)));
            double max = Max(Vector256.Max(m.GetLower(), m.GetUpper()));
            Vector512<double> vm = Vector512.Create(max);
            int first = int.MaxValue;
            for (int i = 0; i < n; i += 8)
            {
                int at = Math.Min(i, n - 8);
                Vector512<double> x = Vector512.LoadUnsafe(ref r, (nuint)at);
                (x - vm).StoreUnsafe(ref d, (nuint)at);
                // Branch-free: a vector without the max gives at + 64 (past the row), so the minimum is the first index of
                // the max (overlapping vectors only ever name the same element twice).
                first = Math.Min(first, at + BitOperations.TrailingZeroCount(Vector512.Equals(x, vm).ExtractMostSignificantBits()));
            }
            argmax = first < n ? first : 0;
            return max;
        }

        internal static double MaxAndShift256(ReadOnlySpan<double> row, Span<double> dest, out int argmax)
        {
            int n = row.Length;
            if (n < Vector256<double>.Count || n > MaxLength) return MaxAndShiftScalar(row, dest, out argmax);
            Check(row, dest);
            ref double r = ref MemoryMarshal.GetReference(row);
            ref double d = ref MemoryMarshal.GetReference(dest);
            Vector256<double> m = Vector256.LoadUnsafe(ref r);
            for (int i = 4; i < n; i += 4) m = Vector256.Max(m, Vector256.LoadUnsafe(ref r, (nuint)Math.Min(i, n - 4)));
            double max = Max(m);
            Vector256<double> vm = Vector256.Create(max);
            int first = int.MaxValue;
            for (int i = 0; i < n; i += 4)
            {
                int at = Math.Min(i, n - 4);
                Vector256<double> x = Vector256.LoadUnsafe(ref r, (nuint)at);
                (x - vm).StoreUnsafe(ref d, (nuint)at);
                first = Math.Min(first, at + BitOperations.TrailingZeroCount((ulong)Vector256.Equals(x, vm).ExtractMostSignificantBits()));
            }
            argmax = first < n ? first : 0;
            return max;
        }

        internal static double MaxAndShift128(ReadOnlySpan<double> row, Span<double> dest, out int argmax)
        {
            int n = row.Length;
            if (n < Vector128<double>.Count || n > MaxLength) return MaxAndShiftScalar(row, dest, out argmax);
            Check(row, dest);
            ref double r = ref MemoryMarshal.GetReference(row);
            ref double d = ref MemoryMarshal.GetReference(dest);
            Vector128<double> m = Vector128.LoadUnsafe(ref r);
            for (int i = 2; i < n; i += 2) m = Vector128.Max(m, Vector128.LoadUnsafe(ref r, (nuint)Math.Min(i, n - 2)));
            double max = Max(m);
            Vector128<double> vm = Vector128.Create(max);
            int first = int.MaxValue;
            for (int i = 0; i < n; i += 2)
            {
                int at = Math.Min(i, n - 2);
                Vector128<double> x = Vector128.LoadUnsafe(ref r, (nuint)at);
                (x - vm).StoreUnsafe(ref d, (nuint)at);
                first = Math.Min(first, at + BitOperations.TrailingZeroCount((ulong)Vector128.Equals(x, vm).ExtractMostSignificantBits()));
            }
            argmax = first < n ? first : 0;
            return max;
        }

        // All in registers: Math.Max's NaN and signed-zero branches mispredict on random data.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Max(Vector256<double> v) => Max(Vector128.Max(v.GetLower(), v.GetUpper()));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Max(Vector128<double> v) => Vector128.Max(v, Vector128.Create(v.GetElement(1))).ToScalar();
#endif
    }
}
