#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Merge-CrossEntropyResult through real PowerShell engines, no mocks (issue 14): shard results computed over SSH
# remoting to a throwaway sshd on 127.0.0.1 (tests/support/TestRemoting.psm1), in Start-Job processes, in
# ForEach-Object -Parallel runspaces, and saved through Export-Clixml and ConvertTo-Json; every route's merge must be
# the single run over all the rows: counts exact, every figure within 1e-12 relative.
#
# SSH remoting needs Debian's openssh-server; without it that block is skipped, except under CI=true (a failure).

BeforeAll {
    $repo = Split-Path -Parent $PSScriptRoot
    $manifest = Join-Path $repo 'CrossEntropy.psd1'
    Import-Module $manifest -Force
    Import-Module (Join-Path $PSScriptRoot 'support/TestRemoting.psm1') -Force

    # examples/digits-logits.csv with a sample weight and a group per row, dealt out to 4 shard files.
    $whole = Join-Path $TestDrive 'whole.csv'
    $lines = [IO.File]::ReadAllLines((Join-Path $repo 'examples/digits-logits.csv'))
    $out = [Collections.Generic.List[string]]::new()
    $out.Add($lines[0] + ',sw,grp')
    for ($i = 1; $i -lt $lines.Count; $i++) { $out.Add([string]::Format([cultureinfo]::InvariantCulture, '{0},{1},g{2}', $lines[$i], (0.25 + ($i * 7919 % 13) / 4), ($i % 3))) }
    [IO.File]::WriteAllLines($whole, $out)
    Copy-Item (Join-Path $repo 'tests/data/objective/iris-coef.csv') (Join-Path $TestDrive 'theta.csv')
    $shards = foreach ($k in 0..3) {
        $path = Join-Path $TestDrive "shard$k.csv"
        [IO.File]::WriteAllLines($path, @($out[0]) + @(for ($i = 1 + $k; $i -lt $out.Count; $i += 4) { $out[$i] }))
        $path
    }

    # What each shard computes, and the single run over all the rows (as a script block, so the same text runs remotely).
    $measure = {
        param($Path)
        Measure-CrossEntropy -Path $Path -SampleWeightColumn sw -TopK 3 -GroupBy grp
        Measure-Calibration -Path $Path -SampleWeightColumn sw
        Measure-Entropy -Path $Path -Base 2 -Reduction Sum
        Test-Prediction -Path $Path
        Measure-Classification -Path $Path -SampleWeightColumn sw -GroupBy grp -IncludeRanking
    }
    $single = @(& $measure $whole)
    # Token sequences split across every shard (grp as the sequence id) with the regularised objective: a loss
    # summary of other options, so it is merged apart (one merge takes one set of options per kind).
    $measureSequences = {
        param($Path)
        Measure-CrossEntropy -Path $Path -SequenceColumn grp -ZLoss 1e-3 -L2 0.25 -ParameterPath (Join-Path (Split-Path $Path) 'theta.csv')
    }
    $singleSequences = @(& $measureSequences $whole)

    # Why a merged figure is not the single run's, or nothing when it is. Checked in plain PowerShell and asserted once
    # per merge: one Should per figure took minutes for the thousands of ranking figures.
    function Get-FigureMismatch($Expected, $Actual, [string] $What) {
        if ($Expected -is [double] -and [double]::IsNaN($Expected)) {
            if (-not [double]::IsNaN([double]$Actual)) { "${What}: expected NaN, got $Actual" }
            return
        }
        if ($Expected -is [double]) {
            $tolerance = 1e-12 * [math]::Max([math]::Abs($Expected), [math]::Abs([double]$Actual)) + 1e-15
            if (-not ([math]::Abs($Expected - [double]$Actual) -le $tolerance)) { "${What}: expected $Expected, got $Actual" }
            return
        }
        if (-not ($Expected -eq $Actual)) { "${What}: expected '$Expected', got '$Actual'" }
    }

    # The merged results are the single run's: same kinds, groups and every flat figure.
    function Assert-SingleRun($Merged, $Expected = $single) {
        $Merged | Should -HaveCount $Expected.Count
        $mismatches = [Collections.Generic.List[string]]::new()
        $checked = 0
        foreach ($e in $Expected) {
            $a = @($Merged | Where-Object { $_.GetType() -eq $e.GetType() -and $_.psobject.Properties['Group']?.Value -eq $e.psobject.Properties['Group']?.Value })
            $a | Should -HaveCount 1 -Because "one merged $($e.GetType().Name) of group '$($e.psobject.Properties['Group']?.Value)'"
            $a = $a[0]
            foreach ($p in $e.psobject.Properties) {
                if ($p.Name -in 'Source', 'Problems', 'Files', 'PerClass', 'Bins', 'ProblemCounts', 'ConfusionMatrix') { continue }
                $v = $p.Value
                if ($v -is [Array]) {
                    $av = @($a.($p.Name))
                    if ($av.Count -ne $v.Count) { $mismatches.Add("$($e.GetType().Name).$($p.Name): $($av.Count) values, expected $($v.Count)"); continue }
                    for ($j = 0; $j -lt $v.Count; $j++) {
                        $checked++
                        $m = Get-FigureMismatch $v[$j] $av[$j] "$($e.GetType().Name).$($p.Name)[$j]"
                        if ($m) { $mismatches.Add($m) }
                    }
                }
                else {
                    $checked++
                    $m = Get-FigureMismatch $v $a.($p.Name) "$($e.GetType().Name).$($p.Name) (group $($e.Group))"
                    if ($m) { $mismatches.Add($m) }
                }
            }
        }
        $checked | Should -BeGreaterThan 0
        $mismatches.Count | Should -Be 0 -Because "the merge must be the single run: $(($mismatches | Select-Object -First 10) -join '; ')"
    }
}

Describe 'Merge-CrossEntropyResult gives the single run over every route' {
    It 'in this runspace, for every order of the shards' {
        $parts = @(foreach ($s in $shards) { & $measure $s })
        Assert-SingleRun @($parts | Merge-CrossEntropyResult)
        [array]::Reverse($parts)
        Assert-SingleRun @($parts | Merge-CrossEntropyResult)
    }

    It 'from ForEach-Object -Parallel runspaces (live objects)' {
        $text = "$measure" # -Parallel takes no script block through $using:
        $parts = $shards | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:manifest
            & ([scriptblock]::Create($using:text)) $_
        }
        $parts[0] | Should -BeOfType ([CrossEntropy.LossSummary])
        Assert-SingleRun @($parts | Merge-CrossEntropyResult)
    }

    It 'from Start-Job processes (Deserialized.CrossEntropy.*)' {
        $jobs = foreach ($half in @($shards[0..1]), @($shards[2..3])) {
            Start-Job -ArgumentList $manifest, "$measure", $half -ScriptBlock {
                param($m, $text, $paths)
                Import-Module $m
                foreach ($p in $paths) { & ([scriptblock]::Create($text)) $p }
            }
        }
        $parts = @($jobs | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop)
        $parts[0].pstypenames[0] | Should -Be 'Deserialized.CrossEntropy.LossSummary'
        Assert-SingleRun @($parts | Merge-CrossEntropyResult)
    }

    It 'through Export-Clixml and Import-Clixml files' {
        $k = 0
        foreach ($s in $shards) { & $measure $s | Export-Clixml -Path (Join-Path $TestDrive "part$((++$k)).xml") }
        $parts = Get-ChildItem (Join-Path $TestDrive 'part*.xml') | Sort-Object Name | ForEach-Object { Import-Clixml -Path $_.FullName }
        Assert-SingleRun @($parts | Merge-CrossEntropyResult)
    }

    It 'through ConvertTo-Json and ConvertFrom-Json (types lost, NaN as text, integers as Int64)' {
        $parts = foreach ($s in $shards) { & $measure $s | ForEach-Object { $_ | ConvertTo-Json -Depth 3 | ConvertFrom-Json } }
        $parts[0].pstypenames[0] | Should -Be 'System.Management.Automation.PSCustomObject'
        Assert-SingleRun @($parts | Merge-CrossEntropyResult)
        # One JSON array of every result, at ConvertTo-Json's default depth: the statistics are still there.
        $array = @(foreach ($s in $shards) { & $measure $s }) | ConvertTo-Json -WarningAction SilentlyContinue | ConvertFrom-Json
        Assert-SingleRun @($array | Merge-CrossEntropyResult)
    }
}

Describe 'Merge-CrossEntropyResult merges token sequences and objectives' {
    It 'live, through Clixml (deserialized) and through JSON: SequenceLoss, Sequences, Tokens, Objective are the single run''s' {
        $singleSequences[0].Sequences | Should -Be 3
        $singleSequences[0].Objective | Should -Not -BeNullOrEmpty
        $parts = @(foreach ($s in $shards) { & $measureSequences $s })
        Assert-SingleRun @($parts | Merge-CrossEntropyResult) $singleSequences
        $xml = Join-Path $TestDrive 'sequences.xml'
        $parts | Export-Clixml -Path $xml
        Assert-SingleRun @(Import-Clixml -Path $xml | Merge-CrossEntropyResult) $singleSequences
        $json = @($parts | ForEach-Object { $_ | ConvertTo-Json -Depth 3 | ConvertFrom-Json })
        Assert-SingleRun @($json | Merge-CrossEntropyResult) $singleSequences
    }
}

Describe 'Find-NoisyLabel -By Normalized across shards' {
    It 'thresholds merged from JSON, then each shard ranked with them: the single run''s top 10' {
        $n = 10
        $expected = @(Find-NoisyLabel -Path $whole -Top $n)
        $thresholds = $shards | ForEach-Object { Find-NoisyLabel -Path $_ -ThresholdOnly | ConvertTo-Json | ConvertFrom-Json } | Merge-CrossEntropyResult
        $thresholds | Should -BeOfType ([CrossEntropy.ClassThresholds])
        $merged = @($shards | ForEach-Object { Find-NoisyLabel -Path $_ -Top $n -ClassThreshold $thresholds } | Sort-Object NormalizedScore -Descending | Select-Object -First $n)
        $merged | Should -HaveCount $n
        for ($i = 0; $i -lt $n; $i++) {
            Get-FigureMismatch $expected[$i].NormalizedScore $merged[$i].NormalizedScore "rank $($i + 1)" | Should -BeNullOrEmpty
            $merged[$i].logit_0 | Should -Be $expected[$i].logit_0
        }
    }
}

Describe 'Merge-CrossEntropyResult over PowerShell SSH remoting to 127.0.0.1' {
    BeforeAll {
        $sshd = $null
        $skipReason = $null
        try { $sshd = Start-TestSshd }
        catch {
            if ($_.FullyQualifiedErrorId -notlike 'TestSshdMissing*') { throw }
            if ($env:CI -eq 'true') { throw "CI=true and the remoting tests cannot run: $($_.Exception.Message)" }
            $skipReason = $_.Exception.Message
        }
    }

    AfterAll { Stop-TestSshd $sshd }

    It 'Invoke-Command -HostName scores the shards remotely; the merge of what comes back is the single run' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $p = $sshd.InvokeCommandParameters
        $parts = @(Invoke-Command @p -ErrorAction Stop -ArgumentList $manifest, "$measure", $shards -ScriptBlock {
                param($m, $text, $paths)
                Import-Module $m
                foreach ($path in $paths) { & ([scriptblock]::Create($text)) $path }
            })
        $parts[0].pstypenames[0] | Should -Be 'Deserialized.CrossEntropy.LossSummary'
        $parts[0].PSComputerName | Should -Be '127.0.0.1'
        $merged = @($parts | Merge-CrossEntropyResult)
        Assert-SingleRun $merged
        $merged[0].PerClass[0] | Should -BeOfType ([CrossEntropy.ClassSummary])
    }
}
