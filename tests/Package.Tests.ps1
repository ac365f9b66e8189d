#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Issue 12 item 8 on real pwsh, the package part: what build.ps1 -Package ships (LICENSE, CHANGELOG, README, examples),
# help examples run from the installed module, the sample workflow's install and check steps, and Parquet (issue 15:
# the native library shipped under runtimes/<rid>/native).

BeforeAll {
    $repo = Split-Path -Parent $PSScriptRoot
    Import-Module (Join-Path $repo 'CrossEntropy.psd1') -Force
    $iris = Join-Path $repo 'examples/iris-logits.csv'
    $project = (Test-ModuleManifest -Path (Join-Path $repo 'CrossEntropy.psd1')).PrivateData.PSData.ProjectUri
}

Describe 'The package' {
    BeforeAll {
        $out = Join-Path $TestDrive 'package'
        & pwsh -NoProfile -NonInteractive -File (Join-Path $repo 'build.ps1') -Package -NoBuild -OutputPath $out *>&1 | Out-Null
        $built = Join-Path $out "CrossEntropy/$((Import-PowerShellDataFile (Join-Path $repo 'CrossEntropy.psd1')).ModuleVersion)"
    }

    It 'ships LICENSE, CHANGELOG.md and the sample data' {
        $LASTEXITCODE | Should -Be 0
        foreach ($file in 'LICENSE', 'CHANGELOG.md', 'README.md', 'examples/iris-logits.csv', 'examples/iris-probabilities.csv',
            'examples/digits-logits.csv', 'examples/broken-predictions.csv', 'examples/ci-check.ps1', 'examples/audit.ps1') {
            Test-Path (Join-Path $built $file) | Should -BeTrue -Because "$file is in the package"
        }
        Get-Content -Raw (Join-Path $built 'LICENSE') | Should -BeLike 'MIT License*'
        # The nupkg holds them too (a zip).
        $nupkg = Get-ChildItem -Path (Join-Path $out 'feed') -Filter 'CrossEntropy.*.nupkg' | Select-Object -First 1
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg.FullName)
        try { $entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }
        foreach ($file in 'LICENSE', 'CHANGELOG.md', 'examples/iris-logits.csv') { $entries | Should -Contain $file }
    }

    It 'reads Parquet from the packaged module, its native library loaded from runtimes/<rid>/native' {
        # Issue 15: ParquetSharp's native library ships per platform in the module folder and in the .nupkg; a pwsh
        # that has only the packaged module reads a DuckDB-written Parquet file with it.
        $nupkg = Get-ChildItem -Path (Join-Path $out 'feed') -Filter 'CrossEntropy.*.nupkg' | Select-Object -First 1
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg.FullName)
        try { $entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }
        foreach ($rid in 'linux-x64', 'osx-arm64', 'win-x64') {
            @($entries -like "module/bin/net8.0/runtimes/$rid/native/ParquetSharpNative.*").Count | Should -Be 1 -Because "$rid is shipped"
        }
        $file = Join-Path $repo 'tests/data/formats/parquet/list-f32.zstd.parquet'
        $loss = & pwsh -NoProfile -NonInteractive -Command "Import-Module '$built/CrossEntropy.psd1'; (Measure-CrossEntropy -Path '$file').Loss.ToString('R', [cultureinfo]::InvariantCulture)" 2>&1
        $want = (Get-Content -Raw (Join-Path $repo 'tests/data/formats/expected.json') | ConvertFrom-Json).datasets.f32.loss_mean
        [math]::Abs([double]"$loss" - $want) | Should -BeLessOrEqual (1e-12 * $want) -Because "$loss"
    }

    It 'runs every help example from the installed module''s folder' {
        # Every ```powershell example of the docs, run by a pwsh that has only the installed module, from its folder: each
        # reads the shipped sample data and writes exactly the errors its doc shows (none, for most).
        $docs = Join-Path $repo 'docs/en-US'
        $examples = foreach ($file in Get-ChildItem -Path $docs -Filter *.md) {
            $text = (Get-Content -Raw -Path $file.FullName) -replace "`r`n", "`n"
            foreach ($m in [regex]::Matches($text, '(?s)```powershell\n(.*?)\n```(?:\s*```output\n(.*?)```)?')) {
                $shown = $m.Groups[2].Value
                [pscustomobject]@{
                    Name   = $file.Name
                    Code   = $m.Groups[1].Value
                    Errors = [regex]::Matches($shown, '(?m)^(Measure-CrossEntropy|Get-Softmax|Get-LossGradient|Measure-Calibration|Measure-Entropy|Find-NoisyLabel|Export-CrossEntropyReport|Test-Prediction|Assert-CrossEntropy|Write-Error): ').Count
                }
            }
        }
        $examples.Count | Should -BeGreaterThan 40
        $list = Join-Path $TestDrive 'examples.json'
        $examples | ConvertTo-Json | Set-Content -Path $list
        $modules = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'modules')
        Copy-Item -Path (Split-Path -Parent $built) -Destination $modules -Recurse
        $script = @"
`$env:PSModulePath = '$modules'
Set-Location (Get-Module CrossEntropy -ListAvailable)[0].ModuleBase
foreach (`$e in (Get-Content -Raw '$list' | ConvertFrom-Json)) {
    `$errors = @(& { try { & ([scriptblock]::Create(`$e.Code)) *>&1 } catch { `$_ } } | Where-Object { `$_ -is [System.Management.Automation.ErrorRecord] })
    '{0}|{1}|{2}|{3}' -f `$e.Name, `$e.Errors, `$errors.Count, ((`$errors | ForEach-Object { `$_.ToString() }) -join ' / ')
}
"@
        $lines = & pwsh -NoProfile -NonInteractive -Command $script 2>&1
        $results = @($lines | Where-Object { "$_" -like '*.md|*' })
        $results.Count | Should -Be $examples.Count -Because ($lines | Out-String)
        foreach ($r in $results) {
            $name, $expected, $actual, $messages = "$r" -split '\|', 4
            $actual | Should -Be $expected -Because "$name from the installed module: $messages"
        }
    }

    Context 'The sample GitHub workflow' {
    BeforeAll {
        $workflow = Get-Content -Path (Join-Path $repo 'examples/github-workflow.yml')
        # The script of the `run: |` block of the step named $Name.
        function Get-StepScript([string] $Name) {
            $at = [array]::FindIndex($workflow, [Predicate[string]] { param($l) $l -match "^\s+- name: $([regex]::Escape($Name))$" })
            $at | Should -BeGreaterThan 0 -Because "the workflow has a step '$Name'"
            while ($workflow[$at] -notmatch '^\s+run: \|$') { $at++ }
            $indent = ($workflow[$at + 1] -replace '^(\s*).*', '$1').Length
            $lines = for ($i = $at + 1; $i -lt $workflow.Count -and ($workflow[$i] -eq '' -or ($workflow[$i] -replace '^(\s*).*', '$1').Length -ge $indent); $i++) {
                $workflow[$i].Substring([math]::Min($indent, $workflow[$i].Length))
            }
            $lines -join "`n"
        }
    }

    It 'runs on ubuntu-latest and windows-latest and packages the module with build.ps1 -Package' {
        $text = $workflow -join "`n"
        $text | Should -Match 'matrix:\s+os: \[ubuntu-latest, windows-latest\]'
        $text | Should -Match 'runs-on: \$\{\{ matrix\.os \}\}'
        $text | Should -Match 'run: \./\.crossentropy/build\.ps1 -Configuration Release -Package'
        $text | Should -Not -Match "`t"
    }

    It 'installs the package it made and gates the predictions with the installed module' {
        # The workflow's own install and check steps, on real pwsh, in a workspace laid out as the runner's: the
        # package where ./build.ps1 -Package puts it, the predictions in examples/, nothing else on the module path.
        $out = Join-Path $TestDrive 'package'
        if (-not (Test-Path (Join-Path $out 'feed'))) {
            & pwsh -NoProfile -NonInteractive -File (Join-Path $repo 'build.ps1') -Package -NoBuild -OutputPath $out *>&1 | Out-Null
        }
        $workspace = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'workspace')
        New-Item -ItemType Directory -Path (Join-Path $workspace '.crossentropy/out') | Out-Null
        Copy-Item -Path (Join-Path $out 'feed') -Destination (Join-Path $workspace '.crossentropy/out') -Recurse
        Copy-Item -Path (Join-Path $repo 'examples') -Destination $workspace -Recurse
        $home2 = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'runner-home')
        $runnerTemp = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'runner-temp')
        $install = Join-Path $TestDrive 'install.ps1'
        $check = Join-Path $TestDrive 'check.ps1'
        Set-Content -Path $install -Value (Get-StepScript 'Install the module from the package')
        Set-Content -Path $check -Value (Get-StepScript 'Check the predictions')
        $saved = @{ HOME = $env:HOME; PSModulePath = $env:PSModulePath; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; RUNNER_TEMP = $env:RUNNER_TEMP }
        Push-Location $workspace
        try {
            $env:HOME = $home2.FullName
            $env:PSModulePath = $null
            $env:XDG_DATA_HOME = $null
            $env:XDG_CONFIG_HOME = $null
            $env:RUNNER_TEMP = $runnerTemp.FullName
            $installed = & pwsh -NoProfile -NonInteractive -File $install 2>&1 | Out-String
            $installCode = $LASTEXITCODE
            $checked = & pwsh -NoProfile -NonInteractive -File $check 2>&1 | Out-String
            $checkCode = $LASTEXITCODE
        }
        finally {
            Pop-Location
            foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        }
        $installCode | Should -Be 0 -Because $installed
        $installed | Should -BeLike "*CrossEntropy*$($home2.FullName)*"
        $checkCode | Should -Be 0 -Because $checked
        $checked | Should -BeLike '*PASS digits-logits*PASS iris-logits*'
        @(Get-ChildItem -Path (Join-Path $runnerTemp 'crossentropy-ci') -Filter *.json).Count | Should -Be 4
    }
}
}
