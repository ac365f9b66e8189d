namespace CrossEntropy.Data
{
    /// <summary>
    /// One input row seen through its source's header: a CSV record, a pipeline object, an explicit array.
    /// Ordinals are positions in <see cref="IRecordSource.Columns"/>.
    /// </summary>
    public interface IRecord
    {
        /// <summary>False when the row has no cell for the column (a short CSV row, an object without the property).</summary>
        bool HasField(int ordinal);

        /// <summary>The cell as a double, parsed culture-invariantly; see <see cref="NumberText"/>.</summary>
        NumberParse TryGetDouble(int ordinal, out double value);

        /// <summary>The cell as text (labels, group keys, error messages); numbers formatted invariantly.</summary>
        string GetText(int ordinal);

        /// <summary>The cell's characters without making a string where the source can avoid it.</summary>
        System.ReadOnlySpan<char> GetSpan(int ordinal);

        /// <summary>Why the row as a whole is malformed (e.g. a CSV row with too many cells); null when it is not.</summary>
        string? ShapeProblem { get; }
    }

    /// <summary>A header: the column names rows are read through.</summary>
    public interface IRecordSource
    {
        /// <summary>Column names in order.</summary>
        System.Collections.Generic.IReadOnlyList<string> Columns { get; }

        /// <summary>The file path, or a short description such as "pipeline input".</summary>
        string SourceName { get; }
    }
}
