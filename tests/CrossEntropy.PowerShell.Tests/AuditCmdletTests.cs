using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using CrossEntropy.Engine.Tests;
using Xunit;
using static CrossEntropy.PowerShell.Tests.AuditInput;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Measure-Calibration and what every audit cmdlet shares (DataFrames, format views, chunks, -IgnoreIndex) in the
    /// hosted engine, through -Path, pipeline rows, explicit arrays and DataFrames, against tests/data/audit_expected.json
    /// (torch, numpy, scipy, scikit-learn). Measure-Entropy and Find-NoisyLabel have their own classes.
    /// </summary>
    public class AuditCmdletTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;

        public AuditCmdletTests(SessionFixture f) => _s = f.Session;

        public static TheoryData<string> CalibrationCases => new()
        {
            "iris_logits", "iris_probabilities", "digits_logits", "digits_logits_m10", "digits_logits_t2",
            "iris_logits_sample_weight", "soft_targets", "binary_logits",
        };

        [Theory]
        [MemberData(nameof(CalibrationCases))]
        public void CalibrationByPathAndPipelineMatchesTheReference(string name)
        {
            JsonElement c = AuditExpected.Case(name);
            string path = CsvOf(c);
            string opts = OptionsOf(c);
            var routes = new List<PSObject>();
            if (c.Has("sample_weight"))
            {
                List<PSObject> rows = Rows.FromCsv(path);
                double[] sw = c.Ds("sample_weight");
                for (int i = 0; i < rows.Count; i++) rows[i].Properties.Add(new PSNoteProperty("sw", F(sw[i])));
                routes.Add(_s.Pipe(rows, "Measure-Calibration -SampleWeightColumn sw" + opts).Single());
            }
            else
            {
                routes.Add(_s.Invoke("param($p) Measure-Calibration -Path $p" + opts, path).Single());
                routes.Add(_s.Pipe(Rows.FromCsv(path), "Measure-Calibration" + opts).Single());
            }
            foreach (PSObject r in routes)
            {
                Assert.Empty(_s.Errors);
                Assert.Equal("CrossEntropy.CalibrationSummary", r.TypeNames[0]);
                Near.Equal(c.D("ece"), r.D("ExpectedCalibrationError"), what: "ECE");
                Near.Equal(c.D("mce"), r.D("MaximumCalibrationError"), what: "MCE");
                Near.Equal(c.D("brier"), r.D("BrierScore"), what: "Brier");
                Near.Equal(c.D("accuracy"), r.D("Accuracy"), what: "accuracy");
                Assert.Equal(c.GetProperty("n").GetInt32(), r.Prop<long>("Count"));
                Assert.Equal(r.Prop<long>("Count"), r.Prop<long>("Used") + r.Prop<long>("Ignored") + r.Prop<long>("Rejected"));
                var bins = r.Prop<object[]>("Bins").Select(PSObject.AsPSObject).ToList();
                Assert.Equal(c.Ints("bin_counts").Select(v => (long)v), bins.Select(b => b.Prop<long>("Count")));
                Assert.Equal(Enumerable.Range(1, bins.Count), bins.Select(b => b.Prop<int>("Bin")));
                Near.All(c.Ds("bin_accuracy"), bins.Select(b => b.D("Accuracy")).ToArray(), what: "bin accuracy");
            }
        }

        [Fact]
        public void CalibrationOfExplicitArraysMatchesTheReference()
        {
            JsonElement soft = AuditExpected.Case("soft_targets");
            string scores = "@(" + string.Join(",", soft.Rows("scores").Select(r => "@(" + string.Join(",", r.Select(F)) + ")")) + ")";
            string targets = "@(" + string.Join(",", soft.Rows("targets").Select(r => "@(" + string.Join(",", r.Select(F)) + ")")) + ")";
            PSObject r = _s.Invoke($"Measure-Calibration -Logit {scores} -Target {targets} -BinCount 10").Single();
            Near.Equal(soft.D("ece"), r.D("ExpectedCalibrationError"));
            Near.Equal(soft.D("brier"), r.D("BrierScore"));

            JsonElement bin = AuditExpected.Case("binary_logits");
            string x = string.Join(",", bin.Rows("scores").Select(v => F(v[0])));
            string y = string.Join(",", bin.Ints("labels"));
            PSObject b = _s.Invoke($"Measure-Calibration -Logit {x} -Target {y} -BinCount 10").Single();
            Assert.Equal("Binary", b.Prop<string>("Target"));
            Near.Equal(bin.D("sklearn_brier"), b.D("BrierScore"), what: "sklearn brier_score_loss");
            Near.Equal(bin.D("ece"), b.D("ExpectedCalibrationError"));
        }

        [Fact]
        public void CalibrationPerGroupCoversEveryRow()
        {
            List<PSObject> rows = Rows.FromCsv(Repo.Example("digits-logits.csv"));
            for (int i = 0; i < rows.Count; i++) rows[i].Properties.Add(new PSNoteProperty("fold", i % 3 == 0 ? "a" : "b"));
            var groups = _s.Pipe(rows, "Measure-Calibration -GroupBy fold").ToList();
            Assert.Equal(new[] { "a", "b" }, groups.Select(g => g.Prop<string>("Group")));
            Assert.Equal(1797L, groups.Sum(g => g.Prop<long>("Count")));
            double all = _s.Pipe(rows, "Measure-Calibration").Single().D("BrierScore");
            Near.Equal(all, groups.Sum(g => g.D("BrierScore") * g.Prop<long>("Used")) / 1797, what: "Brier is the count-weighted mean of the groups'");
        }

        [Fact]
        public void CalibrationBinsAsDataFrame()
        {
            JsonElement c = AuditExpected.Case("digits_logits");
            PSObject df = _s.Invoke("param($p) Measure-Calibration -Path $p -AsDataFrame", CsvOf(c)).Single();
            Assert.Equal("Microsoft.Data.Analysis.DataFrame", df.BaseObject.GetType().FullName);
            var counts = _s.Invoke("param($d) $d.Columns['Count'] | ForEach-Object { $_ }", df).Select(o => Convert.ToInt64(o.BaseObject, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(c.Ints("bin_counts").Select(v => (long)v), counts);
            var columns = _s.Invoke("param($d) $d.Columns | ForEach-Object { $_.Name }", df).Select(o => o.BaseObject.ToString()).ToList();
            Assert.Equal(new[] { "Bin", "Lower", "Upper", "Count", "Weight", "MeanConfidence", "Accuracy", "Gap", "Source", "Group" }, columns);
        }

        [Fact]
        public void BadRowsAreRejectedNamedAndCounted()
        {
            string path = Path.Combine(Repo.TempDir(), "bad.csv");
            File.WriteAllText(path, "logit_a,logit_b,label\n1,2,a\n1,x,b\n0.5,0.25,c\n3,1,b\n");
            PSObject r = _s.Invoke("param($p) Measure-Calibration -Path $p", path).Single();
            Assert.Equal(4L, r.Prop<long>("Count"));
            Assert.Equal(2L, r.Prop<long>("Used"));
            Assert.Equal(2L, r.Prop<long>("Rejected"));
            Assert.Equal(2, _s.Errors.Count);
            Assert.Contains($"{path}, row 2, column 'logit_b', value 'x': not a number", _s.Errors[0].ToString());
            Assert.Contains("row 3, column 'label', value 'c'", _s.Errors[1].ToString());
            _s.Invoke("param($p) Measure-Entropy -Path $p", path);
            Assert.Equal(2, _s.Errors.Count);
        }

        [Fact]
        public void ADataFrameIsReadAsOneSourceWhetherPipedOrGiven()
        {
            string path = Repo.Example("iris-logits.csv");
            double loss = _s.Invoke("param($p) Measure-CrossEntropy -Path $p", path).Single().D("Loss");
            PSObject piped = _s.Invoke("param($p) " + MakeFrame + "New-TestFrame $p | Measure-CrossEntropy", path).Single();
            Assert.Equal("DataFrame", piped.Prop<string>("Source"));
            Assert.Equal(150L, piped.Prop<long>("Count"));
            Assert.Equal(loss, piped.D("Loss"));
            PSObject given = _s.Invoke("param($p) " + MakeFrame + "Measure-Calibration -InputObject (New-TestFrame $p)", path).Single();
            Near.Equal(AuditExpected.Case("iris_logits").D("ece"), given.D("ExpectedCalibrationError"));
            List<PSObject> noisy = _s.Invoke("param($p) " + MakeFrame + "New-TestFrame $p | Find-NoisyLabel -Top 3", path).ToList();
            Assert.Equal(AuditExpected.Case("noisy_iris").GetProperty("Normalized").Ints("rows").Take(3).Select(r => (long)r), noisy.Select(n => n.Prop<long>("Row")));

            // A frame the module made (-AsDataFrame) goes back in: the noisy rows' cells are the predictions.
            PSObject again = _s.Invoke("param($p) Find-NoisyLabel -Path $p -Top 150 -AsDataFrame | Measure-CrossEntropy -Class setosa, versicolor, virginica -LabelColumn label", path).Single();
            Near.Equal(loss, again.D("Loss"));
        }

        [Fact]
        public void PerRowLossesAsDataFrame()
        {
            string path = Repo.Example("digits-logits.csv");
            List<PSObject> rows = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -Reduction None", path).ToList();
            PSObject df = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -Reduction None -AsDataFrame", path).Single();
            Assert.Equal(1797L, _s.Invoke("param($d) $d.Rows.Count", df).Single().BaseObject);
            double[] loss = _s.Invoke("param($d) $d.Columns['Loss'] | ForEach-Object { $_ }", df).Select(o => Convert.ToDouble(o.BaseObject, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(rows.Select(r => r.D("Loss")), loss);
            string[] predicted = _s.Invoke("param($d) $d.Columns['Predicted'] | ForEach-Object { $_ }", df).Select(o => (string)o.BaseObject).ToArray();
            Assert.Equal(rows.Select(r => r.Prop<string>("Predicted")), predicted);
            // The summary is unchanged by the switch.
            Assert.Equal("CrossEntropy.LossSummary", _s.Invoke("param($p) Measure-CrossEntropy -Path $p -AsDataFrame", path).Single().TypeNames[0]);
        }

        [Fact]
        public void FormatViewsShowTheAuditOutputs()
        {
            Assert.Equal(0, _s.Run("param($p) Find-NoisyLabel -Path $p -Top 3", new object[] { Repo.Example("digits-logits.csv") }));
            Assert.Contains("Rank  Row GivenLabel Predicted LabelProbability", _s.OutputText);
            Assert.Contains("   1 1265 1          8", _s.OutputText);
            Assert.Equal(0, _s.Run("param($p) Measure-Calibration -Path $p", new object[] { Repo.Example("iris-logits.csv") }));
            Assert.Contains("ExpectedCalibrationError : 0.116413", _s.OutputText);
            Assert.Equal(0, _s.Run("param($p) (Measure-Calibration -Path $p -BinCount 5).Bins", new object[] { Repo.Example("iris-logits.csv") }));
            Assert.Contains("Bin Lower Upper Count MeanConfidence Accuracy", _s.OutputText);
            Assert.Equal(0, _s.Run("Measure-Entropy -Count 9, 5 -Base 2"));
            Assert.Contains("Base              : 2 (bits)", _s.OutputText);
            Assert.Equal(0, _s.Run("param($p) Measure-Entropy -Path $p", new object[] { Repo.Example("iris-logits.csv") }));
            Assert.Contains("LabelEntropy  : 1.09861", _s.OutputText);
        }

        [Fact]
        public void AFileOfManyChunksGivesTheSameAuditOnAnyThreadCountAndItsRowsBack()
        {
            // 15 copies of digits (about 5 MB) span two of the reader's 4 MB chunks; ranked rows are read back by number.
            string[] lines = File.ReadAllLines(Repo.Example("digits-logits.csv"));
            string path = Path.Combine(Repo.TempDir(), "digits-x15.csv");
            File.WriteAllLines(path, new[] { lines[0] }.Concat(Enumerable.Repeat(lines.Skip(1), 15).SelectMany(l => l)));
            Assert.True(new FileInfo(path).Length > 4 << 20);
            PSObject one = _s.Invoke("param($p) Measure-Calibration -Path $p -ThrottleLimit 1", path).Single();
            PSObject two = _s.Invoke("param($p) Measure-Calibration -Path $p -ThrottleLimit 2", path).Single();
            Assert.Equal(one.D("ExpectedCalibrationError"), two.D("ExpectedCalibrationError"));
            Assert.Equal(one.D("BrierScore"), two.D("BrierScore"));
            Assert.Equal(1797L * 15, two.Prop<long>("Count"));
            Near.Equal(AuditExpected.Case("digits_logits").D("ece"), two.D("ExpectedCalibrationError"));

            List<PSObject> found = _s.Invoke("param($p) Find-NoisyLabel -Path $p -Top 4 -By Loss -ThrottleLimit 2", path).ToList();
            // The worst row of digits, repeated: its 15 copies tie, so the earliest come first.
            Assert.Equal(new[] { 1265L, 1265L + 1797, 1265L + 2 * 1797, 1265L + 3 * 1797 }, found.Select(f => f.Prop<long>("Row")));
            string[] all = File.ReadAllLines(path);
            foreach (PSObject f in found)
                Assert.Equal(all[f.Prop<long>("Row")], string.Join(",", lines[0].Split(',').Select(c => f.Prop<string>(c))));
        }

        [Fact]
        public void TheReportShowsEveryColumnOfPipelineRows()
        {
            string file = Path.Combine(Repo.TempDir(), "ids.html");
            List<PSObject> rows = Rows.FromCsv(Repo.Example("iris-probabilities.csv")); // its id column is never a score
            _s.Pipe(rows, $"Export-CrossEntropyReport -OutFile '{file}' -Top 1");
            Assert.Empty(_s.Errors);
            string html = File.ReadAllText(file);
            Assert.Contains("<td>107</td><td title=\"0.034921965242261994\">0.03492</td>", html); // row 107's id, then its p_setosa cell (4 digits, in full in its tooltip)
        }

        [Fact]
        public void IgnoreIndexLeavesRowsOutAndNullSwitchesItOff()
        {
            const string rows = "-Logit (3.0, 0.0), (0.0, 3.0), (1.0, 0.0) -Target 0, 1, 1";
            PSObject ignored = _s.Invoke($"Measure-Calibration {rows} -IgnoreIndex 1").Single();
            Assert.Equal(2L, ignored.Prop<long>("Ignored"));
            Assert.Equal(1L, ignored.Prop<long>("Used"));
            Assert.Equal(3L, ignored.Prop<long>("Count"));
            PSObject all = _s.Invoke($"Measure-Calibration {rows} -IgnoreIndex $null").Single();
            Assert.Equal(3L, all.Prop<long>("Used"));
            double q = 1 / (1 + Math.Exp(-3));
            double s = 1 / (1 + Math.Exp(-1)); // row 3 puts σ(1) on the wrong class
            Near.Equal((4 * Math.Pow(1 - q, 2) + 2 * s * s) / 3, all.D("BrierScore"));
            Near.Equal(2 * Math.Pow(1 - q, 2), ignored.D("BrierScore"));
        }
    }
}
