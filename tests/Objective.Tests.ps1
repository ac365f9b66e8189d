#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The regularised objective (Measure-CrossEntropy -L1 -L2 -ParameterPath) on real pwsh against
# tests/data/sequence_expected.json: scikit-learn's LogisticRegression(C=2) objective on iris and L1/elastic-net
# penalties on a parameter file, to 1e-12 (written by tests/data/generate_sequence_expected.py).

BeforeDiscovery {
    $expected = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'data/sequence_expected.json') | ConvertFrom-Json
    $cases = foreach ($c in $expected.objective.cases) { @{ Case = $c; Name = $c.name; Logits = $expected.objective.logits_file } }
}

BeforeAll {
    Import-Module (Join-Path (Split-Path -Parent $PSScriptRoot) 'CrossEntropy.psd1') -Force
    $script:Data = Join-Path $PSScriptRoot 'data'

    function Assert-Near([double] $Expected, [double] $Actual, [string] $What) {
        [math]::Abs($Expected - $Actual) | Should -BeLessOrEqual (1e-12 * [math]::Max([math]::Abs($Expected), [math]::Abs($Actual))) -Because "$What should be $Expected, got $Actual"
    }

    # A float64 C-order .npy file (NumPy format 1.0) of $Values.
    function Write-Npy([string] $Path, [double[]] $Values) {
        $header = "{'descr': '<f8', 'fortran_order': False, 'shape': ($($Values.Count),), }"
        $header = $header.PadRight(64 * [math]::Ceiling(($header.Length + 11) / 64) - 11) + "`n"
        $bytes = [System.Collections.Generic.List[byte]]::new()
        $bytes.Add(0x93); $bytes.AddRange([Text.Encoding]::ASCII.GetBytes('NUMPY')); $bytes.Add(1); $bytes.Add(0)
        $bytes.AddRange([BitConverter]::GetBytes([uint16]$header.Length)); $bytes.AddRange([Text.Encoding]::ASCII.GetBytes($header))
        foreach ($v in $Values) { $bytes.AddRange([BitConverter]::GetBytes($v)) }
        [IO.File]::WriteAllBytes($Path, $bytes.ToArray())
    }
}

Describe 'Measure-CrossEntropy -ParameterPath (<Name>)' -ForEach $cases {
    It 'gives DataLoss, Penalty and Objective' {
        $s = Measure-CrossEntropy -Path (Join-Path $Data $Logits) -Reduction $Case.reduction -L1 $Case.l1 -L2 $Case.l2 -ParameterPath (Join-Path $Data $Case.parameter_file)
        Assert-Near $Case.loss $s.DataLoss 'DataLoss'
        Assert-Near $Case.loss $s.Loss 'Loss'
        Assert-Near $Case.penalty $s.Penalty 'Penalty'
        Assert-Near $Case.objective $s.Objective 'Objective'
        if ($Case.sklearn_objective) { Assert-Near $Case.sklearn_objective $s.Objective "scikit-learn's objective" }
    }

    It 'reads the same parameters from a .npy file' {
        $values = foreach ($line in Get-Content (Join-Path $Data $Case.parameter_file)) { foreach ($cell in $line -split ',') { [double]::Parse($cell, [cultureinfo]::InvariantCulture) } }
        $npy = Join-Path $TestDrive 'theta.npy'
        Write-Npy $npy $values
        $s = Measure-CrossEntropy -Path (Join-Path $Data $Logits) -Reduction $Case.reduction -L1 $Case.l1 -L2 $Case.l2 -ParameterPath $npy
        Assert-Near $Case.objective $s.Objective 'Objective'
    }
}

Describe 'Measure-CrossEntropy -ParameterPath errors' {
    It 'names the line, column and value of a cell that is not a number' {
        $bad = Join-Path $TestDrive 'bad.csv'
        Set-Content $bad "1.5,2`n3,oops"
        { Measure-CrossEntropy -Path (Join-Path $Data 'objective/iris-logits.csv') -L2 1 -ParameterPath $bad -ErrorAction Stop } | Should -Throw "*line 2, column 2: 'oops'*"
    }

    It 'skips a header line' {
        $withHeader = Join-Path $TestDrive 'header.csv'
        Set-Content $withHeader "a,b`n3,4"
        (Measure-CrossEntropy -Path (Join-Path $Data 'objective/iris-logits.csv') -L2 1 -ParameterPath $withHeader).Penalty | Should -Be 25
    }

    It 'refuses -L2 without -ParameterPath' {
        { Measure-CrossEntropy -Path (Join-Path $Data 'objective/iris-logits.csv') -L2 1 -ErrorAction Stop } | Should -Throw '*need -ParameterPath*'
    }
}
