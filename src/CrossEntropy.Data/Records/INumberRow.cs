using System;

namespace CrossEntropy.Data.Records
{
    /// <summary>
    /// A record that can hand over a row's scores in one call instead of two interface calls a number (a CSV row read
    /// from bytes, a Parquet row group): the per-cell calls are a sizeable share of reading a file. It answers only when
    /// every cell is a plain number; <see cref="Runs.RowReader"/> falls back to reading cell by cell, which names what is
    /// wrong, when it returns false.
    /// </summary>
    internal interface INumberRow
    {
        /// <summary>Copies the cells at <paramref name="ordinals"/> into <paramref name="values"/>; false if one is not a number.</summary>
        bool TryGetDoubles(int[] ordinals, Span<double> values);
    }
}
