#Requires -Version 7.4
<#
.SYNOPSIS
    The floor under the Import-Csv pipeline ratio: what any binary cmdlet costs per pipeline object, before it reads a
    cell. Times, side by side and alternating run for run, `Import-Csv F | Out-Null`, `Import-Csv F | <a cmdlet that
    does nothing>` (one ValueFromPipeline parameter; and one declaring Measure-CrossEntropy's input parameters) and
    `Import-Csv F | Measure-CrossEntropy`. Prints the median wall and process CPU ms of each, and ratios to Out-Null.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/pipeline-floor.ps1 -PipelineCsv bench/data/logits_100k_10.csv -Repeats 5
#>
[CmdletBinding()]
param(
    [string] $PipelineCsv,
    [int] $Repeats = 5
)
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
Import-Module (Join-Path $root 'CrossEntropy.psd1')
$inv = [cultureinfo]::InvariantCulture

Add-Type -TypeDefinition @'
using System.Management.Automation;
namespace PipelineFloor
{
    [Cmdlet(VerbsDiagnostic.Test, "PipeFloor")]
    public sealed class TestPipeFloorCommand : PSCmdlet
    {
        [Parameter(ValueFromPipeline = true)] public PSObject InputObject { get; set; }
        protected override void ProcessRecord() { }
    }

    // Measure-CrossEntropy's input parameters (sets, pipeline binding), doing nothing with them.
    [Cmdlet(VerbsDiagnostic.Test, "PipeFloorShaped", DefaultParameterSetName = "InputObject")]
    public sealed class TestPipeFloorShapedCommand : PSCmdlet
    {
        [Parameter(ParameterSetName = "InputObject", ValueFromPipeline = true)] public PSObject InputObject { get; set; }
        [Parameter(ParameterSetName = "Path", Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)] public string[] Path { get; set; }
        [Parameter(ParameterSetName = "LiteralPath", Mandatory = true, ValueFromPipelineByPropertyName = true)][Alias("PSPath", "LP")] public string[] LiteralPath { get; set; }
        [Parameter(ParameterSetName = "Logit", Mandatory = true)] public object[] Logit { get; set; }
        [Parameter] public string[] LogitColumn { get; set; }
        [Parameter] public string LabelColumn { get; set; }
        protected override void ProcessRecord() { }
    }
}
'@ -PassThru | Select-Object -First 1 | ForEach-Object { Import-Module -Assembly $_.Assembly }

$variants = [ordered]@{
    out_null          = { param($p) Import-Csv -Path $p | Out-Null }
    trivial_cmdlet    = { param($p) Import-Csv -Path $p | Test-PipeFloor }
    shaped_cmdlet     = { param($p) Import-Csv -Path $p | Test-PipeFloorShaped }
    measure           = { param($p) Import-Csv -Path $p | Measure-CrossEntropy | Out-Null }
}
$proc = [Diagnostics.Process]::GetCurrentProcess()
foreach ($file in @($PipelineCsv -split ',' | Where-Object { $_ })) {
    $path = (Resolve-Path $file).Path
    $wall = @{}; $cpu = @{}
    foreach ($k in $variants.Keys) { $wall[$k] = [Collections.Generic.List[double]]::new(); $cpu[$k] = [Collections.Generic.List[double]]::new(); & $variants[$k] $path }
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
    $median = { param($xs) $s = @($xs | Sort-Object); $s[[int][math]::Floor(($s.Count - 1) / 2)] }
    $base = & $median $wall['out_null']; $baseCpu = & $median $cpu['out_null']
    foreach ($k in $variants.Keys) {
        $w = & $median $wall[$k]; $c = & $median $cpu[$k]
        '{0} file={1} wall_ms={2} cpu_ms={3} ratio={4} cpu_ratio={5}' -f $k, (Split-Path -Leaf $path), $w.ToString('0', $inv), $c.ToString('0', $inv),
            ($w / $base).ToString('0.00', $inv), ($c / $baseCpu).ToString('0.00', $inv)
    }
}
