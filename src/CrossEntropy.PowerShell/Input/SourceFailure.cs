using System.Management.Automation;
using CrossEntropy.Data.Problems;

namespace CrossEntropy.Input
{
    /// <summary>
    /// A source that cannot be read (a path not found, a directory, an unreadable or malformed file, columns that cannot
    /// be mapped): the error PowerShell would see, with the source, the reason and the kind of problem apart.
    /// </summary>
    internal sealed class SourceFailure
    {
        public SourceFailure(string source, string reason, ProblemKind kind, ErrorRecord error, bool terminating)
        {
            Source = source;
            Reason = reason;
            Kind = kind;
            Error = error;
            Terminating = terminating;
        }

        /// <summary>The path (or "pipeline input", "DataFrame", "arguments").</summary>
        public string Source { get; }
        /// <summary>What is wrong, without the source's name.</summary>
        public string Reason { get; }
        /// <summary>Header: the columns cannot be mapped (or there is no header); Source: it cannot be found or read.</summary>
        public ProblemKind Kind { get; }
        /// <summary>The error as it is written when nobody takes the failure over.</summary>
        public ErrorRecord Error { get; }
        /// <summary>True for input that is not a file (pipeline rows, a DataFrame, arguments): nothing else can be read, so the error is terminating.</summary>
        public bool Terminating { get; }
    }
}
