#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Issue 15 on real pwsh: list-valued logits as shell users get them — ConvertFrom-Json objects with an array
# property, `-Logit $rows.logits` (member enumeration flattens it), a list of arrays — give PyTorch's loss
# (tests/data/formats/expected.json, dataset f64), and a row whose array has another length is rejected by row.

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
