namespace CrossEntropy.Data.Problems
{
    /// <summary>What is wrong with an input, row or source. The order is the validation report's.</summary>
    internal enum ProblemKind
    {
        /// <summary>A source that cannot be read: no such file, a directory, an unreadable or malformed file, no input at all.</summary>
        Source,
        /// <summary>The header cannot be mapped: no score or label column, a duplicated column, a named column missing.</summary>
        Header,
        /// <summary>A file's classes (or input kind) differ from the first file's.</summary>
        ClassMismatch,
        /// <summary>A file with a header but no data rows.</summary>
        NoRows,
        /// <summary>A file whose row count is not the one expected.</summary>
        RowCount,
        /// <summary>A row with more or fewer cells than the header.</summary>
        RaggedRow,
        /// <summary>An empty or missing cell in a column that is read.</summary>
        MissingValue,
        /// <summary>A cell that is not a number (read culture-invariantly).</summary>
        NotANumber,
        /// <summary>A NaN value.</summary>
        NaN,
        /// <summary>An infinite score, target or weight.</summary>
        Infinite,
        /// <summary>A probability or target outside [0, 1], a negative weight, a number beyond double's range.</summary>
        OutOfRange,
        /// <summary>A probability row (or soft-target row) that does not sum to 1 within the tolerance.</summary>
        SumNotOne,
        /// <summary>A label that is neither a class name nor a class index.</summary>
        UnknownLabel,
        /// <summary>A class index outside 0..C-1 (a binary label other than 0 or 1).</summary>
        LabelOutOfRange,
        /// <summary>An id seen on an earlier row of the same file.</summary>
        DuplicateId,
        /// <summary>A row the loss rejected (its numbers have no defined loss); validation names the exact kind instead.</summary>
        Rejected,
    }
}
