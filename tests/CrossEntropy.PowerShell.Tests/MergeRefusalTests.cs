using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Merge-CrossEntropyResult refuses parts that do not fit together with one terminating error naming both parts
    /// and what differs (issue 14 item 3), and reads parts that travelled as JSON text.
    /// </summary>
    public class MergeRefusalTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;
        private readonly string _a, _b;

        public MergeRefusalTests(SessionFixture f)
        {
            _s = f.Session;
            string dir = Repo.TempDir();
            _a = Path.Combine(dir, "a.csv");
            _b = Path.Combine(dir, "b.csv");
            var lines = MergeShards.Lines(new Random(4), 60);
            File.WriteAllLines(_a, lines.Take(30));
            File.WriteAllLines(_b, new[] { lines[0] }.Concat(lines.Skip(30)));
        }

        [Theory]
        [InlineData("Measure-CrossEntropy", "Measure-CrossEntropy -Temperature 2", "Temperature 2 in result 2 (b.csv), 1 in result 1 (a.csv)")]
        [InlineData("Measure-CrossEntropy", "Measure-CrossEntropy -Weight 1,2,1,1", "Weight 1,2,1,1 in result 2 (b.csv), none in result 1 (a.csv)")]
        [InlineData("Measure-CrossEntropy -LabelSmoothing 0.1", "Measure-CrossEntropy", "LabelSmoothing 0 in result 2 (b.csv), 0.1 in result 1 (a.csv)")]
        [InlineData("Measure-CrossEntropy", "Measure-CrossEntropy -Epsilon 1e-7", "Epsilon 1E-07 in result 2 (b.csv)")]
        [InlineData("Measure-CrossEntropy", "Measure-CrossEntropy -IgnoreIndex fish", "IgnoreIndex 3 in result 2 (b.csv), -100 in result 1 (a.csv)")]
        [InlineData("Measure-CrossEntropy -ZLoss 1e-4", "Measure-CrossEntropy -ZLoss 1e-3", "ZLoss 0.001 in result 2 (b.csv), 0.0001 in result 1 (a.csv)")]
        [InlineData("Measure-CrossEntropy", "Measure-CrossEntropy -SoftCap 30", "SoftCap 30 in result 2 (b.csv), (not given) in result 1 (a.csv)")]
        [InlineData("Measure-CrossEntropy -FocalGamma 2", "Measure-CrossEntropy -FocalGamma 1", "FocalGamma 1 in result 2 (b.csv), 2 in result 1 (a.csv)")]
        [InlineData("Measure-CrossEntropy", "Measure-CrossEntropy -TopK 2", "-TopK) differs ('2' in result 2 (b.csv), '1' in result 1 (a.csv))")]
        [InlineData("Measure-CrossEntropy", "Measure-CrossEntropy -Reduction Sum", "-Reduction) differs ('Sum' in result 2 (b.csv), 'Mean' in result 1 (a.csv))")]
        [InlineData("Measure-CrossEntropy", "Measure-CrossEntropy -Class fish,dog,bird,cat", "their classes differ (fish, dog, bird, cat in result 2 (b.csv), cat, dog, bird, fish in result 1 (a.csv))")]
        [InlineData("Measure-CrossEntropy", "Measure-CrossEntropy -GroupBy grp", "result 2 (b.csv, group 'g")]
        [InlineData("Measure-Calibration", "Measure-Calibration -BinCount 10", "-BinCount) differs ('10' in result 2 (b.csv), '15' in result 1 (a.csv))")]
        [InlineData("Measure-Calibration", "Measure-Calibration -Temperature 0.5", "Temperature 0.5 in result 2 (b.csv)")]
        [InlineData("Measure-Entropy", "Measure-Entropy -Base 2", "-Base) differs ('2' in result 2 (b.csv), 'e' in result 1 (a.csv))")]
        [InlineData("Test-Prediction", "Test-Prediction -Tolerance 0.01", "-Tolerance) differs ('0.01' in result 2, '1E-06' in result 1)")]
        [InlineData("Measure-CrossEntropy", "Measure-CrossEntropy -SequenceColumn grp", "whether it is a summary of token sequences (-SequenceColumn) differs ('yes' in result 2 (b.csv), 'no' in result 1 (a.csv))")]
        [InlineData("Measure-Classification -Temperature 2", "Measure-Classification", "Temperature 1 in result 2 (b.csv), 2 in result 1 (a.csv)")]
        [InlineData("Measure-Classification", "Measure-Classification -Class fish,dog,bird,cat", "their classes differ")]
        [InlineData("Measure-Classification", "Measure-Classification -Curve Roc", "result 2 (b.csv): it is a curve point (CrossEntropy.RocPoint); curves do not merge, their rankings do: merge Measure-Classification -IncludeRanking summaries")]
        [InlineData("Measure-CrossEntropy", "Measure-CrossEntropy -Reduction None", "result 2 (b.csv): it is a per-row result (CrossEntropy.RowLoss), and merging needs summaries")]
        public void PartsThatDoNotFitAreRefusedNamingBoth(string first, string second, string expected)
        {
            var e = Assert.ThrowsAny<RuntimeException>(() => _s.Invoke(
                $"param($a, $b) $ErrorActionPreference = 'Stop'; @({first} -Path $a -ErrorAction SilentlyContinue) + @(@({second} -Path $b -ErrorAction SilentlyContinue)[0]) | Merge-CrossEntropyResult",
                _a, _b));
            Assert.Contains(expected, e.Message, StringComparison.Ordinal);
            Assert.StartsWith("Cannot merge ", e.Message, StringComparison.Ordinal);
            Assert.Equal("CrossEntropy.MergeRefused,CrossEntropy.Commands.MergeCrossEntropyResultCommand", e.ErrorRecord.FullyQualifiedErrorId);
        }

        [Fact]
        public void ObjectivesWithDifferentPenaltiesAreRefusedAndWithoutAPenaltyToo()
        {
            string theta = Repo.InRepo("tests", "data", "objective", "iris-coef.csv");
            const string Merge = "param($a, $b, $t, $l) $ErrorActionPreference = 'Stop'; @(Measure-CrossEntropy -Path $a -L2 0.25 -ParameterPath $t -ErrorAction SilentlyContinue) + " +
                "@(Measure-CrossEntropy -Path $b -L2 $l -ParameterPath $t -ErrorAction SilentlyContinue) | Merge-CrossEntropyResult";
            var e = Assert.ThrowsAny<RuntimeException>(() => _s.Invoke(Merge, _a, _b, theta, 0.5));
            Assert.Contains("the penalty λ1·‖θ‖₁ + λ2·‖θ‖²₂ (Penalty, from -L1/-L2/-ParameterPath; every shard must use the same parameters) differs", e.Message, StringComparison.Ordinal);
            e = Assert.ThrowsAny<RuntimeException>(() => _s.Invoke(
                "param($a, $b, $t) $ErrorActionPreference = 'Stop'; @(Measure-CrossEntropy -Path $a -L2 0.25 -ParameterPath $t -ErrorAction SilentlyContinue) + @(Measure-CrossEntropy -Path $b -ErrorAction SilentlyContinue) | Merge-CrossEntropyResult",
                _a, _b, theta));
            Assert.Contains("in result 2 (b.csv)", e.Message, StringComparison.Ordinal);
            Assert.Contains("'none' in result 2", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ObjectsThatAreNotResultsAndResultsWithoutStatisticsAreRefused()
        {
            var e = Assert.ThrowsAny<RuntimeException>(() => _s.Invoke("$ErrorActionPreference = 'Stop'; [pscustomobject]@{ Loss = 0.3; Count = 10 } | Merge-CrossEntropyResult"));
            Assert.Contains("result 1: it is not a CrossEntropy result", e.Message, StringComparison.Ordinal);
            // A summary whose statistics were dropped (Select-Object, an older version) names the missing property.
            e = Assert.ThrowsAny<RuntimeException>(() => _s.Invoke(
                "param($a) $ErrorActionPreference = 'Stop'; Measure-CrossEntropy -Path $a -ErrorAction SilentlyContinue | ForEach-Object { $o = [pscustomobject]@{}; foreach ($p in $_.psobject.Properties) { if ($p.Name -ne 'LossSum') { $o.psobject.Properties.Add([psnoteproperty]::new($p.Name, $p.Value)) } }; $o } | Merge-CrossEntropyResult", _a));
            Assert.Contains("result 1 (a.csv): it has no LossSum property", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void NothingToMergeWarns()
        {
            Assert.Empty(_s.Invoke("@() | Merge-CrossEntropyResult"));
            Assert.Contains(_s.Warnings, w => w.Message.Contains("received no result", StringComparison.Ordinal));
        }
    }
}
