using System.Collections.Generic;
using CrossEntropy.Data.Audit;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Results;
using CrossEntropy.Data.Runs;
using CrossEntropy.Runs;

namespace CrossEntropy.Output
{
    /// <summary>Measure-Calibration's output: a summary per run or group, or (-AsDataFrame) their bins.</summary>
    internal sealed class CalibrationOutput : IRunOutput
    {
        private readonly ObjectWriter _writer;
        private readonly bool _bins;

        public CalibrationOutput(ObjectWriter writer, bool bins)
        {
            _writer = writer;
            _bins = bins;
        }

        public void Rows(in RowOutcomes rows)
        {
        }

        public void Problem(Problem problem) => _writer.Problem(problem);

        public void Finished(LossRun run, IReadOnlyList<string> sources)
        {
            RunDriver.WriteCounts(_writer.Cmdlet, run, sources);
            AuditStage audit = run.Audit!;
            string source = RunDriver.Label(sources);
            ResultShape shape = AuditResults.CalibrationShape(run.Schema, run.Plan.Options, audit.Options.BinCount);
            if (run.Schema.GroupColumn < 0)
            {
                Write(AuditResults.Calibration(audit.Calibration, run.Total.Counts, shape, source, null));
                return;
            }
            for (int g = 0; g < run.GroupNames.Count; g++)
                Write(AuditResults.Calibration(audit.CalibrationOf(g), run.GroupSums(g).Counts, shape, source, run.GroupNames[g]));
        }

        private void Write(CalibrationSummary summary)
        {
            if (summary.Used == 0)
                _writer.Cmdlet.WriteWarning($"{Data.Problems.Printable.Of(summary.Source)}{(summary.Group == null ? "" : $", group '{Data.Problems.Printable.Of(summary.Group)}'")}: no row was used, so the calibration errors are NaN.");
            if (!_bins)
            {
                _writer.Cmdlet.WriteObject(summary);
                return;
            }
            foreach (CalibrationBin bin in summary.Bins) _writer.Write(bin);
        }
    }
}
