using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Sources;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// A stream of text lines (JSON Lines, plain or decompressed) cut into chunks of whole lines, read one after
    /// another from pooled buffers, so any file size reads in flat memory and the chunks can be parsed on other threads.
    /// A UTF-8 byte order mark at the start is skipped. JSON text never holds a raw line end, so every '\n' ends a record.
    /// </summary>
    internal static class LineChunks
    {
        /// <summary>The longest line read (a guard against a file that is not line-delimited at all).</summary>
        public const int MaxLineBytes = 256 << 20;

        /// <summary>The chunks of <paramref name="stream"/> (disposed at the end), about <paramref name="chunkBytes"/> each.</summary>
        public static IEnumerable<FileChunk> Read(Stream stream, int chunkBytes, string path)
        {
            using (stream)
            {
                byte[] carry = Array.Empty<byte>();
                int carryLength = 0, index = 0, want = chunkBytes;
                long offset = 0;
                bool first = true;
                while (true)
                {
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(carryLength + want);
                    Buffer.BlockCopy(carry, 0, buffer, 0, carryLength);
                    int length = carryLength + Fill(stream, buffer, carryLength, want);
                    bool atEnd = length < carryLength + want;
                    int start = 0;
                    if (first && length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) start = 3;
                    first = false;
                    if (start > 0) Buffer.BlockCopy(buffer, start, buffer, 0, length -= start);
                    int boundary = atEnd ? length : Array.LastIndexOf(buffer, (byte)'\n', Math.Max(0, length - 1), length) + 1;
                    if (boundary == 0 && !atEnd)
                    {
                        // Not one whole line yet: read on with a bigger buffer.
                        if (length >= MaxLineBytes)
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                            throw new InputException(path, $"the line at byte {offset} is longer than {MaxLineBytes} bytes (is this a JSON Lines file?).");
                        }
                        carry = buffer.AsSpan(0, length).ToArray();
                        carryLength = length;
                        ArrayPool<byte>.Shared.Return(buffer);
                        want *= 2;
                        continue;
                    }
                    want = chunkBytes;
                    carryLength = length - boundary;
                    carry = buffer.AsSpan(boundary, carryLength).ToArray();
                    if (boundary == 0)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        yield break;
                    }
                    yield return new FileChunk(index++, buffer, boundary, offset, pooled: true);
                    offset += boundary;
                    if (atEnd && carryLength == 0) yield break;
                }
            }
        }

        /// <summary>Reads until <paramref name="count"/> bytes are in or the stream ends.</summary>
        public static int Fill(Stream stream, byte[] buffer, int at, int count)
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
    }
}
