using System;
using CrossEntropy.Data.Csv;

namespace CrossEntropy.Data.Sources
{
    /// <summary>How a file is read: on how many threads, until when, and where progress goes.</summary>
    internal sealed class FileReading
    {
        /// <summary>Threads that parse and compute chunks at once (parallel reads only).</summary>
        public int Threads { get; init; } = 1;
        /// <summary>Polled between chunks (and rows, on sequential reads): true ends the read early.</summary>
        public Func<bool> Stopping { get; init; } = () => false;
        /// <summary>Called on the reading thread after each chunk with (bytes, rows) so far.</summary>
        public Action<long, long>? Progress { get; init; }
        /// <summary>Chunk size in bytes.</summary>
        public int ChunkBytes { get; init; } = CsvFile.DefaultChunkBytes;

        /// <summary>
        /// Reads every record of <paramref name="file"/> on this thread, one chunk after another, into
        /// <paramref name="add"/> (record, 1-based row); returns the rows read.
        /// </summary>
        public long Sequentially(IChunkedFile file, Action<Records.IRecord, long> add)
        {
            long row = 0;
            object scratch = file.NewScratch();
            foreach (FileChunk chunk in file.Chunks(ChunkBytes))
            {
                try
                {
                    using IRecordCursor records = file.Open(chunk, scratch);
                    while (records.Read())
                    {
                        if (Stopping()) return row;
                        add(records, ++row);
                    }
                }
                finally
                {
                    chunk.Release();
                }
                Progress?.Invoke(chunk.FileOffset + chunk.Length, row);
            }
            return row;
        }
    }
}
