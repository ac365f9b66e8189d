using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text.Json;
using CrossEntropy.Engine.Tests;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// The first 100,000 rows of the big binary file (10,007 distinct logits, about 10 rows per score, heavy ties):
    /// the bytes are the generator's (SHA-256), and every figure equals scikit-learn's (and the exact rational AUC/AP)
    /// read in parallel chunks of every size. The 10M-row run is bench/classification-big.ps1 (memory, not time).
    /// </summary>
    public class ClassificationScaleTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;

        public ClassificationScaleTests(SessionFixture f) => _s = f.Session;

        [Fact]
        public void HundredThousandRowsWithTiesEqualScikitLearnWhateverTheChunking()
        {
            JsonElement e = ClassificationExpected.Big.GetProperty("sizes").EnumerateArray().First(s => s.GetProperty("n_rows").GetInt64() == 100_000);
            string path = Path.Combine(Path.GetTempPath(), $"ce-big-{Guid.NewGuid():N}.csv");
            try
            {
                BigBinaryFile.Write(path, 100_000);
                Assert.Equal(e.GetProperty("file_sha256").GetString(), Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant());
                foreach (string throttle in new[] { "1", "2" })
                {
                    PSObject r = _s.Invoke($"param($p) Measure-Classification -Path $p -ThrottleLimit {throttle}", path).Single();
                    Assert.Empty(_s.Errors);
                    Near.Equal(e.D("accuracy"), r.D("Accuracy"));
                    Near.Equal(e.D("balanced_accuracy"), r.D("BalancedAccuracy"));
                    Near.Equal(e.D("macro_f1"), r.D("MacroF1"));
                    Near.Equal(e.D("weighted_f1"), r.D("WeightedF1"));
                    Near.Equal(e.D("matthews_corrcoef"), r.D("MatthewsCorrelation"));
                    Near.Equal(e.D("cohen_kappa"), r.D("CohenKappa"));
                    Near.Equal(e.D("roc_auc"), r.D("RocAuc"), what: "AUC");
                    Near.Equal(e.D("roc_auc_exact_rational"), r.D("RocAuc"), what: "AUC (exact)");
                    Near.Equal(e.D("average_precision"), r.D("AveragePrecision"), what: "AP");
                    Near.Equal(e.D("average_precision_exact_rational"), r.D("AveragePrecision"), what: "AP (exact)");
                    Assert.Equal(100_000L, r.Prop<long>("Used"));
                    long[][] counts = PSObject.AsPSObject(r.Properties["ConfusionMatrix"].Value).Prop<long[][]>("Counts");
                    double[][] expected = e.Rows("confusion_matrix");
                    for (int t = 0; t < 2; t++) Assert.Equal(expected[t].Select(v => (long)v), counts[t]);
                }
                PSObject[] roc = _s.Invoke("param($p) Measure-Classification -Path $p -Curve RocAll", path).ToArray();
                Assert.Equal(e.GetProperty("distinct_scores").GetInt32() + 1, roc.Length); // one point per distinct score, plus (0, 0)
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
