#Requires -Version 7.4
<#
.SYNOPSIS
    Times Measure-CrossEntropy -Path on real pwsh like bench/module.ps1 does, and also reports the process CPU time
    of each run, which a shared, busy machine disturbs far less than the wall time.
.DESCRIPTION
    Prints one line per thread count: module_csv threads=1 ms=... cpu_ms=... mb_per_s=... mb_per_cpu_s=... loss=...
    (medians of -Repeats runs after a warm-up; MB are 10^6 bytes). bench/peers/README.md explains the figures.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/peers/path_cpu.ps1 -Csv bench/data/logits_1m_10.csv -Threads 1,2 -Repeats 7
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Csv,
    [string] $Threads = '1,2',
    [int] $Repeats = 5
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
Import-Module (Join-Path $root 'CrossEntropy.psd1')
$inv = [cultureinfo]::InvariantCulture
$path = (Resolve-Path $Csv).Path
$mb = (Get-Item $path).Length / 1e6
$self = [System.Diagnostics.Process]::GetCurrentProcess()

foreach ($t in @($Threads -split ',' | ForEach-Object { [int]$_ })) {
    $result = Measure-CrossEntropy -Path $path -ThrottleLimit $t # warm-up
    $wall = [System.Collections.Generic.List[double]]::new()
    $cpu = [System.Collections.Generic.List[double]]::new()
    foreach ($i in 1..$Repeats) {
        $self.Refresh()
        $c0 = $self.TotalProcessorTime
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $result = Measure-CrossEntropy -Path $path -ThrottleLimit $t
        $wall.Add($sw.Elapsed.TotalMilliseconds)
        $self.Refresh()
        $cpu.Add(($self.TotalProcessorTime - $c0).TotalMilliseconds)
    }
    $w = @($wall | Sort-Object)[[int][math]::Floor($Repeats / 2)]
    $c = @($cpu | Sort-Object)[[int][math]::Floor($Repeats / 2)]
    'module_csv threads={0} ms={1} cpu_ms={2} mb_per_s={3} mb_per_cpu_s={4} loss={5}' -f $t, $w.ToString('0.##', $inv), $c.ToString('0', $inv),
        ($mb / ($w / 1000)).ToString('0.#', $inv), ($mb / ($c / 1000)).ToString('0.#', $inv), $result.Loss.ToString('R', $inv)
}
