using System.Management.Automation;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine;
using CrossEntropy.Input;
using CrossEntropy.Output;
using CrossEntropy.Runs;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Measure-CrossEntropy: the cross-entropy loss of predictions against labels, with PyTorch's
    /// nn.CrossEntropyLoss options. Returns a summary (per file, or per group) or, with -Reduction None, one
    /// object per row.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "CrossEntropy", DefaultParameterSetName = ObjectSet, HelpUri = HelpRoot + "Measure-CrossEntropy.md")]
    [OutputType(typeof(LossSummary), typeof(RowLoss), typeof(Microsoft.Data.Analysis.DataFrame))]
    public sealed class MeasureCrossEntropyCommand : LossCmdlet
    {
        private ObjectWriter? _writer;
        private RunDriver? _runs;
        private InputSources? _inputs;

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

        /// <summary>With several files, one summary over all of them instead of one per file.</summary>
        [Parameter]
        public SwitchParameter Combine { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            _writer = new ObjectWriter(this, AsDataFrame.IsPresent);
            bool perRow = Reduction == Reduction.None;
            _runs = new RunDriver(this, new LossOutput(_writer, Reduction),
                (schema, sink) =>
                {
                    if (TopK > schema.Classes.Length)
                        WriteWarning($"{Data.Problems.Printable.Of(schema.SourceName)}: -TopK {TopK} is more than its {schema.Classes.Length} classes, so TopKAccuracy is 1 for every used row.");
                    return new LossRun(new RunPlan(schema, Settings(TopK).Resolve(schema)) { PerRowOutput = perRow }, sink);
                },
                combine: Combine.IsPresent);
            _inputs = Inputs(_runs, Columns());
        }

        /// <inheritdoc/>
        protected override void ProcessRecord() => _inputs!.Process();

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            _inputs!.Complete();
            _runs!.Finish();
            _writer!.Flush();
        }
    }
}
