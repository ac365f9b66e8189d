using System;
using System.Collections.Generic;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine;
using CrossEntropy.Runs;

namespace CrossEntropy.Output
{
    /// <summary>Get-LossGradient's output: one <see cref="GradientRow"/> per row, with a property per class.</summary>
    internal sealed class GradientOutput : IRunOutput
    {
        private readonly ObjectWriter _writer;
        private ClassColumns<GradientRow>? _columns;

        public GradientOutput(ObjectWriter writer) => _writer = writer;

        /// <summary>Starts a run whose gradient has one entry per name in <paramref name="columns"/>.</summary>
        public void Begin(IReadOnlyList<string> columns) => _columns = new ClassColumns<GradientRow>(columns, nameof(GradientRow.Gradient), "d_");

        public void Rows(in RowOutcomes rows)
        {
            for (int i = 0; i < rows.Count; i++)
            {
                RowOutcome row = rows[i];
                if (row.Status == RowStatus.Rejected) continue;
                double[] gradient = row.Gradient.ToArray();
                double norm = 0;
                foreach (double v in gradient) norm += v * v;
                GradientRow output = _columns!.Create();
                output.Row = row.Row;
                output.Source = row.Source;
                output.Label = row.Label;
                output.Loss = row.Loss;
                output.Gradient = gradient;
                output.GradientNorm = Math.Sqrt(norm);
                output.Ignored = row.IsIgnored;
                output.Group = row.Group;
                _writer.Write(_columns.Output(output, gradient));
            }
        }

        public void Problem(Problem problem) => _writer.Problem(problem);

        public void Finished(LossRun run, IReadOnlyList<string> sources)
        {
            RunDriver.WriteCounts(_writer.Cmdlet, run, sources);
            if (run.Total.WeightSum == 0 && (run.Plan.WaitsForTotal || run.Plan.TotalFromFirstPass))
                _writer.Cmdlet.WriteWarning($"{RunDriver.Label(sources)}: no row contributes to the mean (all ignored, rejected or of zero weight), so there is no gradient.");
        }
    }
}
