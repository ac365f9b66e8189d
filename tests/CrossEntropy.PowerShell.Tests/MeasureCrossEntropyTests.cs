using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>Measure-CrossEntropy through the hosted engine: explicit arrays, pipeline rows and -Path.</summary>
    public class MeasureCrossEntropyTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;

        public MeasureCrossEntropyTests(SessionFixture f) => _s = f.Session;

        [Fact]
        public void ExplicitArraysGivePyTorchsLoss()
        {
            PSObject r = _s.Invoke("Measure-CrossEntropy -Logit 2.0,1.0,0.1 -Target 0").Single();
            Assert.Equal("CrossEntropy.LossSummary", r.TypeNames[0]);
            Assert.Equal(0.41703001627783354, r.D("Loss"), 15); // torch.nn.CrossEntropyLoss, float64
            Assert.Equal(1L, r.Prop<long>("Count"));
            Assert.Equal(1L, r.Prop<long>("Used"));
            Assert.Equal(1.0, r.D("Accuracy"));
            Assert.Equal(Math.Exp(0.41703001627783354), r.D("Perplexity"), 14);
        }

        [Theory]
        [InlineData("iris-logits.csv")]
        [InlineData("digits-logits.csv")]
        public void PipelineRowsAndPathGiveTheSameSummary(string file)
        {
            string path = Repo.Example(file);
            PSObject fromPath = _s.Invoke("param($p) Measure-CrossEntropy -Path $p", path).Single();
            Assert.Empty(_s.Errors);
            PSObject fromPipe = _s.Pipe(Rows.FromCsv(path), "Measure-CrossEntropy").Single();
            Assert.Empty(_s.Errors);
            foreach (string p in new[] { "Loss", "Accuracy", "Perplexity", "WeightSum" })
                Assert.Equal(fromPath.D(p), fromPipe.D(p));
            Assert.Equal(fromPath.Prop<long>("Count"), fromPipe.Prop<long>("Count"));
            Assert.Equal(File.ReadAllLines(path).Length - 1, fromPath.Prop<long>("Count"));
            Assert.Equal(path, fromPath.Prop<string>("Source"));
            Assert.Equal("pipeline input", fromPipe.Prop<string>("Source"));
        }

        [Fact]
        public void ClassNameLabelsAndIndexLabelsMeanTheSame()
        {
            // iris-logits.csv labels rows by class name; the same rows labelled by index must give the same loss.
            string[] lines = File.ReadAllLines(Repo.Example("iris-logits.csv"));
            string[] classes = lines[0].Split(',').Take(3).ToArray();
            var byIndex = new List<string> { lines[0] };
            byIndex.AddRange(lines.Skip(1).Select(l =>
            {
                string[] cells = l.Split(',');
                cells[3] = Array.IndexOf(classes, cells[3]).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return string.Join(",", cells);
            }));
            double byName = _s.Pipe(Rows.FromLines(lines), "Measure-CrossEntropy").Single().D("Loss");
            double byIdx = _s.Pipe(Rows.FromLines(byIndex), "Measure-CrossEntropy").Single().D("Loss");
            Assert.Equal(byName, byIdx);
            Assert.Equal(classes, _s.Pipe(Rows.FromLines(lines), "Measure-CrossEntropy").Single().Prop<string[]>("Classes"));
        }

        [Fact]
        public void ReductionSumIsMeanTimesCountAndNoneGivesRows()
        {
            string path = Repo.Example("iris-logits.csv");
            double mean = _s.Invoke("param($p) Measure-CrossEntropy -Path $p", path).Single().D("Loss");
            PSObject sum = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -Reduction Sum", path).Single();
            Assert.Equal("Sum", sum.Prop<string>("Reduction"));
            Assert.Equal(mean * 150, sum.D("Loss"), 10);

            List<PSObject> rows = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -Reduction None", path).ToList();
            Assert.Equal(150, rows.Count);
            Assert.All(rows, r => Assert.Equal("CrossEntropy.RowLoss", r.TypeNames[0]));
            Assert.Equal(Enumerable.Range(1, 150).Select(i => (long)i), rows.Select(r => r.Prop<long>("Row")));
            Assert.Equal(mean, rows.Average(r => r.D("Loss")), 12);
            foreach (string p in new[] { "Row", "Source", "Label", "Loss", "Predicted", "Confidence" })
                Assert.NotNull(rows[0].Properties[p]);
            // The worst-predicted rows: what `Sort-Object Loss -Descending | Select-Object -First 10` finds in pwsh.
            PSObject worst = rows.OrderByDescending(r => r.D("Loss")).First();
            Assert.NotEqual(worst.Prop<string>("Label"), worst.Prop<string>("Predicted"));
        }

        [Fact]
        public void PerRowLossIsMinusLogSoftmaxOfTheLabel()
        {
            PSObject row = _s.Invoke("Measure-CrossEntropy -Logit (1.0,2.0,3.0),(0.5,0.5,9.0) -Target 2,0 -Reduction None").First();
            double lse = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3));
            Assert.Equal(lse - 3, row.D("Loss"), 14);
            Assert.Equal("2", row.Prop<string>("Predicted"));
            Assert.Equal(Math.Exp(3 - lse), row.D("Confidence"), 14);
            Assert.True(row.Prop<bool>("Correct"));
        }

        [Fact]
        public void PerClassFiguresCoverEveryClass()
        {
            PSObject r = _s.Invoke("param($p) Measure-CrossEntropy -Path $p", Repo.Example("iris-logits.csv")).Single();
            var perClass = ((IEnumerable<object>)r.Prop<object[]>("PerClass")).Select(PSObject.AsPSObject).ToList();
            Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, perClass.Select(c => c.Prop<string>("Class")));
            Assert.Equal(150L, perClass.Sum(c => c.Prop<long>("Count")));
            // The overall mean is the count-weighted mean of the per-class means (no class weights).
            Assert.Equal(r.D("Loss"), perClass.Sum(c => c.D("Loss") * c.Prop<long>("Count")) / 150, 12);
        }

        [Fact]
        public void BadRowsAreRejectedWithFileRowColumnAndValueAndCounted()
        {
            string dir = Repo.TempDir();
            string path = Path.Combine(dir, "bad.csv");
            File.WriteAllText(path, "a,b,label\n1,2,0\n1,x,1\n3,1,7\n0.5,0.25,b\n2,2\n");
            PSObject r = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -Class a,b", path).Single();
            Assert.Equal(5L, r.Prop<long>("Count"));
            Assert.Equal(2L, r.Prop<long>("Used")); // rows 1 and 4 ('b' is a class name)
            Assert.Equal(3L, r.Prop<long>("Rejected"));
            Assert.Equal(3, _s.Errors.Count);
            Assert.All(_s.Errors, e => Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category));
            Assert.Contains($"{path}, row 2, column 'b', value 'x': not a number", _s.Errors[0].ToString());
            Assert.Contains("row 3, column 'label', value '7': the label is outside the class range 0..1", _s.Errors[1].ToString());
            Assert.Contains("row 5", _s.Errors[2].ToString());
            Assert.Contains("2 cells but the header has 3", _s.Errors[2].ToString());
        }

        [Fact]
        public void PipelineRejectionsCarryTheRowObject()
        {
            List<PSObject> rows = Rows.FromLines(new[] { "logit_0,logit_1,label", "1,2,0", "1,NaN,1" });
            PSObject r = _s.Pipe(rows, "Measure-CrossEntropy").Single();
            Assert.Equal(1L, r.Prop<long>("Rejected"));
            ErrorRecord e = Assert.Single(_s.Errors);
            Assert.Same(rows[1], e.TargetObject);
            Assert.Contains("pipeline input, row 2, column 'logit_1', value 'NaN': the logit is NaN", e.ToString());
        }

        [Fact]
        public void ErrorActionStopStopsAtTheFirstBadRow()
        {
            List<PSObject> rows = Rows.FromLines(new[] { "logit_0,logit_1,label", "1,2,zero", "1,2,0" });
            var ex = Assert.ThrowsAny<RuntimeException>(() => _s.Pipe(rows, "Measure-CrossEntropy -ErrorAction Stop"));
            Assert.Contains("row 1, column 'label', value 'zero'", ex.Message);
        }

        [Fact]
        public void AllRowsIgnoredGivesNaNWithAWarning()
        {
            PSObject r = _s.Invoke("Measure-CrossEntropy -Logit (1.0,2.0),(3.0,1.0) -Target 1,1 -IgnoreIndex 1").Single();
            Assert.True(double.IsNaN(r.D("Loss")));
            Assert.Equal(2L, r.Prop<long>("Ignored"));
            Assert.Contains(_s.Warnings, w => w.Message.Contains("NaN") && w.Message.Contains("2 ignored"));
        }

        [Fact]
        public void FilesFromGetChildItemGiveOneSummaryEachOrOneCombined()
        {
            string dir = Repo.TempDir();
            File.Copy(Repo.Example("iris-logits.csv"), Path.Combine(dir, "a.csv"));
            File.Copy(Repo.Example("iris-logits.csv"), Path.Combine(dir, "b.csv"));
            // FileInfo objects, as Get-ChildItem emits them (the hosted engine has no Get-ChildItem).
            var each = _s.Invoke("param($d) [System.IO.DirectoryInfo]::new($d).GetFiles('*.csv') | Measure-CrossEntropy", dir);
            Assert.Equal(2, each.Count);
            Assert.Equal(new[] { "a.csv", "b.csv" }, each.Select(o => Path.GetFileName(o.Prop<string>("Source"))).OrderBy(x => x));
            PSObject combined = _s.Invoke("param($d) Measure-CrossEntropy -Path \"$d/*.csv\" -Combine", dir).Single();
            Assert.Equal(300L, combined.Prop<long>("Count"));
            Assert.Equal(each[0].D("Loss"), combined.D("Loss"), 14);
        }

        [Fact]
        public void MissingFileIsANonTerminatingErrorNamingIt()
        {
            var output = _s.Invoke("Measure-CrossEntropy -Path ./no-such-file.csv");
            Assert.Empty(output);
            ErrorRecord e = Assert.Single(_s.Errors);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            Assert.Contains("no-such-file.csv", e.ToString());
        }

        [Fact]
        public void VerboseSaysHowColumnsWereMapped()
        {
            _s.Invoke("param($p) Measure-CrossEntropy -Path $p -Verbose", Repo.Example("iris-logits.csv"));
            string v = Assert.Single(_s.Verbose).Message;
            Assert.Contains("score columns: setosa, versicolor, virginica", v);
            Assert.Contains("label column: label", v);
        }
    }
}
