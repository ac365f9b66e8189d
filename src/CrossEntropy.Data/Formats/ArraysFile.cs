using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// NumPy arrays read side by side as rows: the N×C scores, the N labels (or N×C soft targets) and optional N sample
    /// weights, from one .npz or from an .npy and its sibling files (<see cref="NumPyFiles"/> picks them). Each chunk
    /// holds the same rows of every array, so chunks are computed in parallel like a CSV's; memory stays flat. Cells
    /// are the stored numbers (float32 widened exactly), named like spread list columns (<c>logits[0]</c>, …).
    /// </summary>
    internal sealed class ArraysFile : IChunkedFile
    {
        private readonly Part[] _parts;
        private readonly int[] _partOf, _elementOf;
        private readonly int _rowBytes;
        private readonly long _rows;

        internal ArraysFile(string path, Part[] parts, ColumnOptions options)
        {
            Path = path;
            _parts = parts;
            Length = new FileInfo(path).Length;
            _rows = parts[0].Array.Rows;
            foreach (Part p in parts)
                if (p.Array.Rows != _rows)
                    throw new InputException(path, $"array '{parts[0].Array.Name}' has {_rows} rows but '{p.Array.Name}' has {p.Array.Rows}.");
            var columns = new List<string>();
            var partOf = new List<int>();
            var elementOf = new List<int>();
            for (int p = 0; p < parts.Length; p++)
            {
                NpyArray a = parts[p].Array;
                if (a.Width == 0) columns.Add(a.Name);
                for (int k = 0; k < Math.Max(1, a.Width); k++)
                {
                    if (a.Width > 0) columns.Add(ListColumns.ElementName(a.Name, k));
                    partOf.Add(p);
                    elementOf.Add(k);
                }
            }
            Columns = columns;
            _partOf = partOf.ToArray();
            _elementOf = elementOf.ToArray();
            _rowBytes = parts.Sum(p => p.Array.RowBytes);
            Options = options;
        }

        /// <summary>An array and how to open its data (positioned at the first element, in C order).</summary>
        internal sealed class Part
        {
            public Part(NpyArray array, Func<List<IDisposable>, Stream> open)
            {
                Array = array;
                Open = open;
            }

            public NpyArray Array { get; }
            public Func<List<IDisposable>, Stream> Open { get; }
        }

        /// <summary>The .npz or .npy path.</summary>
        public string Path { get; }
        /// <inheritdoc/>
        public string SourceName => Path;
        /// <inheritdoc/>
        public IReadOnlyList<string> Columns { get; }
        /// <inheritdoc/>
        public long DataOffset => 0;
        /// <inheritdoc/>
        public long Length { get; }
        /// <summary>The column options naming the arrays' cells (for the schema resolver).</summary>
        public ColumnOptions Options { get; }

        /// <summary>The names of the cells of <paramref name="array"/>.</summary>
        public static string[] CellNames(NpyArray array) => array.Width == 0
            ? new[] { array.Name }
            : Enumerable.Range(0, array.Width).Select(k => ListColumns.ElementName(array.Name, k)).ToArray();

        /// <inheritdoc/>
        public IEnumerable<FileChunk> Chunks(int chunkBytes)
        {
            var owned = new List<IDisposable>();
            try
            {
                Stream[] streams = _parts.Select(p => p.Open(owned)).ToArray();
                int perChunk = (int)Math.Max(1, chunkBytes / Math.Max(1, _rowBytes));
                long done = 0;
                for (int index = 0; done < _rows; index++)
                {
                    int rows = (int)Math.Min(perChunk, _rows - done);
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(rows * _rowBytes);
                    int at = 0;
                    for (int p = 0; p < _parts.Length; p++)
                    {
                        int want = rows * _parts[p].Array.RowBytes;
                        if (LineChunks.Fill(streams[p], buffer, at, want) < want)
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                            throw new InputException(Path, $"array '{_parts[p].Array.Name}' ends before its {_rows} rows (the file is cut short).");
                        }
                        at += want;
                    }
                    yield return new FileChunk(index, buffer, rows * _rowBytes, done * _rowBytes, pooled: true);
                    done += rows;
                }
            }
            finally
            {
                for (int i = owned.Count - 1; i >= 0; i--) owned[i].Dispose();
            }
        }

        /// <inheritdoc/>
        public object NewScratch() => this;

        /// <inheritdoc/>
        public IRecordCursor Open(FileChunk chunk, object? scratch) => new Cursor(this, chunk);

        // The rows of one chunk: part p's rows start at rows × (row bytes of the parts before it).
        private sealed class Cursor : IRecordCursor
        {
            private readonly ArraysFile _file;
            private readonly byte[] _buffer;
            private readonly int[] _partStart;
            private readonly int _rows;
            private int _row = -1;

            public Cursor(ArraysFile file, FileChunk chunk)
            {
                _file = file;
                _buffer = chunk.Buffer;
                _rows = chunk.Length / file._rowBytes;
                _partStart = new int[file._parts.Length];
                for (int p = 1; p < _partStart.Length; p++) _partStart[p] = _partStart[p - 1] + _rows * file._parts[p - 1].Array.RowBytes;
            }

            public string? ShapeProblem => null;

            public bool Read() => ++_row < _rows;

            public bool HasField(int ordinal) => true;

            public NumberParse TryGetDouble(int ordinal, out double value)
            {
                int p = _file._partOf[ordinal];
                NpyArray a = _file._parts[p].Array;
                value = a.Get(_buffer, _partStart[p] + _row * a.RowBytes, _file._elementOf[ordinal]);
                return NumberParse.Ok;
            }

            public string GetText(int ordinal)
            {
                TryGetDouble(ordinal, out double v);
                return _file._parts[_file._partOf[ordinal]].Array.IsInteger
                    ? ((long)v).ToString(CultureInfo.InvariantCulture) : NumberText.Format(v);
            }

            public ReadOnlySpan<char> GetSpan(int ordinal) => GetText(ordinal).AsSpan();

            public void Dispose() { }
        }
    }
}
