using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;
using CrossEntropy.Engine;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>
    /// Issue 12 item 9: a wide header maps in linear work (bytes allocated, not time: ten times the columns may cost at
    /// most 15 times as much), and the gradient of the mean over a file keeps no block waiting for the total weight
    /// (a first pass finds it), with the same gradients as the one-pass read.
    /// </summary>
    public class BoundedWorkTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "crossentropy-bounded-" + Guid.NewGuid().ToString("N"));

        public BoundedWorkTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            Directory.Delete(_dir, recursive: true);
            GC.SuppressFinalize(this);
        }

        private string WideFile(int columns)
        {
            var sb = new StringBuilder();
            sb.Append(string.Join(",", Enumerable.Range(0, columns).Select(c => "logit_" + c.ToString(CultureInfo.InvariantCulture)))).Append(",label\n");
            for (int r = 0; r < 2; r++)
                sb.Append(string.Join(",", Enumerable.Range(0, columns).Select(c => ((c + r) % 5).ToString(CultureInfo.InvariantCulture)))).Append(",3\n");
            string path = Path.Combine(_dir, columns + ".csv");
            File.WriteAllText(path, sb.ToString());
            return path;
        }

        private static long MappingBytes(string path)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            CsvFile file = CsvFile.Open(path);
            Schema schema = SchemaResolver.Resolve(file, file.ReadFirstRecord(), new ColumnOptions());
            Assert.Equal(file.Columns.Count - 1, schema.Classes.Length);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        [Fact]
        public void AHundredThousandColumnsMapInLinearWork()
        {
            string small = WideFile(10_000), large = WideFile(100_000);
            MappingBytes(small); // warm up
            long a = MappingBytes(small), b = MappingBytes(large);
            Assert.True(b <= 15 * a, $"10,000 columns: {a:N0} bytes; 100,000 columns: {b:N0} bytes ({(double)b / a:F1}x for 10x the columns).");
        }

        private sealed class GradientSink : IRunSink
        {
            public readonly List<(long Row, double[] Gradient)> Gradients = new List<(long, double[])>();
            public int Problems;

            void IRunSink.Rows(in RowOutcomes rows)
            {
                for (int i = 0; i < rows.Count; i++)
                    if (rows[i].Status != RowStatus.Rejected) Gradients.Add((rows[i].Row, rows[i].Gradient.ToArray()));
            }

            public void Problem(Problem problem) => Problems++;
        }

        [Fact]
        public void TheGradientOfTheMeanOverAFileKeepsNoBlockWaiting()
        {
            var sb = new StringBuilder("logit_a,logit_b,logit_c,label,w\n");
            var rng = new Random(7);
            for (int r = 0; r < 5000; r++)
            {
                string label = r % 97 == 0 ? "x" : (r % 3).ToString(CultureInfo.InvariantCulture); // some rejected rows
                sb.Append(string.Join(",", Enumerable.Range(0, 3).Select(_ => (rng.NextDouble() * 6 - 3).ToString("R", CultureInfo.InvariantCulture))))
                  .Append(',').Append(label).Append(',').Append((rng.Next(1, 4)).ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            string path = Path.Combine(_dir, "gradient.csv");
            File.WriteAllText(path, sb.ToString());
            var reading = new FileReading { Threads = 2, ChunkBytes = 4096 };

            (LossRun Run, GradientSink Out) Read(bool twoPasses)
            {
                CsvFile file = CsvFile.Open(path);
                Schema schema = SchemaResolver.Resolve(file, file.ReadFirstRecord(), new ColumnOptions { SampleWeightColumn = "w" });
                var sink = new GradientSink();
                var plan = new RunPlan(schema, new LossSettings().Resolve(schema), RunMode.Gradient, blockSize: 64) { PerRowOutput = true };
                var run = new LossRun(plan, sink);
                if (twoPasses) run = MeanGradientPasses.ForFile(run, file, reading, sink);
                ParallelFile.Run(file, run, reading);
                run.Finish();
                return (run, sink);
            }

            (LossRun oneRun, GradientSink one) = Read(twoPasses: false);
            (LossRun twoRun, GradientSink two) = Read(twoPasses: true);
            Assert.True(oneRun.PeakWaitingBlocks > 50); // the old way: every block of the file waited
            Assert.Equal(0, twoRun.PeakWaitingBlocks);
            Assert.True(twoRun.Plan.TotalFromFirstPass);
            Assert.Equal(one.Problems, two.Problems); // reported once, by the second pass
            Assert.Equal(oneRun.Total.WeightSum, twoRun.Total.WeightSum);
            Assert.Equal(one.Gradients.Select(g => g.Row), two.Gradients.Select(g => g.Row));
            for (int i = 0; i < one.Gradients.Count; i++)
                Assert.Equal(one.Gradients[i].Gradient, two.Gradients[i].Gradient); // bit for bit: the same kernel, the same divisor
        }
    }
}
