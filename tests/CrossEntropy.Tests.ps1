#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 tests for real pwsh users: ./build.ps1 -Test runs them (Invoke-Pester -Path tests).
# They cover the same behaviours as the xunit tests that host the engine in-process.

BeforeAll {
    $repo = Split-Path -Parent $PSScriptRoot
    Import-Module (Join-Path $repo 'CrossEntropy.psd1') -Force
    $iris = Join-Path $repo 'examples/iris-logits.csv'
    $digits = Join-Path $repo 'examples/digits-logits.csv'
}

Describe 'Measure-CrossEntropy' {
    It 'gives PyTorch''s loss for explicit logits' {
        $r = Measure-CrossEntropy -Logit 2.0, 1.0, 0.1 -Target 0
        $r.PSObject.TypeNames[0] | Should -Be 'CrossEntropy.LossSummary'
        $r.Loss | Should -BeGreaterThan 0.417030016277833
        $r.Loss | Should -BeLessThan 0.417030016277834
        $r.Count | Should -Be 1
        $r.Used | Should -Be 1
    }

    It 'gives the same answer for Import-Csv rows and -Path (<File>)' -ForEach @(
        @{ File = 'iris-logits.csv' }, @{ File = 'digits-logits.csv' }
    ) {
        $path = Join-Path $repo "examples/$File"
        $fromPath = Measure-CrossEntropy -Path $path
        $fromPipe = Import-Csv -Path $path | Measure-CrossEntropy
        $fromPipe.Loss | Should -Be $fromPath.Loss
        $fromPipe.Accuracy | Should -Be $fromPath.Accuracy
        $fromPath.Count | Should -Be ((Get-Content -Path $path).Count - 1)
        $fromPath.Count | Should -Be ($fromPath.Used + $fromPath.Ignored + $fromPath.Rejected)
    }

    It 'reads class-name labels and class-index labels alike' {
        $rows = Import-Csv -Path $iris
        $classes = 'setosa', 'versicolor', 'virginica'
        $byIndex = $rows | ForEach-Object {
            [pscustomobject]@{
                setosa = $_.setosa; versicolor = $_.versicolor; virginica = $_.virginica
                label  = [string][array]::IndexOf($classes, $_.label)
            }
        }
        ($byIndex | Measure-CrossEntropy).Loss | Should -Be ($rows | Measure-CrossEntropy).Loss
    }

    It 'returns one row per input with -Reduction None, so the worst rows can be found' {
        $rows = Measure-CrossEntropy -Path $iris -Reduction None
        $rows | Should -HaveCount 150
        $rows[0].PSObject.TypeNames[0] | Should -Be 'CrossEntropy.RowLoss'
        $worst = $rows | Sort-Object Loss -Descending | Select-Object -First 10
        $worst | Should -HaveCount 10
        $worst[0].Loss | Should -BeGreaterOrEqual $worst[9].Loss
        $worst[0].Predicted | Should -Not -Be $worst[0].Label
        ($rows | Measure-Object -Property Loss -Average).Average |
            Should -BeGreaterThan ((Measure-CrossEntropy -Path $iris).Loss - 1e-12)
    }

    It 'sums with -Reduction Sum' {
        $mean = (Measure-CrossEntropy -Path $iris).Loss
        $sum = (Measure-CrossEntropy -Path $iris -Reduction Sum).Loss
        [math]::Abs($sum - 150 * $mean) | Should -BeLessThan 1e-9
    }

    It 'rejects bad rows with an error naming file, row, column and value, and counts them' {
        $path = Join-Path $TestDrive 'bad.csv'
        Set-Content -Path $path -Value "a,b,label`n1,2,0`n1,x,1`n3,1,7`n0.5,0.25,b"
        $r = Measure-CrossEntropy -Path $path -Class a, b -ErrorVariable bad -ErrorAction SilentlyContinue
        $r.Count | Should -Be 4
        $r.Used | Should -Be 2
        $r.Rejected | Should -Be 2
        $bad | Should -HaveCount 2
        $bad[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $bad[0].ToString() | Should -BeLike "*bad.csv, row 2, column 'b', value 'x': not a number*"
    }

    It 'stops at the first bad row with -ErrorAction Stop' {
        { [pscustomobject]@{ logit_0 = '1'; logit_1 = '2'; label = 'zero' } |
            Measure-CrossEntropy -ErrorAction Stop } | Should -Throw '*row 1*zero*'
    }

    It 'gives one summary per file from Get-ChildItem, or one with -Combine' {
        # A folder of its own: TestDrive also holds the files of the tests before this one.
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'two-files')
        Copy-Item -Path $iris -Destination (Join-Path $folder 'a.csv')
        Copy-Item -Path $iris -Destination (Join-Path $folder 'b.csv')
        $each = Get-ChildItem -Path $folder -Filter *.csv | Measure-CrossEntropy
        $each | Should -HaveCount 2
        $each.Source | Split-Path -Leaf | Should -Be 'a.csv', 'b.csv'
        $combined = Measure-CrossEntropy -Path (Join-Path $folder '*.csv') -Combine
        $combined.Count | Should -Be 300
    }

    It 'warns and returns NaN when every row is ignored' {
        $r = Measure-CrossEntropy -Logit (1.0, 2.0), (3.0, 1.0) -Target 1, 1 -IgnoreIndex 1 -WarningVariable w -WarningAction SilentlyContinue
        [double]::IsNaN($r.Loss) | Should -BeTrue
        $r.Ignored | Should -Be 2
        $w | Should -Not -BeNullOrEmpty
    }

    It 'reads numbers the same way in a de-DE session' {
        $before = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            (Measure-CrossEntropy -Path $iris).Loss | Should -Be (Import-Csv -Path $iris | Measure-CrossEntropy).Loss
        }
        finally {
            [cultureinfo]::CurrentCulture = $before
        }
    }
}

Describe 'Help' {
    It 'documents Measure-CrossEntropy with a synopsis, every parameter and at least three examples' {
        $help = Get-Help Measure-CrossEntropy -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 3
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $documented = @($help.Parameters.Parameter.Name)
        foreach ($name in (Get-Command Measure-CrossEntropy).Parameters.Keys) {
            if ($name -notin $common) { $documented | Should -Contain $name }
        }
    }
}
