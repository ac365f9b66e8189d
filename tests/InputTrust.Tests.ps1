#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Issue 12, items 2, 3 and 9, on a real shell: every row of every input counted (line ends, broken quotes, empty and
# missing input, FIFOs), encodings read strictly, and -Combine rows naming their own file. Each case failed before.

BeforeAll {
    $repo = Split-Path -Parent $PSScriptRoot
    Import-Module (Join-Path $repo 'CrossEntropy.psd1') -Force
    $iris = Join-Path $repo 'examples/iris-logits.csv'
    $irisLoss = (Measure-CrossEntropy -Path $iris).Loss
    function Write-Bytes([string] $name, [byte[]] $bytes) {
        $path = Join-Path $TestDrive $name
        [IO.File]::WriteAllBytes($path, $bytes)
        $path
    }
    $utf8 = [Text.UTF8Encoding]::new($false)
}

Describe 'Line ends' {
    It 'reads every row of a <_> file' -ForEach 'CR', 'LF', 'CRLF', 'mixed' {
        $lines = [IO.File]::ReadAllLines($iris)
        $text = switch ($_) {
            'CR' { ($lines -join "`r") + "`r" }
            'LF' { ($lines -join "`n") + "`n" }
            'CRLF' { ($lines -join "`r`n") + "`r`n" }
            'mixed' { $i = 0; ($lines | ForEach-Object { $_ + @("`n", "`r`n", "`r")[$i++ % 3] }) -join '' }
        }
        $path = Write-Bytes "iris-$_.csv" $utf8.GetBytes($text)
        $r = Measure-CrossEntropy -Path $path
        $r.Count | Should -Be 150
        $r.Loss | Should -Be $irisLoss
    }
}

Describe 'A broken record costs its own line' {
    BeforeAll {
        # 400,001 rows (about 5 MB: more than one 4 MB chunk); the bad rows are spread through the file and must cost
        # only themselves, with the same figures at every thread count.
        $normal = foreach ($i in 1..1000) { '{0},1,{1},"{2}"' -f ($i % 7), ($i % 3 - 1), @('a', 'b', 'c')[$i % 3] }
        $bad = @{ 17 = '1,2,3,"a"x'; 120000 = '1,2,3,"never closed'; 120001 = '1,2,"3""y'; 250000 = '1,2,3,5" screen'; 399999 = '1,2,3,"b' }
        $blocks = foreach ($k in 0..399) {
            $lines = $normal.Clone()
            foreach ($row in $bad.Keys) { if ([math]::Floor(($row - 1) / 1000) -eq $k) { $lines[($row - 1) % 1000] = $bad[$row] } }
            ($lines -join "`n") + "`n"
        }
        $broken = Write-Bytes 'broken.csv' $utf8.GetBytes("logit_a,logit_b,logit_c,label`n" + ($blocks -join '') + "0,0,9,c`n")
        $badRows = @($bad.Keys | Sort-Object)
    }

    It 'rejects only the broken lines, with their rows, at -ThrottleLimit <_>' -ForEach 1, 2, 4 {
        $errors = $null
        $r = Measure-CrossEntropy -Path $broken -ThrottleLimit $_ -ErrorVariable errors -ErrorAction SilentlyContinue
        $r.Count | Should -Be 400001
        $r.Rejected | Should -Be 5
        $r.Used | Should -Be 399996
        @($errors | ForEach-Object { $_.TargetObject.Row }) | Should -Be $badRows
        "$($errors[0])" | Should -BeLike '*row 17*malformed*reading went on with the next one*'
    }

    It 'gives the same loss at every thread count' {
        $one = (Measure-CrossEntropy -Path $broken -ThrottleLimit 1 -ErrorAction SilentlyContinue).Loss
        $four = (Measure-CrossEntropy -Path $broken -ThrottleLimit 4 -ErrorAction SilentlyContinue).Loss
        $four | Should -Be $one
    }
}

Describe 'No input is never silence' {
    It 'an empty pipeline is an error' {
        $errors = $null
        $out = @() | Measure-CrossEntropy -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.NoInput*'
        "$($errors[0])" | Should -BeLike '*no input*'
    }

    It 'a wildcard that matches nothing is an error naming it' {
        $errors = $null
        Measure-CrossEntropy -Path (Join-Path $TestDrive 'nothing-*.csv') -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.NoMatchingFile*'
        "$($errors[0])" | Should -BeLike "*No file matches*nothing-``*.csv*"
    }
}

Describe 'FIFOs and devices' -Skip:($IsWindows) {
    It 'refuses a FIFO with a non-terminating error and still reads the other files' {
        $fifo = Join-Path $TestDrive 'preds.fifo'
        & mkfifo $fifo
        # A writer, so that opening the FIFO does not wait forever.
        $writer = Start-ThreadJob -ScriptBlock { param($to, $from) [IO.File]::WriteAllBytes($to, [IO.File]::ReadAllBytes($from)) } -ArgumentList $fifo, $iris
        try {
            $errors = $null
            $r = Measure-CrossEntropy -Path $fifo, $iris -ErrorVariable errors -ErrorAction SilentlyContinue
            $r | Should -HaveCount 1
            $r.Count | Should -Be 150
            $errors | Should -HaveCount 1
            "$($errors[0])" | Should -BeLike '*preds.fifo*not a regular file*'
        }
        finally {
            $writer | Remove-Job -Force
        }
    }
}

Describe 'Encodings' {
    BeforeAll {
        $header = $utf8.GetBytes("x,y,label`n1,2,a`n2,1,caf")
        $latin1 = Write-Bytes 'latin1.csv' ($header + [byte[]](0xE8) + $utf8.GetBytes("`n3,3,a`n"))
    }

    It 'rejects Latin-1 bytes read as UTF-8, naming row and column, instead of matching café' {
        $errors = $null
        $r = Measure-CrossEntropy -Path $latin1 -LogitColumn x, y -Class a, 'café' -ErrorVariable errors -ErrorAction SilentlyContinue
        $r.Count | Should -Be 3
        $r.Rejected | Should -Be 1
        "$($errors[0])" | Should -BeLike "*row 2*column 'label'*not valid UTF-8*-Encoding*"
    }

    It 'reads them with -Encoding latin1, so cafè is its own class' {
        $r = Measure-CrossEntropy -Path $latin1 -Encoding latin1 -LogitColumn x, y -Class a, 'cafè'
        $r.Count | Should -Be 3
        $r.Used | Should -Be 3
    }

    It 'offers -Encoding only where files are read, and completes its names' {
        (Get-Command Measure-CrossEntropy).Parameters['Encoding'].ParameterSets.Keys | Sort-Object |
            Should -Be @('InputObject', 'LiteralPath', 'Path')
        $c = TabExpansion2 -inputScript 'Measure-CrossEntropy -Path x.csv -Encoding lat' -cursorColumn 46
        $c.CompletionMatches.CompletionText | Should -Contain 'latin1'
    }

    It 'names a gzip file that is not called .gz, instead of reading binary' {
        $gz = Join-Path $TestDrive 'iris-gz.csv'
        $out = [IO.File]::Create($gz)
        $zip = [IO.Compression.GZipStream]::new($out, [IO.Compression.CompressionMode]::Compress)
        $bytes = [IO.File]::ReadAllBytes($iris)
        $zip.Write($bytes, 0, $bytes.Length)
        $zip.Dispose()
        $errors = $null
        Measure-CrossEntropy -Path $gz -ErrorVariable errors -ErrorAction SilentlyContinue
        "$($errors[0])" | Should -BeLike "${gz}: this is a gzip file, but its name does not end in .gz: rename it*"
    }
}

Describe '-Combine' {
    It 'names each row''s own file' {
        $a = Join-Path $TestDrive 'a.csv'
        $b = Join-Path $TestDrive 'b.csv'
        Set-Content -Path $a -Value 'logit_x,logit_y,label', '1,2,x', '2,1,y'
        Set-Content -Path $b -Value 'logit_x,logit_y,label', '3,1,x'
        $rows = Measure-CrossEntropy -Path $a, $b -Combine -Reduction None
        $rows.Source | Should -Be @($a, $a, $b)
        $rows.Row | Should -Be @(1, 2, 1)
    }
}

Describe 'Per-class-set types stay bounded' {
    It 'gives 1,000 distinct class sets their class properties without emitting 1,000 types' {
        $last = $null
        foreach ($i in 1..1000) { $last = Get-Softmax -Logit 1, 2 -Class "a$i", "b$i" }
        $last.a1000 | Should -BeLessThan $last.b1000
        $last.PSObject.Properties.Name | Should -Contain 'b1000'
        $emitted = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'CrossEntropy.ClassRows.SoftmaxRow' } |
            ForEach-Object { $_.GetTypes().Count }
        $emitted | Should -BeLessOrEqual 64
    }
}
