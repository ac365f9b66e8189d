#Requires -Version 7.4
<#
.SYNOPSIS
    Builds the CrossEntropy module; optionally runs every test and packages it.
.DESCRIPTION
    Runs the same build as `dotnet build` at the repository root (the module lands in module/bin/net8.0 and
    module/bin/netstandard2.0, importable with `Import-Module ./CrossEntropy.psd1`), then:
      -Test     every test: the xunit projects (dotnet test; the engine tests again with DOTNET_EnableAVX512=0,
                DOTNET_EnableAVX2=0 and DOTNET_EnableHWIntrinsic=0) and the Pester 5 suite under tests/ on real pwsh, with
                Pester restored from NuGet (tools/Pester); ends with one line "N passed, N failed" over both
      -Package  a versioned module folder under out/CrossEntropy/<version>/ (with LICENSE, CHANGELOG.md, README.md and
                the sample data in examples/) and a .nupkg for the PowerShell Gallery
    On a machine with only the .NET SDK: `dotnet tool restore`, then `dotnet pwsh -File build.ps1 -Test`.
.EXAMPLE
    dotnet pwsh -NoProfile -File build.ps1 -Test
.EXAMPLE
    ./build.ps1 -Configuration Release -Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    [switch] $Test,

    [switch] $Package,

    # Package (or test) what is already built.
    [switch] $NoBuild,

    [string] $OutputPath = (Join-Path $PSScriptRoot 'out')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

# This pwsh as a child process: `dotnet pwsh.dll` when it runs as the .NET tool, else its own executable.
function Get-PwshCommand {
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    @($exe)
}

$solution = Join-Path $PSScriptRoot 'CrossEntropy.sln'
if (-not $NoBuild) { Invoke-Dotnet build $solution --configuration $Configuration --nologo --verbosity minimal }

if ($Test) {
    $results = Join-Path $OutputPath 'test-results'
    if (Test-Path $results) { Remove-Item -Path $results -Recurse -Force }
    New-Item -ItemType Directory -Path $results | Out-Null

    # xunit: every test project of the solution, then the engine tests under SIMD switches; counts from the TRX files.
    & dotnet test $solution --configuration $Configuration --no-build --logger trx --results-directory $results
    $xunitExit = $LASTEXITCODE
    # The engine tests again with the wider SIMD switched off, so that the Vector256, Vector128 and scalar paths (what
    # AVX2-only, ARM64 and old machines run) are tested on this machine too; each run writes its TRX to its own folder.
    $engineTests = Join-Path $PSScriptRoot 'tests/CrossEntropy.Engine.Tests'
    foreach ($knob in 'DOTNET_EnableAVX512', 'DOTNET_EnableAVX2', 'DOTNET_EnableHWIntrinsic') {
        Set-Item -Path "env:$knob" -Value '0'
        try {
            & dotnet test $engineTests --configuration $Configuration --no-build --logger "trx;LogFileName=engine-$knob-0.trx" --results-directory (Join-Path $results "$knob-0")
            if ($LASTEXITCODE -ne 0) { $xunitExit = $LASTEXITCODE }
        }
        finally { Remove-Item -Path "env:$knob" }
    }
    $xunit = @{ Passed = 0; Failed = 0; Skipped = 0 }
    # Each failed test by name with its message's first line, printed again at the end beside the counts: CI shows
    # only the tail of a long log.
    $failures = [System.Collections.Generic.List[string]]::new()
    $trx = @(Get-ChildItem -Path $results -Filter *.trx -Recurse)
    foreach ($file in $trx) {
        # -LiteralPath: dotnet test names a second TRX of the same second "…[1].trx", and [1] is a wildcard to -Path.
        $run = ([xml](Get-Content -Raw -LiteralPath $file.FullName)).TestRun
        $counters = $run.ResultSummary.Counters
        foreach ($result in @($run.Results.UnitTestResult | Where-Object { $_ -and $_.outcome -ne 'Passed' -and $_.outcome -ne 'NotExecuted' })) {
            $message = $result.SelectSingleNode('*[local-name()="Output"]/*[local-name()="ErrorInfo"]/*[local-name()="Message"]')
            $firstLine = if ($message) { ($message.InnerText -split "`n")[0].Trim() } else { '' }
            $failures.Add("xunit ($($file.Directory.Name)): $($result.testName): $firstLine")
        }
        $xunit.Passed += [int]$counters.passed
        $xunit.Failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $xunit.Skipped += [int]$counters.notExecuted
    }
    # A build or test host that failed before any test could report still counts as a failure.
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $xunit.Failed = 1 }

    # Pester 5 from NuGet (no PSGallery): a PackageDownload restores it into the NuGet packages folder.
    Invoke-Dotnet restore (Join-Path $PSScriptRoot 'tools/Pester/Pester.csproj') --nologo --verbosity quiet
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $pesterManifest = Join-Path $packages 'pester/5.9.1/tools/Pester.psd1'
    if (-not (Test-Path $pesterManifest)) { throw "Pester was not restored: $pesterManifest is missing." }

    # A fresh pwsh, so the module under test is the one just built, never a copy already loaded here.
    $summary = Join-Path $results 'pester-summary.json'
    $pesterScript = @"
Import-Module '$pesterManifest'
`$c = New-PesterConfiguration
`$c.Run.Path = '$(Join-Path $PSScriptRoot 'tests')'
`$c.Run.PassThru = `$true
`$c.Output.Verbosity = 'Normal'
`$c.TestResult.Enabled = `$true
`$c.TestResult.OutputPath = '$(Join-Path $results 'pester.xml')'
`$r = Invoke-Pester -Configuration `$c
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount; Skipped = `$r.SkippedCount } |
    ConvertTo-Json | Set-Content -Path '$summary'
"@
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $pesterScript
    $pester = if (Test-Path $summary) { Get-Content -Raw -Path $summary | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }

    $pesterXml = Join-Path $results 'pester.xml'
    if (Test-Path $pesterXml) {
        foreach ($case in ([xml](Get-Content -Raw -Path $pesterXml)).SelectNodes('//test-case[@result="Failure"]')) {
            $message = $case.SelectSingleNode('failure/message')
            $firstLine = if ($message) { ($message.InnerText -split "`n")[0].Trim() } else { '' }
            $failures.Add("Pester: $($case.name): $firstLine")
        }
    }

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    foreach ($failure in $failures) { Write-Host "FAILED $failure" }
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped"
    Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

if ($Package) {
    $manifest = Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'CrossEntropy.psd1')
    $target = Join-Path $OutputPath "CrossEntropy/$($manifest.ModuleVersion)"
    if (Test-Path $target) { Remove-Item -Path $target -Recurse -Force }
    New-Item -ItemType Directory -Path $target | Out-Null
    Copy-Item -Path (Join-Path $PSScriptRoot 'CrossEntropy.psd1') -Destination $target
    Copy-Item -Path (Join-Path $PSScriptRoot 'module') -Destination $target -Recurse
    # The license, the change log and the sample data the help examples read (they run from the module's folder).
    foreach ($doc in 'README.md', 'LICENSE', 'CHANGELOG.md') { Copy-Item -Path (Join-Path $PSScriptRoot $doc) -Destination $target }
    Copy-Item -Path (Join-Path $PSScriptRoot 'examples') -Destination $target -Recurse
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
