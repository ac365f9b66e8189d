using System;
#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif

namespace CrossEntropy.Engine
{
    /// <summary>
    /// Row operations for short rows (a handful to a few dozen classes), where calling TensorPrimitives once per row
    /// costs more than the work. Whole rows go into one or two SIMD registers with overlapping loads (a max and a
    /// subtraction do not mind seeing an element twice); no branch depends on the data, so random logits cost no
    /// mispredictions. NaN is not looked for here: it flows into the row's sum, which the caller checks.
    /// </summary>
    internal static class ShortRows
    {
        /// <summary>
        /// dest = row - max(row), dest not overlapping row; returns the max (meaningless if the row holds NaN or
        /// ±Infinity) and its first index.
        /// </summary>
        public static double MaxAndShift(ReadOnlySpan<double> row, Span<double> dest, out int argmax)
        {
#if NET8_0_OR_GREATER
            int n = row.Length;
            ref double r = ref MemoryMarshal.GetReference(row);
            ref double d = ref MemoryMarshal.GetReference(dest);
            if (Vector512.IsHardwareAccelerated && n >= 8)
            {
                Vector512<double> m = Vector512.LoadUnsafe(ref r);
                for (int i = 8; i < n; i += 8) m = Vector512.Max(m, Vector512.LoadUnsafe(ref r, (nuint)Math.Min(i, n - 8)));
                double max = Max(Vector256.Max(m.GetLower(), m.GetUpper()));
                Vector512<double> vm = Vector512.Create(max);
                int first = int.MaxValue;
                for (int i = 0; i < n; i += 8)
                {
                    int at = Math.Min(i, n - 8);
                    Vector512<double> x = Vector512.LoadUnsafe(ref r, (nuint)at);
                    (x - vm).StoreUnsafe(ref d, (nuint)at);
                    // Branch-free: a vector without the max gives at + 63 (past the row), so the minimum is the first index of the max
                    // (overlapping vectors only ever name the same element twice).
                    ulong hits = Vector512.Equals(x, vm).ExtractMostSignificantBits() | (1UL << 63);
                    first = Math.Min(first, at + BitOperations.TrailingZeroCount(hits));
                }
                argmax = first < n ? first : 0;
                return max;
            }
            if (Vector256.IsHardwareAccelerated && n >= 4)
            {
                Vector256<double> m = Vector256.LoadUnsafe(ref r);
                for (int i = 4; i < n; i += 4) m = Vector256.Max(m, Vector256.LoadUnsafe(ref r, (nuint)Math.Min(i, n - 4)));
                double max = Max(m);
                Vector256<double> vm = Vector256.Create(max);
                for (int i = 0; i < n; i += 4)
                {
                    nuint at = (nuint)Math.Min(i, n - 4);
                    (Vector256.LoadUnsafe(ref r, at) - vm).StoreUnsafe(ref d, at);
                }
                argmax = IndexOfZero(dest);
                return max;
            }
#endif
            double mx = row[0];
            for (int c = 1; c < row.Length; c++) mx = Math.Max(mx, row[c]);
            for (int c = 0; c < row.Length; c++) dest[c] = row[c] - mx;
            argmax = IndexOfZero(dest);
            return mx;
        }

        /// <summary>Index of the first 0 in a shifted row: the argmax of the original row.</summary>
        public static int IndexOfZero(ReadOnlySpan<double> shifted)
        {
#if NET8_0_OR_GREATER
            int n = shifted.Length;
            ref double s = ref MemoryMarshal.GetReference(shifted);
            if (Vector512.IsHardwareAccelerated && n >= 8)
            {
                for (int i = 0; i < n; i += 8)
                {
                    int at = Math.Min(i, n - 8);
                    ulong hits = Vector512.Equals(Vector512.LoadUnsafe(ref s, (nuint)at), Vector512<double>.Zero).ExtractMostSignificantBits();
                    if (hits != 0) return at + BitOperations.TrailingZeroCount(hits);
                }
                return 0;
            }
#endif
            for (int c = 0; c < shifted.Length; c++)
                if (shifted[c] == 0) return c;
            return 0;
        }

        /// <summary>Σ v (each element once).</summary>
        public static double Sum(ReadOnlySpan<double> v)
        {
            int n = v.Length, i = 0;
            double s = 0;
#if NET8_0_OR_GREATER
            ref double r = ref MemoryMarshal.GetReference(v);
            if (Vector512.IsHardwareAccelerated && n >= 8)
            {
                Vector512<double> acc = Vector512.LoadUnsafe(ref r);
                for (i = 8; i + 8 <= n; i += 8) acc += Vector512.LoadUnsafe(ref r, (nuint)i);
                if (i < n)
                {
                    // The tail as one overlapping vector with the already-counted lanes masked off.
                    Vector512<double> tail = Vector512.LoadUnsafe(ref r, (nuint)(n - 8));
                    acc += tail & Vector512.GreaterThanOrEqual(Lanes, Vector512.Create((double)(i - (n - 8))));
                }
                return Vector512.Sum(acc);
            }
            else if (Vector256.IsHardwareAccelerated && n >= 4)
            {
                Vector256<double> acc = Vector256.LoadUnsafe(ref r);
                for (i = 4; i + 4 <= n; i += 4) acc += Vector256.LoadUnsafe(ref r, (nuint)i);
                s = Vector256.Sum(acc);
            }
#endif
            for (; i < n; i++) s += v[i];
            return s;
        }

        /// <summary>
        /// For long rows: returns Σ exp(row - m), and stores the exps unless <paramref name="exps"/> is empty, in one
        /// pass (the row is read once, shifted and exponentiated in registers); <paramref name="shiftedSum"/> gets
        /// Σ(row - m) when asked for. The sums' association depends only on the row length, never on alignment.
        /// </summary>
        public static double ExpSum(ReadOnlySpan<double> row, double m, Span<double> exps, bool wantShiftedSum, out double shiftedSum)
        {
            int n = row.Length, i = 0;
            double s = 0, d = 0;
            bool store = !exps.IsEmpty;
#if NET8_0_OR_GREATER
            ref double r = ref MemoryMarshal.GetReference(row);
            ref double e = ref MemoryMarshal.GetReference(exps);
            if (Vector512.IsHardwareAccelerated && n >= 16)
            {
                Vector512<double> mv = Vector512.Create(m), acc0 = Vector512<double>.Zero, acc1 = Vector512<double>.Zero;
                Vector512<double> dacc = Vector512<double>.Zero;
                for (; i + 16 <= n; i += 16)
                {
                    // Two independent vectors per step keep both exp pipelines busy.
                    Vector512<double> d0 = Vector512.LoadUnsafe(ref r, (nuint)i) - mv;
                    Vector512<double> d1 = Vector512.LoadUnsafe(ref r, (nuint)(i + 8)) - mv;
                    Vector512<double> e0 = FastExp.Exp(d0), e1 = FastExp.Exp(d1);
                    if (store)
                    {
                        e0.StoreUnsafe(ref e, (nuint)i);
                        e1.StoreUnsafe(ref e, (nuint)(i + 8));
                    }
                    acc0 += e0;
                    acc1 += e1;
                    if (wantShiftedSum) dacc += d0 + d1;
                }
                s = Vector512.Sum(acc0 + acc1);
                d = Vector512.Sum(dacc);
            }
#endif
            for (; i < n; i++)
            {
                double di = row[i] - m;
                double ei = FastExp.Exp(di);
                if (store) exps[i] = ei;
                s += ei;
                d += di;
            }
            shiftedSum = d;
            return s;
        }

#if NET8_0_OR_GREATER
        private static readonly Vector512<double> Lanes = Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Max(Vector256<double> v)
        {
            // All in registers: Math.Max's NaN and signed-zero branches mispredict on random data.
            Vector128<double> m = Vector128.Max(v.GetLower(), v.GetUpper());
            return Vector128.Max(m, Vector128.Create(m.GetElement(1))).ToScalar();
        }
#endif
    }
}
