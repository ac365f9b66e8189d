using System.Management.Automation;
using CrossEntropy.Data;
using Microsoft.Data.Analysis;

namespace CrossEntropy.Commands
{
    /// <summary>
    /// Measure-Calibration: how well the model's confidence matches its accuracy — top-label expected and maximum
    /// calibration error over equal-width confidence bins (Guo et al. 2017), the multi-class Brier score and the
    /// bins themselves (a reliability diagram). One summary per source, or per group with -GroupBy.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Calibration", DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(CalibrationSummary), typeof(DataFrame))]
    public sealed class MeasureCalibrationCommand : AuditCmdlet
    {
        /// <summary>M: the number of equal-width confidence bins ((m-1)/M, m/M]; 15 as in Guo et al.</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int BinCount { get; set; } = Engine.CalibrationAccumulator.DefaultBinCount;

        /// <summary>Return the bins (of every source and group) as one Microsoft.Data.Analysis DataFrame instead of summaries.</summary>
        [Parameter]
        public SwitchParameter AsDataFrame { get; set; }

        /// <inheritdoc/>
        protected override AuditOptions AuditOptions() => new AuditOptions { BinCount = BinCount };

        /// <inheritdoc/>
        protected override void Complete(AuditRun audit)
        {
            Schema schema = audit.Run.Schema;
            if (schema.GroupColumn < 0)
            {
                Write(CalibrationSummary.From(audit.Calibration, audit.Counts(), schema, SourceLabel, null));
                return;
            }
            for (int g = 0; g < audit.GroupCount; g++)
                Write(CalibrationSummary.From(audit.CalibrationOf(g), audit.CountsOf(g), schema, SourceLabel, audit.GroupName(g)));
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            base.EndProcessing();
            WriteFrame();
        }

        private void Write(CalibrationSummary summary)
        {
            if (summary.Used == 0)
                WriteWarning($"{summary.Source}{(summary.Group == null ? "" : $", group '{summary.Group}'")}: no row was used, so the calibration errors are NaN.");
            if (!AsDataFrame)
            {
                WriteObject(summary);
                return;
            }
            foreach (CalibrationBin bin in summary.Bins) Emit(bin, asDataFrame: true);
        }
    }
}
