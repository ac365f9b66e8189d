#if NET
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;
using ParquetSharp;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// A Parquet file, read with ParquetSharp one row group at a time (flat memory): each row group is a chunk, decoded
    /// on a -ThrottleLimit worker with its own reader (a ParquetSharp reader is not shared across threads). Columns are
    /// the top-level fields; a <c>list&lt;float|double&gt;</c> field chosen as the scores is spread by
    /// <see cref="ListColumns"/>. Numbers are read as stored (float32 widened exactly). Errors name the row group.
    /// Readers are pooled (opening one per row group cost 2-3x the decoding): dispose the file once read.
    /// </summary>
    internal sealed class ParquetFile : IChunkedFile, IDisposable
    {
        private static readonly byte[] Magic = { (byte)'P', (byte)'A', (byte)'R', (byte)'1' };

        private ParquetFile(string path, List<ParquetField> fields, ListColumns lists, long[] groupBytes)
        {
            Path = path;
            Length = new FileInfo(path).Length;
            Fields = fields;
            Lists = lists;
            RowGroups = groupBytes.Length;
            _groupBytes = groupBytes;
        }

        // Per row group, its column chunks' bytes in the file: how far a read has come (Write-Progress by row group).
        private readonly long[] _groupBytes;

        /// <summary>The file path.</summary>
        public string Path { get; }
        /// <inheritdoc/>
        public string SourceName => Path;
        /// <inheritdoc/>
        public IReadOnlyList<string> Columns => Lists.Header;
        /// <inheritdoc/>
        public long DataOffset => 0;
        /// <inheritdoc/>
        public long Length { get; }
        /// <summary>The column options with the list field spread.</summary>
        public ColumnOptions Options => Lists.Options;
        /// <summary>The first row, or null when the file has no rows.</summary>
        public IRecord? FirstRecord { get; private set; }

        internal List<ParquetField> Fields { get; }
        internal ListColumns Lists { get; }
        internal int RowGroups { get; }

        private readonly ConcurrentBag<ParquetFileReader> _readers = new ConcurrentBag<ParquetFileReader>();
        // The pooled buffers this file's reads decode into, back to the pool when the file is disposed.
        private readonly ConcurrentBag<ParquetScratch> _scratches = new ConcurrentBag<ParquetScratch>();
        // Row group 0 as Open decoded it (for the first record), read by the first read of chunk 0 rather than decoded again.
        private ParquetColumn?[]? _firstGroup;
        private int _firstRows;

        /// <summary>Reads the schema and the first row group of <paramref name="path"/>.</summary>
        public static ParquetFile Open(string path, ColumnOptions columns)
        {
            if (!string.Equals(Compression.InnerName(path), path, StringComparison.Ordinal))
                throw new InputException(path, "a Parquet file is read as it is (it compresses its own pages): decompress it first.");
            CheckMagic(path);
            using ParquetFileReader reader = NewReader(path);
            List<ParquetField> fields;
            int groups;
            using (FileMetaData meta = reader.FileMetaData)
            {
                fields = ParquetField.Of(meta.Schema);
                groups = meta.NumRowGroups;
            }
            ParquetColumn?[]? first = null;
            int rows = 0;
            ParquetScratch? firstScratch = groups > 0 ? ParquetScratchPool.Rent(fields.Count) : null;
            if (firstScratch != null) first = Decode(path, reader, 0, fields, firstScratch, out rows);
            var lists = ListColumns.Plan(fields.Select(f => f.Name).ToList(), c => FirstLength(fields[c], first?[c], rows), columns);
            var file = new ParquetFile(path, fields, lists, GroupBytes(reader, groups));
            if (firstScratch != null) file._scratches.Add(firstScratch);
            if (first != null)
            {
                var cursor = new ParquetCells(file, first, rows);
                file.FirstRecord = cursor.Read() ? cursor.Snapshot() : null;
                file._firstGroup = first;
                file._firstRows = rows;
            }
            return file;
        }

        /// <inheritdoc/>
        public IEnumerable<FileChunk> Chunks(int chunkBytes)
        {
            long offset = Magic.Length;
            for (int g = 0; g < RowGroups; g++)
            {
                int bytes = (int)Math.Min(int.MaxValue, _groupBytes[g]);
                yield return new FileChunk(g, Array.Empty<byte>(), bytes, offset, batch: g) { Part = PartName(g) };
                offset += bytes;
            }
        }

        /// <inheritdoc/>
        public object NewScratch()
        {
            ParquetScratch scratch = ParquetScratchPool.Rent(Fields.Count);
            _scratches.Add(scratch);
            return scratch;
        }

        /// <inheritdoc/>
        public IRecordCursor Open(FileChunk chunk, object? scratch)
        {
            if (chunk.Index == 0 && Interlocked.Exchange(ref _firstGroup, null) is ParquetColumn?[] decoded) return new ParquetCells(this, decoded, _firstRows);
            // A reader per worker at a time (ParquetSharp's are not thread-safe), back to the pool once decoded.
            ParquetFileReader reader = _readers.TryTake(out ParquetFileReader? idle) ? idle : NewReader(Path);
            try
            {
                ParquetColumn?[] columns = Decode(Path, reader, chunk.Index, Fields, (ParquetScratch?)scratch ?? new ParquetScratch(Fields.Count), out int rows);
                return new ParquetCells(this, columns, rows);
            }
            finally
            {
                _readers.Add(reader);
            }
        }

        /// <summary>
        /// Closes the pooled readers and returns the buffers (the file's read is over: <see cref="ParallelFile"/> has
        /// joined its workers, and no cursor of this file is read any more).
        /// </summary>
        public void Dispose()
        {
            while (_readers.TryTake(out ParquetFileReader? reader)) reader.Dispose();
            _firstGroup = null;
            while (_scratches.TryTake(out ParquetScratch? scratch)) ParquetScratchPool.Return(scratch);
        }

        private static string PartName(int group) => "row group " + group.ToString(CultureInfo.InvariantCulture);

        // The list length of a field in the first row group's first non-null row; -1 when the field is not a list.
        private static int FirstLength(ParquetField field, ParquetColumn? column, int rows)
        {
            if (field.Kind != ParquetKind.List) return -1;
            int[]? lengths = column?.Lengths;
            for (int i = 0; lengths != null && i < rows; i++)
                if (lengths[i] >= 0) return lengths[i];
            return 0;
        }

        private static long[] GroupBytes(ParquetFileReader reader, int groups)
        {
            var bytes = new long[groups];
            for (int g = 0; g < groups; g++)
            {
                using RowGroupReader group = reader.RowGroup(g);
                RowGroupMetaData meta = group.MetaData;
                for (int c = 0; c < meta.NumColumns; c++)
                {
                    using ColumnChunkMetaData column = meta.GetColumnChunkMetaData(c);
                    bytes[g] += column.TotalCompressedSize;
                }
            }
            return bytes;
        }

        private static ParquetColumn?[] Decode(string path, ParquetFileReader reader, int group, List<ParquetField> fields, ParquetScratch scratch, out int rows)
        {
            try
            {
                return ParquetRowGroup.Read(reader, group, fields, scratch, out rows);
            }
            catch (ParquetException e)
            {
                throw new InputException(path, $"{PartName(group)} cannot be read: {FirstLine(e.Message)}");
            }
        }

        private static ParquetFileReader NewReader(string path)
        {
            try
            {
                return new ParquetFileReader(path);
            }
            catch (ParquetException e)
            {
                throw new InputException(path, "not a readable Parquet file: " + FirstLine(e.Message));
            }
            catch (Exception e) when (e is DllNotFoundException || e is TypeInitializationException || e is BadImageFormatException)
            {
                throw new InputException(path, $"Parquet needs ParquetSharp's native library, which is not available on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture}): convert the file first, e.g. with DuckDB: COPY (FROM 'x.parquet') TO 'x.csv'.");
            }
        }

        private static void CheckMagic(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var head = new byte[4];
            var tail = new byte[4];
            bool ok = stream.Length >= 12 && LineChunks.Fill(stream, head, 0, 4) == 4;
            if (ok)
            {
                stream.Position = stream.Length - 4;
                ok = LineChunks.Fill(stream, tail, 0, 4) == 4 && head.AsSpan().SequenceEqual(Magic) && tail.AsSpan().SequenceEqual(Magic);
            }
            if (!ok) throw new InputException(path, "not a Parquet file (it does not start and end with PAR1).");
        }

        private static string FirstLine(string message)
        {
            int end = message.IndexOf('\n', StringComparison.Ordinal);
            return (end < 0 ? message : message.Substring(0, end)).Trim();
        }
    }
}
#endif
