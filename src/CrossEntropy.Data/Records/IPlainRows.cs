using CrossEntropy.Engine;

namespace CrossEntropy.Data.Records
{
    /// <summary>
    /// A record cursor that can put plain rows (<see cref="PlainRowLayout"/>) straight into a block, without a record
    /// and per-cell calls for each. It takes only rows it reads exactly as <see cref="Runs.RowReader"/> would, and stops
    /// before the first other one, which the caller then reads as a record (so errors, row numbers and counts do not
    /// change).
    /// </summary>
    internal interface IPlainRows
    {
        /// <summary>
        /// Appends rows from the cursor's position to <paramref name="block"/>, numbered from <paramref name="firstRow"/>,
        /// until the block is full, the rows end, or a row is not plain (left for <see cref="Sources.IRecordCursor.Read"/>).
        /// Returns how many it appended.
        /// </summary>
        int ReadPlainRows(PlainRowLayout layout, RowBlock block, long firstRow);
    }
}
