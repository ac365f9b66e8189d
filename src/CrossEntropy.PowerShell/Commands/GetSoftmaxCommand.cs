using System;
using System.Management.Automation;
using CrossEntropy.Data;
using CrossEntropy.Engine;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Get-Softmax: per-row probabilities of logits (F.softmax / F.log_softmax; the sigmoid for a single logit
    /// column), with the predicted class and its probability. Labels are optional.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Softmax", DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(SoftmaxRow))]
    public sealed class GetSoftmaxCommand : RunCmdlet
    {
        /// <summary>Logits are divided by this before the softmax.</summary>
        [Parameter]
        public double Temperature { get; set; } = 1.0;

        /// <summary>Log-probabilities (F.log_softmax) instead of probabilities.</summary>
        [Parameter]
        public SwitchParameter Log { get; set; }

        /// <inheritdoc/>
        protected override ColumnOptions Columns()
        {
            ColumnOptions o = base.Columns();
            o.LabelOptional = true;
            return o;
        }

        /// <inheritdoc/>
        protected override LossRun CreateRun(Schema schema)
        {
            if (schema.Input != InputKind.Logits)
                throw new ArgumentException($"{schema.SourceName} holds probabilities; Get-Softmax takes logits (name them with -LogitColumn).");
            // Labels are only shown; PyTorch's ignore index (-100) passes as a label rather than being rejected.
            var settings = new LossSettings { Temperature = Temperature, IgnoreIndex = "-100" };
            var run = new LossRun(schema, settings.Resolve(schema), RunMode.Softmax) { LogProbabilities = Log.IsPresent };
            var columns = new ClassColumns<SoftmaxRow>(schema.Classes, nameof(SoftmaxRow.Probabilities), Log ? "logp_" : "p_");
            run.BlockComputed = (block, result) => WriteRows(run, columns, block, result);
            return run;
        }

        /// <inheritdoc/>
        protected override void Complete(LossRun run) => WriteCounts(run);

        private void WriteRows(LossRun run, ClassColumns<SoftmaxRow> columns, RowBlock block, BlockResult result)
        {
            Schema schema = run.Schema;
            int width = SoftmaxKernel.OutputWidth(run.Engine.Options);
            double[] p = result.Probabilities!;
            for (int i = 0; i < result.Count; i++)
            {
                if (result.Status[i] == RowStatus.Rejected) continue;
                var probabilities = new double[width];
                Array.Copy(p, i * width, probabilities, 0, width);
                SoftmaxRow row = columns.Create();
                row.Row = block.RowNumbers[i];
                row.Source = schema.SourceName;
                int label = block.Labels[i];
                row.Label = schema.LabelColumn >= 0 && (label >= 0 || label == run.Engine.Options.IgnoreIndex) ? schema.ClassName(label) : null;
                row.Probabilities = probabilities;
                row.Predicted = schema.ClassName(result.Predicted[i]);
                row.Confidence = result.Confidence[i];
                row.Log = Log.IsPresent;
                row.Group = block.Groups == null ? null : run.Reader.GroupNames[block.Groups[i]];
                WriteObject(columns.Output(row, probabilities));
            }
        }
    }
}
