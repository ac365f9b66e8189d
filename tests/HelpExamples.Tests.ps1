#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Every example in docs/en-US (the source of Get-Help's examples) runs on real pwsh from the repository root and shows
# the output its doc shows. Mirrors tests/CrossEntropy.PowerShell.Tests/HelpTests.cs, which runs them in-process.

BeforeDiscovery {
    # A ```powershell block is an example; an ```output block right after it is what it shows.
    $docs = Join-Path (Split-Path -Parent $PSScriptRoot) 'docs/en-US'
    $examples = foreach ($file in Get-ChildItem -Path $docs -Filter *.md | Sort-Object Name) {
        $lines = Get-Content -Path $file.FullName
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -ne '```powershell') { continue }
            $start = $i + 1
            do { $i++ } while ($lines[$i] -ne '```')
            $code = $lines[$start..($i - 1)] -join "`n"
            $j = $i + 1
            while ($j -lt $lines.Count -and $lines[$j].Trim() -eq '') { $j++ }
            $output = $null
            if ($j -lt $lines.Count -and $lines[$j] -eq '```output') {
                $k = $j + 1
                while ($lines[$k] -ne '```') { $k++ }
                $output = if ($k -gt $j + 1) { $lines[($j + 1)..($k - 1)] -join "`n" } else { '' }
                $i = $k
            }
            @{ File = $file.Name; Line = $start; Code = $code; Output = $output }
        }
    }
}

BeforeAll {
    $repo = Split-Path -Parent $PSScriptRoot
    Import-Module (Join-Path $repo 'CrossEntropy.psd1') -Force
    $shownExamples = '/home/user/CrossEntropy/examples/'

    # Lines as a console shows them at 120 columns, trailing blanks and blank edges dropped.
    function Format-Shown([string] $Text) {
        $lines = @($Text -replace "`r`n", "`n" -split "`n" | ForEach-Object { $_.TrimEnd() })
        $first = 0; $last = $lines.Count - 1
        while ($first -le $last -and $lines[$first] -eq '') { $first++ }
        while ($last -ge $first -and $lines[$last] -eq '') { $last-- }
        if ($first -gt $last) { return '' }
        $lines[$first..$last] -join "`n"
    }

    # Runs of blank lines as one blank line.
    function Compress-Blank([string[]] $Lines) {
        $previousBlank = $false
        foreach ($l in $Lines) {
            $blank = $l.Trim() -eq ''
            if (-not ($blank -and $previousBlank)) { $l }
            $previousBlank = $blank
        }
    }
}

Describe 'Help example <File>:<Line>' -ForEach $examples {
    It 'runs on real pwsh and shows the output its doc shows' {
        $PSStyle.OutputRendering = 'PlainText'
        Push-Location $repo
        try {
            $messages = [System.Collections.Generic.List[string]]::new()
            $errors = [System.Collections.Generic.List[object]]::new()
            # Errors, warnings and verbose lines as a console shows them at the prompt ("Command: message" is ConciseView);
            # they reach the host as they happen, apart from the objects, which are rendered through the format views.
            $objects = & {
                try { & ([scriptblock]::Create($Code)) }
                catch { $_ }
            } *>&1 | ForEach-Object {
                if ($_ -is [System.Management.Automation.ErrorRecord]) {
                    $errors.Add($_)
                    $command = $_.InvocationInfo.MyCommand.Name
                    $message = if ($_.ErrorDetails) { $_.ErrorDetails.Message } else { $_.Exception.Message }
                    $text = if ($command) { "${command}: $message" } else { $message }
                    foreach ($l in $text -split "\r?\n") { $messages.Add($l) }
                }
                elseif ($_ -is [System.Management.Automation.WarningRecord]) { $messages.Add("WARNING: $($_.Message)") }
                elseif ($_ -is [System.Management.Automation.VerboseRecord]) { $messages.Add("VERBOSE: $($_.Message)") }
                elseif ($_ -is [System.Management.Automation.InformationRecord]) { "$($_.MessageData)" }
                else { $_ }
            } | Out-String -Width 119 # a 120-column console: pwsh leaves its last column free
        }
        finally {
            Pop-Location
            $PSStyle.OutputRendering = 'Host'
        }
        $examplesDir = (Join-Path $repo 'examples') + [IO.Path]::DirectorySeparatorChar
        $shownMessages = @($messages | ForEach-Object { $_.Replace($examplesDir, $shownExamples) })
        if ($null -eq $Output) {
            $errors | Should -BeNullOrEmpty -Because "the example at $File line $Line shows no output and so no error"
            return
        }
        # Where a message line falls among the objects depends on when the console's table view flushes, so the
        # messages are compared as a list and the objects' text without them.
        $expected = @((Format-Shown $Output) -split "`n")
        $expectedMessages = @($expected | Where-Object { $_ -in $shownMessages })
        $expectedMessages | Should -Be $shownMessages
        $expectedObjects = Format-Shown ((Compress-Blank ($expected | Where-Object { $_ -notin $shownMessages })) -join "`n")
        Format-Shown ((Compress-Blank ((Format-Shown ($objects.Replace($examplesDir, $shownExamples))) -split "`n")) -join "`n") |
            Should -BeExactly $expectedObjects
    }
}
