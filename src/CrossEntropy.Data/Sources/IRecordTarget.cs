using CrossEntropy.Data.Records;
using CrossEntropy.Data.Schemas;

namespace CrossEntropy.Data.Sources
{
    /// <summary>What kind of source records come from.</summary>
    internal enum SourceKind
    {
        /// <summary>A delimited file (-Path, -LiteralPath, a FileInfo).</summary>
        File,
        /// <summary>Objects from the pipeline (-InputObject).</summary>
        Pipeline,
        /// <summary>A Microsoft.Data.Analysis DataFrame.</summary>
        DataFrame,
        /// <summary>Explicit arrays (-Logit, -Probability).</summary>
        Arguments,
    }

    /// <summary>
    /// Where the records of sources go (a run, a validation): the input layer maps each source to a schema and hands
    /// its records here, one source after another. Files are handed whole, so that the target reads them its way
    /// (in parallel chunks, or sequentially).
    /// </summary>
    internal interface IRecordTarget
    {
        /// <summary>A source begins: its columns are mapped to <paramref name="schema"/>.</summary>
        void BeginSource(Schema schema, SourceKind kind);

        /// <summary>One record of the current source (1-based <paramref name="row"/>); <paramref name="tag"/> is the pipeline object, if any.</summary>
        void Add(IRecord record, long row, object? tag);

        /// <summary>Every record of the current source, a file; returns the rows read.</summary>
        long ReadFile(IChunkedFile file, FileReading reading);

        /// <summary>The current source has no more records.</summary>
        void EndSource();
    }
}
