using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using CrossEntropy.Engine.Tests;
using Xunit;
using static CrossEntropy.PowerShell.Tests.ClassificationExpected;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Measure-Classification against scikit-learn 1.2.1 (tests/data/classification_expected.json) to 1e-12, by -Path
    /// and by pipeline rows: ties in scores and argmax, classes never predicted or absent from the labels, sample
    /// weights, class-name labels, groups, one- and two-column binary, probabilities.
    /// </summary>
    public class ClassificationTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;

        public ClassificationTests(SessionFixture f) => _s = f.Session;

        public static TheoryData<string> Cases
        {
            get
            {
                var data = new TheoryData<string>();
                foreach (string n in Names) data.Add(n);
                return data;
            }
        }

        private static readonly string[] Scalars =
        {
            "accuracy:Accuracy", "balanced_accuracy:BalancedAccuracy", "macro_precision:MacroPrecision", "macro_recall:MacroRecall",
            "macro_f1:MacroF1", "weighted_f1:WeightedF1", "micro_f1:MicroF1", "matthews_corrcoef:MatthewsCorrelation",
            "cohen_kappa:CohenKappa", "roc_auc:RocAuc", "average_precision:AveragePrecision",
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void SummaryEqualsScikitLearn(string name)
        {
            JsonElement c = Case(name);
            string path = CsvOf(c);
            var routes = new List<PSObject>();
            if (c.Has("group_by"))
            {
                List<PSObject> groups = _s.Invoke("param($p) Measure-Classification -Path $p" + OptionsOf(c), path).ToList();
                JsonElement[] expected = c.GetProperty("groups").EnumerateArray().ToArray();
                Assert.Equal(expected.Select(g => g.GetProperty("group").GetString()), groups.Select(g => g.Prop<string>("Group")));
                for (int g = 0; g < expected.Length; g++) AssertSummary(expected[g], groups[g], $"{name}/{expected[g].GetProperty("group").GetString()}", ClassesOf(c));
            }
            string options = c.Has("sample_weight_column") ? " -SampleWeightColumn " + c.GetProperty("sample_weight_column").GetString() : "";
            routes.Add(_s.Invoke("param($p) Measure-Classification -Path $p" + options, path).Single());
            routes.Add(_s.Pipe(Rows.FromCsv(path), "Measure-Classification" + options).Single());
            foreach (PSObject r in routes)
            {
                Assert.Empty(_s.Errors);
                Assert.Equal("CrossEntropy.ClassificationSummary", r.TypeNames[0]);
                AssertSummary(c, r, name, ClassesOf(c));
                Assert.Equal(c.GetProperty("n_rows").GetInt64(), r.Prop<long>("Count"));
                Assert.Equal(r.Prop<long>("Count"), r.Prop<long>("Used") + r.Prop<long>("Ignored") + r.Prop<long>("Rejected"));
                Assert.Equal(c.GetProperty("classes").EnumerateArray().Select(e => e.GetString()), r.Prop<string[]>("Classes"));
                Assert.Equal(c.Has("positive_class") ? c.GetProperty("positive_class").GetProperty("name").GetString() : null, r.Properties["PositiveClass"].Value as string);
            }
        }

        private static string[] ClassesOf(JsonElement c) => c.GetProperty("classes").EnumerateArray().Select(e => e.GetString()!).ToArray();

        private static void AssertSummary(JsonElement c, PSObject r, string name, string[] classes)
        {
            foreach (string pair in Scalars)
            {
                string[] k = pair.Split(':');
                Near.Equal(c.NumberOrNaN(k[0]), r.D(k[1]), what: $"{name} {k[1]}");
            }
            var matrix = PSObject.AsPSObject(r.Properties["ConfusionMatrix"].Value);
            double[][] weights = matrix.Prop<double[][]>("Weights");
            double[][] expected = c.Rows("confusion_matrix");
            Assert.Equal(expected.Length, weights.Length);
            for (int t = 0; t < expected.Length; t++) Near.All(expected[t], weights[t], what: $"{name} confusion row {t}");
            long[][] counts = matrix.Prop<long[][]>("Counts");
            double[][] expectedCounts = c.Has("confusion_matrix_counts") ? c.Rows("confusion_matrix_counts") : expected;
            for (int t = 0; t < expected.Length; t++) Assert.Equal(expectedCounts[t].Select(v => (long)v), counts[t]);
            JsonElement pc = c.GetProperty("per_class");
            PSObject[] perClass = r.Prop<object[]>("PerClass").Select(PSObject.AsPSObject).ToArray();
            Assert.Equal(classes, perClass.Select(p => p.Prop<string>("Class")));
            foreach (string pair in new[] { "precision:Precision", "recall:Recall", "f1:F1", "support:Support", "count:Count" })
            {
                string[] k = pair.Split(':');
                Near.All(pc.Ds(k[0]), perClass.Select(p => p.D(k[1])).ToArray(), what: $"{name} per-class {k[1]}");
            }
            if (pc.Has("roc_auc"))
            {
                Near.All(pc.Ds("roc_auc"), perClass.Select(p => p.D("RocAuc")).ToArray(), what: $"{name} per-class RocAuc");
                Near.All(pc.Ds("average_precision"), perClass.Select(p => p.D("AveragePrecision")).ToArray(), what: $"{name} per-class AP");
            }
        }
    }
}
