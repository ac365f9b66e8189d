using System;
using System.Runtime.CompilerServices;

namespace CrossEntropy.Engine.Kernels
{
    /// <summary>
    /// Scalar loops: the whole path where SIMD is off (netstandard2.0, DOTNET_EnableHWIntrinsic=0), and the reference the
    /// vector widths must match bit for bit. The sums keep eight lanes in a small array, exactly as the vectors hold them.
    /// </summary>
    internal static partial class VectorDriver
    {
        internal static void MapScalar<TOp>(ReadOnlySpan<double> x, Span<double> destination, TOp op)
            where TOp : struct, IUnaryOperator
        {
            for (int i = 0; i < x.Length; i++) destination[i] = op.Invoke(x[i]);
        }

        internal static double MapSumScalar<TOp>(ReadOnlySpan<double> x, Span<double> destination, TOp op)
            where TOp : struct, IUnaryOperator
        {
            int n = x.Length;
            Span<double> a = stackalloc double[Lanes];
            a.Clear();
            if (n < Lanes)
            {
                for (int k = 0; k < n; k++) a[Lanes - n + k] = Apply(x, destination, k, op);
                return Reduce(a);
            }
            for (int j = 0; j < Lanes; j++) a[j] = Apply(x, destination, j, op);
            int i = Lanes;
            for (; i + Lanes <= n; i += Lanes)
                for (int j = 0; j < Lanes; j++) a[j] += Apply(x, destination, i + j, op);
            // The last partial chunk: element n-8+j to lane j, for the elements not yet counted.
            int last = n - Lanes;
            for (int j = i - last; j < Lanes; j++) a[j] += Apply(x, destination, last + j, op);
            return Reduce(a);
        }

        internal static double SumScalar<TOp>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, TOp op)
            where TOp : struct, IBinaryOperator
        {
            int n = x.Length;
            Span<double> a = stackalloc double[Lanes];
            a.Clear();
            if (n < Lanes)
            {
                for (int k = 0; k < n; k++) a[Lanes - n + k] = op.Invoke(x[k], y[k]);
                return Reduce(a);
            }
            for (int j = 0; j < Lanes; j++) a[j] = op.Invoke(x[j], y[j]);
            int i = Lanes;
            for (; i + Lanes <= n; i += Lanes)
                for (int j = 0; j < Lanes; j++) a[j] += op.Invoke(x[i + j], y[i + j]);
            int last = n - Lanes;
            for (int j = i - last; j < Lanes; j++) a[j] += op.Invoke(x[last + j], y[last + j]);
            return Reduce(a);
        }

        /// <summary>Sums of fewer than eight elements at every width (a vector would read before the start).</summary>
        private static double MapSumShort<TOp>(ReadOnlySpan<double> x, Span<double> destination, TOp op)
            where TOp : struct, IUnaryOperator => MapSumScalar(x, destination, op);

        private static double SumShort<TOp>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, TOp op)
            where TOp : struct, IBinaryOperator => SumScalar(x, y, op);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Apply<TOp>(ReadOnlySpan<double> x, Span<double> destination, int i, TOp op)
            where TOp : struct, IUnaryOperator
        {
            double v = op.Invoke(x[i]);
            if (!destination.IsEmpty) destination[i] = v;
            return v;
        }

        private static double Reduce(ReadOnlySpan<double> a) => Reduce(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    }
}
