using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace CrossEntropy.PowerShell.Tests.Hosting
{
    /// <summary>
    /// A runspace of the embedded PowerShell engine with the CrossEntropy module imported from the repository's
    /// manifest, exactly as `Import-Module ./CrossEntropy.psd1` does in pwsh. Used by the in-process tests.
    /// </summary>
    public sealed class ModuleSession : IDisposable
    {
        /// <summary>Environment variable that overrides where the manifest is looked for.</summary>
        public const string ManifestVariable = "CROSSENTROPY_MANIFEST";

        private readonly StringWriter? _ownOut, _ownErr;

        /// <summary>Opens a runspace and imports the module; output goes to the writers (or is kept as text).</summary>
        public ModuleSession(TextWriter? output = null, TextWriter? error = null, int width = 120, string? manifest = null, bool plainText = true)
        {
            if (output == null) output = _ownOut = new StringWriter();
            if (error == null) error = _ownErr = new StringWriter();
            Host = new EmbeddedHost(output, error, width, plainText);
            ManifestPath = manifest ?? FindManifest();
            InitialSessionState iss = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows()) iss.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            Runspace = RunspaceFactory.CreateRunspace(Host, iss);
            Runspace.Open();
            // No ANSI colour codes in redirected output or captured text (pwsh does the same when redirected).
            if (plainText) Invoke("$PSStyle.OutputRendering = 'PlainText'");
            Invoke("param($manifest) Import-Module -Name $manifest -ErrorAction Stop", ManifestPath);
        }

        /// <summary>The host (UI, progress records, exit code).</summary>
        public EmbeddedHost Host { get; }
        /// <summary>The open runspace.</summary>
        public Runspace Runspace { get; }
        /// <summary>The manifest imported.</summary>
        public string ManifestPath { get; }
        /// <summary>Errors written by the last <see cref="Invoke"/>.</summary>
        public List<ErrorRecord> Errors { get; } = new List<ErrorRecord>();
        /// <summary>Warnings written by the last <see cref="Invoke"/>.</summary>
        public List<WarningRecord> Warnings { get; } = new List<WarningRecord>();
        /// <summary>Verbose messages written by the last <see cref="Invoke"/>.</summary>
        public List<VerboseRecord> Verbose { get; } = new List<VerboseRecord>();
        /// <summary>Text the host has written (when it owns its writers).</summary>
        public string OutputText => _ownOut?.ToString() ?? "";
        /// <summary>Error text the host has written (when it owns its writers).</summary>
        public string ErrorText => _ownErr?.ToString() ?? "";

        /// <summary>Finds CrossEntropy.psd1: $CROSSENTROPY_MANIFEST, else the nearest folder above this program that has one.</summary>
        public static string FindManifest()
        {
            string? fromEnv = Environment.GetEnvironmentVariable(ManifestVariable);
            if (!string.IsNullOrEmpty(fromEnv)) return Path.GetFullPath(fromEnv);
            for (DirectoryInfo? d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, "CrossEntropy.psd1");
                if (File.Exists(candidate) && Directory.Exists(Path.Combine(d.FullName, "module"))) return candidate;
            }
            throw new FileNotFoundException($"CrossEntropy.psd1 was not found above {AppContext.BaseDirectory}; set {ManifestVariable}.");
        }

        /// <summary>
        /// Runs <paramref name="script"/> (positional <paramref name="args"/> bind to its param block) and returns its
        /// output objects; errors, warnings and verbose messages are collected, terminating errors thrown.
        /// </summary>
        public Collection<PSObject> Invoke(string script, params object?[] args)
        {
            Errors.Clear();
            Warnings.Clear();
            Verbose.Clear();
            using System.Management.Automation.PowerShell ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = Runspace;
            ps.AddScript(script);
            foreach (object? a in args) ps.AddArgument(a);
            try
            {
                return ps.Invoke();
            }
            finally
            {
                Errors.AddRange(ps.Streams.Error);
                Warnings.AddRange(ps.Streams.Warning);
                Verbose.AddRange(ps.Streams.Verbose);
            }
        }

        /// <summary>
        /// Runs a command line or script through Out-Default, so output is rendered by the module's format views,
        /// and returns the exit code pwsh would: the script's `exit N`, else 1 if anything failed, else 0.
        /// </summary>
        public int Run(string script, IEnumerable<object?>? args = null)
        {
            Host.ResetExitCode(); // an earlier script's `exit N` says nothing about this one
            using System.Management.Automation.PowerShell ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = Runspace;
            ps.AddScript(script);
            foreach (object? a in args ?? Enumerable.Empty<object?>()) ps.AddArgument(a);
            ps.AddCommand("Out-Default");
            bool failed = false;
            // Errors are shown as they happen (pwsh's concise view) and make the exit code 1.
            ps.Streams.Error.DataAdded += (sender, e) =>
            {
                failed = true;
                ErrorRecord record = ((PSDataCollection<ErrorRecord>)sender!)[e.Index];
                Host.UI.WriteErrorLine(Describe(record));
            };
            try
            {
                ps.Invoke();
            }
            catch (Exception e) when (IsExit(e, out int exitCode))
            {
                return exitCode;
            }
            catch (RuntimeException e)
            {
                Host.UI.WriteErrorLine(e.ErrorRecord != null ? Describe(e.ErrorRecord) : e.Message);
                failed = true;
            }
            if (Host.ExitCode is int code) return code;
            return failed ? 1 : 0;
        }

        /// <summary>"Command: message", as pwsh's ConciseView shows an error.</summary>
        public static string Describe(ErrorRecord record)
        {
            string message = record.ErrorDetails?.Message ?? record.Exception?.Message ?? record.ToString();
            string? command = record.InvocationInfo?.MyCommand?.Name;
            return string.IsNullOrEmpty(command) ? message : command + ": " + message;
        }

        /// <inheritdoc/>
        public void Dispose() => Runspace.Dispose();

        // `exit N` in a script ends the pipeline with the engine's (internal) ExitException carrying N.
        private bool IsExit(Exception e, out int code)
        {
            code = Host.ExitCode ?? 0;
            if (e.GetType().Name != "ExitException") return false;
            if (e.GetType().GetProperty("Argument")?.GetValue(e) is object arg)
                code = LanguagePrimitives.ConvertTo<int>(arg);
            return true;
        }
    }
}
