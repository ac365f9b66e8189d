#Requires -Version 7.4
<#
.SYNOPSIS
    Linear in the class count, by bytes: every cmdlet on the same rows with 1,000 and with 50,000 classes, printing the
    bytes each run allocates (all threads) and the process CPU time, each against the linear 50x.
.DESCRIPTION
    bench/classes.ps1 times the cmdlets; on a shared machine its wall times swing 2x. Allocated bytes do not depend on
    the load, so this is the steady check of "allocation-free per row": a figure near 1.00 (or below) means the bytes
    grow with the elements and no faster. With -ExtraRows, each cmdlet also runs on twice the rows at the large class
    count and prints the bytes each extra row costs per element (0 for a cmdlet that allocates nothing per row but its
    output). Uses the files bench/classes.ps1 makes (bench/data/logits_<rows>_<classes>.csv), making any that are missing.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/classes-alloc.ps1 -Rows 60 -ExtraRows
#>
[CmdletBinding()]
param(
    [int] $Rows = 100,
    [int] $Small = 1000,
    [int] $Large = 50000,
    [string] $Manifest,
    [switch] $ExtraRows
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
if (-not $Manifest) { $Manifest = Join-Path $root 'CrossEntropy.psd1' }
$inv = [cultureinfo]::InvariantCulture
. (Join-Path $PSScriptRoot 'classes-setup.ps1')

Import-Module $Manifest
$report = Join-Path ([IO.Path]::GetTempPath()) 'crossentropy-classes-alloc.html'
$commands = Get-ClassCommands $report -Extra

# The fewest bytes and the least CPU time of two runs after a warm-up (warnings, e.g. a class without rows, dropped).
function Measure-Run([string] $Command, [string] $File) {
    $script = [scriptblock]::Create($Command -f "'$File'")
    & $script 3>$null | Out-Null
    $bytes = [long]::MaxValue; $cpu = [double]::MaxValue
    foreach ($i in 1..2) {
        $p = [Diagnostics.Process]::GetCurrentProcess(); $before = $p.TotalProcessorTime
        $allocated = [GC]::GetTotalAllocatedBytes($true)
        & $script 3>$null | Out-Null
        $bytes = [math]::Min($bytes, [GC]::GetTotalAllocatedBytes($true) - $allocated)
        $p.Refresh(); $cpu = [math]::Min($cpu, ($p.TotalProcessorTime - $before).TotalMilliseconds)
    }
    [pscustomobject]@{ Bytes = $bytes; CpuMs = $cpu }
}

$linear = $Large / $Small
foreach ($name in $commands.Keys) {
    $s = Measure-Run $commands[$name] (Get-ClassFile $Rows $Small)
    $l = Measure-Run $commands[$name] (Get-ClassFile $Rows $Large)
    $line = "classes_alloc command=`"{0}`" rows={1} mb_{2}={3} mb_{4}={5} bytes_of_linear={6} cpu_ms_{2}={7} cpu_ms_{4}={8} cpu_of_linear={9}" -f $name, $Rows,
        $Small, ($s.Bytes / 1MB).ToString('0.0', $inv), $Large, ($l.Bytes / 1MB).ToString('0.0', $inv), ($l.Bytes / $s.Bytes / $linear).ToString('0.00', $inv),
        $s.CpuMs.ToString('0', $inv), $l.CpuMs.ToString('0', $inv), ($l.CpuMs / [math]::Max(1, $s.CpuMs) / $linear).ToString('0.00', $inv)
    if ($ExtraRows) {
        $d = Measure-Run $commands[$name] (Get-ClassFile (2 * $Rows) $Large)
        $line += " extra_row_bytes_per_element={0}" -f (($d.Bytes - $l.Bytes) / $Rows / $Large).ToString('0.0', $inv)
    }
    $line
}
Remove-Item $report -ErrorAction SilentlyContinue
