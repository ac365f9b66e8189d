# TEST-ONLY stand-ins for the three Microsoft.PowerShell.Utility cmdlets the help examples use. The hosted engine
# (System.Management.Automation from NuGet) has no Utility module, so HelpTests defines these functions in its own
# runspace before running the examples. They implement only the subset the examples need; they are never part of
# the module.

# Import-Csv -Path: one [pscustomobject] per data row, properties named by the header, values as strings.
# Unlike the real cmdlet it does not handle quoted fields (the bundled example files have none).
function Import-Csv {
    param([Parameter(Mandatory, Position = 0)] [string] $Path, [char] $Delimiter = ',')
    $lines = [System.IO.File]::ReadAllLines($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path))
    $header = $lines[0].Split($Delimiter)
    for ($i = 1; $i -lt $lines.Length; $i++) {
        if ($lines[$i].Length -eq 0) { continue }
        $cells = $lines[$i].Split($Delimiter)
        $row = [ordered]@{}
        for ($c = 0; $c -lt $header.Length; $c++) { $row[$header[$c]] = $cells[$c] }
        [pscustomobject]$row
    }
}

# Sort-Object [-Property] Name [-Descending]: a stable sort on one property, as the real cmdlet's is.
function Sort-Object {
    param([Parameter(Position = 0)] [string] $Property, [switch] $Descending, [Parameter(ValueFromPipeline)] $InputObject)
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($InputObject) }
    end {
        $key = [Func[object, object]] { param($o) if ($Property) { $o.$Property } else { $o } }
        if ($Descending) { [System.Linq.Enumerable]::OrderByDescending($items, $key) }
        else { [System.Linq.Enumerable]::OrderBy($items, $key) }
    }
}

# Select-Object [-Property] Names [-First N]: new objects with just those properties (typed "Selected.<type>" as the
# real cmdlet does, so no format view of the original type applies), or the first N objects unchanged.
function Select-Object {
    param([Parameter(Position = 0)] [string[]] $Property, [int] $First = -1, [Parameter(ValueFromPipeline)] $InputObject)
    begin { $seen = 0 }
    process {
        if ($First -ge 0 -and $seen -ge $First) { return }
        $seen++
        if (-not $Property) { return $InputObject }
        $selected = [ordered]@{}
        foreach ($p in $Property) { $selected[$p] = $InputObject.$p }
        $out = [pscustomobject]$selected
        $out.PSObject.TypeNames.Insert(0, 'Selected.' + $InputObject.PSObject.TypeNames[0])
        $out
    }
}
