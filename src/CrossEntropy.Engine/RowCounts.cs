namespace CrossEntropy.Engine
{
    /// <summary>
    /// How many rows were used, ignored (their label is the ignore index) and rejected: every row read is exactly one
    /// of them, so Read = Used + Ignored + Rejected. The one count type of every layer; plain data, merged by adding.
    /// </summary>
    internal struct RowCounts
    {
        /// <summary>Rows counted in the figures.</summary>
        public long Used;
        /// <summary>Rows whose label is the ignore index.</summary>
        public long Ignored;
        /// <summary>Rows that could not be read or have no defined loss.</summary>
        public long Rejected;

        /// <summary>Every row read.</summary>
        public readonly long Read => Used + Ignored + Rejected;

        /// <summary>Counts one row of <paramref name="status"/>.</summary>
        public void Count(RowStatus status)
        {
            if (status == RowStatus.Used) Used++;
            else if (status == RowStatus.Ignored) Ignored++;
            else Rejected++;
        }

        /// <summary>Adds another count.</summary>
        public void Add(in RowCounts other)
        {
            Used += other.Used;
            Ignored += other.Ignored;
            Rejected += other.Rejected;
        }
    }
}
