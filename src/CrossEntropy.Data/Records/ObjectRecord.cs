using System;
using System.Collections.Generic;
using System.Globalization;

namespace CrossEntropy.Data.Records
{
    /// <summary>
    /// A record whose cells are .NET values: strings (as Import-Csv gives), numbers, or nothing. Pipeline objects,
    /// explicit arrays and DataFrame rows are all read through it, so every route parses the same way.
    /// </summary>
    internal sealed class ObjectRecord : IRecord, ISourceHeader, INumberRow
    {
        // Cells in a struct array: storing into one skips the covariance check every store into an object[] makes
        // (a pipeline row stores each of its cells).
        private readonly Cell[] _cells;
        private readonly bool[] _present;
        private readonly string[] _columns;
        private readonly bool _decimalComma;

        /// <summary>Creates a record over <paramref name="columns"/>.</summary>
        public ObjectRecord(string sourceName, IReadOnlyList<string> columns, bool decimalComma = false)
        {
            SourceName = sourceName;
            _columns = new string[columns.Count];
            for (int c = 0; c < _columns.Length; c++) _columns[c] = columns[c];
            _cells = new Cell[_columns.Length];
            _present = new bool[_columns.Length];
            _decimalComma = decimalComma;
        }

        /// <inheritdoc/>
        public IReadOnlyList<string> Columns => _columns;

        /// <inheritdoc/>
        public string SourceName { get; }

        /// <inheritdoc/>
        public string? ShapeProblem { get; set; }

        /// <summary>Marks every cell missing, ready for the next row.</summary>
        public void Clear()
        {
            // Span clears: a pipeline row is cleared once per row, and Array.Clear's checks cost more than a short row.
            _present.AsSpan().Clear();
            _cells.AsSpan().Clear();
            ShapeProblem = null;
        }

        /// <summary>Sets a cell.</summary>
        public void Set(int ordinal, object? value)
        {
            _cells[ordinal].Value = value;
            _present[ordinal] = true;
        }

        /// <inheritdoc/>
        public bool HasField(int ordinal) => _present[ordinal];

        /// <inheritdoc/>
        public NumberParse TryGetDouble(int ordinal, out double value)
        {
            object? cell = _cells[ordinal].Value;
            if (cell is string text) return NumberText.TryParse(text.AsSpan(), out value, _decimalComma); // Import-Csv's cells: tested first
            value = double.NaN;
            switch (cell)
            {
                case null: return NumberParse.Empty;
                case double d: value = d; return NumberParse.Ok;
                case float f: value = f; return NumberParse.Ok;
                case int i: value = i; return NumberParse.Ok;
                case long l: value = l; return NumberParse.Ok;
                case decimal m: value = (double)m; return NumberParse.Ok;
                case bool _: return NumberParse.NotANumber;
                case char _: return NumberParse.NotANumber;
                case IConvertible c:
                    try
                    {
                        value = c.ToDouble(CultureInfo.InvariantCulture);
                        return NumberParse.Ok;
                    }
                    catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException)
                    {
                        return NumberParse.NotANumber;
                    }
                default: return NumberParse.NotANumber;
            }
        }

        /// <inheritdoc/>
        /// <remarks>Each cell exactly as <see cref="TryGetDouble"/> reads it: one call a row instead of two a cell.</remarks>
        public bool TryGetDoubles(int[] ordinals, Span<double> values)
        {
            for (int c = 0; c < ordinals.Length; c++)
            {
                int col = ordinals[c];
                if (!_present[col] || TryGetDouble(col, out values[c]) != NumberParse.Ok) return false;
            }
            return true;
        }

        /// <inheritdoc/>
        public ReadOnlySpan<char> GetSpan(int ordinal) => _cells[ordinal].Value is string s ? s.AsSpan() : GetText(ordinal).AsSpan();

        /// <inheritdoc/>
        public string GetText(int ordinal) => _cells[ordinal].Value switch
        {
            null => "",
            string s => s,
            double d => NumberText.Format(d),
            float f => NumberText.Format(f),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            object o => o.ToString() ?? "",
        };

        private struct Cell
        {
            public object? Value;
        }
    }
}
