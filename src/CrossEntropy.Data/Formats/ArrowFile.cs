using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// An Arrow IPC file (.arrow, .feather: Feather v2 is the IPC file format) or stream (.arrows), read with
    /// Apache.Arrow one record batch at a time (flat memory); batches are decoded on -ThrottleLimit workers. Columns
    /// are the schema's fields; a list field (<c>List&lt;Float32|Float64&gt;</c>) chosen as the scores is spread by
    /// <see cref="ListColumns"/>; dictionary-encoded labels read as their strings. Numbers are read as stored (float32
    /// widened exactly). The kind is checked by magic bytes (ARROW1, or a stream's FF FF FF FF continuation marker).
    /// </summary>
    internal sealed class ArrowFile : IChunkedFile
    {
        private static readonly byte[] FileMagic = { (byte)'A', (byte)'R', (byte)'R', (byte)'O', (byte)'W', (byte)'1' };

        private ArrowFile(string path, List<string> fields, ListColumns lists)
        {
            Path = path;
            Length = new FileInfo(path).Length;
            Fields = fields;
            Lists = lists;
        }

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

        internal List<string> Fields { get; }
        internal ListColumns Lists { get; }

        /// <summary>True for the Arrow extensions.</summary>
        public static bool Is(string ext) => ext == ".arrow" || ext == ".feather" || ext == ".arrows";

        /// <summary>Reads the schema and the first batch of <paramref name="path"/>.</summary>
        public static ArrowFile Open(string path, ColumnOptions columns)
        {
            using IArrowReader reader = Reader(path, out Stream stream);
            using (stream)
            {
                RecordBatch? first = reader.ReadNextRecordBatch();
                Apache.Arrow.Schema schema = first?.Schema ?? throw new InputException(path, "the Arrow file holds no record batch (no rows).");
                var fields = schema.FieldsList.Select(f => f.Name).ToList();
                var lists = ListColumns.Plan(fields, c => ArrowCells.ListLength(first.Column(c)), columns);
                var file = new ArrowFile(path, fields, lists);
                var cursor = new ArrowCells(file, first);
                file.FirstRecord = cursor.Read() ? cursor.Snapshot() : null;
                return file;
            }
        }

        /// <inheritdoc/>
        public IEnumerable<FileChunk> Chunks(int chunkBytes)
        {
            using IArrowReader reader = Reader(Path, out Stream stream);
            using (stream)
            {
                RecordBatch? batch;
                long read = 0;
                for (int index = 0; (batch = reader.ReadNextRecordBatch()) != null; index++)
                {
                    // The bytes up to the batch's end are its share of the file, for progress (Write-Progress by batch).
                    long end = stream.CanSeek ? Math.Max(read, stream.Position) : 0;
                    yield return new FileChunk(index, System.Array.Empty<byte>(), (int)Math.Min(int.MaxValue, end - read), read, batch: batch)
                    {
                        Part = "record batch " + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    };
                    read = end;
                }
            }
        }

        /// <inheritdoc/>
        public object NewScratch() => this;

        /// <inheritdoc/>
        public IRecordCursor Open(FileChunk chunk, object? scratch) => new ArrowCells(this, (RecordBatch)chunk.Batch!);

        // Decompresses LZ4-frame and ZSTD body buffers (Arrow IPC compression, pyarrow's Feather default); thread-safe.
        private static readonly Apache.Arrow.Compression.CompressionCodecFactory Codecs = new Apache.Arrow.Compression.CompressionCodecFactory();

        private interface IArrowReader : IDisposable
        {
            RecordBatch? ReadNextRecordBatch();
        }

        private sealed class FileReader : IArrowReader
        {
            private readonly ArrowFileReader _r;
            public FileReader(Stream s) => _r = new ArrowFileReader(s, Apache.Arrow.Memory.MemoryAllocator.Default.Value, Codecs, leaveOpen: true);
            public RecordBatch? ReadNextRecordBatch() => _r.ReadNextRecordBatch();
            public void Dispose() => _r.Dispose();
        }

        private sealed class StreamReader : IArrowReader
        {
            private readonly ArrowStreamReader _r;
            public StreamReader(Stream s) => _r = new ArrowStreamReader(s, Codecs, leaveOpen: true);
            public RecordBatch? ReadNextRecordBatch() => _r.ReadNextRecordBatch();
            public void Dispose() => _r.Dispose();
        }

        // An IPC file (ARROW1) is read through its footer when it can be seeked; a stream, or a compressed file, in order.
        private static IArrowReader Reader(string path, out Stream stream)
        {
            stream = Compression.OpenRead(path);
            var head = new byte[8];
            int n = LineChunks.Fill(stream, head, 0, 8);
            bool file = n >= 6 && head.AsSpan(0, 6).SequenceEqual(FileMagic);
            bool streamed = n >= 4 && head[0] == 0xFF && head[1] == 0xFF && head[2] == 0xFF && head[3] == 0xFF;
            if (!file && !streamed)
            {
                stream.Dispose();
                throw new InputException(path, "not an Arrow IPC file or stream (its first bytes are neither ARROW1 nor FF FF FF FF).");
            }
            if (stream.CanSeek)
            {
                stream.Position = 0;
                return file ? new FileReader(stream) : new StreamReader(stream);
            }
            // Not seekable: the bytes read are gone, so start over and skip the file magic (the IPC stream follows it).
            stream.Dispose();
            stream = Compression.OpenRead(path);
            if (file) LineChunks.Fill(stream, new byte[8], 0, 8);
            return new StreamReader(stream);
        }
    }
}
