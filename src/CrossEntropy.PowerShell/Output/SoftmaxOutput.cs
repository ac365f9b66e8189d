using System.Collections.Generic;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine;
using CrossEntropy.Runs;

namespace CrossEntropy.Output
{
    /// <summary>Get-Softmax's output: one <see cref="SoftmaxRow"/> per row, with a property per class.</summary>
    internal sealed class SoftmaxOutput : IRunOutput
    {
        private readonly ObjectWriter _writer;
        private readonly bool _log;
        private ClassColumns<SoftmaxRow>? _columns;

        public SoftmaxOutput(ObjectWriter writer, bool log)
        {
            _writer = writer;
            _log = log;
        }

        /// <summary>Starts a run over <paramref name="classes"/> (the class properties of its rows).</summary>
        public void Begin(IReadOnlyList<string> classes) =>
            _columns = new ClassColumns<SoftmaxRow>(classes, nameof(SoftmaxRow.Probabilities), _log ? "logp_" : "p_");

        public void Rows(in RowOutcomes rows)
        {
            for (int i = 0; i < rows.Count; i++)
            {
                RowOutcome row = rows[i];
                if (row.Status == RowStatus.Rejected) continue;
                double[] probabilities = row.Probabilities.ToArray();
                SoftmaxRow output = _columns!.Create();
                output.Row = row.Row;
                output.Source = row.Source;
                output.Label = row.Label;
                output.Probabilities = probabilities;
                output.Predicted = row.Predicted;
                output.Confidence = row.Confidence;
                output.Log = _log;
                output.Group = row.Group;
                _writer.Write(_columns.Output(output, probabilities));
            }
        }

        public void Problem(Problem problem) => _writer.Problem(problem);

        public void Finished(LossRun run, IReadOnlyList<string> sources) => RunDriver.WriteCounts(_writer.Cmdlet, run, sources);
    }
}
