using System;
using System.Collections;
using System.Text;

namespace CrossEntropy
{
    /// <summary>
    /// Text for the format views (module/CrossEntropy.format.ps1xml): multi-line list values wrapped at word
    /// boundaries, so that a list view stays readable at 80 columns instead of the console breaking words.
    /// </summary>
    public static class ViewText
    {
        /// <summary>
        /// The width of a list value: 80 columns less the widest label of a view (ExpectedCalibrationError) and " : ".
        /// </summary>
        public const int ListValueWidth = 52;

        /// <summary>
        /// The items (lines), each wrapped at spaces to <paramref name="width"/> characters, continuation lines indented
        /// by two spaces; a word longer than the width is left whole (the console breaks it). Lines end with "\n".
        /// </summary>
        public static string Lines(IEnumerable? items, int width = ListValueWidth)
        {
            var text = new StringBuilder();
            if (items == null) return "";
            foreach (object? item in items)
            {
                string line = Convert.ToString(item, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                if (text.Length > 0) text.Append('\n');
                Wrap(line, Math.Max(width, 8), text);
            }
            return text.ToString();
        }

        private static void Wrap(string line, int width, StringBuilder text)
        {
            int start = 0, column = 0;
            string indent = "";
            while (line.Length - start > width - column)
            {
                int room = width - indent.Length;
                int cut = line.LastIndexOf(' ', start + room, room);
                if (cut <= start) cut = line.IndexOf(' ', start + room);
                if (cut < 0) break;
                text.Append(indent).Append(line, start, cut - start).Append('\n');
                start = cut + 1;
                indent = "  ";
                column = indent.Length;
            }
            text.Append(indent).Append(line, start, line.Length - start);
        }
    }
}
