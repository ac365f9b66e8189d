using System;
#if NET8_0_OR_GREATER
using System.Numerics.Tensors;
#else
using System.Numerics;
using System.Runtime.InteropServices;
#endif

namespace CrossEntropy.Engine
{
    /// <summary>
    /// Span primitives over doubles. On .NET 8+ the exact element-wise ones (max, argmax, subtract, divide...) are
    /// TensorPrimitives (Vector128/256/512 paths); the netstandard2.0 build of System.Numerics.Tensors is float-only, so
    /// Windows PowerShell 5.1 gets plain loops. Exp, sums and logs are our own: their last bits must not depend on
    /// where a buffer lies in memory (TensorPrimitives picks code paths by alignment), so that results are the same
    /// for any thread count. Every kernel goes through here or <see cref="ShortRows"/>, never around them.
    /// </summary>
    internal static class Vec
    {
        /// <summary>Largest element; NaN if any element is NaN.</summary>
        public static double Max(ReadOnlySpan<double> x)
        {
#if NET8_0_OR_GREATER
            return TensorPrimitives.Max(x);
#else
            double m = double.NegativeInfinity;
            int i = 0;
            if (Vector.IsHardwareAccelerated && x.Length >= 2 * Vector<double>.Count)
            {
                var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
                var vm = vx[0];
                var nanSeen = Vector<long>.Zero;
                foreach (var v in vx)
                {
                    vm = Vector.Max(vm, v);
                    nanSeen |= ~Vector.Equals(v, v);
                }
                if (nanSeen != Vector<long>.Zero) return double.NaN;
                for (int k = 0; k < Vector<double>.Count; k++) m = Math.Max(m, vm[k]);
                i = vx.Length * Vector<double>.Count;
            }
            for (; i < x.Length; i++)
            {
                double v = x[i];
                if (double.IsNaN(v)) return double.NaN;
                if (v > m) m = v;
            }
            return m;
#endif
        }

        /// <summary>Smallest element; NaN if any element is NaN.</summary>
        public static double Min(ReadOnlySpan<double> x)
        {
#if NET8_0_OR_GREATER
            return TensorPrimitives.Min(x);
#else
            double m = double.PositiveInfinity;
            foreach (double v in x)
            {
                if (double.IsNaN(v)) return double.NaN;
                if (v < m) m = v;
            }
            return m;
#endif
        }

        /// <summary>Index of the first largest element.</summary>
        public static int IndexOfMax(ReadOnlySpan<double> x)
        {
#if NET8_0_OR_GREATER
            return TensorPrimitives.IndexOfMax(x);
#else
            int best = 0;
            for (int i = 1; i < x.Length; i++)
                if (x[i] > x[best]) best = i;
            return best;
#endif
        }

        /// <summary>destination = x - s.</summary>
        public static void Subtract(ReadOnlySpan<double> x, double s, Span<double> destination)
        {
#if NET8_0_OR_GREATER
            TensorPrimitives.Subtract(x, s, destination);
#else
            for (int i = 0; i < x.Length; i++) destination[i] = x[i] - s;
#endif
        }

        /// <summary>destination = x / s.</summary>
        public static void Divide(ReadOnlySpan<double> x, double s, Span<double> destination)
        {
#if NET8_0_OR_GREATER
            TensorPrimitives.Divide(x, s, destination);
#else
            for (int i = 0; i < x.Length; i++) destination[i] = x[i] / s;
#endif
        }

        /// <summary>destination = exp(x) (<see cref="FastExp"/>: vectorised, and the same bits in every build).</summary>
        public static void Exp(ReadOnlySpan<double> x, Span<double> destination) => FastExp.Exp(x, destination);

        /// <summary>destination = log(x), element by element with Math.Log (the same bits wherever the data lies).</summary>
        public static void Log(ReadOnlySpan<double> x, Span<double> destination)
        {
            for (int i = 0; i < x.Length; i++) destination[i] = Math.Log(x[i]);
        }

        /// <summary>destination = clamp(x, lo, hi).</summary>
        public static void Clamp(ReadOnlySpan<double> x, double lo, double hi, Span<double> destination)
        {
#if NET8_0_OR_GREATER
            TensorPrimitives.Max(x, lo, destination);
            TensorPrimitives.Min(destination, hi, destination);
#else
            for (int i = 0; i < x.Length; i++) destination[i] = Math.Min(Math.Max(x[i], lo), hi);
#endif
        }

        /// <summary>destination = x * s.</summary>
        public static void Multiply(ReadOnlySpan<double> x, double s, Span<double> destination)
        {
#if NET8_0_OR_GREATER
            TensorPrimitives.Multiply(x, s, destination);
#else
            for (int i = 0; i < x.Length; i++) destination[i] = x[i] * s;
#endif
        }

        /// <summary>
        /// Σ x in a fixed association (8-lane partial sums, then the tail), so the result depends only on the values
        /// and their order — never on alignment, which would make answers differ between threads.
        /// </summary>
        public static double Sum(ReadOnlySpan<double> x) => ShortRows.Sum(x);

        /// <summary>
        /// Σ a_i·b_i in a fixed association; a term with a_i = 0 counts as 0 even when b_i is infinite: the limit
        /// 0·log 0 = 0 that soft targets and zero class weights need (IEEE would give NaN).
        /// </summary>
        public static double DotZeroSafe(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++)
                if (a[i] != 0) s += a[i] * b[i];
            return s;
        }

        /// <summary>Number of elements strictly greater than <paramref name="v"/>.</summary>
        public static int CountGreater(ReadOnlySpan<double> x, double v)
        {
            int n = 0;
            foreach (double e in x)
                if (e > v) n++;
            return n;
        }
    }
}
