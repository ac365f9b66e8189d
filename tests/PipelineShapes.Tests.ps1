#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pipeline rows are read by position once their shape is known (issue 18 item 3): rows whose properties come in
# another order, with extra or missing properties, other letter case, hashtables or .NET objects must still be read by
# name. Each row's loss is compared with the same row given as arrays (-Logit/-Target), which takes no property path.

BeforeAll {
    Import-Module (Join-Path (Split-Path -Parent $PSScriptRoot) 'CrossEntropy.psd1') -Force
    $script:Canonical = @(
        @{ a = 1.5; b = -0.25; c = 0.0; label = 'b' }
        @{ a = -2.0; b = 3.0; c = 1.0; label = 'c' }
        @{ a = 0.125; b = 0.5; c = -1.0; label = 'a' }
        @{ a = 4.0; b = 4.0; c = 4.0; label = 'a' }
        @{ a = -0.5; b = 2.5; c = 0.75; label = 'b' }
        @{ a = 0.0; b = 0.0; c = 0.0; label = 'c' }
        @{ a = 7.0; b = -7.0; c = 0.5; label = 'c' }
    )
    function Get-ArrayLoss([hashtable] $Row) {
        (Measure-CrossEntropy -Logit ([double[]]@($Row.a, $Row.b, $Row.c)) -Target (@('a', 'b', 'c').IndexOf($Row.label)) -Reduction None).Loss
    }
}

Describe 'Pipeline rows of several shapes' {
    It 'reads every row by its property names, whatever the order, extras, case or object kind' {
        $i = 0
        $rows = foreach ($r in $Canonical) {
            $text = @{ logit_a = [string]$r.a; logit_b = [string]$r.b; logit_c = [string]$r.c; label = $r.label }
            switch ($i++) {
                0 { [pscustomobject][ordered]@{ logit_a = $text.logit_a; logit_b = $text.logit_b; logit_c = $text.logit_c; label = $r.label } }
                1 { [pscustomobject][ordered]@{ label = $r.label; logit_c = $text.logit_c; logit_b = $text.logit_b; logit_a = $text.logit_a } }
                2 { [pscustomobject][ordered]@{ id = 3; logit_a = $text.logit_a; logit_b = $text.logit_b; logit_c = $text.logit_c; label = $r.label } }
                3 { [pscustomobject][ordered]@{ LOGIT_A = $text.logit_a; Logit_B = $text.logit_b; logit_c = $text.logit_c; Label = $r.label } }
                4 { [ordered]@{ logit_b = $r.b; logit_a = $r.a; logit_c = $r.c; label = $r.label } }
                5 { [pscustomobject][ordered]@{ logit_a = $text.logit_a; logit_b = $text.logit_b; logit_c = $text.logit_c; label = $r.label } | Add-Member -NotePropertyName extra -NotePropertyValue 1 -PassThru }
                6 { [pscustomobject][ordered]@{ logit_a = $text.logit_a; logit_b = $text.logit_b; logit_c = $text.logit_c; label = $r.label } }
            }
        }
        $out = @($rows | Measure-CrossEntropy -Reduction None -Class a, b, c)
        $out.Count | Should -Be $Canonical.Count
        for ($k = 0; $k -lt $Canonical.Count; $k++) {
            $out[$k].Loss | Should -Be (Get-ArrayLoss $Canonical[$k]) -Because "row $($k + 1) is read by name"
        }
    }

    It 'rejects a row without a score property, naming the column, and reads the rows after it' {
        $rows = @(
            [pscustomobject][ordered]@{ logit_a = '1'; logit_b = '2'; label = 'a' }
            [pscustomobject][ordered]@{ logit_a = '1'; label = 'b' }
            [pscustomobject][ordered]@{ logit_b = '0.5'; logit_a = '3'; label = 'b' }
        )
        $summary = $rows | Measure-CrossEntropy -Class a, b -ErrorVariable errs -ErrorAction SilentlyContinue
        $summary.Used | Should -Be 2
        $summary.Rejected | Should -Be 1
        "$errs" | Should -BeLike "*row 2*logit_b*"
        $expected = ((Measure-CrossEntropy -Logit ([double[]](1, 2)), ([double[]](3, 0.5)) -Target 0, 1 -Reduction None).Loss | Measure-Object -Sum).Sum / 2
        $summary.Loss | Should -Be $expected
    }
}
