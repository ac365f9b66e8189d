#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# z-loss, soft-capping and focal losses through the cmdlets on real pwsh: the committed input files of
# tests/data/sequence (written by tests/data/generate_sequence_expected.py with PyTorch and torchvision) against
# tests/data/sequence_expected.json, to 1e-12. The engine's own tests are in TrainingLossTests.cs.

BeforeDiscovery {
    $expected = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'data/sequence_expected.json') | ConvertFrom-Json
    $softmaxCases = foreach ($c in @($expected.z_loss) + @($expected.softcap)) { @{ Case = $c; Name = $c.name } }
    $focalCases = foreach ($c in $expected.focal) { @{ Case = $c; Name = $c.name } }
    $sigmoidCases = foreach ($c in $expected.sigmoid_focal) { @{ Case = $c; Name = $c.name } }
}

BeforeAll {
    Import-Module (Join-Path (Split-Path -Parent $PSScriptRoot) 'CrossEntropy.psd1') -Force
    $script:Data = Join-Path $PSScriptRoot 'data'

    function Assert-Near([double] $Expected, [double] $Actual, [double] $Rel = 1e-12, [double] $Abs = 1e-14, [string] $What = 'value') {
        if ($Expected -eq $Actual) { return }
        $tolerance = $Rel * [math]::Max([math]::Abs($Expected), [math]::Abs($Actual)) + $Abs
        [math]::Abs($Expected - $Actual) | Should -BeLessOrEqual $tolerance -Because "$What should be $Expected, got $Actual"
    }

    # The issue's gradient tolerance: |a - b| <= 1e-12 * max(1, |b|).
    function Assert-Gradient($Expected, $Rows, [string] $What) {
        $Rows.Count | Should -Be @($Expected).Count
        for ($i = 0; $i -lt $Rows.Count; $i++) {
            for ($k = 0; $k -lt $Rows[$i].Gradient.Count; $k++) {
                $b = [double]$Expected[$i][$k]
                [math]::Abs($Rows[$i].Gradient[$k] - $b) | Should -BeLessOrEqual (1e-12 * [math]::Max(1, [math]::Abs($b))) -Because "$What [$i,$k]"
            }
        }
    }

    # The cmdlet options a case's parameters give.
    function Get-CaseOption($Case) {
        $o = @{}
        if ($Case.z) { $o.ZLoss = $Case.z }
        if ($Case.softcap) { $o.SoftCap = $Case.softcap }
        if ($Case.label_smoothing) { $o.LabelSmoothing = $Case.label_smoothing }
        if ($Case.weight) { $o.Weight = [double[]]$Case.weight }
        if ($null -ne $Case.gamma) { $o.FocalGamma = $Case.gamma }
        if ($Case.alpha -is [array]) { $o.FocalAlpha = [double[]]$Case.alpha }
        elseif ($null -ne $Case.alpha) { $o.FocalAlpha = $Case.alpha }
        if ($Case.kind -eq 'multilabel') { $o.MultiLabel = $true }
        $o
    }
}

Describe 'Measure-CrossEntropy -ZLoss / -SoftCap against PyTorch (<Name>)' -ForEach $softmaxCases {
    It 'gives the mean, the sum, the z part alone and each row''s loss' {
        $o = Get-CaseOption $Case
        $path = Join-Path $Data $Case.file
        $mean = Measure-CrossEntropy -Path $path @o
        Assert-Near $Case.loss_mean $mean.Loss -What 'mean'
        $mean.Ignored | Should -Be @($Case.target | Where-Object { $_ -eq -100 }).Count
        $sum = Measure-CrossEntropy -Path $path -Reduction Sum @o
        Assert-Near $Case.loss_sum $sum.Loss -What 'sum'
        if ($Case.z) {
            Assert-Near $Case.z_mean $mean.ZLoss -What 'z mean'
            Assert-Near $Case.z_sum $sum.ZLoss -What 'z sum'
            Assert-Near ([math]::Exp($Case.ce_mean)) $mean.Perplexity -What 'perplexity of the cross-entropy part'
        }
        else { $mean.ZLoss | Should -BeNullOrEmpty }
        $rows = @(Measure-CrossEntropy -Path $path -Reduction None @o)
        for ($i = 0; $i -lt $rows.Count; $i++) { Assert-Near $Case.loss_none[$i] $rows[$i].Loss -What "row $i" }
    }

    It 'gives autograd''s gradient of the mean and of the sum' {
        $o = Get-CaseOption $Case
        $path = Join-Path $Data $Case.file
        Assert-Gradient $Case.grad_mean @(Get-LossGradient -Path $path @o) 'mean'
        Assert-Gradient $Case.grad_sum @(Get-LossGradient -Path $path -Reduction Sum @o) 'sum'
    }
}

Describe 'Focal loss against autograd and torchvision (<Name>)' -ForEach (@($focalCases) + @($sigmoidCases)) {
    It 'gives the mean, the sum and the gradients' {
        $o = Get-CaseOption $Case
        $path = Join-Path $Data $Case.file
        Assert-Near $Case.loss_mean (Measure-CrossEntropy -Path $path @o).Loss -What 'mean'
        Assert-Near $Case.loss_sum (Measure-CrossEntropy -Path $path -Reduction Sum @o).Loss -What 'sum'
        $grad = @(Get-LossGradient -Path $path @o)
        $expected = if ($Case.kind -eq 'binary') { foreach ($g in $Case.grad_mean) { , @($g) } } else { $Case.grad_mean }
        Assert-Gradient $expected $grad 'mean'
    }
}

Describe 'Training-loss options that do not combine' {
    It 'refuses <What> with a message naming the option' -ForEach @(
        @{ What = 'FocalAlpha without FocalGamma'; Extra = @{ FocalAlpha = 1, 1, 1, 1, 1 }; Message = '*FocalAlpha needs FocalGamma*' }
        @{ What = 'FocalGamma with Weight'; Extra = @{ FocalGamma = 2; Weight = 1, 1, 1, 1, 1 }; Message = '*FocalAlpha, not Weight*' }
    ) {
        { Measure-CrossEntropy -Path (Join-Path $Data 'sequence/focal.csv') @Extra -ErrorAction Stop } | Should -Throw $Message
    }
}
