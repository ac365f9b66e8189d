#if NET8_0_OR_GREATER
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrossEntropy.Data.Records
{
    /// <summary>
    /// NumberText's fast path straight from UTF-8 bytes: a plain decimal ([-]digits[.digits][e[sign]digits], at most 19
    /// significant digits) with a significand up to 2^53 and a power of ten up to 22 is m·10^e or m/10^-e in one
    /// correctly rounded operation (Clinger), any other by <see cref="EiselLemire"/>, so the double is bit-identical to
    /// NumberText's. Eight digits are read with one 64-bit load where eight are there (fast_float's SWAR trick), and a
    /// shorter run in one step too where the bytes after the number can be read. Anything else — '+', spaces, more
    /// digits, a subnormal or overflowing value, inf, nan, a comma — returns false and the caller asks
    /// <see cref="NumberText"/>, so results never differ.
    /// </summary>
    internal static class Utf8Number
    {
        /// <summary>Parses <paramref name="text"/> when it is in the fast path; false sends the cell to NumberText.</summary>
        public static bool TryParse(ReadOnlySpan<byte> text, out double value) => TryParse(text, text.Length, out value);

        /// <summary>
        /// Parses the first <paramref name="length"/> bytes of <paramref name="readable"/>; the bytes after them (the
        /// rest of the buffer) may be read but never change the result: digit runs are measured eight bytes at a time.
        /// </summary>
        public static unsafe bool TryParse(ReadOnlySpan<byte> readable, int length, out double value)
        {
            value = 0;
            if (length == 0 || length > MaxLength || length > readable.Length) return false;
            fixed (byte* first = readable)
            {
                if (Parse(first, first + length, first + readable.Length, out value) == first + length) return true;
                value = 0;
                return false;
            }
        }

        /// <summary>The longest cell the fast path reads; a longer one goes to <see cref="NumberText"/>.</summary>
        public const int MaxLength = 64;

        /// <summary>
        /// Reads the number that starts at <paramref name="p"/> and stops at its first byte that cannot continue it (or at
        /// <paramref name="end"/>); returns that byte's address, or null when what it read is outside the fast path. The
        /// caller checks that the number ends where its cell does: the value is then the one
        /// <see cref="TryParse(ReadOnlySpan{byte}, int, out double)"/> gives for the cell, which reads the same steps.
        /// Bytes up to <paramref name="readableEnd"/> may be read but never change the result. The caller refuses a
        /// cell longer than <see cref="MaxLength"/>.
        /// </summary>
        public static unsafe byte* Parse(byte* p, byte* end, byte* readableEnd, out double value)
        {
            if (p < end && Ssse3.IsSupported && BitConverter.IsLittleEndian)
            {
                // The sign as a bit, without a branch: -0.0 for "-0", as NumberText gives.
                ulong negative = *p == (byte)'-' ? 1UL : 0UL;
                byte* digits = p + negative;
                if (readableEnd - digits >= 16)
                {
                    byte* stop = Window(digits, end, out double magnitude);
                    if (stop != null)
                    {
                        value = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(magnitude) | (long)(negative << 63));
                        return stop;
                    }
                }
            }
            return ParseByDigitRuns(p, end, readableEnd, out value);
        }

        /// <summary>
        /// <see cref="Parse"/> without its 16-byte window: digit runs of up to eight bytes, any length, any exponent.
        /// Parse gives what this gives (the tests hold the two side by side).
        /// </summary>
        internal static unsafe byte* ParseByDigitRuns(byte* p, byte* end, byte* readableEnd, out double value)
        {
            value = 0;
            if (p >= end || !BitConverter.IsLittleEndian) return null;
            ulong negative = *p == (byte)'-' ? 1UL : 0UL;
            p += (int)negative;
            ulong mantissa = 0;
            byte* digits = p;
            while (p < end && *p == (byte)'0') p++; // leading zeros are no significant digits
            byte* significantStart = p;
            p = Digits(p, end, readableEnd, ref mantissa);
            long count = p - significantStart;
            bool anyDigit = p > digits;
            int scale = 0;
            if (p < end && *p == (byte)'.')
            {
                byte* fraction = ++p;
                if (count == 0)
                    while (p < end && *p == (byte)'0') p++; // 0.000123: these zeros only scale
                byte* fractionSignificant = p;
                p = Digits(p, end, readableEnd, ref mantissa);
                scale = -(int)(p - fraction);
                count += p - fractionSignificant;
                anyDigit |= p > fraction;
            }
            // No digit at all, or so many that the mantissa may have wrapped.
            if (!anyDigit || count > 19) return null;
            if (p < end && (*p == (byte)'e' || *p == (byte)'E'))
            {
                p++;
                bool negativeExponent = p < end && *p == (byte)'-';
                if (p < end && (*p == (byte)'-' || *p == (byte)'+')) p++;
                byte* exponentStart = p;
                int exponent = 0;
                uint d;
                while (p < end && (d = (uint)(*p - '0')) <= 9 && exponent < 10000)
                {
                    exponent = exponent * 10 + (int)d;
                    p++;
                }
                if (p == exponentStart) return null;
                scale += negativeExponent ? -exponent : exponent;
            }
            double magnitude;
            if (mantissa == 0) magnitude = 0.0;
            else if (mantissa <= (1UL << 53) && scale >= -22 && scale <= 22)
                magnitude = scale < 0 ? (long)mantissa / NumberText.ExactPowers[-scale] : (long)mantissa * NumberText.ExactPowers[scale]; // exact: at most 2^53
            else if (!EiselLemire.TryCompute(mantissa, scale, out magnitude)) return null;
            value = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(magnitude) | (long)(negative << 63));
            return p;
        }

        // The common shape, digits[.digits] of at most 15 digits that stops within 16 bytes and has no exponent, read
        // from one 16-byte load without a branch on its lengths: where the digits and the point are is a bit mask, one
        // shuffle packs the digits right-aligned, and two eight-digit steps make the mantissa. The steps are the digit
        // loop's (same mantissa, same power of ten, same division), so the double is the same; anything else (no digit,
        // 16 digits in a row, an exponent) returns null and the digit loop reads it. Needs 16 readable bytes at p.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe byte* Window(byte* p, byte* end, out double magnitude)
        {
            magnitude = 0;
            Vector128<byte> digits = Vector128.Load(p) - Vector128.Create((byte)'0');
            uint isDigit = Vector128.LessThan(digits, Vector128.Create((byte)10)).ExtractMostSignificantBits();
            long left = end - p;
            uint inside = left >= 16 ? 0xFFFFu : (1u << (int)left) - 1; // bytes past the end are no digits
            uint stops = ~(isDigit & inside); // bit 16 and up set: a run of 16 digits finds no stop below it
            int point = BitOperations.TrailingZeroCount(stops);
            if (point >= 16) return null;
            int stop = point, count = point, fraction = 0;
            if (point < left && p[point] == (byte)'.')
            {
                stop = BitOperations.TrailingZeroCount(stops & ~((2u << point) - 1));
                if (stop >= 16) return null;
                fraction = stop - point - 1;
                count = stop - 1;
            }
            if (count == 0 || (stop < left && (p[stop] | 0x20) == (byte)'e')) return null;
            ulong mantissa = Mantissa(digits, DigitIndex(count, point));
            magnitude = (long)mantissa / NumberText.ExactPowers[fraction]; // as the digit loop: at most 15 digits, exact below 2^53
            return p + stop;
        }

        // Where digit t of a number's `count` digits sits, for output byte k = t + 16 - count: input t, or t + 1 past the
        // point at `point` (no point: point >= count). t < 0 is a negative index, which the shuffle makes 0 (leading zeros).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector128<sbyte> DigitIndex(int count, int point)
        {
            Vector128<sbyte> t = Vector128.Create((sbyte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) + Vector128.Create((sbyte)(count - 16));
            return t - Vector128.GreaterThanOrEqual(t, Vector128.Create((sbyte)point));
        }

        // The mantissa of up to 16 digit values 0..9, packed right-aligned by one shuffle with `index`, eight at a time.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static ulong Mantissa(Vector128<byte> digits, Vector128<sbyte> index)
        {
            Vector128<ulong> packed = Ssse3.Shuffle(digits, index.AsByte()).AsUInt64();
            return (EightValues(packed.GetElement(0)) * 100_000_000) + EightValues(packed.GetElement(1));
        }

        // A run of digits appended to the mantissa; returns the first non-digit. Where eight bytes can be read, the run is
        // measured with one load and a trailing-zero count and taken in one step (up to eight digits, '0'-padded), so
        // the length of a number's fraction costs no branch; near the buffer's end, digit by digit.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe byte* Digits(byte* p, byte* end, byte* readableEnd, ref ulong mantissa)
        {
            while (readableEnd - p >= 8)
            {
                ulong eight = Unsafe.ReadUnaligned<ulong>(p);
                int run = (int)Math.Min(BitOperations.TrailingZeroCount(NonDigits(eight)) >> 3, end - p);
                if (run == 8)
                {
                    mantissa = mantissa * 100_000_000 + ParseEight(eight); // wraps only past 19 digits, which are refused
                    p += 8;
                    continue;
                }
                if (run > 0) mantissa = mantissa * PowersOfTen[run] + ParseEight(PaddedWithZeros(eight, run));
                return p + run;
            }
            uint d;
            while (p < end && (d = (uint)(*p - '0')) <= 9)
            {
                mantissa = mantissa * 10 + d;
                p++;
            }
            return p;
        }

        private static readonly ulong[] PowersOfTen = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000 };

        // A byte's high bit set where it is not an ASCII digit; exact up to the first non-digit (the lowest set byte,
        // below which nothing carries), which is all a trailing-zero count reads.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong NonDigits(ulong v) => ((v + 0x4646464646464646UL) | (v - 0x3030303030303030UL)) & 0x8080808080808080UL;

        // The first n (1..7) digit bytes of v moved to the top of the lane with '0's below them: the same number, eight digits long.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong PaddedWithZeros(ulong v, int n)
        {
            int shift = (8 - n) * 8;
            return (v << shift) | (0x3030303030303030UL >> (64 - shift));
        }

        // Eight ASCII digits (first digit in the lowest byte) as a number: three multiplications instead of eight.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong ParseEight(ulong v) => EightValues(v - 0x3030303030303030UL);

        // Eight digit values 0..9 (first digit in the lowest byte) as a number.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong EightValues(ulong v)
        {
            const ulong mask = 0x000000FF000000FFUL;
            const ulong mul1 = 0x000F424000000064UL; // 100 + (1000000 << 32)
            const ulong mul2 = 0x0000271000000001UL; // 1 + (10000 << 32)
            v = (v * 10) + (v >> 8);
            return (((v & mask) * mul1) + (((v >> 16) & mask) * mul2)) >> 32;
        }
    }
}
#endif
