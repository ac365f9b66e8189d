using System.Reflection;
using System.Runtime.Loader;
// Runs the netstandard2.0 builds (NsArrow.dll, Apache.Arrow.dll and ZstdSharp.dll from lib/netstandard2.0) on .NET 10,
// loaded from their folder in an AssemblyLoadContext, so the netstandard2.0 code paths are what runs.
string dir = args[0];
var alc = new Ctx(dir);
var asm = alc.LoadFromAssemblyPath(Path.Combine(dir, "NsArrow.dll"));
var t = asm.GetType("Reader")!;
foreach (string f in args.Skip(1))
{
    try
    {
        Console.WriteLine(f.EndsWith(".zst") ? $"{Path.GetFileName(f)}: {t.GetMethod("Zstd")!.Invoke(null, [f])} bytes" : t.GetMethod("Read")!.Invoke(null, [f]));
    }
    catch (TargetInvocationException e)
    {
        Console.WriteLine($"{Path.GetFileName(f)}: FAILED {e.InnerException!.GetType().Name}: {e.InnerException.Message}");
    }
}
foreach (var a in alc.Assemblies) Console.WriteLine($"  loaded {a.GetName().Name} {a.GetName().Version} [{a.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()?.FrameworkName}]");
sealed class Ctx(string dir) : AssemblyLoadContext("ns", false)
{
    protected override Assembly? Load(AssemblyName n)
    {
        string p = Path.Combine(dir, n.Name + ".dll");
        return File.Exists(p) && n.Name is "Apache.Arrow" or "ZstdSharp" or "NsArrow" ? LoadFromAssemblyPath(p) : null;
    }
}
