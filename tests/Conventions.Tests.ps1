#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Issue 12 item 8 on real pwsh: the module behaves like the built-in cmdlets — writers (-WhatIf, -Confirm, -NoClobber,
# -Force, never over an input), Get-Help -Online, format views at 80 columns, parameter sets, the package.

BeforeDiscovery {
    Import-Module (Join-Path (Split-Path -Parent $PSScriptRoot) 'CrossEntropy.psd1') -Force
    $cmdletNames = @((Get-Module CrossEntropy).ExportedCmdlets.Keys | Sort-Object)
}

BeforeAll {
    $repo = Split-Path -Parent $PSScriptRoot
    Import-Module (Join-Path $repo 'CrossEntropy.psd1') -Force
    $iris = Join-Path $repo 'examples/iris-logits.csv'
    $project = (Test-ModuleManifest -Path (Join-Path $repo 'CrossEntropy.psd1')).PrivateData.PSData.ProjectUri
}

Describe 'Get-Help -Online' {
    It 'opens the page of <_> itself' -ForEach $cmdletNames {
        $uri = (Get-Command $_).HelpUri
        $uri | Should -Be "$project/blob/main/docs/en-US/$_.md"
        Test-Path (Join-Path $repo "docs/en-US/$_.md") | Should -BeTrue
        # With MAML help, -Online opens the first related link; it must be the same page.
        @((Get-Help $_ -Full).relatedLinks.navigationLink)[0].uri | Should -Be $uri
    }

    It 'gives every cmdlet a page of its own' {
        $names = @((Get-Module CrossEntropy).ExportedCmdlets.Keys)
        $uris = $names | ForEach-Object { (Get-Command $_).HelpUri }
        @($uris | Sort-Object -Unique).Count | Should -Be $names.Count
    }
}

Describe 'Writers behave like Export-Csv' {
    BeforeAll {
        # Each writer, called so it writes -OutFile from the iris file; the extra arguments pass -WhatIf, -NoClobber, ...
        $writers = @{
            'Export-CrossEntropyReport' = { param($out, $extra) Export-CrossEntropyReport -Path $iris -OutFile $out @extra }
            'Test-Prediction'           = { param($out, $extra) $null = Test-Prediction -Path $iris -OutFile $out @extra }
            'Assert-CrossEntropy'       = { param($out, $extra) $null = Assert-CrossEntropy -Path $iris -MaximumLoss 1 -OutFile $out @extra }
        }
    }

    It '<_> declares -WhatIf, -Confirm, -NoClobber and -Force' -ForEach 'Export-CrossEntropyReport', 'Test-Prediction', 'Assert-CrossEntropy' {
        $parameters = (Get-Command $_).Parameters.Keys
        foreach ($name in 'WhatIf', 'Confirm', 'NoClobber', 'Force') { $parameters | Should -Contain $name }
    }

    It '<_> writes nothing under -WhatIf and says what it would write' -ForEach 'Export-CrossEntropyReport', 'Test-Prediction', 'Assert-CrossEntropy' {
        $out = Join-Path $TestDrive "whatif-$_.out"
        # "What if:" goes to the host, not to a stream: a real pwsh shows it on standard output.
        $script = "Import-Module '$repo/CrossEntropy.psd1'; `$iris = '$iris'; & { $($writers[$_]) } '$out' @{ WhatIf = `$true }"
        $text = & pwsh -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        Test-Path $out | Should -BeFalse
        ($text -replace '\s+', ' ') | Should -BeLike "*What if: Performing the operation `"Write the * on target `"$out`"*"
    }

    It '<_> writes nothing when -Confirm is declined' -ForEach 'Export-CrossEntropyReport', 'Test-Prediction', 'Assert-CrossEntropy' {
        $out = Join-Path $TestDrive "confirm-$_.out"
        # A real pwsh reading "N" (No) from standard input as the answer to the confirmation prompt.
        $script = "Import-Module '$repo/CrossEntropy.psd1'; `$iris = '$iris'; & { $($writers[$_]) } '$out' @{ Confirm = `$true }; 'exists: ' + (Test-Path '$out')"
        $output = 'N' | & pwsh -NoProfile -Command $script 2>&1 | Out-String
        $output | Should -BeLike '*Confirm*'
        $output | Should -BeLike '*exists: False*'
    }

    It '<_> refuses to replace an existing file with -NoClobber and replaces it without' -ForEach 'Export-CrossEntropyReport', 'Test-Prediction', 'Assert-CrossEntropy' {
        $out = Join-Path $TestDrive "clobber-$_.out"
        Set-Content -Path $out -Value 'keep me'
        $e = { & $writers[$_] $out @{ NoClobber = $true } } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.OutFileExists,*'
        $e.Exception.Message | Should -BeLike "*$out*already exists*"
        Get-Content -Path $out | Should -Be 'keep me'
        & $writers[$_] $out @{}
        Get-Content -Raw -Path $out | Should -Not -BeLike 'keep me*'
    }

    It '<_> replaces a read-only file only with -Force' -ForEach 'Export-CrossEntropyReport', 'Test-Prediction', 'Assert-CrossEntropy' {
        $out = Join-Path $TestDrive "readonly-$_.out"
        Set-Content -Path $out -Value 'read only'
        Set-ItemProperty -Path $out -Name IsReadOnly -Value $true
        $e = { & $writers[$_] $out @{} } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.OutFileReadOnly,*'
        $e.Exception.Message | Should -BeLike '*read-only*-Force*'
        Get-Content -Path $out | Should -Be 'read only'
        & $writers[$_] $out @{ Force = $true }
        Get-Content -Raw -Path $out | Should -Not -BeLike 'read only*'
    }

    It '<_> refuses to write over a file it reads, by -Path, -LiteralPath or from Get-ChildItem' -ForEach 'Export-CrossEntropyReport', 'Test-Prediction', 'Assert-CrossEntropy' {
        $copy = Join-Path $TestDrive "input-$_.csv"
        Copy-Item -Path $iris -Destination $copy
        $before = Get-FileHash -Path $copy
        $name = $_
        $calls = @(
            { & $name -Path (Join-Path $TestDrive 'input-*.csv') -OutFile $copy -MaximumLoss 1 }
            { & $name -LiteralPath $copy -OutFile $copy -MaximumLoss 1 }
            { Get-Item $copy | & $name -OutFile $copy -MaximumLoss 1 }
        )
        if ($name -ne 'Assert-CrossEntropy') { $calls = $calls | ForEach-Object { [scriptblock]::Create(($_.ToString() -replace ' -MaximumLoss 1', '')) } }
        foreach ($call in $calls) {
            $e = { & $call } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.OutFileIsInput,*'
            $e.Exception.Message | Should -BeLike "*$copy*also an input*"
            (Get-FileHash -Path $copy).Hash | Should -Be $before.Hash
        }
    }

    It 'refuses an -OutFile that is the -Baseline of Assert-CrossEntropy' {
        $copy = Join-Path $TestDrive 'baseline.csv'
        Copy-Item -Path $iris -Destination $copy
        $e = { Assert-CrossEntropy -Path $iris -Baseline $copy -MaximumIncrease 1 -OutFile $copy } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.OutFileIsInput,*'
        (Get-FileHash $copy).Hash | Should -Be (Get-FileHash $iris).Hash
    }
}

Describe 'Get-Softmax -Log' {
    It 'returns LogProbabilities, never log-probabilities named Probabilities' {
        $row = Get-Softmax -Logit 2.0, 1.0, 0.1 -Log
        $row.PSObject.TypeNames | Should -Contain 'CrossEntropy.LogSoftmaxRow'
        $row.PSObject.Properties.Name | Should -Not -Contain 'Probabilities'
        # log_softmax([2, 1, 0.1]) = x - logsumexp(x), logsumexp = 2.4170300162778335
        $expected = (2.0 - 2.4170300162778335), (1.0 - 2.4170300162778335), (0.1 - 2.4170300162778335)
        for ($c = 0; $c -lt 3; $c++) { [math]::Abs($row.LogProbabilities[$c] - $expected[$c]) | Should -BeLessThan 1e-15 }
        [math]::Abs($row.Confidence - [math]::Exp($expected[0])) | Should -BeLessThan 1e-15   # a probability
        $row.'0' | Should -Be $row.LogProbabilities[0]
        (Get-Softmax -Logit 2.0, 1.0, 0.1).PSObject.Properties.Name | Should -Contain 'Probabilities'
    }

    It 'shows LogProbabilities in its table view' {
        Get-Softmax -Logit 2.0, 1.0, 0.1 -Log | Out-String | Should -Match 'Row\s+Label\s+Predicted\s+Confidence\s+LogProbabilities'
    }
}

Describe 'Assert-CrossEntropy refuses what cannot be asserted' {
    It 'refuses an assertion with no limit at all' {
        $e = { Assert-CrossEntropy -Path $iris } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.InvalidArguments,*'
        $e.Exception.Message | Should -BeLike 'No limit was given*-MaximumLoss*'
        (Assert-CrossEntropy -Path $iris -MaximumRejected 0).Passed | Should -BeTrue
    }

    It 'refuses a baseline with other classes, naming them' {
        $other = Join-Path $TestDrive 'other-classes.csv'
        (Get-Content -Path $iris) -replace 'virginica', 'rose' | Set-Content -Path $other
        $e = { Assert-CrossEntropy -Path $iris -Baseline $other -MaximumIncrease 1 } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.BaselineClassesDiffer,*'
        $e.Exception.Message | Should -BeLike "*'$other' has other classes*only in the baseline: rose; only in the input: virginica*"
        (Assert-CrossEntropy -Path $iris -Baseline $iris -MaximumIncrease 0).Passed | Should -BeTrue
    }
}

Describe 'Parameter sets and messages' {
    It '<_> offers -Delimiter and -ThrottleLimit only where files are read, -DecimalComma where text is read' -ForEach $cmdletNames {
        foreach ($set in (Get-Command $_).ParameterSets) {
            $names = $set.Parameters.Name
            foreach ($option in 'Delimiter', 'ThrottleLimit') {
                if ($set.Name -in 'Path', 'LiteralPath') { $names | Should -Contain $option -Because "$($set.Name) reads files" }
                else { $names | Should -Not -Contain $option -Because "the $($set.Name) set reads no file" }
            }
            # Import-Csv rows of a comma-decimal file are text too.
            if ($set.Name -in 'Path', 'LiteralPath', 'InputObject') { $names | Should -Contain 'DecimalComma' }
            else { $names | Should -Not -Contain 'DecimalComma' -Because "the $($set.Name) set reads no text" }
        }
    }

    It 'still takes the file options with files from Get-ChildItem' {
        $semicolons = Join-Path $TestDrive 'semicolons.csv'
        "logit_a;logit_b;label`n2,5;0;a`n0;1,5;b" | Set-Content -Path $semicolons
        $summary = Get-Item $semicolons | Measure-CrossEntropy -Delimiter ';' -DecimalComma -ThrottleLimit 1
        $summary.Used | Should -Be 2
        # -log softmax([2.5, 0])[0] and -log softmax([0, 1.5])[1], averaged
        $expected = ([math]::Log(1 + [math]::Exp(-2.5)) + [math]::Log(1 + [math]::Exp(-1.5))) / 2
        [math]::Abs($summary.Loss - $expected) | Should -BeLessThan 1e-15
        { Measure-CrossEntropy -Logit 2.0, 1.0 -Target 0 -ThrottleLimit 2 } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
    }

    It 'names -Weight, not the engine''s ClassWeights, when the weights do not fit' {
        $e = { Measure-CrossEntropy -Path $iris -Weight 1, 2 } | Should -Throw -PassThru
        $e.Exception.Message | Should -BeLike '-Weight: *2 values*3 classes*'
        $e.Exception.Message | Should -Not -BeLike '*ClassWeights*'
        $e.Exception.Message | Should -Not -BeLike '*(Parameter *'
    }

    It 'says -Logit needs -Target, not that there is no label column' {
        $e = { Measure-CrossEntropy -Logit 2.0, 1.0, 0.1 } | Should -Throw -PassThru
        $e.Exception.Message | Should -BeLike '-Logit needs -Target*'
        $e = { Get-LossGradient -Probability 0.7, 0.2, 0.1 } | Should -Throw -PassThru
        $e.Exception.Message | Should -BeLike '-Probability needs -Target*'
        (Get-Softmax -Logit 2.0, 1.0, 0.1).Predicted | Should -Be '0'
    }
}

Describe 'Format views' {
    BeforeAll {
        $digits = Join-Path $repo 'examples/digits-logits.csv'
        $broken = Join-Path $repo 'examples/broken-predictions.csv'
        # Objects of every output type, from the bundled files (the digits file has ten classes).
        $grouped = Join-Path $TestDrive 'grouped.csv'
        Import-Csv $iris | ForEach-Object -Begin { $i = 0 } -Process { $_ | Add-Member fold ('fold-{0}' -f ($i++ % 3)) -PassThru } | Export-Csv $grouped
        $prediction = Test-Prediction -Path $broken
        $assertion = Assert-CrossEntropy -Path $iris -MaximumLoss 1 -PerClass
        $samples = [ordered]@{
            LossSummary        = @(Measure-CrossEntropy -Path $digits, $iris) + @(Measure-CrossEntropy -Path $grouped -GroupBy fold)
            ClassSummary       = (Measure-CrossEntropy -Path $digits).PerClass
            RowLoss            = Measure-CrossEntropy -Path $grouped -GroupBy fold -Reduction None | Select-Object -First 3
            SoftmaxRow         = Get-Softmax -Path $iris | Select-Object -First 3
            LogSoftmaxRow      = Get-Softmax -Path $iris -Log | Select-Object -First 3
            GradientRow        = Get-LossGradient -Path $iris | Select-Object -First 3
            CalibrationSummary = @(Measure-Calibration -Path $digits, $iris) + @(Measure-Calibration -Path $grouped -GroupBy fold)
            CalibrationBin     = (Measure-Calibration -Path $digits).Bins
            EntropySummary     = @(Measure-Entropy -Path $digits, $iris) + @(Measure-Entropy -Path $grouped -GroupBy fold)
            EntropyRow         = Measure-Entropy -Path $iris -Reduction None | Select-Object -First 3
            LabelEntropy       = Measure-Entropy -Label (Import-Csv $iris).label
            NoisyLabel         = Find-NoisyLabel -Path $digits -Top 5
            PredictionReport   = $prediction
            PredictionProblem  = $prediction.Problems
            PredictionFile     = $prediction.Files
            AssertionResult    = $assertion
            AssertionCheck     = $assertion.Checks
        }
        [xml] $format = Get-Content -Raw -Path (Join-Path $repo 'module/CrossEntropy.format.ps1xml')
        $views = @($format.Configuration.ViewDefinitions.View)
    }

    It 'has a sample of every type the views select' {
        foreach ($type in $views.ViewSelectedBy.TypeName | Sort-Object -Unique) {
            $samples.Keys | Should -Contain ($type -replace '^CrossEntropy\.') -Because "$type has a view"
        }
    }

    It 'labels every column and item with a property name of its type' {
        foreach ($view in $views) {
            $object = @($samples[$view.ViewSelectedBy.TypeName -replace '^CrossEntropy\.'])[0]
            $names = $object.PSObject.Properties.Name
            foreach ($label in $view.SelectNodes('.//Label').InnerText) {
                $names | Should -Contain $label -Because "the view $($view.Name) labels a column '$label'"
            }
        }
    }

    It 'shows summaries in a table with Source and Group first' -ForEach 'LossSummary', 'CalibrationSummary', 'EntropySummary' {
        $lines = @($samples[$_] | Format-Table | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Source\s+Group\s+\S'
        ($lines | Where-Object { $_ -like 'grouped.csv*fold-1*' }) | Should -Not -BeNullOrEmpty
        ($lines | Where-Object { $_ -like 'digits-logits.csv *' }) | Should -Not -BeNullOrEmpty
    }

    It 'fits <_> in 80 columns: no line over 80, no header cut, no word broken by the console' -ForEach @(
        'LossSummary', 'ClassSummary', 'RowLoss', 'SoftmaxRow', 'LogSoftmaxRow', 'GradientRow', 'CalibrationSummary', 'CalibrationBin',
        'EntropySummary', 'EntropyRow', 'LabelEntropy', 'NoisyLabel', 'PredictionReport', 'PredictionProblem', 'PredictionFile',
        'AssertionResult', 'AssertionCheck') {
        $objects = $samples[$_]
        $shown = @(@{ View = 'default'; Text = $objects | Out-String -Width 80; Wide = $objects | Out-String -Width 400 })
        if ($_ -like '*Summary') { $shown += @{ View = 'table'; Text = $objects | Format-Table | Out-String -Width 80 } }
        foreach ($s in $shown) {
            $lines = $s.Text -split '\r?\n'
            foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 80 -Because "$_ ($($s.View) view): '$line'" }
            # A table's header is the line above its dashes: every label whole (the console marks a cut one with '…').
            for ($i = 1; $i -lt $lines.Count; $i++) {
                if ($lines[$i] -match '^[- ]+$' -and $lines[$i] -match '-') { $lines[$i - 1] | Should -Not -Match '…' -Because "$_ ($($s.View) view) header" }
            }
            # A list is the same at 400 columns as at 80: the view wraps its own long values at spaces.
            if ($s.Wide -and $s.Text -match '(?m)^\S+\s+: ') { ($s.Text -replace '\s+$') | Should -Be ($s.Wide -replace '\s+$') -Because "$_ as a list" }
        }
    }
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
