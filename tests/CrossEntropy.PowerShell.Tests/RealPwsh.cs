using System.Collections.Generic;
using System.Diagnostics;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Real pwsh 7.6.9 as a child process — the .NET tool pinned in the repository's dotnet-tools.json, run as
    /// `dotnet pwsh` from the repository root — for what only a real shell shows: exit codes, Import-Csv, -File.
    /// </summary>
    public static class RealPwsh
    {
        /// <summary>Runs pwsh with <paramref name="arguments"/> (after -NoProfile -NonInteractive) and returns what it printed.</summary>
        public static (int Code, string Out, string Err) Run(params string[] arguments) => Run(null, arguments);

        /// <summary>As <see cref="Run(string[])"/>, with extra environment variables.</summary>
        public static (int Code, string Out, string Err) Run(IDictionary<string, string>? environment, params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                // `dotnet tool run` finds the tool manifest from the working directory.
                WorkingDirectory = Repo.Root,
            };
            start.ArgumentList.Add("tool");
            start.ArgumentList.Add("run");
            start.ArgumentList.Add("pwsh");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add("-NoProfile");
            start.ArgumentList.Add("-NonInteractive");
            foreach (string a in arguments) start.ArgumentList.Add(a);
            start.Environment["NO_COLOR"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            if (environment != null)
                foreach (KeyValuePair<string, string> e in environment) start.Environment[e.Key] = e.Value;
            using Process p = Process.Start(start)!;
            var err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output, err.Result);
        }
    }
}
