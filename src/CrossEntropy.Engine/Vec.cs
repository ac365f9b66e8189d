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
    /// Span primitives over doubles. On .NET 8+ these are TensorPrimitives (Vector128/256/512 paths); the
    /// netstandard2.0 build of System.Numerics.Tensors is float-only, so Windows PowerShell 5.1 gets
    /// System.Numerics.Vector loops instead. Every kernel goes through here, never around it.
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

        /// <summary>destination = log(x).</summary>
        public static void Log(ReadOnlySpan<double> x, Span<double> destination)
        {
#if NET8_0_OR_GREATER
            TensorPrimitives.Log(x, destination);
#else
            for (int i = 0; i < x.Length; i++) destination[i] = Math.Log(x[i]);
#endif
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

        /// <summary>Σ x.</summary>
        public static double Sum(ReadOnlySpan<double> x)
        {
#if NET8_0_OR_GREATER
            return TensorPrimitives.Sum(x);
#else
            double s = 0;
            foreach (double v in x) s += v;
            return s;
#endif
        }

        /// <summary>
        /// Σ a_i·b_i where a term with a_i = 0 counts as 0 even when b_i is infinite: the limit
        /// 0·log 0 = 0 that soft targets and zero class weights need (IEEE would give NaN).
        /// </summary>
        public static double DotZeroSafe(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        {
#if NET8_0_OR_GREATER
            double d = TensorPrimitives.Dot(a, b);
            if (!double.IsNaN(d)) return d;
#endif
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
