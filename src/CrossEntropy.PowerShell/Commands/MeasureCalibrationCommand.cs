using System.Management.Automation;
using CrossEntropy.Data.Audit;
using CrossEntropy.Engine.Audit;
using CrossEntropy.Input;
using CrossEntropy.Output;
using CrossEntropy.Runs;
using Microsoft.Data.Analysis;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Measure-Calibration: how well the model's confidence matches its accuracy — top-label expected and maximum
    /// calibration error over equal-width confidence bins (Guo et al. 2017), the multi-class Brier score and the
    /// bins themselves (a reliability diagram). One summary per source, or per group with -GroupBy.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Calibration", DefaultParameterSetName = DefaultSet, HelpUri = HelpRoot + "Measure-Calibration.md")]
    [OutputType(typeof(CalibrationSummary), typeof(DataFrame))]
    public sealed class MeasureCalibrationCommand : ScoringCmdlet
    {
        private ObjectWriter? _writer;
        private RunDriver? _runs;
        private InputSources? _inputs;

        /// <summary>M: the number of equal-width confidence bins ((m-1)/M, m/M]; 15 as in Guo et al.</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int BinCount { get; set; } = CalibrationAccumulator.DefaultBinCount;

        /// <summary>Return the bins (of every source and group) as one Microsoft.Data.Analysis DataFrame instead of summaries.</summary>
        [Parameter]
        public SwitchParameter AsDataFrame { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            _writer = new ObjectWriter(this, AsDataFrame.IsPresent);
            var options = new AuditOptions { BinCount = BinCount };
            _runs = new RunDriver(this, new CalibrationOutput(_writer, AsDataFrame.IsPresent),
                (schema, sink) => AuditStage.CreateRun(schema, ScoringSettings(), options, sink));
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
