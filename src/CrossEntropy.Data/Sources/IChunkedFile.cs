using System;
using System.Collections.Generic;
using CrossEntropy.Data.Records;

namespace CrossEntropy.Data.Sources
{
    /// <summary>
    /// A file read in chunks of whole records that can be parsed on different threads (a delimited text file today;
    /// any format whose records come in independent pieces fits): its header, its chunks in file order, and a cursor
    /// over one chunk's records. <see cref="ParallelFile"/> and <see cref="FileReading"/> read any of them.
    /// </summary>
    internal interface IChunkedFile : ISourceHeader
    {
        /// <summary>Bytes before the first chunk (the header), where progress starts.</summary>
        long DataOffset { get; }

        /// <summary>The file's length when opened: the part that is read.</summary>
        long Length { get; }

        /// <summary>The chunks of about <paramref name="chunkBytes"/> bytes, in file order, read one after another.</summary>
        IEnumerable<FileChunk> Chunks(int chunkBytes);

        /// <summary>Scratch a reader of this file's chunks can reuse chunk after chunk (one per worker).</summary>
        object NewScratch();

        /// <summary>The records of <paramref name="chunk"/>, read with <paramref name="scratch"/> (from <see cref="NewScratch"/>).</summary>
        IRecordCursor Open(FileChunk chunk, object? scratch);
    }

    /// <summary>Records read one after another; the cursor is also the current record.</summary>
    internal interface IRecordCursor : IRecord, IDisposable
    {
        /// <summary>Moves to the next record; false at the end.</summary>
        bool Read();
    }
}
