using System;
using System.Collections.Generic;
using System.Text;

namespace CrossEntropy.HelpGen
{
    /// <summary>
    /// An about topic: docs/en-US/about_&lt;Name&gt;.md (# about_Name, ## SHORT DESCRIPTION, ## LONG DESCRIPTION, then any
    /// sections) rendered as the plain text of about_&lt;Name&gt;.help.txt that Get-Help shows.
    /// </summary>
    public static class AboutTopic
    {
        private const int Width = 80;

        /// <summary>The topic name (about_Name) of a checked doc.</summary>
        public static string Name(MarkdownDoc doc) => Title(doc).Title.Trim();

        /// <summary>Checks <paramref name="doc"/> and returns the help text.</summary>
        public static string Render(MarkdownDoc doc)
        {
            Section title = Title(doc);
            var sb = new StringBuilder();
            sb.Append("TOPIC\n    ").Append(title.Title.Trim()).Append('\n');
            foreach (Section s in title.Children) Render(s, sb);
            return sb.ToString();
        }

        /// <summary>Each ```powershell block of the topic, with the ```output block that follows it, if any.</summary>
        public static List<ExampleDoc> Examples(MarkdownDoc doc)
        {
            var result = new List<ExampleDoc>();
            Collect(Title(doc), result);
            return result;
        }

        private static void Collect(Section s, List<ExampleDoc> into)
        {
            for (int i = 0; i < s.Blocks.Count; i++)
            {
                Block b = s.Blocks[i];
                if (b.Kind != BlockKind.Fence || b.Info != "powershell") continue;
                Block? next = i + 1 < s.Blocks.Count ? s.Blocks[i + 1] : null;
                string? output = next != null && next.Kind == BlockKind.Fence && next.Info is ("" or "output" or "text") ? next.Text : null;
                into.Add(new ExampleDoc($"{s.Title.Trim()} (line {b.Line})", b.Text, output, Array.Empty<string>(), b.Line));
            }
            foreach (Section child in s.Children) Collect(child, into);
        }

        private static Section Title(MarkdownDoc doc)
        {
            if (doc.Root.Blocks.Count > 0) throw doc.Error(doc.Root.Blocks[0].Line, "text before the '# about_Name' title");
            if (doc.Root.Children.Count != 1 || doc.Root.Children[0].Level != 1)
                throw doc.Error(doc.Root.Children.Count > 1 ? doc.Root.Children[1].Line : 1, "an about topic has exactly one '# about_Name' title");
            Section t = doc.Root.Children[0];
            string expected = System.IO.Path.GetFileNameWithoutExtension(doc.Path);
            if (!t.Title.Trim().Equals(expected, StringComparison.OrdinalIgnoreCase))
                throw doc.Error(t.Line, $"the title must be '# {expected}' (the file name); got '# {t.Title}'");
            if (t.Blocks.Count > 0) throw doc.Error(t.Blocks[0].Line, "text between the title and ## SHORT DESCRIPTION");
            string[] first = { "SHORT DESCRIPTION", "LONG DESCRIPTION" };
            for (int i = 0; i < first.Length; i++)
            {
                if (t.Children.Count <= i || !t.Children[i].Title.Trim().Equals(first[i], StringComparison.OrdinalIgnoreCase))
                    throw doc.Error(t.Children.Count > i ? t.Children[i].Line : t.Line, $"an about topic starts with ## SHORT DESCRIPTION, then ## LONG DESCRIPTION; '## {first[i]}' is missing");
                if (t.Children[i].Blocks.Count == 0 && t.Children[i].Children.Count == 0)
                    throw doc.Error(t.Children[i].Line, $"'## {first[i]}' is empty");
            }
            return t;
        }

        // ## headings in capitals at the margin, ### indented by 2, text by 4, code by 8: the classic about_ layout.
        // A blank line separates blocks, except between the items of one list.
        private static void Render(Section s, StringBuilder sb)
        {
            int indent = s.Level <= 2 ? 0 : 2 * (s.Level - 2);
            string heading = Inline.Plain(s.Title.Trim());
            sb.Append('\n').Append(' ', indent).Append(s.Level <= 2 ? heading.ToUpperInvariant() : heading).Append('\n');
            Block? previous = null;
            foreach (Block b in s.Blocks)
            {
                if (previous != null && !(previous.Kind == BlockKind.ListItem && b.Kind == BlockKind.ListItem)) sb.Append('\n');
                previous = b;
                switch (b.Kind)
                {
                    case BlockKind.Fence:
                        foreach (string line in b.Lines) sb.Append(line.Length == 0 ? "" : new string(' ', 8) + line).Append('\n');
                        break;
                    case BlockKind.Table:
                        foreach (string line in b.Lines) sb.Append("    ").Append(Inline.Plain(line.Trim())).Append('\n');
                        break;
                    case BlockKind.ListItem:
                        string text = Inline.Plain(b.Text);
                        Wrap(text, "    ", new string(' ', 4 + text.IndexOf(' ') + 1), sb);
                        break;
                    default:
                        Wrap(Inline.Plain(b.Text), "    ", "    ", sb);
                        break;
                }
            }
            foreach (Section child in s.Children) Render(child, sb);
        }

        private static void Wrap(string text, string first, string rest, StringBuilder sb)
        {
            string prefix = first;
            var line = new StringBuilder();
            foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && prefix.Length + line.Length + 1 + word.Length > Width)
                {
                    sb.Append(prefix).Append(line).Append('\n');
                    line.Clear();
                    prefix = rest;
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            if (line.Length > 0) sb.Append(prefix).Append(line).Append('\n');
        }
    }
}
