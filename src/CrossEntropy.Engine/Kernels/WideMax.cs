using System;
#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif

namespace CrossEntropy.Engine.Kernels
{
    /// <summary>
    /// The max of a long row and the index of its first occurrence: what <see cref="Vec.IndexOfMax"/> gives, at the
    /// speed of a plain max. TensorPrimitives.IndexOfMax tracks indices lane by lane and costs about as much per element
    /// as our exp (measured 0.75 vs 0.05 ns an element for four independent vector maxima), which made the wide-row
    /// forward pass 1.5× the C limit. Here a max pass with four accumulators finds the value, and a compare pass, which
    /// usually stops halfway and reads a row still in L1, finds its first index. A max of 0 (whose sign decides ties
    /// between -0 and +0) and NaN go to <see cref="Vec.IndexOfMax"/>, so the answer is the same to the bit.
    /// </summary>
    internal static class WideMax
    {
        /// <summary>
        /// Returns x[k] and sets <paramref name="index"/> = k for k = <see cref="Vec.IndexOfMax"/>(x). For a row holding
        /// NaN both are only guaranteed to come from the row (a vector max may drop NaN on .NET 8): callers find such rows
        /// by the NaN they put in the row's exp sum.
        /// </summary>
        public static double MaxAndIndex(ReadOnlySpan<double> x, out int index)
        {
#if NET8_0_OR_GREATER
            if (Vector512.IsHardwareAccelerated) return MaxAndIndex512(x, out index);
            if (Vector256.IsHardwareAccelerated) return MaxAndIndex256(x, out index);
#endif
            return General(x, out index);
        }

        private static double General(ReadOnlySpan<double> x, out int index)
        {
            index = Vec.IndexOfMax(x);
            return x[index];
        }

#if NET8_0_OR_GREATER
        // Rows shorter than four vectors, a max of ±0 and NaN take the general path.
        internal static double MaxAndIndex512(ReadOnlySpan<double> x, out int index)
        {
            if (x.Length < 4 * Vector512<double>.Count) return General(x, out index);
            double m = Max512(x);
            index = m != 0 && !double.IsNaN(m) ? IndexOf512(x, m) : -1;
            return index >= 0 ? m : General(x, out index);
        }

        internal static double MaxAndIndex256(ReadOnlySpan<double> x, out int index)
        {
            if (x.Length < 4 * Vector256<double>.Count) return General(x, out index);
            double m = Max256(x);
            index = m != 0 && !double.IsNaN(m) ? IndexOf256(x, m) : -1;
            return index >= 0 ? m : General(x, out index);
        }
#endif

#if NET8_0_OR_GREATER
        // Four independent maxima hide the instruction's latency; the last vector overlaps the one before (a max does
        // not mind seeing an element twice). Length ≥ 32 checked by the caller.
        private static double Max512(ReadOnlySpan<double> x)
        {
            ref double s = ref MemoryMarshal.GetReference(x);
            nuint n = (nuint)x.Length, step = (nuint)Vector512<double>.Count;
            Vector512<double> m0 = Vector512.LoadUnsafe(ref s), m1 = m0, m2 = m0, m3 = m0;
            nuint i = 0;
            for (; i + 4 * step <= n; i += 4 * step)
            {
                m0 = Vector512.Max(m0, Vector512.LoadUnsafe(ref s, i));
                m1 = Vector512.Max(m1, Vector512.LoadUnsafe(ref s, i + step));
                m2 = Vector512.Max(m2, Vector512.LoadUnsafe(ref s, i + 2 * step));
                m3 = Vector512.Max(m3, Vector512.LoadUnsafe(ref s, i + 3 * step));
            }
            for (; i + step <= n; i += step) m0 = Vector512.Max(m0, Vector512.LoadUnsafe(ref s, i));
            m0 = Vector512.Max(m0, Vector512.LoadUnsafe(ref s, n - step));
            m0 = Vector512.Max(Vector512.Max(m0, m1), Vector512.Max(m2, m3));
            return Max(Vector256.Max(m0.GetLower(), m0.GetUpper()));
        }

        private static double Max256(ReadOnlySpan<double> x)
        {
            ref double s = ref MemoryMarshal.GetReference(x);
            nuint n = (nuint)x.Length, step = (nuint)Vector256<double>.Count;
            Vector256<double> m0 = Vector256.LoadUnsafe(ref s), m1 = m0, m2 = m0, m3 = m0;
            nuint i = 0;
            for (; i + 4 * step <= n; i += 4 * step)
            {
                m0 = Vector256.Max(m0, Vector256.LoadUnsafe(ref s, i));
                m1 = Vector256.Max(m1, Vector256.LoadUnsafe(ref s, i + step));
                m2 = Vector256.Max(m2, Vector256.LoadUnsafe(ref s, i + 2 * step));
                m3 = Vector256.Max(m3, Vector256.LoadUnsafe(ref s, i + 3 * step));
            }
            for (; i + step <= n; i += step) m0 = Vector256.Max(m0, Vector256.LoadUnsafe(ref s, i));
            m0 = Vector256.Max(m0, Vector256.LoadUnsafe(ref s, n - step));
            return Max(Vector256.Max(Vector256.Max(m0, m1), Vector256.Max(m2, m3)));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Max(Vector256<double> v)
        {
            Vector128<double> h = Vector128.Max(v.GetLower(), v.GetUpper());
            return Vector128.Max(h, Vector128.Create(h.GetElement(1))).ToScalar();
        }

        // First k with x[k] == m, or -1; the last vector overlaps the one before, whose hits were returned already.
        private static int IndexOf512(ReadOnlySpan<double> x, double m)
        {
            ref double s = ref MemoryMarshal.GetReference(x);
            int n = x.Length, step = Vector512<double>.Count;
            Vector512<double> vm = Vector512.Create(m);
            for (int i = 0; i < n; i += step)
            {
                int at = Math.Min(i, n - step);
                ulong hits = Vector512.Equals(Vector512.LoadUnsafe(ref s, (nuint)at), vm).ExtractMostSignificantBits();
                if (hits != 0) return at + BitOperations.TrailingZeroCount(hits);
            }
            return -1;
        }

        private static int IndexOf256(ReadOnlySpan<double> x, double m)
        {
            ref double s = ref MemoryMarshal.GetReference(x);
            int n = x.Length, step = Vector256<double>.Count;
            Vector256<double> vm = Vector256.Create(m);
            for (int i = 0; i < n; i += step)
            {
                int at = Math.Min(i, n - step);
                uint hits = Vector256.Equals(Vector256.LoadUnsafe(ref s, (nuint)at), vm).ExtractMostSignificantBits();
                if (hits != 0) return at + BitOperations.TrailingZeroCount(hits);
            }
            return -1;
        }
#endif
    }
}
