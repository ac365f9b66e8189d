#Requires -Version 7.4
<#
.SYNOPSIS
    The floor under the Import-Csv pipeline ratio: what PowerShell costs per pipeline object before a cmdlet reads a
    cell. Times, side by side and alternating run for run, `Import-Csv F | Out-Null`, `Import-Csv F | <a cmdlet that
    does nothing>` with one ValueFromPipeline parameter, the same with Measure-CrossEntropy's own parameters (made
    from its metadata: PowerShell's binder works through every parameter and set for each object), and
    `Import-Csv F | Measure-CrossEntropy`. Prints the median wall and process CPU ms of each, and ratios to Out-Null;
    then the fastest run of each (min_*): on a shared, loaded machine the least disturbed run says more than the median.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/pipeline-floor.ps1 -PipelineCsv bench/data/logits_100k_10.csv -Repeats 5
#>
[CmdletBinding()]
param(
    # Files, comma-separated.
    [string] $PipelineCsv,
    [int] $Repeats = 5,
    # The module manifest to time (default: this repository's).
    [string] $Manifest = (Join-Path (Split-Path -Parent $PSScriptRoot) 'CrossEntropy.psd1')
)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$inv = [cultureinfo]::InvariantCulture

# A do-nothing cmdlet declaring Measure-CrossEntropy's parameters: names, types where they are plain .NET types,
# sets, positions, pipeline binding, mandatory flags and aliases.
$measure = Get-Command Measure-CrossEntropy
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$members = foreach ($p in $measure.Parameters.Values) {
    if ($common -contains $p.Name) { continue }
    $type = if ($p.SwitchParameter) { 'System.Management.Automation.SwitchParameter' }
    elseif ($p.ParameterType.Namespace -in 'System', 'System.Management.Automation', 'System.Text') { $p.ParameterType.FullName }
    else { 'object' }
    $attributes = foreach ($set in $p.ParameterSets.GetEnumerator()) {
        $parts = @()
        if ($set.Key -ne '__AllParameterSets') { $parts += "ParameterSetName = `"$($set.Key)`"" }
        if ($set.Value.IsMandatory) { $parts += 'Mandatory = true' }
        if ($set.Value.Position -ge 0) { $parts += "Position = $($set.Value.Position)" }
        if ($set.Value.ValueFromPipeline) { $parts += 'ValueFromPipeline = true' }
        if ($set.Value.ValueFromPipelineByPropertyName) { $parts += 'ValueFromPipelineByPropertyName = true' }
        "[Parameter($($parts -join ', '))]"
    }
    $quoted = @($p.Aliases | ForEach-Object { '"' + $_ + '"' }) -join ', '
    $alias = if ($p.Aliases.Count) { "[Alias($quoted)]" }
    "$($attributes -join ' ') $alias public $type $($p.Name) { get; set; }"
}
Add-Type -TypeDefinition @"
using System.Management.Automation;
namespace PipelineFloor
{
    [Cmdlet(VerbsDiagnostic.Test, "PipeFloor")]
    public sealed class TestPipeFloorCommand : PSCmdlet
    {
        [Parameter(ValueFromPipeline = true)] public PSObject InputObject { get; set; }
        protected override void ProcessRecord() { }
    }

    [Cmdlet(VerbsDiagnostic.Test, "MeasureFloor", DefaultParameterSetName = "$($measure.DefaultParameterSet)")]
    public sealed class TestMeasureFloorCommand : PSCmdlet
    {
        $($members -join "`n        ")
        protected override void ProcessRecord() { }
    }
}
"@ -PassThru | Select-Object -First 1 | ForEach-Object { Import-Module -Assembly $_.Assembly }

$variants = [ordered]@{
    out_null        = { param($p) Import-Csv -Path $p | Out-Null }
    trivial_cmdlet  = { param($p) Import-Csv -Path $p | Test-PipeFloor }
    measure_params  = { param($p) Import-Csv -Path $p | Test-MeasureFloor }
    measure         = { param($p) Import-Csv -Path $p | Measure-CrossEntropy | Out-Null }
}
$proc = [Diagnostics.Process]::GetCurrentProcess()
$median = { param($xs) $s = @($xs | Sort-Object); $s[[int][math]::Floor(($s.Count - 1) / 2)] }
foreach ($file in @($PipelineCsv -split ',' | Where-Object { $_ })) {
    $path = (Resolve-Path $file).Path
    $wall = @{}; $cpu = @{}
    foreach ($k in $variants.Keys) {
        $wall[$k] = [Collections.Generic.List[double]]::new(); $cpu[$k] = [Collections.Generic.List[double]]::new()
        & $variants[$k] $path # warm-up
    }
    foreach ($i in 1..$Repeats) {
        foreach ($k in $variants.Keys) {
            [GC]::Collect()
            $proc.Refresh(); $c0 = $proc.TotalProcessorTime.TotalMilliseconds
            $sw = [Diagnostics.Stopwatch]::StartNew()
            & $variants[$k] $path
            $wall[$k].Add($sw.Elapsed.TotalMilliseconds)
            $proc.Refresh(); $cpu[$k].Add($proc.TotalProcessorTime.TotalMilliseconds - $c0)
        }
    }
    $base = & $median $wall['out_null']; $baseCpu = & $median $cpu['out_null']
    foreach ($k in $variants.Keys) {
        $w = & $median $wall[$k]; $c = & $median $cpu[$k]
        $mw = ($wall[$k] | Measure-Object -Minimum).Minimum; $mc = ($cpu[$k] | Measure-Object -Minimum).Minimum
        $bmw = ($wall['out_null'] | Measure-Object -Minimum).Minimum; $bmc = ($cpu['out_null'] | Measure-Object -Minimum).Minimum
        '{0} file={1} wall_ms={2} cpu_ms={3} ratio={4} cpu_ratio={5} min_wall={6} min_cpu={7} min_ratio={8} min_cpu_ratio={9}' -f $k, (Split-Path -Leaf $path), $w.ToString('0', $inv), $c.ToString('0', $inv),
            ($w / $base).ToString('0.00', $inv), ($c / $baseCpu).ToString('0.00', $inv), $mw.ToString('0', $inv), $mc.ToString('0', $inv), ($mw / $bmw).ToString('0.00', $inv), ($mc / $bmc).ToString('0.00', $inv)
    }
}
