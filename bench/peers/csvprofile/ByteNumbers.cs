using System;
using System.IO;
using System.Numerics;

namespace CrossEntropy.Bench.Peers
{
    /// <summary>
    /// The prototypes' number parsers, from UTF-8 bytes: the Clinger fast path NumberText takes (at most 19 digits, a
    /// mantissa up to 2^53, a power of ten up to 22, one correctly rounded multiply or divide), so the doubles are
    /// bit-identical to NumberText's; anything outside it throws. This file reads digit by digit (ParseNumber), eight
    /// at a time (ParseNumberSwar), or by measured digit runs (ParseNumberByLength); ByteNumbers.Fields.cs parses
    /// fields whose length a separator index already gives.
    /// </summary>
    internal static unsafe partial class ByteNumbers
    {
        // As ParseNumber, but eight digits at a time where eight are there (fast_float's SWAR trick: one 64-bit
        // load, a digit check and three multiplications instead of eight dependent multiply-adds), and the
        // sign taken without a branch.
        internal static double ParseNumberSwar(ref byte* p, byte* end, double* powers)
        {
            ulong negative = *p == '-' ? 1UL : 0UL;
            p += (int)negative;
            ulong mantissa = 0;
            byte* digits = p;
            uint d;
            while (p < end && (d = (uint)(*p - '0')) <= 9)
            {
                mantissa = mantissa * 10 + d;
                p++;
            }
            long count = p - digits;
            int scale = 0;
            if (p < end && *p == '.')
            {
                byte* fraction = ++p;
                if (p + 8 <= end)
                {
                    ulong v = *(ulong*)p;
                    if (IsEightDigits(v))
                    {
                        mantissa = mantissa * 100_000_000 + ParseEight(v);
                        p += 8;
                    }
                }
                while (p < end && (d = (uint)(*p - '0')) <= 9)
                {
                    mantissa = mantissa * 10 + d;
                    p++;
                }
                scale = -(int)(p - fraction);
                count += p - fraction;
            }
            if (count == 0 || count > 19) throw new InvalidDataException("prototype: not a plain number");
            if (p < end && (*p == 'e' || *p == 'E'))
            {
                p++;
                bool negativeExponent = p < end && *p == '-';
                if (p < end && (*p == '-' || *p == '+')) p++;
                int exponent = 0;
                byte* e0 = p;
                while (p < end && (d = (uint)(*p - '0')) <= 9 && exponent < 10000)
                {
                    exponent = exponent * 10 + (int)d;
                    p++;
                }
                if (p == e0) throw new InvalidDataException("prototype: bad exponent");
                scale += negativeExponent ? -exponent : exponent;
            }
            if (mantissa > (1UL << 53) || scale < -22 || scale > 22) throw new InvalidDataException("prototype: outside the fast path");
            double m = mantissa;
            double value = scale < 0 ? m / powers[-scale] : m * powers[scale];
            // The sign as a bit: -0.0 for a negative zero, as NumberText gives.
            return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) | (long)(negative << 63));
        }

        // Branch-light: the integer and fraction digit runs are measured with one 64-bit load and a trailing-zero
        // count each (the first non-digit byte), then parsed eight-at-a-time with the run left-padded by '0's; only
        // runs of eight or more digits, exponents and numbers near the chunk's end take the scalar ParseNumberSwar.
        // Needs 24 readable bytes from p.
        internal static double ParseNumberByLength(ref byte* p, byte* end, double* powers)
        {
            byte* start = p;
            ulong negative = *p == '-' ? 1UL : 0UL;
            byte* q = p + (int)negative;
            ulong v = *(ulong*)q;
            int intDigits = BitOperations.TrailingZeroCount(NonDigits(v)) >> 3;
            if (intDigits == 0 || intDigits == 8) return ParseNumberSwar(ref p, end, powers);
            ulong mantissa = PaddedDigits(v, intDigits);
            q += intDigits;
            int fracDigits = 0;
            if (*q == '.')
            {
                q++;
                ulong f = *(ulong*)q;
                fracDigits = BitOperations.TrailingZeroCount(NonDigits(f)) >> 3;
                if (fracDigits == 8) return ParseNumberSwar(ref p, end, powers);
                if (fracDigits > 0) mantissa = mantissa * Pow10Int[fracDigits] + PaddedDigits(f, fracDigits);
                q += fracDigits;
            }
            if (*q == 'e' || *q == 'E') return ParseNumberSwar(ref p, end, powers);
            p = q;
            double value = fracDigits == 0 ? mantissa : mantissa / powers[fracDigits];
            return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) | (long)(negative << 63));
        }

        private static readonly ulong[] Pow10Int = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000 };

        // A byte's high bit set where it is not an ASCII digit; exact up to the first non-digit (the lowest set
        // byte), which is all a trailing-zero count reads.
        private static ulong NonDigits(ulong v) => ((v + 0x4646464646464646UL) | (v - 0x3030303030303030UL)) & 0x8080808080808080UL;

        // The first n (1..7) digit bytes of v as a number: shifted up so they end the eight-byte lane, '0's below.
        private static ulong PaddedDigits(ulong v, int n)
        {
            int shift = (8 - n) * 8;
            return ParseEight((v << shift) | (0x3030303030303030UL >> (64 - shift)));
        }

        private static bool IsEightDigits(ulong v) =>
            (((v + 0x4646464646464646UL) | (v - 0x3030303030303030UL)) & 0x8080808080808080UL) == 0;

        private static ulong ParseEight(ulong v)
        {
            const ulong mask = 0x000000FF000000FFUL;
            const ulong mul1 = 0x000F424000000064UL; // 100 + (1000000 << 32)
            const ulong mul2 = 0x0000271000000001UL; // 1 + (10000 << 32)
            v -= 0x3030303030303030UL;
            v = (v * 10) + (v >> 8);
            return (((v & mask) * mul1) + (((v >> 16) & mask) * mul2)) >> 32;
        }

        internal static double ParseNumber(ref byte* p, byte* end, double* powers)
        {
            bool negative = *p == '-';
            if (negative || *p == '+') p++;
            ulong mantissa = 0;
            byte* digits = p;
            uint d;
            while (p < end && (d = (uint)(*p - '0')) <= 9)
            {
                mantissa = mantissa * 10 + d;
                p++;
            }
            long count = p - digits;
            int scale = 0;
            if (p < end && *p == '.')
            {
                byte* fraction = ++p;
                while (p < end && (d = (uint)(*p - '0')) <= 9)
                {
                    mantissa = mantissa * 10 + d;
                    p++;
                }
                scale = -(int)(p - fraction);
                count += p - fraction;
            }
            if (count == 0 || count > 19) throw new InvalidDataException("prototype: not a plain number");
            if (p < end && (*p == 'e' || *p == 'E'))
            {
                p++;
                bool negativeExponent = p < end && *p == '-';
                if (p < end && (*p == '-' || *p == '+')) p++;
                int exponent = 0;
                byte* e0 = p;
                while (p < end && (d = (uint)(*p - '0')) <= 9 && exponent < 10000)
                {
                    exponent = exponent * 10 + (int)d;
                    p++;
                }
                if (p == e0) throw new InvalidDataException("prototype: bad exponent");
                scale += negativeExponent ? -exponent : exponent;
            }
            if (mantissa > (1UL << 53) || scale < -22 || scale > 22) throw new InvalidDataException("prototype: outside the fast path");
            double m = mantissa;
            double v = mantissa == 0 ? 0.0 : scale < 0 ? m / powers[-scale] : m * powers[scale];
            return negative ? -v : v;
        }

        internal static readonly double[] ExactPowers =
        {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
            1e20, 1e21, 1e22,
        };
    }
}
