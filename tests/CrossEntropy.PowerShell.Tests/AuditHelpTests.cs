using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// docs/en-US/*.md of the audit cmdlets (platyPS layout, compiled to MAML at build time; HelpTests runs the
    /// examples): every parameter the cmdlet has is described, and at least three examples use the bundled files.
    /// </summary>
    public class AuditHelpTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;

        public AuditHelpTests(SessionFixture f) => _s = f.Session;

        public static TheoryData<string> Cmdlets => new() { "Measure-Calibration", "Measure-Classification", "Measure-Entropy", "Find-NoisyLabel", "Export-CrossEntropyReport" };

        private static string Doc(string cmdlet) => File.ReadAllText(Path.Combine(Repo.Root, "docs", "en-US", cmdlet + ".md"));

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void EveryParameterIsDescribed(string cmdlet)
        {
            string doc = Doc(cmdlet);
            string[] parameters = _s.Invoke("param($c) $common = [System.Management.Automation.PSCmdlet]::CommonParameters; (Get-Command $c).Parameters.Keys | Where-Object { $_ -notin $common }", cmdlet)
                .Select(o => o.BaseObject.ToString()!).ToArray();
            Assert.NotEmpty(parameters);
            foreach (string p in parameters) Assert.Contains($"\n### -{p}\n", doc);
            var documented = Regex.Matches(doc, @"\n### -(\w+)\n").Select(m => m.Groups[1].Value);
            Assert.All(documented, d => Assert.Contains(d, parameters)); // nothing documented that does not exist
            // -WhatIf and -Confirm (writers) are documented, as platyPS does; the online version is the cmdlet's own page.
            Assert.StartsWith("---\nexternal help file: CrossEntropy.PowerShell.dll-Help.xml\nModule Name: CrossEntropy\nonline version: https://github.com/crossentropy/CrossEntropy/blob/main/docs/en-US/" + cmdlet + ".md\nschema: 2.0.0\n---\n", doc);
            foreach (string section in new[] { "## SYNOPSIS", "## SYNTAX", "## DESCRIPTION", "## EXAMPLES", "## PARAMETERS", "### CommonParameters", "## INPUTS", "## OUTPUTS", "## NOTES", "## RELATED LINKS" })
                Assert.Contains("\n" + section + "\n", doc);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void AtLeastThreeExamplesThatParseAndUseTheBundledExamples(string cmdlet)
        {
            string doc = Doc(cmdlet);
            var examples = Regex.Matches(doc, @"### Example \d+: [^\n]+\n```powershell\n(.*?)\n```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
            Assert.True(examples.Count >= 3, $"{cmdlet} has {examples.Count} examples");
            foreach (string e in examples)
            {
                Parser.ParseInput(e, out _, out ParseError[] errors);
                Assert.True(errors.Length == 0, e + "\n" + string.Join("\n", errors.Select(x => x.Message)));
                Assert.Contains(cmdlet, e);
            }
            Assert.True(examples.Count(e => e.Contains("examples/")) >= 3, $"{cmdlet}: fewer than three examples run on the bundled examples");
        }
    }
}
