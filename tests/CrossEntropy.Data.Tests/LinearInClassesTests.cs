using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrossEntropy.Data.Sources;
using CrossEntropy.Data.Audit;
using CrossEntropy.Data.Checks;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Report;
using CrossEntropy.Data.Results;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Engine;
using Xunit;
using Xunit.Abstractions;

namespace CrossEntropy.Data.Tests
{
    /// <summary>
    /// Linear in the class count: for the same rows, 50,000 classes may cost at most 1.5 × 50 times what 1,000 cost.
    /// Measured in bytes allocated on this thread (not time): reading per-class sums inside a loop over the classes,
    /// the old quadratic pattern, allocates a class-sized array per class and fails this by orders of magnitude.
    /// </summary>
    public class LinearInClassesTests
    {
        private const int Rows = 40;
        private readonly ITestOutputHelper _out;

        public LinearInClassesTests(ITestOutputHelper output) => _out = output;
        private const double Allowed = 1.5 * 50_000 / 1_000;

        private sealed class Sink : IRunSink
        {
            public void Rows(in RowOutcomes rows)
            {
            }

            public void Problem(Problem problem) => throw new InvalidOperationException(problem.ToString());
        }

        // An audited run over Rows rows of `classes` logits, grouped, with a noisy-label ranking: every kind of sum.
        private static (LossRun Run, long Allocated) Audit(int classes)
        {
            var header = Enumerable.Range(0, classes).Select(c => "logit_" + c.ToString(CultureInfo.InvariantCulture)).Concat(new[] { "label", "site" }).ToArray();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var record = new ObjectRecord("wide.csv", header);
            Schema schema = SchemaResolver.Resolve(record, null, new ColumnOptions { GroupBy = "site" });
            LossRun run = AuditStage.CreateRun(schema, new LossSettings(), new AuditOptions { NoisyTop = 5 }, new Sink());
            var rng = new Random(1);
            for (int r = 0; r < Rows; r++)
            {
                record.Clear();
                for (int c = 0; c < classes; c++) record.Set(c, rng.NextDouble() * 4 - 2);
                record.Set(classes, rng.Next(classes));
                record.Set(classes + 1, r % 3 == 0 ? "north" : "south");
                run.Add(record, r + 1, r);
            }
            run.Finish();
            return (run, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        // Every result a cmdlet builds from a finished run: summaries, figures and checks per class, the report.
        private static long Results(LossRun run)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sources = new[] { "wide.csv" };
            GC.KeepAlive(LossResults.Summary(run.Total, run.Schema, run.Plan.Options, Reduction.Mean, "wide.csv", null));
            for (int g = 0; g < run.GroupNames.Count; g++)
            {
                GC.KeepAlive(LossResults.Summary(run.GroupSums(g), run.Schema, run.Plan.Options, Reduction.Mean, "wide.csv", run.GroupNames[g]));
                GC.KeepAlive(AuditResults.Calibration(run.Audit!.CalibrationOf(g), run.GroupSums(g).Counts,
                    AuditResults.CalibrationShape(run.Schema, run.Plan.Options, run.Audit!.Options.BinCount), "wide.csv", run.GroupNames[g]));
                GC.KeepAlive(AuditResults.Entropy(run.Audit!.EntropyOf(g), run.GroupSums(g), run.Audit!,
                    AuditResults.EntropyShape(run.Schema, run.Plan.Options), "e", 1.0, false, "wide.csv", run.GroupNames[g]));
            }
            RunFigures figures = RunFigures.From(run, sources);
            List<AssertionCheck> checks = new Limits { MaximumLoss = 10, PerClass = true, MaximumIncrease = 1 }.Evaluate(figures, RunFigures.From(run, sources));
            Assert.NotEmpty(checks);
            GC.KeepAlive(ReportBuilder.Build(run, "wide", sources, null, _ => null));
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        [Fact]
        public void AuditingAndBuildingEveryResultGrowLinearlyWithTheClasses()
        {
            Audit(1_000); // warm-up: first-call allocations (JIT, statics) are not the classes' cost
            (LossRun small, long smallRun) = Audit(1_000);
            (LossRun large, long largeRun) = Audit(50_000);
            long smallResults = Results(small), largeResults = Results(large);
            _out.WriteLine($"run: {smallRun:N0} -> {largeRun:N0} bytes ({(double)largeRun / smallRun:F1}x); results: {smallResults:N0} -> {largeResults:N0} bytes ({(double)largeResults / smallResults:F1}x); allowed {Allowed}x");
            Assert.True(largeRun <= Allowed * smallRun, $"the run allocated {largeRun:N0} bytes for 50,000 classes, {smallRun:N0} for 1,000");
            Assert.True(largeResults <= Allowed * smallResults, $"the results allocated {largeResults:N0} bytes for 50,000 classes, {smallResults:N0} for 1,000");
        }

        // The bytes a file of Rows rows and `classes` logit columns allocates when every record is read through its chunks.
        private static long Read(int classes)
        {
            string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"crossentropy-wide-{classes}-{Guid.NewGuid():N}.csv");
            var rng = new Random(2);
            using (var w = new System.IO.StreamWriter(path))
            {
                w.Write(string.Join(",", Enumerable.Range(0, classes).Select(c => "logit_" + c.ToString(CultureInfo.InvariantCulture))) + ",label\n");
                for (int r = 0; r < Rows; r++)
                    w.Write(string.Join(",", Enumerable.Range(0, classes).Select(_ => (rng.NextDouble() * 4 - 2).ToString("R", CultureInfo.InvariantCulture))) + ",0\n");
            }
            try
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                var file = Csv.CsvFile.Open(path);
                GC.KeepAlive(file.ReadFirstRecord());
                double sum = 0;
                char[] buffer = file.NewReadBuffer(); // one per worker, as the module lends it
                foreach (FileChunk chunk in file.Chunks(1 << 16)) // many chunks: one reader each
                {
                    using Sources.IRecordCursor records = file.ReadChunk(chunk, buffer);
                    while (records.Read())
                        for (int c = 0; c < classes; c++)
                            if (records.TryGetDouble(c, out double v) == NumberParse.Ok) sum += v;
                    chunk.Release();
                }
                Assert.False(double.IsNaN(sum));
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }

        [Fact]
        public void ReadingAWideFileGrowsLinearlyWithItsColumns()
        {
            Read(1_000);
            long small = Read(1_000), large = Read(50_000);
            _out.WriteLine($"read: {small:N0} -> {large:N0} bytes ({(double)large / small:F1}x); allowed {Allowed}x");
            Assert.True(large <= Allowed * small, $"reading allocated {large:N0} bytes for 50,000 columns, {small:N0} for 1,000");
        }

        [Fact]
        public void ReadingOneClassOfTheSumsAllocatesNothing()
        {
            var sums = new LossAccumulator(50_000);
            sums.ClassAt(0); // the first lookup indexes the touched classes, once
            long before = GC.GetAllocatedBytesForCurrentThread();
            double total = 0;
            for (int c = 0; c < 50_000; c++) total += sums.ClassAt(c).SampleWeightSum;
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(0, total);
        }
    }
}
