using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace CrossEntropy.Data.Checks
{
    /// <summary>
    /// GitHub Actions workflow commands that annotate a file or a run: <c>::error file=F,line=L,title=T::message</c>
    /// (and <c>::warning</c>). Escaped as the Actions toolkit does: in the message % → %25, CR → %0D, LF → %0A; in
    /// property values also : → %3A and , → %2C.
    /// </summary>
    internal static class GitHubAnnotation
    {
        /// <summary>One workflow command line: <paramref name="level"/> is error, warning or notice.</summary>
        public static string Format(string level, string message, string? file = null, long line = 0, string? title = null)
        {
            var props = new List<string>();
            if (!string.IsNullOrEmpty(file)) props.Add("file=" + EscapeProperty(file!));
            if (line > 0) props.Add("line=" + line.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(title)) props.Add("title=" + EscapeProperty(title!));
            var sb = new StringBuilder("::").Append(level);
            if (props.Count > 0) sb.Append(' ').Append(string.Join(",", props));
            return sb.Append("::").Append(EscapeData(message)).ToString();
        }

        /// <summary>The escaping of a command's message.</summary>
        public static string EscapeData(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

        /// <summary>The escaping of a command's property value.</summary>
        public static string EscapeProperty(string s) => EscapeData(s).Replace(":", "%3A").Replace(",", "%2C");

        /// <summary>
        /// A file path as annotations name files: relative to <paramref name="workspace"/> (GITHUB_WORKSPACE, the
        /// repository checkout) or else to <paramref name="currentDirectory"/> when the file is inside it, with '/'
        /// separators; otherwise the full path.
        /// </summary>
        public static string FilePath(string path, string? workspace, string? currentDirectory)
        {
            foreach (string? root in new[] { workspace, currentDirectory })
            {
                if (string.IsNullOrEmpty(root)) continue;
                string full = Path.GetFullPath(path);
                string dir = Path.GetFullPath(root!).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
                if (full.StartsWith(dir, StringComparison.Ordinal)) return full.Substring(dir.Length).Replace('\\', '/');
            }
            return path.Replace('\\', '/');
        }

        /// <summary>
        /// The file line of 1-based data row <paramref name="row"/>: the row after the header (exact when no record
        /// spans several lines and there are no blank lines before it).
        /// </summary>
        public static long LineOf(long row) => row > 0 ? row + 1 : 0;
    }
}
