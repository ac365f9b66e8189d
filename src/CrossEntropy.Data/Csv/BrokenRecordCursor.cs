using System;
using System.Collections.Generic;
using System.Text;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Csv
{
    /// <summary>
    /// The records of a chunk that holds records the reader cannot take: the good stretches between them are read by
    /// Sylvan or from the bytes, and each broken record is one row whose <see cref="ShapeProblem"/> says what is wrong (so it is counted
    /// and rejected with its row number, and the rows after it are read).
    /// </summary>
    internal sealed class BrokenRecordCursor : IRecordCursor
    {
        private readonly FileChunk _chunk;
        private readonly IReadOnlyList<BrokenRecord> _broken;
        private readonly IReadOnlyList<string> _columns;
        private readonly Func<int, int, IRecordCursor> _open;
        private IRecordCursor? _current;
        private int _position, _next;
        private string? _problem;

        /// <summary>The records of <paramref name="chunk"/>; <paramref name="open"/> reads its bytes [start, end) (Sylvan, or straight from the bytes).</summary>
        public BrokenRecordCursor(FileChunk chunk, IReadOnlyList<BrokenRecord> broken, IReadOnlyList<string> columns, Func<int, int, IRecordCursor> open)
        {
            _chunk = chunk;
            _broken = broken;
            _columns = columns;
            _open = open;
        }

        /// <inheritdoc/>
        public bool Read()
        {
            _problem = null;
            while (true)
            {
                if (_current != null)
                {
                    if (_current.Read()) return true;
                    _current.Dispose();
                    _current = null;
                }
                int stretchEnd = _next < _broken.Count ? _broken[_next].Start : _chunk.Length;
                if (_position < stretchEnd)
                {
                    _current = _open(_position, stretchEnd);
                    _position = stretchEnd;
                    continue;
                }
                if (_next >= _broken.Count) return false;
                BrokenRecord record = _broken[_next++];
                _position = record.Start + record.Length;
                _problem = Describe(record);
                return true;
            }
        }

        private string Describe(BrokenRecord record)
        {
            string what = record.Field >= 0 && record.Field < _columns.Count ? $"column '{_columns[record.Field]}'" : "the record";
            string line = Encoding.UTF8.GetString(_chunk.Buffer, record.Start, Math.Min(record.Length, 60)).TrimEnd('\r', '\n');
            return $"{what} {record.Reason} (the line begins '{line}'); the line was rejected and reading went on with the next one";
        }

        /// <inheritdoc/>
        public string? ShapeProblem => _problem ?? _current?.ShapeProblem;

        /// <inheritdoc/>
        public bool HasField(int ordinal) => _problem == null && _current != null && _current.HasField(ordinal);

        /// <inheritdoc/>
        public NumberParse TryGetDouble(int ordinal, out double value)
        {
            value = double.NaN;
            return HasField(ordinal) ? _current!.TryGetDouble(ordinal, out value) : NumberParse.Empty;
        }

        /// <inheritdoc/>
        public string GetText(int ordinal) => HasField(ordinal) ? _current!.GetText(ordinal) : "";

        /// <inheritdoc/>
        public ReadOnlySpan<char> GetSpan(int ordinal) => HasField(ordinal) ? _current!.GetSpan(ordinal) : ReadOnlySpan<char>.Empty;

        /// <inheritdoc/>
        public void Dispose() => _current?.Dispose();
    }
}
