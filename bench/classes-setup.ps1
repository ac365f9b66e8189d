# Shared by bench/classes.ps1 (time) and bench/classes-alloc.ps1 (bytes): the prediction files and the commands run on
# them. Dot-source it after setting $root (the repository).

$data = Join-Path $root 'bench/data'
New-Item -ItemType Directory -Force -Path $data | Out-Null

# N rows x C logits and a label, made once in bench/data by the benchmark tool (a Release build of bench/CrossEntropy.Bench).
function Get-ClassFile([int] $n, [int] $c) {
    $tool = Join-Path $root 'bench/CrossEntropy.Bench/bin/Release/net10.0/CrossEntropy.Engine.Bench.dll'
    if (-not (Test-Path $tool)) {
        & dotnet build -c Release (Join-Path $root 'bench/CrossEntropy.Bench/CrossEntropy.Bench.csproj') -nologo -v q | Out-Null
        if ($LASTEXITCODE -ne 0) { throw 'building the benchmark tool failed' }
    }
    $f = Join-Path $data "logits_${n}_$c.csv"
    if (-not (Test-Path $f)) {
        & dotnet $tool gen --out $f --rows $n --classes $c
        if ($LASTEXITCODE -ne 0) { throw "generating $f failed" }
    }
    $f
}

# Every cmdlet on -Path; {0} is the file. Assert compares the file with itself, per class, so that every check runs.
# -Extra adds Find-NoisyLabel -ThresholdOnly and Measure-Classification (bytes only: classes.ps1 keeps its list).
function Get-ClassCommands([string] $Report, [switch] $Extra) {
    $commands = [ordered]@{
        'Measure-CrossEntropy'                 = 'Measure-CrossEntropy -Path {0}'
        'Measure-CrossEntropy -Reduction None' = 'Measure-CrossEntropy -Path {0} -Reduction None'
        'Get-Softmax'                          = 'Get-Softmax -Path {0}'
        'Get-LossGradient'                     = 'Get-LossGradient -Path {0}'
        'Measure-Calibration'                  = 'Measure-Calibration -Path {0}'
        'Measure-Entropy'                      = 'Measure-Entropy -Path {0}'
        'Find-NoisyLabel'                      = 'Find-NoisyLabel -Path {0}'
    }
    if ($Extra) {
        $commands['Find-NoisyLabel -ThresholdOnly'] = 'Find-NoisyLabel -Path {0} -ThresholdOnly'
        $commands['Measure-Classification'] = 'Measure-Classification -Path {0}'
    }
    $commands['Export-CrossEntropyReport'] = "Export-CrossEntropyReport -Path {0} -OutFile '$Report'"
    $commands['Test-Prediction'] = 'Test-Prediction -Path {0}'
    $commands['Assert-CrossEntropy -PerClass'] = 'Assert-CrossEntropy -Path {0} -Baseline {0} -MaximumIncrease 1 -MaximumLoss 1000 -PerClass'
    $commands
}
