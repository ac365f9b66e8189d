using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>examples/ci-check.ps1 gates the bundled predictions as the README and the sample workflow say it does.</summary>
    public class CiExampleTests : IClassFixture<SessionFixture>, IDisposable
    {
        private static readonly string Script = Repo.Example("ci-check.ps1");
        private readonly Host.ModuleSession _s;
        private readonly string _dir = Repo.TempDir();

        public CiExampleTests(SessionFixture f) => _s = f.Session;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

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
        public async Task ABrokenFileFailsTheGateThroughCrossEntropyHostMinusFile()
        {
            string host = Path.Combine(AppContext.BaseDirectory, "crossentropy-host.dll");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
            foreach (string a in new[] { host, "-File", Script, "-Path", Repo.Example("broken-predictions.csv"), "-OutputFolder", _dir }) start.ArgumentList.Add(a);
            using Process p = Process.Start(start)!;
            var err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            await p.WaitForExitAsync();
            string errors = await err;
            Assert.True(p.ExitCode == 1, output + errors);
            Assert.Contains("FAIL broken-predictions: 7 problems in the data", output);
            Assert.Contains("  DuplicateId: ", output);
            Assert.False(JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "broken-predictions.data.json"))).RootElement.GetProperty("passed").GetBoolean());
        }

        [Fact]
        public void TheSampleWorkflowRunsTheScriptInPwsh()
        {
            string workflow = File.ReadAllText(Repo.Example("github-workflow.yml"));
            Assert.Contains("shell: pwsh", workflow);
            Assert.Contains("./examples/ci-check.ps1", workflow);
            Assert.Contains("dotnet build", workflow);
            Assert.DoesNotContain("\t", workflow); // YAML forbids tabs for indentation
        }
    }
}
