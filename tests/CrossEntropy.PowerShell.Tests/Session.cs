using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.PowerShell.Tests.Hosting;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>One hosted runspace with the module imported, shared by the tests of a class (xunit runs a class's tests one at a time).</summary>
    public sealed class SessionFixture : IDisposable
    {
        public SessionFixture() => Session = new ModuleSession(width: 160);

        public ModuleSession Session { get; }

        public void Dispose() => Session.Dispose();
    }

    public static class Repo
    {
        /// <summary>The repository root (where CrossEntropy.psd1 is).</summary>
        public static string Root => Path.GetDirectoryName(ModuleSession.FindManifest())!;

        public static string InRepo(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

        public static string Example(string name) => Path.Combine(Root, "examples", name);

        /// <summary>A scratch folder for files a test writes.</summary>
        public static string TempDir()
        {
            string d = Path.Combine(Path.GetTempPath(), "crossentropy-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(d);
            return d;
        }
    }

    public static class Rows
    {
        /// <summary>
        /// What Import-Csv emits for a simple CSV (no quoting): one [pscustomobject] per data row whose properties are
        /// the header names and whose values are strings. The hosted engine has no Import-Csv, so tests build these.
        /// </summary>
        public static List<PSObject> FromCsv(string path) => FromLines(File.ReadAllLines(path));

        public static List<PSObject> FromLines(IReadOnlyList<string> lines, char delimiter = ',')
        {
            string[] header = lines[0].Split(delimiter);
            var rows = new List<PSObject>();
            foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
            {
                string[] cells = line.Split(delimiter);
                var o = new PSObject();
                for (int c = 0; c < header.Length; c++) o.Properties.Add(new PSNoteProperty(header[c], c < cells.Length ? cells[c] : null));
                rows.Add(o);
            }
            return rows;
        }
    }

    public static class SessionExtensions
    {
        /// <summary>Runs "$rows | <paramref name="script"/>": the rows go through the pipeline one by one.</summary>
        public static Collection<PSObject> Pipe(this ModuleSession s, IEnumerable<object> input, string script) =>
            s.Invoke("param($rows) $rows | " + script, new object?[] { input.ToArray() });

        public static T Prop<T>(this PSObject o, string name) => LanguagePrimitives.ConvertTo<T>(o.Properties[name].Value);

        public static double D(this PSObject o, string name) => o.Prop<double>(name);
    }
}
