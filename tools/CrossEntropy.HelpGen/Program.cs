using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CrossEntropy.HelpGen
{
    /// <summary>
    /// CrossEntropy.HelpGen &lt;docs-folder&gt; &lt;output-folder&gt;...: compiles every &lt;Verb-Noun&gt;.md of the docs folder into
    /// the MAML file its front matter names and every about_&lt;Name&gt;.md into about_&lt;Name&gt;.help.txt, written to each
    /// output folder. A malformed doc fails with "file(line): error HELPGEN: ..." (MSBuild shows it as a build error).
    /// </summary>
    public static class Program
    {
        private static readonly Encoding Utf8Bom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

        /// <summary>Entry point; returns 0 on success, 1 when a doc is malformed, 2 on bad usage.</summary>
        public static int Main(string[] args)
        {
            if (args.Length < 2 || !Directory.Exists(args[0]))
            {
                Console.Error.WriteLine("usage: CrossEntropy.HelpGen <docs-folder> <output-folder> [<output-folder>...]");
                return 2;
            }
            var errors = new List<DocException>();
            Dictionary<string, string> files = Compile(Path.GetFullPath(args[0]), errors);
            foreach (DocException e in errors) Console.Error.WriteLine(e.Canonical);
            if (errors.Count > 0) return 1;
            foreach (string dir in args.Skip(1)) WriteAll(dir, files);
            Console.WriteLine($"HelpGen: {string.Join(", ", files.Keys.OrderBy(k => k, StringComparer.Ordinal))} -> {string.Join(", ", args.Skip(1))}");
            return 0;
        }

        /// <summary>Output file name → content for every doc in <paramref name="docs"/>; problems go to <paramref name="errors"/>.</summary>
        public static Dictionary<string, string> Compile(string docs, List<DocException> errors)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var commands = new List<CommandDoc>();
            foreach (string path in Directory.GetFiles(docs, "*.md").OrderBy(p => p, StringComparer.Ordinal))
            {
                try
                {
                    MarkdownDoc doc = MarkdownDoc.Load(path);
                    if (Path.GetFileName(path).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                        result[AboutTopic.Name(doc) + ".help.txt"] = AboutTopic.Render(doc);
                    else
                        commands.Add(CommandDoc.Read(doc));
                }
                catch (DocException e)
                {
                    errors.Add(e);
                }
            }
            foreach (IGrouping<string, CommandDoc> file in commands.GroupBy(c => c.HelpFile, StringComparer.OrdinalIgnoreCase))
                result[file.Key] = Xml(MamlWriter.Write(file));
            return result;
        }

        private static string Xml(XDocument doc)
        {
            var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = Utf8Bom };
            using var stream = new MemoryStream();
            using (XmlWriter w = XmlWriter.Create(stream, settings)) doc.Save(w);
            return Utf8Bom.GetString(stream.ToArray()).TrimStart('\uFEFF');
        }

        // Files that did not change keep their timestamps; help files no doc produces any more are removed.
        private static void WriteAll(string dir, Dictionary<string, string> files)
        {
            Directory.CreateDirectory(dir);
            foreach ((string name, string content) in files)
            {
                string path = Path.Combine(dir, name);
                if (!File.Exists(path) || File.ReadAllText(path) != content) File.WriteAllText(path, content, Utf8Bom);
            }
            foreach (string stale in Directory.GetFiles(dir, "*-Help.xml").Concat(Directory.GetFiles(dir, "about_*.help.txt")))
                if (!files.ContainsKey(Path.GetFileName(stale))) File.Delete(stale);
        }
    }
}
