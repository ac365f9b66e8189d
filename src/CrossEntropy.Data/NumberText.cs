using System;
using System.Globalization;

namespace CrossEntropy.Data
{
    /// <summary>Outcome of reading a cell as a number.</summary>
    public enum NumberParse
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
    public static class NumberText
    {
        private const NumberStyles Style = NumberStyles.Float;

        /// <summary>Parses <paramref name="text"/> with '.' as the decimal point (or ',' when <paramref name="decimalComma"/>).</summary>
        public static NumberParse TryParse(ReadOnlySpan<char> text, out double value, bool decimalComma = false)
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
