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
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>
    /// Plain rows go from a byte chunk straight into the block (ByteChunkReader.ReadPlainRows); every other row is read
    /// as a record (RowReader). On random files with odd cells, labels, weights, ragged and blank lines, the fast path
    /// must give exactly what the general path gives: the same rows, numbers bit for bit, labels, weights, row numbers,
    /// problems (row, column, value, reason) and sums, at every chunk size and thread count.
    /// </summary>
    public class PlainRowsTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "crossentropy-plain-" + Guid.NewGuid().ToString("N"));

        public PlainRowsTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            Directory.Delete(_dir, recursive: true);
            GC.SuppressFinalize(this);
        }

        private static readonly string[] OddNumbers =
        {
            "", " ", "-0", "-0.0", "0", "+1", " 1", "1 ", "inf", "nan", "1e309", "1e-400", "abc", ".5", "5.", "-.5", "1e",
            "1e+5", "1E-5", "1e-22", "1e22", "1e23", "9007199254740993", "9007199254740992", "00000000000000000001",
            "12345678901234567890", "1234567890123456789", "0.1234567890123456789", "-", ".", "e5", "1.2.3", "1e5.5",
            "1e0000000000000000000000000000000000000000000000000000000000000000001", "-5e-324", "4.9e-324", "2.2250738585072014e-308",
        };

        private static readonly string[] OddLabels = { "", " 1", "1 ", "+1", "-1", "-100", "1.0", "2.5", "a", "99", "0000000001", "00000000001", "4294967297" };

        private static string Number(Random random) => random.Next(10) switch
        {
            0 => OddNumbers[random.Next(OddNumbers.Length)],
            1 => BitConverter.Int64BitsToDouble(random.NextInt64()).ToString("R", CultureInfo.InvariantCulture),
            2 => (random.NextDouble() * 20 - 10).ToString("F" + random.Next(0, 18), CultureInfo.InvariantCulture),
            3 => (random.NextDouble() * Math.Pow(10, random.Next(-30, 30))).ToString("E" + random.Next(0, 17), CultureInfo.InvariantCulture),
            4 => random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture),
            _ => (random.NextDouble() * 8 - 4).ToString("R", CultureInfo.InvariantCulture),
        };

        // A number as files mostly hold them (a float's shortest digits, or fixed decimals): in the fast path.
        private static string Plain(Random random, double width, double from) => random.Next(2) == 0
            ? ((float)(random.NextDouble() * width + from)).ToString("R", CultureInfo.InvariantCulture)
            : (random.NextDouble() * width + from).ToString("F6", CultureInfo.InvariantCulture);

        // A file of logit_0..logit_{classes-1}, label, w and a note column, written with the given delimiter and line end.
        private string RandomFile(int seed, int classes, char delimiter, string newline, int rows)
        {
            var random = new Random(seed);
            string[] header = Enumerable.Range(0, classes).Select(k => "logit_" + k).Concat(new[] { "label", "w", "note" }).ToArray();
            var text = new StringBuilder(string.Join(delimiter, header)).Append(newline);
            for (int row = 0; row < rows; row++)
            {
                int odd = random.Next(12);
                if (odd == 0)
                {
                    text.Append(newline); // a blank line
                    continue;
                }
                var cells = new List<string>();
                for (int k = 0; k < classes; k++) cells.Add(random.Next(30) == 0 ? Number(random) : Plain(random, 8, -4));
                int label = random.Next(30) == 0 ? classes : random.Next(classes); // the class count itself: just out of range
                cells.Add(random.Next(15) == 0 ? OddLabels[random.Next(OddLabels.Length)] : label.ToString(CultureInfo.InvariantCulture));
                cells.Add(random.Next(15) == 0 ? Number(random) : Plain(random, 3, 0));
                cells.Add(random.Next(3) == 0 ? "" : "note " + random.Next(100));
                if (odd == 1) cells.RemoveAt(cells.Count - 1); // ragged: short
                if (odd == 2) cells.Add("extra");               // ragged: long
                text.Append(string.Join(delimiter, cells)).Append(newline);
            }
            if (random.Next(2) == 0) text.Length -= newline.Length; // no final line end
            string path = Path.Combine(_dir, $"{seed}.csv");
            File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
            return path;
        }

        private static string Describe(Problem p) => $"{p.Kind} row {p.Row} column {p.Column} value [{p.Value}] {p.Reason}";

        // Every row a block takes, as text: row number, scores (bits), label, weight; problems as they come.
        private static void Append(RowBlock block, List<string> into)
        {
            for (int i = 0; i < block.Count; i++)
            {
                var line = new StringBuilder().Append(block.RowNumbers[i]).Append(':');
                for (int k = 0; k < block.Classes; k++) line.Append(' ').Append(BitConverter.DoubleToInt64Bits(block.Values[(i * block.Classes) + k]).ToString("X16", CultureInfo.InvariantCulture));
                line.Append(" label ").Append(block.Labels[i]);
                if (block.SampleWeights != null) line.Append(" w ").Append(BitConverter.DoubleToInt64Bits(block.SampleWeights[i]).ToString("X16", CultureInfo.InvariantCulture));
                into.Add(line.ToString());
            }
            block.Clear();
        }

        // The chunk's rows read as records only (general), or plain rows first as RunChunk reads them (fast).
        private static List<string> ReadChunks(CsvFile file, RowReader reader, int chunkBytes, bool fast, out int plainRows)
        {
            plainRows = 0;
            var rows = new List<string>();
            RowBlock block = reader.CreateBlock(7);
            foreach (FileChunk chunk in file.Chunks(chunkBytes))
            {
                using (IRecordCursor records = file.ReadChunk(chunk))
                {
                    ByteChunkReader? plain = fast ? records as ByteChunkReader : null;
                    long row = 0;
                    while (true)
                    {
                        if (plain != null)
                        {
                            int n = plain.ReadPlainRows(reader.PlainRows!, block, row + 1);
                            row += n;
                            plainRows += n;
                            if (block.IsFull)
                            {
                                Append(block, rows);
                                continue;
                            }
                        }
                        if (!records.Read()) break;
                        Problem? problem = reader.TryAdd(records, ++row, block);
                        if (problem != null) rows.Add(Describe(problem));
                        else if (block.IsFull) Append(block, rows);
                    }
                    Append(block, rows);
                }
                rows.Add("end of chunk");
                chunk.Release();
            }
            return rows;
        }

        [Theory]
        [InlineData(2, ",", "\n", true)]
        [InlineData(2, ";", "\r\n", false)]
        [InlineData(3, "\t", "\r", true)]
        [InlineData(10, "|", "\n", true)]
        [InlineData(10, ",", "\r\n", false)]
        public void PlainRowsReadAsRecordsDo(int classes, string delimiter, string newline, bool weighted)
        {
            string path = RandomFile(classes * 100 + delimiter[0], classes, delimiter[0], newline, 3000);
            CsvFile file = CsvFile.Open(path, new CsvOptions { Delimiter = delimiter[0] });
            Schema schema = SchemaResolver.Resolve(file, file.ReadFirstRecord(), new ColumnOptions { SampleWeightColumn = weighted ? "w" : null });
            var reader = new RowReader(schema);
            Assert.NotNull(reader.PlainRows);
            foreach (int chunkBytes in new[] { 64, 1000, CsvFile.DefaultChunkBytes })
            {
                List<string> general = ReadChunks(file, reader, chunkBytes, fast: false, out int none);
                List<string> fast = ReadChunks(file, reader, chunkBytes, fast: true, out int plain);
                Assert.Equal(0, none);
                Assert.True(plain > 1000, $"only {plain} rows took the fast path");
                Assert.True(general.Any(r => r.Contains("row", StringComparison.Ordinal)), "no row was rejected: the fallback was not tested");
                Assert.Equal(general.Count, fast.Count);
                for (int i = 0; i < general.Count; i++) Assert.Equal(general[i], fast[i]);
            }
        }

        /// <summary>Collects a run's problems.</summary>
        private sealed class Sink : IRunSink
        {
            public List<Problem> Problems { get; } = new();

            public void Rows(in RowOutcomes rows)
            {
            }

            public void Problem(Problem problem) => Problems.Add(problem);
        }

        // A whole run: its sums (bits) and problems. Sylvan (bytes: false) reads no plain rows: the general path.
        private static List<string> Run(string path, char delimiter, bool bytes, int chunkBytes, int threads, ColumnOptions columns, LossSettings settings)
        {
            CsvFile file = CsvFile.Open(path, new CsvOptions { Delimiter = delimiter, ReadsBytes = bytes });
            Schema schema = SchemaResolver.Resolve(file, file.ReadFirstRecord(), columns);
            var sink = new Sink();
            var run = new LossRun(new RunPlan(schema, settings.Resolve(schema)), sink);
            long rows = ParallelFile.Run(file, run, new FileReading { Threads = threads, ChunkBytes = chunkBytes });
            run.Finish();
            LossAccumulator t = run.Total;
            var result = new List<string>
            {
                $"rows {rows} read {t.Read} used {t.Used} ignored {t.Ignored} rejected {t.Rejected}",
                string.Join(" ", new[] { t.LossSum, t.WeightSum, t.CorrectSum, t.SampleWeightSum, t.Mean }.Select(x => BitConverter.DoubleToInt64Bits(x).ToString("X16", CultureInfo.InvariantCulture))),
            };
            result.AddRange(sink.Problems.Select(Describe));
            return result;
        }

        [Theory]
        [InlineData(3, ",", "\n", true, null)]
        [InlineData(10, ",", "\r\n", false, null)]
        [InlineData(4, ";", "\n", false, "-100")]
        public void RunsFromBytesGiveWhatTheGeneralPathGives(int classes, string delimiter, string newline, bool weighted, string? ignoreIndex)
        {
            string path = RandomFile(classes * 7 + newline.Length, classes, delimiter[0], newline, 5000);
            var columns = new ColumnOptions { SampleWeightColumn = weighted ? "w" : null };
            var settings = new LossSettings { IgnoreIndex = ignoreIndex };
            List<string> general = Run(path, delimiter[0], bytes: false, CsvFile.DefaultChunkBytes, 1, columns, settings);
            Assert.True(general.Count > 10, "no row was rejected: the fallback was not tested");
            foreach (int chunkBytes in new[] { 100, 4096, CsvFile.DefaultChunkBytes })
            {
                foreach (int threads in new[] { 1, 2 })
                {
                    List<string> fast = Run(path, delimiter[0], bytes: true, chunkBytes, threads, columns, settings);
                    Assert.Equal(general.Count, fast.Count);
                    for (int i = 0; i < general.Count; i++) Assert.Equal(general[i], fast[i]);
                }
            }
        }

        [Theory]
        [InlineData("1.5", "0", true)]
        [InlineData("1.5", "2", false)]
        [InlineData("1.5", "01", true)]
        [InlineData("1e-400", "0", false)]
        [InlineData("-0", "1", true)]
        [InlineData("1.5", "1.0", false)]
        public void ARowIsPlainOnlyWhenTheFastPathReadsItExactly(string score, string label, bool plain)
        {
            string path = Path.Combine(_dir, "one.csv");
            File.WriteAllText(path, $"logit_0,logit_1,label\n{score},2,{label}\n");
            CsvFile file = CsvFile.Open(path);
            var reader = new RowReader(SchemaResolver.Resolve(file, file.ReadFirstRecord(), new ColumnOptions()));
            FileChunk chunk = file.Chunks().Single();
            using IRecordCursor records = file.ReadChunk(chunk);
            RowBlock block = reader.CreateBlock(4);
            Assert.Equal(plain ? 1 : 0, ((ByteChunkReader)records).ReadPlainRows(reader.PlainRows!, block, 1));
            Assert.Equal(plain ? 0 : 1, block.Count == 0 && records.Read() ? 1 : 0);
            chunk.Release();
        }

        [Fact]
        public void SchemasWithTargetsOrGroupsAreNotPlain()
        {
            var header = new ObjectRecord("t.csv", new[] { "logit_a", "logit_b", "label", "g" });
            Assert.Null(new RowReader(SchemaResolver.Resolve(header, null, new ColumnOptions { GroupBy = "g" })).PlainRows);
            // Class names that are not their indices need a lookup.
            Assert.Null(new RowReader(SchemaResolver.Resolve(header, null, new ColumnOptions())).PlainRows);
            var soft = new ObjectRecord("t.csv", new[] { "logit_0", "logit_1", "y_0", "y_1" });
            Assert.Null(new RowReader(SchemaResolver.Resolve(soft, null, new ColumnOptions())).PlainRows);
        }
    }
}
