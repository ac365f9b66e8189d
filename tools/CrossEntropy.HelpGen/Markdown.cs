using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace CrossEntropy.HelpGen
{
    /// <summary>A problem in a doc, reported as "file(line): error HELPGEN: message" so MSBuild shows it as a build error at that spot.</summary>
    public sealed class DocException : Exception
    {
        /// <summary>Creates the report.</summary>
        public DocException(string file, int line, string message) : base(message)
        {
            File = file;
            Line = line;
        }

        /// <summary>The markdown file.</summary>
        public string File { get; }
        /// <summary>1-based line.</summary>
        public int Line { get; }

        /// <summary>MSBuild's canonical error format.</summary>
        public string Canonical => $"{File}({Line}): error HELPGEN: {Message}";
    }

    /// <summary>What a run of lines under a heading is.</summary>
    public enum BlockKind
    {
        /// <summary>Text lines up to a blank line (joined with spaces).</summary>
        Paragraph,
        /// <summary>One "- ", "* " or "1. " item with its continuation lines.</summary>
        ListItem,
        /// <summary>Consecutive "|" rows, kept as written.</summary>
        Table,
        /// <summary>A ``` fenced block; <see cref="Block.Info"/> is its language.</summary>
        Fence,
    }

    /// <summary>A block of a section's body.</summary>
    public sealed class Block
    {
        /// <summary>Creates a block.</summary>
        public Block(BlockKind kind, int line, IReadOnlyList<string> lines, string info = "")
        {
            Kind = kind;
            Line = line;
            Lines = lines;
            Info = info;
        }

        /// <summary>Kind.</summary>
        public BlockKind Kind { get; }
        /// <summary>Line of the block's first line (the opening fence for fences).</summary>
        public int Line { get; }
        /// <summary>The lines as written (without the fences).</summary>
        public IReadOnlyList<string> Lines { get; }
        /// <summary>The fence's info string (language), lower case.</summary>
        public string Info { get; }

        /// <summary>Paragraphs and list items as one line of text; fences and tables as written.</summary>
        public string Text => Kind == BlockKind.Paragraph || Kind == BlockKind.ListItem
            ? string.Join(" ", Lines.Select(l => l.Trim()))
            : string.Join("\n", Lines);
    }

    /// <summary>A heading and what follows it up to the next heading of the same or a higher level.</summary>
    public sealed class Section
    {
        internal Section(int level, string title, int line)
        {
            Level = level;
            Title = title;
            Line = line;
        }

        /// <summary>1 for #, 2 for ##, ...; 0 for the document itself.</summary>
        public int Level { get; }
        /// <summary>The heading text.</summary>
        public string Title { get; }
        /// <summary>The heading's line.</summary>
        public int Line { get; }
        /// <summary>Blocks between the heading and its first sub-heading.</summary>
        public List<Block> Blocks { get; } = new List<Block>();
        /// <summary>Sub-sections.</summary>
        public List<Section> Children { get; } = new List<Section>();
    }

    /// <summary>
    /// A markdown file read line by line: optional YAML front matter, then a tree of headings with their blocks.
    /// Only the subset the help layout uses is understood; headings inside fences are text.
    /// </summary>
    public sealed class MarkdownDoc
    {
        private static readonly Regex Heading = new Regex(@"^(#{1,6})\s+(.*?)\s*#*\s*$");
        private static readonly Regex ListMarker = new Regex(@"^\s*([-*+]|\d+\.)\s+");

        private MarkdownDoc(string path) => Path = path;

        /// <summary>The file (as given).</summary>
        public string Path { get; }
        /// <summary>Front matter keys and values (keys as written).</summary>
        public Dictionary<string, string> FrontMatter { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Whether the file starts with a front matter block.</summary>
        public bool HasFrontMatter { get; private set; }
        /// <summary>The document as a level-0 section.</summary>
        public Section Root { get; } = new Section(0, "", 1);

        /// <summary>Reads and parses <paramref name="path"/>.</summary>
        public static MarkdownDoc Load(string path) => Parse(path, File.ReadAllText(path));

        /// <summary>Parses <paramref name="text"/>; <paramref name="path"/> names it in errors.</summary>
        public static MarkdownDoc Parse(string path, string text)
        {
            var doc = new MarkdownDoc(path);
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            int i = doc.ReadFrontMatter(lines);
            var stack = new Stack<Section>();
            stack.Push(doc.Root);
            var body = new List<(int Number, string Text)>();
            for (; i < lines.Length; i++)
            {
                string line = lines[i];
                if (IsFence(line))
                {
                    int start = i;
                    body.Add((i + 1, line));
                    for (i++; i < lines.Length && !IsFence(lines[i]); i++) body.Add((i + 1, lines[i]));
                    if (i == lines.Length) throw doc.Error(start + 1, "this ``` fence is never closed");
                    body.Add((i + 1, lines[i]));
                    continue;
                }
                Match h = Heading.Match(line);
                if (!h.Success)
                {
                    body.Add((i + 1, line));
                    continue;
                }
                AddBlocks(stack.Peek(), body);
                body.Clear();
                int level = h.Groups[1].Length;
                while (stack.Peek().Level >= level) stack.Pop();
                var section = new Section(level, h.Groups[2].Value, i + 1);
                stack.Peek().Children.Add(section);
                stack.Push(section);
            }
            AddBlocks(stack.Peek(), body);
            return doc;
        }

        /// <summary>An error at <paramref name="line"/> of this file.</summary>
        public DocException Error(int line, string message) => new DocException(Path, line, message);

        private static bool IsFence(string line) => line.TrimStart().StartsWith("```", StringComparison.Ordinal);

        private int ReadFrontMatter(string[] lines)
        {
            if (lines.Length == 0 || lines[0].Trim() != "---") return 0;
            HasFrontMatter = true;
            for (int i = 1; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.Trim() == "---") return i + 1;
                if (line.Trim().Length == 0) continue;
                int colon = line.IndexOf(':');
                if (colon <= 0) throw Error(i + 1, $"front matter lines are 'key: value'; got '{line.Trim()}'");
                FrontMatter[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
            }
            throw Error(1, "the front matter (---) is never closed");
        }

        private static void AddBlocks(Section section, List<(int Number, string Text)> body)
        {
            for (int i = 0; i < body.Count;)
            {
                (int number, string text) = body[i];
                if (text.Trim().Length == 0)
                {
                    i++;
                    continue;
                }
                var lines = new List<string>();
                if (IsFence(text))
                {
                    string info = text.Trim().Substring(3).Trim().ToLowerInvariant();
                    for (i++; !IsFence(body[i].Text); i++) lines.Add(body[i].Text);
                    i++;
                    section.Blocks.Add(new Block(BlockKind.Fence, number, lines, info));
                    continue;
                }
                if (text.TrimStart().StartsWith('|'))
                {
                    for (; i < body.Count && body[i].Text.TrimStart().StartsWith('|'); i++) lines.Add(body[i].Text);
                    section.Blocks.Add(new Block(BlockKind.Table, number, lines));
                    continue;
                }
                bool item = ListMarker.IsMatch(text);
                lines.Add(text);
                // A paragraph or list item runs to a blank line, a fence, a table or the next list item.
                for (i++; i < body.Count; i++)
                {
                    string next = body[i].Text;
                    if (next.Trim().Length == 0 || IsFence(next) || next.TrimStart().StartsWith('|') || ListMarker.IsMatch(next)) break;
                    lines.Add(next);
                }
                section.Blocks.Add(new Block(item ? BlockKind.ListItem : BlockKind.Paragraph, number, lines));
            }
        }
    }

    /// <summary>Inline markdown to plain text: `code`, **bold**, [text](link) and \-escapes (a single * stays: wildcard patterns use it).</summary>
    public static class Inline
    {
        private static readonly Regex Link = new Regex(@"\[([^\]]+)\]\(([^)]*)\)");
        private static readonly Regex Strong = new Regex(@"\*\*(.+?)\*\*");

        /// <summary>The text a reader of plain-text help should see.</summary>
        public static string Plain(string markdown)
        {
            string s = Link.Replace(markdown, m => IsWebLink(m.Groups[2].Value) ? $"{m.Groups[1].Value} ({m.Groups[2].Value})" : m.Groups[1].Value);
            s = Strong.Replace(s, "$1");
            s = s.Replace("`", "");
            return Regex.Replace(s, @"\\([\\`*_{}\[\]()#+\-.!<>|])", "$1");
        }

        /// <summary>Whether <paramref name="uri"/> is an absolute web address (not a link to another doc).</summary>
        public static bool IsWebLink(string uri) =>
            uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }
}
