using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace CrossEntropy.LoadContext
{
    /// <summary>
    /// The module's own AssemblyLoadContext: CrossEntropy.PowerShell.dll and its dependencies (System.Numerics.Tensors,
    /// Sylvan.Data.Csv, Microsoft.Data.Analysis, ...) load here from the module's bin folder, so another module that
    /// ships other versions of them never clashes with ours. PowerShell's own assemblies still come from the default
    /// context (Load returns null for anything not in our folder).
    /// </summary>
    public sealed class ModuleLoadContext : AssemblyLoadContext
    {
        private const string MainAssembly = "CrossEntropy.PowerShell";
        private static readonly object Gate = new object();
        private static ModuleLoadContext? _instance;

        private readonly string _directory;
        private readonly Assembly _self = typeof(ModuleLoadContext).Assembly;

        private ModuleLoadContext(string directory) : base("CrossEntropy", isCollectible: false)
        {
            _directory = directory;
            MainModule = LoadFromAssemblyPath(Path.Combine(directory, MainAssembly + ".dll"));
        }

        /// <summary>The cmdlet assembly, loaded in this context.</summary>
        public Assembly MainModule { get; }

        /// <summary>Creates the context once per process and returns the cmdlet assembly for Import-Module -Assembly.</summary>
        public static Assembly Initialize()
        {
            lock (Gate)
            {
                if (_instance == null)
                {
                    string dir = Path.GetDirectoryName(typeof(ModuleLoadContext).Assembly.Location)
                        ?? throw new InvalidOperationException("Cannot find the module's bin folder.");
                    _instance = new ModuleLoadContext(dir);
                }
                return _instance.MainModule;
            }
        }

        /// <inheritdoc/>
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (string.Equals(assemblyName.Name, _self.GetName().Name, StringComparison.Ordinal)) return _self;
            string path = Path.Combine(_directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        /// <summary>
        /// Native libraries (ParquetSharpNative) from runtimes/&lt;rid&gt;/native/ in the bin folder, as NuGet lays them out:
        /// a context of our own does not probe there (tests/data/formats/LIBRARIES.md); IntPtr.Zero falls back to the
        /// default probing.
        /// </summary>
        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            string path = Path.Combine(_directory, "runtimes", PortableRid(), "native", unmanagedDllName + NativeExtension());
            return File.Exists(path) ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
        }

        // The portable rid NuGet packages use (linux-x64, osx-arm64, win-x64, ...), whatever distro-specific rid the runtime reports.
        private static string PortableRid()
        {
            string os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
            return os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        }

        private static string NativeExtension() =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ".dll" : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? ".dylib" : ".so";
    }
}
