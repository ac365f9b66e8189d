using System.Management.Automation;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
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
    [Cmdlet(VerbsDiagnostic.Measure, "CrossEntropy", DefaultParameterSetName = DefaultSet, HelpUri = HelpRoot + "Measure-CrossEntropy.md")]
    [OutputType(typeof(LossSummary), typeof(RowLoss), typeof(SequenceSummary), typeof(Microsoft.Data.Analysis.DataFrame))]
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

        /// <summary>Rows are tokens grouped into sequences by this column: token-level loss, per-sequence figures, perplexity.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string? SequenceColumn { get; set; }

        /// <summary>Each row holds log p(target) only (natural log), as inference servers give it: the loss is -mean of the column.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ColumnCompleter))]
        public string? TargetLogProbabilityColumn { get; set; }

        /// <summary>λ1 of the regularised objective's L1 penalty λ1·‖θ‖₁ over the -ParameterPath numbers.</summary>
        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        public double L1 { get; set; }

        /// <summary>λ2 of the regularised objective's L2 penalty λ2·‖θ‖²₂ over the -ParameterPath numbers.</summary>
        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        public double L2 { get; set; }

        /// <summary>The model's parameters θ for -L1/-L2: a numeric CSV (a CSV without a header is all data) or a .npy file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ParameterPath { get; set; }

        /// <summary>With several files, one summary over all of them instead of one per file.</summary>
        [Parameter]
        public SwitchParameter Combine { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            _writer = new ObjectWriter(this, AsDataFrame.IsPresent);
            bool sequences = SequenceColumn != null;
            if (sequences && GroupBy != null)
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException("Give -SequenceColumn or -GroupBy, not both: a sequence is a group of tokens."),
                    "CrossEntropy.SequenceAndGroup", ErrorCategory.InvalidArgument, SequenceColumn));
            bool perRow = Reduction == Reduction.None && !sequences;
            _runs = new RunDriver(this, new LossOutput(_writer, Reduction, sequences) { Penalty = PenaltyOfParameters() },
                (schema, sink) =>
                {
                    if (TopK > schema.Classes.Length)
                        WriteWarning($"{Data.Problems.Printable.Of(schema.SourceName)}: -TopK {TopK} is more than its {schema.Classes.Length} classes, so TopKAccuracy is 1 for every used row.");
                    return new LossRun(new RunPlan(schema, Settings(TopK).Resolve(schema)) { PerRowOutput = perRow }, sink);
                },
                combine: Combine.IsPresent);
            ColumnOptions columns = Columns();
            if (sequences) columns.GroupBy = SequenceColumn; // sequences are groups of rows: their sums merge like any group's
            columns.TargetLogProbabilityColumn = TargetLogProbabilityColumn;
            _inputs = Inputs(_runs, columns);
        }

        // λ1·‖θ‖₁ + λ2·‖θ‖²₂ of the parameter file, or null without -ParameterPath.
        private double? PenaltyOfParameters()
        {
            bool lambdas = MyInvocation.BoundParameters.ContainsKey(nameof(L1)) || MyInvocation.BoundParameters.ContainsKey(nameof(L2));
            if (ParameterPath == null)
            {
                if (lambdas) Refuse("-L1 and -L2 need -ParameterPath: the file of the model's parameters they penalise.");
                return null;
            }
            if (Reduction == Reduction.None) Refuse("-ParameterPath adds a penalty to the reduced loss; use -Reduction Mean or Sum.");
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ParameterPath);
            try
            {
                return Engine.Penalty.Of(Data.Parameters.ParameterFile.Read(path), L1, L2);
            }
            catch (Data.Problems.InputException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.InvalidParameterFile", ErrorCategory.InvalidData, path));
                return null;
            }
            catch (System.IO.IOException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.ParameterFileNotRead", ErrorCategory.ReadError, path));
                return null;
            }
        }

        private void Refuse(string message) =>
            ThrowTerminatingError(new ErrorRecord(new PSArgumentException(message), "CrossEntropy.InvalidObjective", ErrorCategory.InvalidArgument, null));

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
