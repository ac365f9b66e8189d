using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Find-NoisyLabel across shards, the default -By Normalized (issue 14 item 4): class thresholds from every shard
    /// (-ThresholdOnly) merged exactly, each shard ranked with the merged thresholds (-ClassThreshold), then the best N
    /// of the shards' top N — the single run's top N, for random files, splits and orders.
    /// </summary>
    public class NoisyLabelMergeTests : IClassFixture<SessionFixture>
    {
        private const string Quiet = "-ErrorAction SilentlyContinue -WarningAction SilentlyContinue";
        private readonly Hosting.ModuleSession _s;

        public NoisyLabelMergeTests(SessionFixture f) => _s = f.Session;

        [Fact]
        public void TwoPhaseRecipeGivesTheSingleRunsTopN()
        {
            var rng = new Random(77);
            for (int trial = 0; trial < 5; trial++)
            {
                string dir = Repo.TempDir();
                (string whole, List<string> shards) = MergeShards.Write(rng, dir, rng.Next(60, 400));
                int n = rng.Next(3, 25);
                string at = $"trial {trial}, {shards.Count} shards, top {n}";
                List<PSObject> single = _s.Invoke($"param($p, $n) Find-NoisyLabel -Path $p -Top $n {Quiet}", whole, n).ToList();
                string[] order = MergeShards.Shuffled(rng, shards).ToArray();
                PSObject thresholds = _s.Invoke($"param($s) $s | ForEach-Object {{ Find-NoisyLabel -Path $_ -ThresholdOnly {Quiet} }} | Merge-CrossEntropyResult", new object?[] { order }).Single();
                PSObject own = _s.Invoke($"param($p) Find-NoisyLabel -Path $p -ThresholdOnly {Quiet}", whole).Single();
                Assert.Equal(own.Prop<long[]>("ClassCounts"), thresholds.Prop<long[]>("ClassCounts"));
                Assert.Equal(own.Prop<long>("Count"), thresholds.Prop<long>("Count"));
                Engine.Tests.Near.All(own.Prop<double[]>("Thresholds"), thresholds.Prop<double[]>("Thresholds"), what: $"{at}: thresholds");
                // Deserialized thresholds (as from a job, remoting or Import-Clixml) rank the same as live ones.
                PSObject copy = _s.Invoke("param($t) [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize($t))", thresholds).Single();
                Assert.Equal("Deserialized.CrossEntropy.ClassThresholds", copy.TypeNames[0]);
                foreach (PSObject given in new[] { thresholds, copy })
                {
                    // The best N of the union (Sort-Object NormalizedScore -Descending | Select-Object -First N on real pwsh: Merge.Tests.ps1).
                    List<PSObject> merged = _s.Invoke($"param($s, $t, $n) $s | ForEach-Object {{ Find-NoisyLabel -Path $_ -Top $n -ClassThreshold $t {Quiet} }}", order, given, n)
                        .OrderByDescending(r => r.D("NormalizedScore")).Take(n).ToList();
                    Assert.True(single.Count == merged.Count, $"{at}: {merged.Count} rows, not {single.Count}: {string.Join("; ", _s.Errors.Select(e => e.ToString()))}");
                    for (int i = 0; i < single.Count; i++)
                    {
                        Engine.Tests.Near.Equal(single[i].D("NormalizedScore"), merged[i].D("NormalizedScore"), what: $"{at}: rank {i + 1}");
                        Assert.Equal(single[i].Prop<string>("logit_cat"), merged[i].Prop<string>("logit_cat"));
                        Assert.Equal(single[i].Prop<string>("GivenLabel"), merged[i].Prop<string>("GivenLabel"));
                    }
                }
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void ThresholdsForOtherClassesAndOtherObjectsAreRefused()
        {
            string dir = Repo.TempDir();
            (string whole, _) = MergeShards.Write(new Random(8), dir, 80);
            PSObject t = _s.Invoke($"param($p) Find-NoisyLabel -Path $p -ThresholdOnly -Class fish,dog,bird,cat {Quiet}", whole).Single();
            var e = Assert.ThrowsAny<RuntimeException>(() => _s.Invoke($"param($p, $t) $ErrorActionPreference = 'Stop'; Find-NoisyLabel -Path $p -ClassThreshold $t -WarningAction SilentlyContinue", whole, t));
            Assert.Contains("the class thresholds of -ClassThreshold are for the classes fish, dog, bird, cat", e.Message, StringComparison.Ordinal);
            Assert.Contains("but these rows have the classes cat, dog, bird, fish", e.Message, StringComparison.Ordinal);
            e = Assert.ThrowsAny<RuntimeException>(() => _s.Invoke($"param($p) $ErrorActionPreference = 'Stop'; Find-NoisyLabel -Path $p -ClassThreshold (Measure-CrossEntropy -Path $p {Quiet}) {Quiet}", whole));
            Assert.Contains("-ClassThreshold takes the class thresholds of Find-NoisyLabel -ThresholdOnly", e.Message, StringComparison.Ordinal);
        }
    }
}
