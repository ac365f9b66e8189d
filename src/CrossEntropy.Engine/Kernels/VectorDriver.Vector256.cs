#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CrossEntropy.Engine.Kernels
{
    /// <summary>AVX2 loops: two registers hold the eight lanes of a sum (lanes 0-3 and 4-7).</summary>
    internal static partial class VectorDriver
    {
        internal static void Map256<TOp>(ReadOnlySpan<double> x, Span<double> destination, TOp op)
            where TOp : struct, IUnaryOperator
        {
            int n = x.Length;
            if (n < Vector256<double>.Count)
            {
                MapScalar(x, destination, op);
                return;
            }
            ref double xs = ref MemoryMarshal.GetReference(x);
            ref double ds = ref MemoryMarshal.GetReference(destination);
            nuint last = (nuint)(n - Vector256<double>.Count);
            Vector256<double> end = Vector256.LoadUnsafe(ref xs, last); // before any store, as in Map512
            for (nuint i = 0; i < last; i += (nuint)Vector256<double>.Count)
                op.Invoke(Vector256.LoadUnsafe(ref xs, i)).StoreUnsafe(ref ds, i);
            op.Invoke(end).StoreUnsafe(ref ds, last);
        }

        internal static double MapSum256<TOp>(ReadOnlySpan<double> x, Span<double> destination, TOp op)
            where TOp : struct, IUnaryOperator
        {
            int n = x.Length;
            if (n < Lanes) return MapSumShort(x, destination, op);
            bool store = !destination.IsEmpty;
            ref double xs = ref MemoryMarshal.GetReference(x);
            ref double ds = ref MemoryMarshal.GetReference(destination);
            nuint last = (nuint)(n - Lanes);
            Vector256<double> end0 = Vector256.LoadUnsafe(ref xs, last), end1 = Vector256.LoadUnsafe(ref xs, last + 4);
            Vector256<double> a0 = op.Invoke(Vector256.LoadUnsafe(ref xs)), a1 = op.Invoke(Vector256.LoadUnsafe(ref xs, 4));
            if (store)
            {
                a0.StoreUnsafe(ref ds);
                a1.StoreUnsafe(ref ds, 4);
            }
            nuint i = Lanes;
            for (; i <= last; i += Lanes)
            {
                Vector256<double> v0 = op.Invoke(Vector256.LoadUnsafe(ref xs, i)), v1 = op.Invoke(Vector256.LoadUnsafe(ref xs, i + 4));
                if (store)
                {
                    v0.StoreUnsafe(ref ds, i);
                    v1.StoreUnsafe(ref ds, i + 4);
                }
                a0 += v0;
                a1 += v1;
            }
            if (i < (uint)n)
            {
                int counted = (int)(i - last);
                Vector256<double> v0 = op.Invoke(end0), v1 = op.Invoke(end1);
                if (store)
                {
                    v0.StoreUnsafe(ref ds, last);
                    v1.StoreUnsafe(ref ds, last + 4);
                }
                a0 = Vector256.ConditionalSelect(Vector256.LoadUnsafe(ref TailMask(counted, 0)).AsDouble(), a0 + v0, a0);
                a1 = Vector256.ConditionalSelect(Vector256.LoadUnsafe(ref TailMask(counted, 4)).AsDouble(), a1 + v1, a1);
            }
            return Reduce(a0 + a1);
        }

        internal static double Sum256<TOp>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, TOp op)
            where TOp : struct, IBinaryOperator
        {
            int n = x.Length;
            if (n < Lanes) return SumShort(x, y, op);
            ref double xs = ref MemoryMarshal.GetReference(x);
            ref double ys = ref MemoryMarshal.GetReference(y);
            nuint last = (nuint)(n - Lanes);
            Vector256<double> a0 = op.Invoke(Vector256.LoadUnsafe(ref xs), Vector256.LoadUnsafe(ref ys));
            Vector256<double> a1 = op.Invoke(Vector256.LoadUnsafe(ref xs, 4), Vector256.LoadUnsafe(ref ys, 4));
            nuint i = Lanes;
            for (; i <= last; i += Lanes)
            {
                a0 += op.Invoke(Vector256.LoadUnsafe(ref xs, i), Vector256.LoadUnsafe(ref ys, i));
                a1 += op.Invoke(Vector256.LoadUnsafe(ref xs, i + 4), Vector256.LoadUnsafe(ref ys, i + 4));
            }
            if (i < (uint)n)
            {
                int counted = (int)(i - last);
                Vector256<double> v0 = op.Invoke(Vector256.LoadUnsafe(ref xs, last), Vector256.LoadUnsafe(ref ys, last));
                Vector256<double> v1 = op.Invoke(Vector256.LoadUnsafe(ref xs, last + 4), Vector256.LoadUnsafe(ref ys, last + 4));
                a0 = Vector256.ConditionalSelect(Vector256.LoadUnsafe(ref TailMask(counted, 0)).AsDouble(), a0 + v0, a0);
                a1 = Vector256.ConditionalSelect(Vector256.LoadUnsafe(ref TailMask(counted, 4)).AsDouble(), a1 + v1, a1);
            }
            return Reduce(a0 + a1);
        }

        // Lanes (a0+a4, a1+a5, a2+a6, a3+a7) in, the fixed tree's result out.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Reduce(Vector256<double> h) => Reduce(h.GetLower() + h.GetUpper());
    }
}
#endif
