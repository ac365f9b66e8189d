#if !NET5_0_OR_GREATER
#pragma warning disable IDE0130 // the compiler looks for this type in this namespace, whatever the folder
namespace System.Runtime.CompilerServices
{
    /// <summary>Lets netstandard2.0 builds use init-only setters (the type ships with .NET 5 and later).</summary>
    internal static class IsExternalInit
    {
    }
}
#endif
