using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using CrossEntropy.Data.Checks;

namespace CrossEntropy.Output
{
    /// <summary>
    /// What Test-Prediction and Assert-CrossEntropy share: the -OutFile JSON result and the -GitHubAnnotation lines.
    /// Annotations are written as Write-Host writes (information records tagged PSHOST): a GitHub Actions step running
    /// pwsh shows them on standard output, where the runner reads workflow commands, and they never mix with the
    /// objects a script assigns or pipes.
    /// </summary>
    internal static class CheckOutput
    {
        // Write-Host tags its information records so; hosts show them as host output.
        private static readonly string[] HostTags = { "PSHOST" };

        /// <summary>The version written into the JSON result.</summary>
        public static string ToolVersion => (typeof(CheckOutput).Assembly.GetName().Version ?? new Version(0, 0, 0)).ToString(3);

        /// <summary>Writes the JSON result to <paramref name="file"/> (replacing it); a write error is terminating.</summary>
        public static void WriteJson(PSCmdlet cmdlet, CheckReport report, OutFile file)
        {
            try
            {
                using FileStream stream = file.Create();
                report.WriteJson(stream);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, "CrossEntropy.OutFileUnwritable", ErrorCategory.WriteError, file.Path));
            }
            cmdlet.WriteVerbose($"Wrote {file.Path}.");
        }

        /// <summary>Writes workflow-command lines to the host, as Write-Host does.</summary>
        public static void WriteAnnotations(Cmdlet cmdlet, IEnumerable<string> lines)
        {
            foreach (string line in lines)
                cmdlet.WriteInformation(new HostInformationMessage { Message = line }, HostTags);
        }

        /// <summary>The annotation file path of a source: relative to GITHUB_WORKSPACE or the current folder; null for pipeline input.</summary>
        public static string? AnnotationFile(PSCmdlet cmdlet, string source)
        {
            if (!File.Exists(source)) return null;
            string? here = null;
            try
            {
                here = cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath;
            }
            catch (PSInvalidOperationException)
            {
                // no file-system location: use the full path
            }
            return GitHubAnnotation.FilePath(source, Environment.GetEnvironmentVariable("GITHUB_WORKSPACE"), here);
        }
    }
}
