using System;
using System.Globalization;

namespace CrossEntropy.Data.Records
{
    /// <summary>Outcome of reading a cell as a number.</summary>
    internal enum NumberParse
    {
        /// <summary>A number (possibly NaN or ±Infinity written as such).</summary>
        Ok,
        /// <summary>The cell is empty.</summary>
        Empty,
        /// <summary>The text is not a number.</summary>
        NotANumber,
        /// <summary>A finite literal beyond double's range, such as 1e309.</summary>
        OutOfRange,
    }

    /// <summary>
    /// Culture-invariant number parsing: "1.5" is 1.5 in every culture and "1,5" is never a number, so a de-DE
    /// session reads a file exactly as an en-US one does. Accepts the spellings Python, R and .NET write for
    /// infinities and NaN (inf, -inf, Infinity, nan, NaN) and rejects finite literals that overflow (1e309)
    /// instead of turning them silently into Infinity.
    /// </summary>
    internal static partial class NumberText
    {
        private const NumberStyles Style = NumberStyles.Float;

        /// <summary>Parses <paramref name="text"/> with '.' as the decimal point (or ',' when <paramref name="decimalComma"/>).</summary>
        public static NumberParse TryParse(ReadOnlySpan<char> text, out double value, bool decimalComma = false)
        {
            if (!decimalComma)
            {
#if NET8_0_OR_GREATER
                if (TryParseShortDecimal(text, out value)) return NumberParse.Ok;
#endif
                if (TryParseFast(text, out value)) return NumberParse.Ok;
            }
            return TryParseRest(text, out value, decimalComma);
        }

        // Everything the fast path leaves: spaces, comma decimals, long or exotic numbers, words, errors. Kept apart so
        // that TryParse stays small (its stackalloc would keep it from tiered compilation).
        private static NumberParse TryParseRest(ReadOnlySpan<char> text, out double value, bool decimalComma)
        {
            text = text.Trim();
            value = double.NaN;
            if (text.IsEmpty) return NumberParse.Empty;
            if (decimalComma)
            {
                if (text.IndexOf('.') >= 0) return NumberParse.NotANumber; // '.' would be a thousands mark: refuse to guess
                Span<char> copy = text.Length <= 128 ? stackalloc char[text.Length] : new char[text.Length];
                text.CopyTo(copy);
                for (int i = 0; i < copy.Length; i++)
                    if (copy[i] == ',') copy[i] = '.';
                return TryParse(copy, out value, decimalComma: false);
            }
            if (TryParseCore(text, out value))
            {
                if (!double.IsInfinity(value) || IsInfinityWord(text)) return NumberParse.Ok;
                value = double.NaN;
                return NumberParse.OutOfRange;
            }
            if (IsInfinityWord(text))
            {
                value = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
                return NumberParse.Ok;
            }
            if (IsNaNWord(text))
            {
                value = double.NaN;
                return NumberParse.Ok;
            }
            return LooksLikeOverflow(text) ? NumberParse.OutOfRange : NumberParse.NotANumber;
        }

        /// <summary>Formats a double so that it round-trips and reads the same in every culture.</summary>
        public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        // Powers of ten that are exact in a double (10^22 is the largest); the UTF-8 parser (Utf8Number) uses them too.
        internal static readonly double[] ExactPowers =
        {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
            1e20, 1e21, 1e22,
        };

        /// <summary>
        /// Clinger's fast path: a plain decimal ([sign]digits[.digits][e[sign]digits]) whose significand fits in 53 bits
        /// and whose power of ten is exact is m·10^e or m/10^-e with a single, correctly rounded operation — the same
        /// double the full parser gives, several times faster. Other significands of up to 19 digits (leading zeros
        /// not counted) and other powers go to EiselLemire (on .NET 8+), also correctly rounded. Anything else
        /// (spaces, more digits, inf, NaN, a comma, a subnormal or overflowing result) returns false for the full
        /// parser. Pointer loops: this runs once per number of a file.
        /// </summary>
        private static unsafe bool TryParseFast(ReadOnlySpan<char> t, out double value)
        {
            value = 0;
            int n = t.Length;
            if (n == 0 || n > 64) return false;
            fixed (char* first = t)
            {
                char* p = first, end = first + n;
                bool negative = *p == '-';
                if (negative || *p == '+') p++;
                ulong mantissa = 0;
                char* digitsStart = p;
                while (p < end && *p == '0') p++; // leading zeros are no significant digits
                char* significantStart = p;
                uint d;
                while (p < end && (d = (uint)(*p - '0')) <= 9)
                {
                    mantissa = mantissa * 10 + d;
                    p++;
                }
                long significant = p - significantStart;
                bool anyDigit = p > digitsStart;
                int scale = 0;
                if (p < end && *p == '.')
                {
                    char* fraction = ++p;
                    if (significant == 0)
                        while (p < end && *p == '0') p++; // 0.000123: these zeros only scale
                    char* fractionSignificant = p;
                    while (p < end && (d = (uint)(*p - '0')) <= 9)
                    {
                        mantissa = mantissa * 10 + d;
                        p++;
                    }
                    scale = -(int)(p - fraction);
                    significant += p - fractionSignificant;
                    anyDigit |= p > fraction;
                }
                // No digit at all, or so many that the mantissa may have wrapped: the full parser decides.
                if (!anyDigit || significant > 19) return false;
                if (p < end && (*p == 'e' || *p == 'E'))
                {
                    p++;
                    bool negativeExponent = p < end && *p == '-';
                    if (p < end && (*p == '-' || *p == '+')) p++;
                    char* exponentStart = p;
                    int exponent = 0;
                    while (p < end && (d = (uint)(*p - '0')) <= 9 && exponent < 10000)
                    {
                        exponent = exponent * 10 + (int)d;
                        p++;
                    }
                    if (p == exponentStart) return false;
                    scale += negativeExponent ? -exponent : exponent;
                }
                if (p != end) return false;
                if (mantissa == 0)
                {
                    value = negative ? -0.0 : 0.0;
                    return true;
                }
                if (mantissa <= (1UL << 53) && scale >= -22 && scale <= 22)
                {
                    double m = mantissa;
                    value = scale < 0 ? m / ExactPowers[-scale] : m * ExactPowers[scale];
                }
#if NET8_0_OR_GREATER
                else if (!EiselLemire.TryCompute(mantissa, scale, out value)) return false;
#else
                else return false;
#endif
                if (negative) value = -value;
                return true;
            }
        }

        private static bool TryParseCore(ReadOnlySpan<char> text, out double value)
        {
#if NET8_0_OR_GREATER
            return double.TryParse(text, Style, CultureInfo.InvariantCulture, out value);
#else
            return double.TryParse(text.ToString(), Style, CultureInfo.InvariantCulture, out value);
#endif
        }

        private static bool IsInfinityWord(ReadOnlySpan<char> t)
        {
            if (t.Length > 0 && (t[0] == '+' || t[0] == '-')) t = t.Slice(1);
            return t.Equals("inf".AsSpan(), StringComparison.OrdinalIgnoreCase)
                || t.Equals("infinity".AsSpan(), StringComparison.OrdinalIgnoreCase)
                || t.Equals("∞".AsSpan(), StringComparison.Ordinal);
        }

        private static bool IsNaNWord(ReadOnlySpan<char> t)
        {
            if (t.Length > 0 && (t[0] == '+' || t[0] == '-')) t = t.Slice(1);
            return t.Equals("nan".AsSpan(), StringComparison.OrdinalIgnoreCase);
        }

        // .NET Framework's parser fails on 1e309 where .NET Core returns Infinity; both mean "out of range".
        private static bool LooksLikeOverflow(ReadOnlySpan<char> t)
        {
            int e = t.IndexOfAny('e', 'E');
            if (e <= 0) return false;
            return double.TryParse(t.Slice(0, e).ToString(), Style, CultureInfo.InvariantCulture, out _)
                && int.TryParse(t.Slice(e + 1).ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int exp)
                && exp > 300;
        }
    }
}
