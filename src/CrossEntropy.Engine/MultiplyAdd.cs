using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace CrossEntropy.Engine
{
    /// <summary>
    /// a·b + c for FastExp and FastLog: fused when the hardware has FMA (every AVX-512 and almost every AVX2 machine),
    /// which is shorter and more accurate. Scalar and vector overloads fuse under the same condition, so every path
    /// gives the same bits on a given machine.
    /// </summary>
    internal static class MultiplyAdd
    {
#if NET8_0_OR_GREATER
        public static bool IsSupported => Fma.IsSupported;
#else
        public static bool IsSupported => false;
#endif

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Fused(double a, double b, double c)
        {
#if NET8_0_OR_GREATER
            if (Fma.IsSupported) return Math.FusedMultiplyAdd(a, b, c);
#endif
            return a * b + c;
        }

#if NET8_0_OR_GREATER
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Fused(Vector512<double> a, Vector512<double> b, Vector512<double> c) =>
            Fma.IsSupported && Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, c) : a * b + c;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Fused(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
            Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;
#endif
    }
}
