using System;
using System.Collections.Generic;
using System.IO;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// A JSON Lines file (.jsonl, .ndjson; also gzip-, zstd- or Brotli-compressed): one JSON object per line, read as
    /// pipeline objects are. The header is the first object's property names (later lines are matched by name; a
    /// missing property is a missing cell); an array property chosen as the scores is spread by <see cref="ListColumns"/>.
    /// Rows are the non-blank lines, numbered from 1. Chunks of whole lines are parsed in parallel with -ThrottleLimit.
    /// </summary>
    internal sealed class JsonLinesFile : IChunkedFile
    {
        private readonly ListColumns _lists;
        private readonly Dictionary<string, int> _ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        private JsonLinesFile(string path, long length, List<string> names, ListColumns lists)
        {
            Path = path;
            Length = length;
            _lists = lists;
            for (int c = 0; c < names.Count; c++)
                if (!_ordinals.ContainsKey(names[c])) _ordinals.Add(names[c], c);
        }

        /// <summary>The file path.</summary>
        public string Path { get; }
        /// <inheritdoc/>
        public string SourceName => Path;
        /// <inheritdoc/>
        public IReadOnlyList<string> Columns => _lists.Header;
        /// <inheritdoc/>
        public long DataOffset => 0;
        /// <inheritdoc/>
        public long Length { get; }
        /// <summary>The column options with list columns spread (for the schema resolver).</summary>
        public ColumnOptions Options => _lists.Options;
        /// <summary>The first line as a record (it decides which columns are numeric), or null when it is not an object.</summary>
        public ObjectRecord? FirstRecord { get; private set; }

        /// <summary>Reads the first object of <paramref name="path"/>; throws <see cref="InputException"/> when there is none.</summary>
        public static JsonLinesFile Open(string path, ColumnOptions columns)
        {
            long length = new FileInfo(path).Length;
            var names = new List<string>();
            var values = new List<object?>();
            string? problem = null;
            bool any = false;
            foreach (FileChunk chunk in LineChunks.Read(Compression.OpenRead(path), 1 << 16, path))
            {
                try
                {
                    var span = new ReadOnlySpan<byte>(chunk.Buffer, 0, chunk.Length);
                    int at = 0;
                    while (!any && Next(span, ref at, out ReadOnlySpan<byte> line))
                    {
                        any = true;
                        problem = JsonLine.Read(line, (n, v) =>
                        {
                            if (names.FindIndex(x => string.Equals(x, n, StringComparison.OrdinalIgnoreCase)) >= 0) return;
                            names.Add(n);
                            values.Add(v);
                        });
                    }
                }
                finally
                {
                    chunk.Release();
                }
                if (any) break;
            }
            if (!any) throw new InputException(path, "the file is empty: there is no JSON line.");
            if (problem != null) throw new InputException(path, $"row 1: {problem}; the first line names the columns.");
            var lists = ListColumns.Plan(names, c => values[c] is object?[] a ? a.Length : -1, columns);
            var file = new JsonLinesFile(path, length, names, lists);
            var first = new ObjectRecord(path, lists.Header);
            for (int c = 0; c < names.Count; c++) lists.Set(first, c, values[c]);
            file.FirstRecord = first;
            return file;
        }

        /// <inheritdoc/>
        public IEnumerable<FileChunk> Chunks(int chunkBytes) => LineChunks.Read(Compression.OpenRead(Path), chunkBytes, Path);

        /// <inheritdoc/>
        public object NewScratch() => new ObjectRecord(Path, Columns);

        /// <inheritdoc/>
        public IRecordCursor Open(FileChunk chunk, object? scratch) =>
            new Cursor(this, chunk, scratch as ObjectRecord ?? new ObjectRecord(Path, Columns));

        // The next non-blank line of span from at (its '\n' excluded); false at the end.
        private static bool Next(ReadOnlySpan<byte> span, ref int at, out ReadOnlySpan<byte> line)
        {
            while (at < span.Length)
            {
                int end = span.Slice(at).IndexOf((byte)'\n');
                int stop = end < 0 ? span.Length : at + end;
                line = span.Slice(at, stop - at);
                at = stop + 1;
                if (!IsBlank(line)) return true;
            }
            line = default;
            return false;
        }

        private static bool IsBlank(ReadOnlySpan<byte> line)
        {
            foreach (byte b in line)
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r') return false;
            return true;
        }

        // The records of one chunk: each line parsed into the worker's record.
        private sealed class Cursor : IRecordCursor
        {
            private readonly JsonLinesFile _file;
            private readonly FileChunk _chunk;
            private readonly ObjectRecord _record;
            private readonly Action<string, object?> _set;
            private int _at;

            public Cursor(JsonLinesFile file, FileChunk chunk, ObjectRecord record)
            {
                _file = file;
                _chunk = chunk;
                _record = record;
                _set = Set;
            }

            public string? ShapeProblem => _record.ShapeProblem;

            public bool Read()
            {
                if (!Next(new ReadOnlySpan<byte>(_chunk.Buffer, 0, _chunk.Length), ref _at, out ReadOnlySpan<byte> line)) return false;
                _record.Clear();
                string? problem = JsonLine.Read(line, _set);
                if (problem != null) _record.ShapeProblem = problem;
                return true;
            }

            private void Set(string name, object? value)
            {
                if (_file._ordinals.TryGetValue(name, out int raw)) _file._lists.Set(_record, raw, value);
            }

            public bool HasField(int ordinal) => _record.HasField(ordinal);
            public NumberParse TryGetDouble(int ordinal, out double value) => _record.TryGetDouble(ordinal, out value);
            public string GetText(int ordinal) => _record.GetText(ordinal);
            public ReadOnlySpan<char> GetSpan(int ordinal) => _record.GetSpan(ordinal);
            public void Dispose() { }
        }
    }
}
