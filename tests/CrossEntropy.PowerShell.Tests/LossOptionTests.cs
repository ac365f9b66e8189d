using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Engine.Tests;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Every PyTorch case of tests/data/expected.json through the cmdlets, by each input route: pipeline rows,
    /// -Path and explicit arrays. Losses, gradients and probabilities must match to 1e-12 relative.
    /// </summary>
    public class LossOptionTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;
        private static readonly string Dir = Repo.TempDir();

        public LossOptionTests(SessionFixture f) => _s = f.Session;

        public static TheoryData<string> AllCases => Expected.Names(c => true);

        public static TheoryData<string> ArrayCases => Expected.Names(c => c.Kind is "index" or "soft" or "probabilities");

        private List<PSObject> ByPipeline(CaseInput input, string cmdlet) => _s.Pipe(input.Objects(), cmdlet + input.Options).ToList();

        private List<PSObject> ByPath(CaseInput input, string cmdlet) =>
            _s.Invoke("param($p) " + cmdlet + " -Path $p" + input.Options, input.WriteCsv(Dir)).ToList();

        [Theory]
        [MemberData(nameof(AllCases))]
        public void MeanAndSumMatchPyTorchThroughPipelineAndPath(string name)
        {
            ExpectedCase c = Expected.Case(name);
            CaseInput input = CaseInput.For(c);
            foreach (var route in new Func<CaseInput, string, List<PSObject>>[] { ByPipeline, ByPath })
            {
                PSObject mean = route(input, "Measure-CrossEntropy").Single();
                Near.Equal(c.LossMean, mean.D("Loss"), what: name + " mean");
                Assert.Equal(c.ScoreRows().Length, mean.Prop<long>("Count"));
                Assert.Equal(mean.Prop<long>("Count"), mean.Prop<long>("Used") + mean.Prop<long>("Ignored") + mean.Prop<long>("Rejected"));
                PSObject sum = route(input, "Measure-CrossEntropy -Reduction Sum").Single();
                Near.Equal(c.LossSum, sum.D("Loss"), what: name + " sum");
                Assert.Empty(_s.Errors);
            }
        }

        [Theory]
        [MemberData(nameof(AllCases))]
        public void PerRowLossesMatchReductionNone(string name)
        {
            ExpectedCase c = Expected.Case(name);
            List<PSObject> rows = ByPath(CaseInput.For(c), "Measure-CrossEntropy -Reduction None");
            Near.All(c.RowLosses(), rows.Select(r => r.D("Loss")).ToArray(), what: name);
        }

        [Theory]
        [MemberData(nameof(ArrayCases))]
        public void ExplicitArraysGiveTheSameLoss(string name)
        {
            ExpectedCase c = Expected.Case(name);
            CaseInput input = CaseInput.For(c);
            PSObject r = _s.Invoke("Measure-CrossEntropy " + input.ExplicitArrays() + input.Options).Single();
            Near.Equal(c.LossMean, r.D("Loss"), what: name);
        }

        [Theory]
        [InlineData("index_sample_weight")]
        [InlineData("soft_sample_weight")]
        [InlineData("probabilities_machine_eps")]
        public void SampleWeightColumnWeighsTheMean(string name)
        {
            ExpectedCase c = Expected.Case(name);
            CaseInput input = CaseInput.For(c, sampleWeights: true);
            Near.Equal(c.LossMeanSampleWeighted!.Value, ByPipeline(input, "Measure-CrossEntropy").Single().D("Loss"));
            Near.Equal(c.LossMeanSampleWeighted!.Value, ByPath(input, "Measure-CrossEntropy").Single().D("Loss"));
        }

        public static TheoryData<string> GradientCases => Expected.Names(c => c.Kind != "probabilities");

        [Theory]
        [MemberData(nameof(GradientCases))]
        public void GradientsMatchAutograd(string name)
        {
            ExpectedCase c = Expected.Case(name);
            CaseInput input = CaseInput.For(c);
            foreach (string reduction in new[] { "Mean", "Sum" })
            {
                List<PSObject> rows = ByPath(input, "Get-LossGradient -Reduction " + reduction);
                double[][] expected = c.GradientRows(reduction == "Mean");
                Assert.Equal(expected.Length, rows.Count);
                for (int i = 0; i < rows.Count; i++)
                {
                    Near.All(expected[i], rows[i].Prop<double[]>("Gradient"), abs: 1e-15, what: $"{name} {reduction} row {i}");
                    Near.Equal(c.RowLosses()[i], rows[i].D("Loss"), what: $"{name} row {i} loss");
                }
            }
        }

        [Fact]
        public void GradientRowsHaveAPropertyPerClassAndClipNormCaps()
        {
            ExpectedCase c = Expected.Case("index_plain");
            List<PSObject> rows = ByPipeline(CaseInput.For(c), "Get-LossGradient -Reduction Sum -ClipNorm 0.1");
            foreach (PSObject r in rows)
            {
                double[] g = r.Prop<double[]>("Gradient");
                Assert.True(r.D("GradientNorm") <= 0.1 + 1e-15);
                for (int k = 0; k < g.Length; k++) Assert.Equal(g[k], r.D(k.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        public static TheoryData<string> SoftmaxCases => Expected.Names(c => c.Kind is "index" or "soft");

        [Theory]
        [MemberData(nameof(SoftmaxCases))]
        public void SoftmaxAndLogSoftmaxMatchPyTorch(string name)
        {
            ExpectedCase c = Expected.Case(name);
            CaseInput input = CaseInput.For(c);
            string t = c.Temperature != 1 ? " -Temperature " + c.Temperature.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "";
            List<PSObject> p = _s.Pipe(input.Objects(), "Get-Softmax" + t).ToList();
            List<PSObject> lp = _s.Invoke("param($p) Get-Softmax -Log -Path $p" + t, input.WriteCsv(Dir)).ToList();
            for (int i = 0; i < p.Count; i++)
            {
                Near.All(c.Softmax![i], p[i].Prop<double[]>("Probabilities"), abs: 1e-300, what: $"{name} softmax row {i}");
                Near.All(c.LogSoftmax![i], lp[i].Prop<double[]>("LogProbabilities"), abs: 1e-12, what: $"{name} log_softmax row {i}");
                Assert.Equal(p[i].Prop<double[]>("Probabilities")[0], p[i].D("0"));
            }
        }

        [Fact]
        public void SoftmaxNeedsNoLabelAndNamesPropertiesAfterClasses()
        {
            PSObject r = _s.Invoke("Get-Softmax -Path $args[0]", Repo.Example("iris-logits.csv")).First();
            Assert.Equal("setosa", r.Prop<string>("Label"));
            Assert.Equal(r.Prop<double[]>("Probabilities")[2], r.D("virginica"));
            var noLabel = Rows.FromLines(new[] { "logit_cat,logit_dog", "3,1" });
            PSObject p = _s.Pipe(noLabel, "Get-Softmax").Single();
            Assert.Equal("cat", p.Prop<string>("Predicted"));
            Assert.Null(p.Properties["Label"].Value);
            Assert.Equal(1 / (1 + Math.Exp(-2)), p.D("Confidence"), 15);
        }

        [Fact]
        public void SoftmaxKeepsRowsWhoseLabelItCannotRead()
        {
            // Get-Softmax only shows labels: an unknown one leaves the label empty instead of losing the row.
            var rows = Rows.FromLines(new[] { "logit_a,logit_b,label", "1,2,zebra", "1,2,a" });
            var p = _s.Pipe(rows, "Get-Softmax").ToList();
            Assert.Empty(_s.Errors);
            Assert.Equal(2, p.Count);
            Assert.Null(p[0].Properties["Label"].Value);
            Assert.Equal("a", p[1].Prop<string>("Label"));
            Assert.Equal(p[1].Prop<double[]>("Probabilities"), p[0].Prop<double[]>("Probabilities"));
        }

        [Fact]
        public void ExtremeLogitsGiveExactProbabilitiesNeverNaN()
        {
            var rows = _s.Invoke("Get-Softmax -Logit (1e4,0,-1e4),([double]::PositiveInfinity,1,2),(800,799,798)").ToList();
            Assert.Equal(new[] { 1.0, 0, 0 }, rows[0].Prop<double[]>("Probabilities"));
            Assert.Equal(new[] { 1.0, 0, 0 }, rows[1].Prop<double[]>("Probabilities"));
            Assert.DoesNotContain(rows[2].Prop<double[]>("Probabilities"), double.IsNaN);
        }

        [Fact]
        public void WeightsByClassNameEqualWeightsInClassOrder()
        {
            string path = Repo.Example("iris-logits.csv");
            double byName = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -Weight @{ virginica = 3.0; setosa = 0.5 }", path).Single().D("Loss");
            double byOrder = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -Weight 0.5,1,3", path).Single().D("Loss");
            Assert.Equal(byOrder, byName);
            Assert.NotEqual(_s.Invoke("param($p) Measure-CrossEntropy -Path $p", path).Single().D("Loss"), byName);
        }

        [Fact]
        public void IgnoreIndexTakesAClassName()
        {
            string path = Repo.Example("iris-logits.csv");
            PSObject r = _s.Invoke("param($p) Measure-CrossEntropy -Path $p -IgnoreIndex setosa", path).Single();
            Assert.Equal(50L, r.Prop<long>("Ignored"));
            Assert.Equal(100L, r.Prop<long>("Used"));
            Assert.Equal(150L, r.Prop<long>("Count"));
        }

        [Fact]
        public void GroupByGivesOneSummaryPerGroupEqualToTheSubset()
        {
            var lines = File.ReadAllLines(Repo.Example("digits-logits.csv")).ToList();
            lines[0] += ",fold";
            for (int i = 1; i < lines.Count; i++) lines[i] += "," + (i % 3 == 0 ? "a" : "b");
            List<PSObject> groups = _s.Pipe(Rows.FromLines(lines), "Measure-CrossEntropy -GroupBy fold").ToList();
            Assert.Equal(new[] { "b", "a" }, groups.Select(g => g.Prop<string>("Group")));
            List<string> subsetA = new[] { lines[0] }.Concat(lines.Skip(1).Where(l => l.EndsWith(",a", StringComparison.Ordinal))).ToList();
            PSObject a = _s.Pipe(Rows.FromLines(subsetA), "Measure-CrossEntropy").Single();
            Assert.Equal(a.D("Loss"), groups[1].D("Loss"), 13);
            Assert.Equal(Math.Exp(a.D("Loss")), groups[1].D("Perplexity"), 12);
            Assert.Equal(lines.Count - 1, groups.Sum(g => g.Prop<long>("Count")));
        }

        [Fact]
        public void TopKAccuracyCountsLabelsAmongTheKHighest()
        {
            ExpectedCase c = Expected.Case("index_plain");
            PSObject r = ByPipeline(CaseInput.For(c), "Measure-CrossEntropy -TopK 3").Single();
            Near.Equal(c.TopKAccuracy!.Value, r.D("TopKAccuracy"));
            Assert.Equal(3, r.Prop<int>("TopK"));
            Near.Equal(c.Accuracy!.Value, r.D("Accuracy"));
        }

        [Fact]
        public void ProbabilityRowsNotSummingToOneAreReportedInAWarning()
        {
            var rows = Rows.FromLines(new[] { "p_a,p_b,label", "0.5,0.5,a", "0.9,0.3,b", "0.2,0.2,a" });
            PSObject r = _s.Pipe(rows, "Measure-CrossEntropy").Single();
            Assert.Equal(3L, r.Prop<long>("Used"));
            WarningRecord w = Assert.Single(_s.Warnings);
            Assert.Contains("2 probability rows do not sum to 1", w.Message);
            Assert.Contains("first rows: 2, 3", w.Message);
            Near.Equal((-Math.Log(0.5) - Math.Log(0.3) - Math.Log(0.2)) / 3, r.D("Loss"));
        }

        [Fact]
        public void MultiLabelPerClassIsPerLabelColumn()
        {
            ExpectedCase c = Expected.Case("multilabel_pos_weight");
            PSObject r = ByPipeline(CaseInput.For(c), "Measure-CrossEntropy").Single();
            var perClass = r.Prop<object[]>("PerClass").Select(PSObject.AsPSObject).ToList();
            Assert.Equal(4, perClass.Count);
            double[][] per = c.LossNone.EnumerateArray().Select(row => row.EnumerateArray().Select(ExpectedCase.Number).ToArray()).ToArray();
            for (int k = 0; k < 4; k++) Near.Equal(per.Average(row => row[k]), perClass[k].D("Loss"), what: $"label {k}");
        }
    }
}
