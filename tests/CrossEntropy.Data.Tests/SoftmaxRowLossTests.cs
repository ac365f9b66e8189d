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
    /// A softmax run computes no loss: a row's Loss is NaN at every thread count and chunk size, never what a pooled
    /// block's loss buffer held from an earlier run (0 on a fresh buffer, a loss or NaN on a reused one).
    /// </summary>
    public class SoftmaxRowLossTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "crossentropy-softmaxloss-" + Guid.NewGuid().ToString("N"));

        public SoftmaxRowLossTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            Directory.Delete(_dir, recursive: true);
            GC.SuppressFinalize(this);
        }

        private sealed class RowSink : IRunSink
        {
            public readonly List<(long Row, double Loss, double[] Probabilities)> Rows = new List<(long, double, double[])>();
            public bool Softmax;

            void IRunSink.Rows(in RowOutcomes rows)
            {
                for (int i = 0; i < rows.Count; i++)
                    if (rows[i].Status != RowStatus.Rejected) Rows.Add((rows[i].Row, rows[i].Loss, Softmax ? rows[i].Probabilities.ToArray() : Array.Empty<double>()));
            }

            public void Problem(Problem problem)
            {
            }
        }

        private string File3(int rows)
        {
            var sb = new StringBuilder("logit_a,logit_b,logit_c,label\n");
            var rng = new Random(11);
            for (int r = 0; r < rows; r++)
            {
                string label = r % 13 == 0 ? "-100" : r % 29 == 0 ? "x" : (r % 3).ToString(CultureInfo.InvariantCulture); // ignored and rejected rows too
                sb.Append(string.Join(",", Enumerable.Range(0, 3).Select(_ => (rng.NextDouble() * 8 - 4).ToString("R", CultureInfo.InvariantCulture))))
                  .Append(',').Append(label).Append('\n');
            }
            string path = Path.Combine(_dir, "rows.csv");
            File.WriteAllText(path, sb.ToString());
            return path;
        }

        private static RowSink Run(string path, RunMode mode, int threads, int chunkBytes)
        {
            CsvFile file = CsvFile.Open(path);
            Schema schema = SchemaResolver.Resolve(file, file.ReadFirstRecord(), new ColumnOptions());
            var sink = new RowSink { Softmax = mode == RunMode.Softmax };
            var run = new LossRun(new RunPlan(schema, new LossSettings().Resolve(schema), mode, blockSize: 64) { PerRowOutput = true }, sink);
            ParallelFile.Run(file, run, new FileReading { Threads = threads, ChunkBytes = chunkBytes });
            run.Finish();
            return sink;
        }

        [Fact]
        public void ASoftmaxRowsLossIsNaNAtEveryThreadCount()
        {
            string path = File3(3000);
            RowSink losses = Run(path, RunMode.Loss, 2, 4096); // leaves losses in pooled buffers, if any are shared
            Assert.Contains(losses.Rows, r => r.Loss > 0);
            RowSink? first = null;
            foreach ((int threads, int chunk) in new[] { (1, CsvFile.DefaultChunkBytes), (2, 4096), (2, 1024), (1, 2048) })
            {
                RowSink s = Run(path, RunMode.Softmax, threads, chunk);
                Assert.NotEmpty(s.Rows);
                Assert.All(s.Rows, r => Assert.True(double.IsNaN(r.Loss), $"row {r.Row}: Loss {r.Loss} at {threads} threads, {chunk}-byte chunks"));
                first ??= s;
                Assert.Equal(first.Rows.Select(r => r.Row), s.Rows.Select(r => r.Row));
                for (int i = 0; i < s.Rows.Count; i++) Assert.Equal(first.Rows[i].Probabilities, s.Rows[i].Probabilities);
            }
        }
    }
}
