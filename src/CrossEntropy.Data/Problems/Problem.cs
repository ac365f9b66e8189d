using System;
using System.Text;

namespace CrossEntropy.Data.Problems
{
    /// <summary>
    /// One problem with the input, wherever it is found (reading a row, computing it, validating it, opening a source):
    /// its kind and where it is (source, row, column, value). The message names all of them so that a person can go
    /// straight to the cell. Immutable.
    /// </summary>
    internal sealed class Problem
    {
        /// <summary>Creates a problem; <paramref name="row"/> 0 means the source as a whole.</summary>
        public Problem(ProblemKind kind, string source, long row, string? column, string? value, string reason, object? tag = null)
        {
            Kind = kind;
            Source = source;
            Row = row;
            Column = column;
            Value = value;
            Reason = reason;
            Tag = tag;
        }

        /// <summary>What kind of problem it is.</summary>
        public ProblemKind Kind { get; }
        /// <summary>File path, "pipeline input", "DataFrame" or "arguments".</summary>
        public string Source { get; }
        /// <summary>1-based data row number (the header is not counted); 0 for a problem of the source as a whole.</summary>
        public long Row { get; }
        /// <summary>Column name, or null when the row (or source) as a whole is at fault.</summary>
        public string? Column { get; }
        /// <summary>The offending cell text, if any.</summary>
        public string? Value { get; }
        /// <summary>What is wrong, as a sentence fragment.</summary>
        public string Reason { get; }
        /// <summary>The caller's handle on the row (the pipeline object), if it gave one.</summary>
        public object? Tag { get; }
        /// <summary>The piece of a binary file the row is in ("row group 2", "record batch 0"), or null.</summary>
        public string? Part { get; private init; }

        /// <summary>The same problem <paramref name="offset"/> rows further on (a chunk's rows placed in its file).</summary>
        public Problem WithRowOffset(long offset) =>
            offset == 0 ? this : new Problem(Kind, Source, Row + offset, Column, Value, Reason, Tag) { Part = Part };

        /// <summary>The same problem placed in <paramref name="part"/> of its file (a Parquet row group, an Arrow record batch).</summary>
        public Problem InPart(string? part) =>
            part == null || Row <= 0 ? this : new Problem(Kind, Source, Row, Column, Value, Reason, Tag) { Part = part };

        /// <summary>The same problem with the row's handle.</summary>
        public Problem WithTag(object? tag) => tag == null ? this : new Problem(Kind, Source, Row, Column, Value, Reason, tag) { Part = Part };

        /// <summary>The same problem counted as another kind.</summary>
        public Problem As(ProblemKind kind) => kind == Kind ? this : new Problem(kind, Source, Row, Column, Value, Reason, Tag) { Part = Part };

        /// <summary>
        /// "file.csv, row 12, column 'logit_3', value 'abc': not a number." ("x.parquet, row 70 (row group 1), ..." in a
        /// binary file's piece; "file.csv: reason." for a source).
        /// </summary>
        public override string ToString()
        {
            // Cell values, column names and file names are untrusted: shown escaped, they never start a line (Printable).
            if (Row <= 0)
            {
                string text = Reason.StartsWith(Source, StringComparison.Ordinal) ? Printable.Of(Reason) : Printable.Of(Source) + ": " + Printable.Of(Reason);
                return text.EndsWith(".", StringComparison.Ordinal) ? text : text + ".";
            }
            var sb = new StringBuilder();
            sb.Append(Printable.Of(Source)).Append(", row ").Append(Row);
            if (Part != null) sb.Append(" (").Append(Part).Append(')');
            if (Column != null) sb.Append(", column '").Append(Printable.Of(Column)).Append('\'');
            if (Value != null) sb.Append(", value '").Append(Shorten(Printable.Of(Value))).Append('\'');
            sb.Append(": ").Append(Printable.Of(Reason));
            if (!Reason.EndsWith(".", StringComparison.Ordinal)) sb.Append('.');
            return sb.ToString();
        }

        private static string Shorten(string v) => v.Length <= 80 ? v : v.Substring(0, 77) + "...";
    }
}
