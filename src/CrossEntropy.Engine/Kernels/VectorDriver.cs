using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif

namespace CrossEntropy.Engine.Kernels
{
    /// <summary>
    /// The one loop behind every element-wise and summing kernel, in TensorPrimitives' style: it checks lengths, picks
    /// the widest accelerated width (Vector512, Vector256, Vector128, else scalar), runs the main loop and the tail, and
    /// calls an operator struct for the arithmetic. The per-width loops live in VectorDriver.Vector512/256/128.cs and
    /// VectorDriver.Scalar.cs; the netstandard2.0 build (Windows PowerShell 5.1) has only the scalar one.
    /// <para>
    /// Sums use one association at every width, so that an AVX-512, AVX2, SSE/ARM64 or scalar machine — and every thread
    /// count, alignment and the netstandard2.0 build — gives the same bits: eight lanes, lane j summing elements j, j+8,
    /// j+16, … starting from the first of them; a last partial chunk is taken as the final eight elements with the ones
    /// already counted masked off (so element n-8+j goes to lane j); fewer than eight elements sit in lanes 8-n … 7, the
    /// others being +0; then ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7)). TensorPrimitives.Sum is not used: in 10.0.14 its
    /// double sums no longer depend on alignment (checked on .NET 8.0.31 and 10.0.12), but its association changes with
    /// the vector width (DOTNET_EnableAVX512=0, AVX2=0 or HWIntrinsic=0 each give other last bits), and its
    /// netstandard2.0 build has no double overloads.
    /// </para>
    /// </summary>
    internal static partial class VectorDriver
    {
        /// <summary>Lanes of the sums' fixed association.</summary>
        internal const int Lanes = 8;

        // The entry points are inlined, so that the width checks fold away and a caller pays one call (a 1,000,000 × 10
        // block run calls Sum once per row).

        /// <summary>destination[i] = op(x[i]); x and destination may be the same span, but not overlap otherwise.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Map<TOp>(ReadOnlySpan<double> x, Span<double> destination, TOp op)
            where TOp : struct, IUnaryOperator
        {
            CheckDestination(x, destination);
#if NET8_0_OR_GREATER
            // Lanes compute what the scalar code does, so a short span simply takes a narrower width.
            int n = x.Length;
            if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count) Map512(x, destination, op);
            else if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count) Map256(x, destination, op);
            else if (Vector128.IsHardwareAccelerated && n >= Vector128<double>.Count) Map128(x, destination, op);
            else
#endif
                MapScalar(x, destination, op);
        }

        /// <summary>Σ op(x[i]) in the fixed association.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Sum<TOp>(ReadOnlySpan<double> x, TOp op) where TOp : struct, IUnaryOperator =>
            MapSum(x, Span<double>.Empty, op);

        /// <summary>
        /// Σ op(x[i]) in the fixed association, storing each op(x[i]) in <paramref name="destination"/> unless it is
        /// empty (x and destination may be the same span, but not overlap otherwise).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double MapSum<TOp>(ReadOnlySpan<double> x, Span<double> destination, TOp op)
            where TOp : struct, IUnaryOperator
        {
            if (!destination.IsEmpty) CheckDestination(x, destination);
#if NET8_0_OR_GREATER
            if (Vector512.IsHardwareAccelerated) return MapSum512(x, destination, op);
            if (Vector256.IsHardwareAccelerated) return MapSum256(x, destination, op);
            if (Vector128.IsHardwareAccelerated) return MapSum128(x, destination, op);
#endif
            return MapSumScalar(x, destination, op);
        }

        /// <summary>Σ op(x[i], y[i]) in the fixed association; x and y have the same length.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Sum<TOp>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, TOp op)
            where TOp : struct, IBinaryOperator
        {
            if (y.Length != x.Length) ThrowLengthsDiffer();
#if NET8_0_OR_GREATER
            if (Vector512.IsHardwareAccelerated) return Sum512(x, y, op);
            if (Vector256.IsHardwareAccelerated) return Sum256(x, y, op);
            if (Vector128.IsHardwareAccelerated) return Sum128(x, y, op);
#endif
            return SumScalar(x, y, op);
        }

        /// <summary>
        /// sums[r] = Σ of row r of <paramref name="x"/> (rows of <paramref name="width"/> doubles) in the fixed
        /// association: the same bits as summing each row alone.
        /// </summary>
        public static void RowSums(ReadOnlySpan<double> x, int width, Span<double> sums)
        {
#if NET8_0_OR_GREATER
            if (Vector512.IsHardwareAccelerated && width >= Lanes)
            {
                RowSums512(x, width, sums);
                return;
            }
#endif
            for (int r = 0; r < sums.Length; r++) sums[r] = Sum(x.Slice(r * width, width), default(IdentityOperator));
        }

        // A short destination would be written past its end by the unchecked vector stores; a partial overlap would make
        // the tail read values already transformed.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void CheckDestination(ReadOnlySpan<double> x, Span<double> destination)
        {
            if (destination.Length < x.Length) ThrowDestinationTooShort();
            if (x.Overlaps(destination, out int offset) && offset != 0) ThrowPartialOverlap();
        }

        internal static void ThrowDestinationTooShort() => throw new ArgumentException("Destination is too short.", "destination");

        internal static void ThrowPartialOverlap() => throw new ArgumentException("Input and destination overlap without being the same span.", "destination");

        private static void ThrowLengthsDiffer() => throw new ArgumentException("The two inputs differ in length.", "y");

        /// <summary>The fixed tree over the eight lanes (see the class remarks).</summary>
        private static double Reduce(double a0, double a1, double a2, double a3, double a4, double a5, double a6, double a7) =>
            ((a0 + a4) + (a2 + a6)) + ((a1 + a5) + (a3 + a7));

#if NET8_0_OR_GREATER
        // Read at offset 8 - counted (plus the accumulator's first lane), these give all-ones in the lanes of the last
        // chunk that are not counted yet: lane j of the sums when j >= counted.
        private static ReadOnlySpan<long> TailMaskBits => new long[] { 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1 };

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ref long TailMask(int counted, int firstLane) =>
            ref Unsafe.Add(ref MemoryMarshal.GetReference(TailMaskBits), Lanes - counted + firstLane);
#endif
    }
}
