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

# Rows that the engine will not reject are let go before their block is computed (RejectionScreen); a row it does
# reject must still be named by its own object. Streamed rows must give what the file gives, bit for bit, whatever
# the row objects hold: strings, doubles, ints, PSObject-wrapped numbers, in any culture.
Describe 'Streamed rows against the file and the general path' {
    BeforeAll {
        $script:Rng = [Random]::new(18)
        $script:Texts = foreach ($i in 1..2500) {
            $cells = foreach ($c in 0..3) { ($Rng.NextDouble() * 8 - 4).ToString('R', [cultureinfo]::InvariantCulture) }
            $label = [string]$Rng.Next(4)
            switch ($i % 97) {
                5 { $cells[1] = 'NaN' }           # the engine rejects it: the logit is NaN
                11 { $label = '7' }               # out of range: rejected when read
                23 { $cells[2] = 'Infinity'; $cells[3] = 'Infinity' } # two +Infinity: the engine rejects it
                31 { $cells[0] = 'x' }            # not a number: rejected when read
                47 { $label = '-100' }            # the ignore index
            }
            , @($cells + $label)
        }
        $script:Csv = Join-Path ([IO.Path]::GetTempPath()) "pipefast-$PID.csv"
        Set-Content -Path $Csv -Value (@('logit_0,logit_1,logit_2,logit_3,label') + @($Texts | ForEach-Object { $_ -join ',' }))
        function ConvertTo-Row([string[]] $Cells, [scriptblock] $Number) {
            [pscustomobject][ordered]@{ logit_0 = & $Number $Cells[0]; logit_1 = & $Number $Cells[1]; logit_2 = & $Number $Cells[2]; logit_3 = & $Number $Cells[3]; label = $Cells[4] }
        }
        function Get-Bits($Summary) {
            @($Summary.Loss, $Summary.Accuracy, $Summary.Count, $Summary.Used, $Summary.Ignored, $Summary.Rejected) |
                ForEach-Object { if ($_ -is [double]) { [BitConverter]::DoubleToInt64Bits($_) } else { $_ } }
        }
    }
    AfterAll { Remove-Item -LiteralPath $Csv -ErrorAction SilentlyContinue }

    It 'gives the file''s summary bit for bit, and names each rejected row by its own object' {
        $rows = @(Import-Csv -LiteralPath $Csv)
        $fromFile = Measure-CrossEntropy -LiteralPath $Csv -IgnoreIndex -100 -ErrorAction SilentlyContinue
        $streamed = $rows | Measure-CrossEntropy -IgnoreIndex -100 -ErrorVariable errs -ErrorAction SilentlyContinue
        (Get-Bits $streamed) | Should -Be (Get-Bits $fromFile)
        $streamed.Rejected | Should -BeGreaterThan 0
        # The first rows of each kind are written one by one (then a line for the rest): each names its own object.
        $single = @($errs | Where-Object { "$_" -match ', row \d+, ' })
        foreach ($e in $single) {
            $row = [int]([regex]::Match("$e", ', row (\d+), ').Groups[1].Value)
            [object]::ReferenceEquals($e.TargetObject, $rows[$row - 1]) | Should -BeTrue -Because "the error for row $row names its object: $e"
        }
        @($single | Where-Object { "$_" -like '*logit is NaN*' }).Count | Should -BeGreaterThan 0
        @($single | Where-Object { "$_" -like '*+Infinity*' }).Count | Should -BeGreaterThan 0
    }

    It 'reads numbers given as doubles, ints, PSObject-wrapped or text, and hashtables, alike' {
        $plain = @($Texts | Where-Object { $_[0] -ne 'x' } | Select-Object -First 600)
        $asText = $plain | ForEach-Object { ConvertTo-Row $_ { param($t) $t } }
        $asDouble = $plain | ForEach-Object { ConvertTo-Row $_ { param($t) [double]::Parse($t, [cultureinfo]::InvariantCulture) } }
        $wrapped = $plain | ForEach-Object { ConvertTo-Row $_ { param($t) [psobject][double]::Parse($t, [cultureinfo]::InvariantCulture) } }
        $hashtables = $plain | ForEach-Object { [ordered]@{ logit_0 = $_[0]; logit_1 = $_[1]; logit_2 = $_[2]; logit_3 = $_[3]; label = $_[4] } }
        $expected = Get-Bits ($asText | Measure-CrossEntropy -IgnoreIndex -100 -ErrorAction SilentlyContinue)
        (Get-Bits ($asDouble | Measure-CrossEntropy -IgnoreIndex -100 -ErrorAction SilentlyContinue)) | Should -Be $expected
        (Get-Bits ($wrapped | Measure-CrossEntropy -IgnoreIndex -100 -ErrorAction SilentlyContinue)) | Should -Be $expected
        (Get-Bits ($hashtables | Measure-CrossEntropy -IgnoreIndex -100 -ErrorAction SilentlyContinue)) | Should -Be $expected
        $ints = @(1..300 | ForEach-Object { [pscustomobject]@{ logit_0 = $_ % 5; logit_1 = [int]2; logit_2 = [long]-1; logit_3 = 0; label = $_ % 4 } })
        $intsAsText = @($ints | ForEach-Object { [pscustomobject]@{ logit_0 = "$($_.logit_0)"; logit_1 = '2'; logit_2 = '-1'; logit_3 = '0'; label = "$($_.label)" } })
        (Get-Bits ($ints | Measure-CrossEntropy)) | Should -Be (Get-Bits ($intsAsText | Measure-CrossEntropy))
    }

    It 'reads rows whose shape changes mid-stream, past block boundaries, as the general path does' {
        $plain = @($Texts | Select-Object -First 3000)
        $k = 0
        $mixed = foreach ($t in $plain) {
            $k++
            if ($k -lt 1500) { [pscustomobject][ordered]@{ logit_0 = $t[0]; logit_1 = $t[1]; logit_2 = $t[2]; logit_3 = $t[3]; label = $t[4] } }
            elseif ($k -lt 1800) { [pscustomobject][ordered]@{ label = $t[4]; extra = 'e'; logit_3 = $t[3]; logit_2 = $t[2]; logit_1 = $t[1]; logit_0 = $t[0] } }
            elseif ($k % 50 -eq 0) { [pscustomobject][ordered]@{ logit_0 = $t[0]; logit_1 = $t[1]; logit_3 = $t[3]; label = $t[4] } } # logit_2 missing
            else { [pscustomobject][ordered]@{ LOGIT_0 = $t[0]; logit_1 = $t[1]; logit_2 = $t[2]; logit_3 = $t[3]; Label = $t[4]; id = $k } }
        }
        $general = foreach ($o in $mixed) { $h = [ordered]@{}; foreach ($p in $o.PSObject.Properties) { $h[$p.Name] = $p.Value }; $h }
        $a = $mixed | Measure-CrossEntropy -IgnoreIndex -100 -ErrorVariable ea -ErrorAction SilentlyContinue
        $b = $general | Measure-CrossEntropy -IgnoreIndex -100 -ErrorVariable eb -ErrorAction SilentlyContinue
        (Get-Bits $a) | Should -Be (Get-Bits $b)
        @($ea | ForEach-Object { "$_" }) | Should -Be @($eb | ForEach-Object { "$_" })
        @($ea | Where-Object { "$_" -like "*logit_2*" }).Count | Should -BeGreaterThan 0
    }

    It 'reads streamed rows the same in de-DE' {
        $rows = @(Import-Csv -LiteralPath $Csv | Select-Object -First 800)
        $invariant = Get-Bits ($rows | Measure-CrossEntropy -IgnoreIndex -100 -ErrorAction SilentlyContinue)
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            (Get-Bits ($rows | Measure-CrossEntropy -IgnoreIndex -100 -ErrorAction SilentlyContinue)) | Should -Be $invariant
        }
        finally { [cultureinfo]::CurrentCulture = $saved }
    }
}
