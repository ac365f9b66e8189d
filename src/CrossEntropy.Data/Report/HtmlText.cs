using System;
using System.Globalization;
using System.Text;

namespace CrossEntropy.Data.Report
{
    /// <summary>Text made safe for HTML element content and attribute values, and numbers for people and for SVG coordinates.</summary>
    internal static class HtmlText
    {
        private static readonly char[] DecimalMarks = { '.', 'e', 'E' };

        /// <summary>Escapes &amp; &lt; &gt; " and ' so that no value from the data can open a tag or end an attribute.</summary>
        public static string Escape(string? text)
        {
            if (string.IsNullOrEmpty(text)) return "";
            var sb = new StringBuilder(text!.Length + 16);
            foreach (char ch in text)
            {
                switch (ch)
                {
                    case '&': sb.Append("&amp;"); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '"': sb.Append("&quot;"); break;
                    case '\'': sb.Append("&#39;"); break;
                    default: sb.Append(ch); break;
                }
            }
            return sb.ToString();
        }

        /// <summary>A coordinate: invariant, two decimals.</summary>
        public static string Coord(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

        /// <summary>
        /// A figure for people: 4 significant digits, invariant, trailing zeros dropped; no exponent from 1e-4 to 1e15
        /// (so 12345.6 shows as 12346, not 1.235E+04); "–" for NaN.
        /// </summary>
        public static string Number(double v)
        {
            if (double.IsNaN(v)) return "–";
            if (double.IsInfinity(v)) return v > 0 ? "∞" : "−∞";
            if (v == 0) return "0";
            double a = Math.Abs(v);
            if (a < 1e-4 || a >= 1e15) return v.ToString("0.###E+0", CultureInfo.InvariantCulture);
            int decimals = Math.Max(0, 3 - (int)Math.Floor(Math.Log10(a)));
            string s = Math.Round(v, Math.Min(decimals, 15), MidpointRounding.AwayFromZero).ToString("F" + decimals, CultureInfo.InvariantCulture);
            return s.Contains(".") ? s.TrimEnd('0').TrimEnd('.') : s;
        }

        /// <summary>A figure in full (round-trip digits), for tooltips and for the report model; "–" for NaN.</summary>
        public static string Full(double v) => double.IsNaN(v) ? "–" : v.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>
        /// The text to show for a cell and, when that is shorter than the cell, the cell in full: a decimal number
        /// with more than 4 significant digits shows as <see cref="Number"/>; integers and other text show as given.
        /// </summary>
        public static (string Shown, string? Full) Trim(string? text)
        {
            if (string.IsNullOrEmpty(text)) return ("", null);
            string t = text!.Trim();
            bool decimalish = t.IndexOfAny(DecimalMarks) >= 0 && t.Length > 0 && (char.IsDigit(t[0]) || t[0] == '-' || t[0] == '+' || t[0] == '.');
            if (!decimalish || !double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || double.IsInfinity(v))
                return (text, null);
            string shown = Number(v);
            return shown == text ? (text, null) : (shown, text);
        }

        /// <summary>
        /// Round axis ticks: a step of 1, 2 or 5 × 10^k giving about <paramref name="target"/> intervals up to
        /// <paramref name="max"/>, and the axis top (the first tick at or above max).
        /// </summary>
        public static (double Step, double Top) Ticks(double max, int target = 5, bool integer = false)
        {
            if (!(max > 0) || double.IsInfinity(max)) return (integer ? 1 : 0.2, integer ? 1 : 1);
            double raw = max / target;
            double mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            double f = raw / mag;
            double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
            if (integer && step < 1) step = 1;
            double top = Math.Ceiling(max / step - 1e-9) * step;
            return (step, top);
        }
    }
}
