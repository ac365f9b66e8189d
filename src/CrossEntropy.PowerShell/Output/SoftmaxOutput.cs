using System.Collections.Generic;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine;
using CrossEntropy.Runs;

namespace CrossEntropy.Output
{
    /// <summary>
    /// Get-Softmax's output: one <see cref="SoftmaxRow"/> per row, or with -Log one <see cref="LogSoftmaxRow"/> (its own
    /// type and property name, so log-probabilities never pass for probabilities), with a property per class.
    /// </summary>
    internal sealed class SoftmaxOutput : IRunOutput
    {
        private readonly ObjectWriter _writer;
        private readonly bool _log;
        private ClassColumns<SoftmaxRow>? _columns;
        private ClassColumns<LogSoftmaxRow>? _logColumns;

        public SoftmaxOutput(ObjectWriter writer, bool log)
        {
            _writer = writer;
            _log = log;
        }

        /// <summary>Starts a run over <paramref name="classes"/> (the class properties of its rows).</summary>
        public void Begin(IReadOnlyList<string> classes)
        {
            if (_log) _logColumns = new ClassColumns<LogSoftmaxRow>(classes, nameof(LogSoftmaxRow.LogProbabilities), "logp_");
            else _columns = new ClassColumns<SoftmaxRow>(classes, nameof(SoftmaxRow.Probabilities), "p_");
        }

        public void Rows(in RowOutcomes rows)
        {
            for (int i = 0; i < rows.Count; i++)
            {
                RowOutcome row = rows[i];
                if (row.Status == RowStatus.Rejected) continue;
                double[] values = row.Probabilities.ToArray();
                _writer.Write(_log ? LogRow(row, values) : Row(row, values));
            }
        }

        private object Row(RowOutcome row, double[] probabilities)
        {
            SoftmaxRow output = _columns!.Create();
            output.Row = row.Row;
            output.Source = row.Source;
            output.Label = row.Label;
            output.Probabilities = probabilities;
            output.Predicted = row.Predicted;
            output.Confidence = row.Confidence;
            output.Group = row.Group;
            return _columns.Output(output, probabilities);
        }

        private object LogRow(RowOutcome row, double[] logProbabilities)
        {
            LogSoftmaxRow output = _logColumns!.Create();
            output.Row = row.Row;
            output.Source = row.Source;
            output.Label = row.Label;
            output.LogProbabilities = logProbabilities;
            output.Predicted = row.Predicted;
            output.Confidence = row.Confidence;
            output.Group = row.Group;
            return _logColumns.Output(output, logProbabilities);
        }

        public void Problem(Problem problem) => _writer.Problem(problem);

        public void Finished(LossRun run, IReadOnlyList<string> sources) => RunDriver.WriteCounts(_writer.Cmdlet, run, sources);
    }
}
