using System.Text;

namespace CrossEntropy.Data.Problems
{
    /// <summary>
    /// Untrusted text (a cell, a column or class name, a file name) made safe to print inside a message: line breaks and
    /// other control characters are shown escaped (\n, \r, \t, \u0085), so a value can never start a line of its own —
    /// and so never a GitHub Actions workflow command (a line beginning "::") or a forged console line.
    /// </summary>
    internal static class Printable
    {
        /// <summary><paramref name="text"/> with every control or line-separator character escaped; the same string when there is none.</summary>
        public static string Of(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text ?? "";
            int first = 0;
            while (first < text!.Length && !Unsafe(text[first])) first++;
            if (first == text.Length) return text;
            var sb = new StringBuilder(text.Length + 8).Append(text, 0, first);
            for (int i = first; i < text.Length; i++)
            {
                char ch = text[i];
                if (!Unsafe(ch)) sb.Append(ch);
                else if (ch == '\n') sb.Append("\\n");
                else if (ch == '\r') sb.Append("\\r");
                else if (ch == '\t') sb.Append("\\t");
                else sb.Append("\\u").Append(((int)ch).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        // C0 and C1 controls (ESC starts terminal sequences, NEL breaks lines) and the Unicode line and paragraph separators.
        private static bool Unsafe(char ch) => ch < ' ' || (ch >= '\u007f' && ch <= '\u009f') || ch == '\u2028' || ch == '\u2029';
    }
}
