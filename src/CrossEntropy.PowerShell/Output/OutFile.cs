using System;
using System.IO;
using System.Management.Automation;

namespace CrossEntropy.Output
{
    /// <summary>
    /// The file a writer cmdlet writes (-OutFile), handled as Export-Csv handles its -Path. Before any input is read it
    /// is resolved through PowerShell's provider (relative to the current location, ~ and PSDrives allowed; a file-system
    /// path, not a folder, in a folder that exists); -NoClobber refuses an existing file, a read-only file is replaced
    /// only with -Force; -WhatIf/-Confirm are asked once, up front. InputSources refuses to read it as an input
    /// (<see cref="SameFile"/>), so a cmdlet never overwrites the file it reads.
    /// </summary>
    internal sealed class OutFile
    {
        private readonly bool _force;

        private OutFile(string path, bool force, bool approved)
        {
            Path = path;
            _force = force;
            Approved = approved;
        }

        /// <summary>The full file-system path.</summary>
        public string Path { get; }

        /// <summary>False under -WhatIf or when -Confirm was declined: the file is not to be written.</summary>
        public bool Approved { get; }

        /// <summary>
        /// Resolves and checks <paramref name="path"/> and asks ShouldProcess for <paramref name="action"/>; any problem is a
        /// terminating error (ErrorId CrossEntropy.InvalidOutFile, OutFileExists or OutFileReadOnly) naming the file.
        /// </summary>
        public static OutFile Resolve(PSCmdlet cmdlet, string path, bool noClobber, bool force, string action)
        {
            string full;
            try
            {
                full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
                if (provider.Name != "FileSystem")
                    throw new ArgumentException($"-OutFile '{path}' is on the {provider.Name} provider; it must be a file.");
            }
            catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException || e is NotSupportedException)
            {
                throw Refuse(cmdlet, path, $"-OutFile '{path}' cannot be resolved: {e.Message}", "CrossEntropy.InvalidOutFile", ErrorCategory.InvalidArgument);
            }
            catch (ArgumentException e)
            {
                throw Refuse(cmdlet, path, e.Message, "CrossEntropy.InvalidOutFile", ErrorCategory.InvalidArgument);
            }
            if (Directory.Exists(full))
                throw Refuse(cmdlet, path, $"-OutFile '{full}' is a directory; give a file name.", "CrossEntropy.InvalidOutFile", ErrorCategory.InvalidArgument);
            string? folder = System.IO.Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                throw Refuse(cmdlet, path, $"-OutFile '{full}': the folder '{folder}' does not exist.", "CrossEntropy.InvalidOutFile", ErrorCategory.InvalidArgument);
            if (File.Exists(full))
            {
                if (noClobber)
                    throw Refuse(cmdlet, full, $"-OutFile '{full}' already exists and -NoClobber was given: it is left as it is.", "CrossEntropy.OutFileExists", ErrorCategory.ResourceExists);
                if (!force && (File.GetAttributes(full) & FileAttributes.ReadOnly) != 0)
                    throw Refuse(cmdlet, full, $"-OutFile '{full}' is read-only; -Force replaces it.", "CrossEntropy.OutFileReadOnly", ErrorCategory.PermissionDenied);
            }
            return new OutFile(full, force, cmdlet.ShouldProcess(full, action));
        }

        /// <summary>Opens the file, replacing it; with -Force a read-only file loses its read-only attribute first.</summary>
        public FileStream Create()
        {
            if (_force && File.Exists(Path))
            {
                FileAttributes attributes = File.GetAttributes(Path);
                if ((attributes & FileAttributes.ReadOnly) != 0) File.SetAttributes(Path, attributes & ~FileAttributes.ReadOnly);
            }
            return new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read);
        }

        /// <summary>True when <paramref name="input"/> is this file (after full paths and, on pwsh, symbolic links are resolved).</summary>
        public bool SameFile(string input) => string.Equals(Canonical(input), Canonical(Path), PathComparison);

        // Windows' and macOS's file systems ignore case by default; Linux's do not.
        private static readonly StringComparison PathComparison =
            System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

        private static string Canonical(string path)
        {
            string full = System.IO.Path.GetFullPath(path);
#if NET8_0_OR_GREATER
            try
            {
                if (new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is FileSystemInfo target) return target.FullName;
            }
            catch (IOException)
            {
                // an unresolvable link: compare the path itself
            }
#endif
            return full;
        }

        private static PipelineStoppedException Refuse(PSCmdlet cmdlet, string target, string message, string id, ErrorCategory category)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), id, category, target));
            return new PipelineStoppedException(); // unreachable: ThrowTerminatingError throws
        }
    }
}
