#if NET
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Formats;
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
    /// Issue 15 item 7: a Parquet row group moved into blocks in bulk (<see cref="IBlockFill"/>) gives exactly what the
    /// per-row path gives — every row's outcome, every problem (row, row group, column, value), the sums and the row
    /// accounting — on the DuckDB-written samples, including dirty-edges-wide-f64 (NaN and infinite logits, nulls, labels
    /// out of range, the ignore index, unknown and padded class names, bad weights, a group column with a null), at
    /// several thread counts and block sizes. The per-row path is the same file with its cursors stripped of the
    /// interface.
    /// </summary>
    public class ParquetBlockFillTests
    {
        private const string Edges = "dirty-edges-wide-f64.snappy.parquet";

        private static string Sample(string name)
        {
            string? dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "CrossEntropy.sln"))) dir = Path.GetDirectoryName(dir);
            return Path.Combine(dir ?? throw new InvalidOperationException("no repository above the tests"), "tests", "data", "formats", "parquet", name);
        }

        /// <summary>The same file read the per-row way: its cursors do not offer <see cref="IBlockFill"/>.</summary>
        private sealed class PerRowFile : IChunkedFile
        {
            private readonly IChunkedFile _file;

            public PerRowFile(IChunkedFile file) => _file = file;

            public IReadOnlyList<string> Columns => _file.Columns;
            public string SourceName => _file.SourceName;
            public long DataOffset => _file.DataOffset;
            public long Length => _file.Length;
            public IEnumerable<FileChunk> Chunks(int chunkBytes) => _file.Chunks(chunkBytes);
            public object NewScratch() => _file.NewScratch();
            public IRecordCursor Open(FileChunk chunk, object? scratch) => new PerRowCursor(_file.Open(chunk, scratch));
        }

        private sealed class PerRowCursor : IRecordCursor, INumberRow
        {
            private readonly IRecordCursor _inner;

            public PerRowCursor(IRecordCursor inner) => _inner = inner;

            public string? ShapeProblem => _inner.ShapeProblem;
            public bool Read() => _inner.Read();
            public bool HasField(int ordinal) => _inner.HasField(ordinal);
            public NumberParse TryGetDouble(int ordinal, out double value) => _inner.TryGetDouble(ordinal, out value);
            public string GetText(int ordinal) => _inner.GetText(ordinal);
            public ReadOnlySpan<char> GetSpan(int ordinal) => _inner.GetSpan(ordinal);
            public bool TryGetDoubles(int[] ordinals, Span<double> values) => ((INumberRow)_inner).TryGetDoubles(ordinals, values);
            public void Dispose() => _inner.Dispose();
        }

        /// <summary>Everything a run writes, as lines (doubles by their bits).</summary>
        private sealed class Sink : IRunSink
        {
            public Sink(RunMode mode) => Mode = mode;

            public RunMode Mode { get; }
            public List<string> Lines { get; } = new List<string>();

            public void Rows(in RowOutcomes rows)
            {
                for (int i = 0; i < rows.Count; i++)
                {
                    RowOutcome r = rows[i];
                    // Softmax computes no loss (its loss buffer holds whatever a reused result held).
                    string loss = Mode == RunMode.Softmax ? "" : Bits(r.Loss);
                    string line = $"row {r.Row} {r.Status} label={r.Label} predicted={r.Predicted} loss={loss} group={r.Group} confidence={Bits(r.Confidence)}";
                    if (Mode == RunMode.Softmax && r.Status != RowStatus.Rejected) line += " p=" + string.Join(",", r.Probabilities.ToArray().Select(Bits));
                    if (Mode == RunMode.Gradient && r.Status != RowStatus.Rejected) line += " g=" + string.Join(",", r.Gradient.ToArray().Select(Bits));
                    Lines.Add(line);
                }
            }

            public void Problem(Problem problem) => Lines.Add("problem " + problem);
        }

        private static string Bits(double x) => BitConverter.DoubleToInt64Bits(x).ToString("X16", CultureInfo.InvariantCulture);

        private static string Sums(LossAccumulator a) =>
            $"read={a.Read} used={a.Used} ignored={a.Ignored} rejected={a.Rejected} loss={Bits(a.LossSum)} weight={Bits(a.WeightSum)} " +
            $"correct={Bits(a.CorrectSum)} sample_weight={Bits(a.SampleWeightSum)}";

        private static List<string> Run(string name, Func<ColumnOptions> columns, LossSettings settings, RunMode mode, int threads, int blockSize, bool direct)
        {
            InputFile input = InputFile.Open(Sample(name), new CsvOptions(), columns());
            using var opened = (IDisposable)input.File;
            Schema schema = SchemaResolver.Resolve(input.File, input.First, input.Columns);
            var sink = new Sink(mode);
            var plan = new RunPlan(schema, settings.Resolve(schema), mode, blockSize) { PerRowOutput = true };
            var run = new LossRun(plan, sink);
            IChunkedFile file = direct ? input.File : new PerRowFile(input.File);
            long rows = ParallelFile.Run(file, run, new FileReading { Threads = threads });
            run.Finish();
            List<string> lines = sink.Lines;
            lines.Add($"rows {rows} total {Sums(run.Total)}");
            for (int g = 0; g < run.GroupNames.Count; g++) lines.Add($"group {run.GroupNames[g]} {Sums(run.GroupSums(g))}");
            return lines;
        }

        private static readonly string[] Names = { "ant", "bee", "cat", "dog", "eel" };

        /// <summary>Ways of reading the files: (label, files, columns, settings, mode).</summary>
        private static IEnumerable<(string Label, Func<string, bool> Files, Func<ColumnOptions> Columns, LossSettings Settings, RunMode Mode)> Ways()
        {
            yield return ("defaults", _ => true, () => new ColumnOptions(), new LossSettings(), RunMode.Loss);
            yield return ("weights, groups by label", n => !n.StartsWith("dirty-list-f32", StringComparison.Ordinal),
                () => new ColumnOptions { SampleWeightColumn = "weight", GroupBy = "label" }, new LossSettings(), RunMode.Loss);
            yield return ("weights, groups by site, ignore -100", n => n == Edges,
                () => new ColumnOptions { SampleWeightColumn = "weight", GroupBy = "site" }, new LossSettings { IgnoreIndex = "-100" }, RunMode.Loss);
            yield return ("ignore 2, smoothing", n => n == Edges,
                () => new ColumnOptions(), new LossSettings { IgnoreIndex = "2", LabelSmoothing = 0.1 }, RunMode.Loss);
            yield return ("class names, weights, groups by site", n => n == Edges,
                () => new ColumnOptions { LabelColumn = "label_name", Class = Names, SampleWeightColumn = "weight", GroupBy = "site" },
                new LossSettings { IgnoreIndex = "cat" }, RunMode.Loss);
            yield return ("class names as labels", n => n.Contains("names", StringComparison.Ordinal),
                () => new ColumnOptions { Class = Names }, new LossSettings(), RunMode.Loss);
            yield return ("softmax", n => n == Edges, () => new ColumnOptions { GroupBy = "site" }, new LossSettings(), RunMode.Softmax);
            yield return ("gradient, weights", n => n == Edges || n.StartsWith("list-f64", StringComparison.Ordinal),
                () => new ColumnOptions { SampleWeightColumn = "weight" }, new LossSettings(), RunMode.Gradient);
        }

        public static IEnumerable<object[]> Cases()
        {
            string dir = Path.GetDirectoryName(Sample(Edges))!;
            string[] files = Directory.GetFiles(dir, "*.parquet").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;
            foreach (var way in Ways())
                foreach (string file in files.Where(way.Files))
                    yield return new object[] { file, way.Label };
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void RowGroupsFilledInBulkGiveWhatThePerRowPathGives(string file, string way)
        {
            var w = Ways().Single(x => x.Label == way);
            foreach (int blockSize in new[] { 1, 7, 64, 1000 })
            {
                List<string> perRow = Run(file, w.Columns, w.Settings, w.Mode, 1, blockSize, direct: false);
                foreach (int threads in new[] { 1, 2, 3 })
                {
                    List<string> bulk = Run(file, w.Columns, w.Settings, w.Mode, threads, blockSize, direct: true);
                    Assert.Equal(perRow, bulk);
                }
            }
        }

        [Fact]
        public void BuffersKeptFromOtherFilesChangeNothing()
        {
            // Workers' buffers come back from a process-wide pool after each read (wider files, other row group sizes,
            // stale values where the next file has nulls): every file read between others gives what it gave first.
            string[] files = { Edges, "dirty-wide-f64.snappy.parquet", "list-f64.snappy.parquet", "wide-f32.zstd.parquet" };
            Func<ColumnOptions> columns = () => new ColumnOptions();
            var first = files.ToDictionary(f => f, f => Run(f, columns, new LossSettings(), RunMode.Loss, 2, 64, direct: true));
            for (int round = 0; round < 2; round++)
                foreach (string f in files.Reverse())
                    Assert.Equal(first[f], Run(f, columns, new LossSettings(), RunMode.Loss, 1 + round, 64, direct: true));
        }

        [Fact]
        public void AKeptScratchFitsAWiderFileAndCountsItsBytes()
        {
            var scratch = new ParquetScratch(2);
            double[] kept = ParquetScratch.Rent(ref scratch.Numbers[1], 10);
            ParquetScratch.Rent(ref scratch.Definition, 10);
            scratch.Fit(5);
            Assert.Equal(5, scratch.Numbers.Length);
            Assert.Same(kept, scratch.Numbers[1]);
            Assert.Equal(8 * 10 + 2 * 10, scratch.Bytes());
            scratch.Fit(3);
            Assert.Equal(5, scratch.Numbers.Length);
        }

        [Fact]
        public void TheEdgesFileHasWhatTheComparisonNeeds()
        {
            // The comparison above is only worth something if the file's damage is seen: rejected, ignored and used rows.
            List<string> lines = Run(Edges, () => new ColumnOptions { SampleWeightColumn = "weight", GroupBy = "site" },
                new LossSettings { IgnoreIndex = "-100" }, RunMode.Loss, 2, 64, direct: true);
            Assert.Contains(lines, l => l.StartsWith("problem ", StringComparison.Ordinal) && l.Contains("row 21 (row group 0), column 'label', value '7'", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("problem ", StringComparison.Ordinal) && l.Contains("row 91 (row group 1), column 'logit_1', value ''", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("problem ", StringComparison.Ordinal) && l.Contains("row 61 (row group 0), column 'weight', value '-1'", StringComparison.Ordinal));
            string total = lines.Single(l => l.StartsWith("rows ", StringComparison.Ordinal));
            Assert.StartsWith("rows 200 total read=200 ", total, StringComparison.Ordinal);
            Assert.Contains(" ignored=3 ", total, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("parquet/wide-f64.snappy.parquet", 4)]
        [InlineData("arrow/list-f32.arrow", 4)]
        [InlineData("arrow/wide-f64.arrows", 4)]
        public void ChunksOfBinaryFilesCountTheirBytesForProgress(string name, int pieces)
        {
            // Write-Progress shows bytes read: each row group / record batch counts the bytes of the file it came from.
            string path = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Sample(Edges)))!, name);
            InputFile input = InputFile.Open(path, new CsvOptions(), new ColumnOptions());
            using var opened = input.File as IDisposable;
            long end = 0;
            int count = 0;
            foreach (FileChunk chunk in input.File.Chunks(0))
            {
                Assert.True(chunk.Length > 0, $"chunk {chunk.Index} counts no bytes");
                Assert.True(chunk.FileOffset >= end, $"chunk {chunk.Index} starts at {chunk.FileOffset}, before the end of the one before ({end})");
                end = chunk.FileOffset + chunk.Length;
                count++;
            }
            Assert.Equal(pieces, count);
            Assert.InRange(end, input.File.Length / 2, input.File.Length);
        }

        [Fact]
        public void BulkFillStopsAtTheFirstRowItCannotVouchFor()
        {
            InputFile input = InputFile.Open(Sample(Edges), new CsvOptions(), new ColumnOptions());
            using var opened = (IDisposable)input.File;
            Schema schema = SchemaResolver.Resolve(input.File, input.First, input.Columns);
            var reader = new RowReader(schema);
            RowBlock block = reader.CreateBlock(1000);
            FileChunk first = input.File.Chunks(0).First();
            using IRecordCursor cursor = input.File.Open(first, input.File.NewScratch());
            var fill = Assert.IsAssignableFrom<IBlockFill>(cursor);
            // Rows 1..20 (ids 0..19; NaN at id 9 and +Infinity at id 12 are numbers, left to the engine), then label 7.
            Assert.Equal(20, fill.Fill(block, reader, 1));
            Assert.Equal(Enumerable.Range(1, 20).Select(r => (long)r), block.RowNumbers.Take(20));
            Assert.True(double.IsNaN(block.Values[9 * 5]));
            Assert.True(cursor.Read());
            Problem? problem = reader.TryAdd(cursor, 21, block);
            Assert.NotNull(problem);
            Assert.Equal(ProblemKind.LabelOutOfRange, problem!.Kind);
            // Then up to id 30, whose label is -100 (not the ignore index here: out of range, per row).
            Assert.Equal(9, fill.Fill(block, reader, 22));
            Assert.Equal(29, block.Count);
            Assert.Equal(new[] { 22L, 30L }, new[] { block.RowNumbers[20], block.RowNumbers[28] });
        }
    }
}
#endif
