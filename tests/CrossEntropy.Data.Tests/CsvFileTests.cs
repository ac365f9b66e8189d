using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CrossEntropy.Data.Sources;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Problems;
using Sylvan.Data.Csv;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>Chunking must never split a record, whatever the chunk size, quoting or line ends.</summary>
    public class CsvFileTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "crossentropy-data-tests", Guid.NewGuid().ToString("N"));

        public CsvFileTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            Directory.Delete(_dir, recursive: true);
            GC.SuppressFinalize(this);
        }

        private string Write(string text, bool bom = false)
        {
            string path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(path, text, new UTF8Encoding(bom));
            return path;
        }

        private static List<string> Records(CsvFile file, int chunkBytes)
        {
            var rows = new List<string>();
            foreach (FileChunk chunk in file.Chunks(chunkBytes))
            {
                using IRecordCursor r = file.ReadChunk(chunk);
                while (r.Read()) rows.Add(string.Join("|", Enumerable.Range(0, file.Columns.Count).Select(r.GetText)));
            }
            return rows;
        }

        // The whole file in one read by Sylvan itself, independent of the chunking (blank lines are no rows).
        private static List<string> Sequential(string path)
        {
            var rows = new List<string>();
            using var text = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            using var r = CsvDataReader.Create(text, new CsvDataReaderOptions { Comment = '\0', Culture = System.Globalization.CultureInfo.InvariantCulture });
            while (r.Read())
            {
                if (r.RowFieldCount == 0 || (r.RowFieldCount == 1 && r.GetString(0).Length == 0 && r.FieldCount > 1)) continue;
                rows.Add(string.Join("|", Enumerable.Range(0, r.FieldCount).Select(c => c < r.RowFieldCount ? r.GetString(c) : "")));
            }
            return rows;
        }

        public static TheoryData<string> Texts => new()
        {
            "a,b,label\n1,2,x\n3,4,y\n5,6,z\n",
            "a,b,label\r\n1,2,x\r\n3,4,y\r\n5,6,z",
            "a,b,label\n1,2,\"multi\nline, with comma\"\n3,4,\"\"\"quoted\"\"\"\n\n5,6,z\n",
            "\"a,b\",c,label\n\"1\",2,\"x\ny\nz\"\n7,8,w\n",
        };

        [Theory]
        [MemberData(nameof(Texts))]
        public void EveryChunkSizeGivesTheSameRecordsAsOneSequentialRead(string text)
        {
            string path = Write(text);
            var file = CsvFile.Open(path);
            List<string> expected = Sequential(path);
            Assert.NotEmpty(expected);
            foreach (int size in new[] { 1, 2, 3, 5, 8, 13, 64, 1 << 20 })
                Assert.Equal(expected, Records(file, size));
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        public void WideFilesReadAsNarrowOnesDo(string newline)
        {
            // Past WideRecords.Threshold columns readers start on a blank line of their own: the records must not change.
            var header = Enumerable.Range(0, 700).Select(c => c == 3 ? "\"a,b\"" : "c" + c).Concat(new[] { "label" });
            var sb = new StringBuilder(string.Join(",", header)).Append(newline);
            for (int r = 0; r < 40; r++)
            {
                if (r == 7) sb.Append(newline); // a blank line is no row
                var cells = Enumerable.Range(0, 700).Select(c => c == 5 && r % 3 == 0 ? "\"x,\ny\"" : (r * 0.5 + c).ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (r == 11) cells = cells.Take(300); // a ragged row
                sb.Append(string.Join(",", cells)).Append(",lbl").Append(newline);
            }
            string path = Write(sb.ToString());
            var file = CsvFile.Open(path);
            Assert.Equal(701, file.Columns.Count);
            Assert.Equal("a,b", file.Columns[3]);
            List<string> expected = Sequential(path);
            Assert.Equal(40, expected.Count);
            foreach (int size in new[] { 1, 4096, 100_000, 1 << 22 })
                Assert.Equal(expected, Records(file, size));
        }

        [Fact]
        public void HeaderDelimiterAndBomAreFound()
        {
            var file = CsvFile.Open(Write("logit_a;logit_b;label\n1;2;a\n", bom: true));
            Assert.Equal(';', file.Delimiter);
            Assert.Equal(new[] { "logit_a", "logit_b", "label" }, file.Columns);
            Assert.Equal("1", file.ReadFirstRecord()!.GetText(0));
            Assert.Equal(3 + "logit_a;logit_b;label\n".Length, file.DataOffset);
        }

        public static TheoryData<string> Utf16And32 => new() { "utf-16", "utf-16BE", "utf-32", "utf-32BE" };

        [Theory]
        [MemberData(nameof(Utf16And32))]
        public void Utf16And32FilesWithAByteOrderMarkReadAsTheirUtf8Twin(string encodingName)
        {
            // What Windows PowerShell's Out-File and '>' write; a label outside the BMP crosses the transcoder's buffers.
            var sb = new StringBuilder("logit_a,logit_b,label\n");
            for (int r = 0; r < 3000; r++) sb.Append(r).Append(",-").Append(r % 7).Append(r % 2 == 0 ? ",caf\u00e9\n" : ",\U0001F600\n");
            string text = sb.ToString();
            string utf8 = Write(text);
            string other = Path.Combine(_dir, encodingName + ".csv");
            File.WriteAllText(other, text, Encoding.GetEncoding(encodingName));
            var file = CsvFile.Open(other);
            Assert.Equal(new[] { "logit_a", "logit_b", "label" }, file.Columns);
            Assert.Equal("0", file.ReadFirstRecord()!.GetText(0));
            List<string> expected = Sequential(utf8);
            foreach (int size in new[] { 7, 4096, 1 << 20 })
                Assert.Equal(expected, Records(file, size));
        }

        [Fact]
        public void QuotedDelimitersInTheHeaderDoNotCount()
        {
            var file = CsvFile.Open(Write("\"x;y;z\",b,label\n1,2,3\n"));
            Assert.Equal(',', file.Delimiter);
            Assert.Equal("x;y;z", file.Columns[0]);
        }

        [Fact]
        public void HeaderOnlyAndEmptyFiles()
        {
            var headerOnly = CsvFile.Open(Write("a,b,label\n"));
            Assert.Null(headerOnly.ReadFirstRecord());
            Assert.Empty(Records(headerOnly, 16));
            var e = Assert.Throws<InputException>(() => CsvFile.Open(Write("")));
            Assert.Contains("the file is empty", e.Message);
        }

        [Fact]
        public void ARecordLongerThanTheChunkMakesItsChunkLonger()
        {
            string big = new string('7', 100_000);
            string path = Write($"a,b,label\n1,2,x\n{big},3,y\n4,5,z\n");
            var file = CsvFile.Open(path);
            List<string> rows = Records(file, 1024);
            Assert.Equal(3, rows.Count);
            Assert.StartsWith(big, rows[1]);
        }

        [Fact]
        public void AnUnterminatedQuoteCostsItsLineNotAHangNorTheRest()
        {
            string path = Write("a,b,label\n1,2,\"never closed\n" + string.Join("\n", Enumerable.Repeat("3,4,y", 1000)));
            var file = CsvFile.Open(path, new CsvOptions { MaxRecordChars = 1024 });
            List<string> rows = Records(file, 256);
            Assert.Equal(1001, rows.Count);
            Assert.Equal("||", rows[0]); // the rejected line has no cells
            Assert.All(rows.Skip(1), r => Assert.Equal("3|4|y", r));
        }
    }
}
