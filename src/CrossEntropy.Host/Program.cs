using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CrossEntropy.Host
{
    /// <summary>
    /// crossentropy-host: runs a PowerShell command line or script file with the CrossEntropy module imported, on
    /// machines without pwsh. Output is rendered through the module's format views; the exit code is non-zero when
    /// the command fails.
    /// </summary>
    public static class Program
    {
        private const string Usage = @"usage: crossentropy-host <command line>
       crossentropy-host -Command '<command line>'
       crossentropy-host -File <script.ps1> [arguments...]
Runs PowerShell with the CrossEntropy module imported (found from CROSSENTROPY_MANIFEST or the folders above
this program). Exit code: the script's 'exit N'; else 1 if any error was written; else 0.
Example: crossentropy-host Measure-CrossEntropy -Path examples/iris-logits.csv";

        /// <summary>Entry point.</summary>
        public static int Main(string[] args)
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "-?" or "/?")
            {
                Console.Error.WriteLine(Usage);
                return args.Length == 0 ? 2 : 0;
            }
            (string script, List<object?> scriptArgs) = Parse(args);
            int width = Console.IsOutputRedirected ? 120 : Math.Max(80, SafeWindowWidth());
            try
            {
                bool plain = Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
                using var session = new ModuleSession(Console.Out, Console.Error, width, plainText: plain);
                return session.Run(script, scriptArgs);
            }
            catch (Exception e) when (e is FileNotFoundException || e is System.Management.Automation.RuntimeException)
            {
                Console.Error.WriteLine("crossentropy-host: " + e.Message);
                return 1;
            }
        }

        private static (string Script, List<object?> Args) Parse(string[] args)
        {
            string first = args[0];
            bool isFileFlag = first.Equals("-File", StringComparison.OrdinalIgnoreCase) || first.Equals("-f", StringComparison.OrdinalIgnoreCase);
            bool isCommandFlag = first.Equals("-Command", StringComparison.OrdinalIgnoreCase) || first.Equals("-c", StringComparison.OrdinalIgnoreCase);
            if (isFileFlag || (!isCommandFlag && first.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) && File.Exists(first)))
            {
                string[] rest = args.Skip(isFileFlag ? 1 : 0).ToArray();
                if (rest.Length == 0) throw new ArgumentException("-File needs a script path.");
                string path = Path.GetFullPath(rest[0]);
                // The script's own arguments are passed as text, as pwsh -File does. `exit N` inside a script called
                // with & only ends that script (setting $LASTEXITCODE), so pass a non-zero code on as pwsh -File does.
                string call = "$global:LASTEXITCODE = 0; & '" + path.Replace("'", "''") + "' " + string.Join(" ", rest.Skip(1).Select(Quote))
                    + "; if ($LASTEXITCODE) { exit $LASTEXITCODE }";
                return (call, new List<object?>());
            }
            return (string.Join(" ", isCommandFlag ? args.Skip(1) : args), new List<object?>());
        }

        private static string Quote(string a) =>
            a.StartsWith("-", StringComparison.Ordinal) && !a.Contains(' ') ? a : "'" + a.Replace("'", "''") + "'";

        private static int SafeWindowWidth()
        {
            try
            {
                return Console.WindowWidth;
            }
            catch (IOException)
            {
                return 120;
            }
        }
    }
}
