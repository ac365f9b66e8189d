using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using CrossEntropy.Engine.Tests;
using Xunit;
using static CrossEntropy.PowerShell.Tests.ClassificationExpected;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Measure-Classification -Curve against scikit-learn 1.2.1's roc_curve (drop_intermediate True and False) and
    /// precision_recall_curve, point by point; the ROC curve's first threshold is +Infinity (scikit-learn 1.3+), not 1.2's max + 1.
    /// </summary>
    public class ClassificationCurveTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;

        public ClassificationCurveTests(SessionFixture f) => _s = f.Session;

        public static TheoryData<string> Cases
        {
            get
            {
                var data = new TheoryData<string>();
                foreach (string n in Names.Where(n => Case(n).GetProperty("curves_recorded").GetBoolean())) data.Add(n);
                return data;
            }
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void CurvesEqualScikitLearn(string name)
        {
            JsonElement c = Case(name);
            string path = CsvOf(c);
            string[] classes = c.GetProperty("classes").EnumerateArray().Select(e => e.GetString()!).ToArray();
            string opts = c.Has("sample_weight_column") ? " -SampleWeightColumn " + c.GetProperty("sample_weight_column").GetString() : "";
            foreach ((string curve, string key) in new[] { ("Roc", "drop_intermediate_true"), ("RocAll", "drop_intermediate_false") })
            {
                PSObject[] points = _s.Invoke($"param($p) Measure-Classification -Path $p -Curve {curve}{opts}", path).ToArray();
                Assert.Empty(_s.Errors);
                foreach (JsonElement roc in c.GetProperty("curves").GetProperty("roc").EnumerateArray())
                {
                    string cls = classes[roc.GetProperty("cls").GetInt32()];
                    PSObject[] mine = points.Where(p => p.Prop<string>("Class") == cls).ToArray();
                    JsonElement e = roc.GetProperty(key);
                    double[] thresholds = e.Ds("thresholds");
                    Assert.True(thresholds.Length == mine.Length, $"{name} {curve} class {cls}: {mine.Length} points, scikit-learn {thresholds.Length}");
                    Assert.Equal(double.PositiveInfinity, mine[0].D("Threshold"));
                    Near.All(thresholds.Skip(1).ToArray(), mine.Skip(1).Select(p => p.D("Threshold")).ToArray(), what: $"{name} {curve} {cls} thresholds");
                    Near.All(e.Ds("fpr"), mine.Select(p => p.D("FalsePositiveRate")).ToArray(), what: $"{name} {curve} {cls} fpr");
                    Near.All(e.Ds("tpr"), mine.Select(p => p.D("TruePositiveRate")).ToArray(), what: $"{name} {curve} {cls} tpr");
                    Assert.All(mine, p => Assert.Equal("CrossEntropy.RocPoint", p.TypeNames[0]));
                }
            }
            PSObject[] pr = _s.Invoke($"param($p) Measure-Classification -Path $p -Curve PrecisionRecall{opts}", path).ToArray();
            foreach (JsonElement e in c.GetProperty("curves").GetProperty("precision_recall").EnumerateArray())
            {
                string cls = classes[e.GetProperty("cls").GetInt32()];
                PSObject[] mine = pr.Where(p => p.Prop<string>("Class") == cls).ToArray();
                double[] thresholds = e.Ds("thresholds");
                Assert.Equal(thresholds.Length + 1, mine.Length);
                Near.All(thresholds, mine.Take(thresholds.Length).Select(p => p.D("Threshold")).ToArray(), what: $"{name} PR {cls} thresholds");
                Assert.Equal(double.PositiveInfinity, mine[^1].D("Threshold"));
                Near.All(e.Ds("precision"), mine.Select(p => p.D("Precision")).ToArray(), what: $"{name} PR {cls} precision");
                Near.All(e.Ds("recall"), mine.Select(p => p.D("Recall")).ToArray(), what: $"{name} PR {cls} recall");
            }
        }
    }
}
