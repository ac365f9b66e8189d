using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>examples/ci-check.ps1 gates the bundled predictions as the README and the sample workflow say it does.</summary>
    public class CiExampleTests : IClassFixture<SessionFixture>, IDisposable
    {
        private static readonly string Script = Repo.Example("ci-check.ps1");
        private readonly Hosting.ModuleSession _s;
        private readonly string _dir = Repo.TempDir();

        public CiExampleTests(SessionFixture f) => _s = f.Session;

        public void Dispose()
        {
            Directory.Delete(_dir, recursive: true);
            GC.SuppressFinalize(this);
        }

        [Fact]
        public void TheBundledPredictionsPassTheGateAndLeaveJsonResults()
        {
            int exit = _s.Run("param($s, $o) & $s -OutputFolder $o; exit $LASTEXITCODE", new object[] { Script, _dir });
            Assert.True(exit == 0, _s.ErrorText + _s.OutputText);
            Assert.Equal(new[] { "digits-logits.data.json", "digits-logits.gate.json", "iris-logits.data.json", "iris-logits.gate.json" },
                Directory.GetFiles(_dir).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            foreach (string json in Directory.GetFiles(_dir))
                Assert.True(JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("passed").GetBoolean(), json);
        }

        [Fact]
        public void ABrokenFileFailsTheGateThroughPwshMinusFile()
        {
            var (code, output, errors) = RealPwsh.Run("-File", Script, "-Path", Repo.Example("broken-predictions.csv"), "-OutputFolder", _dir);
            Assert.True(code == 1, output + errors);
            Assert.Contains("FAIL broken-predictions: 7 problems in the data", output);
            Assert.Contains("  DuplicateId: ", output);
            Assert.False(JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "broken-predictions.data.json"))).RootElement.GetProperty("passed").GetBoolean());
        }

        [Fact]
        public void TheSampleWorkflowRunsTheScriptInPwsh()
        {
            string workflow = File.ReadAllText(Repo.Example("github-workflow.yml"));
            Assert.Contains("shell: pwsh", workflow);
            Assert.Contains("'examples/ci-check.ps1'", workflow); // the gate script the installed module ships
            Assert.Contains("build.ps1 -Configuration Release -Package", workflow);
            Assert.Contains("Install-PSResource -Name CrossEntropy", workflow);
            Assert.Contains("os: [ubuntu-latest, windows-latest]", workflow);
            Assert.DoesNotContain("\t", workflow); // YAML forbids tabs for indentation
        }
    }
}
