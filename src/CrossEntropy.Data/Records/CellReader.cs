using System;
using System.Globalization;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;

namespace CrossEntropy.Data.Records
{
    /// <summary>A cell that could not be read: its kind, its text and why; <see cref="None"/> when it was read.</summary>
    internal readonly struct CellIssue
    {
        /// <summary>Creates an issue.</summary>
        public CellIssue(ProblemKind kind, string? value, string reason)
        {
            Kind = kind;
            Value = value;
            Reason = reason;
        }

        /// <summary>No issue.</summary>
        public static CellIssue None => default;

        /// <summary>What kind of problem it is.</summary>
        public ProblemKind Kind { get; }
        /// <summary>The cell's text (null for a missing cell).</summary>
        public string? Value { get; }
        /// <summary>Why; null when the cell was read.</summary>
        public string? Reason { get; }
        /// <summary>True when the cell was read.</summary>
        public bool IsNone => Reason == null;
    }

    /// <summary>
    /// Reads the cells of records through a <see cref="Schema"/>: numbers culture-invariantly, labels as class names
    /// or indices, with one wording for every problem. The loss path (which rejects a row at its first bad cell) and
    /// validation (which reports every bad cell) both read through it, so a cell reads the same everywhere.
    /// </summary>
    internal sealed class CellReader
    {
        private const string CommaHint =
            " (numbers are read with '.' as the decimal point in every culture; a comma-decimal file needs -DecimalComma)";

        private readonly Schema _schema;
        private readonly int? _ignoreIndex;
        // Class names "0", "1", ... in order: a label's digits are its index, read without making a string.
        private readonly bool _namesAreIndices;

        /// <summary>A reader for <paramref name="schema"/>; labels equal to <paramref name="ignoreIndex"/> are accepted.</summary>
        public CellReader(Schema schema, int? ignoreIndex)
        {
            _schema = schema;
            _ignoreIndex = ignoreIndex;
            _namesAreIndices = true;
            for (int c = 0; c < schema.Classes.Length && _namesAreIndices; c++)
                _namesAreIndices = schema.Classes[c] == c.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>The ignore index labels are compared with.</summary>
        public int? IgnoreIndex => _ignoreIndex;

        /// <summary>Reads a number; NaN and ±Infinity written as such are numbers (what they mean is the caller's rule).</summary>
        public static CellIssue Number(IRecord record, int col, out double value)
        {
            value = double.NaN;
            if (!record.HasField(col)) return new CellIssue(ProblemKind.MissingValue, null, "the cell is missing");
            switch (record.TryGetDouble(col, out value))
            {
                case NumberParse.Ok: return CellIssue.None;
                case NumberParse.Empty: return new CellIssue(ProblemKind.MissingValue, "", "the cell is empty");
                case NumberParse.OutOfRange:
                    return new CellIssue(ProblemKind.OutOfRange, record.GetText(col), "the number is outside the range of a double");
                default:
                    string text = record.GetText(col);
                    return new CellIssue(ProblemKind.NotANumber, text, NotANumber(text));
            }
        }

        /// <summary>Why <paramref name="text"/> is not a number, in the one wording cells and option values share.</summary>
        public static string NotANumber(string text) => "not a number" + (text.Contains(",") ? CommaHint : "");

        /// <summary>
        /// Reads the label: a class name, a class index, the ignore index, or (binary) true/false. With
        /// <paramref name="binaryLabelsOnly"/> a binary label must be 0 or 1 (validation); otherwise an out-of-range
        /// binary label is left for the loss to reject.
        /// </summary>
        public CellIssue Label(IRecord record, bool binaryLabelsOnly, out int label)
        {
            label = -1;
            int col = _schema.LabelColumn;
            if (!record.HasField(col)) return new CellIssue(ProblemKind.MissingValue, null, "the label is missing");
            if (_namesAreIndices && TryParseDigits(record.GetSpan(col), out label) && label < _schema.Classes.Length) return CellIssue.None;
            string text = record.GetText(col).Trim();
            if (text.Length == 0) return new CellIssue(ProblemKind.MissingValue, "", "the label is empty");
            if (_schema.TryGetClassIndex(text, out label)) return CellIssue.None;
            int classes = _schema.Classes.Length;
            bool binary = _schema.Target == TargetKind.Binary;
            if (TryParseIndex(text, out label))
            {
                if (label >= 0 && label < classes) return CellIssue.None;
                bool strict = binary && binaryLabelsOnly;
                if (label == _ignoreIndex && !strict) return CellIssue.None;
                return new CellIssue(ProblemKind.LabelOutOfRange, text,
                    strict ? "a binary label must be 0 or 1" : $"the label is outside the class range 0..{classes - 1}");
            }
            if (binary && bool.TryParse(text, out bool b))
            {
                label = b ? 1 : 0;
                return CellIssue.None;
            }
            return new CellIssue(ProblemKind.UnknownLabel, text, $"not a known class (classes: {_schema.ClassList()}; or give a class index)");
        }

        /// <summary>True when <paramref name="label"/> is the ignore index of a multi-class label (binary labels are never ignored).</summary>
        public bool IsIgnored(int label) => label == _ignoreIndex && _schema.Target != TargetKind.Binary;

        // A short run of ASCII digits (the common label), without allocating.
        private static bool TryParseDigits(ReadOnlySpan<char> s, out int value)
        {
            value = 0;
            if (s.Length == 0 || s.Length > 9) return false;
            foreach (char ch in s)
            {
                uint d = (uint)(ch - '0');
                if (d > 9) return false;
                value = value * 10 + (int)d;
            }
            return true;
        }

        // "2" and "2.0" (pandas writes integer labels as floats when a column has gaps) are both index 2.
        private static bool TryParseIndex(string text, out int index)
        {
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out index)) return true;
            if (NumberText.TryParse(text.AsSpan(), out double d) == NumberParse.Ok && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue)
            {
                index = (int)d;
                return true;
            }
            return false;
        }
    }
}
