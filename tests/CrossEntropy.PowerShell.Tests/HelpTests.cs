using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CrossEntropy.HelpGen;
using CrossEntropy.PowerShell.Tests.Hosting;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// A runspace for the help tests: output and errors go to one writer (as a console shows them), the location is the
    /// repository root (the examples use paths relative to it), and ExampleStandIns.ps1 defines test-only stand-ins for
    /// Import-Csv, Sort-Object and Select-Object, which the hosted engine lacks. The stand-ins exist only here.
    /// </summary>
    public sealed class ExampleSessionFixture : IDisposable
    {
        /// <summary>Paths of the bundled example files in rendered output read as the docs show them.</summary>
        public const string ShownExamples = "/home/user/CrossEntropy/examples/";

        private readonly StringWriter _text = new StringWriter();

        public ExampleSessionFixture()
        {
            Session = new ModuleSession(_text, _text, width: 120);
            Session.Invoke("param($root, $standIns) $null = $ExecutionContext.SessionState.Path.SetLocation($root); . $standIns",
                Repo.Root, Path.Combine(AppContext.BaseDirectory, "ExampleStandIns.ps1"));
            Assert.Empty(Session.Errors);
        }

        public ModuleSession Session { get; }

        /// <summary>Runs <paramref name="code"/> in its own scope through Out-Default; returns the exit code and the normalised text.</summary>
        public (int ExitCode, string Text) Run(string code)
        {
            _text.GetStringBuilder().Clear();
            int exit = Session.Run("& {\n" + code + "\n}");
            char sep = Path.DirectorySeparatorChar;
            return (exit, Normalise(_text.ToString().Replace(Repo.Root + sep + "examples" + sep, ShownExamples)));
        }

        /// <summary>Trailing whitespace and leading/trailing blank lines do not count.</summary>
        public static string Normalise(string text)
        {
            List<string> lines = text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).ToList();
            while (lines.Count > 0 && lines[0].Length == 0) lines.RemoveAt(0);
            while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            return string.Join("\n", lines);
        }

        public void Dispose() => Session.Dispose();
    }

    /// <summary>
    /// The help compiled from docs/en-US at build time, read back through Get-Help, for every cmdlet the module exports;
    /// and every example in the docs, run in the hosted engine and compared with the output the doc shows.
    /// </summary>
    public class HelpTests : IClassFixture<ExampleSessionFixture>
    {
        private static readonly string Docs = Path.Combine(Repo.Root, "docs", "en-US");
        private readonly ExampleSessionFixture _f;
        private readonly ModuleSession _s;

        public HelpTests(ExampleSessionFixture f)
        {
            _f = f;
            _s = f.Session;
        }

        /// <summary>Every example of every doc: (file name, example title).</summary>
        public static IEnumerable<object[]> Examples() =>
            Directory.GetFiles(Docs, "*.md").OrderBy(f => f, StringComparer.Ordinal)
                .SelectMany(f => ExamplesOf(f).Select(e => new object[] { Path.GetFileName(f), e.Title }));

        private static List<ExampleDoc> ExamplesOf(string file)
        {
            MarkdownDoc doc = MarkdownDoc.Load(file);
            return Path.GetFileName(file).StartsWith("about_", StringComparison.Ordinal) ? AboutTopic.Examples(doc) : CommandDoc.Read(doc).Examples;
        }

        [Theory]
        [MemberData(nameof(Examples))]
        public void ExampleRunsAndShowsItsOutput(string file, string title)
        {
            ExampleDoc example = ExamplesOf(Path.Combine(Docs, file)).Single(e => e.Title == title);
            (int exit, string text) = _f.Run(example.Code);
            if (example.Output == null)
            {
                Assert.True(exit == 0, $"{file}, {title} failed:\n{text}");
                return;
            }
            // Set CROSSENTROPY_HELP_ACTUAL to a folder to collect what each example printed (to refresh docs after a change).
            string? dump = Environment.GetEnvironmentVariable("CROSSENTROPY_HELP_ACTUAL");
            if (!string.IsNullOrEmpty(dump))
                File.WriteAllText(Path.Combine(dump, file + "#" + string.Concat(title.Split(Path.GetInvalidFileNameChars())) + ".txt"), title + "\n" + text);
            // An example may show an error (it is then part of the output it shows); otherwise it must succeed.
            Assert.Equal(ExampleSessionFixture.Normalise(example.Output), text);
        }

        [Fact]
        public void EveryExportedCmdletHasASynopsisExamplesAndEveryParameterDescribed()
        {
            var problems = new List<string>();
            List<string> exported = ExportedCmdlets();
            IEnumerable<string> documented = Directory.GetFiles(Docs, "*.md").Select(f => Path.GetFileNameWithoutExtension(f))
                .Where(n => !n.StartsWith("about_", StringComparison.Ordinal));
            foreach (string doc in documented.Except(exported, StringComparer.OrdinalIgnoreCase))
                problems.Add($"docs/en-US/{doc}.md documents a cmdlet the module does not export");
            foreach (string name in exported)
            {
                var help = _s.Invoke("param($n) Get-Help $n -Full", name).Single();
                string synopsis = (help.Prop<string>("Synopsis") ?? "").Trim();
                // Without MAML, Get-Help makes the synopsis from the syntax ("Name [-Param] ...").
                if (synopsis.Length == 0 || synopsis.StartsWith(name + " ", StringComparison.Ordinal))
                    problems.Add($"{name}: no synopsis (is docs/en-US/{name}.md missing?)");
                int examples = Items(help, "examples", "example").Count;
                if (examples < 3) problems.Add($"{name}: {examples} examples; at least 3 are expected");

                var described = Items(help, "parameters", "parameter")
                    .ToDictionary(p => p.Prop<string>("name"), p => Text(p.Properties["description"]?.Value), StringComparer.OrdinalIgnoreCase);
                List<string> actual = _s.Invoke(
                    "param($n) $c = [System.Management.Automation.Cmdlet]; (Get-Command $n).Parameters.Keys | " +
                    "Where-Object { -not $c::CommonParameters.Contains($_) }", name)
                    .Select(o => o.ToString()).ToList();
                Assert.NotEmpty(actual);
                foreach (string p in actual)
                    if (!described.TryGetValue(p, out string? d) || d.Trim().Length == 0) problems.Add($"{name}: -{p} has no description");
                foreach (string p in described.Keys.Except(actual, StringComparer.OrdinalIgnoreCase))
                    problems.Add($"{name}: the help describes -{p}, which the cmdlet does not have");
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void DocumentedSyntaxMatchesTheCmdletsParameterSets()
        {
            // Each parameter as "-name type required position pipeline wildcards aliases", from the cmdlet's metadata and
            // from the help's syntax items: the yaml blocks of the docs must say what the code does.
            const string Describe = @"
                function d($name, $type, $required, $position, $pipeline, $wildcards, $aliases) {
                    $a = @($aliases | Where-Object { $_ -and $_ -ne 'none' } | ForEach-Object { $_ -split ',\s*' }); [Array]::Sort($a)
                    ('-{0} {1} required={2} position={3} pipeline={4} wildcards={5} aliases={6}' -f $name, $type, $required, $position, $pipeline, $wildcards, ($a -join ',')).ToLowerInvariant()
                }";
            const string Real = Describe + @"
                $c = [System.Management.Automation.Cmdlet]
                foreach ($set in (Get-Command $n).ParameterSets) {
                    $set.Name + ""`n"" + ((@(foreach ($p in $set.Parameters) {
                        if ($c::CommonParameters.Contains($p.Name)) { continue }   # -WhatIf and -Confirm are documented, as platyPS does
                        $by = @(if ($p.ValueFromPipeline) { 'ByValue' }; if ($p.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
                        $pipeline = if ($by) { 'True (' + ($by -join ', ') + ')' } else { 'False' }
                        $position = if ($p.Position -lt 0) { 'named' } else { $p.Position }
                        $wildcards = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                        d $p.Name $p.ParameterType.Name $p.IsMandatory $position $pipeline $wildcards $p.Aliases
                    })) -join ""`n"")
                }";
            const string Documented = Describe + @"
                $help = Get-Help $n -Full
                $aliases = @{}
                foreach ($p in $help.parameters.parameter) { $aliases[$p.name] = $p.aliases }
                foreach ($item in $help.syntax.syntaxItem) {
                    (@(foreach ($p in $item.parameter) {
                        d $p.name $p.type.name ($p.required -eq 'true') $p.position $p.pipelineInput ($p.globbing -eq 'true') $aliases[$p.name]
                    })) -join ""`n""
                }";
            var problems = new List<string>();
            foreach (string name in ExportedCmdlets())
            {
                // The first line of each real set is its name.
                // In a child scope, so the helper function does not stay behind in the runspace the examples run in.
                Dictionary<string, HashSet<string>> real = _s.Invoke("param($n) & {" + Real + "}", name).Select(o => o.ToString().Split('\n', 2))
                    .ToDictionary(x => x[0], x => Lines(x.Length > 1 ? x[1] : ""));
                List<HashSet<string>> documented = _s.Invoke("param($n) & {" + Documented + "}", name).Select(o => Lines(o.ToString())).ToList();
                Assert.Empty(_s.Errors);
                foreach ((string setName, HashSet<string> set) in real.Where(r => !documented.Any(d => d.SetEquals(r.Value))))
                {
                    // Show the differences from the syntax line with the same parameters, else the most similar one.
                    HashSet<string> nearest = documented.OrderByDescending(d => Names(d).SetEquals(Names(set)))
                        .ThenByDescending(d => d.Intersect(set).Count()).FirstOrDefault() ?? new HashSet<string>();
                    problems.Add($"{name}: no syntax line in the help matches parameter set '{setName}'.\n  cmdlet: {string.Join("\n          ", set.Except(nearest))}\n  help:   {string.Join("\n          ", nearest.Except(set))}");
                }
                if (documented.Count != real.Count) problems.Add($"{name}: the help shows {documented.Count} syntax lines; the cmdlet has {real.Count} parameter sets");
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void GetHelpFindsTheCmdletHelpInTheNestedModulesCultureFolder()
        {
            // The cmdlets are re-exported by module/CrossEntropy.psm1 from the binary module it imports with
            // Import-Module -Assembly; Get-Help finds <assembly>.dll-Help.xml in that nested module's folder
            // (module/bin/<tfm>), in its culture subfolder. The build writes it there, and what Get-Help shows is
            // that file's text (a cmdlet without MAML help would show only its syntax).
            string file = Path.Combine(Repo.Root, "module", "bin", "net8.0", "en-US", "CrossEntropy.PowerShell.dll-Help.xml");
            Assert.True(File.Exists(file), file + " was not built");
            string synopsis = _s.Invoke("(Get-Help Measure-CrossEntropy).Synopsis").Single().ToString();
            Assert.Contains(synopsis.Trim(), File.ReadAllText(file));
            Assert.DoesNotContain("Measure-CrossEntropy [", synopsis);
        }

        [Fact]
        public void AboutTopicExplainsTheColumnMapping()
        {
            string text = string.Join("\n", _s.Invoke("Get-Help about_CrossEntropy").Select(o => o.ToString()));
            Assert.Empty(_s.Errors);
            Assert.StartsWith("TOPIC\n    about_CrossEntropy", text.Replace("\r\n", "\n"));
            text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " "); // the topic is wrapped at 80 columns
            foreach (string rule in new[] { "logit_*", "p_* or prob_*", "-Class", "label, target, y and class", "y_* or target_*", "id, row or index", "0/1 labels", "culture-invariantly" })
                Assert.Contains(rule, text);
        }

        private List<string> ExportedCmdlets()
        {
            List<string> names = _s.Invoke("(Get-Module CrossEntropy).ExportedCmdlets.Keys").Select(o => o.ToString()).ToList();
            Assert.NotEmpty(names);
            return names;
        }

        private static HashSet<string> Names(HashSet<string> descriptors) => new HashSet<string>(descriptors.Select(d => d.Split(' ')[0]));

        private static HashSet<string> Lines(string text) => new HashSet<string>(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

        // Help objects nest as PSObjects; a list of one comes back as the item itself.
        private static List<System.Management.Automation.PSObject> Items(System.Management.Automation.PSObject o, string outer, string inner)
        {
            object? container = o.Properties[outer]?.Value;
            object? value = container == null ? null : System.Management.Automation.PSObject.AsPSObject(container).Properties[inner]?.Value;
            if (value == null) return new List<System.Management.Automation.PSObject>();
            IEnumerable? many = System.Management.Automation.LanguagePrimitives.GetEnumerable(value);
            return (many?.Cast<object>() ?? new[] { value }).Select(System.Management.Automation.PSObject.AsPSObject).ToList();
        }

        private static string Text(object? description)
        {
            if (description == null) return "";
            IEnumerable items = System.Management.Automation.LanguagePrimitives.GetEnumerable(description) ?? new[] { description };
            return string.Join("\n", items.Cast<object>().Select(i => System.Management.Automation.PSObject.AsPSObject(i).Properties["Text"]?.Value?.ToString() ?? ""));
        }
    }

    /// <summary>The help compiler on the real docs and on broken copies of them: a malformed doc names its file and line.</summary>
    public class HelpCompilerTests
    {
        private static readonly string Docs = Path.Combine(Repo.Root, "docs", "en-US");

        [Fact]
        public void TheDocsCompileToOneMamlFileAndOneTopic()
        {
            var errors = new List<DocException>();
            Dictionary<string, string> files = HelpGen.Program.Compile(Docs, errors);
            Assert.Empty(errors.Select(e => e.Canonical));
            Assert.Contains("CrossEntropy.PowerShell.dll-Help.xml", files.Keys);
            Assert.Contains("about_CrossEntropy.help.txt", files.Keys);
            var maml = System.Xml.Linq.XDocument.Parse(files["CrossEntropy.PowerShell.dll-Help.xml"]);
            Assert.Equal("helpItems", maml.Root!.Name.LocalName);
        }

        [Theory]
        // anchor: where the change is made (first match of 'find' after it); the error must be at the first line that
        // starts with 'lineMarker' after 'lineAnchor'.
        [InlineData("### -Combine", "```yaml", "```text", "-Combine has no ```yaml block", "## PARAMETERS", "### -Combine")]
        [InlineData("### -Path\n", "Parameter Sets: Path", "Parameter Sets: Paths", "-Path names parameter set 'Paths', which ## SYNTAX does not have", "### -Path\n", "```yaml")]
        [InlineData("### -Path\n", "Required: False", "Required: True", "the yaml of -Path says Required: True, but the syntax of set 'Path'", "### -Path\n", "```yaml")]
        [InlineData("### -Path\n", "Position: 0", "Position: Named", "the yaml of -Path says Position: named, but the syntax of set 'Path'", "### -Path\n", "```yaml")]
        [InlineData("### Logit (Default)\n", "[-TopK <Int32>] ", "", "the yaml of -TopK says it is in parameter set 'Logit', but that set's syntax", "### -TopK", "```yaml")]
        [InlineData("### -TopK", "### -TopK", "### -TopKay", "-TopK is in the syntax of set 'InputObject' but has no '### -TopK'", "### InputObject", "```")]
        [InlineData("### -TopK", "Accept wildcard characters: False\n", "", "the yaml of -TopK has no 'Accept wildcard characters:'", "### -TopK", "```yaml")]
        [InlineData("## EXAMPLES", "```powershell", "```", "'Example 1: The loss of one row of logits' needs a ```powershell block", "## EXAMPLES", "```")]
        [InlineData("## OUTPUTS", "## NOTES", "## NOTE", "unknown section '## NOTE'", "## OUTPUTS", "## NOTE")]
        [InlineData("## NOTES", "## RELATED LINKS\n", "## RELATED LINKS\n```\n", "this ``` fence is never closed", "## RELATED LINKS", "```")]
        public void AMalformedCmdletDocFailsAtItsLine(string anchor, string find, string replace, string message, string lineAnchor, string lineMarker)
        {
            string text = File.ReadAllText(Path.Combine(Docs, "Measure-CrossEntropy.md")).Replace("\r\n", "\n");
            int at = text.IndexOf(find, text.IndexOf(anchor, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{find}' not found after '{anchor}'");
            string broken = string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));

            var e = Assert.Throws<DocException>(() => CommandDoc.Read(MarkdownDoc.Parse("docs/en-US/Measure-CrossEntropy.md", broken)));
            Assert.Contains(message, e.Message);
            Assert.Equal(LineOf(broken, lineAnchor, lineMarker), e.Line);
            Assert.StartsWith($"docs/en-US/Measure-CrossEntropy.md({e.Line}): error HELPGEN: ", e.Canonical);
        }

        [Fact]
        public void AnAboutTopicWithoutItsShortDescriptionFails()
        {
            string text = File.ReadAllText(Path.Combine(Docs, "about_CrossEntropy.md")).Replace("\r\n", "\n").Replace("## SHORT DESCRIPTION", "## SUMMARY");
            var e = Assert.Throws<DocException>(() => AboutTopic.Render(MarkdownDoc.Parse("about_CrossEntropy.md", text)));
            Assert.Contains("'## SHORT DESCRIPTION' is missing", e.Message);
            Assert.Equal(LineOf(text, "# about_CrossEntropy", "## SUMMARY"), e.Line);
        }

        private static int LineOf(string text, string anchor, string marker)
        {
            string[] lines = text.Split('\n');
            int from = Array.FindIndex(lines, l => l.StartsWith(anchor.TrimEnd('\n'), StringComparison.Ordinal));
            return Array.FindIndex(lines, from, l => l.StartsWith(marker.TrimEnd('\n'), StringComparison.Ordinal)) + 1;
        }
    }
}
