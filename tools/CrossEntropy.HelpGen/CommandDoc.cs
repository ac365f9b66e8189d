using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace CrossEntropy.HelpGen
{
    /// <summary>
    /// A cmdlet's help as docs/en-US/&lt;Verb-Noun&gt;.md writes it (platyPS layout, schema 2.0.0), checked as it is read:
    /// every problem is a <see cref="DocException"/> naming the file and line.
    /// </summary>
    public sealed partial class CommandDoc
    {
        private static readonly string[] SectionOrder =
            { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

        private static readonly string[] YamlKeys =
        {
            "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value",
            "Accept pipeline input", "Accept wildcard characters", "Applicable",
        };

        private static readonly string[] RequiredYamlKeys =
            { "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters" };

        // [[-Name] <T>] optional positional | [-Name] <T> required positional | [-Name <T>] / [-Switch] optional named
        // | -Name <T> / -Switch required named. A value is <Type> or {A | B}.
        private static readonly Regex SyntaxToken = new Regex(
            @"\G\s*(?:\[\[-(?<op>\w+)\]\s*(?<v>(?:<[^>]*>|\{[^}]*\}))\]" +
            @"|\[-(?<rp>\w+)\]\s*(?<v>(?:<[^>]*>|\{[^}]*\}))" +
            @"|\[-(?<on>\w+)(?:\s+(?<v>(?:<[^>]*>|\{[^}]*\})))?\]" +
            @"|-(?<rn>\w+)(?:\s+(?<v>(?:<[^>]*>|\{[^}]*\})))?" +
            @"|(?<common>\[<CommonParameters>\]))");

        private static readonly Regex LinkLine = new Regex(@"^\s*(?:[-*]\s+)?\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)\s*$");

        private readonly MarkdownDoc _doc;
        private bool _syntaxCommon;

        private CommandDoc(MarkdownDoc doc) => _doc = doc;

        /// <summary>The markdown file.</summary>
        public string Path => _doc.Path;
        /// <summary>Verb-Noun.</summary>
        public string Name { get; private set; } = "";
        /// <summary>The MAML file this command's help goes into (front matter 'external help file').</summary>
        public string HelpFile { get; private set; } = "";
        /// <summary>The 'online version' address, if any.</summary>
        public string? OnlineVersion { get; private set; }
        /// <summary>One paragraph.</summary>
        public string Synopsis { get; private set; } = "";
        /// <summary>Paragraphs.</summary>
        public List<string> Description { get; } = new List<string>();
        /// <summary>One per parameter set, in the doc's order.</summary>
        public List<SyntaxSet> Syntax { get; } = new List<SyntaxSet>();
        /// <summary>The examples.</summary>
        public List<ExampleDoc> Examples { get; } = new List<ExampleDoc>();
        /// <summary>The parameters (common parameters excluded).</summary>
        public List<ParameterDoc> Parameters { get; } = new List<ParameterDoc>();
        /// <summary>Whether the doc says the cmdlet takes the common parameters.</summary>
        public bool CommonParameters { get; private set; }
        /// <summary>Pipeline input types.</summary>
        public List<TypeDoc> Inputs { get; } = new List<TypeDoc>();
        /// <summary>Output types.</summary>
        public List<TypeDoc> Outputs { get; } = new List<TypeDoc>();
        /// <summary>NOTES paragraphs.</summary>
        public List<string> Notes { get; } = new List<string>();
        /// <summary>RELATED LINKS.</summary>
        public List<LinkDoc> Links { get; } = new List<LinkDoc>();

        /// <summary>Reads and checks a cmdlet doc.</summary>
        public static CommandDoc Load(string path) => Read(MarkdownDoc.Load(path));

        /// <summary>Checks and reads a parsed cmdlet doc.</summary>
        public static CommandDoc Read(MarkdownDoc doc)
        {
            var c = new CommandDoc(doc);
            c.ReadAll();
            return c;
        }

        private DocException Error(int line, string message) => _doc.Error(line, message);

        private void ReadAll()
        {
            ReadFrontMatter();
            Section title = SingleTitle();
            Name = title.Title.Trim();
            if (!Regex.IsMatch(Name, @"^\w+-\w+$")) throw Error(title.Line, $"the title must be the cmdlet name (Verb-Noun); got '{Name}'");
            string fileName = System.IO.Path.GetFileNameWithoutExtension(Path);
            if (!Name.Equals(fileName, StringComparison.OrdinalIgnoreCase))
                throw Error(title.Line, $"the title '{Name}' does not match the file name '{fileName}'");
            if (title.Blocks.Count > 0) throw Error(title.Blocks[0].Line, "text between the title and ## SYNOPSIS");

            int next = 0;
            foreach (Section s in title.Children)
            {
                int at = Array.FindIndex(SectionOrder, n => n.Equals(s.Title.Trim(), StringComparison.Ordinal));
                if (at < 0) throw Error(s.Line, $"unknown section '## {s.Title}'; the sections are, in order: {string.Join(", ", SectionOrder)}");
                if (at != next) throw Error(s.Line, $"expected '## {SectionOrder[next]}' here, found '## {s.Title}' (sections: {string.Join(", ", SectionOrder)})");
                next++;
                Read(s);
            }
            if (next < SectionOrder.Length) throw Error(title.Line, $"the section '## {SectionOrder[next]}' is missing");
            CheckParametersAgainstSyntax();
        }

        private void ReadFrontMatter()
        {
            if (!_doc.HasFrontMatter) throw Error(1, "a cmdlet doc starts with front matter (---, external help file, Module Name, online version, schema: 2.0.0, ---)");
            foreach (string key in new[] { "external help file", "Module Name", "online version", "schema" })
                if (!_doc.FrontMatter.ContainsKey(key)) throw Error(1, $"the front matter has no '{key}:'");
            if (_doc.FrontMatter["schema"] != "2.0.0") throw Error(1, $"schema must be 2.0.0; got '{_doc.FrontMatter["schema"]}'");
            HelpFile = _doc.FrontMatter["external help file"];
            if (!HelpFile.EndsWith("-Help.xml", StringComparison.OrdinalIgnoreCase) || (HelpFile.Contains('/', StringComparison.Ordinal) || HelpFile.Contains('\\', StringComparison.Ordinal)))
                throw Error(1, $"'external help file' must be a file name ending in -Help.xml; got '{HelpFile}'");
            string online = _doc.FrontMatter["online version"];
            OnlineVersion = online.Length == 0 ? null : online;
        }

        private Section SingleTitle()
        {
            if (_doc.Root.Blocks.Count > 0) throw Error(_doc.Root.Blocks[0].Line, "text before the '# Verb-Noun' title");
            if (_doc.Root.Children.Count != 1 || _doc.Root.Children[0].Level != 1)
                throw Error(_doc.Root.Children.Count > 1 ? _doc.Root.Children[1].Line : 1, "a cmdlet doc has exactly one '# Verb-Noun' title");
            return _doc.Root.Children[0];
        }

        private void Read(Section s)
        {
            switch (s.Title.Trim())
            {
                case "SYNOPSIS":
                    NoChildren(s);
                    Synopsis = string.Join(" ", Paragraphs(s));
                    if (Synopsis.Length == 0) throw Error(s.Line, "the synopsis is empty");
                    break;
                case "SYNTAX": ReadSyntax(s); break;
                case "DESCRIPTION":
                    NoChildren(s);
                    Description.AddRange(Paragraphs(s));
                    if (Description.Count == 0) throw Error(s.Line, "the description is empty");
                    break;
                case "EXAMPLES": ReadExamples(s); break;
                case "PARAMETERS": ReadParameters(s); break;
                case "INPUTS": ReadTypes(s, Inputs); break;
                case "OUTPUTS": ReadTypes(s, Outputs); break;
                case "NOTES":
                    NoChildren(s);
                    Notes.AddRange(Paragraphs(s));
                    break;
                default: ReadLinks(s); break;
            }
        }

        private void NoChildren(Section s)
        {
            if (s.Children.Count > 0) throw Error(s.Children[0].Line, $"'## {s.Title}' takes no sub-headings");
        }

        // Plain text of each block; fences and tables keep their lines.
        private static List<string> Paragraphs(Section s) => s.Blocks.Select(b => b.Kind == BlockKind.Fence || b.Kind == BlockKind.Table ? b.Text : Inline.Plain(b.Text)).ToList();

        private void ReadSyntax(Section s)
        {
            if (s.Blocks.Count > 0) throw Error(s.Blocks[0].Line, "under ## SYNTAX, each parameter set is a '### SetName' heading with one ``` block");
            if (s.Children.Count == 0) throw Error(s.Line, "## SYNTAX has no '### SetName' parameter sets");
            foreach (Section set in s.Children)
            {
                Match m = Regex.Match(set.Title.Trim(), @"^(?<name>\S+)(?:\s+\((?<d>Default)\))?$");
                if (!m.Success) throw Error(set.Line, $"a parameter set heading is '### Name' or '### Name (Default)'; got '### {set.Title}'");
                string name = m.Groups["name"].Value;
                if (Syntax.Any(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase))) throw Error(set.Line, $"parameter set '{name}' appears twice");
                if (set.Blocks.Count != 1 || set.Blocks[0].Kind != BlockKind.Fence || set.Children.Count > 0)
                    throw Error(set.Line, $"parameter set '{name}' must hold exactly one ``` block with the syntax line");
                Block b = set.Blocks[0];
                string text = string.Join(" ", b.Lines.Select(l => l.Trim())).Trim();
                Syntax.Add(new SyntaxSet(name, m.Groups["d"].Success, text, ParseSyntax(text, name, b.Line), b.Line));
            }
            if (Syntax.Count(x => x.IsDefault) > 1) throw Error(s.Line, "more than one parameter set is marked (Default)");
        }

        private List<SyntaxParameter> ParseSyntax(string text, string set, int line)
        {
            if (!text.StartsWith(Name + " ", StringComparison.Ordinal) && text != Name)
                throw Error(line, $"the syntax of set '{set}' must start with '{Name}'");
            var result = new List<SyntaxParameter>();
            int at = Name.Length;
            while (at < text.Length && text.Substring(at).Trim().Length > 0)
            {
                Match m = SyntaxToken.Match(text, at);
                if (!m.Success) throw Error(line, $"cannot read the syntax of set '{set}' near '{text.Substring(at).Trim()}'");
                at = m.Index + m.Length;
                if (m.Groups["common"].Success)
                {
                    _syntaxCommon = true;
                    continue;
                }
                (string name, bool required, bool positional) =
                    m.Groups["op"].Success ? (m.Groups["op"].Value, false, true)
                    : m.Groups["rp"].Success ? (m.Groups["rp"].Value, true, true)
                    : m.Groups["on"].Success ? (m.Groups["on"].Value, false, false)
                    : (m.Groups["rn"].Value, true, false);
                if (result.Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                    throw Error(line, $"-{name} appears twice in the syntax of set '{set}'");
                result.Add(new SyntaxParameter(name, required, positional));
            }
            return result;
        }

        private void ReadExamples(Section s)
        {
            if (s.Blocks.Count > 0) throw Error(s.Blocks[0].Line, "under ## EXAMPLES, each example is a '### Example N: title' heading");
            foreach (Section e in s.Children)
            {
                if (!Regex.IsMatch(e.Title, @"^Example \d+")) throw Error(e.Line, $"an example heading starts with 'Example N'; got '### {e.Title}'");
                if (e.Children.Count > 0) throw Error(e.Children[0].Line, "an example takes no sub-headings");
                List<Block> fences = e.Blocks.Where(b => b.Kind == BlockKind.Fence).ToList();
                if (fences.Count == 0 || fences[0].Info != "powershell")
                    throw Error(fences.Count == 0 ? e.Line : fences[0].Line, $"'{e.Title}' needs a ```powershell block with the example code first");
                if (fences.Count > 2) throw Error(fences[2].Line, $"'{e.Title}' has more than one output block");
                if (fences.Count == 2 && fences[1].Info is not ("" or "output" or "text"))
                    throw Error(fences[1].Line, $"the output block of '{e.Title}' is a plain ``` (or ```output) block; got ```{fences[1].Info}");
                string code = string.Join("\n", fences[0].Lines).Trim('\n');
                if (code.Trim().Length == 0) throw Error(fences[0].Line, $"the code of '{e.Title}' is empty");
                string? output = fences.Count == 2 ? string.Join("\n", fences[1].Lines) : null;
                var remarks = e.Blocks.Where(b => b.Kind != BlockKind.Fence).Select(b => b.Kind == BlockKind.Table ? b.Text : Inline.Plain(b.Text)).ToList();
                Examples.Add(new ExampleDoc(e.Title.Trim(), code, output, remarks, e.Line));
            }
        }


        private bool Bool(string text, string key, string parameter, int line) =>
            text.Equals("True", StringComparison.OrdinalIgnoreCase) ? true
            : text.Equals("False", StringComparison.OrdinalIgnoreCase) ? false
            : throw Error(line, $"'{key}' of -{parameter} is True or False; got '{text}'");

        private void ReadTypes(Section s, List<TypeDoc> into)
        {
            foreach (Section t in s.Children)
            {
                if (t.Children.Count > 0) throw Error(t.Children[0].Line, $"'### {t.Title}' takes no sub-headings");
                into.Add(new TypeDoc(t.Title.Trim(), Paragraphs(t)));
            }
            // "None" as plain text means no pipeline input / no output.
            if (s.Blocks.Count > 0 && (into.Count > 0 || !Paragraphs(s).All(p => p.Trim().Equals("None", StringComparison.OrdinalIgnoreCase) || p.Trim().Equals("None.", StringComparison.OrdinalIgnoreCase))))
                throw Error(s.Blocks[0].Line, $"under ## {s.Title}, each type is a '### TypeName' heading followed by its description");
        }

        private void ReadLinks(Section s)
        {
            NoChildren(s);
            foreach (Block b in s.Blocks)
            {
                foreach (string line in b.Lines)
                {
                    Match m = LinkLine.Match(line);
                    if (!m.Success) throw Error(b.Line, $"RELATED LINKS holds one [text](address) link per line; got '{line.Trim()}'");
                    Links.Add(new LinkDoc(m.Groups["text"].Value, m.Groups["uri"].Value));
                }
            }
        }

        // The syntax lines and the yaml blocks must tell the same story: the same parameters in the same sets, with
        // the same required/positional shape. A mismatch is what drifting docs look like.
        private void CheckParametersAgainstSyntax()
        {
            var setNames = Syntax.Select(x => x.Name).ToList();
            foreach (ParameterDoc p in Parameters)
                foreach (ParameterAttributes a in p.Attributes)
                    foreach (string set in a.Sets.Where(x => !setNames.Contains(x, StringComparer.OrdinalIgnoreCase)))
                        throw Error(a.Line, $"-{p.Name} names parameter set '{set}', which ## SYNTAX does not have (sets: {string.Join(", ", setNames)})");
            foreach (SyntaxSet set in Syntax)
                foreach (SyntaxParameter sp in set.Parameters)
                    if (Find(sp.Name) == null)
                        throw Error(set.Line, $"-{sp.Name} is in the syntax of set '{set.Name}' but has no '### -{sp.Name}' under ## PARAMETERS");
            foreach (ParameterDoc p in Parameters)
            {
                foreach (ParameterAttributes a in p.Attributes)
                {
                    foreach (SyntaxSet set in Syntax.Where(x => a.AppliesTo(x.Name)))
                    {
                        if (p.Attributes.Count(o => o.AppliesTo(set.Name)) > 1)
                            throw Error(a.Line, $"-{p.Name} has more than one yaml block for parameter set '{set.Name}'");
                        if (!set.Parameters.Any(x => x.Name.Equals(p.Name, StringComparison.OrdinalIgnoreCase)))
                            throw Error(a.Line, $"the yaml of -{p.Name} says it is in parameter set '{set.Name}', but that set's syntax (line {set.Line}) does not show it");
                    }
                }
            }
            foreach (SyntaxSet set in Syntax)
            {
                foreach (SyntaxParameter sp in set.Parameters)
                {
                    ParameterDoc p = Find(sp.Name)!;
                    ParameterAttributes? a = p.Attributes.FirstOrDefault(x => x.AppliesTo(set.Name));
                    if (a == null) throw Error(p.Attributes[0].Line, $"-{sp.Name} is in the syntax of set '{set.Name}' but its yaml Parameter Sets do not name that set");
                    if (a.Required != sp.Required)
                        throw Error(a.Line, $"the yaml of -{sp.Name} says Required: {a.Required}, but the syntax of set '{set.Name}' (line {set.Line}) shows it {(sp.Required ? "required" : "optional")}");
                    if ((a.Position != "named") != sp.Positional)
                        throw Error(a.Line, $"the yaml of -{sp.Name} says Position: {a.Position}, but the syntax of set '{set.Name}' (line {set.Line}) shows it {(sp.Positional ? "positional" : "named")}");
                }
            }
            if (_syntaxCommon != CommonParameters)
                throw Error(Syntax[0].Line, CommonParameters
                    ? "## PARAMETERS has '### CommonParameters' but the syntax lines do not end with [<CommonParameters>]"
                    : "the syntax lines show [<CommonParameters>] but ## PARAMETERS has no '### CommonParameters'");
        }
    }
}
