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
            "Measure-CrossEntropy -SequenceColumn seq",
            "Measure-CrossEntropy -SequenceColumn seq -ZLoss 1e-2 -SampleWeightColumn sw -Reduction Sum",
            $"Measure-CrossEntropy -SampleWeightColumn sw -L1 0.01 -L2 0.25 -ParameterPath '{Repo.InRepo("tests", "data", "objective", "iris-coef.csv")}'",
            $"Measure-CrossEntropy -SequenceColumn seq -L2 0.5 -ParameterPath '{Repo.InRepo("tests", "data", "objective", "iris-coef.csv")}'",
            "Measure-Classification -IncludeRanking",
            "Measure-Classification -IncludeRanking -SampleWeightColumn sw -GroupBy grp -Temperature 2",
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

        [Fact]
        public void ClassificationWithoutRankingsMergesEveryThresholdFigureAndWarnsThatAucIsNaN()
        {
            string dir = Repo.TempDir();
            (string whole, List<string> shards) = MergeShards.Write(new Random(33), dir, 300);
            PSObject single = Run("Measure-Classification -SampleWeightColumn sw", whole).Single();
            Assert.Empty(single.Prop<long[]>("RankingLengths"));
            var parts = shards.SelectMany(s => Run("Measure-Classification -SampleWeightColumn sw", s)).ToList();
            PSObject merged = _s.Invoke("param($r) $r | Merge-CrossEntropyResult", new object?[] { parts.ToArray() }).Single();
            Assert.Empty(_s.Errors);
            Assert.Contains(_s.Warnings, w => w.Message.Contains("RocAuc and AveragePrecision of the merged classification summary are NaN", StringComparison.Ordinal)
                && w.Message.Contains("-IncludeRanking", StringComparison.Ordinal));
            Assert.True(double.IsNaN(merged.D("RocAuc")) && double.IsNaN(merged.D("AveragePrecision")));
            foreach (string figure in new[] { "Accuracy", "BalancedAccuracy", "MacroPrecision", "MacroRecall", "MacroF1", "WeightedF1", "MicroF1", "MatthewsCorrelation", "CohenKappa", "WeightSum" })
                Engine.Tests.Near.Equal(single.D(figure), merged.D(figure), what: figure);
            Assert.Equal(single.Prop<long[]>("ConfusionCounts"), merged.Prop<long[]>("ConfusionCounts"));
            Assert.Equal(single.Prop<long>("Count"), merged.Prop<long>("Count"));
            Assert.Equal(single.Prop<object>("ConfusionMatrix").ToString(), merged.Prop<object>("ConfusionMatrix").ToString());
        }

        [Fact]
        public void BinaryClassificationRankingsMergeToTheSingleRunsAucAndAveragePrecision()
        {
            // One logit column with tied scores (rounded to 1 decimal), so shards share scores and the merge adds them.
            var rng = new Random(44);
            string dir = Repo.TempDir();
            var lines = new List<string> { "x,y,sw" };
            for (int i = 0; i < 500; i++)
            {
                int y = rng.Next(2);
                double x = Math.Round(rng.NextDouble() * 4 - 2 + y, 1);
                lines.Add(FormattableString.Invariant($"{x},{y},{0.5 + rng.Next(4)}"));
            }
            string whole = Path.Combine(dir, "binary.csv");
            File.WriteAllLines(whole, lines);
            const string Command = "Measure-Classification -LogitColumn x -LabelColumn y -SampleWeightColumn sw -IncludeRanking";
            PSObject single = Run(Command, whole).Single();
            for (int trial = 0; trial < 4; trial++)
            {
                int k = rng.Next(2, 6);
                var parts = Enumerable.Range(0, k).Select(_ => new List<string> { lines[0] }).ToList();
                foreach (string line in lines.Skip(1)) parts[rng.Next(k)].Add(line);
                var results = new List<PSObject>();
                for (int s = 0; s < k; s++)
                {
                    string path = Path.Combine(dir, $"b{trial}-{s}.csv");
                    File.WriteAllLines(path, parts[s]);
                    results.AddRange(Run(Command, path));
                }
                PSObject merged = Merge(MergeShards.Shuffled(rng, results)).Single();
                MergeShards.SameFigures(single, merged, $"binary trial {trial}");
                Assert.False(double.IsNaN(merged.D("RocAuc")));
            }
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
