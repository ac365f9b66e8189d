using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using CrossEntropy.Engine.Tests;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Assert-CrossEntropy in the hosted engine: every limit passing and failing, the terminating error and its message,
    /// $? and exit codes (in-process and through a real pwsh child process), baselines, groups, classes, the
    /// JSON result and annotations. Figures are checked against tests/data/audit_expected.json (torch) and against
    /// plain loops over the CSV written here.
    /// </summary>
    public partial class AssertCrossEntropyTests : IClassFixture<SessionFixture>, IDisposable
    {
        private static readonly string Iris = Repo.Example("iris-logits.csv");
        private readonly Hosting.ModuleSession _s;
        private readonly string _dir = Repo.TempDir();

        public AssertCrossEntropyTests(SessionFixture f) => _s = f.Session;

        public void Dispose()
        {
            Directory.Delete(_dir, recursive: true);
            GC.SuppressFinalize(this);
        }

        private static string G6(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

        // The iris rows as (logits, label index): read with plain string splitting, independent of the module.
        private static List<(double[] X, int Y)> IrisRows(string path)
        {
            string[] lines = File.ReadAllLines(path);
            string[] classes = { "setosa", "versicolor", "virginica" };
            return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
            {
                string[] c = l.Split(',');
                return (c.Take(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray(), Array.IndexOf(classes, c[3]));
            }).ToList();
        }

        private static double RowLoss(double[] x, int y)
        {
            double m = x.Max();
            return m + Math.Log(x.Sum(v => Math.Exp(v - m))) - x[y];
        }

        private static int ArgMax(double[] x) => Array.IndexOf(x, x.Max());

        private static (double Loss, double Accuracy) Reference(IEnumerable<(double[] X, int Y)> rows)
        {
            var list = rows.ToList();
            return (list.Average(r => RowLoss(r.X, r.Y)), list.Count(r => ArgMax(r.X) == r.Y) / (double)list.Count);
        }

        // Guo et al.'s top-label ECE with M equal-width bins ((m-1)/M, m/M], written out plainly.
        private static double Ece(IEnumerable<(double[] X, int Y)> rows, int bins = 15)
        {
            var list = rows.ToList();
            var count = new double[bins];
            var conf = new double[bins];
            var right = new double[bins];
            foreach ((double[] x, int y) in list)
            {
                double m = x.Max();
                double top = 1 / x.Sum(v => Math.Exp(v - m));
                int b = Math.Clamp((int)Math.Ceiling(top * bins) - 1, 0, bins - 1);
                count[b]++;
                conf[b] += top;
                right[b] += ArgMax(x) == y ? 1 : 0;
            }
            double ece = 0;
            for (int b = 0; b < bins; b++) ece += Math.Abs(right[b] - conf[b]) / list.Count;
            return ece;
        }

        private PSObject Pass(string args, params object?[] values)
        {
            PSObject r = _s.Invoke("param($a, $b) Assert-CrossEntropy " + args, values).Single();
            Assert.Empty(_s.Errors);
            Assert.True(r.Prop<bool>("Passed"));
            return r;
        }

        private ErrorRecord Fail(string args, params object?[] values)
        {
            var output = _s.Invoke("param($a, $b) Assert-CrossEntropy " + args, values);
            Assert.Empty(output); // nothing is returned when the assertion fails
            return Assert.Single(_s.Errors);
        }

        private static string[] FailedLines(ErrorRecord e) =>
            e.Exception.Message.Replace("\r\n", "\n").Split('\n').Skip(1).Select(l => l.Trim()).ToArray();

        private static List<PSObject> Checks(PSObject result) =>
            ((IEnumerable)result.Properties["Checks"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList();

        [Fact]
        public void PassingLimitsReturnTheResultWithTheFiguresOfTorch()
        {
            JsonElement expected = AuditExpected.Case("iris_logits");
            PSObject r = Pass("-Path $a -MaximumLoss 0.25 -MinimumAccuracy 0.95 -MaximumCalibrationError 0.15", Iris);
            Assert.Equal(expected.D("torch_loss_mean"), r.D("Loss"), 12);
            Assert.Equal(expected.D("ece"), r.D("ExpectedCalibrationError"), 12);
            Assert.Equal(Reference(IrisRows(Iris)).Accuracy, r.D("Accuracy"), 15);
            Assert.Equal((150L, 150L, 0L, 0L), (r.Prop<long>("Count"), r.Prop<long>("Used"), r.Prop<long>("Ignored"), r.Prop<long>("Rejected")));
            Assert.Equal(new[] { "MinimumUsed", "MaximumRejected", "MaximumLoss", "MinimumAccuracy", "MaximumCalibrationError" }, Checks(r).Select(c => c.Prop<string>("Name")));
            Assert.All(Checks(r), c => Assert.True(c.Prop<bool>("Passed")));
            Assert.Equal("loss 0.201101 is within the maximum 0.25", Checks(r)[2].Prop<string>("Message"));
            Assert.Equal(0, r.Prop<int>("FailedChecks"));
            Assert.True(_s.Invoke("param($a) $null = Assert-CrossEntropy -Path $a -MaximumLoss 0.25; $?", Iris).Single().BaseObject is true);
        }

        public static TheoryData<string, string, string> Limits => new()
        {
            { "-MaximumLoss 0.2", "-MaximumLoss 0.21", "loss 0.201101 is above the maximum 0.2" },
            { "-MinimumAccuracy 0.97", "-MinimumAccuracy 0.96", "accuracy 0.96 is below the minimum 0.97" },
            { "-MaximumCalibrationError 0.1", "-MaximumCalibrationError 0.12", "expected calibration error 0.116413 is above the maximum 0.1" },
            { "-MinimumAccuracy 0.95 -PerClass", "-MinimumAccuracy 0.92 -PerClass", "class 'virginica': accuracy 0.92 is below the minimum 0.95" },
            { "-MaximumLoss 0.25 -PerClass", "-MaximumLoss 0.3 -PerClass", "class 'versicolor': loss 0.296202 is above the maximum 0.25" },
            { "-MinimumUsed 151", "-MinimumUsed 150", "150 rows used: fewer than the minimum 151" },
        };

        [Theory]
        [MemberData(nameof(Limits))]
        public void EachLimitFailsWithTheMeasuredValueAndTheLimit(string failing, string passing, string message)
        {
            ErrorRecord e = Fail("-Path $a " + failing, Iris);
            Assert.Equal(new[] { message }, FailedLines(e));
            Pass("-Path $a " + passing, Iris);
        }

        [Fact]
        public void PerClassFiguresAreTheClassesOwn()
        {
            JsonElement expected = AuditExpected.Case("iris_logits");
            double[] rowLoss = expected.Ds("cross_entropy_rows");
            int[] labels = expected.Ints("labels");
            List<(double[] X, int Y)> rows = IrisRows(Iris);
            PSObject r = Pass("-Path $a -PerClass -MaximumLoss 1 -MinimumAccuracy 0.5", Iris);
            List<PSObject> perClass = Checks(r).Where(c => c.Prop<string>("Scope") == "Class").ToList();
            string[] classes = { "setosa", "versicolor", "virginica" };
            for (int k = 0; k < 3; k++)
            {
                double loss = Enumerable.Range(0, 150).Where(i => labels[i] == k).Average(i => rowLoss[i]);
                double accuracy = rows.Where(t => t.Y == k).Average(t => ArgMax(t.X) == k ? 1.0 : 0.0);
                Assert.Equal(loss, perClass.Single(c => c.Prop<string>("Subject") == classes[k] && c.Prop<string>("Metric") == "Loss").D("Measured"), 12);
                Assert.Equal(accuracy, perClass.Single(c => c.Prop<string>("Subject") == classes[k] && c.Prop<string>("Metric") == "Accuracy").D("Measured"), 15);
            }
        }

        private string GroupedIris()
        {
            string[] lines = File.ReadAllLines(Iris);
            string path = Path.Combine(_dir, "grouped.csv");
            File.WriteAllLines(path, new[] { lines[0] + ",half" }.Concat(lines.Skip(1).Select((l, i) => l + (i < 75 ? ",first" : ",second"))));
            return path;
        }

        [Fact]
        public void GroupLimitsApplyToEveryGroup()
        {
            string path = GroupedIris();
            List<(double[] X, int Y)> rows = IrisRows(Iris);
            var first = Reference(rows.Take(75));
            var second = Reference(rows.Skip(75));
            PSObject r = Pass("-Path $a -GroupBy half -MaximumLoss 0.5 -MaximumCalibrationError 0.5", path);
            List<PSObject> groups = Checks(r).Where(c => c.Prop<string>("Scope") == "Group").ToList();
            Assert.Equal(new[] { "first", "first", "second", "second" }, groups.Select(c => c.Prop<string>("Subject")));
            Assert.Equal(first.Loss, groups[0].D("Measured"), 12);
            Assert.Equal(Ece(rows.Take(75)), groups[1].D("Measured"), 12);
            Assert.Equal(second.Loss, groups[2].D("Measured"), 12);
            Assert.Equal(Ece(rows.Skip(75)), groups[3].D("Measured"), 12);
            // Overall the accuracy is 0.96; the second half alone is below 0.95.
            Assert.True(second.Accuracy < 0.95 && first.Accuracy > 0.95);
            ErrorRecord e = Fail("-Path $a -GroupBy half -MinimumAccuracy 0.95", path);
            Assert.Equal(new[] { $"group 'second': accuracy {G6(second.Accuracy)} is below the minimum 0.95" }, FailedLines(e));
        }

        [Fact]
        public void TheErrorIsTerminatingAndListsEveryBrokenLimit()
        {
            ErrorRecord e = Fail("-Path $a -MaximumLoss 0.1 -MinimumAccuracy 0.99 -MaximumCalibrationError 0.2 -PerClass", Iris);
            Assert.Equal(string.Join(Environment.NewLine,
                $"6 of 11 checks failed for {Iris}:",
                "  loss 0.201101 is above the maximum 0.1",
                "  accuracy 0.96 is below the minimum 0.99",
                "  class 'versicolor': loss 0.296202 is above the maximum 0.1",
                "  class 'versicolor': accuracy 0.96 is below the minimum 0.99",
                "  class 'virginica': loss 0.249745 is above the maximum 0.1",
                "  class 'virginica': accuracy 0.92 is below the minimum 0.99"), e.Exception.Message);
            Assert.Equal("CrossEntropy.AssertionFailed,CrossEntropy.Commands.AssertCrossEntropyCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.LimitsExceeded, e.CategoryInfo.Category);
            PSObject result = PSObject.AsPSObject(e.TargetObject);
            Assert.Equal("CrossEntropy.AssertionResult", result.TypeNames[0]);
            Assert.False(result.Prop<bool>("Passed"));
            Assert.Equal(6, result.Prop<int>("FailedChecks"));

            // $? is false, try/catch catches it, and it stops a script under -ErrorAction Stop preference.
            Assert.True(_s.Invoke("param($a) Assert-CrossEntropy -Path $a -MaximumLoss 0.1; $?", Iris).Last().BaseObject is false);
            Assert.Equal("CrossEntropy.AssertionFailed,CrossEntropy.Commands.AssertCrossEntropyCommand",
                _s.Invoke("param($a) try { Assert-CrossEntropy -Path $a -MaximumLoss 0.1; 'not caught' } catch { $_.FullyQualifiedErrorId }", Iris).Single().ToString());
            Assert.Equal("stopped", _s.Invoke("param($a) try { Assert-CrossEntropy -Path $a -MaximumLoss 0.1 -ErrorAction Stop; 'went on' } catch { 'stopped' }", Iris).Single().ToString());
        }

        [Fact]
        public void TheHostedRunExitsOneWhenALimitIsBrokenAndZeroOtherwise()
        {
            Assert.Equal(0, _s.Run("param($a) Assert-CrossEntropy -Path $a -MaximumLoss 0.25", new object[] { Iris }));
            Assert.Equal(1, _s.Run("param($a) Assert-CrossEntropy -Path $a -MaximumLoss 0.2", new object[] { Iris }));
            Assert.Contains("Assert-CrossEntropy: 1 of 3 checks failed for", _s.ErrorText);
        }

        [Fact]
        public void RealPwshExitsWithTheAssertion()
        {
            const string import = "Import-Module ./CrossEntropy.psd1; ";
            var ok = RealPwsh.Run("-Command", import + "Assert-CrossEntropy -Path examples/iris-logits.csv -MaximumLoss 0.25 -GitHubAnnotation");
            Assert.True(ok.Code == 0, ok.Err);
            Assert.Contains("Passed                   : True", ok.Out);
            var failed = RealPwsh.Run("-Command", import + "Assert-CrossEntropy -Path examples/iris-logits.csv -MaximumLoss 0.2 -GitHubAnnotation");
            Assert.Equal(1, failed.Code);
            Assert.Contains("::error file=examples/iris-logits.csv,title=Assert-CrossEntropy%3A MaximumLoss::loss 0.201101 is above the maximum 0.2", failed.Out);
            Assert.Contains("1 of 3 checks failed for", failed.Err);
            Assert.Contains("loss 0.201101 is above the maximum 0.2", failed.Err);
        }

        [Fact]
        public void RejectedRowsAreWarningsCountedAgainstMaximumRejected()
        {
            string path = Path.Combine(_dir, "bad.csv");
            File.WriteAllLines(path, File.ReadAllLines(Iris).Take(10).Append("NaN,1,2,setosa"));
            ErrorRecord e = Fail("-Path $a -MaximumLoss 1", path);
            Assert.Equal(new[] { "1 row rejected: more than the maximum 0" }, FailedLines(e));
            Assert.Contains(_s.Warnings, w => w.Message == $"{path}, row 10, column 'setosa', value 'NaN': the logit is NaN.");
            PSObject r = Pass("-Path $a -MaximumLoss 1 -MaximumRejected 1", path);
            Assert.Equal((10L, 9L, 1L), (r.Prop<long>("Count"), r.Prop<long>("Used"), r.Prop<long>("Rejected")));
            Assert.Single(_s.Warnings, w => w.Message.Contains("row 10")); // the other says which columns were taken as logits
        }

        [Fact]
        public void InputThatCannotBeReadFailsTheAssertion()
        {
            string missing = Path.Combine(_dir, "missing.csv");
            ErrorRecord e = Fail("-Path $a -MaximumLoss 1", missing);
            string[] lines = FailedLines(e);
            Assert.Equal("0 rows used: fewer than the minimum 1", lines[0]);
            Assert.Equal("loss is NaN: no row was used", lines[1]);
            Assert.StartsWith($"{missing} could not be read: Cannot find path", lines[2]);
            e = Fail("-Path $a -Baseline $b -MaximumIncrease 0.1", Iris, missing);
            Assert.Equal(new[] { "loss cannot be compared with the baseline (NaN before, 0.201101 now)" }, FailedLines(e).Take(1));
            Assert.StartsWith($"the baseline {missing} could not be read", FailedLines(e).Last());
        }

        private string WorseIris()
        {
            // The first three setosa rows relabelled versicolor: accuracy 0.96 → 0.94, the loss rises.
            string[] lines = File.ReadAllLines(Iris);
            for (int i = 1; i <= 3; i++) lines[i] = lines[i].Replace(",setosa", ",versicolor");
            string path = Path.Combine(_dir, "worse.csv");
            File.WriteAllLines(path, lines);
            return path;
        }

        [Fact]
        public void ABaselineLimitsHowMuchWorseTheLossAndAccuracyMayGet()
        {
            string worse = WorseIris();
            var before = Reference(IrisRows(Iris));
            var now = Reference(IrisRows(worse));
            Assert.Equal(0.94, now.Accuracy, 15);
            double rise = now.Loss - before.Loss;

            ErrorRecord e = Fail("-Path $a -Baseline $b -MaximumIncrease 0.01 -MaximumDecrease 0.03", worse, Iris);
            Assert.Equal(new[] { $"loss rose by {G6(rise)} (0.201101 in the baseline, {G6(now.Loss)} now): more than the maximum increase 0.01" }, FailedLines(e));
            Assert.Contains($"(baseline {Iris}):", e.Exception.Message);
            PSObject change = Checks(PSObject.AsPSObject(e.TargetObject)).Single(c => c.Prop<string>("Name") == "MaximumIncrease");
            Assert.Equal(rise, change.D("Measured"), 12);
            Assert.Equal(before.Loss, change.Prop<double>("Baseline"), 12);
            Assert.Equal(now.Loss, change.D("Value"), 12);

            e = Fail("-Path $a -Baseline $b -MaximumDecrease 0.01", worse, Iris);
            Assert.Equal(new[] { "accuracy fell by 0.02 (0.96 in the baseline, 0.94 now): more than the maximum decrease 0.01" }, FailedLines(e));
            PSObject r = Pass("-Path $a -Baseline $b -MaximumDecrease 0.03 -MaximumIncrease 1", worse, Iris);
            Assert.Equal(before.Loss, r.D("BaselineLoss"), 12);
            Assert.Equal(0.96, r.D("BaselineAccuracy"), 15);
            Assert.Equal(Iris, r.Prop<string>("Baseline"));

            // Relative: 0.02 / 0.96 = 2.083% of the baseline's accuracy.
            Pass("-Path $a -Baseline $b -MaximumDecrease 0.025 -Relative", worse, Iris);
            e = Fail("-Path $a -Baseline $b -MaximumDecrease 0.02 -Relative", worse, Iris);
            Assert.Equal(new[] { "accuracy fell by 2.083% (0.96 in the baseline, 0.94 now): more than the maximum decrease 2%" }, FailedLines(e));

            // Per class: versicolor gained three rows the model calls setosa.
            e = Fail("-Path $a -Baseline $b -MaximumDecrease 0.03 -PerClass", worse, Iris);
            double versicolor = IrisRows(worse).Where(t => t.Y == 1).Average(t => ArgMax(t.X) == 1 ? 1.0 : 0.0);
            Assert.Equal(new[] { $"class 'versicolor': accuracy fell by {G6(0.96 - versicolor)} (0.96 in the baseline, {G6(versicolor)} now): more than the maximum decrease 0.03" }, FailedLines(e));
        }

        [Theory]
        [InlineData("-Baseline $b", "-Baseline needs -MaximumIncrease")]
        [InlineData("-MaximumIncrease 0.1", "give it with -Baseline")]
        [InlineData("-MaximumLoss 1 -Relative", "-Relative applies to")]
        public void BaselineParametersComeTogether(string args, string message)
        {
            ErrorRecord e = Fail("-Path $a " + args, Iris, Iris);
            Assert.Equal("CrossEntropy.InvalidArguments,CrossEntropy.Commands.AssertCrossEntropyCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.Contains(message, e.Exception.Message);
        }
    }
}
