using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;
using CrossEntropy.Engine;
using CsCheck;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>
    /// Property tests (CsCheck): random files and pipeline rows, valid and mutated in known ways, through the real
    /// input path on random chunk sizes and thread counts. Whatever comes in: no exception escapes but the documented
    /// InputException, used + ignored + rejected = rows, every mutated row is rejected and every valid one used, and the
    /// mean equals the serial scalar reference over the valid rows. CI runs a bounded number of cases; for a longer run:
    ///   CROSSENTROPY_FUZZ_ITER=20000 dotnet test tests/CrossEntropy.Data.Tests --filter FullyQualifiedName~Fuzz
    /// </summary>
    public class FuzzTests
    {
        /// <summary>Collects a run's problems (rows are not asked for).</summary>
        private sealed class Sink : IRunSink
        {
            public List<Problem> Problems { get; } = new();

            public void Rows(in RowOutcomes rows)
            {
            }

            public void Problem(Problem problem) => Problems.Add(problem);
        }

        private static readonly long Iterations =
            long.TryParse(Environment.GetEnvironmentVariable("CROSSENTROPY_FUZZ_ITER"), out long n) && n > 0 ? n : 250;

        /// <summary>What a generated row is, and whether the reader must take it.</summary>
        private sealed record Row(double[] Logits, int Label, string[] Cells, bool Valid, string Mutation);

        private sealed record Case(int Classes, List<Row> Rows, string Csv, int ChunkBytes, int Threads, int Seed)
        {
            public override string ToString() => $"classes={Classes} rows={Rows.Count} chunk={ChunkBytes} threads={Threads} seed={Seed}\n{Csv}";
        }

        private static readonly Gen<Case> Cases =
            Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[2, 9], Gen.Int[0, 60], Gen.Int[1, 400], Gen.Int[1, 4], Build);

        private static Case Build(int seed, int classes, int rows, int chunkBytes, int threads)
        {
            var rng = new Random(seed);
            var list = new List<Row>();
            for (int i = 0; i < rows; i++) list.Add(MakeRow(rng, classes));
            var sb = new StringBuilder();
            if (rng.Next(4) == 0) sb.Append('\uFEFF');
            string newline = rng.Next(3) == 0 ? "\r\n" : "\n";
            sb.Append(string.Join(",", Enumerable.Range(0, classes).Select(c => Quote(rng, "logit_" + c)))).Append(",label,note").Append(newline);
            foreach (Row r in list)
            {
                if (rng.Next(10) == 0) sb.Append(newline); // blank lines are not rows
                sb.Append(string.Join(",", r.Cells)).Append(newline);
            }
            string csv = sb.ToString();
            if (rng.Next(3) == 0) csv = csv.TrimEnd('\r', '\n'); // no final line end
            return new Case(classes, list, csv, chunkBytes, threads, seed);
        }

        // A valid row, or one mutated in a way the reader must reject.
        private static Row MakeRow(Random rng, int classes)
        {
            double[] x = Enumerable.Range(0, classes).Select(_ => Math.Round((rng.NextDouble() * 20 - 10) * 1e6) / 1e6).ToArray();
            int label = rng.Next(classes);
            var cells = x.Select(v => Num(rng, v)).ToList();
            cells.Add(rng.Next(2) == 0 ? label.ToString(CultureInfo.InvariantCulture) : Quote(rng, label.ToString(CultureInfo.InvariantCulture)));
            cells.Add(Note(rng));
            string mutation = "";
            if (rng.Next(4) == 0)
            {
                int k = rng.Next(classes);
                switch (rng.Next(8))
                {
                    case 0: cells[k] = "abc"; mutation = "text"; break;
                    case 1: cells[k] = ""; mutation = "empty"; break;
                    case 2: cells[k] = "NaN"; mutation = "nan"; break;
                    case 3: cells[k] = "1,5"; mutation = "comma"; break;
                    case 4: cells[classes] = (classes + rng.Next(5)).ToString(CultureInfo.InvariantCulture); mutation = "label range"; break;
                    case 5: cells[classes] = "cat"; mutation = "unknown label"; break;
                    case 6: cells.RemoveAt(classes + 1); mutation = "short row"; break;
                    default: cells.Add("extra"); mutation = "long row"; break;
                }
            }
            return new Row(x, label, cells.ToArray(), mutation.Length == 0, mutation);
        }

        private static string Num(Random rng, double v)
        {
            string s = v.ToString(rng.Next(2) == 0 ? "R" : "E10", CultureInfo.InvariantCulture);
            if (double.Parse(s, CultureInfo.InvariantCulture) != v) s = v.ToString("R", CultureInfo.InvariantCulture);
            return rng.Next(6) switch
            {
                0 => " " + s + " ", // surrounding spaces are allowed
                1 => "\"" + s + "\"",
                _ => s,
            };
        }

        private static string Note(Random rng) => rng.Next(4) switch
        {
            0 => "\"a, b\"",
            1 => "\"two\nlines\"",
            2 => "\"say \"\"hi\"\"\"",
            _ => "plain",
        };

        private static string Quote(Random rng, string s) => rng.Next(3) == 0 ? "\"" + s + "\"" : s;

        private static double Reference(int classes, IEnumerable<Row> rows)
        {
            Row[] valid = rows.Where(r => r.Valid).ToArray();
            double[] x = valid.SelectMany(r => r.Logits).ToArray();
            int[] y = valid.Select(r => r.Label).ToArray();
            return valid.Length == 0 ? double.NaN : ScalarReference.MeanLoss(new LossOptions { Classes = classes }, x, y, valid.Length);
        }

        private static void CheckSums(Case c, LossAccumulator total)
        {
            Assert.Equal(c.Rows.Count, total.Read);
            Assert.Equal(c.Rows.Count(r => r.Valid), total.Used);
            Assert.Equal(c.Rows.Count(r => !r.Valid), total.Rejected);
            Assert.Equal(0, total.Ignored);
            double expected = Reference(c.Classes, c.Rows);
            if (double.IsNaN(expected)) Assert.True(double.IsNaN(total.Mean));
            else Assert.True(Math.Abs(expected - total.Mean) <= 1e-12 * Math.Abs(expected) + 1e-15, $"mean {total.Mean:R}, reference {expected:R}");
        }

        [Fact]
        public void FilesReadInChunksOnThreadsAgreeWithTheReference()
        {
            string dir = Path.Combine(Path.GetTempPath(), "crossentropy-fuzz", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                Cases.Sample(c =>
                {
                    string path = Path.Combine(dir, $"{c.Seed}-{c.Rows.Count}.csv");
                    File.WriteAllText(path, c.Csv, new UTF8Encoding(false));
                    CsvFile file = CsvFile.Open(path);
                    Schema schema = SchemaResolver.Resolve(file, file.ReadFirstRecord(), new ColumnOptions());
                    Assert.Equal(c.Classes, schema.ScoreCount);
                    var sink = new Sink();
                    var run = new LossRun(new RunPlan(schema, new LossSettings().Resolve(schema)), sink);
                    List<Problem> problems = sink.Problems;
                    long rows = ParallelFile.Run(file, run, new FileReading { Threads = c.Threads, ChunkBytes = c.ChunkBytes });
                    run.Finish();
                    Assert.Equal(c.Rows.Count, rows);
                    CheckSums(c, run.Total);
                    // Every problem names its file and a row that was generated bad, in row order.
                    long[] badRows = c.Rows.Select((r, i) => (r, i)).Where(t => !t.r.Valid).Select(t => (long)t.i + 1).ToArray();
                    Assert.Equal(badRows, problems.Select(p => p.Row));
                    Assert.All(problems, p => Assert.Equal(path, p.Source));
                    File.Delete(path);
                }, iter: Iterations, threads: 1, print: c => c.ToString());
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void ObjectRowsOfAnyCellTypeAgreeWithTheReference()
        {
            // Pipeline rows: the same rows as .NET values (strings, doubles, ints, nulls) through ObjectRecord.
            Cases.Sample(c =>
            {
                var header = Enumerable.Range(0, c.Classes).Select(k => "logit_" + k).Concat(new[] { "label", "note" }).ToArray();
                var record = new ObjectRecord("pipeline input", header);
                Schema schema = SchemaResolver.Resolve(record, null, new ColumnOptions());
                var run = new LossRun(new RunPlan(schema, new LossSettings().Resolve(schema)), new Sink());
                var rng = new Random(c.Seed);
                long row = 0;
                foreach (Row r in c.Rows)
                {
                    record.Clear();
                    for (int k = 0; k < Math.Min(r.Cells.Length, header.Length); k++)
                    {
                        string cell = r.Cells[k].Trim().Trim('"');
                        object? value = cell;
                        if (r.Valid && k < c.Classes && rng.Next(2) == 0) value = r.Logits[k]; // a double, as a script would give
                        if (r.Valid && k == c.Classes && rng.Next(2) == 0) value = r.Label;  // an int label
                        record.Set(k, value);
                    }
                    if (r.Cells.Length > header.Length) record.ShapeProblem = "the row has an extra cell";
                    run.Add(record, ++row);
                }
                run.Finish();
                // An object without the unused "note" property is a fine row (a CSV row one cell short is not).
                var asObjects = c with { Rows = c.Rows.Select(r => r.Mutation == "short row" ? r with { Valid = true } : r).ToList() };
                CheckSums(asObjects, run.Total);
            }, iter: Iterations, threads: 1, print: c => c.ToString());
        }

        [Fact]
        public void ArbitraryBytesNeverCrashTheReader()
        {
            // Not CSV at all: random bytes, quotes and delimiters. Only InputException (a header that cannot be mapped)
            // may come out; a record the reader cannot take is a rejected row, so whatever is read is counted — and the
            // same rows are read and rejected at any chunk size.
            Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 2000], Gen.Int[1, 300], (seed, length, chunk) => (seed, length, chunk)).Sample(t =>
            {
                var rng = new Random(t.seed);
                const string alphabet = "abc,;\t\"\r\n019.-eE NaN\u221e\u00e9";
                var sb = new StringBuilder("x,label\n");
                for (int i = 0; i < t.length; i++) sb.Append(alphabet[rng.Next(alphabet.Length)]);
                string path = Path.Combine(Path.GetTempPath(), $"crossentropy-bytes-{t.seed}.csv");
                File.WriteAllText(path, sb.ToString());
                try
                {
                    var whole = Read(path, 1 << 20);
                    var chunked = Read(path, t.chunk);
                    Assert.Equal(whole.Rows, chunked.Rows);
                    Assert.Equal(whole.Rejected, chunked.Rejected);
                }
                catch (InputException e) when (e.Failure == InputFailure.Invalid)
                {
                }
                finally
                {
                    File.Delete(path);
                }
            }, iter: Iterations, threads: 1);
        }

        private static (long Rows, List<long> Rejected) Read(string path, int chunkBytes)
        {
            CsvFile file = CsvFile.Open(path, new CsvOptions { MaxRecordChars = 4096 });
            Schema schema = SchemaResolver.Resolve(file, file.ReadFirstRecord(), new ColumnOptions { LabelOptional = true });
            var sink = new Sink();
            var run = new LossRun(new RunPlan(schema, new LossSettings().Resolve(schema)), sink);
            long rows = ParallelFile.Run(file, run, new FileReading { Threads = 2, ChunkBytes = chunkBytes });
            run.Finish();
            Assert.Equal(rows, run.Total.Read);
            Assert.Equal(run.Total.Rejected, sink.Problems.Count);
            return (rows, sink.Problems.Select(p => p.Row).ToList());
        }
    }
}
