# Loads the build that fits the running PowerShell:
#  - pwsh 7.4+ (.NET 8+): bin/net8.0, with the cmdlets and every dependency in the module's own
#    AssemblyLoadContext so that their versions never clash with another module's;
#  - Windows PowerShell 5.1: bin/netstandard2.0, loaded directly (5.1 has no load contexts).
# Only .NET calls and Microsoft.PowerShell.Core commands are used here, so the module also loads in hosts that
# ship the bare engine (the in-process test sessions).
$binRoot = [System.IO.Path]::Combine($PSScriptRoot, 'bin')
$importModule = Get-Command -Name Import-Module -Module Microsoft.PowerShell.Core

if ($PSVersionTable.PSEdition -eq 'Core') {
    $loadContextDll = [System.IO.Path]::Combine($binRoot, 'net8.0', 'CrossEntropy.LoadContext.dll')
    if (-not [System.IO.File]::Exists($loadContextDll)) {
        throw "CrossEntropy is not built: $loadContextDll is missing. Run 'dotnet build' (or ./build.ps1) in the repository root."
    }
    if (-not ('CrossEntropy.LoadContext.ModuleLoadContext' -as [type])) {
        $null = [System.Reflection.Assembly]::LoadFrom($loadContextDll)
    }
    $assembly = [CrossEntropy.LoadContext.ModuleLoadContext]::Initialize()
    $inner = & $importModule -Assembly $assembly -PassThru
    # The output types (CrossEntropy.LossSummary, ...) live in CrossEntropy.Results, in the same load context. PowerShell
    # resolves type literals such as [CrossEntropy.LossSummary] only in assemblies it was handed, so hand it that one too.
    $results = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).LoadFromAssemblyName(
        [System.Reflection.AssemblyName]::new('CrossEntropy.Results'))
    $null = & $importModule -Assembly $results
    $helpRoot = [System.IO.Path]::Combine($binRoot, 'net8.0')
}
else {
    $dll = [System.IO.Path]::Combine($binRoot, 'netstandard2.0', 'CrossEntropy.PowerShell.dll')
    if (-not [System.IO.File]::Exists($dll)) {
        throw "CrossEntropy is not built: $dll is missing. Run 'dotnet build' (or ./build.ps1) in the repository root."
    }
    $inner = & $importModule -Name $dll -PassThru
    $helpRoot = [System.IO.Path]::Combine($binRoot, 'netstandard2.0')
}

if ($inner) {
    # Import-Module -Assembly from a script module does not re-export the nested cmdlets on a re-import
    # (PowerShell issue 20710); add them to this module's exports explicitly.
    $addExportedCmdlet = [System.Management.Automation.PSModuleInfo].GetMethod(
        'AddExportedCmdlet', [System.Reflection.BindingFlags]'Instance, NonPublic')
    # After `Import-Module -Force` the cmdlets no longer belong to a nested module whose folder Get-Help searches,
    # so their help would shrink to the syntax; a full HelpFile path is loaded directly (CommandHelpProvider).
    $helpCulture = [System.Globalization.CultureInfo]::CurrentUICulture.Name
    $helpFile = [System.IO.Path]::Combine($helpRoot, $helpCulture, 'CrossEntropy.PowerShell.dll-Help.xml')
    if (-not [System.IO.File]::Exists($helpFile)) {
        $helpFile = [System.IO.Path]::Combine($helpRoot, 'en-US', 'CrossEntropy.PowerShell.dll-Help.xml')
    }
    $setHelpFile = [System.Management.Automation.CmdletInfo].GetProperty('HelpFile').GetSetMethod($true)
    foreach ($cmd in $inner.ExportedCmdlets.Values) {
        $addExportedCmdlet.Invoke($ExecutionContext.SessionState.Module, @(, $cmd))
        if ($setHelpFile -and [System.IO.File]::Exists($helpFile)) { $setHelpFile.Invoke($cmd, @(, $helpFile)) }
    }
}
