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
    /// <summary>Measure-Entropy in the hosted engine: entropy, KL and the label mix against scipy, rows, DataFrames, counts.</summary>
    public class EntropyCmdletTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;

        public EntropyCmdletTests(SessionFixture f) => _s = f.Session;

        [Fact]
        public void EntropyInBitsAndHartleysMatchesScipy()
        {
            JsonElement iris = AuditExpected.Case("iris_logits");
            PSObject bits = _s.Invoke("param($p) Measure-Entropy -Path $p -Base 2", CsvOf(iris)).Single();
            Assert.Equal("CrossEntropy.EntropySummary", bits.TypeNames[0]);
            Near.Equal(iris.D("entropy_mean_base"), bits.D("Entropy"));
            Near.Equal(Math.Log(3, 2), bits.D("LabelEntropy"), what: "50/50/50 labels: log2 3 bits");
            Near.Equal(2.0 / 3, bits.D("LabelGini"));
            Assert.Equal("2", bits.Prop<string>("Base"));

            JsonElement digits = AuditExpected.Case("digits_logits");
            PSObject hartleys = _s.Pipe(Rows.FromCsv(CsvOf(digits)), "Measure-Entropy -Base 10").Single();
            Near.Equal(digits.D("entropy_mean_base"), hartleys.D("Entropy"));
            PSObject nats = _s.Invoke("param($p) Measure-Entropy -Path $p", CsvOf(digits)).Single();
            Near.Equal(digits.D("entropy_mean"), nats.D("Entropy"));
            Near.Equal(digits.D("cross_entropy_mean"), nats.D("CrossEntropy"));
            Assert.Equal(0.0, nats.D("TargetEntropy"));
            // With class labels, the cross-entropy is Measure-CrossEntropy's loss.
            Near.Equal(_s.Invoke("param($p) Measure-CrossEntropy -Path $p", CsvOf(digits)).Single().D("Loss"), nats.D("CrossEntropy"));
        }

        [Fact]
        public void SoftTargetsGiveKLAndCrossEntropyAndTheIdentityHolds()
        {
            JsonElement c = AuditExpected.Case("soft_targets");
            foreach (PSObject r in new[]
            {
                _s.Invoke("param($p) Measure-Entropy -Path $p", CsvOf(c)).Single(),
                _s.Pipe(Rows.FromCsv(CsvOf(c)), "Measure-Entropy").Single(),
            })
            {
                Near.Equal(c.D("entropy_mean"), r.D("Entropy"), what: "H(q)");
                Near.Equal(c.D("target_entropy_mean"), r.D("TargetEntropy"), what: "H(t)");
                Near.Equal(c.D("kl_mean"), r.D("KLDivergence"), what: "KL");
                Near.Equal(c.D("cross_entropy_mean"), r.D("CrossEntropy"), what: "H(t, q)");
                Near.Equal(r.D("CrossEntropy"), r.D("TargetEntropy") + r.D("KLDivergence"), what: "H(t, q) = H(t) + KL(t || q)");
                Assert.Equal("Soft", r.Prop<string>("Target"));
            }
            List<PSObject> rows = _s.Invoke("param($p) Measure-Entropy -Path $p -Reduction None", CsvOf(c)).ToList();
            Assert.Equal("CrossEntropy.EntropyRow", rows[0].TypeNames[0]);
            Near.All(c.Ds("kl_rows"), rows.Select(r => r.D("KLDivergence")).ToArray(), what: "KL rows");
            Near.All(c.Ds("target_entropy_rows"), rows.Select(r => r.D("TargetEntropy")).ToArray(), what: "H(t) rows");
            foreach (PSObject r in rows) Near.Equal(r.D("CrossEntropy"), r.D("TargetEntropy") + r.D("KLDivergence"));
            PSObject sum = _s.Invoke("param($p) Measure-Entropy -Path $p -Reduction Sum", CsvOf(c)).Single();
            Near.Equal(c.D("kl_mean") * 60, sum.D("KLDivergence"));
        }

        [Fact]
        public void EntropyRowsAsDataFrameMatchTheObjects()
        {
            string path = Repo.Example("iris-probabilities.csv");
            List<PSObject> rows = _s.Invoke("param($p) Measure-Entropy -Path $p -Reduction None", path).ToList();
            PSObject df = _s.Invoke("param($p) Measure-Entropy -Path $p -Reduction None -AsDataFrame", path).Single();
            double[] fromFrame = _s.Invoke("param($d) $d.Columns['Entropy'] | ForEach-Object { $_ }", df).Select(o => Convert.ToDouble(o.BaseObject, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(rows.Select(r => r.D("Entropy")), fromFrame);
            Near.All(AuditExpected.Case("iris_probabilities").Ds("entropy_rows"), fromFrame);
        }

        [Fact]
        public void EntropyWithoutLabelsIsThePredictionsOnly()
        {
            List<PSObject> rows = Rows.FromLines(File.ReadAllLines(Repo.Example("digits-logits.csv")).Select(l => string.Join(",", l.Split(',').Take(10))).ToList());
            PSObject r = _s.Pipe(rows, "Measure-Entropy").Single();
            Near.Equal(AuditExpected.Case("digits_logits").D("entropy_mean"), r.D("Entropy"));
            Assert.True(double.IsNaN(r.D("KLDivergence")));
            Assert.True(double.IsNaN(r.D("LabelEntropy")));
            Assert.Equal("None", r.Prop<string>("Target"));
            Assert.Equal(1797L, r.Prop<long>("Used"));

            // Groups without labels: counted here, and the row-weighted mean of the groups' entropies is the whole's.
            for (int i = 0; i < rows.Count; i++) rows[i].Properties.Add(new PSNoteProperty("half", i < 900 ? "first" : "second"));
            rows[5].Properties["logit_3"].Value = "oops";
            List<PSObject> groups = _s.Pipe(rows, "Measure-Entropy -GroupBy half").ToList();
            Assert.Single(_s.Errors);
            Assert.Equal(new[] { 899L, 897L }, groups.Select(g => g.Prop<long>("Used")));
            Assert.Equal(new[] { 1L, 0L }, groups.Select(g => g.Prop<long>("Rejected")));
            Assert.Equal(new[] { 900L, 897L }, groups.Select(g => g.Prop<long>("Count")));
        }

        [Fact]
        public void EntropyOfExplicitArrays()
        {
            PSObject r = _s.Invoke("Measure-Entropy -Logit (0.0, 0.0), (10.0, -10.0) -Target 0, 0").Single();
            double p = 1 / (1 + Math.Exp(-20));
            Near.Equal((Math.Log(2) - (p * Math.Log(p) + (1 - p) * Math.Log(1 - p))) / 2, r.D("Entropy"));
            Near.Equal((Math.Log(2) + Math.Log(1 + Math.Exp(-20))) / 2, r.D("CrossEntropy"));
            PSObject u = _s.Invoke("Measure-Entropy -Probability 0.25, 0.25, 0.25, 0.25 -Base 2").Single();
            Assert.Equal(2.0, u.D("Entropy"), 14);
        }

        [Theory]
        [InlineData("counts_uniform3", "@{ a = 50; b = 50; c = 50 }")]
        [InlineData("counts_skewed", "30, 10, 0, 5")]
        [InlineData("counts_pure", "([ordered]@{ yes = 7; no = 0 })")]
        public void EntropyOfClassCounts(string name, string counts)
        {
            JsonElement c = AuditExpected.Case(name);
            PSObject r = _s.Invoke("Measure-Entropy -Count " + counts).Single();
            Assert.Equal("CrossEntropy.LabelEntropy", r.TypeNames[0]);
            Near.Equal(c.D("entropy"), r.D("Entropy"));
            Near.Equal(c.D("gini"), r.D("GiniImpurity"));
            PSObject bits = _s.Invoke("Measure-Entropy -Base 2 -Count " + counts).Single();
            Near.Equal(c.D("entropy_bits"), bits.D("Entropy"));
        }

        [Fact]
        public void EntropyOfALabelColumn()
        {
            string path = Repo.Example("iris-logits.csv");
            PSObject r = _s.Invoke("param($p) $labels = foreach ($l in [System.IO.File]::ReadAllLines($p)[1..150]) { $l.Split(',')[3] }; Measure-Entropy -Label $labels", path).Single();
            Near.Equal(Math.Log(3), r.D("Entropy"));
            Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, r.Prop<string[]>("Classes"));
            Assert.Equal(new[] { 50.0, 50, 50 }, r.Prop<double[]>("Counts"));
            Assert.Equal(150.0, r.D("Total"));
            // Statement-terminating errors: the hosted script goes on, the error is recorded.
            Assert.Empty(_s.Invoke("Measure-Entropy -Count 1,2 -Label a"));
            Assert.Contains("Parameter set cannot be resolved", Assert.Single(_s.Errors).ToString());
            Assert.Empty(_s.Invoke("Measure-Entropy -Count 1,-2"));
            Assert.Contains("non-negative", Assert.Single(_s.Errors).ToString());
        }
    }
}
