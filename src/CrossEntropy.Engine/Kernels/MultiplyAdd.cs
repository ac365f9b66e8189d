using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
#endif

namespace CrossEntropy.Engine.Kernels
{
    /// <summary>
    /// a·b + c for the exp and log operators: fused where the hardware has it (FMA on x86, every ARM64 core), which is
    /// shorter and more accurate. Every width fuses under the same condition — a width the hardware lacks is fused in
    /// halves — so scalar, Vector128, Vector256 and Vector512 code give the same bits on a given machine.
    /// </summary>
    internal static class MultiplyAdd
    {
#if NET8_0_OR_GREATER
        public static bool IsSupported => Fma.IsSupported || AdvSimd.Arm64.IsSupported;
#else
        public static bool IsSupported => false;
#endif

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Fused(double a, double b, double c)
        {
#if NET8_0_OR_GREATER
            if (IsSupported) return Math.FusedMultiplyAdd(a, b, c);
#endif
            return a * b + c;
        }

#if NET8_0_OR_GREATER
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Fused(Vector128<double> a, Vector128<double> b, Vector128<double> c)
        {
            if (Fma.IsSupported) return Fma.MultiplyAdd(a, b, c);
            if (AdvSimd.Arm64.IsSupported) return AdvSimd.Arm64.FusedMultiplyAdd(c, a, b); // ARM's order: addend first
            return a * b + c;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Fused(Vector256<double> a, Vector256<double> b, Vector256<double> c)
        {
            if (Fma.IsSupported) return Fma.MultiplyAdd(a, b, c);
            if (IsSupported) return Vector256.Create(Fused(a.GetLower(), b.GetLower(), c.GetLower()), Fused(a.GetUpper(), b.GetUpper(), c.GetUpper()));
            return a * b + c;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Fused(Vector512<double> a, Vector512<double> b, Vector512<double> c)
        {
            if (Avx512F.IsSupported && Fma.IsSupported) return Avx512F.FusedMultiplyAdd(a, b, c);
            if (IsSupported) return Vector512.Create(Fused(a.GetLower(), b.GetLower(), c.GetLower()), Fused(a.GetUpper(), b.GetUpper(), c.GetUpper()));
            return a * b + c;
        }
#endif
    }
}
