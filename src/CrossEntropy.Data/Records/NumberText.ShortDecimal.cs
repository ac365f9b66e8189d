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
                // The digits gathered as Utf8Number's window gathers them, the index moved to where the narrowed vector
                // holds each character: 0-7 in lanes 0-7, n-8..n-1 in lanes 8-15.
                Vector128<sbyte> at = Utf8Number.DigitIndex(count, dot);
                at += Vector128.GreaterThanOrEqual(at, Vector128.Create((sbyte)8)) & Vector128.Create((sbyte)(16 - n));
                ulong mantissa = Utf8Number.Mantissa(Vector128.Narrow(head, tail), at);
                if (mantissa > (1UL << 53)) return false;
                double magnitude = mantissa / ExactPowers[fractionDigits];
                // The sign as a bit rather than a branch: a column's signs are as random as its values.
                value = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(magnitude) | (negative ? 1L : 0L) << 63);
                return true;
            }
        }
    }
}
#endif
