using System;
using System.IO;
using System.Numerics;

namespace CrossEntropy.Bench.Peers
{
    internal static unsafe partial class ByteNumbers
    {
        // A label [s, s+len) known to end before a line end: up to eight digits in one load.
        internal static int ParseLabel(byte* s, int len, byte* bufferEnd)
        {
            if (len >= 1 && len <= 8 && s + 8 <= bufferEnd)
            {
                ulong a = *(ulong*)s;
                if (Math.Min(8, BitOperations.TrailingZeroCount(NonDigits(a)) >> 3) >= len) return (int)PaddedDigits(a, len);
            }
            int label = 0;
            for (int j = 0; j < len; j++)
            {
                uint d = (uint)(s[j] - '0');
                if (d > 9) throw new InvalidDataException("prototype: bad label");
                label = label * 10 + (int)d;
            }
            return label;
        }

        /// <summary>Fields ParseField left to the scalar parser: a running count over the stages, printed once non-zero.</summary>
        public static long Fallbacks;

        private static readonly ulong[] Pow10Long =
        {
            1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000,
            1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000,
        };

        // A field [s, s+len) known to end before a separator: [-]d{1..7}.d{1..16} in a few loads, no loop.
        internal static double ParseField(byte* s, int len, byte* bufferEnd, double* powers)
        {
            if (len > 0 && s + 32 <= bufferEnd)
            {
                int negative = *s == (byte)'-' ? 1 : 0;
                byte* d = s + negative;
                int dl = len - negative;
                ulong a = *(ulong*)d;
                ulong x = a ^ 0x2E2E2E2E2E2E2E2EUL; // '.' bytes become zero
                int dot = BitOperations.TrailingZeroCount((x - 0x0101010101010101UL) & ~x & 0x8080808080808080UL) >> 3;
                int fd = dl - dot - 1;
                if (dot >= 1 && dot < 8 && fd >= 1 && fd <= 16 && dot + fd <= 19
                    && BitOperations.TrailingZeroCount(NonDigits(a)) >> 3 == dot)
                {
                    byte* f = d + dot + 1;
                    ulong fa = *(ulong*)f;
                    int run = Math.Min(8, BitOperations.TrailingZeroCount(NonDigits(fa)) >> 3);
                    ulong frac = ulong.MaxValue;
                    if (fd <= 8)
                    {
                        if (run >= fd) frac = PaddedDigits(fa, fd);
                    }
                    else
                    {
                        ulong fb = *(ulong*)(f + 8);
                        int run2 = Math.Min(8, BitOperations.TrailingZeroCount(NonDigits(fb)) >> 3);
                        if (run == 8 && run2 >= fd - 8) frac = ParseEight(fa) * Pow10Long[fd - 8] + PaddedDigits(fb, fd - 8);
                    }
                    if (frac != ulong.MaxValue)
                    {
                        ulong mantissa = PaddedDigits(a, dot) * Pow10Long[fd] + frac;
                        if (mantissa <= (1UL << 53))
                        {
                            double value = mantissa / powers[fd];
                            return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) | ((long)negative << 63));
                        }
                    }
                }
            }
            Fallbacks++;
            byte* p = s;
            double v = ParseNumberSwar(ref p, s + len, powers);
            if (p != s + len) throw new InvalidDataException("prototype: not a plain number");
            return v;
        }

    }
}
