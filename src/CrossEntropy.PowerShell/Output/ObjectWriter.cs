using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Results;
using CrossEntropy.Data.Schemas;

namespace CrossEntropy.Output
{
    /// <summary>
    /// Writes a cmdlet's output objects down the pipeline one by one, or with -AsDataFrame keeps them for one
    /// Microsoft.Data.Analysis DataFrame written at the end; and writes rejected rows as errors, a few per reason and
    /// then one summary per reason at the end of the run (<see cref="ProblemDigest"/>).
    /// </summary>
    internal sealed class ObjectWriter
    {
        // The writer of each running cmdlet, so the run driver can close a run's problems without every output passing it on.
        private static readonly ConditionalWeakTable<Cmdlet, ObjectWriter> Writers = new ConditionalWeakTable<Cmdlet, ObjectWriter>();

        private readonly Cmdlet _cmdlet;
        private readonly bool _asDataFrame;
        private readonly List<object> _kept = new List<object>();
        private readonly ProblemDigest _digest = new ProblemDigest();

        /// <summary>A writer for <paramref name="cmdlet"/>; <paramref name="asDataFrame"/> keeps the objects for one DataFrame.</summary>
        public ObjectWriter(Cmdlet cmdlet, bool asDataFrame = false)
        {
            _cmdlet = cmdlet;
            _asDataFrame = asDataFrame;
            Writers.Remove(cmdlet);
            Writers.Add(cmdlet, this);
        }

        /// <summary>The writer <paramref name="cmdlet"/> made, if any.</summary>
        public static ObjectWriter? Of(Cmdlet cmdlet) => Writers.TryGetValue(cmdlet, out ObjectWriter? writer) ? writer : null;

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
        public void Problem(Problem problem)
        {
            if (!_digest.Admit(problem)) return;
            _cmdlet.WriteError(new ErrorRecord(new InvalidDataException(problem.ToString()), "CrossEntropy.InvalidRow",
                ErrorCategory.InvalidData, problem.Tag ?? CheckResults.Problem(problem)));
        }

        /// <summary>
        /// Closes the problems of a run over <paramref name="schema"/>: one error per reason whose later rows were only
        /// counted (how many, which rows, and the fix where it is clear), a warning for a hint alone.
        /// </summary>
        public void EndRun(Schema schema)
        {
            foreach ((string text, bool error) in _digest.EndRun(schema))
            {
                if (error)
                    _cmdlet.WriteError(new ErrorRecord(new InvalidDataException(text), "CrossEntropy.InvalidRows", ErrorCategory.InvalidData, schema.SourceName));
                else
                    _cmdlet.WriteWarning(text);
            }
        }
    }
}
