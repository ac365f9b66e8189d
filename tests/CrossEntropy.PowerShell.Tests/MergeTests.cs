using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Merge-CrossEntropyResult in the hosted engine, as property tests: random files, random splits into shards and
    /// random orders; the merge of the shards' results must be the whole file's result (counts exact, every figure
    /// within 1e-12 relative) and two orders must give the same bits.
    /// </summary>
    public class MergeTests : IClassFixture<SessionFixture>
    {
        private const int Trials = 6;
        private readonly Hosting.ModuleSession _s;

        public MergeTests(SessionFixture f) => _s = f.Session;

        public static TheoryData<string> Commands => new()
        {
            "Measure-CrossEntropy",
            "Measure-CrossEntropy -SampleWeightColumn sw -TopK 2",
            "Measure-CrossEntropy -Reduction Sum -Weight 1,2,0.5,1 -LabelSmoothing 0.1",
            "Measure-CrossEntropy -GroupBy grp -SampleWeightColumn sw -Temperature 2",
            "Measure-CrossEntropy -IgnoreIndex fish -Weight @{ dog = 3 }",
            "Measure-CrossEntropy -ZLoss 1e-2 -SoftCap 5 -SampleWeightColumn sw",
            "Measure-CrossEntropy -Reduction Sum -ZLoss 1e-3 -GroupBy grp",
            "Measure-CrossEntropy -FocalGamma 2 -FocalAlpha 0.5,1,2,1",
            "Measure-Calibration",
            "Measure-Calibration -SampleWeightColumn sw -BinCount 7",
            "Measure-Calibration -GroupBy grp -Temperature 0.5",
            "Measure-Entropy",
            "Measure-Entropy -Base 2 -SampleWeightColumn sw",
            "Measure-Entropy -Reduction Sum -GroupBy grp",
            "Test-Prediction",
        };

        [Theory]
        [MemberData(nameof(Commands))]
        public void MergedShardsGiveTheWholeFilesResultForAnySplitAndOrder(string command)
        {
            int seed = command.Aggregate(17, (h, ch) => h * 31 + ch);
            var rng = new Random(seed);
            for (int trial = 0; trial < Trials; trial++)
            {
                string dir = Repo.TempDir();
                (string whole, List<string> shards) = MergeShards.Write(rng, dir, rng.Next(20, 400));
                string at = $"{command}, trial {trial}, {shards.Count} shards (seed {seed})";
                List<PSObject> single = Run(command, whole);
                var parts = shards.SelectMany(s => Run(command, s)).ToList();
                List<PSObject> merged = Merge(MergeShards.Shuffled(rng, parts));
                List<PSObject> again = Merge(MergeShards.Shuffled(rng, parts));
                Assert.Equal(single.Count, merged.Count);
                foreach (PSObject expected in single)
                {
                    object? group = expected.Properties["Group"]?.Value;
                    PSObject actual = merged.Single(m => Equals(m.Properties["Group"]?.Value, group));
                    Assert.Equal(expected.TypeNames[0], actual.TypeNames[0]);
                    MergeShards.SameFigures(expected, actual, $"{at}, group {group ?? "-"}");
                    MergeShards.SameBits(actual, again.Single(m => Equals(m.Properties["Group"]?.Value, group)));
                }
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void ResultsOfSeveralKindsMergeKindByKind()
        {
            string dir = Repo.TempDir();
            (string whole, List<string> shards) = MergeShards.Write(new Random(5), dir, 300);
            var parts = shards.SelectMany(s => Run("Measure-CrossEntropy", s).Concat(Run("Measure-Calibration", s))).ToList();
            List<PSObject> merged = Merge(parts);
            Assert.Equal(new[] { "CrossEntropy.LossSummary", "CrossEntropy.CalibrationSummary" }, merged.Select(m => m.TypeNames[0]));
            MergeShards.SameFigures(Run("Measure-CrossEntropy", whole).Single(), merged[0], "loss");
            MergeShards.SameFigures(Run("Measure-Calibration", whole).Single(), merged[1], "calibration");
        }

        [Fact]
        public void WeightedCalibrationBinsCarryTheirWeightSoEceRebuildsFromThem()
        {
            // Issue 12 item 7: with sample weights a bin's Count is rows, its Weight the weight; ECE = Σ (W_m/W)·|Gap_m|.
            string dir = Repo.TempDir();
            (string whole, _) = MergeShards.Write(new Random(9), dir, 400);
            PSObject r = Run("Measure-Calibration -SampleWeightColumn sw", whole).Single();
            var bins = r.Prop<object[]>("Bins").Select(PSObject.AsPSObject).Where(b => b.Prop<long>("Count") > 0).ToList();
            double w = bins.Sum(b => b.D("Weight"));
            Engine.Tests.Near.Equal(r.D("WeightSum"), w, what: "Σ bin weights");
            Engine.Tests.Near.Equal(r.D("ExpectedCalibrationError"), bins.Sum(b => b.D("Weight") / w * Math.Abs(b.D("Gap"))), what: "ECE from the bins");
            double byCount = bins.Sum(b => (double)b.Prop<long>("Count") / r.Prop<long>("Used") * Math.Abs(b.D("Gap")));
            Assert.NotEqual(r.D("ExpectedCalibrationError"), byCount, 6); // the row counts alone do not rebuild it
            PSObject unweighted = Run("Measure-Calibration", whole).Single();
            Assert.All(unweighted.Prop<object[]>("Bins").Select(PSObject.AsPSObject), b => Assert.Equal((double)b.Prop<long>("Count"), b.D("Weight")));
        }

        [Fact]
        public void PerplexityOnASumSummaryIsExpOfTheMeanNotOfTheSum()
        {
            PSObject sum = _s.Invoke("Measure-CrossEntropy -Logit (2.0,1.0,0.1),(0.5,2.5,0.3) -Target 0,1 -Reduction Sum").Single();
            Engine.Tests.Near.Equal(Math.Exp(sum.D("LossSum") / sum.D("WeightSum")), sum.D("Perplexity"), what: "Perplexity");
            Engine.Tests.Near.Equal(sum.D("Loss"), sum.D("LossSum"), what: "Loss of a Sum summary");
            // Documented where the output is described (the help page's OUTPUTS, compiled into Get-Help).
            string help = File.ReadAllText(Repo.InRepo("docs", "en-US", "Measure-CrossEntropy.md")).Replace("\n", " ", StringComparison.Ordinal);
            Assert.Contains("Perplexity is exp(LossSum / WeightSum), the exponential of the mean loss, on every summary: with -Reduction Sum, Loss is the sum but Perplexity is still exp of the mean, never exp(Loss).", help, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Loss", true)]
        [InlineData("Margin", false)]
        public void NoisyLabelsByLossOrMarginAcrossShardsAreEachShardsTopNMerged(string by, bool descending)
        {
            // The recipe in Merge-CrossEntropyResult's help: a row's loss or margin depends on the row alone, so the
            // global top N is the best N of the union of every shard's top N.
            string dir = Repo.TempDir();
            (string whole, List<string> shards) = MergeShards.Write(new Random(21), dir, 400);
            const int N = 12;
            double[] Scores(IEnumerable<PSObject> rows) => rows.Select(r => r.D(by)).ToArray();
            double[] single = Scores(Run($"Find-NoisyLabel -By {by} -Top {N}", whole));
            IEnumerable<double> union = shards.SelectMany(s => Scores(_s.Invoke($"param($p) Find-NoisyLabel -By {by} -Top {N} -Path $p -ErrorAction SilentlyContinue", s)));
            double[] merged = (descending ? union.OrderByDescending(x => x) : union.OrderBy(x => x)).Take(N).ToArray();
            Assert.Equal(single, merged);
        }

        private List<PSObject> Run(string command, string path)
        {
            List<PSObject> r = _s.Invoke($"param($p) {command} -Path $p -ErrorAction SilentlyContinue -WarningAction SilentlyContinue", path).ToList();
            if (r.Count == 0) throw new Xunit.Sdk.XunitException($"{command} gave nothing: {string.Join("; ", _s.Errors.Select(e => e.ToString()))}");
            return r;
        }

        private List<PSObject> Merge(List<PSObject> parts)
        {
            List<PSObject> merged = _s.Invoke("param($r) $r | Merge-CrossEntropyResult -WarningAction SilentlyContinue", new object?[] { parts.ToArray() }).ToList();
            Assert.Empty(_s.Errors);
            return merged;
        }
    }
}
