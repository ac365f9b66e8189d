using System;
using System.IO;
using System.Runtime.Versioning;
using CrossEntropy.Data.Csv;
using CrossEntropy.Data.Formats;
using CrossEntropy.Data.Problems;
using CrossEntropy.Data.Schemas;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>
    /// Issue 15: .parquet is read by the pwsh 7 build (ParquetSharp) and refused, saying why, by the netstandard2.0
    /// build Windows PowerShell 5.1 loads (these sources also run against it: CrossEntropy.Engine.NetStandard.Tests).
    /// </summary>
    public class ParquetBuildTests
    {
        private static string Sample()
        {
            string? dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "CrossEntropy.sln"))) dir = Path.GetDirectoryName(dir);
            return Path.Combine(dir ?? throw new InvalidOperationException("no repository above the tests"), "tests", "data", "formats", "parquet", "list-f64.snappy.parquet");
        }

        private static bool NetStandard()
        {
            var target = (TargetFrameworkAttribute)typeof(InputFile).Assembly.GetCustomAttributes(typeof(TargetFrameworkAttribute), false)[0];
            return target.FrameworkName.StartsWith(".NETStandard", StringComparison.Ordinal);
        }

        [Fact]
        public void ParquetIsReadOnPwsh7AndRefusedWithTheReasonOnWindowsPowerShell()
        {
            string path = Sample();
            if (NetStandard())
            {
                var e = Assert.Throws<InputException>(() => InputFile.Open(path, new CsvOptions(), new ColumnOptions()));
                Assert.Contains("Parquet files need PowerShell 7.4 or later", e.Reason, StringComparison.Ordinal);
                return;
            }
            InputFile input = InputFile.Open(path, new CsvOptions(), new ColumnOptions());
            using var opened = input.File as IDisposable;
            // The list column is spread into the first row's 5 cells; the other fields stay as they are.
            Assert.Equal(new[] { "id", "logits[0]", "logits[1]", "logits[2]", "logits[3]", "logits[4]", "label", "weight" }, input.File.Columns);
            Assert.Equal(new[] { "logits[0]", "logits[1]", "logits[2]", "logits[3]", "logits[4]" }, input.Columns.LogitColumn);
        }

        [Fact]
        public void ProblemInAPartNamesItAfterTheRow()
        {
            var p = new Problem(ProblemKind.MissingValue, "x.parquet", 6, "logit_2", "", "the cell is empty").WithRowOffset(64).InPart("row group 1");
            Assert.Equal("x.parquet, row 70 (row group 1), column 'logit_2', value '': the cell is empty.", p.ToString());
            Assert.Equal(p.ToString(), p.WithTag(new object()).ToString());
            Assert.Equal("x.parquet: cannot open.", new Problem(ProblemKind.Source, "x.parquet", 0, null, null, "cannot open").InPart("row group 1").ToString());
        }
    }
}
