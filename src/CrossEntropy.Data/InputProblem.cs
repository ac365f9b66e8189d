using System;
using System.Text;

namespace CrossEntropy.Data
{
    /// <summary>
    /// One rejected row: where it is (source, row, column) and what is wrong. The message names all of them so a
    /// person can go straight to the cell.
    /// </summary>
    public sealed class InputProblem
    {
        /// <summary>Creates a problem report.</summary>
        public InputProblem(string source, long row, string? column, string? value, string reason)
        {
            Source = source;
            Row = row;
            Column = column;
            Value = value;
            Reason = reason;
        }

        /// <summary>File path or "pipeline input".</summary>
        public string Source { get; }
        /// <summary>1-based data row number (the header is not counted).</summary>
        public long Row { get; }
        /// <summary>Column name, or null when the row as a whole is at fault.</summary>
        public string? Column { get; }
        /// <summary>The offending cell text, if any.</summary>
        public string? Value { get; }
        /// <summary>What is wrong, as a sentence fragment.</summary>
        public string Reason { get; }
        /// <summary>The caller's handle on the row (the pipeline object), if it gave one.</summary>
        public object? Tag { get; set; }

        /// <summary>The same problem <paramref name="offset"/> rows further on (a chunk's rows placed in its file).</summary>
        public InputProblem WithRowOffset(long offset) =>
            offset == 0 ? this : new InputProblem(Source, Row + offset, Column, Value, Reason) { Tag = Tag };

        /// <summary>"file.csv, row 12, column 'logit_3', value 'abc': not a number."</summary>
        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append(Source).Append(", row ").Append(Row);
            if (Column != null) sb.Append(", column '").Append(Column).Append('\'');
            if (Value != null) sb.Append(", value '").Append(Shorten(Value)).Append('\'');
            sb.Append(": ").Append(Reason);
            if (!Reason.EndsWith(".", StringComparison.Ordinal)) sb.Append('.');
            return sb.ToString();
        }

        private static string Shorten(string v) => v.Length <= 80 ? v : v.Substring(0, 77) + "...";
    }

    /// <summary>The input as a whole cannot be read (no header, no score columns, a missing label column...).</summary>
    public sealed class InputException : Exception
    {
        /// <summary>Creates the exception for <paramref name="source"/>.</summary>
        public InputException(string source, string message) : base(source + ": " + message) => InputSource = source;

        /// <summary>File path or "pipeline input".</summary>
        public string InputSource { get; }
    }
}
