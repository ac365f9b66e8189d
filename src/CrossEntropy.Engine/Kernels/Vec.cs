using System;
#if NET8_0_OR_GREATER
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif

namespace CrossEntropy.Engine.Kernels
{
    /// <summary>
    /// Span primitives over doubles. On .NET 8+ the exact ones (max, argmax, subtract, divide...) are TensorPrimitives
    /// (Vector128/256/512 paths; exact operations give the same bits at any width); the netstandard2.0 build of
    /// System.Numerics.Tensors is float-only, so Windows PowerShell 5.1 gets plain loops. Exp and every sum are ours, on
    /// <see cref="VectorDriver"/>: TensorPrimitives' double Exp has no vector path on net8.0, and a sum's association must
    /// not depend on the vector width (see VectorDriver). Every kernel goes through here or <see cref="ShortRows"/>,
    /// never around them.
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
            foreach (double v in x)
            {
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
            if (Vector512.IsHardwareAccelerated && x.Length >= 8 && x.Length <= 16 && destination.Length >= x.Length)
            {
                // A row of 8-16 (a 10-class gradient row): two overlapping vectors, both loaded before either is stored
                // (destination may be x), without TensorPrimitives' call and set-up once per row. x * s either way.
                ref double xs = ref MemoryMarshal.GetReference(x);
                ref double ds = ref MemoryMarshal.GetReference(destination);
                nuint last = (nuint)(x.Length - Vector512<double>.Count);
                Vector512<double> f = Vector512.Create(s);
                Vector512<double> head = Vector512.LoadUnsafe(ref xs) * f, tail = Vector512.LoadUnsafe(ref xs, last) * f;
                head.StoreUnsafe(ref ds);
                tail.StoreUnsafe(ref ds, last);
                return;
            }
            TensorPrimitives.Multiply(x, s, destination);
#else
            for (int i = 0; i < x.Length; i++) destination[i] = x[i] * s;
#endif
        }

        /// <summary>
        /// Σ x in the driver's fixed association (eight lanes), so the result depends only on the values and their
        /// order — never on the vector width, alignment or thread count.
        /// </summary>
        public static double Sum(ReadOnlySpan<double> x) => VectorDriver.Sum(x, default(IdentityOperator));

        /// <summary>Σ (x_i - m), in the fixed association.</summary>
        public static double SumOfDifferences(ReadOnlySpan<double> x, double m) => VectorDriver.Sum(x, new DifferenceOperator(m));

        /// <summary>
        /// Σ exp(x_i - m) in the fixed association, storing each exp(x_i - m) in <paramref name="exps"/> unless it is
        /// empty: a wide row shifted, exponentiated, stored and summed in one pass.
        /// </summary>
        public static double ExpSum(ReadOnlySpan<double> x, double m, Span<double> exps) =>
            VectorDriver.MapSum(x, exps, new ExpOfDifferenceOperator(m));

        /// <summary>
        /// Σ a_i·b_i in the fixed association; a term with a_i = 0 counts as 0 even when b_i is infinite: the limit
        /// 0·log 0 = 0 that soft targets and zero class weights need (IEEE would give NaN).
        /// </summary>
        public static double DotZeroSafe(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
            VectorDriver.Sum(a, b, default(ZeroSafeProductOperator));

        /// <summary>
        /// The 0-based rank of class <paramref name="k"/> when the classes are ordered by score, highest first, ties
        /// broken by the lower class index (as argmax breaks them): the classes scoring more, plus the tied ones before it.
        /// Class k is in the top k' exactly when its rank is below k', so a tie never lets more than k' classes in.
        /// </summary>
        public static int RankOf(ReadOnlySpan<double> x, int k)
        {
            double v = x[k];
            int n = 0;
            for (int c = 0; c < x.Length; c++)
                if (x[c] > v || (c < k && x[c] == v)) n++;
            return n;
        }
    }
}
