using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Text;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Issue 12, items 1, 4, 5, 6 and the tie rules of 7: no silently different number (own output piped back in,
    /// the numeric fallback, option values, overflow), one actionable error per systematic problem, untrusted text
    /// printed escaped, and deterministic ties. Each test failed before the change it covers.
    /// </summary>
    public class TrustSemanticsTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;
        private readonly string _dir = Repo.TempDir();

        public TrustSemanticsTests(SessionFixture f) => _s = f.Session;

        private string File_(string name, string text)
        {
            string path = Path.Combine(_dir, name);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            return path;
        }

        private double FileLoss() => _s.Invoke("param($p) Measure-CrossEntropy -Path $p -WarningAction SilentlyContinue", Repo.Example("iris-logits.csv")).Single().D("Loss");

        // Item 1 -------------------------------------------------------------------------------------------------

        [Theory]
        [InlineData("Get-Softmax -Path $p")]
        [InlineData("Get-Softmax -Path $p -Log")]
        [InlineData("Find-NoisyLabel -Path $p -Top 150")]
        public void OwnRowsPipedBackGiveTheFilesLoss(string producer)
        {
            double expected = FileLoss();
            PSObject r = _s.Invoke($"param($p) {producer} -WarningAction SilentlyContinue | Measure-CrossEntropy", Repo.Example("iris-logits.csv")).Single();
            Assert.Empty(_s.Errors);
            Assert.Equal(150L, r.Prop<long>("Used"));
            Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, r.Prop<string[]>("Classes"));
            Assert.Equal(expected, r.D("Loss"), 12); // before: 1.0893 (Confidence taken as a logit) and 72.39 (9 "classes")
        }

        [Theory]
        [InlineData("Get-LossGradient -Path $p", "Get-LossGradient's gradients")]
        [InlineData("Measure-CrossEntropy -Path $p -Reduction None", "per-row losses")]
        [InlineData("Measure-CrossEntropy -Path $p", "a Measure-CrossEntropy summary")]
        public void OwnObjectsWithoutScoresAreRefused(string producer, string named)
        {
            Assert.Empty(_s.Invoke($"param($p) {producer} -WarningAction SilentlyContinue | Measure-CrossEntropy", Repo.Example("iris-logits.csv")));
            string e = Assert.Single(_s.Errors).ToString(); // terminating: no summary of misread numbers
            Assert.Contains(named, e);
            Assert.Contains("not predictions", e);
        }

        [Fact]
        public void NumericFallbackWarnsAndSkipsFigureNames()
        {
            string path = File_("figures.csv", "cat,dog,Rank,Loss,Margin,Confidence,Row,Count,Weight,label\n1,2,1,0.5,0.1,0.9,1,3,1,cat\n3,1,2,0.4,0.2,0.8,2,3,1,dog\n");
            PSObject r = _s.Invoke("param($p) Measure-CrossEntropy -Path $p", path).Single();
            Assert.Equal(new[] { "cat", "dog" }, r.Prop<string[]>("Classes"));
            string warning = Assert.Single(_s.Warnings).Message;
            Assert.Contains("every numeric column was taken as a logit: cat, dog.", warning);
        }

        // Item 4 -------------------------------------------------------------------------------------------------

        [Theory]
        [InlineData("-Temperature '1,5'", "Temperature", "'1,5'")]
        [InlineData("-Weight '1,5',1,1", "Weight", "'1,5'")]
        [InlineData("-Weight @{ a = '1,5' }", "Weight", "'1,5'")]
        [InlineData("-LabelSmoothing '0,1'", "LabelSmoothing", "'0,1'")]
        public void CommaOptionValuesAreRefusedAsCellsAre(string option, string parameter, string value)
        {
            Assert.Empty(_s.Invoke($"Measure-CrossEntropy -Logit 1,2,3 -Target 0 -Class a,b,c {option}")); // before: weight or T of 15
            string e = Assert.Single(_s.Errors).ToString();
            Assert.Contains($"parameter '{parameter}'", e);
            Assert.Contains($"value {value}: not a number (numbers are read with '.' as the decimal point in every culture", e);
            Assert.Empty(_s.Invoke("Measure-CrossEntropy -Logit 1 -Target 1 -PosWeight '2,5'"));
            Assert.Contains("value '2,5': not a number", Assert.Single(_s.Errors).ToString());
            Assert.Equal(1.5, _s.Invoke("Measure-CrossEntropy -Logit 0,0 -Target 0 -Weight '1.5',1 -Reduction Sum").Single().D("Loss") / Math.Log(2), 12);
        }

        [Fact]
        public void TemperatureScalesAfterTheShiftSoFiniteLogitsDoNotOverflow()
        {
            // (1e308 - 9.9e307)/0.5 overflows neither way; 1e308/0.5 does. Before: "more than one logit is +Infinity".
            PSObject r = _s.Invoke("Measure-CrossEntropy -Logit 1e308,9.9e307,0 -Target 1 -Temperature 0.5").Single();
            Assert.Empty(_s.Errors);
            Assert.Equal((1e308 - 9.9e307) / 0.5, r.D("Loss"));
            Assert.Equal(0.0, _s.Invoke("Measure-CrossEntropy -Logit 1e308,5e307,0 -Target 0 -Temperature 0.1").Single().D("Loss"));
            Assert.Empty(_s.Errors);
            PSObject p = _s.Invoke("Get-Softmax -Logit 1e308,5e307,0 -Temperature 0.1").Single();
            Assert.Equal(new[] { 1.0, 0.0, 0.0 }, p.Prop<double[]>("Probabilities"));
        }

        [Fact]
        public void OverflowingWeightTotalsGiveNaNWithAWarning()
        {
            string path = File_("heavy.csv", "logit_a,logit_b,label,w\n1,2,a,1e308\n2,1,a,1e308\n");
            PSObject r = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -SampleWeightColumn w", path).Single();
            Assert.True(double.IsNaN(r.D("Loss")), $"loss {r.D("Loss")}"); // before: 0
            Assert.True(double.IsNaN(r.D("Accuracy")));
            Assert.Contains(_s.Warnings, w => w.Message.Contains("add up to more than the largest double"));
        }

        [Fact]
        public void TopKAboveTheClassCountWarns()
        {
            Assert.Equal(1.0, _s.Invoke("Measure-CrossEntropy -Logit 1,2,3 -Target 0 -TopK 5").Single().D("TopKAccuracy"));
            Assert.Contains("-TopK 5 is more than its 3 classes", Assert.Single(_s.Warnings).Message);
        }

        // Item 5 -------------------------------------------------------------------------------------------------

        [Fact]
        public void ASystematicProblemGivesAFewErrorsAndOneSummaryWithTheFix()
        {
            var lines = new List<string> { "cat_score,dog_score,bird_score,label" };
            string[] animals = { "cat", "dog", "bird" };
            for (int i = 0; i < 60; i++) lines.Add($"1,2,3,{animals[i % 3]}");
            PSObject r = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -WarningAction SilentlyContinue", File_("animals.csv", string.Join("\n", lines))).Single();
            Assert.Equal(60L, r.Prop<long>("Rejected")); // counts stay exact
            Assert.Equal(4, _s.Errors.Count); // before: 60
            string summary = _s.Errors[3].ToString();
            Assert.Contains("... and 57 more rows rejected like the 3 above (rows 4 to 60), column 'label': not a known class", summary);
            Assert.Contains("-LogitColumn cat_score,dog_score,bird_score -Class cat,dog,bird", summary);
        }

        [Fact]
        public void LogitsGivenAsProbabilitiesAreNamedSo()
        {
            string path = File_("logits-as-p.csv", "a,b,label\n" + string.Concat(Enumerable.Repeat("1.5,-2,a\n", 10)));
            _s.Invoke("param($p) Measure-CrossEntropy -Path $p -ProbabilityColumn a,b -WarningAction SilentlyContinue", path);
            Assert.Equal(4, _s.Errors.Count);
            Assert.Contains("Values outside [0, 1]: these look like logits; name the columns with -LogitColumn a,b.", _s.Errors[3].ToString());
        }

        [Fact]
        public void AMissingColumnNamesItsNearMiss()
        {
            _s.Invoke("param($p) Measure-CrossEntropy -Path $p -LabelColumn Lable", Repo.Example("iris-probabilities.csv"));
            Assert.Contains("which is not in the header (did you mean 'label'?)", Assert.Single(_s.Errors).ToString());
        }

        [Fact]
        public void StopEndsTheOutputAtTheBadRow()
        {
            var lines = new List<string> { "logit_a,logit_b,label" };
            for (int i = 1; i <= 40; i++) lines.Add(i == 7 ? "inf,inf,a" : "1,2,a"); // rejected by the engine, inside a block
            // What reached the pipeline before the error stopped it: rows 1..6, none after row 7 (before: its whole block).
            Collection<PSObject> seen = _s.Invoke(
                "param($p) $seen = [Collections.Generic.List[long]]::new(); try { Measure-CrossEntropy -Path $p -Reduction None -ErrorAction Stop | ForEach-Object { $seen.Add($_.Row) } } catch { }; , $seen.ToArray()",
                File_("stop.csv", string.Join("\n", lines)));
            Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, (long[])seen.Single().BaseObject);
        }

        // Item 6 -------------------------------------------------------------------------------------------------

        [Fact]
        public void CellTextNeverStartsALine()
        {
            string path = File_("inject.csv", "logit_a,logit_b,label,g\n1,2,a,x\n1,2,\"x\n::error::pwned\",y\n3,1,b,\"z\r\n::warning::w\"\n");
            _s.Invoke("param($p) Measure-CrossEntropy -Path $p -GroupBy g", path);
            string text = string.Join("\n", _s.Errors.Select(e => e.ToString()).Concat(_s.Warnings.Select(w => w.Message)));
            Assert.Contains("value 'x\\n::error::pwned'", text);
            Assert.DoesNotContain("\n::", text);
            Assert.DoesNotContain("\r", text);
        }

        // Item 7 (ties) ----------------------------------------------------------------------------------------

        [Fact]
        public void TopKCountsATiedLabelOnlyWithinTheFirstKByClassIndex()
        {
            Assert.Equal(0.0, _s.Invoke("Measure-CrossEntropy -Logit 1,1,1 -Target 2 -TopK 2").Single().D("TopKAccuracy")); // before: 1
            Assert.Equal(1.0, _s.Invoke("Measure-CrossEntropy -Logit 1,1,1 -Target 1 -TopK 2").Single().D("TopKAccuracy"));
            PSObject soft = _s.Invoke("Measure-CrossEntropy -Logit @(@(1,1,0),@(0,2,2)) -Target @(@(0.2,0.4,0.4),@(0,0.4,0.6))").Single();
            Assert.Equal(soft.D("Accuracy"), soft.D("TopKAccuracy")); // before: top-1 0.5 above accuracy 0
        }
    }
}
