#if NET8_0_OR_GREATER
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrossEntropy.Data.Records
{
    internal static partial class NumberText
    {
        private static readonly Vector128<sbyte> Lanes = Vector128.Create((sbyte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

        /// <summary>
        /// The fast path's most common case without a branch per character: a sign, then 8 to 16 characters of digits
        /// with at most one '.' (a float32 logit as Python prints it, "-0.81778115"). The characters are classified in
        /// two vectors, the digits gathered right-aligned into 16 bytes with the point left out (one shuffle) and
        /// converted eight at a time; the double is then made exactly as the scalar loop makes it (mantissa / 10^k,
        /// the same bits). Per number this is ~12 ns where the loop took ~16, and more in a pipeline, where the loop's
        /// length-dependent branches are mispredicted. False for anything else: the scalar loop decides.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // into TryParse: a call less per number
        private static unsafe bool TryParseShortDecimal(ReadOnlySpan<char> t, out double value)
        {
            value = 0;
            if (!Ssse3.IsSupported || t.Length < 8) return false;
            fixed (char* first = t)
            {
                bool negative = *first == '-';
                int sign = negative || *first == '+' ? 1 : 0;
                char* p = first + sign;
                int n = t.Length - sign;
                if (n < 8 || n > 16) return false;
                Vector128<ushort> zero = Vector128.Create((ushort)'0'), nine = Vector128.Create((ushort)9);
                // Characters 0-7 and n-8..n-1 (overlapping when n < 16), as digit values; anything else is > 9.
                Vector128<ushort> head = Vector128.Load((ushort*)p) - zero, tail = Vector128.Load((ushort*)(p + n - 8)) - zero;
                uint digits = Vector128.LessThanOrEqual(head, nine).ExtractMostSignificantBits()
                    | Vector128.LessThanOrEqual(tail, nine).ExtractMostSignificantBits() << (n - 8);
                uint others = ~digits & ((1u << n) - 1);
                int dot = n, count = n, fractionDigits = 0;
                if (others != 0)
                {
                    dot = BitOperations.TrailingZeroCount(others);
                    if ((others & (others - 1)) != 0 || p[dot] != '.') return false;
                    count = n - 1;
                    fractionDigits = n - 1 - dot;
                }
                // Lane i of the gathered digits is digit k = i - 16 + count (zero for k < 0), found at character k, or
                // k + 1 from the point on; characters 0-7 are lanes 0-7 of the narrowed vector, n-8..n-1 lanes 8-15.
                Vector128<sbyte> k = Lanes + Vector128.Create((sbyte)(count - 16));
                Vector128<sbyte> at = k - Vector128.GreaterThanOrEqual(k, Vector128.Create((sbyte)dot));
                at += Vector128.GreaterThanOrEqual(at, Vector128.Create((sbyte)8)) & Vector128.Create((sbyte)(16 - n));
                Vector128<ulong> gathered = Ssse3.Shuffle(Vector128.Narrow(head, tail), at.AsByte()).AsUInt64();
                ulong mantissa = EightDigits(gathered.GetElement(0)) * 100_000_000UL + EightDigits(gathered.GetElement(1));
                if (mantissa > (1UL << 53)) return false;
                double magnitude = mantissa / ExactPowers[fractionDigits];
                // The sign as a bit rather than a branch: a column's signs are as random as its values.
                value = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(magnitude) | (negative ? 1L : 0L) << 63);
                return true;
            }
        }

        // Eight digit values, the first (most significant) in the lowest byte, as a number (Lemire's SWAR conversion).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong EightDigits(ulong v)
        {
            v = v * 10 + (v >> 8);
            return (((v & 0x000000FF000000FFUL) * 0x000F424000000064UL) + (((v >> 16) & 0x000000FF000000FFUL) * 0x0000271000000001UL)) >> 32;
        }
    }
}
#endif
