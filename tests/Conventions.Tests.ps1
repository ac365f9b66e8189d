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

    It '<_> chooses each input set by its own parameter, none of them Mandatory' -ForEach $cmdletNames {
        # Mandatory parameters cost a check on every pipeline object (issue 18, item 3); each of these is the only
        # parameter of its set, so PowerShell can choose the set only when it is given and never prompts for it.
        $sets = @((Get-Command $_).ParameterSets | Where-Object Name -in 'Path', 'LiteralPath', 'Logit', 'Probability')
        foreach ($set in $sets) {
            $own = @($set.Parameters | Where-Object Name -eq $set.Name)
            $own | Should -HaveCount 1
            $own[0].IsMandatory | Should -BeFalse
            foreach ($other in @((Get-Command $_).ParameterSets | Where-Object Name -ne $set.Name)) {
                $other.Parameters.Name | Should -Not -Contain $set.Name
            }
        }
    }

    It 'resolves the parameter sets as when they were Mandatory' {
        $errors = $null
        Measure-CrossEntropy -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.NoInput*'
        $e = { Measure-CrossEntropy -Target 0 } | Should -Throw -ErrorId 'CrossEntropy.InvalidArguments,*' -PassThru
        $e.Exception.Message | Should -BeLike '-Target gives the targets of -Logit or -Probability rows*give those too.'
        { Measure-CrossEntropy -Delimiter ';' } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
        (Measure-CrossEntropy $iris).Used | Should -Be 150
        (Measure-CrossEntropy -Logit 2.0, 1.0 -Target 0).Used | Should -Be 1
        ([pscustomobject]@{ Path = $iris } | Measure-CrossEntropy -ThrottleLimit 1).Used | Should -Be 150
    }

    It '<_> called with no input says so, neither prompting nor failing to choose a parameter set' -ForEach 'Measure-CrossEntropy', 'Get-Softmax', 'Get-LossGradient', 'Measure-Classification', 'Find-NoisyLabel', 'Measure-Calibration', 'Measure-Entropy' {
        # Their default set is -Logit's (no pipeline object binds to it, which makes pipeline binding cheaper): chosen
        # without -Logit, it is a call with no input at all. (Test-Prediction puts that in its report, Assert-CrossEntropy
        # first asks for a limit, and Export-CrossEntropyReport, default set InputObject, for -OutFile.)
        $errors = $null
        & $_ -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.NoInput*'
        "$($errors[0])" | Should -BeLike '*There was no input*'
        & $_ -LabelColumn label -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'CrossEntropy.NoInput*'
        @(Import-Csv $iris | & $_ -WarningAction SilentlyContinue).Count | Should -BeGreaterThan 0
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
            ClassificationSummary = @(Measure-Classification -Path $digits, $iris) + @(Measure-Classification -Path $grouped -GroupBy fold)
            ClassMetrics       = (Measure-Classification -Path $digits).PerClass
            ConfusionMatrix    = (Measure-Classification -Path $iris).ConfusionMatrix
            RocPoint           = Measure-Classification -Path $iris -Curve Roc | Select-Object -First 3
            PrecisionRecallPoint = Measure-Classification -Path $iris -Curve PrecisionRecall | Select-Object -First 3
            SequenceSummary    = Measure-CrossEntropy -Path (Join-Path $repo 'examples/tokens.csv') -SequenceColumn seq -Reduction None | Select-Object -First 3
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
