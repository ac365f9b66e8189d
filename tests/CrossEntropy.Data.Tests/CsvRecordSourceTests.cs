using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Records;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>A file's records as the module reads them: quoting, BOM, ragged rows, blank lines, delimiters.</summary>
    public class CsvRecordSourceTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "crossentropy-data-tests", Guid.NewGuid().ToString("N"));

        public CsvRecordSourceTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            Directory.Delete(_dir, recursive: true);
            GC.SuppressFinalize(this);
        }

        private string Write(string name, string text, Encoding? encoding = null)
        {
            string path = Path.Combine(_dir, name);
            File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
            return path;
        }

        private static List<string[]> ReadAll(FileRecords s)
        {
            var rows = new List<string[]>();
            while (s.Read())
            {
                var cells = new string[s.Columns.Count];
                for (int c = 0; c < cells.Length; c++) cells[c] = s.GetText(c);
                rows.Add(cells);
            }
            return rows;
        }

        [Fact]
        public void QuotedFieldsKeepDelimitersAndNewlines()
        {
            string path = Write("q.csv", "a,b,label\n1,2,\"x, y\"\n3,4,\"multi\nline\"\n5,6,\"say \"\"hi\"\"\"\n");
            using var s = FileRecords.Open(path);
            List<string[]> rows = ReadAll(s);
            Assert.Equal(3, rows.Count);
            Assert.Equal("x, y", rows[0][2]);
            Assert.Equal("multi\nline", rows[1][2]);
            Assert.Equal("say \"hi\"", rows[2][2]);
            Assert.Equal(3, s.RowNumber); // rows, not lines
        }

        [Fact]
        public void BomAndCrlfAreHandled()
        {
            string path = Write("bom.csv", "logit_0,logit_1,label\r\n1.5,2,0\r\n", new UTF8Encoding(true));
            using var s = FileRecords.Open(path);
            Assert.Equal(new[] { "logit_0", "logit_1", "label" }, s.Columns);
            Assert.True(s.Read());
            Assert.Equal(NumberParse.Ok, s.TryGetDouble(0, out double v));
            Assert.Equal(1.5, v);
            Assert.Equal("0", s.GetText(2));
        }

        [Fact]
        public void RaggedRowsAreReportedNotGuessed()
        {
            string path = Write("r.csv", "a,b,c\n1,2\n1,2,3,4\n1,2,3\n");
            using var s = FileRecords.Open(path);
            Assert.True(s.Read());
            Assert.Contains("2 cells but the header has 3", s.ShapeProblem);
            Assert.False(s.HasField(2));
            Assert.True(s.Read());
            Assert.Contains("4 cells", s.ShapeProblem);
            Assert.True(s.Read());
            Assert.Null(s.ShapeProblem);
        }

        [Fact]
        public void HashAtTheStartOfARowIsData()
        {
            string path = Write("h.csv", "label,a,b\n#1,2,3\n");
            using var s = FileRecords.Open(path);
            Assert.True(s.Read());
            Assert.Equal("#1", s.GetText(0));
        }

        [Fact]
        public void BlankLinesAreSkippedAndRowNumbersCountDataRows()
        {
            string path = Write("b.csv", "a,b\n1,2\n\n3,4\n");
            using var s = FileRecords.Open(path);
            Assert.Equal(2, ReadAll(s).Count);
            Assert.Equal(2, s.RowNumber);
        }

        [Fact]
        public void TsvAndExplicitDelimiters()
        {
            string tsv = Write("t.tsv", "a\tb\n1\t2\n");
            using (var s = FileRecords.Open(tsv)) Assert.Equal(new[] { "a", "b" }, s.Columns);
            string semi = Write("s.csv", "a;b;label\n1,5;2,5;0\n");
            using (var s = FileRecords.Open(semi, new CsvOptions { Delimiter = ';', DecimalComma = true }))
            {
                Assert.True(s.Read());
                Assert.Equal(NumberParse.Ok, s.TryGetDouble(0, out double v));
                Assert.Equal(1.5, v);
            }
        }

        [Fact]
        public void EmptyFileIsAnInputErrorNamingIt()
        {
            string path = Write("e.csv", "");
            var e = Assert.Throws<InputException>(() => FileRecords.Open(path));
            Assert.Contains("e.csv: the file is empty", e.Message);
        }

        [Fact]
        public void HeaderOnlyFileHasColumnsAndNoRows()
        {
            string path = Write("h.csv", "logit_a,logit_b,label\n");
            using var s = FileRecords.Open(path);
            Assert.Equal(3, s.Columns.Count);
            Assert.False(s.Read());
        }

        [Fact]
        public void AFileStillBeingWrittenCanBeRead()
        {
            string path = Path.Combine(_dir, "growing.csv");
            using var writer = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite));
            writer.Write("a,b\n1,2\n");
            writer.Flush();
            using var s = FileRecords.Open(path);
            Assert.Single(ReadAll(s));
        }
    }
}
