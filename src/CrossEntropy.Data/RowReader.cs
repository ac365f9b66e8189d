using System;
using System.Collections.Generic;
using System.Globalization;
using CrossEntropy.Engine;

namespace CrossEntropy.Data
{
    /// <summary>
    /// Turns records into block rows through a <see cref="Schema"/>: numbers parsed culture-invariantly, labels
    /// given as class names or indices encoded to indices, group keys numbered. A record that cannot be read comes
    /// back as an <see cref="InputProblem"/> naming the row, column and value; it never half-fills the block.
    /// </summary>
    public sealed class RowReader
    {
        private readonly Schema _schema;
        private readonly int? _ignoreIndex;
        private readonly Dictionary<string, int> _groups = new Dictionary<string, int>(StringComparer.Ordinal);
        // Class names "0", "1", ... in order: a label's digits are its index, read without making a string.
        private readonly bool _namesAreIndices;
        private readonly bool _labelsAreOptional;

        /// <summary>Creates a reader.</summary>
        /// <param name="schema">The mapping.</param>
        /// <param name="ignoreIndex">Labels equal to it pass through to be ignored.</param>
        /// <param name="labelsAreOptional">
        /// The label is only shown, not computed with (softmax): a label that cannot be read becomes "no label" (-1)
        /// instead of rejecting a row whose scores are fine.
        /// </param>
        public RowReader(Schema schema, int? ignoreIndex = null, bool labelsAreOptional = false)
        {
            _schema = schema;
            _ignoreIndex = ignoreIndex;
            _labelsAreOptional = labelsAreOptional;
            _namesAreIndices = true;
            for (int c = 0; c < schema.Classes.Length; c++)
                _namesAreIndices &= schema.Classes[c] == c.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>Group names in the order first seen (index = RowBlock.Groups value).</summary>
        public List<string> GroupNames { get; } = new List<string>();

        /// <summary>Forgets the groups seen (a reused chunk run numbers its own groups from 0).</summary>
        public void ResetGroups()
        {
            _groups.Clear();
            GroupNames.Clear();
        }

        /// <summary>The index of group <paramref name="key"/>, numbering it if it is new.</summary>
        public int GroupIndexOf(string key)
        {
            if (_groups.TryGetValue(key, out int g)) return g;
            g = GroupNames.Count;
            _groups.Add(key, g);
            GroupNames.Add(key);
            return g;
        }

        /// <summary>A block shaped for this schema.</summary>
        public RowBlock CreateBlock(int capacity) => new RowBlock(capacity, _schema.ScoreCount,
            hasTargets: _schema.TargetColumns.Length > 0,
            hasSampleWeights: _schema.SampleWeightColumn >= 0,
            hasGroups: _schema.GroupColumn >= 0);

        /// <summary>Appends <paramref name="record"/> to <paramref name="block"/>, or returns why it cannot.</summary>
        public InputProblem? TryAdd(IRecord record, long rowNumber, RowBlock block)
        {
            if (block.IsFull) throw new InvalidOperationException("The block is full.");
            if (record.ShapeProblem != null) return Problem(rowNumber, null, null, record.ShapeProblem);
            int i = block.Count;
            int[] scores = _schema.ScoreColumns;
            int classes = scores.Length;
            for (int c = 0; c < classes; c++)
            {
                InputProblem? p = ReadNumber(record, scores[c], rowNumber, out block.Values[i * classes + c]);
                if (p != null) return p;
            }
            if (block.Targets != null)
            {
                int[] targets = _schema.TargetColumns;
                for (int c = 0; c < classes; c++)
                {
                    InputProblem? p = ReadNumber(record, targets[c], rowNumber, out block.Targets[i * classes + c]);
                    if (p != null) return p;
                }
            }
            block.Labels[i] = -1;
            if (_schema.LabelColumn >= 0 && _schema.Target != TargetKind.Soft && _schema.Target != TargetKind.MultiLabel)
            {
                InputProblem? p = ReadLabel(record, rowNumber, out block.Labels[i]);
                if (p != null && !_labelsAreOptional) return p;
                if (p != null) block.Labels[i] = -1;
            }
            if (block.SampleWeights != null)
            {
                int col = _schema.SampleWeightColumn;
                InputProblem? p = ReadNumber(record, col, rowNumber, out double w);
                if (p != null) return p;
                if (!(w >= 0) || double.IsInfinity(w))
                    return Problem(rowNumber, col, record.GetText(col), "a sample weight must be a finite number of 0 or more");
                block.SampleWeights[i] = w;
            }
            if (block.Groups != null)
            {
                int col = _schema.GroupColumn;
                block.Groups[i] = GroupIndexOf(record.HasField(col) ? record.GetText(col) : "");
            }
            block.RowNumbers[i] = rowNumber;
            block.Count = i + 1;
            return null;
        }

        private InputProblem? ReadNumber(IRecord record, int col, long row, out double value)
        {
            value = double.NaN;
            if (!record.HasField(col)) return Problem(row, col, null, "the cell is missing");
            switch (record.TryGetDouble(col, out value))
            {
                case NumberParse.Ok: return null;
                case NumberParse.Empty: return Problem(row, col, "", "the cell is empty");
                case NumberParse.OutOfRange: return Problem(row, col, record.GetText(col), "the number is outside the range of a double");
                default:
                    string text = record.GetText(col);
                    string hint = text.IndexOf(',') >= 0
                        ? " (numbers are read with '.' as the decimal point in every culture; a comma-decimal file needs -DecimalComma)"
                        : "";
                    return Problem(row, col, text, "not a number" + hint);
            }
        }

        private InputProblem? ReadLabel(IRecord record, long row, out int label)
        {
            label = -1;
            int col = _schema.LabelColumn;
            if (!record.HasField(col)) return Problem(row, col, null, "the label is missing");
            if (_namesAreIndices && TryParseDigits(record.GetSpan(col), out label) && label < _schema.Classes.Length) return null;
            string text = record.GetText(col).Trim();
            if (text.Length == 0) return Problem(row, col, "", "the label is empty");
            if (_schema.TryGetClassIndex(text, out label)) return null;
            if (TryParseIndex(text, out label))
            {
                int classes = _schema.Classes.Length;
                if ((label >= 0 && label < classes) || label == _ignoreIndex) return null;
                return Problem(row, col, text, $"the label is outside the class range 0..{classes - 1}");
            }
            if (_schema.Target == TargetKind.Binary && bool.TryParse(text, out bool b))
            {
                label = b ? 1 : 0;
                return null;
            }
            return Problem(row, col, text, $"not a known class (classes: {Shorten(_schema.Classes)}; or give a class index)");
        }

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
        internal static bool TryParseIndex(string text, out int index)
        {
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out index)) return true;
            if (NumberText.TryParse(text.AsSpan(), out double d) == NumberParse.Ok && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue)
            {
                index = (int)d;
                return true;
            }
            return false;
        }

        private static string Shorten(string[] classes) =>
            classes.Length <= 12 ? string.Join(", ", classes) : string.Join(", ", classes, 0, 12) + $", ... ({classes.Length} in all)";

        private InputProblem Problem(long row, int? col, string? value, string reason) =>
            new InputProblem(_schema.SourceName, row, col == null ? null : _schema.Columns[col.Value], value, reason);
    }
}
