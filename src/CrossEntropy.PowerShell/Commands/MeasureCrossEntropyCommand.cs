using System.Collections.Generic;
using System.Management.Automation;
using CrossEntropy.Data;
using CrossEntropy.Engine;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Measure-CrossEntropy: the cross-entropy loss of predictions against labels, with PyTorch's
    /// nn.CrossEntropyLoss options. Returns a summary (per file, or per group) or, with -Reduction None, one
    /// object per row.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "CrossEntropy", DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(LossSummary), typeof(RowLoss), typeof(Microsoft.Data.Analysis.DataFrame))]
    public sealed class MeasureCrossEntropyCommand : LossCmdlet
    {
        /// <summary>Mean (default), Sum, or None for one object per row.</summary>
        [Parameter]
        public Reduction Reduction { get; set; } = Reduction.Mean;

        /// <summary>k for TopKAccuracy on the summary.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TopK { get; set; } = 1;

        /// <summary>With -Reduction None, return the rows as one Microsoft.Data.Analysis DataFrame.</summary>
        [Parameter]
        public SwitchParameter AsDataFrame { get; set; }

        private RowSink? _rows;

        /// <summary>With several files, one summary over all of them instead of one per file.</summary>
        [Parameter]
        public SwitchParameter Combine { get; set; }

        /// <inheritdoc/>
        protected override bool CombineSources => Combine.IsPresent;

        /// <inheritdoc/>
        protected override LossSettings Settings()
        {
            LossSettings s = base.Settings();
            s.TopK = TopK;
            return s;
        }

        /// <inheritdoc/>
        protected override LossRun CreateRun(Schema schema)
        {
            var run = new LossRun(schema, Settings().Resolve(schema));
            if (Reduction == Reduction.None) run.BlockComputed = (block, result) => WriteRows(run, block, result);
            return run;
        }

        /// <inheritdoc/>
        protected override void Complete(LossRun run)
        {
            if (Reduction == Reduction.None)
            {
                WriteCounts(run);
                return;
            }
            if (run.Schema.GroupColumn < 0)
            {
                WriteSummary(run, run.Total, null);
                return;
            }
            for (int g = 0; g < run.Groups.Count; g++) WriteSummary(run, run.Groups[g], run.Reader.GroupNames[g]);
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            base.EndProcessing();
            _rows?.Flush();
        }

        private void WriteSummary(LossRun run, LossAccumulator a, string? group)
        {
            if (a.WeightSum == 0)
            {
                string where = group == null ? SourceLabel : $"{SourceLabel}, group '{group}'";
                string why = a.Used == 0
                    ? $"no row was used ({a.Read} read: {a.Ignored} ignored, {a.Rejected} rejected)"
                    : $"the {a.Used} used rows have a total weight of 0";
                WriteWarning($"{where}: the mean loss is NaN (as in PyTorch) because {why}.");
            }
            WriteObject(LossSummary.From(a, run.Schema, run.Engine.Options, Reduction, SourceLabel, group));
        }

        private void WriteRows(LossRun run, RowBlock block, BlockResult result)
        {
            Schema schema = run.Schema;
            List<string> groups = run.Reader.GroupNames;
            for (int i = 0; i < result.Count; i++)
            {
                RowStatus status = result.Status[i];
                if (status == RowStatus.Rejected) continue;
                bool ignored = status == RowStatus.Ignored;
                int truth = result.TrueClass[i];
                (_rows ??= new RowSink(this) { AsDataFrame = AsDataFrame.IsPresent }).Write(new RowLoss
                {
                    Row = block.RowNumbers[i],
                    Source = schema.SourceName,
                    Label = ignored ? schema.ClassName(block.Labels[i]) : truth >= 0 ? schema.ClassName(truth) : null,
                    Loss = result.Loss[i],
                    Predicted = ignored ? null : schema.ClassName(result.Predicted[i]),
                    Confidence = result.Confidence[i],
                    Correct = !ignored && result.Correct[i] == 1,
                    Ignored = ignored,
                    Group = block.Groups == null ? null : groups[block.Groups[i]],
                });
            }
        }
    }
}
