#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Issue 15 on real pwsh: list-valued logits as shell users get them — ConvertFrom-Json objects with an array
# property, `-Logit $rows.logits` (member enumeration flattens it), a list of arrays — give PyTorch's loss
# (tests/data/formats/expected.json, dataset f64), and a row whose array has another length is rejected by row; and
# Parquet files (DuckDB) read through the module's load context with its native library.

BeforeAll {
    Import-Module (Join-Path (Split-Path -Parent $PSScriptRoot) 'CrossEntropy.psd1') -Force
    $formats = Join-Path $PSScriptRoot 'data/formats'
    $expected = Get-Content -Raw (Join-Path $formats 'expected.json') | ConvertFrom-Json
    $f64 = $expected.datasets.f64
    $rows = Get-Content (Join-Path $formats 'jsonl/list-f64.jsonl') | ConvertFrom-Json

    function Assert-Near([double] $Expected, [double] $Actual) {
        [math]::Abs($Expected - $Actual) | Should -BeLessOrEqual (1e-12 * [math]::Abs($Expected) + 1e-14)
    }
}

Describe 'List-valued logits from the shell' {
    It 'reads ConvertFrom-Json objects whose logits property is an array' {
        $r = $rows | Measure-CrossEntropy
        Assert-Near $f64.loss_mean $r.Loss
        $r.Count | Should -Be 200
        $r.Used | Should -Be 200
    }

    It 'reads -Logit $rows.logits -Target $rows.label as one row per object (member enumeration flattens the arrays)' {
        $r = Measure-CrossEntropy -Logit $rows.logits -Target $rows.label
        Assert-Near $f64.loss_mean $r.Loss
        $r.Count | Should -Be 200
    }

    It 'reads -Logit given a list of arrays as one row per array' {
        $r = Measure-CrossEntropy -Logit ($rows | ForEach-Object { , $_.logits }) -Target $rows.label
        Assert-Near $f64.loss_mean $r.Loss
    }

    It 'rejects a row whose array has another length, naming the row and the property' {
        $bad = '{"logits":[1.0,2.0,3.0],"label":0}', '{"logits":[1.0,2.0],"label":1}', '{"logits":[0.5,0.1,2.0],"label":2}' |
            ConvertFrom-Json
        $r = $bad | Measure-CrossEntropy -ErrorVariable problems -ErrorAction SilentlyContinue
        $r.Count | Should -Be 3
        $r.Rejected | Should -Be 1
        "$($problems[0])" | Should -BeLike "pipeline input, row 2: column 'logits' holds a list of 2 numbers, not 3*"
    }

    It 'reads soft targets from a targets array and class names from -Class' {
        $soft = '{"logits":[2.0,0.0],"targets":[0.25,0.75]}' | ConvertFrom-Json
        $r = $soft | Measure-CrossEntropy -Class yes, no
        # -(0.25 log p0 + 0.75 log p1) with p = softmax([2, 0])
        $lse = [math]::Log([math]::Exp(2.0) + 1.0)
        Assert-Near (0.25 * ($lse - 2.0) + 0.75 * $lse) $r.Loss
    }
}

Describe 'Parquet files (written by DuckDB) on real pwsh' {
    BeforeAll {
        $parquet = Join-Path $formats 'parquet'
        $classes = 'ant', 'bee', 'cat', 'dog', 'eel'
    }

    It 'reads every clean file from Get-ChildItem with PyTorch''s loss on the stored values (float32 widened, no text round trip)' {
        $files = Get-ChildItem -Path $parquet -Filter '*.parquet' | Where-Object Name -NotLike 'dirty-*'
        $files.Count | Should -Be 9
        foreach ($file in $files) {
            $class = if ($file.Name -like '*-names.*') { $classes } else { $null }
            $r = $file | Measure-CrossEntropy -Class $class
            $dataset = $expected.files."parquet/$($file.Name)".dataset
            Assert-Near $expected.datasets.$dataset.loss_mean $r.Loss
            $r.Count | Should -Be 200
            $r.Used | Should -Be 200
        }
    }

    It 'numbers rows across row groups and gives per-row losses on two threads' {
        $want = $expected.datasets.f64.loss_none
        $rows = Measure-CrossEntropy -LiteralPath (Join-Path $parquet 'list-f64.snappy.parquet') -Reduction None -ThrottleLimit 2
        $rows.Count | Should -Be 200
        foreach ($i in 0, 63, 64, 65, 128, 199) {
            $rows[$i].Row | Should -Be ($i + 1)
            Assert-Near $want[$i] $rows[$i].Loss
        }
    }

    It 'rejects damaged rows naming the file, row, row group and column, and counts every row' {
        $r = Measure-CrossEntropy -Path (Join-Path $parquet 'dirty-list-f32.zstd.parquet') -ErrorVariable problems -ErrorAction SilentlyContinue
        Assert-Near $expected.datasets.f32_list_damaged.loss_mean $r.Loss
        $r.Count | Should -Be ($r.Used + $r.Ignored + $r.Rejected)
        $r.Rejected | Should -Be 4
        "$($problems[0])" | Should -BeLike "*dirty-list-f32.zstd.parquet, row 18 (row group 0): column 'logits' holds a list of 4 numbers, not 5*"
        "$($problems[1])" | Should -BeLike "*dirty-list-f32.zstd.parquet, row 71 (row group 1), column 'logits``[2``]', value '': the cell is empty*"
        "$($problems[3])" | Should -BeLike "*, row 151 (row group 2): column 'logits' holds no list (null)*"
    }

    It 'loads ParquetSharp and its native library in the module''s own load context' {
        $null = Measure-CrossEntropy -Path (Join-Path $parquet 'wide-f64.zstd.parquet')
        $context = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'CrossEntropy'
        $context.Assemblies.GetName().Name | Should -Contain 'ParquetSharp'
        [System.AppDomain]::CurrentDomain.GetAssemblies().Where({ $_.GetName().Name -eq 'ParquetSharp' }).Count | Should -Be 1
    }

    It 'says a file that is not Parquet is not, naming it' {
        $fake = Join-Path $TestDrive 'fake.parquet'
        Set-Content -Path $fake -Value 'logit_a,logit_b,label'
        $null = Measure-CrossEntropy -Path $fake -ErrorVariable problems -ErrorAction SilentlyContinue
        "$($problems[0])" | Should -BeLike '*fake.parquet*not a Parquet file (it does not start and end with PAR1)*'
    }
}

Describe 'A lone .npy of scores with -Target' {
    BeforeAll {
        # Alone in its folder: no sibling labels.npy to fall back on.
        $lone = Join-Path $TestDrive 'scores.npy'
        Copy-Item (Join-Path $formats 'npy/logits-f64.npy') $lone
        $samples = Import-Csv (Join-Path $formats 'samples.csv')
    }

    It 'takes -Path x.npy -Target $labels as the rows'' labels (PyTorch''s loss on the stored values)' {
        $r = Measure-CrossEntropy -Path $lone -Target $rows.label
        Assert-Near $f64.loss_mean $r.Loss
        $r.Count | Should -Be 200
        $r.Used | Should -Be 200
    }

    It 'takes class names with -Class, and -LiteralPath' {
        $r = Measure-CrossEntropy -LiteralPath $lone -Target $samples.label_name -Class ant, bee, cat, dog, eel
        Assert-Near $f64.loss_mean $r.Loss
        $r.Used | Should -Be 200
    }

    It 'prefers -Target to a sibling labels.npy' {
        $zeros = @(0) * 200
        $given = Measure-CrossEntropy -Path (Join-Path $formats 'npy/logits-f64.npy') -Target $zeros
        Assert-Near (Measure-CrossEntropy -Logit $rows.logits -Target $zeros).Loss $given.Loss
    }

    It 'says a count of targets that is not the rows'' count in -Logit''s words, naming the file' {
        $null = Measure-CrossEntropy -Path $lone -Target $rows.label[0..198] -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        "$($problems[0])" | Should -BeLike '*scores.npy*There are 200 rows of scores but 199 targets*'
    }

    It 'refuses -Target with a file that holds its own labels, and with a second file' {
        $null = Measure-CrossEntropy -Path (Join-Path $formats 'samples.csv') -Target 0 -ErrorVariable problems -ErrorAction SilentlyContinue
        "$($problems[0])" | Should -BeLike '*samples.csv*-Target gives the labels of a lone .npy of scores*'
        $e = { Measure-CrossEntropy -Path $lone, $lone -Target $rows.label } | Should -Throw -PassThru
        $e.Exception.Message | Should -BeLike '*-Target gives the labels of one .npy of scores*second file*'
        $e = { Measure-CrossEntropy -Path $lone -Target (@('fox') * 200) } | Should -Throw -PassThru
        $e.Exception.Message | Should -BeLike "*-Target value 'fox' is not a class index*"
    }
}
