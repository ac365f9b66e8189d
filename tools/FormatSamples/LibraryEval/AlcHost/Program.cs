using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
// A host that does not reference ParquetSharp (like pwsh): loads it from a module-like folder in a module-like ALC.
string bin = args[0], file = args[1];
bool withResolver = args.Length > 2 && args[2] == "resolver";
var alc = new ModuleLikeContext(bin, withResolver);
var asm = alc.LoadFromAssemblyPath(Path.Combine(bin, "ParquetSharp.dll"));
var t = asm.GetType("ParquetSharp.ParquetFileReader")!;
try
{
    using var r = (IDisposable)Activator.CreateInstance(t, file)!;
    object md = t.GetProperty("FileMetaData")!.GetValue(r)!;
    Console.WriteLine($"{Path.GetFileName(bin)}{(withResolver ? " + LoadUnmanagedDll" : "")}: OK, NumRowGroups = {md.GetType().GetProperty("NumRowGroups")!.GetValue(md)}");
}
catch (Exception e)
{
    var inner = e; while (inner.InnerException != null) inner = inner.InnerException;
    Console.WriteLine($"{Path.GetFileName(bin)}{(withResolver ? " + LoadUnmanagedDll" : "")}: FAILED {inner.GetType().Name}: {inner.Message.Split('\n')[0]}");
}

sealed class ModuleLikeContext(string dir, bool resolver) : AssemblyLoadContext("CrossEntropy", false)
{
    // As src/CrossEntropy.LoadContext/ModuleLoadContext.cs: managed assemblies from the folder.
    protected override Assembly? Load(AssemblyName n)
    {
        string p = Path.Combine(dir, n.Name + ".dll");
        return File.Exists(p) ? LoadFromAssemblyPath(p) : null;
    }
    // The addition ParquetSharp would need where the native library sits under runtimes/<rid>/native.
    protected override IntPtr LoadUnmanagedDll(string name)
    {
        if (!resolver) return IntPtr.Zero;
        string ext = OperatingSystem.IsWindows() ? ".dll" : OperatingSystem.IsMacOS() ? ".dylib" : ".so";
        string p = Path.Combine(dir, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", name + ext);
        return File.Exists(p) ? LoadUnmanagedDllFromPath(p) : IntPtr.Zero;
    }
}
