using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using CrossEntropy.Engine.Tests;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>Assert-CrossEntropy's -OutFile JSON and -GitHubAnnotation lines.</summary>
    public partial class AssertCrossEntropyTests
    {
        [Fact]
        public void OutFileHoldsTheDocumentedJsonEvenWhenTheAssertionFails()
        {
            string worse = WorseIris();
            string json = Path.Combine(_dir, "assert.json");
            JsonElement expected = AuditExpected.Case("iris_logits");
            Fail("-Path $a -Baseline $b -MaximumIncrease 0.001 -MinimumAccuracy 0.9 -OutFile " + json, worse, Iris);
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(json));
            JsonElement root = doc.RootElement;
            Assert.Equal(new[] { "schemaVersion", "tool", "toolVersion", "command", "passed", "sources", "counts", "metrics", "checks", "failedChecks", "baseline", "files", "problems" },
                root.EnumerateObject().Select(p => p.Name));
            Assert.Equal((1, "CrossEntropy", "Assert-CrossEntropy", false),
                (root.GetProperty("schemaVersion").GetInt32(), root.GetProperty("tool").GetString(), root.GetProperty("command").GetString(), root.GetProperty("passed").GetBoolean()));
            Assert.Equal(new[] { worse }, root.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
            JsonElement counts = root.GetProperty("counts");
            Assert.Equal((150, 150, 0, 0), (counts.GetProperty("read").GetInt64(), counts.GetProperty("used").GetInt64(), counts.GetProperty("ignored").GetInt64(), counts.GetProperty("rejected").GetInt64()));
            var now = Reference(IrisRows(worse));
            JsonElement metrics = root.GetProperty("metrics");
            Assert.Equal(new[] { "loss", "accuracy", "expectedCalibrationError" }, metrics.EnumerateObject().Select(p => p.Name));
            Assert.Equal(now.Loss, metrics.GetProperty("loss").GetDouble(), 12);
            Assert.Equal(0.94, metrics.GetProperty("accuracy").GetDouble(), 15);
            Assert.Equal(Ece(IrisRows(worse)), metrics.GetProperty("expectedCalibrationError").GetDouble(), 12);

            List<JsonElement> checks = root.GetProperty("checks").EnumerateArray().ToList();
            Assert.Equal(new[] { "MinimumUsed", "MaximumRejected", "MinimumAccuracy", "MaximumIncrease" }, checks.Select(c => c.GetProperty("name").GetString()));
            JsonElement increase = checks[3];
            Assert.Equal(new[] { "name", "metric", "scope", "subject", "comparison", "limit", "measured", "value", "baseline", "passed", "message" }, increase.EnumerateObject().Select(p => p.Name));
            Assert.Equal(("Loss", "All", JsonValueKind.Null, "<=", 0.001, false), (increase.GetProperty("metric").GetString(), increase.GetProperty("scope").GetString(),
                increase.GetProperty("subject").ValueKind, increase.GetProperty("comparison").GetString(), increase.GetProperty("limit").GetDouble(), increase.GetProperty("passed").GetBoolean()));
            Assert.Equal(now.Loss - expected.D("torch_loss_mean"), increase.GetProperty("measured").GetDouble(), 12);
            Assert.Equal(now.Loss, increase.GetProperty("value").GetDouble(), 12);
            Assert.Equal(expected.D("torch_loss_mean"), increase.GetProperty("baseline").GetDouble(), 12);
            Assert.StartsWith("loss rose by ", increase.GetProperty("message").GetString());
            Assert.Equal((0.9, 0.94, 0.94, JsonValueKind.Null, true), (checks[2].GetProperty("limit").GetDouble(), checks[2].GetProperty("measured").GetDouble(),
                checks[2].GetProperty("value").GetDouble(), checks[2].GetProperty("baseline").ValueKind, checks[2].GetProperty("passed").GetBoolean()));
            Assert.Equal(1, root.GetProperty("failedChecks").GetInt32());

            JsonElement baseline = root.GetProperty("baseline");
            Assert.Equal(new[] { "sources", "counts", "metrics" }, baseline.EnumerateObject().Select(p => p.Name));
            Assert.Equal(new[] { Iris }, baseline.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(150, baseline.GetProperty("counts").GetProperty("used").GetInt64());
            Assert.Equal(expected.D("torch_loss_mean"), baseline.GetProperty("metrics").GetProperty("loss").GetDouble(), 12);
            Assert.Equal(expected.D("ece"), baseline.GetProperty("metrics").GetProperty("expectedCalibrationError").GetDouble(), 12);
            Assert.Empty(root.GetProperty("files").EnumerateArray());
            Assert.Equal(0, root.GetProperty("problems").GetProperty("total").GetInt64());
            Assert.Empty(root.GetProperty("problems").GetProperty("byKind").EnumerateObject());
            Assert.Empty(root.GetProperty("problems").GetProperty("shown").EnumerateArray());
        }

        [Fact]
        public void OutFileListsRejectedRowsAndWritesNullForNaN()
        {
            string path = Path.Combine(_dir, "nan.csv");
            File.WriteAllLines(path, new[] { "logit_a,logit_b,label", "NaN,1,a" });
            string json = Path.Combine(_dir, "nan.json");
            Fail("-Path $a -MaximumLoss 1 -OutFile " + json, path);
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(json));
            JsonElement root = doc.RootElement;
            Assert.Equal(JsonValueKind.Null, root.GetProperty("metrics").GetProperty("loss").ValueKind);
            JsonElement loss = root.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "MaximumLoss");
            Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, false), (loss.GetProperty("measured").ValueKind, loss.GetProperty("value").ValueKind, loss.GetProperty("passed").GetBoolean()));
            JsonElement problems = root.GetProperty("problems");
            Assert.Equal(1, problems.GetProperty("total").GetInt64());
            Assert.Equal(1, problems.GetProperty("byKind").GetProperty("Rejected").GetInt64());
            JsonElement shown = Assert.Single(problems.GetProperty("shown").EnumerateArray());
            Assert.Equal(("Rejected", 1L, "logit_a", "NaN"), (shown.GetProperty("kind").GetString(), shown.GetProperty("row").GetInt64(), shown.GetProperty("column").GetString(), shown.GetProperty("value").GetString()));
        }

        [Fact]
        public void GitHubAnnotationsNameTheBrokenLimitsAndTheRejectedRows()
        {
            string path = Path.Combine(_dir, "bad.csv");
            File.WriteAllLines(path, File.ReadAllLines(Iris).Take(10).Append("NaN,1,2,setosa"));
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = _s.Runspace;
            ps.AddScript(TestPredictionTests.InFolder("Assert-CrossEntropy -Path $p -MaximumLoss 0.01 -GitHubAnnotation")).AddArgument(_dir).AddArgument(path);
            ps.Invoke();
            Assert.Single(ps.Streams.Error);
            Assert.Equal(new[]
            {
                "::error file=bad.csv,title=Assert-CrossEntropy%3A MaximumRejected::1 row rejected: more than the maximum 0",
                $"::error file=bad.csv,title=Assert-CrossEntropy%3A MaximumLoss::loss {G6(Reference(IrisRows(path).Take(9)).Loss)} is above the maximum 0.01",
                $"::warning file=bad.csv,line=11,title=Assert-CrossEntropy%3A rejected row::{path}, row 10, column 'setosa', value 'NaN': the logit is NaN.",
            }, ps.Streams.Information.Select(i => ((HostInformationMessage)i.MessageData).Message));
            Assert.All(ps.Streams.Information, i => Assert.Contains("PSHOST", i.Tags));
        }
    }
}
