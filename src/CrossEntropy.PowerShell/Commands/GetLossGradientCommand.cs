using System;
using System.Management.Automation;
using CrossEntropy.Data;
using CrossEntropy.Engine;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Get-LossGradient: each row's loss and the gradient of the reduced loss with respect to its logits, as
    /// torch.autograd gives it. With -Reduction Mean every row is divided by the same normaliser as the loss, so the
    /// rows together are autograd's gradient of the mean; that needs every row first, so output starts at the end.
    /// -Reduction Sum streams.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LossGradient", DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(GradientRow))]
    public sealed class GetLossGradientCommand : LossCmdlet
    {
        /// <summary>Mean (default) or Sum: which reduced loss the gradient is of.</summary>
        [Parameter]
        [ValidateSet("Mean", "Sum")]
        public Reduction Reduction { get; set; } = Reduction.Mean;

        /// <summary>Caps each row's gradient at this Euclidean norm (0: no cap).</summary>
        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        public double ClipNorm { get; set; }

        /// <inheritdoc/>
        protected override LossRun CreateRun(Schema schema)
        {
            var run = new LossRun(schema, Settings().Resolve(schema), RunMode.Gradient)
            {
                GradientNormaliser = Reduction == Reduction.Sum ? 1.0 : (double?)null,
                ClipNorm = ClipNorm,
            };
            var columns = new ClassColumns<GradientRow>(schema.Target == TargetKind.Binary ? new[] { schema.Columns[schema.ScoreColumns[0]] } : schema.Classes,
                nameof(GradientRow.Gradient), "d_");
            run.BlockComputed = (block, result) => WriteRows(run, columns, block, result);
            return run;
        }

        /// <inheritdoc/>
        protected override void Complete(LossRun run)
        {
            WriteCounts(run);
            if (run.Total.WeightSum == 0 && run.GradientNormaliser == null)
                WriteWarning($"{SourceLabel}: no row contributes to the mean (all ignored, rejected or of zero weight), so there is no gradient.");
        }

        private void WriteRows(LossRun run, ClassColumns<GradientRow> columns, RowBlock block, BlockResult result)
        {
            Schema schema = run.Schema;
            int width = block.Classes;
            double[] g = result.Gradient!;
            for (int i = 0; i < result.Count; i++)
            {
                RowStatus status = result.Status[i];
                if (status == RowStatus.Rejected) continue;
                var gradient = new double[width];
                Array.Copy(g, i * width, gradient, 0, width);
                double norm = 0;
                foreach (double v in gradient) norm += v * v;
                int truth = result.TrueClass[i];
                GradientRow row = columns.Create();
                row.Row = block.RowNumbers[i];
                row.Source = schema.SourceName;
                row.Label = status == RowStatus.Ignored ? schema.ClassName(block.Labels[i]) : truth >= 0 ? schema.ClassName(truth) : null;
                row.Loss = result.Loss[i];
                row.Gradient = gradient;
                row.GradientNorm = Math.Sqrt(norm);
                row.Ignored = status == RowStatus.Ignored;
                row.Group = block.Groups == null ? null : run.Reader.GroupNames[block.Groups[i]];
                WriteObject(columns.Output(row, gradient));
            }
        }
    }
}
