using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>Test-Prediction in the hosted engine: every problem kind, counting, sources, -Quiet, -OutFile and -GitHubAnnotation.</summary>
    public class TestPredictionTests : IClassFixture<SessionFixture>, IDisposable
    {
        private readonly Hosting.ModuleSession _s;
        private readonly string _dir = Repo.TempDir();

        public TestPredictionTests(SessionFixture f) => _s = f.Session;

        public void Dispose()
        {
            Directory.Delete(_dir, recursive: true);
            GC.SuppressFinalize(this);
        }

        private string Csv(string name, string text)
        {
            string path = Path.Combine(_dir, name);
            File.WriteAllText(path, text.Replace("|", "\n"));
            return path;
        }

        private PSObject Test(string args, params object?[] values)
        {
            PSObject report = _s.Invoke("param($a, $b) Test-Prediction " + args, values).Single();
            Assert.Empty(_s.Errors); // problems are in the report, never errors
            return report;
        }

        /// <summary>A script run with the location set to $d (the hosted engine has no Push-Location), then $p bound.</summary>
        internal static string InFolder(string code) =>
            "param($d, $p) $old = $ExecutionContext.SessionState.Path.CurrentLocation.Path; $null = $ExecutionContext.SessionState.Path.SetLocation($d); " +
            "try { " + code + " } finally { $null = $ExecutionContext.SessionState.Path.SetLocation($old) }";

        private static List<PSObject> Problems(PSObject report) =>
            ((IEnumerable)report.Properties["Problems"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList();

        [Theory]
        [InlineData("iris-logits.csv", 150)]
        [InlineData("iris-probabilities.csv", 150)]
        [InlineData("digits-logits.csv", 1797)]
        public void TheBundledPredictionsPass(string file, long rows)
        {
            PSObject r = Test("-Path $a", Repo.Example(file));
            Assert.True(r.Prop<bool>("Passed"));
            Assert.Equal(rows, r.Prop<long>("Count"));
            Assert.Equal(rows, r.Prop<long>("Used"));
            Assert.Equal(0, r.Prop<long>("Rejected") + r.Prop<long>("Ignored") + r.Prop<long>("ProblemCount"));
            Assert.Empty(Problems(r));
            Assert.True(_s.Invoke("param($a) Test-Prediction -Path $a -Quiet", Repo.Example(file)).Single().BaseObject is true);
        }

        // One case per problem kind: the file, extra parameters, and the one problem expected (row 0: the file itself).
        public static TheoryData<string, string, string, string, long, string?, string?, string> Kinds => new()
        {
            { "Header", "logit_a,logit_b|1,2|", "", "Header", 0, null, null, "there is no label column" },
            { "NoRows", "logit_a,logit_b,label|", "", "NoRows", 0, null, null, "there are no data rows" },
            { "RowCount", "logit_a,logit_b,label|1,2,a|2,1,b|", "-ExpectedRowCount 3", "RowCount", 0, null, null, "2 data rows, not the 3 expected" },
            { "RaggedRow", "logit_a,logit_b,label|1,2,a|1,2|", "", "RaggedRow", 2, null, null, "the row has 2 cells but the header has 3" },
            { "MissingValue", "logit_a,logit_b,label|1,,a|", "", "MissingValue", 1, "logit_b", "", "the cell is empty" },
            { "MissingLabel", "logit_a,logit_b,label|1,2,|", "", "MissingValue", 1, "label", "", "the label is empty" },
            { "NotANumber", "logit_a,logit_b,label|1,abc,a|", "", "NotANumber", 1, "logit_b", "abc", "not a number" },
            { "DecimalComma", "logit_a;logit_b;label|1;2,5;a|", "", "NotANumber", 1, "logit_b", "2,5", "a comma-decimal file needs -DecimalComma" },
            { "NaN", "logit_a,logit_b,label|1,NaN,a|", "", "NaN", 1, "logit_b", "NaN", "the value is NaN" },
            { "Infinite", "logit_a,logit_b,label|-inf,2,a|", "", "Infinite", 1, "logit_a", "-inf", "the logit is infinite" },
            { "OutOfRange", "p_a,p_b,label|1.5,0.5,a|", "", "OutOfRange", 1, "p_a", "1.5", "a probability must be in [0, 1]" },
            { "Overflow", "logit_a,logit_b,label|1e999,2,a|", "", "OutOfRange", 1, "logit_a", "1e999", "outside the range of a double" },
            { "NegativeWeight", "logit_a,logit_b,label,w|1,2,a,-1|", "-SampleWeightColumn w", "OutOfRange", 1, "w", "-1", "a sample weight must be 0 or more" },
            { "SumNotOne", "p_a,p_b,label|0.5,0.4,a|", "", "SumNotOne", 1, null, null, "the probabilities sum to 0.9, not 1 (tolerance 1E-06)" },
            { "SoftTargets", "logit_a,logit_b,y_a,y_b|1,2,0.5,0.6|", "", "SumNotOne", 1, null, null, "the soft targets sum to 1.1, not 1" },
            { "UnknownLabel", "logit_a,logit_b,label|1,2,dog|", "", "UnknownLabel", 1, "label", "dog", "not a known class (classes: a, b; or give a class index)" },
            { "LabelOutOfRange", "logit_a,logit_b,label|1,2,5|", "", "LabelOutOfRange", 1, "label", "5", "the label is outside the class range 0..1" },
            { "BinaryLabel", "logit,label|0.3,2|", "", "LabelOutOfRange", 1, "label", "2", "a binary label must be 0 or 1" },
            { "DuplicateId", "key,logit_a,logit_b,label|x,1,2,a|y,1,2,b|x,2,1,a|", "-IdColumn key", "DuplicateId", 3, "key", "x", "the id is also on row 1" },
            { "DefaultId", "id,logit_a,logit_b,label|7,1,2,a|7,1,2,b|", "", "DuplicateId", 2, "id", "7", "the id is also on row 1" },
        };

        [Theory]
        [MemberData(nameof(Kinds))]
        public void EachProblemKindIsFoundWithItsPlace(string name, string csv, string args, string kind, long row, string? column, string? value, string reason)
        {
            string path = Csv(name + ".csv", csv);
            PSObject r = Test("-Path $a " + args, path);
            Assert.False(r.Prop<bool>("Passed"));
            Assert.Equal(1, r.Prop<long>("ProblemCount"));
            PSObject p = Assert.Single(Problems(r));
            Assert.Equal(kind, p.Prop<string>("Kind"));
            Assert.Equal(path, p.Prop<string>("Source"));
            Assert.Equal(row, p.Prop<long>("Row"));
            Assert.Equal(column, p.Properties["Column"].Value as string);
            Assert.Equal(value, p.Properties["Value"].Value as string);
            Assert.Contains(reason, p.Prop<string>("Reason"));
            Assert.StartsWith(path + (row > 0 ? ", row " + row : ": "), p.Prop<string>("Message"));
            Assert.Equal(1L, LanguagePrimitives.ConvertTo<long>(((System.Collections.Specialized.OrderedDictionary)r.Properties["ProblemCounts"].Value)[kind]));
            // A row with a problem is rejected; a problem of the file as a whole rejects no row.
            Assert.Equal(row > 0 ? 1 : 0, r.Prop<long>("Rejected"));
            Assert.Equal(r.Prop<long>("Count"), r.Prop<long>("Used") + r.Prop<long>("Ignored") + r.Prop<long>("Rejected"));
        }

        [Fact]
        public void MissingFilesDirectoriesAndClassMismatchesAreSourceProblems()
        {
            string good = Csv("good.csv", "logit_a,logit_b,label|1,2,a|");
            string other = Csv("other.csv", "logit_a,logit_c,label|1,2,a|");
            string probs = Csv("probs.csv", "p_a,p_b,label|0.5,0.5,a|");
            string missing = Path.Combine(_dir, "missing.csv");
            PSObject r = _s.Invoke("param($a) Test-Prediction -Path $a", (object)new[] { good, missing, _dir, other, probs }).Single();
            Assert.Empty(_s.Errors);
            var problems = Problems(r).Select(p => (p.Prop<string>("Kind"), p.Prop<string>("Source"), p.Prop<string>("Reason"))).ToList();
            Assert.Equal(4, problems.Count);
            Assert.Equal(("Source", missing), (problems[0].Item1, problems[0].Item2));
            Assert.Contains("does not exist", problems[0].Item3);
            Assert.Equal(("Source", _dir), (problems[1].Item1, problems[1].Item2));
            Assert.Contains("is a directory", problems[1].Item3);
            Assert.Equal(("ClassMismatch", other), (problems[2].Item1, problems[2].Item2));
            Assert.Equal($"its classes are a, c, not a, b as in {good}", problems[2].Item3);
            Assert.Equal(("ClassMismatch", probs), (problems[3].Item1, problems[3].Item2));
            Assert.Equal($"it holds probabilities with class labels, not logits with class labels as {good} does", problems[3].Item3);
            // Every source is in the report, with its rows counted.
            Assert.Equal(new[] { 1L, 0L, 0L, 1L, 1L }, ((IEnumerable)r.Properties["Files"].Value).Cast<object>().Select(f => PSObject.AsPSObject(f).Prop<long>("Rows")));
            Assert.Equal(3, r.Prop<long>("Count"));
            Assert.False(r.Prop<bool>("Passed"));
        }

        [Fact]
        public void NoInputAtAllFails()
        {
            PSObject r = Test("-Path $a", Path.Combine(_dir, "*.nothing"));
            PSObject p = Assert.Single(Problems(r));
            Assert.Equal("Source", p.Prop<string>("Kind"));
            Assert.Contains("No file matches", p.Prop<string>("Reason")); // the wildcard is named (issue 12, item 2)
            Assert.False(r.Prop<bool>("Passed"));
        }

        [Fact]
        public void EveryProblemOfARowIsReportedAndTheRowCountedOnce()
        {
            string path = Csv("many.csv", "p_a,p_b,p_c,label|x,NaN,2,dog|0.2,0.3,0.5,c|");
            PSObject r = Test("-Path $a", path);
            Assert.Equal(new[] { "NotANumber", "NaN", "OutOfRange", "UnknownLabel" }, Problems(r).Select(p => p.Prop<string>("Kind")));
            Assert.Equal(new[] { "p_a", "p_b", "p_c", "label" }, Problems(r).Select(p => p.Prop<string>("Column")));
            Assert.Equal((2L, 1L, 1L, 4L), (r.Prop<long>("Count"), r.Prop<long>("Used"), r.Prop<long>("Rejected"), r.Prop<long>("ProblemCount")));
        }

        [Fact]
        public void TheFirstTwentyProblemsAreShownAndAllAreCounted()
        {
            string rows = string.Concat(Enumerable.Range(1, 30).Select(i => i % 2 == 0 ? "1,NaN,a|" : "1,2,dog|"));
            PSObject r = Test("-Path $a", Csv("thirty.csv", "logit_a,logit_b,label|" + rows + "1,2,b|"));
            Assert.Equal(30, r.Prop<long>("ProblemCount"));
            Assert.Equal(30, r.Prop<long>("Rejected"));
            Assert.Equal(1, r.Prop<long>("Used"));
            List<PSObject> shown = Problems(r);
            Assert.Equal(20, shown.Count);
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), shown.Select(p => p.Prop<long>("Row")));
            var counts = (System.Collections.Specialized.OrderedDictionary)r.Properties["ProblemCounts"].Value;
            Assert.Equal(new object[] { "NaN", "UnknownLabel" }, counts.Keys.Cast<object>());
            Assert.Equal(15L, counts["NaN"]);
            Assert.Equal(15L, counts["unknownlabel"]); // keys are case-insensitive, as PowerShell's are
        }

        [Fact]
        public void TheToleranceDecidesWhetherAProbabilityRowSumsToOne()
        {
            string path = Csv("sum.csv", "p_a,p_b,label|0.5,0.4999,a|0.5,0.5,b|");
            Assert.Equal(1, Test("-Path $a", path).Prop<long>("ProblemCount"));
            Assert.True(Test("-Path $a -Tolerance 0.001", path).Prop<bool>("Passed"));
        }

        [Fact]
        public void TheIgnoreIndexIsIgnoredNotAProblem()
        {
            string path = Csv("ignore.csv", "logit_a,logit_b,label|1,2,-100|1,2,b|");
            PSObject r = Test("-Path $a", path);
            Assert.True(r.Prop<bool>("Passed"));
            Assert.Equal((2L, 1L, 1L, 0L), (r.Prop<long>("Count"), r.Prop<long>("Used"), r.Prop<long>("Ignored"), r.Prop<long>("Rejected")));
            r = Test("-Path $a -IgnoreIndex $null", path);
            Assert.Equal("LabelOutOfRange", Assert.Single(Problems(r)).Prop<string>("Kind"));
            r = Test("-Path $a -IgnoreIndex b", path);
            Assert.Equal((1L, 1L), (r.Prop<long>("Ignored"), r.Prop<long>("Rejected")));
        }

        [Fact]
        public void NumbersAreReadCultureInvariantly()
        {
            string path = Csv("culture.csv", "p_a,p_b,label|0.25,0.75,a|");
            foreach (string culture in new[] { "de-DE", "fr-FR", "tr-TR" })
            {
                PSObject r = _s.Invoke("param($p, $c) [cultureinfo]::CurrentCulture = $c; Test-Prediction -Path $p", path, culture).Single();
                Assert.True(r.Prop<bool>("Passed"), culture);
            }
            string comma = Csv("comma.csv", "p_a;p_b;label|0,25;0,75;a|");
            Assert.True(Test("-Path $a -Delimiter ';' -DecimalComma", comma).Prop<bool>("Passed"));
        }

        [Fact]
        public void PipelineRowsAndFileInfoObjectsAreCheckedLikeFiles()
        {
            string path = Csv("pipe.csv", "id,logit_a,logit_b,label|1,1,2,a|2,NaN,2,b|1,1,2,b|");
            PSObject fromRows = _s.Pipe(Rows.FromCsv(path), "Test-Prediction").Single();
            Assert.Equal(new[] { ("NaN", 2L), ("DuplicateId", 3L) }, Problems(fromRows).Select(p => (p.Prop<string>("Kind"), p.Prop<long>("Row"))));
            Assert.Equal("pipeline input", Problems(fromRows)[0].Prop<string>("Source"));
            PSObject fromFile = _s.Invoke("param($p) [System.IO.FileInfo]::new($p) | Test-Prediction", path).Single();
            Assert.Equal(new[] { ("NaN", 2L), ("DuplicateId", 3L) }, Problems(fromFile).Select(p => (p.Prop<string>("Kind"), p.Prop<long>("Row"))));
            // A pipeline whose columns cannot be mapped is one Header problem, not a terminating error.
            PSObject bad = _s.Invoke("[pscustomobject]@{ a = 1 }, [pscustomobject]@{ a = 2 } | Test-Prediction").Single();
            Assert.Empty(_s.Errors);
            Assert.Equal("Header", Assert.Single(Problems(bad)).Prop<string>("Kind"));
        }

        [Fact]
        public void ItRejectsEveryRowTheLossRejectsAndOnlyThosePlusItsStricterKinds()
        {
            // Rows 2-6 are rejected by the loss; rows 7-9 only by Test-Prediction (infinite logit, sum, duplicate id).
            string path = Csv("agree.csv", "id,logit_a,logit_b,label|1,1,2,a|2,x,2,a|3,NaN,1,b|4,1,2,dog|5,1,2,7|6,1,,a|7,inf,1,a|8,1,2,b|8,2,1,a|");
            List<long> lossRejects = new();
            foreach (ErrorRecord e in _s.Invoke("param($p) $e = $null; $null = Measure-CrossEntropy -Path $p -ErrorAction SilentlyContinue -ErrorVariable e; $e", path).Select(o => (ErrorRecord)o.BaseObject))
                lossRejects.Add(long.Parse(System.Text.RegularExpressions.Regex.Match(e.Exception.Message, @", row (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(new long[] { 2, 3, 4, 5, 6 }, lossRejects.OrderBy(r => r)); // the reader's rejections come before the engine's
            List<PSObject> problems = Problems(Test("-Path $a", path));
            Assert.Equal(new long[] { 2, 3, 4, 5, 6, 7, 9 }, problems.Select(p => p.Prop<long>("Row")));
            Assert.Equal(new[] { "Infinite", "DuplicateId" }, problems.Skip(5).Select(p => p.Prop<string>("Kind")));
        }

        [Fact]
        public void QuietGivesFalseAndTheEmbeddedHostExitsZeroUnlessTheScriptSaysOtherwise()
        {
            string bad = Csv("bad.csv", "logit_a,logit_b,label|1,NaN,a|");
            Assert.True(_s.Invoke("param($p) Test-Prediction -Path $p -Quiet", bad).Single().BaseObject is false);
            Assert.Empty(_s.Errors);
            // The report is the result: Test-Prediction writes no error, so a script fails the build itself.
            Assert.Equal(0, _s.Run("param($p) $null = Test-Prediction -Path $p", new object[] { bad }));
            Assert.Equal(1, _s.Run("param($p) if (-not (Test-Prediction -Path $p -Quiet)) { exit 1 }", new object[] { bad }));
            Assert.Equal(0, _s.Run("param($p) if (-not (Test-Prediction -Path $p -Quiet)) { exit 1 }", new object[] { Repo.Example("iris-logits.csv") }));
        }

        [Fact]
        public void OutFileHoldsTheDocumentedJson()
        {
            string bad = Csv("bad.csv", "id,p_a,p_b,label|1,0.5,0.5,a|2,NaN,0.5,b|3,0.2,0.8,-100|");
            string good = Csv("good.csv", "p_a,p_b,label|" + string.Concat(Enumerable.Repeat("0.25,0.75,b|", 150)));
            string json = Path.Combine(_dir, "result.json");
            PSObject r = _s.Invoke("param($a, $b, $o) Test-Prediction -LiteralPath $a, $b -OutFile $o", bad, good, json).Single();
            Assert.False(r.Prop<bool>("Passed"));
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(json));
            JsonElement root = doc.RootElement;
            Assert.Equal(new[] { "schemaVersion", "tool", "toolVersion", "command", "passed", "sources", "counts", "metrics", "checks", "failedChecks", "baseline", "files", "problems" },
                root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
            Assert.Equal("CrossEntropy", root.GetProperty("tool").GetString());
            Assert.Equal("0.1.0", root.GetProperty("toolVersion").GetString());
            Assert.Equal("Test-Prediction", root.GetProperty("command").GetString());
            Assert.False(root.GetProperty("passed").GetBoolean());
            Assert.Equal(new[] { bad, good }, root.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
            JsonElement counts = root.GetProperty("counts");
            Assert.Equal((153, 151, 1, 1), (counts.GetProperty("read").GetInt64(), counts.GetProperty("used").GetInt64(), counts.GetProperty("ignored").GetInt64(), counts.GetProperty("rejected").GetInt64()));
            Assert.Empty(root.GetProperty("metrics").EnumerateObject());
            // One check per problem kind, limit 0.
            List<JsonElement> checks = root.GetProperty("checks").EnumerateArray().ToList();
            Assert.Equal(new[] { "Source", "Header", "ClassMismatch", "NoRows", "RowCount", "RaggedRow", "MissingValue", "NotANumber", "NaN", "Infinite", "OutOfRange", "SumNotOne", "UnknownLabel", "LabelOutOfRange", "DuplicateId" }, checks.Select(c => c.GetProperty("name").GetString()));
            JsonElement nan = checks.Single(c => c.GetProperty("name").GetString() == "NaN");
            Assert.Equal(new[] { "name", "metric", "scope", "subject", "comparison", "limit", "measured", "value", "baseline", "passed", "message" }, nan.EnumerateObject().Select(p => p.Name));
            Assert.Equal(("NaN", "Source", JsonValueKind.Null, "<=", 0.0, 1.0, 1.0, JsonValueKind.Null, false, "1 NaN problem"),
                (nan.GetProperty("metric").GetString(), nan.GetProperty("scope").GetString(), nan.GetProperty("subject").ValueKind, nan.GetProperty("comparison").GetString(),
                 nan.GetProperty("limit").GetDouble(), nan.GetProperty("measured").GetDouble(), nan.GetProperty("value").GetDouble(), nan.GetProperty("baseline").ValueKind,
                 nan.GetProperty("passed").GetBoolean(), nan.GetProperty("message").GetString()));
            Assert.All(checks.Where(c => c.GetProperty("name").GetString() != "NaN"), c => Assert.True(c.GetProperty("passed").GetBoolean()));
            Assert.Equal(1, root.GetProperty("failedChecks").GetInt32());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("baseline").ValueKind);
            List<JsonElement> files = root.GetProperty("files").EnumerateArray().ToList();
            Assert.Equal(new[] { "source", "rows", "used", "ignored", "rejected", "problems" }, files[0].EnumerateObject().Select(p => p.Name));
            Assert.Equal((bad, 3L, 1L, 1L, 1L, 1L), (files[0].GetProperty("source").GetString(), files[0].GetProperty("rows").GetInt64(), files[0].GetProperty("used").GetInt64(),
                files[0].GetProperty("ignored").GetInt64(), files[0].GetProperty("rejected").GetInt64(), files[0].GetProperty("problems").GetInt64()));
            Assert.Equal((good, 150L, 0L), (files[1].GetProperty("source").GetString(), files[1].GetProperty("rows").GetInt64(), files[1].GetProperty("problems").GetInt64()));
            JsonElement problems = root.GetProperty("problems");
            Assert.Equal(1, problems.GetProperty("total").GetInt64());
            Assert.Equal(new[] { ("NaN", 1L) }, problems.GetProperty("byKind").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())));
            JsonElement shown = Assert.Single(problems.GetProperty("shown").EnumerateArray());
            Assert.Equal(new[] { "kind", "source", "row", "column", "value", "message" }, shown.EnumerateObject().Select(p => p.Name));
            Assert.Equal(("NaN", bad, 2L, "p_a", "NaN", $"{bad}, row 2, column 'p_a', value 'NaN': the value is NaN."),
                (shown.GetProperty("kind").GetString(), shown.GetProperty("source").GetString(), shown.GetProperty("row").GetInt64(),
                 shown.GetProperty("column").GetString(), shown.GetProperty("value").GetString(), shown.GetProperty("message").GetString()));
        }

        [Fact]
        public void OutFileIsResolvedThroughThePowerShellLocationAndRefusesDirectories()
        {
            string iris = Repo.Example("iris-logits.csv");
            _s.Invoke(InFolder("$null = Test-Prediction -Path $p -OutFile out.json"), _dir, iris);
            Assert.Empty(_s.Errors);
            Assert.True(JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "out.json"))).RootElement.GetProperty("passed").GetBoolean());

            ErrorRecord e = OutFileError(_dir, iris);
            Assert.Equal("CrossEntropy.InvalidOutFile,CrossEntropy.Commands.TestPredictionCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.Contains("is a directory", e.Exception.Message);
            Assert.Contains("does not exist", OutFileError(Path.Combine(_dir, "no", "such", "r.json"), iris).Exception.Message);
            Assert.Contains("Environment provider", OutFileError("Env:/x", iris).Exception.Message);
        }

        // The -OutFile error is terminating: nothing is read or returned.
        private ErrorRecord OutFileError(string outFile, string input)
        {
            Assert.Empty(_s.Invoke("param($o, $p) Test-Prediction -Path $p -OutFile $o", outFile, input));
            return Assert.Single(_s.Errors);
        }

        [Fact]
        public void GitHubAnnotationsAreHostLinesWithTheFileAndLine()
        {
            string path = Csv("gh,1.csv", "logit_a,logit_b,label|1,2,a|1,\"2:5%\",a|");
            List<InformationRecord> info = new();
            using (var ps = System.Management.Automation.PowerShell.Create())
            {
                ps.Runspace = _s.Runspace;
                ps.AddScript(InFolder("Test-Prediction -Path $p -GitHubAnnotation")).AddArgument(_dir).AddArgument(path);
                PSObject report = ps.Invoke().Single();
                Assert.IsNotType<string>(report.BaseObject); // annotations never mix with the output
                info.AddRange(ps.Streams.Information);
            }
            InformationRecord line = Assert.Single(info);
            Assert.Contains("PSHOST", line.Tags);
            Assert.Equal($"::error file=gh%2C1.csv,line=3,title=Test-Prediction%3A NotANumber::{path}, row 2, column 'logit_b', value '2:5%25': not a number.",
                ((HostInformationMessage)line.MessageData).Message);
        }
    }
}
