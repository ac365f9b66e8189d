using System.Collections.Generic;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Results;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine;
using CrossEntropy.Runs;

namespace CrossEntropy.Output
{
    /// <summary>Measure-CrossEntropy's output: one <see cref="RowLoss"/> per row (-Reduction None), else a summary per run or group.</summary>
    internal sealed class LossOutput : IRunOutput
    {
        private readonly ObjectWriter _writer;
        private readonly Reduction _reduction;
        private readonly bool _sequences;

        /// <summary>The regularisation term added to each summary's reduced loss (-ParameterPath); null for none.</summary>
        public double? Penalty { get; init; }

        /// <summary>Output of <paramref name="reduction"/>; <paramref name="sequences"/> when the groups are sequences of tokens (-SequenceColumn).</summary>
        public LossOutput(ObjectWriter writer, Reduction reduction, bool sequences = false)
        {
            _writer = writer;
            _reduction = reduction;
            _sequences = sequences;
        }

        public void Rows(in RowOutcomes rows)
        {
            for (int i = 0; i < rows.Count; i++)
            {
                RowOutcome row = rows[i];
                if (row.Status == RowStatus.Rejected) continue;
                _writer.Write(new RowLoss
                {
                    Row = row.Row,
                    Source = row.Source,
                    Label = row.Label,
                    Loss = row.Loss,
                    Predicted = row.Predicted,
                    Confidence = row.Confidence,
                    Correct = row.Correct,
                    Ignored = row.IsIgnored,
                    Group = row.Group,
                });
            }
        }

        public void Problem(Problem problem) => _writer.Problem(problem);

        public void Finished(LossRun run, IReadOnlyList<string> sources)
        {
            if (_sequences)
            {
                Sequences(run, RunDriver.Label(sources));
                return;
            }
            if (_reduction == Reduction.None)
            {
                RunDriver.WriteCounts(_writer.Cmdlet, run, sources);
                return;
            }
            string label = RunDriver.Label(sources);
            if (run.Schema.GroupColumn < 0)
            {
                Summary(run, run.Total, label, null);
                return;
            }
            for (int g = 0; g < run.Sums.Groups.Count; g++) Summary(run, run.Sums.Groups[g], label, run.GroupNames[g]);
        }

        // Tokens grouped into sequences: one summary over every token, or one object per sequence (-Reduction None).
        private void Sequences(LossRun run, string source)
        {
            if (_reduction == Reduction.None)
            {
                foreach (SequenceSummary s in SequenceResults.PerSequence(run, source)) _writer.Write(s);
                return;
            }
            WarnIfEmpty(run.Total, source, null);
            _writer.Cmdlet.WriteObject(WithPenalty(SequenceResults.Summary(run, _reduction, source)));
        }

        private void Summary(LossRun run, LossAccumulator sums, string source, string? group)
        {
            WarnIfEmpty(sums, source, group);
            _writer.Cmdlet.WriteObject(WithPenalty(LossResults.Summary(sums, run.Schema, run.Plan.Options, _reduction, source, group)));
        }

        private LossSummary WithPenalty(LossSummary s) => Penalty is double p ? LossResults.WithPenalty(s, p) : s;

        private void WarnIfEmpty(LossAccumulator sums, string source, string? group)
        {
            if (sums.WeightSum == 0)
            {
                string where = Printable.Of(group == null ? source : $"{source}, group '{group}'");
                string why = sums.Used == 0
                    ? $"no row was used ({sums.Read} read: {sums.Ignored} ignored, {sums.Rejected} rejected)"
                    : $"the {sums.Used} used rows have a total weight of 0";
                _writer.Cmdlet.WriteWarning($"{where}: the mean loss is NaN (as in PyTorch) because {why}.");
            }
        }
    }
}
