#Requires -Version 7.4
<#
.SYNOPSIS
    Builds the CrossEntropy module; optionally tests and packages it.
.DESCRIPTION
    Runs the same build as `dotnet build` at the repository root (the module lands in module/bin/net8.0 and
    module/bin/netstandard2.0, importable with `Import-Module ./CrossEntropy.psd1`), then:
      -Test     the xunit suites (dotnet test) and the Pester 5 suite under tests/
      -Package  a versioned module folder under out/CrossEntropy/<version>/ and a .nupkg for the PowerShell Gallery
.EXAMPLE
    ./build.ps1 -Test
.EXAMPLE
    ./build.ps1 -Configuration Release -Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    [switch] $Test,

    [switch] $Package,

    [string] $OutputPath = (Join-Path $PSScriptRoot 'out')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

$solution = Join-Path $PSScriptRoot 'CrossEntropy.sln'
Invoke-Dotnet build $solution --configuration $Configuration

if ($Test) {
    Invoke-Dotnet test $solution --configuration $Configuration --no-build
    $pester = Get-Module -ListAvailable -Name Pester | Where-Object Version -GE '5.0.0' | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        throw 'The Pester suite needs Pester 5: Install-Module Pester -MinimumVersion 5.0.0 -Scope CurrentUser'
    }
    # A fresh pwsh so the module under test is the one just built, never a copy already loaded here.
    $script = "Import-Module Pester -MinimumVersion 5.0.0; `$r = Invoke-Pester -Path '$(Join-Path $PSScriptRoot 'tests')' -Output Detailed -PassThru; exit `$r.FailedCount"
    & (Get-Process -Id $PID).Path -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) { throw "Pester: $LASTEXITCODE test(s) failed." }
}

if ($Package) {
    $manifest = Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'CrossEntropy.psd1')
    $target = Join-Path $OutputPath "CrossEntropy/$($manifest.ModuleVersion)"
    if (Test-Path $target) { Remove-Item -Path $target -Recurse -Force }
    New-Item -ItemType Directory -Path $target | Out-Null
    Copy-Item -Path (Join-Path $PSScriptRoot 'CrossEntropy.psd1') -Destination $target
    Copy-Item -Path (Join-Path $PSScriptRoot 'module') -Destination $target -Recurse
    foreach ($doc in 'README.md', 'LICENSE') {
        $file = Join-Path $PSScriptRoot $doc
        if (Test-Path $file) { Copy-Item -Path $file -Destination $target }
    }
    Test-ModuleManifest -Path (Join-Path $target 'CrossEntropy.psd1') | Out-Null
    # A .nupkg the PowerShell Gallery accepts: publish the folder to a local file repository.
    $repoName = 'CrossEntropyLocal'
    $feed = Join-Path $OutputPath 'feed'
    New-Item -ItemType Directory -Path $feed -Force | Out-Null
    if (-not (Get-PSResourceRepository -Name $repoName -ErrorAction SilentlyContinue)) {
        Register-PSResourceRepository -Name $repoName -Uri $feed -Trusted
    }
    try {
        Publish-PSResource -Path $target -Repository $repoName
    }
    finally {
        Unregister-PSResourceRepository -Name $repoName
    }
    Write-Host "Packaged $target and $(Get-ChildItem -Path $feed -Filter *.nupkg | Select-Object -ExpandProperty FullName)"
}
