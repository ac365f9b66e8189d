using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Runs;
using CrossEntropy.Data.Schemas;
using CrossEntropy.Data.Sources;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>
    /// Every row of a file is counted, whatever its line ends, and a record the reader cannot take (malformed or
    /// unterminated quote, over the size limit, bytes invalid in the encoding) costs its own line only: it is rejected
    /// with its row number and the rows after it are read — the same rows at every chunk size and thread count.
    /// Before, a CR-only file read 0 rows and one bad quote threw away its chunk and every row after it.
    /// </summary>
    public class RecordRecoveryTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "crossentropy-recovery-" + Guid.NewGuid().ToString("N"));

        public RecordRecoveryTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            Directory.Delete(_dir, recursive: true);
            GC.SuppressFinalize(this);
        }

        private string Write(byte[] bytes, string name = "f.csv")
        {
            string path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private string Write(string text) => Write(Encoding.UTF8.GetBytes(text));

        private sealed class Sink : IRunSink
        {
            public readonly List<long> Used = new List<long>();
            public readonly List<Problem> Problems = new List<Problem>();

            public void Rows(in RowOutcomes rows)
            {
                for (int i = 0; i < rows.Count; i++) Used.Add(rows[i].Row);
            }

            public void Problem(Problem problem) => Problems.Add(problem);
        }

        // Rows used and rows rejected (with their reasons), read as the cmdlets read files.
        private static (long Read, List<long> Used, List<Problem> Problems) Run(string path, int chunkBytes, int threads, CsvOptions? options = null)
        {
            CsvFile file = CsvFile.Open(path, options);
            Schema schema = SchemaResolver.Resolve(file, file.ReadFirstRecord(), new ColumnOptions());
            var sink = new Sink();
            var run = new LossRun(new RunPlan(schema, new LossSettings().Resolve(schema), RunMode.Loss) { PerRowOutput = true }, sink);
            run.CurrentFile = path;
            long rows = ParallelFile.Run(file, run, new FileReading { Threads = threads, ChunkBytes = chunkBytes });
            run.Finish();
            Assert.Equal(rows, run.Total.Read);
            Assert.Equal(run.Total.Read, run.Total.Used + run.Total.Ignored + run.Total.Rejected);
            return (rows, sink.Used, sink.Problems);
        }

        private static readonly int[] ChunkSizes = { 1, 7, 16, 64, 4096 };
        private static readonly int[] Threads = { 1, 2, 4 };

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        [InlineData("\r")]
        public void EveryLineEndReadsEveryRow(string eol)
        {
            var text = new StringBuilder("logit_a,logit_b,label" + eol);
            for (int i = 0; i < 40; i++) text.Append(i % 5).Append(",1,").Append(i % 2).Append(eol);
            string path = Write(text.ToString());
            foreach (int chunk in ChunkSizes)
            {
                (long read, List<long> used, _) = Run(path, chunk, 2);
                Assert.Equal(40, read);
                Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), used);
            }
        }

        [Fact]
        public void MixedLineEndsReadEveryRow()
        {
            string path = Write("logit_a,logit_b,label\n1,2,0\r\n3,1,1\r2,2,0\n\"4\",\"1\r\nx\",1\r5,5,1");
            foreach (int chunk in ChunkSizes)
            {
                (long read, List<long> used, List<Problem> problems) = Run(path, chunk, 2);
                Assert.Equal(5, read);
                Assert.Equal(new long[] { 1, 2, 3, 5 }, used);
                Assert.Equal(4, Assert.Single(problems).Row); // "1\r\nx" is no number: a row of its own, not a lost line
            }
        }

        [Fact]
        public void ABadQuoteCostsItsOwnLineAtEveryChunkSizeAndThreadCount()
        {
            var text = new StringBuilder("logit_a,logit_b,label\n");
            var bad = new HashSet<int> { 3, 50, 51, 80, 120, 199 };
            for (int row = 1; row <= 200; row++)
            {
                if (row == 3) text.Append("1,2,\"0\"x\n");            // text after a closing quote
                else if (row == 50) text.Append("1,2,\"0\n");          // unterminated: closes on row 51's quote
                else if (row == 51) text.Append("1,\"2\"\"y\n");        // the escaped quote, then garbage
                else if (row == 80) text.Append("1,2,0\"\n");           // a quote inside an unquoted field
                else if (row == 120) text.Append("\"1,2,0\"z,1\n");
                else if (row == 199) text.Append("1,2,\"never closed\n");
                else text.Append(row % 3).Append(",1,\"").Append(row % 2).Append("\"\n");
            }
            text.Append("4,4,1\n");
            string path = Write(text.ToString());
            foreach (int chunk in ChunkSizes)
            {
                foreach (int threads in Threads)
                {
                    (long read, List<long> used, List<Problem> problems) = Run(path, chunk, threads);
                    Assert.Equal(201, read);
                    Assert.Equal(Enumerable.Range(1, 201).Where(r => !bad.Contains(r)).Select(r => (long)r), used);
                    Assert.Equal(bad.Select(r => (long)r), problems.Select(p => p.Row));
                    Assert.All(problems, p => Assert.Contains("the line was rejected and reading went on", p.Reason, StringComparison.Ordinal));
                }
            }
        }

        [Fact]
        public void ALineThatStartsWithANulByteIsRejectedNotDropped()
        {
            // Sylvan took such a line for a comment and skipped it uncounted (Count 2 for these 3 rows).
            foreach (string quote in new[] { "", "\"" })
            {
                string path = Write($"logit_a,logit_b,label\n1,2,0\n\u00001,2,1\n{quote}3{quote},4,1\n1,\u00002,0\n");
                foreach (int chunk in ChunkSizes)
                {
                    foreach (int threads in Threads)
                    {
                        (long read, List<long> used, List<Problem> problems) = Run(path, chunk, threads);
                        Assert.Equal(4, read);
                        Assert.Equal(new long[] { 1, 3 }, used);
                        Assert.Equal(new long[] { 2, 4 }, problems.Select(p => p.Row));
                        Assert.Contains("NUL byte", problems[0].Reason, StringComparison.Ordinal);
                    }
                }
            }
        }

        [Fact]
        public void AnOversizedRecordIsRejectedWithItsRowAndTheRestIsRead()
        {
            string big = new string('7', 5000);
            string path = Write($"logit_a,logit_b,label\n1,2,0\n{big},3,1\n4,5,1\n1,2,\"{big}\n6,6,0\n7,7,1\n");
            foreach (int chunk in ChunkSizes)
            {
                (long read, List<long> used, List<Problem> problems) = Run(path, chunk, 2, new CsvOptions { MaxRecordChars = 1024 });
                Assert.Equal(6, read);
                Assert.Equal(new long[] { 1, 3, 5, 6 }, used);
                Assert.Equal(new long[] { 2, 4 }, problems.Select(p => p.Row));
                Assert.Contains("longer than 1024 bytes", problems[0].Reason, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void BytesInvalidInUtf8RejectTheirRowNamingTheColumn()
        {
            // "cafè" in Latin-1 (E8) must not become U+FFFD and match a class written with it.
            byte[] bytes = Encoding.UTF8.GetBytes("logit_a,logit_b,label\n1,2,0\n2,1,caf")
                .Concat(new byte[] { 0xE8 }).Concat(Encoding.UTF8.GetBytes("\n3,3,1\n")).ToArray();
            string path = Write(bytes);
            foreach (int chunk in ChunkSizes)
            {
                (long read, List<long> used, List<Problem> problems) = Run(path, chunk, 2);
                Assert.Equal(3, read);
                Assert.Equal(new long[] { 1, 3 }, used);
                Problem p = Assert.Single(problems);
                Assert.Equal(2, p.Row);
                Assert.Contains("column 'label' has bytes that are not valid UTF-8 (byte 0xE8)", p.Reason, StringComparison.Ordinal);
            }
            CsvFile latin = CsvFile.Open(path, new CsvOptions { Encoding = Encoding.GetEncoding(28591) });
            List<string> labels = new List<string>();
            foreach (FileChunk chunk in latin.Chunks())
            {
                using IRecordCursor r = latin.ReadChunk(chunk);
                while (r.Read()) labels.Add(r.GetText(2));
            }
            Assert.Equal(new[] { "0", "caf\u00e8", "1" }, labels);
        }

        [Fact]
        public void BytesTheChosenEncodingCannotDecodeRejectTheirRow()
        {
            // A lone low surrogate (00 DC) is invalid UTF-16: it is refused, not read as U+FFFD.
            byte[] bytes = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes("logit_a,logit_b,label\n1,2,0\n2,1,x"))
                .Concat(new byte[] { 0x00, 0xDC }).Concat(Encoding.Unicode.GetBytes("\n3,3,1\n")).ToArray();
            (long read, List<long> used, List<Problem> problems) = Run(Write(bytes), 16, 2);
            Assert.Equal(3, read);
            Assert.Equal(new long[] { 1, 3 }, used);
            Assert.Contains("column 'label' has bytes that are not valid utf-16", Assert.Single(problems).Reason, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, "compressed input is not supported yet: this is a zip file")]
        [InlineData(new byte[] { 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00 }, "compressed input is not supported yet: this is a xz file")]
        [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00 }, "this is a gzip file, but its name does not end in .gz")]
        [InlineData(new byte[] { 0x28, 0xB5, 0x2F, 0xFD, 0x00 }, "this is a zstd file, but its name does not end in .zst")]
        public void CompressedBytesTheReaderDidNotDecompressAreNamed(byte[] head, string reason)
        {
            string path = Write(head.Concat(new byte[200]).ToArray(), "data.csv");
            var e = Assert.Throws<InputException>(() => CsvFile.Open(path));
            Assert.StartsWith(reason, e.Reason, StringComparison.Ordinal);
            Assert.True(e.Message.Length < 400); // no binary in the message
        }
    }
}
