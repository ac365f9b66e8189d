#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Token-level evaluation (Measure-CrossEntropy -SequenceColumn) on real pwsh: tests/data/sequence/tokens.csv (rows are
# tokens of 7 interleaved sequences, one of them all padding) against tests/data/sequence_expected.json, written by
# tests/data/generate_sequence_expected.py with PyTorch, to 1e-12.

BeforeDiscovery {
    $expected = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'data/sequence_expected.json') | ConvertFrom-Json
    $tokenCases = foreach ($c in $expected.tokens.cases | Where-Object kind -EQ 'token_level') { @{ Case = $c; Name = $c.name } }
    $logprobCases = foreach ($c in $expected.tokens.cases | Where-Object kind -EQ 'logprob') { @{ Case = $c; Name = $c.name } }
}

BeforeAll {
    Import-Module (Join-Path (Split-Path -Parent $PSScriptRoot) 'CrossEntropy.psd1') -Force
    $script:Tokens = Join-Path $PSScriptRoot 'data/sequence/tokens.csv'
    $script:LogProb = Join-Path $PSScriptRoot 'data/sequence/tokens-logprob.csv'

    function Assert-Near($Expected, [double] $Actual, [string] $What = 'value') {
        $e = [double]$Expected
        if ([double]::IsNaN($e)) { [double]::IsNaN($Actual) | Should -BeTrue -Because "$What should be NaN"; return }
        if ($e -eq $Actual) { return }
        [math]::Abs($e - $Actual) | Should -BeLessOrEqual (1e-12 * [math]::Max([math]::Abs($e), [math]::Abs($Actual)) + 1e-14) -Because "$What should be $e, got $Actual"
    }

    function Get-CaseOption($Case) {
        $o = @{ SequenceColumn = 'seq' }
        if ($Case.class_weight) { $o.Weight = [double[]]$Case.class_weight }
        if ($Case.sample_weight_column) { $o.SampleWeightColumn = $Case.sample_weight_column }
        $o
    }
}

Describe 'Measure-CrossEntropy -SequenceColumn against PyTorch (<Name>)' -ForEach $tokenCases {
    It 'gives the token-level loss, the sequence loss and the counts, from -Path, Import-Csv rows, JSON Lines and gzip' {
        $o = Get-CaseOption $Case
        # The same tokens as the other formats carry them: JSON Lines with numbers as numbers, and the CSV gzipped.
        $jsonl = Join-Path $TestDrive 'tokens.jsonl'
        Import-Csv $Tokens | ForEach-Object {
            $row = [ordered]@{}
            foreach ($p in $_.psobject.Properties) {
                $row[$p.Name] = if ($p.Name -like 'logit_*' -or $p.Name -eq 'w') { [double]$p.Value } elseif ($p.Name -eq 'label') { [int]$p.Value } else { $p.Value }
            }
            $row | ConvertTo-Json -Compress
        } | Set-Content -Path $jsonl
        $gz = Join-Path $TestDrive 'tokens.csv.gz'
        $out = [IO.File]::Create($gz)
        $zip = [IO.Compression.GZipStream]::new($out, [IO.Compression.CompressionLevel]::Optimal)
        $bytes = [IO.File]::ReadAllBytes($Tokens)
        $zip.Write($bytes, 0, $bytes.Length)
        $zip.Dispose(); $out.Dispose()
        $summaries = @(
            Measure-CrossEntropy -Path $Tokens @o -WarningAction SilentlyContinue
            Import-Csv $Tokens | Measure-CrossEntropy @o -WarningAction SilentlyContinue
            Measure-CrossEntropy -Path $jsonl @o -WarningAction SilentlyContinue
            Measure-CrossEntropy -Path $gz @o -WarningAction SilentlyContinue
        )
        $summaries.Count | Should -Be 4
        foreach ($s in $summaries) {
            Assert-Near $Case.loss $s.Loss 'Loss'
            Assert-Near $Case.sequence_loss $s.SequenceLoss 'SequenceLoss'
            Assert-Near $Case.perplexity $s.Perplexity 'Perplexity'
            Assert-Near $Case.bits_per_token $s.BitsPerToken 'BitsPerToken'
            Assert-Near $Case.accuracy $s.Accuracy 'Accuracy'
            Assert-Near $Case.weight_sum $s.WeightSum 'WeightSum'
            $s.Sequences | Should -Be $Case.sequences
            $s.EmptySequences | Should -Be $Case.empty_sequences
            $s.Tokens | Should -Be $Case.tokens
            $s.Ignored | Should -Be $Case.ignored
            $s.Count | Should -Be ($s.Used + $s.Ignored + $s.Rejected)
        }
    }

    It 'gives one object per sequence, in the order the ids first appear' {
        $o = Get-CaseOption $Case
        $rows = @(Measure-CrossEntropy -Path $Tokens -Reduction None @o)
        $rows.Sequence | Should -Be @($Case.per_sequence.sequence)
        for ($i = 0; $i -lt $rows.Count; $i++) {
            $e = $Case.per_sequence[$i]
            $rows[$i].Tokens | Should -Be $e.tokens
            Assert-Near $e.loss $rows[$i].Loss "sequence $($e.sequence) Loss"
            Assert-Near $e.perplexity $rows[$i].Perplexity "sequence $($e.sequence) Perplexity"
            Assert-Near $e.bits_per_token $rows[$i].BitsPerToken "sequence $($e.sequence) BitsPerToken"
            Assert-Near $e.accuracy $rows[$i].Accuracy "sequence $($e.sequence) Accuracy"
        }
    }
}

Describe 'Measure-CrossEntropy -SequenceColumn' {
    It 'gives the same figures whatever the order of the rows' {
        $shuffled = Import-Csv $Tokens | Sort-Object { $_.logit_3 }
        $a = Measure-CrossEntropy -Path $Tokens -SequenceColumn seq
        $b = $shuffled | Measure-CrossEntropy -SequenceColumn seq
        Assert-Near $a.Loss $b.Loss 'Loss'
        Assert-Near $a.SequenceLoss $b.SequenceLoss 'SequenceLoss'
    }

    It 'refuses -GroupBy with it' {
        { Measure-CrossEntropy -Path $Tokens -SequenceColumn seq -GroupBy seq -ErrorAction Stop } | Should -Throw '*-SequenceColumn or -GroupBy*'
    }
}

Describe 'Measure-CrossEntropy -TargetLogProbabilityColumn against PyTorch (<Name>)' -ForEach $logprobCases {
    It 'gives the token-level figures from log p(target) alone' {
        $o = @{ SequenceColumn = 'seq'; TargetLogProbabilityColumn = 'logprob' }
        if ($Case.sample_weight_column) { $o.SampleWeightColumn = $Case.sample_weight_column }
        $s = Measure-CrossEntropy -Path $LogProb @o
        Assert-Near $Case.loss $s.Loss 'Loss'
        Assert-Near $Case.sequence_loss $s.SequenceLoss 'SequenceLoss'
        Assert-Near $Case.perplexity $s.Perplexity 'Perplexity'
        Assert-Near $Case.bits_per_token $s.BitsPerToken 'BitsPerToken'
        $s.Sequences | Should -Be $Case.sequences
        $s.Tokens | Should -Be $Case.tokens
        [double]::IsNaN($s.Accuracy) | Should -BeTrue -Because 'log p(target) alone says nothing of the predicted class'
        $rows = @(Measure-CrossEntropy -Path $LogProb -Reduction None @o)
        $rows.Sequence | Should -Be @($Case.per_sequence.sequence)
        for ($i = 0; $i -lt $rows.Count; $i++) { Assert-Near $Case.per_sequence[$i].loss $rows[$i].Loss "sequence $($rows[$i].Sequence)" }
        $o.Remove('SequenceColumn')
        $plain = Measure-CrossEntropy -Path $LogProb @o
        Assert-Near $Case.loss $plain.Loss 'Loss without sequences'
    }

    It 'rejects a positive log-probability with its row, column and value' {
        $bad = Join-Path $TestDrive 'bad.csv'
        Set-Content $bad "seq,logprob`na,-0.5`na,0.25"
        $s = Measure-CrossEntropy -Path $bad -TargetLogProbabilityColumn logprob -ErrorVariable err -ErrorAction SilentlyContinue
        $s.Rejected | Should -Be 1
        $s.Used | Should -Be 1
        "$err" | Should -BeLike '*row 2*logprob*0.25*0 or less*'
    }
}
