using System.Collections.Generic;
using CrossEntropy.Data.Audit;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Results;
using CrossEntropy.Data.Runs;
using CrossEntropy.Engine;
using CrossEntropy.Engine.Classification;
using CrossEntropy.Runs;

namespace CrossEntropy.Output
{
    /// <summary>Measure-Classification's output: a summary per run or group, or (-Curve) the points of a curve.</summary>
    internal sealed class ClassificationOutput : IRunOutput
    {
        private readonly ObjectWriter _writer;
        private readonly ClassificationCurve _curve;
        private readonly bool _includeRanking;

        public ClassificationOutput(ObjectWriter writer, ClassificationCurve curve, bool includeRanking)
        {
            _writer = writer;
            _curve = curve;
            _includeRanking = includeRanking;
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
            if (run.Schema.GroupColumn < 0)
            {
                Write(audit.Classification!, run.Total.Counts, run, source, null);
                return;
            }
            for (int g = 0; g < run.GroupNames.Count; g++)
                Write(audit.ClassificationOf(g), run.GroupSums(g).Counts, run, source, run.GroupNames[g]);
        }

        private void Write(ClassificationAccumulator sums, RowCounts counts, LossRun run, string source, string? group)
        {
            string where = source + (group == null ? "" : $", group '{group}'");
            if (sums.Used == 0)
                _writer.Cmdlet.WriteWarning($"{where}: no row was used, so the figures are NaN.");
            if (_curve != ClassificationCurve.None)
            {
                foreach (object point in ClassificationResults.Curve(sums, _curve, run.Schema, source, group)) _writer.Write(point);
                return;
            }
            ClassificationSummary summary = ClassificationResults.Summary(sums, counts, ClassificationResults.Shape(sums, run.Schema, run.Plan.Options),
                run.Schema.SampleWeightColumn >= 0, _includeRanking, source, group);
            if (sums.Used > 0 && !sums.IsBinary && double.IsNaN(summary.RocAuc))
                _writer.Cmdlet.WriteWarning($"{where}: a class has no rows (or no other class has), so its one-vs-rest RocAuc and AveragePrecision are undefined and their macro means are NaN (scikit-learn raises); the per-class figures of the other classes are in PerClass.");
            _writer.Write(summary);
        }
    }
}
