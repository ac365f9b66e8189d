using System;
using System.Runtime.CompilerServices;
using static CrossEntropy.Engine.Kernels.MultiplyAdd;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace CrossEntropy.Engine.Kernels
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
        // 2^52 + 1023: the exponent field OR-ed into 2^52's bits, minus this, is e as a double — exactly, and without a
        // 64-bit integer conversion (AVX-512DQ only).
        private const double ExponentBias = 4503599627371519.0;
        private const long TwoTo52Bits = 0x4330000000000000L;
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

        /// <summary>y = log(x) element-wise, for positive normal x (x and y may be the same span).</summary>
        public static void Log(ReadOnlySpan<double> x, Span<double> y) => VectorDriver.Map(x, y, default(LogOperator));

#if NET8_0_OR_GREATER
        /// <summary>log of each lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Log(Vector128<double> x)
        {
            Vector128<long> bits = x.AsInt64();
            Vector128<double> e = (Vector128.ShiftRightLogical(bits, 52) | Vector128.Create(TwoTo52Bits)).AsDouble() - Vector128.Create(ExponentBias);
            Vector128<double> m = ((bits & Vector128.Create(0x000FFFFFFFFFFFFFL)) | Vector128.Create(0x3FF0000000000000L)).AsDouble();
            Vector128<double> big = Vector128.GreaterThan(m, Vector128.Create(Sqrt2));
            m = Vector128.ConditionalSelect(big, m * Vector128.Create(0.5), m);
            e = Vector128.ConditionalSelect(big, e + Vector128<double>.One, e);
            Vector128<double> f = m - Vector128<double>.One;
            Vector128<double> z = f / (Vector128.Create(2.0) + f), z2 = z * z, z4 = z2 * z2, z8 = z4 * z4, z16 = z8 * z8;
            Vector128<double> p = Fused(z16, Fused(z2, C128(K10), C128(K9)), Fused(z8, Fused(z4, Fused(z2, C128(K8), C128(K7)), Fused(z2, C128(K6), C128(K5))), Fused(z4, Fused(z2, C128(K4), C128(K3)), Fused(z2, C128(K2), C128(K1)))));
            return Fused(e, C128(Ln2Hi), Fused(z, Fused(z2, p, C128(K0)), e * C128(Ln2Lo)));
        }

        /// <summary>log of each lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Log(Vector256<double> x)
        {
            Vector256<long> bits = x.AsInt64();
            Vector256<double> e = (Vector256.ShiftRightLogical(bits, 52) | Vector256.Create(TwoTo52Bits)).AsDouble() - Vector256.Create(ExponentBias);
            Vector256<double> m = ((bits & Vector256.Create(0x000FFFFFFFFFFFFFL)) | Vector256.Create(0x3FF0000000000000L)).AsDouble();
            Vector256<double> big = Vector256.GreaterThan(m, Vector256.Create(Sqrt2));
            m = Vector256.ConditionalSelect(big, m * Vector256.Create(0.5), m);
            e = Vector256.ConditionalSelect(big, e + Vector256<double>.One, e);
            Vector256<double> f = m - Vector256<double>.One;
            Vector256<double> z = f / (Vector256.Create(2.0) + f), z2 = z * z, z4 = z2 * z2, z8 = z4 * z4, z16 = z8 * z8;
            Vector256<double> p = Fused(z16, Fused(z2, C256(K10), C256(K9)), Fused(z8, Fused(z4, Fused(z2, C256(K8), C256(K7)), Fused(z2, C256(K6), C256(K5))), Fused(z4, Fused(z2, C256(K4), C256(K3)), Fused(z2, C256(K2), C256(K1)))));
            return Fused(e, C256(Ln2Hi), Fused(z, Fused(z2, p, C256(K0)), e * C256(Ln2Lo)));
        }

        /// <summary>log of each lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Log(Vector512<double> x)
        {
            Vector512<long> bits = x.AsInt64();
            Vector512<double> e = (Vector512.ShiftRightLogical(bits, 52) | Vector512.Create(TwoTo52Bits)).AsDouble() - Vector512.Create(ExponentBias);
            Vector512<double> m = ((bits & Vector512.Create(0x000FFFFFFFFFFFFFL)) | Vector512.Create(0x3FF0000000000000L)).AsDouble();
            Vector512<double> big = Vector512.GreaterThan(m, Vector512.Create(Sqrt2));
            m = Vector512.ConditionalSelect(big, m * Vector512.Create(0.5), m);
            e = Vector512.ConditionalSelect(big, e + Vector512<double>.One, e);
            Vector512<double> f = m - Vector512<double>.One;
            Vector512<double> z = f / (Vector512.Create(2.0) + f), z2 = z * z, z4 = z2 * z2, z8 = z4 * z4, z16 = z8 * z8;
            Vector512<double> p = Fused(z16, Fused(z2, C512(K10), C512(K9)), Fused(z8, Fused(z4, Fused(z2, C512(K8), C512(K7)), Fused(z2, C512(K6), C512(K5))), Fused(z4, Fused(z2, C512(K4), C512(K3)), Fused(z2, C512(K2), C512(K1)))));
            return Fused(e, C512(Ln2Hi), Fused(z, Fused(z2, p, C512(K0)), e * C512(Ln2Lo)));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<double> C128(double v) => Vector128.Create(v);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> C256(double v) => Vector256.Create(v);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<double> C512(double v) => Vector512.Create(v);
#endif
    }

    /// <summary>log(x) for positive normal x as a <see cref="VectorDriver"/> operator.</summary>
    internal readonly struct LogOperator : IUnaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Invoke(double x) => FastLog.Log(x);
#if NET8_0_OR_GREATER
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<double> Invoke(Vector128<double> x) => FastLog.Log(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> Invoke(Vector256<double> x) => FastLog.Log(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> Invoke(Vector512<double> x) => FastLog.Log(x);
#endif
    }
}
