#if NET
using System;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// The rows of one decoded Parquet row group as records: numbers as stored (no text), a null as an empty cell, a
    /// spread list field's elements as its cells. A row whose list is null or of another length gets a
    /// <see cref="ShapeProblem"/> naming the field.
    /// </summary>
    internal sealed class ParquetCells : IRecordCursor
    {
        private readonly ParquetFile _file;
        private readonly ParquetColumn?[] _columns;
        private readonly int _rows;
        // Per expanded ordinal: its field, and its element in a spread list (-1: a scalar field).
        private readonly int[] _field, _element;
        private int _row = -1;

        public ParquetCells(ParquetFile file, ParquetColumn?[] columns, int rows)
        {
            _file = file;
            _columns = columns;
            _rows = rows;
            int n = file.Columns.Count;
            _field = new int[n];
            _element = new int[n];
            for (int c = 0; c < columns.Length; c++)
            {
                int width = file.Lists.Width(c), at = file.Lists.Ordinal(c);
                for (int k = 0; k < Math.Max(1, width); k++)
                {
                    _field[at + k] = c;
                    _element[at + k] = width == 0 ? -1 : k;
                }
            }
        }

        /// <inheritdoc/>
        public string? ShapeProblem { get; private set; }

        /// <inheritdoc/>
        public bool Read()
        {
            if (++_row >= _rows) return false;
            ShapeProblem = null;
            for (int c = 0; c < _columns.Length && ShapeProblem == null; c++)
            {
                int width = _file.Lists.Width(c);
                if (width == 0) continue;
                int[]? lengths = _columns[c]?.Lengths;
                if (lengths == null) ShapeProblem = $"column '{_file.Fields[c].Name}' is not a list";
                else if (lengths[_row] < 0) ShapeProblem = $"column '{_file.Fields[c].Name}' holds no list (null); it needs {width} numbers";
                else if (lengths[_row] != width) ShapeProblem = _file.Lists.LengthProblem(c, lengths[_row]);
            }
            return true;
        }

        /// <inheritdoc/>
        public bool HasField(int ordinal) => true;

        /// <inheritdoc/>
        public NumberParse TryGetDouble(int ordinal, out double value)
        {
            ParquetColumn? column = _columns[_field[ordinal]];
            value = double.NaN;
            if (column == null) return NumberParse.NotANumber;
            if (column.Texts != null)
            {
                string? text = column.Texts[_row];
                return text == null ? NumberParse.Empty : NumberText.TryParse(text.AsSpan(), out value);
            }
            int k = _element[ordinal];
            if (column.Starts != null && k < 0) return NumberParse.NotANumber; // a list not spread: not one number
            int i = k < 0 ? _row : column.Starts![_row] + k;
            if (column.Nulls != null && column.Nulls[i]) return NumberParse.Empty;
            value = column.Numbers![i];
            return NumberParse.Ok;
        }

        /// <inheritdoc/>
        public string GetText(int ordinal)
        {
            int f = _field[ordinal];
            ParquetColumn? column = _columns[f];
            if (column == null) return _file.Fields[f].TypeName;
            if (column.Texts != null) return column.Texts[_row] ?? "";
            if (column.Starts != null && _element[ordinal] < 0) return _file.Fields[f].TypeName;
            if (TryGetDouble(ordinal, out double x) != NumberParse.Ok) return "";
            return _file.Fields[f].IsInteger ? ((long)x).ToString(System.Globalization.CultureInfo.InvariantCulture) : NumberText.Format(x);
        }

        /// <inheritdoc/>
        public ReadOnlySpan<char> GetSpan(int ordinal) => GetText(ordinal).AsSpan();

        /// <summary>The current row copied into a record that outlives the row group.</summary>
        public ObjectRecord Snapshot()
        {
            var copy = new ObjectRecord(_file.Path, _file.Columns);
            for (int o = 0; o < _field.Length; o++)
                copy.Set(o, TryGetDouble(o, out double v) == NumberParse.Ok ? v : (object)GetText(o));
            copy.ShapeProblem = ShapeProblem;
            return copy;
        }

        /// <inheritdoc/>
        public void Dispose() { }
    }
}
#endif
