#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CrossEntropy.Engine.Kernels
{
    /// <summary>AVX-512 loops: one register holds the eight lanes of a sum.</summary>
    internal static partial class VectorDriver
    {
        internal static void Map512<TOp>(ReadOnlySpan<double> x, Span<double> destination, TOp op)
            where TOp : struct, IUnaryOperator
        {
            int n = x.Length;
            if (n < Vector512<double>.Count)
            {
                MapScalar(x, destination, op);
                return;
            }
            ref double xs = ref MemoryMarshal.GetReference(x);
            ref double ds = ref MemoryMarshal.GetReference(destination);
            nuint last = (nuint)(n - Vector512<double>.Count);
            // The tail is the last whole vector, loaded before any store (x and destination may be one span): the
            // elements it shares with the main loop are computed again, to the same bits.
            Vector512<double> end = Vector512.LoadUnsafe(ref xs, last);
            for (nuint i = 0; i < last; i += (nuint)Vector512<double>.Count)
                op.Invoke(Vector512.LoadUnsafe(ref xs, i)).StoreUnsafe(ref ds, i);
            op.Invoke(end).StoreUnsafe(ref ds, last);
        }

        internal static double MapSum512<TOp>(ReadOnlySpan<double> x, Span<double> destination, TOp op)
            where TOp : struct, IUnaryOperator
        {
            int n = x.Length;
            if (n < Lanes) return MapSumShort(x, destination, op);
            bool store = !destination.IsEmpty;
            ref double xs = ref MemoryMarshal.GetReference(x);
            ref double ds = ref MemoryMarshal.GetReference(destination);
            nuint last = (nuint)(n - Lanes);
            Vector512<double> end = Vector512.LoadUnsafe(ref xs, last);
            Vector512<double> acc = op.Invoke(Vector512.LoadUnsafe(ref xs));
            if (store) acc.StoreUnsafe(ref ds);
            nuint i = Lanes;
            // Two vectors a step let the core overlap two independent exps; they are still added one after the other,
            // so the association is the same as one vector a step.
            for (; i + Lanes <= last; i += 2 * Lanes)
            {
                Vector512<double> v0 = op.Invoke(Vector512.LoadUnsafe(ref xs, i));
                Vector512<double> v1 = op.Invoke(Vector512.LoadUnsafe(ref xs, i + Lanes));
                if (store)
                {
                    v0.StoreUnsafe(ref ds, i);
                    v1.StoreUnsafe(ref ds, i + Lanes);
                }
                acc += v0;
                acc += v1;
            }
            if (i <= last)
            {
                Vector512<double> v = op.Invoke(Vector512.LoadUnsafe(ref xs, i));
                if (store) v.StoreUnsafe(ref ds, i);
                acc += v;
                i += Lanes;
            }
            if (i < (uint)n)
            {
                Vector512<double> v = op.Invoke(end);
                if (store) v.StoreUnsafe(ref ds, last);
                acc = Vector512.ConditionalSelect(Vector512.LoadUnsafe(ref TailMask((int)(i - last), 0)).AsDouble(), acc + v, acc);
            }
            return Reduce(acc);
        }

        internal static double Sum512<TOp>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, TOp op)
            where TOp : struct, IBinaryOperator
        {
            int n = x.Length;
            if (n < Lanes) return SumShort(x, y, op);
            ref double xs = ref MemoryMarshal.GetReference(x);
            ref double ys = ref MemoryMarshal.GetReference(y);
            nuint last = (nuint)(n - Lanes);
            Vector512<double> acc = op.Invoke(Vector512.LoadUnsafe(ref xs), Vector512.LoadUnsafe(ref ys));
            nuint i = Lanes;
            for (; i <= last; i += Lanes) acc += op.Invoke(Vector512.LoadUnsafe(ref xs, i), Vector512.LoadUnsafe(ref ys, i));
            if (i < (uint)n)
            {
                Vector512<double> v = op.Invoke(Vector512.LoadUnsafe(ref xs, last), Vector512.LoadUnsafe(ref ys, last));
                acc = Vector512.ConditionalSelect(Vector512.LoadUnsafe(ref TailMask((int)(i - last), 0)).AsDouble(), acc + v, acc);
            }
            return Reduce(acc);
        }

        /// <summary>
        /// Σ of each row of <paramref name="x"/> (rows of <paramref name="width"/> ≥ 8 doubles, one sum per element of
        /// <paramref name="sums"/>), each bit for bit what <see cref="MapSum512"/> gives for the row alone: one loop
        /// over a tile of short rows instead of a call per row, with the tail mask worked out once.
        /// </summary>
        internal static void RowSums512(ReadOnlySpan<double> x, int width, Span<double> sums)
        {
            if (width < Lanes || (long)sums.Length * width > x.Length) ThrowLengthsDiffer();
            ref double xs = ref MemoryMarshal.GetReference(x);
            nuint last = (nuint)(width - Lanes);
            // MapSum512 adds whole vectors at 8, 16, ... up to last, then the last vector masked to the lanes not yet counted.
            nuint counted = (last / Lanes + 1) * Lanes;
            bool tail = counted < (nuint)width;
            Vector512<double> mask = tail ? Vector512.LoadUnsafe(ref TailMask((int)(counted - last), 0)).AsDouble() : default;
            for (int r = 0; r < sums.Length; r++)
            {
                ref double row = ref Unsafe.Add(ref xs, (nint)r * width);
                Vector512<double> acc = Vector512.LoadUnsafe(ref row);
                for (nuint i = Lanes; i <= last; i += Lanes) acc += Vector512.LoadUnsafe(ref row, i);
                if (tail) acc = Vector512.ConditionalSelect(mask, acc + Vector512.LoadUnsafe(ref row, last), acc);
                sums[r] = Reduce(acc);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static double Reduce(Vector512<double> a) => Reduce(a.GetLower() + a.GetUpper());
    }
}
#endif
