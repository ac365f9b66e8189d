using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CrossEntropy.Data.Formats;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Csv
{
    /// <summary>
    /// A delimited file split into chunks of whole records that can be parsed on different threads. The header is
    /// read once (BOM skipped, delimiter detected unless given); chunk boundaries fall only on line ends outside
    /// quotes, so quoted fields with embedded delimiters and newlines stay whole. Each chunk's records are read by
    /// Sylvan.Data.Csv (<see cref="ReadChunk"/>). The file is read sequentially, one chunk at a time, so memory stays
    /// flat however large it is; it is opened for shared reading, so a file still being written can be read (up to
    /// its length when opened).
    /// </summary>
    internal sealed class CsvFile : IChunkedFile
    {
        /// <summary>Default chunk size: a few MB is enough to keep two cores busy and small enough to stay flat.</summary>
        public const int DefaultChunkBytes = 4 << 20;

        private static readonly char[] Candidates = { ',', '\t', ';', '|' };
        private readonly CsvOptions _options;

        private readonly Encoding? _transcodedFrom;

        private CsvFile(string path, CsvOptions options, char delimiter, string[] columns, long dataOffset, long length, Encoding? transcodedFrom)
        {
            _transcodedFrom = transcodedFrom;
            Path = path;
            _options = options;
            Delimiter = delimiter;
            Columns = columns;
            DataOffset = dataOffset;
            Length = length;
        }

        /// <summary>The file path.</summary>
        public string Path { get; }
        /// <summary>The field delimiter (given, or detected from the header).</summary>
        public char Delimiter { get; }
        /// <summary>The header's column names.</summary>
        public IReadOnlyList<string> Columns { get; }
        /// <inheritdoc/>
        public string SourceName => Path;
        /// <summary>Byte offset of the first data record.</summary>
        public long DataOffset { get; }
        /// <summary>File length when opened: the prefix that is read.</summary>
        public long Length { get; }

        /// <summary>
        /// Bytes of an unfinished last line left out because the file was still being written (0 when none): rows read
        /// are then the consistent prefix of whole records written when the file was opened.
        /// </summary>
        public long PartialTailBytes { get; private set; }

        /// <summary>Reads the header of <paramref name="path"/>; throws <see cref="InputException"/> for an empty file.</summary>
        public static CsvFile Open(string path, CsvOptions? options = null)
        {
            options ??= new CsvOptions();
            long length = new FileInfo(path).Length;
            using Stream file = OpenShared(path);
            byte[] head = ReadHead(file, options.MaxRecordChars, out int headLength);
            Encoding? other = Utf8View.OtherEncoding(head, headLength);
            if (other != null)
            {
                using Stream utf8 = Utf8View.Transcode(OpenShared(path), other);
                head = ReadHead(utf8, options.MaxRecordChars, out headLength);
            }
            int start = headLength >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
            int end = RecordEnd(head, start, headLength);
            string headerText = Encoding.UTF8.GetString(head, start, end - start).TrimEnd('\r', '\n');
            if (headerText.Length == 0) throw new InputException(path, "the file is empty: there is no header row.");
            char delimiter = options.Delimiter ?? DetectDelimiter(headerText, path);
            string[] columns;
            int fieldsAtMost = headerText.Split(delimiter).Length; // quoted delimiters only overcount
            using (var header = CsvRecordSource.Open(new StringReader(headerText + "\n"), path, delimiter, hasHeader: true, options, fields: fieldsAtMost))
            {
                columns = header.Columns.ToArray();
            }
            return new CsvFile(path, options, delimiter, columns, end, length, other);
        }

        /// <summary>The file's first data record (for deciding which columns are numeric), or null if there is none.</summary>
        public ObjectRecord? ReadFirstRecord()
        {
            using Stream stream = OpenData();
            byte[] head = ReadHead(stream, _options.MaxRecordChars, out int length);
            using CsvRecordSource records = ReadChunk(new FileChunk(0, head, RecordEnd(head, 0, length), DataOffset));
            if (!records.Read()) return null;
            var copy = new ObjectRecord(Path, Columns, _options.DecimalComma);
            for (int c = 0; c < Columns.Count; c++)
                if (records.HasField(c)) copy.Set(c, records.GetText(c));
            return copy;
        }

        /// <summary>
        /// The records of one chunk, read by Sylvan (delimiter fixed, no header). A caller that reads many chunks can
        /// lend Sylvan its character buffer (<paramref name="buffer"/>) so that each chunk allocates next to nothing.
        /// </summary>
        public CsvRecordSource ReadChunk(FileChunk chunk, char[]? buffer = null)
        {
            var text = new StreamReader(new MemoryStream(chunk.Buffer, 0, chunk.Length, writable: false), new UTF8Encoding(false), false, 4096);
            return CsvRecordSource.Open(text, Path, Delimiter, hasHeader: false, _options, Columns, buffer, ReadBufferChars);
        }

        /// <summary>A character buffer to lend <see cref="ReadChunk"/>, sized for this file's records.</summary>
        public char[] NewReadBuffer() => new char[ReadBufferChars];

        /// <inheritdoc/>
        object IChunkedFile.NewScratch() => NewReadBuffer();

        /// <inheritdoc/>
        IRecordCursor IChunkedFile.Open(FileChunk chunk, object? scratch) => ReadChunk(chunk, scratch as char[]);

        /// <summary>
        /// Sylvan's buffer for this file: room for two records as wide as the header (at least 64K characters), so that a
        /// reader of a wide file does not grow its buffer again for every chunk. Lend one to every chunk read in turn.
        /// </summary>
        public int ReadBufferChars => (int)Math.Min(Math.Max(CsvRecordSource.BufferChars, 2 * DataOffset), Math.Max(CsvRecordSource.BufferChars, _options.MaxRecordChars));

        /// <summary>
        /// The data records in chunks of about <paramref name="chunkBytes"/> bytes (a record longer than that makes
        /// its chunk longer), read sequentially from the file.
        /// </summary>
        public IEnumerable<FileChunk> Chunks(int chunkBytes = DefaultChunkBytes)
        {
            using Stream stream = OpenData();
            // A transcoded or compressed file's UTF-8 length is not known up front: it is read to its end.
            long toRead = Sequential ? long.MaxValue : Length - DataOffset, offset = DataOffset;
            long limit = Math.Max(chunkBytes, 4L * _options.MaxRecordChars);
            byte[] pending = Array.Empty<byte>();
            bool pendingPooled = false;
            int pendingLength = 0, index = 0;
            while (true)
            {
                byte[] buffer;
                int length, boundary;
                long want = chunkBytes;
                while (true)
                {
                    int capacity = pendingLength + (int)Math.Min(want, toRead);
                    buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, capacity));
                    Buffer.BlockCopy(pending, 0, buffer, 0, pendingLength);
                    if (pendingPooled) ArrayPool<byte>.Shared.Return(pending);
                    pendingPooled = false;
                    int read = Fill(stream, buffer, pendingLength, capacity - pendingLength);
                    toRead -= read;
                    length = pendingLength + read;
                    // At the end of the file the rest is the last chunk, with or without a final line end — unless the
                    // file has grown since it was opened: then a last line without its end is being written, and only
                    // the whole records before it are read (a consistent prefix).
                    bool atEnd = toRead == 0 || read == 0;
                    boundary = atEnd && !StillGrowing(buffer, length) ? length : LastRecordEnd(buffer, length);
                    if (atEnd && boundary < length)
                    {
                        PartialTailBytes = length - boundary;
                        if (boundary == 0) break;
                    }
                    if (boundary > 0 || length == 0) break;
                    // Not one whole record yet (a very long line or quoted field): read on into a bigger buffer.
                    if (length >= limit)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        throw new InputException(Path, $"the record at byte {offset} is longer than {limit} bytes (an unterminated quote?).");
                    }
                    pending = buffer;
                    pendingPooled = true;
                    pendingLength = length;
                    want *= 2;
                }
                if (length == 0 || boundary == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    yield break;
                }
                pendingLength = length - boundary;
                pending = new byte[pendingLength];
                Buffer.BlockCopy(buffer, boundary, pending, 0, pendingLength);
                yield return new FileChunk(index++, buffer, boundary, offset, pooled: true);
                offset += boundary;
                if (toRead == 0 && (pendingLength == 0 || PartialTailBytes > 0)) yield break;
            }
        }

        // The last bytes lack a line end and the file is longer now than when opened: someone is still writing it.
        private bool StillGrowing(byte[] buffer, int length) =>
            !Sequential && length > 0 && buffer[length - 1] != (byte)'\n' && new FileInfo(Path).Length > Length;

        // The file's UTF-8 bytes from the first data record on (DataOffset counts UTF-8 bytes of the header).
        private Stream OpenData()
        {
            Stream file = OpenShared(Path);
            if (!Sequential)
            {
                file.Position = DataOffset;
                return file;
            }
            Stream utf8 = _transcodedFrom == null ? file : Utf8View.Transcode(file, _transcodedFrom);
            var skip = new byte[4096];
            for (long left = DataOffset; left > 0;)
            {
                int n = utf8.Read(skip, 0, (int)Math.Min(skip.Length, left));
                if (n == 0) break;
                left -= n;
            }
            return utf8;
        }

        // Read from the start only (no seeking, no growth check): transcoded from UTF-16/32, or decompressed.
        private bool Sequential => _transcodedFrom != null || Compression.Of(Path) != CompressionKind.None;

        // The file's bytes, decompressed when its extension says it is compressed (.gz, .zst, .br).
        private static Stream OpenShared(string path) => Compression.OpenRead(path);

        private static int Fill(Stream stream, byte[] buffer, int at, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = stream.Read(buffer, at + total, count - total);
                if (n == 0) break;
                total += n;
            }
            return total;
        }

        // Enough of the stream to hold its first record (growing while no line end outside quotes is found).
        private static byte[] ReadHead(Stream stream, int maxRecordChars, out int length)
        {
            byte[] buffer = new byte[64 * 1024];
            length = 0;
            while (true)
            {
                int n = Fill(stream, buffer, length, buffer.Length - length);
                length += n;
                if (n == 0 || RecordEnd(buffer, 0, length) < length || length < buffer.Length) return buffer;
                if (buffer.Length >= 4L * maxRecordChars) return buffer;
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        // End (exclusive) of the record starting at `start`: after the first '\n' outside quotes, or `length`.
        private static int RecordEnd(byte[] b, int start, int length)
        {
            bool quoted = false;
            for (int i = start; i < length; i++)
            {
                if (b[i] == (byte)'"') quoted = !quoted;
                else if (b[i] == (byte)'\n' && !quoted) return i + 1;
            }
            return length;
        }

        // End (exclusive) of the last whole record in b[0, length): after the last '\n' outside quotes; 0 if none.
        // A chunk always starts outside quotes, so quote parity can be tracked from its first byte.
        private static int LastRecordEnd(byte[] b, int length)
        {
            if (Array.IndexOf(b, (byte)'"', 0, length) < 0) return Array.LastIndexOf(b, (byte)'\n', length - 1, length) + 1;
            bool quoted = false;
            int last = 0;
            for (int i = 0; i < length; i++)
            {
                if (b[i] == (byte)'"') quoted = !quoted;
                else if (b[i] == (byte)'\n' && !quoted) last = i + 1;
            }
            return last;
        }

        // The candidate that splits the header most often outside quotes (ties go to ','); tab for .tsv files.
        private static char DetectDelimiter(string header, string path)
        {
            if (Compression.InnerName(path).EndsWith(".tsv", StringComparison.OrdinalIgnoreCase)) return '\t';
            var counts = new int[Candidates.Length];
            bool quoted = false;
            foreach (char ch in header)
            {
                if (ch == '"') quoted = !quoted;
                else if (!quoted)
                {
                    int k = Array.IndexOf(Candidates, ch);
                    if (k >= 0) counts[k]++;
                }
            }
            int best = 0;
            for (int k = 1; k < counts.Length; k++)
                if (counts[k] > counts[best]) best = k;
            return Candidates[best];
        }
    }
}
