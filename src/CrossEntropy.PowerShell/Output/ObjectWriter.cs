using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Results;

namespace CrossEntropy.Output
{
    /// <summary>
    /// Writes a cmdlet's output objects down the pipeline one by one, or with -AsDataFrame keeps them for one
    /// Microsoft.Data.Analysis DataFrame written at the end; and writes rejected rows as errors.
    /// </summary>
    internal sealed class ObjectWriter
    {
        private readonly Cmdlet _cmdlet;
        private readonly bool _asDataFrame;
        private readonly List<object> _kept = new List<object>();

        /// <summary>A writer for <paramref name="cmdlet"/>; <paramref name="asDataFrame"/> keeps the objects for one DataFrame.</summary>
        public ObjectWriter(Cmdlet cmdlet, bool asDataFrame = false)
        {
            _cmdlet = cmdlet;
            _asDataFrame = asDataFrame;
        }

        /// <summary>The cmdlet written to.</summary>
        public Cmdlet Cmdlet => _cmdlet;

        /// <summary>Writes <paramref name="item"/>, or keeps it for the DataFrame.</summary>
        public void Write(object item)
        {
            if (_asDataFrame) _kept.Add(item);
            else _cmdlet.WriteObject(item);
        }

        /// <summary>Writes the kept objects as one DataFrame (nothing if none were kept).</summary>
        public void Flush()
        {
            if (_kept.Count == 0) return;
            _cmdlet.WriteObject(DataFrameOutput.From(_kept));
            _kept.Clear();
        }

        /// <summary>
        /// Writes a rejected row as a non-terminating InvalidData error naming the file, row, column and value; its
        /// target is the pipeline object, or else the problem itself (Source, Row, Column, Value).
        /// </summary>
        public void Problem(Problem problem) =>
            _cmdlet.WriteError(new ErrorRecord(new InvalidDataException(problem.ToString()), "CrossEntropy.InvalidRow",
                ErrorCategory.InvalidData, problem.Tag ?? CheckResults.Problem(problem)));
    }
}
