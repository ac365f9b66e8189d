using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// The Pester suite, the examples, build.ps1 and the module's own scripts run only on real pwsh; the least we can
    /// prove here is that PowerShell's own parser accepts every one of them.
    /// </summary>
    public class ScriptParseTests
    {
        public static TheoryData<string> Scripts()
        {
            var data = new TheoryData<string>();
            foreach (string f in ScriptFiles()) data.Add(f);
            return data;
        }

        private static List<string> ScriptFiles()
        {
            string root = Repo.Root;
            IEnumerable<string> files = new[] { "tests", "examples", "module", "bench", ".ci" }
                .Select(d => Path.Combine(root, d))
                .Where(Directory.Exists)
                .SelectMany(d => Directory.EnumerateFiles(d, "*.ps*1", SearchOption.AllDirectories))
                .Concat(Directory.EnumerateFiles(root, "*.ps*1"))
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"));
            return files.Distinct().OrderBy(f => f).Select(f => Path.GetRelativePath(root, f)).ToList();
        }

        [Theory]
        [MemberData(nameof(Scripts))]
        public void ParsesWithoutErrors(string relativePath)
        {
            Parser.ParseFile(Path.Combine(Repo.Root, relativePath), out _, out ParseError[] errors);
            Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{relativePath}:{e.Extent.StartLineNumber}: {e.Message}")));
        }

        [Fact]
        public void ThePesterSuiteAndBuildScriptAreAmongThem()
        {
            var all = ScriptFiles().ToList();
            Assert.Contains(Path.Combine("tests", "CrossEntropy.Tests.ps1"), all);
            Assert.Contains("build.ps1", all);
            Assert.Contains("CrossEntropy.psd1", all);
        }
    }
}
