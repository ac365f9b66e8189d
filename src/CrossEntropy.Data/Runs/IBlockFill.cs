using CrossEntropy.Engine;

namespace CrossEntropy.Data.Runs
{
    /// <summary>
    /// A chunk's record cursor that can move rows into a block in bulk, column by column, instead of one
    /// <see cref="RowReader.TryAdd"/> a row (a Parquet row group's decoded columns). It takes only rows that TryAdd would
    /// add exactly as they stand and stops at the first it cannot vouch for (a null, a label that is not a plain class
    /// index, a bad weight...): the caller reads that row the usual way (<c>Read</c> and TryAdd, which says what is wrong)
    /// and asks again. So output, errors and row accounting are the per-row path's.
    /// </summary>
    internal interface IBlockFill
    {
        /// <summary>
        /// Adds the rows after the cursor's current one to <paramref name="block"/> (not full), numbered from
        /// <paramref name="firstRow"/>, while each is one <paramref name="reader"/> would add unchanged, up to the block's
        /// capacity; the cursor moves past them. Returns how many (0: read the next row the usual way).
        /// </summary>
        int Fill(RowBlock block, RowReader reader, long firstRow);
    }
}
