using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CrossEntropy.Data.Checks;
using CrossEntropy.Engine;
using Xunit;

namespace CrossEntropy.Data.Tests
{
    /// <summary>The CI checks' pure parts: workflow-command escaping, annotation paths, limit evaluation and the JSON writer.</summary>
    public class CheckTests
    {
        [Fact]
        public void AnnotationsAreEscapedAsTheActionsToolkitEscapes()
        {
            Assert.Equal("::error file=a%2Cb%3Ac.csv,line=3,title=T%3A x%2C y::50%25 done%0D%0Anext: a, b",
                GitHubAnnotation.Format("error", "50% done\r\nnext: a, b", "a,b:c.csv", 3, "T: x, y"));
            Assert.Equal("::warning::plain", GitHubAnnotation.Format("warning", "plain"));
            Assert.Equal("::error title=t::m", GitHubAnnotation.Format("error", "m", null, 0, "t"));
            Assert.Equal(0, GitHubAnnotation.LineOf(0));
            Assert.Equal(2, GitHubAnnotation.LineOf(1));
        }

        [Fact]
        public void AnnotationPathsAreRelativeToTheWorkspaceOrTheCurrentFolder()
        {
            string root = Path.Combine(Path.GetTempPath(), "ws");
            string file = Path.Combine(root, "preds", "a.csv");
            Assert.Equal("preds/a.csv", GitHubAnnotation.FilePath(file, root, null));
            Assert.Equal("a.csv", GitHubAnnotation.FilePath(file, null, Path.Combine(root, "preds")));
            Assert.Equal("preds/a.csv", GitHubAnnotation.FilePath(file, root + Path.DirectorySeparatorChar, Path.Combine(root, "preds")));
            string outside = Path.Combine(Path.GetTempPath(), "elsewhere", "b.csv");
            Assert.Equal(outside.Replace('\\', '/'), GitHubAnnotation.FilePath(outside, root, root));
            // A sibling folder whose name starts like the workspace's is not inside it.
            Assert.Equal(Path.Combine(root + "2", "c.csv").Replace('\\', '/'), GitHubAnnotation.FilePath(Path.Combine(root + "2", "c.csv"), root, null));
        }

        private static RunFigures Figures(double loss, double accuracy, params (string Name, double Loss, double Accuracy)[] groups)
        {
            var f = new RunFigures { All = new Figures { Loss = loss, Accuracy = accuracy, ExpectedCalibrationError = 0.05, Counts = new RowCounts { Used = 10 } } };
            foreach (var g in groups) f.AddGroup(g.Name, new Figures { Loss = g.Loss, Accuracy = g.Accuracy, Counts = new RowCounts { Used = 5 } });
            return f;
        }

        [Fact]
        public void RelativeChangesAreFractionsOfTheBaseline()
        {
            var limits = new Limits { MaximumIncrease = 0.1, MaximumDecrease = 0.1, Relative = true };
            List<AssertionCheck> checks = limits.Evaluate(Figures(0.54, 0.8), Figures(0.5, 0.9));
            AssertionCheck loss = checks.Single(c => c.Name == "MaximumIncrease");
            Assert.Equal(0.08, loss.Measured, 12); // (0.54 - 0.5) / 0.5
            Assert.True(loss.Passed);
            AssertionCheck accuracy = checks.Single(c => c.Name == "MaximumDecrease");
            Assert.Equal(0.1 / 0.9, accuracy.Measured, 12);
            Assert.False(accuracy.Passed);
            Assert.Equal("accuracy fell by 11.11% (0.9 in the baseline, 0.8 now): more than the maximum decrease 10%", accuracy.Message);
            // From a baseline loss of 0 any rise is unbounded; no change is no change.
            Assert.False(limits.Evaluate(Figures(0.1, 1), Figures(0, 1)).Single(c => c.Name == "MaximumIncrease").Passed);
            Assert.True(limits.Evaluate(Figures(0, 1), Figures(0, 1)).Single(c => c.Name == "MaximumIncrease").Passed);
        }

        [Fact]
        public void AnImprovementPassesAndNaNNeverDoes()
        {
            var limits = new Limits { MaximumLoss = 1, MaximumIncrease = 0 };
            AssertionCheck better = limits.Evaluate(Figures(0.4, 0.9), Figures(0.5, 0.9)).Single(c => c.Name == "MaximumIncrease");
            Assert.True(better.Passed);
            Assert.StartsWith("loss fell by 0.1 (0.5 in the baseline, 0.4 now): within the maximum increase 0", better.Message);
            List<AssertionCheck> nan = limits.Evaluate(Figures(double.NaN, double.NaN), Figures(0.5, 0.9));
            Assert.False(nan.Single(c => c.Name == "MaximumLoss").Passed);
            Assert.False(nan.Single(c => c.Name == "MaximumIncrease").Passed);
        }

        [Fact]
        public void GroupsAreComparedWithTheBaselinesGroupOfTheSameName()
        {
            var limits = new Limits { MaximumIncrease = 0.05 };
            List<AssertionCheck> checks = limits.Evaluate(Figures(0.5, 0.9, ("a", 0.5, 0.9), ("new", 9, 0)), Figures(0.5, 0.9, ("a", 0.4, 0.9)));
            AssertionCheck a = checks.Single(c => c.Scope == "Group" && c.Subject == "a");
            Assert.False(a.Passed);
            Assert.Equal(0.1, a.Measured, 12);
            Assert.Equal("group 'a': loss rose by 0.1 (0.4 in the baseline, 0.5 now): more than the maximum increase 0.05", a.Message);
            Assert.DoesNotContain(checks, c => c.Subject == "new"); // a group the baseline lacks cannot have regressed
        }

        [Fact]
        public void ALimitThatLooksEqualAtSixDigitsIsShownInFull()
        {
            AssertionCheck c = new Limits { MaximumLoss = 0.5 }.Evaluate(Figures(0.5000000001, 1), null).Single(x => x.Name == "MaximumLoss");
            Assert.False(c.Passed);
            Assert.Equal("loss 0.5000000001 is above the maximum 0.5", c.Message);
        }

        [Fact]
        public void TheJsonWriterWritesNullForNaNAndKeepsEveryField()
        {
            var report = new CheckReport { Command = "Assert-CrossEntropy", ToolVersion = "1.2.3", Passed = false };
            report.Input.Sources = new[] { "a,\"b\".csv" };
            report.Input.Metrics.Add(new KeyValuePair<string, double>("loss", double.NaN));
            report.Input.Metrics.Add(new KeyValuePair<string, double>("accuracy", 0.1));
            report.Checks.Add(new AssertionCheck { Name = "MaximumLoss", Metric = "Loss", Limit = 1e-300, Measured = double.PositiveInfinity, Value = 0.1 + 0.2, Message = "é ✓" });
            var stream = new MemoryStream();
            report.WriteJson(stream);
            byte[] bytes = stream.ToArray();
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF); // no BOM
            using JsonDocument doc = JsonDocument.Parse(bytes);
            JsonElement root = doc.RootElement;
            Assert.Equal("a,\"b\".csv", root.GetProperty("sources")[0].GetString());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("metrics").GetProperty("loss").ValueKind);
            Assert.Equal(0.1, root.GetProperty("metrics").GetProperty("accuracy").GetDouble());
            JsonElement check = root.GetProperty("checks")[0];
            Assert.Equal(1e-300, check.GetProperty("limit").GetDouble());
            Assert.Equal(JsonValueKind.Null, check.GetProperty("measured").ValueKind);
            Assert.Equal(0.1 + 0.2, check.GetProperty("value").GetDouble()); // round-trips exactly
            Assert.Equal("é ✓", check.GetProperty("message").GetString());
            Assert.Equal(1, root.GetProperty("failedChecks").GetInt32());
            Assert.Contains("\"value\": 0.30000000000000004", Encoding.UTF8.GetString(bytes)); // invariant, shortest round-trip
        }
    }
}
