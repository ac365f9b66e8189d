using System.Globalization;
using System.Text;

namespace CrossEntropy.Data.Report
{
    /// <summary>Text made safe for HTML element content and attribute values, and numbers for SVG coordinates.</summary>
    internal static class HtmlText
    {
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

        /// <summary>A figure for people: 4 significant digits, invariant; "–" for NaN.</summary>
        public static string Number(double v) => double.IsNaN(v) ? "–" : v.ToString("G4", CultureInfo.InvariantCulture);
    }
}
