#if NET
using System;
using System.Linq;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// The rows of one decoded Parquet row group as records: numbers as stored (no text), a null as an empty cell, a
    /// spread list field's elements as its cells. A row whose list is null or of another length gets a
    /// <see cref="ShapeProblem"/> naming the field.
    /// </summary>
    internal sealed partial class ParquetCells : IRecordCursor, INumberRow
    {
        private readonly ParquetFile _file;
        private readonly ParquetColumn?[] _columns;
        private readonly int _rows;
        // Per expanded ordinal: its field, and its element in a spread list (-1: a scalar field).
        private readonly int[] _field, _element;
        // Per expanded ordinal, for the hot path (once per number of the file): its numbers, nulls and list starts.
        private readonly double[]?[] _numbers;
        private readonly bool[]?[] _nulls;
        private readonly int[]?[] _starts;
        private readonly int[] _spread;
        private int _row = -1;
        private readonly char[] _digits = new char[24];

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
            _numbers = new double[]?[n];
            _nulls = new bool[]?[n];
            _starts = new int[]?[n];
            for (int o = 0; o < n; o++)
            {
                ParquetColumn? column = columns[_field[o]];
                bool listNotSpread = column?.Starts != null && _element[o] < 0;
                if (column?.Numbers == null || listNotSpread) continue;
                _numbers[o] = column.Numbers;
                _nulls[o] = column.Nulls;
                _starts[o] = column.Starts;
            }
            _spread = Enumerable.Range(0, columns.Length).Where(c => file.Lists.Width(c) > 0).ToArray();
        }

        /// <inheritdoc/>
        public string? ShapeProblem { get; private set; }

        /// <inheritdoc/>
        public bool Read()
        {
            if (++_row >= _rows) return false;
            ShapeProblem = null;
            foreach (int c in _spread)
            {
                int width = _file.Lists.Width(c);
                int[]? lengths = _columns[c]?.Lengths;
                if (lengths == null) ShapeProblem = $"column '{_file.Fields[c].Name}' is not a list";
                else if (lengths[_row] < 0) ShapeProblem = $"column '{_file.Fields[c].Name}' holds no list (null); it needs {width} numbers";
                else if (lengths[_row] != width) ShapeProblem = _file.Lists.LengthProblem(c, lengths[_row]);
                if (ShapeProblem != null) break;
            }
            return true;
        }

        /// <inheritdoc/>
        public bool HasField(int ordinal) => true;

        /// <inheritdoc/>
        public NumberParse TryGetDouble(int ordinal, out double value)
        {
            double[]? numbers = _numbers[ordinal];
            if (numbers != null)
            {
                int[]? starts = _starts[ordinal];
                int i = starts == null ? _row : starts[_row] + _element[ordinal];
                bool[]? nulls = _nulls[ordinal];
                if (nulls == null || !nulls[i])
                {
                    value = numbers[i];
                    return NumberParse.Ok;
                }
                value = double.NaN;
                return NumberParse.Empty;
            }
            return Other(ordinal, out value);
        }

        /// <inheritdoc/>
        public bool TryGetDoubles(int[] ordinals, Span<double> values)
        {
            for (int c = 0; c < ordinals.Length; c++)
            {
                int o = ordinals[c];
                double[]? numbers = _numbers[o];
                if (numbers == null) return false;
                int[]? starts = _starts[o];
                int i = starts == null ? _row : starts[_row] + _element[o];
                bool[]? nulls = _nulls[o];
                if (nulls != null && nulls[i]) return false;
                values[c] = numbers[i];
            }
            return true;
        }

        // Texts, lists not spread and unsupported types.
        private NumberParse Other(int ordinal, out double value)
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
        public ReadOnlySpan<char> GetSpan(int ordinal)
        {
            // An integer label is read once a row: its digits without a string (valid until the next call).
            int f = _field[ordinal];
            if (_file.Fields[f].IsInteger && _columns[f]?.Starts == null && TryGetDouble(ordinal, out double x) == NumberParse.Ok
                && ((long)x).TryFormat(_digits, out int written, default, System.Globalization.CultureInfo.InvariantCulture))
                return _digits.AsSpan(0, written);
            return GetText(ordinal).AsSpan();
        }

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
