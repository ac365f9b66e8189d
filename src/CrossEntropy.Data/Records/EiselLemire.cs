#if NET8_0_OR_GREATER
using System;
using System.Numerics;

namespace CrossEntropy.Data.Records
{
    /// <summary>
    /// The Eisel-Lemire algorithm (Lemire, "Number Parsing at a Gigabyte per Second", 2021; as fast_float does it): the
    /// correctly rounded double nearest w·10^q for a decimal significand w of at most 19 digits and any power q, from one
    /// or two 64×128-bit products with a table of truncated powers of five. It takes the numbers Clinger's fast path
    /// cannot — 17-digit round-trip floats (Python's repr, pandas), numpy's "%.18e", powers of ten past 22 — which
    /// otherwise went to double.Parse at several times the cost. Subnormal results, overflow and the rare product too
    /// close to call return false: the caller hands those to the full parser, so the double is always the one it gives.
    /// </summary>
    internal static partial class EiselLemire
    {
        // The powers of five in the table (EiselLemire.Table.cs, written by tools/powers-of-five.py).
        internal const int SmallestPower = -342, LargestPower = 308;

        /// <summary>The double nearest <paramref name="w"/>·10^<paramref name="q"/> (w &gt; 0), when it is a normal finite number and the products decide it.</summary>
        public static bool TryCompute(ulong w, int q, out double magnitude)
        {
            magnitude = 0;
            if (w == 0 || q < SmallestPower || q > LargestPower) return false;
            int leadingZeros = BitOperations.LeadingZeroCount(w);
            w <<= leadingZeros;
            int index = 2 * (q - SmallestPower);
            ulong high = Math.BigMul(w, PowersOfFive[index], out ulong low);
            // 55 bits are needed (52 stored, the implicit one, a rounding bit and one the product may add); when all the
            // bits below them are ones, a carry from the next 64 bits of 5^q could still reach them.
            const ulong belowPrecision = ulong.MaxValue >> 55;
            if ((high & belowPrecision) == belowPrecision)
            {
                ulong next = Math.BigMul(w, PowersOfFive[index + 1], out _);
                low += next;
                if (next > low) high++;
            }
            // The original algorithm's safety net (later shown unnecessary for 19 digits): too close to call, ask the full parser.
            if (low == ulong.MaxValue && (q < -27 || q > 55)) return false;
            int upperBit = (int)(high >> 63);
            int shift = upperBit + 64 - 52 - 3;
            ulong mantissa = high >> shift;
            int power2 = (((152170 + 65536) * q) >> 16) + 63 + upperBit - leadingZeros + 1023;
            if (power2 <= 0) return false; // subnormal
            // Exactly halfway between two doubles (possible only where 5^q fits in 64 bits): round to even.
            if (low <= 1 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && (mantissa << shift) == high) mantissa &= ~1UL;
            mantissa += mantissa & 1;
            mantissa >>= 1;
            if (mantissa >= 2UL << 52)
            {
                mantissa = 1UL << 52;
                power2++;
            }
            mantissa &= ~(1UL << 52);
            if (power2 >= 0x7FF) return false; // overflow
            magnitude = BitConverter.Int64BitsToDouble((long)(mantissa | ((ulong)power2 << 52)));
            return true;
        }

        /// <summary>Table entry for tests: (high, low) of 5^q.</summary>
        internal static (ulong High, ulong Low) PowerOfFive(int q) => (PowersOfFive[2 * (q - SmallestPower)], PowersOfFive[2 * (q - SmallestPower) + 1]);
    }
}
#endif
