using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>Tab completion, load contexts and the manifest.</summary>
    public class ModuleExperienceTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;

        public ModuleExperienceTests(SessionFixture f) => _s = f.Session;

        private string[] Complete(string line)
        {
            _s.Invoke("param($root) $ExecutionContext.SessionState.Path.SetLocation($root) | Out-Null", Repo.Root);
            PSObject r = _s.Invoke("param($line) TabExpansion2 -inputScript $line -cursorColumn $line.Length", line).Single();
            return ((System.Collections.IEnumerable)r.Properties["CompletionMatches"].Value).Cast<object>()
                .Select(m => (string)PSObject.AsPSObject(m).Properties["CompletionText"].Value).ToArray();
        }

        [Theory]
        [InlineData("LabelColumn")]
        [InlineData("LogitColumn")]
        [InlineData("ProbabilityColumn")]
        [InlineData("TargetColumn")]
        [InlineData("SampleWeightColumn")]
        [InlineData("GroupBy")]
        public void ColumnParametersCompleteFromTheFilesHeader(string parameter)
        {
            Assert.Equal(new[] { "id", "p_setosa", "p_versicolor", "p_virginica", "label" },
                Complete($"Measure-CrossEntropy -Path examples/iris-probabilities.csv -{parameter} "));
            Assert.Equal(new[] { "p_setosa", "p_versicolor", "p_virginica" },
                Complete($"Measure-CrossEntropy -Path ./examples/iris-probabilities.csv -{parameter} p_"));
        }

        [Fact]
        public void ClassParametersCompleteFromTheClassesFound()
        {
            Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, Complete("Measure-CrossEntropy -Path examples/iris-logits.csv -Class "));
            Assert.Equal(new[] { "versicolor", "virginica" }, Complete("Measure-CrossEntropy examples/iris-logits.csv -IgnoreIndex v"));
            Assert.Equal(new[] { "'0'", "'1'", "'2'", "'3'", "'4'", "'5'", "'6'", "'7'", "'8'", "'9'" },
                Complete("Get-LossGradient -LiteralPath examples/digits-logits.csv -IgnoreIndex "));
            Assert.Equal(new[] { "@{ setosa = 1; versicolor = 1; virginica = 1 }" }, Complete("Get-LossGradient -Path examples/iris-logits.csv -Weight "));
        }

        [Fact]
        public void NoFileNoCompletionAndNoError()
        {
            // Only PowerShell's own fallback (file names) may come back, never a column.
            Assert.DoesNotContain("label", Complete("Measure-CrossEntropy -Path no-such.csv -LabelColumn "));
            Assert.Empty(_s.Errors);
        }

        [Fact]
        public void DependenciesLoadInTheModulesOwnContext()
        {
            // This test loads both dependencies itself (an assembly loads once a process, so relying on the tests that ran
            // before made it pass or fail by test order): a 5,000-class softmax goes through TensorPrimitives, so
            // System.Numerics.Tensors loads; a UTF-16 file is read by Sylvan.Data.Csv (UTF-8 files by the byte reader).
            string utf16 = System.IO.Path.Combine(Repo.TempDir(), "utf16.csv");
            System.IO.File.WriteAllText(utf16, "logit_a,logit_b,label\n1,2,0\n", System.Text.Encoding.Unicode);
            _s.Invoke("param($p) Get-Softmax -Logit (1..5000) | Out-Null; Measure-CrossEntropy -Path $p | Out-Null", utf16);
            Assert.Empty(_s.Errors);
            var contexts = _s.Invoke(
                "[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'CrossEntropy.PowerShell', 'CrossEntropy.Engine', 'CrossEntropy.Data', 'System.Numerics.Tensors', 'Sylvan.Data.Csv' } | " +
                "ForEach-Object { $_.GetName().Name + '=' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }")
                .Select(o => o.ToString()).ToList();
            Assert.Contains("CrossEntropy.PowerShell=CrossEntropy", contexts);
            Assert.Contains("System.Numerics.Tensors=CrossEntropy", contexts);
            Assert.Contains("Sylvan.Data.Csv=CrossEntropy", contexts);
            Assert.DoesNotContain(contexts, c => c.EndsWith("=Default", StringComparison.Ordinal));
            // The cmdlets themselves come from that context.
            string implementing = _s.Invoke("[System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext((Get-Command Measure-CrossEntropy).ImplementingType.Assembly).Name").Single().ToString();
            Assert.Equal("CrossEntropy", implementing);
        }

        [Fact]
        public void ManifestPassesTestModuleManifestAndIsGalleryReady()
        {
            PSObject m = _s.Invoke("param($p) Test-ModuleManifest -Path $p", Repo.InRepo("CrossEntropy.psd1")).Single();
            Assert.Empty(_s.Errors);
            Assert.Equal("CrossEntropy", m.Prop<string>("Name"));
            Assert.False(string.IsNullOrWhiteSpace(m.Prop<string>("Description")));
            PSObject data = _s.Invoke("param($p) (Import-PowerShellDataFile -Path $p)", Repo.InRepo("CrossEntropy.psd1")).SingleOrDefault()
                ?? _s.Invoke("param($p) & ([scriptblock]::Create([IO.File]::ReadAllText($p)))", Repo.InRepo("CrossEntropy.psd1")).Single();
            var manifest = (System.Collections.Hashtable)data.BaseObject;
            var psData = (System.Collections.Hashtable)((System.Collections.Hashtable)manifest["PrivateData"]!)["PSData"]!;
            Assert.NotEmpty((object[])psData["Tags"]!);
            Assert.StartsWith("https://", (string)psData["ProjectUri"]!);
            Assert.StartsWith("https://", (string)psData["LicenseUri"]!);
            Assert.Equal(new[] { "Core", "Desktop" }, ((object[])manifest["CompatiblePSEditions"]!).Cast<string>());
            // CmdletsToExport lists exactly what the module exports (no wildcards).
            string[] exported = _s.Invoke("(Get-Module CrossEntropy).ExportedCmdlets.Keys").Select(o => o.ToString()).OrderBy(x => x).ToArray();
            Assert.Equal(((object[])manifest["CmdletsToExport"]!).Cast<string>().OrderBy(x => x), exported);
            Assert.Contains("module/CrossEntropy.format.ps1xml", ((object[])manifest["FormatsToProcess"]!).Cast<string>());
        }
    }
}
