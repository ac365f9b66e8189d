using System;
using System.Runtime.CompilerServices;
using static CrossEntropy.Engine.MultiplyAdd;
#if NET8_0_OR_GREATER
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace CrossEntropy.Engine
{
    /// <summary>
    /// log(x) for positive, finite, normal doubles, vectorised, within 2 ulp of Math.Log: x = 2^e·m with m in
    /// [√½, √2), log m = 2·atanh(f / (2 + f)) with f = m - 1 as an odd series to z^21 (|z| ≤ 0.172), plus e·ln 2 in two
    /// parts. The row sums of the loss kernel (always in [1, C]) are its only input; one log per row was a tenth of
    /// the forward pass with Math.Log. Lanes and scalar code do the same operations, so results match bit for bit.
    /// </summary>
    internal static class FastLog
    {
        private const double Ln2Hi = 0.693147180369123816490, Ln2Lo = 1.90821492927058770002e-10;
        private const double Sqrt2 = 1.4142135623730951;
        // 2/(2k+1) for k = 0 .. 10: log m = z·Σ c_k z^(2k).
        private const double K0 = 2.0, K1 = 2.0 / 3, K2 = 2.0 / 5, K3 = 2.0 / 7, K4 = 2.0 / 9, K5 = 2.0 / 11,
            K6 = 2.0 / 13, K7 = 2.0 / 15, K8 = 2.0 / 17, K9 = 2.0 / 19, K10 = 2.0 / 21;

        /// <summary>log(x) for x in the normal positive range (the caller guarantees it).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Log(double x)
        {
            long bits = BitConverter.DoubleToInt64Bits(x);
            long e = (bits >> 52) - 1023;
            double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
            if (m > Sqrt2)
            {
                m *= 0.5;
                e++;
            }
            double f = m - 1, z = f / (2 + f), z2 = z * z, z4 = z2 * z2, z8 = z4 * z4, z16 = z8 * z8;
            // Estrin on w = z²: p = Σ_{k=1..10} K_k·w^(k-1), paired as (K1 + K2 w) + w²(K3 + K4 w) + ...
            double p = Fused(z16, Fused(z2, K10, K9), Fused(z8, Fused(z4, Fused(z2, K8, K7), Fused(z2, K6, K5)), Fused(z4, Fused(z2, K4, K3), Fused(z2, K2, K1))));
            double ed = e;
            return Fused(ed, Ln2Hi, Fused(z, Fused(z2, p, K0), ed * Ln2Lo));
        }

        /// <summary>y = log(x) element-wise, for positive normal x.</summary>
        public static void Log(ReadOnlySpan<double> x, Span<double> y)
        {
            int n = x.Length, i = 0;
#if NET8_0_OR_GREATER
            ref double xs = ref MemoryMarshal.GetReference(x);
            ref double ys = ref MemoryMarshal.GetReference(y);
            if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported && MultiplyAdd.IsSupported)
                for (; i + 8 <= n; i += 8) Log(Vector512.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
#endif
            for (; i < n; i++) y[i] = Log(x[i]);
        }

#if NET8_0_OR_GREATER
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<double> Log(Vector512<double> x)
        {
            Vector512<long> bits = x.AsInt64();
            Vector512<double> e = Vector512.ConvertToDouble(Vector512.ShiftRightArithmetic(bits, 52) - Vector512.Create(1023L));
            Vector512<double> m = ((bits & Vector512.Create(0x000FFFFFFFFFFFFFL)) | Vector512.Create(0x3FF0000000000000L)).AsDouble();
            Vector512<double> big = Vector512.GreaterThan(m, Vector512.Create(Sqrt2));
            m = Vector512.ConditionalSelect(big, m * Vector512.Create(0.5), m);
            e = Vector512.ConditionalSelect(big, e + Vector512<double>.One, e);
            Vector512<double> f = m - Vector512<double>.One;
            Vector512<double> z = f / (Vector512.Create(2.0) + f), z2 = z * z, z4 = z2 * z2, z8 = z4 * z4, z16 = z8 * z8;
            Vector512<double> p = Fused(z16, Fused(z2, C(K10), C(K9)), Fused(z8, Fused(z4, Fused(z2, C(K8), C(K7)), Fused(z2, C(K6), C(K5))), Fused(z4, Fused(z2, C(K4), C(K3)), Fused(z2, C(K2), C(K1)))));
            return Fused(e, C(Ln2Hi), Fused(z, Fused(z2, p, C(K0)), e * C(Ln2Lo)));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<double> C(double v) => Vector512.Create(v);
#endif
    }
}
