using System;
using System.Management.Automation;
using CrossEntropy.Data.Audit;
using CrossEntropy.Engine;
using CrossEntropy.Input;
using CrossEntropy.Output;
using CrossEntropy.Runs;
using Microsoft.Data.Analysis;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Find-NoisyLabel: the rows whose given label the model finds least plausible — by loss, by margin, or by a
    /// per-class normalised score so that one hard class does not flood the list — returned as the original rows
    /// (the pipeline object, or the row's cells for files and DataFrames) with the scores added.
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "NoisyLabel", DefaultParameterSetName = DefaultSet, HelpUri = HelpRoot + "Find-NoisyLabel.md")]
    [OutputType(typeof(PSObject), typeof(DataFrame))]
    public sealed class FindNoisyLabelCommand : ScoringCmdlet
    {
        private ObjectWriter? _writer;
        private RunDriver? _runs;
        private InputSources? _inputs;

        /// <summary>How many rows to return (per source).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Top { get; set; } = 20;

        /// <summary>Normalized (default), Loss or Margin.</summary>
        [Parameter]
        public NoisyLabelOrder By { get; set; } = NoisyLabelOrder.Normalized;

        /// <summary>
        /// Return each source's class thresholds t_y (a CrossEntropy.ClassThresholds) instead of rows: phase 1 of the
        /// sharded recipe; Merge-CrossEntropyResult merges them exactly.
        /// </summary>
        [Parameter]
        public SwitchParameter ThresholdOnly { get; set; }

        /// <summary>
        /// Class thresholds to rank by (-By Normalized): a CrossEntropy.ClassThresholds from -ThresholdOnly, merged over
        /// every shard (live, deserialized or read back from JSON). Phase 2 of the sharded recipe.
        /// </summary>
        [Parameter]
        public PSObject? ClassThreshold { get; set; }

        /// <summary>Return the rows as one Microsoft.Data.Analysis DataFrame.</summary>
        [Parameter]
        public SwitchParameter AsDataFrame { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            if (ThresholdOnly && AsDataFrame)
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException("Give -ThresholdOnly or -AsDataFrame, not both: -ThresholdOnly returns one thresholds object per source, not rows."),
                    "CrossEntropy.ThresholdOnlyAndDataFrame", ErrorCategory.InvalidArgument, null));
            _writer = new ObjectWriter(this, AsDataFrame.IsPresent);
            var options = new AuditOptions { NoisyTop = Top, NoisyBy = By, NoisyThresholds = GivenThresholds() };
            _runs = new RunDriver(this, new NoisyLabelOutput(_writer, CsvOptions(), ThresholdOnly.IsPresent), (schema, sink) =>
            {
                if (schema.Target != TargetKind.ClassIndex && schema.Target != TargetKind.Binary)
                    throw new ArgumentException($"{schema.SourceName}: Find-NoisyLabel needs one class label per row (a label column), not {schema.Target} targets.");
                return AuditStage.CreateRun(schema, ScoringSettings(), options, sink);
            });
            _inputs = Inputs(_runs, Columns());
        }

        private ClassThresholds? GivenThresholds()
        {
            if (ClassThreshold == null) return null;
            try
            {
                if (ResultReader.Read(ClassThreshold, "-ClassThreshold") is ClassThresholds t) return t;
            }
            catch (Data.Results.Merging.MergeException)
            {
                // refused below, with what to give instead
            }
            ThrowTerminatingError(new ErrorRecord(new PSArgumentException(
                "-ClassThreshold takes the class thresholds of Find-NoisyLabel -ThresholdOnly (merged with Merge-CrossEntropyResult), not a " +
                (ClassThreshold.TypeNames.Count > 0 ? ClassThreshold.TypeNames[0] : "value") + "."), "CrossEntropy.ClassThresholdNotThresholds", ErrorCategory.InvalidArgument, ClassThreshold));
            return null;
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
