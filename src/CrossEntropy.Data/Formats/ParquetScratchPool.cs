#if NET
using System.Collections.Concurrent;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// Workers' buffers kept between reads in this process: each read of a file used to allocate its own (≈1 MB a column
    /// on the large object heap), and two full collections a call cost more than the decoding. Bounded in count and in
    /// size, so the memory kept stays flat; a buffer goes back only once its file's read is over.
    /// </summary>
    internal static class ParquetScratchPool
    {
        // Enough for a file read by two workers plus the row group its Open decodes, and for a second file at a time.
        private const int MaxKept = 6;
        // A scratch larger than this (huge row groups, many columns) is left to the collector rather than kept.
        private const long MaxBytes = 64L * 1024 * 1024;

        private static readonly ConcurrentBag<ParquetScratch> Idle = new ConcurrentBag<ParquetScratch>();

        /// <summary>A scratch with room for <paramref name="fields"/> fields: a kept one if any, else a new one.</summary>
        public static ParquetScratch Rent(int fields)
        {
            if (!Idle.TryTake(out ParquetScratch? scratch)) return new ParquetScratch(fields);
            scratch.Fit(fields);
            return scratch;
        }

        /// <summary>Keeps <paramref name="scratch"/> for a later read (no column decoded into it may be read any more).</summary>
        public static void Return(ParquetScratch scratch)
        {
            if (Idle.Count < MaxKept && scratch.Bytes() <= MaxBytes) Idle.Add(scratch);
        }
    }
}
#endif
