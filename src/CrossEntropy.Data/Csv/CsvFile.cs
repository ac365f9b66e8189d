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
    /// quotes, so quoted fields with embedded delimiters and newlines stay whole. A chunk without quotes is read straight
    /// from its UTF-8 bytes, any other by Sylvan.Data.Csv (<see cref="ReadChunk"/>). The file is read sequentially, one chunk at a time, so memory stays
    /// flat however large it is; it is opened for shared reading, so a file still being written can be read (up to
    /// its length when opened).
    /// </summary>
    internal sealed partial class CsvFile : IChunkedFile
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
            // A pipe, FIFO or device (/dev/stdin) has no length and cannot be opened again for its chunks.
            if (!file.CanSeek && Compression.Of(path) == CompressionKind.None)
                throw new InputException(path, "it is not a regular file (a pipe, FIFO or device such as /dev/stdin), so it cannot be read in chunks; save its contents to a file and read that.");
            byte[] head = ReadHead(file, options.MaxRecordChars, out int headLength);
            string? compressed = CompressedInput.Format(head, headLength, path);
            if (compressed != null) throw new InputException(path, CompressedInput.Reason(compressed, path));
            Encoding? other = Utf8View.OtherEncoding(head, headLength)
                ?? (options.Encoding != null && options.Encoding.CodePage != Encoding.UTF8.CodePage ? options.Encoding : null);
            if (other != null)
            {
                using Stream utf8 = Utf8View.Transcode(OpenShared(path), other);
                head = ReadHead(utf8, options.MaxRecordChars, out headLength);
            }
            int start = headLength >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
            int end = RecordEnd(head, start, headLength);
            int invalid = Utf8Check.FirstInvalid(head, start, end);
            if (invalid >= 0)
                throw new InputException(path, $"the header has bytes that are not valid {EncodingName(other)} (at byte {invalid}); give the file's encoding with -Encoding.");
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

        // What the file's bytes are read as: its BOM's encoding, the one given, or UTF-8.
        private static string EncodingName(Encoding? other) => other == null ? "UTF-8" : other.WebName;

        /// <summary>The file's first data record (for deciding which columns are numeric), or null if there is none.</summary>
        public ObjectRecord? ReadFirstRecord()
        {
            using Stream stream = OpenData();
            byte[] head = ReadHead(stream, _options.MaxRecordChars, out int length);
            try
            {
                using IRecordCursor records = ReadChunk(new FileChunk(0, head, RecordEnd(head, 0, length), DataOffset));
                if (!records.Read() || records.ShapeProblem != null) return null;
                var copy = new ObjectRecord(Path, Columns, _options.DecimalComma);
                for (int c = 0; c < Columns.Count; c++)
                    if (records.HasField(c)) copy.Set(c, records.GetText(c));
                return copy;
            }
            catch (InputException e) when (e.Failure == InputFailure.Malformed)
            {
                return null; // the record is rejected, with its row, when the file is read
            }
        }

        /// <summary>
        /// The records of one chunk: straight from its bytes when it has no quote (ByteChunkReader, .NET 8 and later), else
        /// by Sylvan (delimiter fixed, no header) — the same records either way. A caller that reads many chunks can
        /// lend Sylvan its character buffer (<paramref name="buffer"/>) so that each chunk allocates next to nothing.
        /// Records the reader cannot take (found when the file was cut into chunks, or bytes invalid in the file's
        /// encoding, found here on the worker's thread) are rows of their own that say what is wrong.
        /// </summary>
        public IRecordCursor ReadChunk(FileChunk chunk, char[]? buffer = null)
        {
            IReadOnlyList<BrokenRecord>? broken = chunk.PlainAscii ? chunk.Broken : WithInvalidBytes(chunk); // ASCII is valid UTF-8
            bool bytes = ReadsBytes(chunk);
            if (broken == null) return bytes ? (IRecordCursor)FromBytes(chunk.Buffer, 0, chunk.Length) : Sylvan(chunk.Buffer, 0, chunk.Length, buffer);
            return new BrokenRecordCursor(chunk, broken, Columns,
                (from, to) => bytes ? (IRecordCursor)FromBytes(chunk.Buffer, from, to) : Sylvan(chunk.Buffer, from, to - from, buffer));
        }

        // Quote-free UTF-8 with an ASCII delimiter is read straight from its bytes (ByteChunkReader: the same records,
        // cells and numbers as Sylvan's, without its UTF-16 copy); quotes, a transcoded file and other delimiters take
        // Sylvan, and so does a NUL byte (Sylvan, given no comment character, skips a line that starts with one).
        private bool ReadsBytes(FileChunk chunk)
        {
#if NET8_0_OR_GREATER
            return _options.ReadsBytes && _transcodedFrom == null && DelimiterByte != 0
                && (chunk.PlainAscii || new ReadOnlySpan<byte>(chunk.Buffer, 0, chunk.Length).IndexOfAny((byte)'"', (byte)0) < 0);
#else
            return false;
#endif
        }

#if NET8_0_OR_GREATER
        private ByteChunkReader FromBytes(byte[] bytes, int from, int to) =>
            new ByteChunkReader(bytes, from, to, DelimiterByte, Columns, _options.DecimalComma);
#else
        private IRecordCursor FromBytes(byte[] bytes, int from, int to) => throw new PlatformNotSupportedException();
#endif

        private CsvRecordSource Sylvan(byte[] bytes, int from, int count, char[]? buffer)
        {
            var text = new StreamReader(new MemoryStream(bytes, from, count, writable: false), new UTF8Encoding(false), false, 4096);
            return CsvRecordSource.Open(text, Path, Delimiter, hasHeader: false, _options, Columns, buffer, ReadBufferChars);
        }

        // The chunk's broken records, with those holding bytes invalid in the file's encoding added (a transcoded file
        // marks bytes it cannot decode as invalid UTF-8: see Utf8View).
        private IReadOnlyList<BrokenRecord>? WithInvalidBytes(FileChunk chunk)
        {
            byte[] b = chunk.Buffer;
            int bad = Utf8Check.FirstInvalid(b, 0, chunk.Length);
            if (bad < 0) return chunk.Broken;
            var list = new List<BrokenRecord>(chunk.Broken ?? Array.Empty<BrokenRecord>());
            while (bad >= 0)
            {
                (int start, int end) = RecordScanner.RecordAt(b, chunk.Length, DelimiterByte, bad, _options.MaxRecordChars);
                if (!list.Exists(r => r.Start == start))
                {
                    string bytes = _transcodedFrom == null ? $" (byte 0x{b[bad]:X2})" : "";
                    list.Add(new BrokenRecord(start, end - start,
                        $"has bytes that are not valid {EncodingName(_transcodedFrom)}{bytes}; give the file's encoding with -Encoding (for example Latin1)",
                        RecordScanner.FieldAt(b, start, bad, DelimiterByte)));
                }
                bad = Utf8Check.FirstInvalid(b, end, chunk.Length);
            }
            list.Sort((x, y) => x.Start.CompareTo(y.Start));
            return list;
        }

        // The delimiter as the scanner sees it (outside ASCII: a quote opens a quoted field only at a record's start).
        private byte DelimiterByte => Delimiter < 0x80 ? (byte)Delimiter : (byte)0;

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

        // End (exclusive) of the record starting at `start`: after the first line end (LF, CRLF or CR) outside quotes, or `length`.
        private static int RecordEnd(byte[] b, int start, int length)
        {
            bool quoted = false;
            for (int i = start; i < length; i++)
            {
                if (b[i] == (byte)'"') quoted = !quoted;
                else if ((b[i] == (byte)'\n' || b[i] == (byte)'\r') && !quoted)
                    return b[i] == (byte)'\r' && i + 1 < length && b[i + 1] == (byte)'\n' ? i + 2 : i + 1;
            }
            return length;
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
