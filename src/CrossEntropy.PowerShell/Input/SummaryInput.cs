using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using CrossEntropy.Data.Checks;
using CrossEntropy.Data.Results.Merging;

namespace CrossEntropy.Input
{
    /// <summary>
    /// Summaries piped into Assert-CrossEntropy instead of rows (a merged result of sharded evaluation, or the shards'
    /// summaries themselves): Measure-CrossEntropy summaries for the loss, accuracy and per-class limits,
    /// Measure-Calibration summaries for the calibration limit.
    /// </summary>
    internal sealed class SummaryInput
    {
        private readonly List<MergeInput<LossSummary>> _loss = new List<MergeInput<LossSummary>>();
        private readonly List<MergeInput<CalibrationSummary>> _calibration = new List<MergeInput<CalibrationSummary>>();

        /// <summary>True once a summary came.</summary>
        public bool Any => _loss.Count + _calibration.Count > 0;
        /// <summary>True when Measure-CrossEntropy summaries came.</summary>
        public bool HasLoss => _loss.Count > 0;
        /// <summary>True when Measure-Calibration summaries came.</summary>
        public bool HasCalibration => _calibration.Count > 0;

        /// <summary>Takes <paramref name="item"/> if it is a summary (true); a row is left to the input layer (false).</summary>
        public bool TryAdd(PSObject item)
        {
            System.Type? kind = ResultReader.KindOf(item);
            if (kind == null) return false;
            string name = string.Format(CultureInfo.InvariantCulture, "summary {0}", _loss.Count + _calibration.Count + 1);
            object result = ResultReader.Read(item, name);
            if (result is LossSummary loss) _loss.Add(new MergeInput<LossSummary>(loss, name));
            else if (result is CalibrationSummary cal) _calibration.Add(new MergeInput<CalibrationSummary>(cal, name));
            else throw new MergeException($"Assert-CrossEntropy checks Measure-CrossEntropy and Measure-Calibration summaries; {name} is a {kind.FullName}.");
            return true;
        }

        /// <summary>The figures of the summaries (merged first).</summary>
        public RunFigures Figures() => SummaryFigures.From(_loss, _calibration);
    }
}
