#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Issue 12 items 1, 4, 5, 6 and the tie rules of 7 where the shell matters: the real pipeline of the module's own
# objects, PowerShell's own argument conversion ('1,5' is 15 to it), -ErrorAction Stop, and what a GitHub Actions
# runner reads from a child pwsh's console. Mirrors tests/CrossEntropy.PowerShell.Tests/TrustSemanticsTests.cs.

BeforeAll {
    $repo = Split-Path -Parent $PSScriptRoot
    $manifest = Join-Path $repo 'CrossEntropy.psd1'
    Import-Module $manifest -Force
    $iris = Join-Path $repo 'examples/iris-logits.csv'
    $irisLoss = (Measure-CrossEntropy -Path $iris -WarningAction SilentlyContinue).Loss
}

Describe 'Own output piped back in (item 1)' {
    It 'Get-Softmax | Measure-CrossEntropy gives the loss of the file (and with -Log)' {
        $r = Get-Softmax -Path $iris -WarningAction SilentlyContinue | Measure-CrossEntropy
        [math]::Abs($r.Loss - $irisLoss) | Should -BeLessThan 1e-12   # before: 1.0893, Confidence read as a logit
        $r.Classes | Should -Be @('setosa', 'versicolor', 'virginica')
        $log = Get-Softmax -Path $iris -Log -WarningAction SilentlyContinue | Measure-CrossEntropy
        [math]::Abs($log.Loss - $irisLoss) | Should -BeLessThan 1e-12
    }

    It 'Find-NoisyLabel | Measure-CrossEntropy takes no Rank, Loss or Margin as a class' {
        $r = Find-NoisyLabel -Path $iris -Top 150 -WarningAction SilentlyContinue | Measure-CrossEntropy -WarningAction SilentlyContinue
        $r.Classes | Should -Be @('setosa', 'versicolor', 'virginica')    # before: 9 classes, loss 72.39
        [math]::Abs($r.Loss - $irisLoss) | Should -BeLessThan 1e-12
    }

    It 'refuses Get-LossGradient rows by name' {
        { Get-LossGradient -Path $iris -WarningAction SilentlyContinue | Measure-CrossEntropy -ErrorAction Stop } |
            Should -Throw "*Get-LossGradient's gradients*not predictions*"
    }

    It 'warns with the columns the numeric fallback took' {
        $null = Import-Csv -Path $iris | Measure-CrossEntropy -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -BeLike '*every numeric column was taken as a logit: setosa, versicolor, virginica.*'
    }
}

Describe 'Option values as the data has them (item 4)' {
    It 'refuses <Option> as -Logit ''1,5'' is refused' -ForEach @(
        @{ Option = "-Temperature '1,5'" }, @{ Option = "-Weight '1,5',1,1" }, @{ Option = "-Weight @{ setosa = '1,5' }" }
    ) {
        $command = "Measure-CrossEntropy -Path '$iris' $Option -ErrorAction Stop"
        { Invoke-Expression $command } | Should -Throw "*value '1,5': not a number (numbers are read with '.'*"
    }

    It 'refuses -PosWeight ''2,5''' {
        { Measure-CrossEntropy -Logit 1 -Target 1 -PosWeight '2,5' } | Should -Throw "*value '2,5': not a number*"
    }

    It 'scales by the temperature after the shift, so finite logits never overflow' {
        $r = Measure-CrossEntropy -Logit 1e308, 9.9e307, 0 -Target 1 -Temperature 0.5 -ErrorAction Stop
        $r.Loss | Should -Be ((1e308 - 9.9e307) / 0.5)
    }
}

Describe 'One actionable error per systematic problem (item 5)' {
    It 'writes three errors and one summary with the fix' {
        $path = Join-Path $TestDrive 'animals.csv'
        Set-Content -Path $path -Value (@('cat_score,dog_score,bird_score,label') + (1..60 | ForEach-Object { "1,2,3,$(@('cat', 'dog', 'bird')[$_ % 3])" }))
        $r = Measure-CrossEntropy -Path $path -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $r.Rejected | Should -Be 60
        $e.Count | Should -Be 4
        "$($e[3])" | Should -BeLike '*... and 57 more rows rejected like the 3 above (rows 4 to 60)*-Class cat,dog,bird*'
    }

    It 'emits no row after the bad one under -ErrorAction Stop' {
        $path = Join-Path $TestDrive 'stop.csv'
        Set-Content -Path $path -Value (@('logit_a,logit_b,label') + (1..50 | ForEach-Object { if ($_ -eq 9) { 'inf,inf,a' } else { '1,2,a' } }))
        $seen = [Collections.Generic.List[long]]::new()
        try { Measure-CrossEntropy -Path $path -Reduction None -ErrorAction Stop | ForEach-Object { $seen.Add($_.Row) } } catch { }
        $seen | Should -Be (1..8)
    }
}

Describe 'Untrusted text under -GitHubAnnotation (item 6)' {
    It 'lets no cell start a line of the console a runner reads' {
        $path = Join-Path $TestDrive 'inject.csv'
        [IO.File]::WriteAllText($path, "logit_a,logit_b,label`n1,2,a`n1,2,`"x`n::error::pwned`"`n2,1,b`n")
        $script = "Import-Module '$manifest'; `$null = Test-Prediction -Path '$path' -GitHubAnnotation; " +
            "try { Assert-CrossEntropy -Path '$path' -MaximumLoss 0 -GitHubAnnotation } catch { Write-Error `$_ }; Measure-CrossEntropy -Path '$path'"
        $lines = & pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" } | ForEach-Object { $_ -split "`r?`n" }
        ($lines -join "`n") | Should -BeLike '*pwned*'                  # the value is shown ...
        $lines | Where-Object { $_ -match '^\s*::[a-z-]+::' } | Should -BeNullOrEmpty   # ... but never as a workflow command
        $lines | Where-Object { $_ -match 'pwned' -and $_ -notmatch 'x(\\n|%0A)::error::pwned' } | Should -BeNullOrEmpty
    }
}

Describe 'Ties (item 7)' {
    It 'counts a tied label in the top k only within the first k by class index' {
        (Measure-CrossEntropy -Logit 1, 1, 1 -Target 2 -TopK 2).TopKAccuracy | Should -Be 0
        (Measure-CrossEntropy -Logit 1, 1, 1 -Target 1 -TopK 2).TopKAccuracy | Should -Be 1
    }
}
