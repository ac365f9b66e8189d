@{
    RootModule           = 'module/CrossEntropy.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '5d6f0a3e-8c1b-4f57-9a2e-1c7e3b9d4a60'
    Author               = 'CrossEntropy contributors'
    CompanyName          = 'CrossEntropy'
    Copyright            = '(c) 2026 CrossEntropy contributors. MIT License.'
    Description          = 'Cross-entropy loss, softmax, gradients and model audits for classification predictions from the shell: PyTorch nn.CrossEntropyLoss semantics on CSV files and pipeline objects, on a SIMD engine.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @('module/CrossEntropy.format.ps1xml')
    TypesToProcess       = @('module/CrossEntropy.types.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Measure-CrossEntropy'
        'Get-Softmax'
        'Get-LossGradient'
        'Measure-Calibration'
        'Measure-Classification'
        'Measure-Entropy'
        'Find-NoisyLabel'
        'Export-CrossEntropyReport'
        'Test-Prediction'
        'Assert-CrossEntropy'
        'Merge-CrossEntropyResult'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('CrossEntropy', 'MachineLearning', 'Loss', 'Softmax', 'PyTorch', 'Classification', 'Metrics', 'CSV', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/crossentropy/CrossEntropy'
            LicenseUri   = 'https://github.com/crossentropy/CrossEntropy/blob/main/LICENSE'
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
