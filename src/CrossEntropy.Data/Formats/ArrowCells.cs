using System;
using System.Globalization;
using Apache.Arrow;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// The rows of one Arrow record batch as records: numbers straight from the typed arrays (no text), strings and
    /// dictionary-encoded strings as text, a null as an empty cell, and a spread list field's elements as its cells. A
    /// row whose list is null or of another length gets a <see cref="ShapeProblem"/> naming the field.
    /// </summary>
    internal sealed class ArrowCells : IRecordCursor
    {
        private readonly ArrowFile _file;
        private readonly RecordBatch _batch;
        private readonly IArrowArray[] _columns;
        // Per expanded ordinal: its field, and its element in a spread list (-1: a scalar field).
        private readonly int[] _field, _element;
        private int _row = -1;

        public ArrowCells(ArrowFile file, RecordBatch batch)
        {
            _file = file;
            _batch = batch;
            _columns = new IArrowArray[file.Fields.Count];
            for (int c = 0; c < _columns.Length; c++) _columns[c] = batch.Column(c);
            int n = file.Columns.Count;
            _field = new int[n];
            _element = new int[n];
            for (int c = 0; c < _columns.Length; c++)
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
            if (++_row >= _batch.Length) return false;
            ShapeProblem = null;
            for (int c = 0; c < _columns.Length && ShapeProblem == null; c++)
            {
                int width = _file.Lists.Width(c);
                if (width == 0) continue;
                IArrowArray a = _columns[c];
                if (a.IsNull(_row)) ShapeProblem = $"column '{_file.Fields[c]}' holds no list (null); it needs {width} numbers";
                else if (a is ListArray list && list.GetValueLength(_row) != width) ShapeProblem = _file.Lists.LengthProblem(c, list.GetValueLength(_row));
                else if (!(a is ListArray) && !(a is FixedSizeListArray)) ShapeProblem = $"column '{_file.Fields[c]}' is not a list";
            }
            return true;
        }

        /// <inheritdoc/>
        public bool HasField(int ordinal) => true;

        /// <inheritdoc/>
        public NumberParse TryGetDouble(int ordinal, out double value)
        {
            Locate(ordinal, out IArrowArray a, out int i);
            return Number(a, i, out value);
        }

        /// <inheritdoc/>
        public string GetText(int ordinal)
        {
            Locate(ordinal, out IArrowArray a, out int i);
            return Text(a, i);
        }

        /// <inheritdoc/>
        public ReadOnlySpan<char> GetSpan(int ordinal) => GetText(ordinal).AsSpan();

        /// <summary>The current row copied into a record that outlives the batch.</summary>
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

        /// <summary>The list length of field array <paramref name="a"/> at its first non-null row; -1 when it is not a list.</summary>
        public static int ListLength(IArrowArray a)
        {
            if (a is FixedSizeListArray f) return ((Apache.Arrow.Types.FixedSizeListType)f.Data.DataType).ListSize;
            if (!(a is ListArray list)) return -1;
            for (int i = 0; i < list.Length; i++)
                if (!list.IsNull(i)) return list.GetValueLength(i);
            return 0;
        }

        private void Locate(int ordinal, out IArrowArray array, out int index)
        {
            IArrowArray a = _columns[_field[ordinal]];
            int k = _element[ordinal];
            switch (a)
            {
                case ListArray list when k >= 0:
                    array = list.Values;
                    index = list.ValueOffsets[_row] + k;
                    return;
                case FixedSizeListArray fixedList when k >= 0:
                    array = fixedList.Values;
                    index = (fixedList.Offset + _row) * ((Apache.Arrow.Types.FixedSizeListType)fixedList.Data.DataType).ListSize + k;
                    return;
                default:
                    array = a;
                    index = _row;
                    return;
            }
        }

        private static NumberParse Number(IArrowArray a, int i, out double v)
        {
            v = double.NaN;
            if (a.IsNull(i)) return NumberParse.Empty;
            switch (a)
            {
                case DoubleArray d: v = d.GetValue(i)!.Value; return NumberParse.Ok;
                case FloatArray f: v = f.GetValue(i)!.Value; return NumberParse.Ok;
                case Int64Array l: v = l.GetValue(i)!.Value; return NumberParse.Ok;
                case Int32Array n: v = n.GetValue(i)!.Value; return NumberParse.Ok;
                case Int16Array s: v = s.GetValue(i)!.Value; return NumberParse.Ok;
                case Int8Array b: v = b.GetValue(i)!.Value; return NumberParse.Ok;
                case UInt64Array ul: v = ul.GetValue(i)!.Value; return NumberParse.Ok;
                case UInt32Array un: v = un.GetValue(i)!.Value; return NumberParse.Ok;
                case UInt16Array us: v = us.GetValue(i)!.Value; return NumberParse.Ok;
                case UInt8Array ub: v = ub.GetValue(i)!.Value; return NumberParse.Ok;
                case BooleanArray t: v = t.GetValue(i)!.Value ? 1 : 0; return NumberParse.Ok;
                case StringArray str: return NumberText.TryParse(str.GetString(i).AsSpan(), out v);
                case DictionaryArray dict:
                    return Number(dict.Indices, i, out double key) == NumberParse.Ok ? Number(dict.Dictionary, (int)key, out v) : NumberParse.NotANumber;
                default: return NumberParse.NotANumber;
            }
        }

        private static string Text(IArrowArray a, int i)
        {
            if (a.IsNull(i)) return "";
            switch (a)
            {
                case StringArray s: return s.GetString(i);
                case DictionaryArray d: return Number(d.Indices, i, out double key) == NumberParse.Ok ? Text(d.Dictionary, (int)key) : "";
                case DoubleArray _:
                case FloatArray _:
                    Number(a, i, out double x);
                    return NumberText.Format(x);
                default:
                    return Number(a, i, out double n) == NumberParse.Ok ? n.ToString("R", CultureInfo.InvariantCulture) : a.Data.DataType.Name;
            }
        }
    }
}
