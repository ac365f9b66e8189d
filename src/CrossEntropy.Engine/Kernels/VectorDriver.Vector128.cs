#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CrossEntropy.Engine.Kernels
{
    /// <summary>SSE and ARM64 (AdvSimd) loops: four registers hold the eight lanes of a sum (lanes 0-1, 2-3, 4-5, 6-7).</summary>
    internal static partial class VectorDriver
    {
        internal static void Map128<TOp>(ReadOnlySpan<double> x, Span<double> destination, TOp op)
            where TOp : struct, IUnaryOperator
        {
            int n = x.Length;
            if (n < Vector128<double>.Count)
            {
                MapScalar(x, destination, op);
                return;
            }
            ref double xs = ref MemoryMarshal.GetReference(x);
            ref double ds = ref MemoryMarshal.GetReference(destination);
            nuint last = (nuint)(n - Vector128<double>.Count);
            Vector128<double> end = Vector128.LoadUnsafe(ref xs, last); // before any store, as in Map512
            for (nuint i = 0; i < last; i += (nuint)Vector128<double>.Count)
                op.Invoke(Vector128.LoadUnsafe(ref xs, i)).StoreUnsafe(ref ds, i);
            op.Invoke(end).StoreUnsafe(ref ds, last);
        }

        internal static double MapSum128<TOp>(ReadOnlySpan<double> x, Span<double> destination, TOp op)
            where TOp : struct, IUnaryOperator
        {
            int n = x.Length;
            if (n < Lanes) return MapSumShort(x, destination, op);
            bool store = !destination.IsEmpty;
            ref double xs = ref MemoryMarshal.GetReference(x);
            ref double ds = ref MemoryMarshal.GetReference(destination);
            nuint last = (nuint)(n - Lanes);
            Vector128<double> e0 = Vector128.LoadUnsafe(ref xs, last), e1 = Vector128.LoadUnsafe(ref xs, last + 2);
            Vector128<double> e2 = Vector128.LoadUnsafe(ref xs, last + 4), e3 = Vector128.LoadUnsafe(ref xs, last + 6);
            Vector128<double> a0 = Step(ref xs, ref ds, 0, store, op), a1 = Step(ref xs, ref ds, 2, store, op);
            Vector128<double> a2 = Step(ref xs, ref ds, 4, store, op), a3 = Step(ref xs, ref ds, 6, store, op);
            nuint i = Lanes;
            for (; i <= last; i += Lanes)
            {
                a0 += Step(ref xs, ref ds, i, store, op);
                a1 += Step(ref xs, ref ds, i + 2, store, op);
                a2 += Step(ref xs, ref ds, i + 4, store, op);
                a3 += Step(ref xs, ref ds, i + 6, store, op);
            }
            if (i < (uint)n)
            {
                int counted = (int)(i - last);
                a0 = Tail(a0, op.Invoke(e0), ref ds, last, store, counted, 0);
                a1 = Tail(a1, op.Invoke(e1), ref ds, last, store, counted, 2);
                a2 = Tail(a2, op.Invoke(e2), ref ds, last, store, counted, 4);
                a3 = Tail(a3, op.Invoke(e3), ref ds, last, store, counted, 6);
            }
            return Reduce((a0 + a2) + (a1 + a3));
        }

        internal static double Sum128<TOp>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, TOp op)
            where TOp : struct, IBinaryOperator
        {
            int n = x.Length;
            if (n < Lanes) return SumShort(x, y, op);
            ref double xs = ref MemoryMarshal.GetReference(x);
            ref double ys = ref MemoryMarshal.GetReference(y);
            nuint last = (nuint)(n - Lanes);
            Vector128<double> a0 = Pair(ref xs, ref ys, 0, op), a1 = Pair(ref xs, ref ys, 2, op);
            Vector128<double> a2 = Pair(ref xs, ref ys, 4, op), a3 = Pair(ref xs, ref ys, 6, op);
            nuint i = Lanes;
            for (; i <= last; i += Lanes)
            {
                a0 += Pair(ref xs, ref ys, i, op);
                a1 += Pair(ref xs, ref ys, i + 2, op);
                a2 += Pair(ref xs, ref ys, i + 4, op);
                a3 += Pair(ref xs, ref ys, i + 6, op);
            }
            if (i < (uint)n)
            {
                int counted = (int)(i - last);
                a0 = Vector128.ConditionalSelect(Vector128.LoadUnsafe(ref TailMask(counted, 0)).AsDouble(), a0 + Pair(ref xs, ref ys, last, op), a0);
                a1 = Vector128.ConditionalSelect(Vector128.LoadUnsafe(ref TailMask(counted, 2)).AsDouble(), a1 + Pair(ref xs, ref ys, last + 2, op), a1);
                a2 = Vector128.ConditionalSelect(Vector128.LoadUnsafe(ref TailMask(counted, 4)).AsDouble(), a2 + Pair(ref xs, ref ys, last + 4, op), a2);
                a3 = Vector128.ConditionalSelect(Vector128.LoadUnsafe(ref TailMask(counted, 6)).AsDouble(), a3 + Pair(ref xs, ref ys, last + 6, op), a3);
            }
            return Reduce((a0 + a2) + (a1 + a3));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<double> Step<TOp>(ref double xs, ref double ds, nuint at, bool store, TOp op)
            where TOp : struct, IUnaryOperator
        {
            Vector128<double> v = op.Invoke(Vector128.LoadUnsafe(ref xs, at));
            if (store) v.StoreUnsafe(ref ds, at);
            return v;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<double> Tail(Vector128<double> acc, Vector128<double> v, ref double ds, nuint last, bool store, int counted, int firstLane)
        {
            if (store) v.StoreUnsafe(ref ds, last + (nuint)firstLane);
            return Vector128.ConditionalSelect(Vector128.LoadUnsafe(ref TailMask(counted, firstLane)).AsDouble(), acc + v, acc);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<double> Pair<TOp>(ref double xs, ref double ys, nuint at, TOp op)
            where TOp : struct, IBinaryOperator =>
            op.Invoke(Vector128.LoadUnsafe(ref xs, at), Vector128.LoadUnsafe(ref ys, at));

        // Lanes ((a0+a4)+(a2+a6), (a1+a5)+(a3+a7)) in, their sum out.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Reduce(Vector128<double> q) => q.ToScalar() + q.GetElement(1);
    }
}
#endif
