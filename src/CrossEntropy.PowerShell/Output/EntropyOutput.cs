using System.Collections.Generic;
using CrossEntropy.Data.Audit;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Results;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine;
using CrossEntropy.Runs;

namespace CrossEntropy.Output
{
    /// <summary>Measure-Entropy's output for predictions: one <see cref="EntropyRow"/> per row (-Reduction None), else a summary per run or group.</summary>
    internal sealed class EntropyOutput : IRunOutput
    {
        private readonly ObjectWriter _writer;
        private readonly Reduction _reduction;
        private readonly string _base;
        private readonly double _logBase;

        /// <summary>Figures in base <paramref name="baseName"/>, whose natural log is <paramref name="logBase"/>.</summary>
        public EntropyOutput(ObjectWriter writer, Reduction reduction, string baseName, double logBase)
        {
            _writer = writer;
            _reduction = reduction;
            _base = baseName;
            _logBase = logBase;
        }

        public void Rows(in RowOutcomes rows)
        {
            if (_reduction != Reduction.None) return;
            for (int i = 0; i < rows.Count; i++)
            {
                RowOutcome row = rows[i];
                if (row.Status != RowStatus.Used) continue;
                _writer.Write(new EntropyRow
                {
                    Row = row.Row,
                    Source = row.Source,
                    Label = row.Label,
                    Predicted = row.Predicted,
                    Confidence = row.Confidence,
                    Entropy = row.Entropy / _logBase,
                    TargetEntropy = row.TargetEntropy / _logBase,
                    CrossEntropy = row.CrossEntropy / _logBase,
                    KLDivergence = row.KLDivergence / _logBase,
                    Group = row.Group,
                });
            }
        }

        public void Problem(Problem problem) => _writer.Problem(problem);

        public void Finished(LossRun run, IReadOnlyList<string> sources)
        {
            RunDriver.WriteCounts(_writer.Cmdlet, run, sources);
            if (_reduction == Reduction.None) return;
            AuditStage audit = run.Audit!;
            string source = RunDriver.Label(sources);
            if (run.Schema.GroupColumn < 0)
            {
                Summary(run, audit.Entropy, run.Total, source, null);
                return;
            }
            for (int g = 0; g < run.GroupNames.Count; g++) Summary(run, audit.EntropyOf(g), run.GroupSums(g), source, run.GroupNames[g]);
        }

        private void Summary(LossRun run, Engine.Audit.EntropyAccumulator entropy, LossAccumulator sums, string source, string? group)
        {
            if (entropy.Used == 0)
                _writer.Cmdlet.WriteWarning($"{Data.Problems.Printable.Of(source)}{(group == null ? "" : $", group '{Data.Problems.Printable.Of(group)}'")}: no row was used, so the entropies are NaN.");
            _writer.Cmdlet.WriteObject(AuditResults.Entropy(entropy, sums, run.Audit!, AuditResults.EntropyShape(run.Schema, run.Plan.Options), _base, _logBase, _reduction == Reduction.Sum, source, group));
        }
    }
}
