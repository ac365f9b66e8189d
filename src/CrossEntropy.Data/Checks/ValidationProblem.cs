using System;

namespace CrossEntropy.Data
{
    /// <summary>What is wrong with a predictions file, as Test-Prediction counts it. The order is the report's.</summary>
    public enum ProblemKind
    {
        /// <summary>A source that cannot be read: no such file, a directory, an unreadable or malformed file, no input at all.</summary>
        Source,
        /// <summary>The header cannot be mapped: no score or label column, a duplicated column, a named column missing.</summary>
        Header,
        /// <summary>A file's classes (or input kind) differ from the first file's.</summary>
        ClassMismatch,
        /// <summary>A file with a header but no data rows.</summary>
        NoRows,
        /// <summary>A file whose row count is not the one expected.</summary>
        RowCount,
        /// <summary>A row with more or fewer cells than the header.</summary>
        RaggedRow,
        /// <summary>An empty or missing cell in a column that is read.</summary>
        MissingValue,
        /// <summary>A cell that is not a number (read culture-invariantly).</summary>
        NotANumber,
        /// <summary>A NaN value.</summary>
        NaN,
        /// <summary>An infinite score, target or weight.</summary>
        Infinite,
        /// <summary>A probability or target outside [0, 1], a negative weight, a number beyond double's range.</summary>
        OutOfRange,
        /// <summary>A probability row (or soft-target row) that does not sum to 1 within the tolerance.</summary>
        SumNotOne,
        /// <summary>A label that is neither a class name nor a class index.</summary>
        UnknownLabel,
        /// <summary>A class index outside 0..C-1 (a binary label other than 0 or 1).</summary>
        LabelOutOfRange,
        /// <summary>An id seen on an earlier row of the same file.</summary>
        DuplicateId,
        /// <summary>A row the loss rejected (Assert-CrossEntropy's problems; Test-Prediction names the exact kind instead).</summary>
        Rejected,
    }

    /// <summary>One problem found by <see cref="PredictionValidation"/>: its kind and where it is.</summary>
    public sealed class ValidationProblem
    {
        /// <summary>Creates a problem; <paramref name="row"/> 0 means the source as a whole.</summary>
        public ValidationProblem(ProblemKind kind, string source, long row, string? column, string? value, string reason)
        {
            Kind = kind;
            Source = source;
            Row = row;
            Column = column;
            Value = value;
            Reason = reason;
        }

        /// <summary>What kind of problem it is.</summary>
        public ProblemKind Kind { get; }
        /// <summary>File path or "pipeline input".</summary>
        public string Source { get; }
        /// <summary>1-based data row number (the header is not counted); 0 for a problem of the source as a whole.</summary>
        public long Row { get; }
        /// <summary>Column name, or null.</summary>
        public string? Column { get; }
        /// <summary>The offending cell text, or null.</summary>
        public string? Value { get; }
        /// <summary>What is wrong, as a sentence fragment.</summary>
        public string Reason { get; }

        /// <summary>"file.csv, row 12, column 'p_a', value 'NaN': the value is NaN." (as rejected rows read everywhere).</summary>
        public override string ToString()
        {
            if (Row > 0) return new InputProblem(Source, Row, Column, Value, Reason).ToString();
            string text = Reason.StartsWith(Source, StringComparison.Ordinal) ? Reason : Source + ": " + Reason;
            return text.EndsWith(".", StringComparison.Ordinal) ? text : text + ".";
        }
    }
}
