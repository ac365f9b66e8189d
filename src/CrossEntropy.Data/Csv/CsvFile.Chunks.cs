using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Csv
{
    /// <summary>CsvFile's chunks: whole records read sequentially, cut only at line ends outside quotes.</summary>
    internal sealed partial class CsvFile
    {
        /// <summary>
        /// The data records in chunks of about <paramref name="chunkBytes"/> bytes (a record longer than that makes
        /// its chunk longer), read sequentially from the file. Records the reader cannot take travel with their chunk
        /// (<see cref="FileChunk.Broken"/>) and cost only themselves (<see cref="RecordScanner"/>).
        /// </summary>
        public IEnumerable<FileChunk> Chunks(int chunkBytes = DefaultChunkBytes)
        {
            using Stream stream = OpenData();
            // A transcoded or compressed file's UTF-8 length is not known up front: it is read to its end.
            long toRead = Sequential ? long.MaxValue : Length - DataOffset, offset = DataOffset;
            int maxRecord = _options.MaxRecordChars;
            byte[] pending = Array.Empty<byte>();
            bool pendingPooled = false, skipping = false;
            int pendingLength = 0, index = 0;
            var broken = new List<BrokenRecord>();
            while (true)
            {
                byte[] buffer;
                int length, boundary;
                RecordScanner.Scan scan;
                long want = chunkBytes;
                while (true)
                {
                    int capacity = pendingLength + (int)Math.Min(want, toRead);
                    buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, capacity));
                    Buffer.BlockCopy(pending, 0, buffer, 0, pendingLength);
                    if (pendingPooled) ArrayPool<byte>.Shared.Return(pending);
                    pendingPooled = false;
                    int read = Fill(stream, buffer, pendingLength, capacity - pendingLength);
                    if (read < capacity - pendingLength && !Sequential && toRead - read > 0) MissingBytes = toRead - read; // shrunk
                    toRead = read < capacity - pendingLength ? 0 : toRead - read;
                    length = pendingLength + read;
                    bool atEnd = toRead == 0;
                    if (skipping)
                    {
                        // The rest of an over-long line cut at the size limit: part of the record already rejected.
                        int lineEnd = new ReadOnlySpan<byte>(buffer, 0, length).IndexOfAny((byte)'\n', (byte)'\r');
                        int drop = lineEnd < 0 ? length : lineEnd + (buffer[lineEnd] == (byte)'\r' && lineEnd + 1 < length && buffer[lineEnd + 1] == (byte)'\n' ? 2 : 1);
                        skipping = lineEnd < 0;
                        Buffer.BlockCopy(buffer, drop, buffer, 0, length - drop);
                        length -= drop;
                        offset += drop;
                    }
                    // At the end of the file the rest is the last chunk, with or without a final line end — unless the
                    // file has grown since it was opened: then a last line without its end is being written, and only
                    // the whole records before it are read (a consistent prefix).
                    broken.Clear();
                    scan = RecordScanner.Records(buffer, length, DelimiterByte, atEnd && !StillGrowing(buffer, length), maxRecord, broken);
                    boundary = scan.End;
                    if (atEnd && boundary < length)
                    {
                        PartialTailBytes = length - boundary;
                        if (boundary == 0) break;
                    }
                    if (boundary > 0 || length == 0 && atEnd) break;
                    // Not one whole record yet (a long line or quoted field): read on into a bigger buffer.
                    pending = buffer;
                    pendingPooled = true;
                    pendingLength = length;
                    if (length > 0) want *= 2;
                }
                if (length == 0 || boundary == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    yield break;
                }
                pendingLength = length - boundary;
                pending = new byte[pendingLength];
                Buffer.BlockCopy(buffer, boundary, pending, 0, pendingLength);
                skipping = scan.CutLine;
                yield return new FileChunk(index++, buffer, boundary, offset, pooled: true) { Broken = broken.Count > 0 ? broken.ToArray() : null, PlainAscii = scan.PlainAscii };
                offset += boundary;
                if (toRead == 0 && (pendingLength == 0 || PartialTailBytes > 0)) yield break;
            }
        }

        /// <summary>Bytes that were there when the file was opened but could not be read: it shrank while being read (0 when not).</summary>
        public long MissingBytes { get; private set; }

        // The last bytes lack a line end and the file is longer now than when opened: someone is still writing it.
        private bool StillGrowing(byte[] buffer, int length) =>
            !Sequential && length > 0 && buffer[length - 1] != (byte)'\n' && buffer[length - 1] != (byte)'\r' && new FileInfo(Path).Length > Length;
    }
}
