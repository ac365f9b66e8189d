namespace CrossEntropy.Data.Sources
{
    /// <summary>
    /// A record of a chunk that the reader cannot take (malformed quoting, over the size limit, bytes invalid in the
    /// file's encoding): bytes [Start, Start + Length) of the chunk. It is still a row — counted and rejected with its
    /// row number — and reading goes on after it.
    /// </summary>
    internal readonly struct BrokenRecord
    {
        public BrokenRecord(int start, int length, string reason, int field = -1)
        {
            Start = start;
            Length = length;
            Reason = reason;
            Field = field;
        }

        /// <summary>Offset in the chunk.</summary>
        public int Start { get; }
        /// <summary>Bytes in the record.</summary>
        public int Length { get; }
        /// <summary>Why it cannot be read.</summary>
        public string Reason { get; }
        /// <summary>0-based field the fault is in; -1 for the record as a whole.</summary>
        public int Field { get; }
    }
}
