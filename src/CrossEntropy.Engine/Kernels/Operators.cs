using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace CrossEntropy.Engine.Kernels
{
    /// <summary>
    /// An element-wise function of one double, at every width <see cref="VectorDriver"/> runs. Each lane must do exactly
    /// what the scalar version does, so that the driver can mix widths (main loop, tail, fallback) without changing a
    /// bit. Operators are structs, so the JIT compiles one specialised loop per operator; a struct may carry scalar
    /// parameters (a row's max) as fields.
    /// </summary>
    internal interface IUnaryOperator
    {
        double Invoke(double x);
#if NET8_0_OR_GREATER
        Vector128<double> Invoke(Vector128<double> x);
        Vector256<double> Invoke(Vector256<double> x);
        Vector512<double> Invoke(Vector512<double> x);
#endif
    }

    /// <summary>An element-wise function of two doubles, under the same rule as <see cref="IUnaryOperator"/>.</summary>
    internal interface IBinaryOperator
    {
        double Invoke(double x, double y);
#if NET8_0_OR_GREATER
        Vector128<double> Invoke(Vector128<double> x, Vector128<double> y);
        Vector256<double> Invoke(Vector256<double> x, Vector256<double> y);
        Vector512<double> Invoke(Vector512<double> x, Vector512<double> y);
#endif
    }

    /// <summary>x itself: turns the driver's transform-and-sum into a plain sum.</summary>
    internal readonly struct IdentityOperator : IUnaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Invoke(double x) => x;
#if NET8_0_OR_GREATER
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<double> Invoke(Vector128<double> x) => x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> Invoke(Vector256<double> x) => x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> Invoke(Vector512<double> x) => x;
#endif
    }

    /// <summary>x - m, for sums of a row shifted by its max.</summary>
    internal readonly struct DifferenceOperator : IUnaryOperator
    {
        private readonly double _m;

        public DifferenceOperator(double m) => _m = m;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Invoke(double x) => x - _m;
#if NET8_0_OR_GREATER
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<double> Invoke(Vector128<double> x) => x - Vector128.Create(_m);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> Invoke(Vector256<double> x) => x - Vector256.Create(_m);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> Invoke(Vector512<double> x) => x - Vector512.Create(_m);
#endif
    }

    /// <summary>
    /// a·b, but +0 where a = 0 even when b is infinite: the limit 0·log 0 = 0 that soft targets and zero class weights
    /// need (IEEE would give NaN).
    /// </summary>
    internal readonly struct ZeroSafeProductOperator : IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Invoke(double a, double b) => a != 0 ? a * b : 0;
#if NET8_0_OR_GREATER
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<double> Invoke(Vector128<double> a, Vector128<double> b) =>
            Vector128.ConditionalSelect(Vector128.Equals(a, Vector128<double>.Zero), Vector128<double>.Zero, a * b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> Invoke(Vector256<double> a, Vector256<double> b) =>
            Vector256.ConditionalSelect(Vector256.Equals(a, Vector256<double>.Zero), Vector256<double>.Zero, a * b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> Invoke(Vector512<double> a, Vector512<double> b) =>
            Vector512.ConditionalSelect(Vector512.Equals(a, Vector512<double>.Zero), Vector512<double>.Zero, a * b);
#endif
    }
}
