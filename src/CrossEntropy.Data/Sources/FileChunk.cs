using System.Buffers;
using System.Collections.Generic;
using System.Threading;

namespace CrossEntropy.Data.Sources
{
    /// <summary>
    /// A run of whole records of a file: bytes [0, Length) of Buffer, starting at FileOffset. Buffers of
    /// <see cref="IChunkedFile.Chunks"/> come from a shared pool: <see cref="Release"/> a chunk once its records are read,
    /// so a file of any size cycles through the same few buffers (large arrays left to the GC pile up between full
    /// collections).
    /// </summary>
    internal sealed class FileChunk
    {
        private int _pooled;

        internal FileChunk(int index, byte[] buffer, int length, long fileOffset, bool pooled = false, object? batch = null)
        {
            Index = index;
            Buffer = buffer;
            Length = length;
            FileOffset = fileOffset;
            _pooled = pooled ? 1 : 0;
            Batch = batch;
        }

        /// <summary>A binary format's decoded piece (an Arrow record batch) instead of bytes; null for text chunks.</summary>
        public object? Batch { get; }

        /// <summary>Gives the buffer back to the pool (once; the chunk must not be read afterwards).</summary>
        public void Release()
        {
            if (Interlocked.Exchange(ref _pooled, 0) == 1) ArrayPool<byte>.Shared.Return(Buffer);
        }

        /// <summary>0-based position of the chunk in the file.</summary>
        public int Index { get; }
        /// <summary>The bytes (only the first <see cref="Length"/> are the chunk's).</summary>
        public byte[] Buffer { get; }
        /// <summary>
        /// Bytes in the chunk; for a binary format's piece (no buffer), the bytes of the file it was decoded from, which
        /// progress counts.
        /// </summary>
        public int Length { get; }
        /// <summary>Where the chunk starts in the file.</summary>
        public long FileOffset { get; }
        /// <summary>The piece of the file the chunk is, as errors name it ("row group 2"); null for text chunks.</summary>
        public string? Part { get; init; }
        /// <summary>Records of the chunk the reader cannot take, in order (null: none).</summary>
        public IReadOnlyList<BrokenRecord>? Broken { get; init; }
        /// <summary>
        /// The text chunk's bytes were found to be ASCII without a quote, NUL or lone CR (a CR only as part of a CRLF) when
        /// the file was cut (so valid UTF-8, its records are its lines): the reader need not look again. False: not known.
        /// </summary>
        public bool PlainAscii { get; init; }
    }
}
