using System;

namespace CrossEntropy.Data.Problems
{
    /// <summary>Why a source as a whole cannot be read.</summary>
    internal enum InputFailure
    {
        /// <summary>The input has no usable shape: no header, columns that cannot be mapped, a record beyond the size limit.</summary>
        Invalid,
        /// <summary>The text is not well-formed CSV (an unterminated quote, a record the CSV reader refuses).</summary>
        Malformed,
    }

    /// <summary>
    /// A source that cannot be read (no header, no score columns, a missing label column, malformed CSV...): the one
    /// exception the input layer throws about its input, with the source and the reason apart. The message is
    /// "source: reason".
    /// </summary>
    internal sealed class InputException : Exception
    {
        /// <summary>Creates the exception for <paramref name="source"/>.</summary>
        public InputException(string source, string reason, InputFailure failure = InputFailure.Invalid, Exception? inner = null)
            : base(source + ": " + reason, inner)
        {
            SourceName = source;
            Reason = reason;
            Failure = failure;
        }

        /// <summary>File path, "pipeline input", "DataFrame" or "arguments".</summary>
        public string SourceName { get; }

        /// <summary>What is wrong with it.</summary>
        public string Reason { get; }

        /// <summary>Invalid input, or malformed CSV.</summary>
        public InputFailure Failure { get; }
    }
}
