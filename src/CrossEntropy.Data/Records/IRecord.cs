using System;
using System.Collections.Generic;

namespace CrossEntropy.Data.Records
{
    /// <summary>
    /// One input row seen through its source's header: a CSV record, a pipeline object, a DataFrame row, explicit
    /// arrays. Ordinals are positions in <see cref="ISourceHeader.Columns"/>.
    /// </summary>
    internal interface IRecord
    {
        /// <summary>False when the row has no cell for the column (a short CSV row, an object without the property).</summary>
        bool HasField(int ordinal);

        /// <summary>The cell as a double, parsed culture-invariantly; see <see cref="NumberText"/>.</summary>
        NumberParse TryGetDouble(int ordinal, out double value);

        /// <summary>The cell as text (labels, group keys, error messages); numbers formatted invariantly.</summary>
        string GetText(int ordinal);

        /// <summary>The cell's characters without making a string where the source can avoid it.</summary>
        ReadOnlySpan<char> GetSpan(int ordinal);

        /// <summary>Why the row as a whole is malformed (e.g. a CSV row with too many cells); null when it is not.</summary>
        string? ShapeProblem { get; }
    }

    /// <summary>
    /// A record that can read many number cells in one call (a CSV row read from bytes): the per-cell interface calls
    /// are a sizeable share of reading a file. It answers only when every cell is a plain number; otherwise the caller
    /// reads cell by cell as for any record, so the outcome is the same either way.
    /// </summary>
    internal interface INumberRow
    {
        /// <summary>Reads the cells <paramref name="ordinals"/> into <paramref name="into"/>; false when one is not a plain number.</summary>
        bool TryGetDoubles(int[] ordinals, Span<double> into);
    }

    /// <summary>A source's header: its name and the column names its rows are read through.</summary>
    internal interface ISourceHeader
    {
        /// <summary>Column names in order.</summary>
        IReadOnlyList<string> Columns { get; }

        /// <summary>The file path, or a short description such as "pipeline input".</summary>
        string SourceName { get; }
    }
}
