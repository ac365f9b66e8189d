using System;
using System.Collections.Generic;
using CrossEntropy.Data.Sources;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Records;

namespace CrossEntropy.Data.Tests
{
    /// <summary>A whole file's records, read the way the module reads files (CsvFile's chunks, one after another).</summary>
    internal sealed class FileRecords : IDisposable
    {
        private readonly CsvFile _file;
        private readonly IEnumerator<FileChunk> _chunks;
        private IRecordCursor? _records;

        private FileRecords(CsvFile file)
        {
            _file = file;
            _chunks = file.Chunks().GetEnumerator();
        }

        public static FileRecords Open(string path, CsvOptions? options = null) => new FileRecords(CsvFile.Open(path, options));

        public IReadOnlyList<string> Columns => _file.Columns;

        public long RowNumber { get; private set; }

        public IRecord Current => _records ?? throw new InvalidOperationException("Read first.");

        public string? ShapeProblem => Current.ShapeProblem;

        public bool HasField(int ordinal) => Current.HasField(ordinal);

        public string GetText(int ordinal) => Current.GetText(ordinal);

        public NumberParse TryGetDouble(int ordinal, out double value) => Current.TryGetDouble(ordinal, out value);

        public bool Read()
        {
            while (true)
            {
                if (_records != null && _records.Read())
                {
                    RowNumber++;
                    return true;
                }
                _records?.Dispose();
                _records = null;
                if (!_chunks.MoveNext()) return false;
                _records = _file.ReadChunk(_chunks.Current);
            }
        }

        public void Dispose()
        {
            _records?.Dispose();
            _chunks.Dispose();
        }
    }
}
