#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What only a real shell shows: the real Import-Csv and Export-Csv, files other tools write, the example scripts run
# end to end, the module used from several runspaces at once, and the package installed and autoloaded.

BeforeAll {
    $repo = Split-Path -Parent $PSScriptRoot
    Import-Module (Join-Path $repo 'CrossEntropy.psd1') -Force
    $iris = Join-Path $repo 'examples/iris-logits.csv'
    $digits = Join-Path $repo 'examples/digits-logits.csv'
    $irisLoss = (Measure-CrossEntropy -Path $iris).Loss
}

Describe 'The real Import-Csv pipeline' {
    It 'gives what -Path gives, row for row' {
        $r = Import-Csv -Path $iris | Measure-CrossEntropy
        $r.Loss | Should -Be $irisLoss
        $r.Count | Should -Be 150
        $perRow = Import-Csv -Path $digits | Measure-CrossEntropy -Reduction None
        $fromFile = Measure-CrossEntropy -Path $digits -Reduction None
        $perRow.Loss | Should -Be $fromFile.Loss
        $perRow.Row | Should -Be $fromFile.Row
    }

    It 'reads a semicolon file with comma decimals through Import-Csv -Delimiter and through -Path' {
        $path = Join-Path $TestDrive 'iris-de.csv'
        $lines = Get-Content -Path $iris
        $converted = @($lines[0].Replace(',', ';')) + @($lines | Select-Object -Skip 1 | ForEach-Object { $_.Replace(',', ';').Replace('.', ',') })
        Set-Content -Path $path -Value $converted
        (Import-Csv -Path $path -Delimiter ';' | Measure-CrossEntropy -DecimalComma).Loss | Should -Be $irisLoss
        (Measure-CrossEntropy -Path $path -Delimiter ';' -DecimalComma).Loss | Should -Be $irisLoss
    }

    It 'reads what Export-Csv writes (every field quoted)' {
        $path = Join-Path $TestDrive 'exported.csv'
        Import-Csv -Path $iris | Export-Csv -Path $path
        (Get-Content -Path $path -TotalCount 1) | Should -BeLike '"*"'
        (Measure-CrossEntropy -Path $path).Loss | Should -Be $irisLoss
    }

    It 'reads what Out-File writes in <_>' -ForEach 'utf8', 'utf8BOM', 'unicode', 'bigendianunicode', 'utf32' {
        $path = Join-Path $TestDrive "out-file-$_.csv"
        Get-Content -Path $iris | Out-File -FilePath $path -Encoding $_
        $r = Measure-CrossEntropy -Path $path
        $r.Loss | Should -Be $irisLoss
        $r.Count | Should -Be 150
    }

    It 'writes Get-Softmax rows that Export-Csv and Import-Csv carry' {
        $path = Join-Path $TestDrive 'softmax.csv'
        Get-Softmax -Path $iris | Select-Object Row, setosa, versicolor, virginica | Export-Csv -Path $path
        $back = Import-Csv -Path $path
        $back | Should -HaveCount 150
        $first = Get-Softmax -Path $iris | Select-Object -First 1
        [double]::Parse($back[0].setosa, [cultureinfo]::InvariantCulture) | Should -Be $first.setosa
    }
}

Describe 'The example scripts' {
    It 'audit.ps1 runs end to end and writes both reports' {
        $out = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'audit')
        $text = & pwsh -NoProfile -NonInteractive -File (Join-Path $repo 'examples/audit.ps1') -OutputFolder $out.FullName 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $text
        $text | Should -BeLike '*row 1265: labelled 1, model says 8*'
        Join-Path $out 'digits-logits-audit.html' | Should -Exist
        Join-Path $out 'iris-probabilities-audit.html' | Should -Exist
    }

    It 'ci-check.ps1 passes the bundled predictions and fails the broken file' {
        $out = Join-Path $TestDrive 'ci'
        $text = & pwsh -NoProfile -NonInteractive -File (Join-Path $repo 'examples/ci-check.ps1') -OutputFolder $out 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $text
        @(Get-ChildItem -Path $out -Filter *.json) | Should -HaveCount 4
        $broken = Join-Path $repo 'examples/broken-predictions.csv'
        $text = & pwsh -NoProfile -NonInteractive -File (Join-Path $repo 'examples/ci-check.ps1') -Path $broken -OutputFolder $out 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 1
        $text | Should -BeLike '*FAIL broken-predictions: 7 problems in the data*'
    }
}

Describe 'Several runspaces at once' {
    It 'gives identical results from ForEach-Object -Parallel' {
        $module = Join-Path $repo 'CrossEntropy.psd1'
        $files = @($iris, $digits, $iris, $digits, (Join-Path $repo 'examples/iris-probabilities.csv'))
        $serial = foreach ($f in $files) { Measure-CrossEntropy -Path $f }
        $parallel = $files | ForEach-Object -ThrottleLimit 5 -Parallel {
            Import-Module $using:module
            $r = Measure-CrossEntropy -Path $_
            [pscustomobject]@{ Source = $r.Source; Loss = $r.Loss; Count = $r.Count; PerClass = @($r.PerClass.Loss) }
        }
        foreach ($s in $serial) {
            $p = @($parallel | Where-Object Source -EQ $s.Source)
            $p.Count | Should -BeGreaterThan 0
            foreach ($one in $p) {
                $one.Loss | Should -Be $s.Loss
                $one.Count | Should -Be $s.Count
                $one.PerClass | Should -Be @($s.PerClass.Loss)
            }
        }
    }
}

Describe 'The package' {
    It 'installs with Install-PSResource from the local feed and autoloads without Import-Module' {
        $out = Join-Path $TestDrive 'package'
        & pwsh -NoProfile -NonInteractive -File (Join-Path $repo 'build.ps1') -Package -NoBuild -OutputPath $out *>&1 | Out-Null
        $LASTEXITCODE | Should -Be 0
        $feed = Join-Path $out 'feed'
        @(Get-ChildItem -Path $feed -Filter 'CrossEntropy.*.nupkg') | Should -HaveCount 1

        # A clean HOME: no module path, repository or module of this session is visible to the child.
        $home2 = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'home')
        $script = @"
Register-PSResourceRepository -Name local -Uri '$feed' -Trusted
Install-PSResource -Name CrossEntropy -Repository local -Scope CurrentUser -TrustRepository
if (Get-Module CrossEntropy) { throw 'loaded too early' }
`$r = Measure-CrossEntropy -Logit 2.0, 1.0, 0.1 -Target 0
'{0}|{1}|{2}' -f `$r.Loss.ToString('R', [cultureinfo]::InvariantCulture), (Get-Module CrossEntropy).ModuleBase, ((Get-Help Measure-CrossEntropy).Examples.Example.Count)
"@
        $saved = @{ HOME = $env:HOME; PSModulePath = $env:PSModulePath; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME }
        try {
            $env:HOME = $home2.FullName
            $env:PSModulePath = $null
            $env:XDG_DATA_HOME = $null
            $env:XDG_CONFIG_HOME = $null
            $result = & pwsh -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        }
        finally {
            foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        }
        $LASTEXITCODE | Should -Be 0 -Because $result
        $loss, $base, $examples = ($result.Trim() -split "`n")[-1] -split '\|'
        $loss | Should -Be '0.41703001627783354'
        $base | Should -BeLike "$($home2.FullName)*"
        [int]$examples | Should -BeGreaterOrEqual 3
    }
}
