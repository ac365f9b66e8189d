<#
.SYNOPSIS
    A throwaway OpenSSH server on a loopback port, so tests can use real PowerShell SSH remoting
    (Invoke-Command -HostName / New-PSSession -HostName) against this machine.
.DESCRIPTION
    Start-TestSshd writes everything into one fresh temp folder: an ed25519 client key pair, an ed25519 host key,
    authorized_keys, an sshd_config and a small shell script that runs THIS pwsh (also when it is the .NET tool,
    `dotnet pwsh`) as sshd's `powershell` subsystem. It starts Debian's /usr/sbin/sshd in the foreground (-D) on a free
    127.0.0.1 port, waits until the port answers with an SSH banner, and returns what Invoke-Command needs:

        $sshd = Start-TestSshd
        try {
            $p = $sshd.InvokeCommandParameters          # HostName, Port, UserName, KeyFilePath, Options
            Invoke-Command @p -ScriptBlock { param($m) Import-Module $m; Get-Module CrossEntropy } -ArgumentList $manifest
        }
        finally { Stop-TestSshd $sshd }

    Stop-TestSshd kills sshd and its session processes and removes the folder. As a safety net the server is started
    under coreutils' `timeout`, so a run that never calls Stop-TestSshd (a killed test host) still ends it after
    -LifetimeSeconds.

    Needs Debian's openssh-server (sshd) and openssh-client (ssh, ssh-keygen):
        apt-get install -y openssh-server
    Without sshd, Start-TestSshd throws an error whose FullyQualifiedErrorId starts with 'TestSshdMissing' and whose
    message gives that command; Test-TestSshd says beforehand, without throwing.

    sshd strips the environment of its sessions, so the subsystem script sets PATH, HOME and DOTNET_ROOT explicitly
    (the caller's values), then `exec`s the same runtime and pwsh as the caller with -sshs -NoLogo -NoProfile.
    See tests/support/REMOTING.md for what was verified and how results come back (Deserialized.CrossEntropy.*).
#>

Set-StrictMode -Version Latest

$script:InstallHint = 'apt-get install -y openssh-server'
$script:DefaultSshd = '/usr/sbin/sshd'

# This pwsh as a command line: `dotnet <PSHOME>/pwsh.dll` when it runs as the .NET tool, else its own executable.
# (The same rule as build.ps1's Get-PwshCommand.)
function Get-PwshCommandLine {
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    @($exe)
}

# The .NET root the subsystem needs: the folder of the running dotnet, else DOTNET_ROOT, else nothing.
function Get-DotnetRoot {
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return (Split-Path -Parent $exe) }
    if ($env:DOTNET_ROOT) { return $env:DOTNET_ROOT }
    $null
}

# A single-quoted POSIX shell word.
function ConvertTo-ShellWord([string] $Text) { "'" + $Text.Replace("'", "'\''") + "'" }

# A loopback port nobody listens on right now (the OS picks it).
function Get-FreeLoopbackPort {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    try {
        $listener.Start()
        ([Net.IPEndPoint]$listener.LocalEndpoint).Port
    }
    finally { $listener.Stop() }
}

# True once the port accepts a connection and answers with an SSH banner; false if it refuses or stays silent.
function Test-SshBanner([int] $Port, [int] $TimeoutMilliseconds = 2000) {
    $client = [Net.Sockets.TcpClient]::new()
    try {
        $connect = $client.ConnectAsync([Net.IPAddress]::Loopback, $Port)
        if (-not $connect.Wait($TimeoutMilliseconds)) { return $false }
        $stream = $client.GetStream()
        $stream.ReadTimeout = $TimeoutMilliseconds
        $buffer = [byte[]]::new(64)
        $read = $stream.Read($buffer, 0, $buffer.Length)
        $read -gt 0 -and [Text.Encoding]::ASCII.GetString($buffer, 0, $read).StartsWith('SSH-')
    }
    catch { $false }
    finally { $client.Dispose() }
}

# Every process below ProcessId (from /proc), children before their children.
function Get-DescendantProcessId([int] $ProcessId) {
    $parentOf = @{}
    foreach ($dir in [IO.Directory]::GetDirectories('/proc')) {
        $name = [IO.Path]::GetFileName($dir)
        if ($name -notmatch '^\d+$') { continue }
        try { $text = [IO.File]::ReadAllText("$dir/stat") } catch { continue }
        # pid (comm) state ppid ...; comm may hold spaces and parentheses, so split after the last ')'.
        $close = $text.LastIndexOf(')')
        if ($close -gt 0) { $parentOf[[int]$name] = [int]$text.Substring($close + 2).Split(' ')[1] }
    }
    $queue = [Collections.Generic.Queue[int]]::new()
    $queue.Enqueue($ProcessId)
    while ($queue.Count) {
        $id = $queue.Dequeue()
        foreach ($entry in $parentOf.GetEnumerator()) {
            if ($entry.Value -eq $id) { $entry.Key; $queue.Enqueue($entry.Key) }
        }
    }
}

# True while the process runs (a zombie, dead but not yet reaped, counts as gone).
function Test-ProcessRunning([int] $ProcessId) {
    try { $text = [IO.File]::ReadAllText("/proc/$ProcessId/stat") } catch { return $false }
    $text.Substring($text.LastIndexOf(')') + 2, 1) -ne 'Z'
}

# SIGTERM, up to 2 s to end (polling every 20 ms), then SIGKILL.
function Stop-ProcessById([int] $ProcessId) {
    if (-not (Test-ProcessRunning $ProcessId)) { return }
    & kill -TERM $ProcessId 2>$null
    $deadline = [DateTime]::UtcNow.AddSeconds(2)
    while ((Test-ProcessRunning $ProcessId) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
    if (Test-ProcessRunning $ProcessId) { & kill -KILL $ProcessId 2>$null }
}

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    $output = & $FilePath @ArgumentList 2>&1 | Out-String
    if ($LASTEXITCODE -ne 0) { throw "$FilePath $($ArgumentList -join ' ') failed with exit code ${LASTEXITCODE}: $output" }
}

function Test-TestSshd {
    <#
    .SYNOPSIS
        True when sshd, ssh and ssh-keygen are all there, so Start-TestSshd can run.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param([string] $SshdPath = $script:DefaultSshd)
    (Test-Path -LiteralPath $SshdPath -PathType Leaf) -and
        [bool](Get-Command ssh -CommandType Application -ErrorAction Ignore) -and
        [bool](Get-Command ssh-keygen -CommandType Application -ErrorAction Ignore)
}

function Start-TestSshd {
    <#
    .SYNOPSIS
        Starts a throwaway sshd on 127.0.0.1 with this pwsh as its powershell subsystem; returns how to reach it.
    .OUTPUTS
        An object with HostName, Port, UserName, KeyFilePath, Options (a hashtable for -Options), InvokeCommandParameters
        (all five, to splat into Invoke-Command or New-PSSession), ProcessId, Process, Folder, ConfigPath, LogPath,
        SubsystemPath and StartSeconds.
    .PARAMETER LifetimeSeconds
        sshd ends by itself after this long even if Stop-TestSshd is never called.
    .PARAMETER ReadyTimeoutSeconds
        How long to wait for the port to answer before giving up.
    #>
    [CmdletBinding()]
    param(
        [string] $SshdPath = $script:DefaultSshd,
        [ValidateRange(10, 86400)] [int] $LifetimeSeconds = 1800,
        [ValidateRange(1, 300)] [double] $ReadyTimeoutSeconds = 30,
        # Environment of the remote sessions; the caller's by default.
        [string] $RemotePath = $env:PATH,
        [string] $RemoteHome = $(if ($env:HOME) { $env:HOME } else { [Environment]::GetFolderPath('UserProfile') })
    )

    $clock = [Diagnostics.Stopwatch]::StartNew()
    if (-not (Test-TestSshd -SshdPath $SshdPath)) {
        $what = if (-not (Test-Path -LiteralPath $SshdPath)) { "$SshdPath is missing" } else { 'ssh or ssh-keygen is missing' }
        $record = [Management.Automation.ErrorRecord]::new(
            [InvalidOperationException]::new("OpenSSH server for the remoting tests: $what. Install it with: $script:InstallHint"),
            'TestSshdMissing', [Management.Automation.ErrorCategory]::NotInstalled, $SshdPath)
        $PSCmdlet.ThrowTerminatingError($record)
    }

    $userName = [Environment]::UserName
    $isRoot = (& id -u) -eq '0'
    $folder = Join-Path ([IO.Path]::GetTempPath()) ('crossentropy-sshd-' + [Guid]::NewGuid().ToString('N').Substring(0, 12))
    $process = $null
    try {
        $null = New-Item -ItemType Directory -Path $folder
        & chmod 700 $folder

        # Throwaway keys: the client's (for -KeyFilePath) and the server's host key. ssh-keygen writes them 0600,
        # which ssh insists on for the private key.
        $keyPath = Join-Path $folder 'client_ed25519'
        $hostKeyPath = Join-Path $folder 'host_ed25519'
        Invoke-Native ssh-keygen @('-q', '-t', 'ed25519', '-N', '', '-C', 'crossentropy-test-client', '-f', $keyPath)
        Invoke-Native ssh-keygen @('-q', '-t', 'ed25519', '-N', '', '-C', 'crossentropy-test-host', '-f', $hostKeyPath)
        $authorizedKeys = Join-Path $folder 'authorized_keys'
        Copy-Item -LiteralPath "$keyPath.pub" -Destination $authorizedKeys

        # The powershell subsystem: this very pwsh, with the environment that sshd strips passed explicitly.
        $subsystem = Join-Path $folder 'pwsh-sshs.sh'
        $pwsh = Get-PwshCommandLine
        $dotnetRoot = Get-DotnetRoot
        $script = @(
            '#!/bin/sh'
            '# Written by Start-TestSshd (tests/support/TestRemoting.psm1): sshd''s powershell subsystem.'
            "export PATH=$(ConvertTo-ShellWord $RemotePath)"
            "export HOME=$(ConvertTo-ShellWord $RemoteHome)"
            $(if ($dotnetRoot) { "export DOTNET_ROOT=$(ConvertTo-ShellWord $dotnetRoot)" })
            'export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off'
            "exec $(($pwsh | ForEach-Object { ConvertTo-ShellWord $_ }) -join ' ') -sshs -NoLogo -NoProfile"
        ) | Where-Object { $_ }
        [IO.File]::WriteAllText($subsystem, ($script -join "`n") + "`n")
        & chmod 755 $subsystem

        $log = Join-Path $folder 'sshd.log'
        $config = Join-Path $folder 'sshd_config'
        $runDir = '/run/sshd' # sshd's privilege separation directory; it refuses to start without it
        if (-not (Test-Path -LiteralPath $runDir)) { $null = New-Item -ItemType Directory -Path $runDir -Force }

        # A port the OS says is free; if another process takes it before sshd binds it, sshd exits and we try another.
        for ($attempt = 1; ; $attempt++) {
            $port = Get-FreeLoopbackPort
            $lines = @(
                "# Written by Start-TestSshd (tests/support/TestRemoting.psm1): a throwaway server for remoting tests."
                "Port $port"
                'ListenAddress 127.0.0.1'
                'AddressFamily inet'
                "HostKey $hostKeyPath"
                "PidFile $(Join-Path $folder 'sshd.pid')"
                "AuthorizedKeysFile $authorizedKeys"
                'PubkeyAuthentication yes'
                'PasswordAuthentication no'
                'KbdInteractiveAuthentication no'
                'UsePAM no'
                'StrictModes no'
                "PermitRootLogin $(if ($isRoot) { 'yes' } else { 'no' })"
                "AllowUsers $userName"
                'X11Forwarding no'
                'AllowTcpForwarding no'
                'PrintMotd no'
                'PrintLastLog no'
                'UseDNS no'
                # Tests fan out over several sessions at once; the default 10:30:100 drops connections early.
                'MaxStartups 64'
                'MaxSessions 64'
                'LogLevel VERBOSE'
                "Subsystem powershell $subsystem"
            )
            [IO.File]::WriteAllText($config, ($lines -join "`n") + "`n")
            Invoke-Native $SshdPath @('-t', '-f', $config)

            # sshd -D stays in the foreground (its pid is ours to stop); -E sends its log to a file. coreutils'
            # timeout ends it after LifetimeSeconds if nobody does. sshd needs an absolute path to re-exec itself.
            # Standard streams go to the log, never to the caller's pipes (a leftover sshd holding a CI pipe open
            # would keep the run from finishing).
            $start = [Diagnostics.ProcessStartInfo]::new('/bin/sh')
            foreach ($a in @('-c', 'exec timeout "$0" "$1" -D -f "$2" -E "$3" </dev/null >>"$3" 2>&1',
                    $LifetimeSeconds, $SshdPath, $config, $log)) { $start.ArgumentList.Add([string]$a) }
            $start.UseShellExecute = $false
            $process = [Diagnostics.Process]::Start($start)

            # Ready when the port answers with an SSH banner; bounded, polling every 50 ms.
            $deadline = [DateTime]::UtcNow.AddSeconds($ReadyTimeoutSeconds)
            $ready = $false
            while (-not $process.HasExited -and [DateTime]::UtcNow -lt $deadline) {
                if (Test-SshBanner -Port $port) { $ready = $true; break }
                Start-Sleep -Milliseconds 50
            }
            if ($ready) { break }
            $text = if (Test-Path -LiteralPath $log) { Get-Content -Raw -LiteralPath $log } else { '' }
            if (-not $process.HasExited) {
                $process.Kill($true)
                throw "sshd did not answer on 127.0.0.1:$port within $ReadyTimeoutSeconds s. Its log ($log):`n$text"
            }
            if ($attempt -lt 5 -and $text -match 'Address already in use') { $process.Dispose(); $process = $null; continue }
            throw "sshd exited with code $($process.ExitCode) before it listened on 127.0.0.1:${port}. Its log ($log):`n$text"
        }

        $options = @{
            StrictHostKeyChecking = 'no'
            UserKnownHostsFile    = '/dev/null'
            GlobalKnownHostsFile  = '/dev/null'
            IdentitiesOnly        = 'yes'   # only the throwaway key, never an agent's
            BatchMode             = 'yes'   # never prompt (CI has no stdin)
            LogLevel              = 'ERROR' # no "Permanently added ... to the list of known hosts" on stderr
        }
        $parameters = @{
            HostName    = '127.0.0.1'
            Port        = $port
            UserName    = $userName
            KeyFilePath = $keyPath
            Options     = $options
        }
        [pscustomobject]@{
            PSTypeName              = 'CrossEntropy.Tests.TestSshd'
            HostName                = '127.0.0.1'
            Port                    = $port
            UserName                = $userName
            KeyFilePath             = $keyPath
            Options                 = $options
            InvokeCommandParameters = $parameters
            ProcessId               = $process.Id
            Process                 = $process
            Folder                  = $folder
            ConfigPath              = $config
            LogPath                 = $log
            SubsystemPath           = $subsystem
            StartSeconds            = $clock.Elapsed.TotalSeconds
        }
    }
    catch {
        if ($process -and -not $process.HasExited) { $process.Kill($true) }
        if ($process) { $process.WaitForExit(5000) | Out-Null; $process.Dispose() }
        if (Test-Path -LiteralPath $folder) { Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction Ignore }
        throw
    }
}

function Stop-TestSshd {
    <#
    .SYNOPSIS
        Stops what Start-TestSshd started (sshd and its session processes, by pid) and removes its temp folder.
        Accepts $null, so an AfterAll can call it whether or not the start succeeded.
    .PARAMETER KeepFolder
        Leave the folder (config, keys, sshd.log) for a look after a failure.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, ValueFromPipeline)] [AllowNull()] [psobject] $Sshd,
        [switch] $KeepFolder
    )
    process {
        if ($null -eq $Sshd) { return }
        $process = $Sshd.Process
        if ($process) {
            try {
                if (-not $process.HasExited) {
                    # Deepest first, so that each parent is still there to reap its child (an orphan would sit as a
                    # zombie until init gets to it): the remote pwsh of any session still open, its sshd session
                    # process, the sshd listener; then coreutils' timeout, which is ours to reap.
                    $tree = @(Get-DescendantProcessId -ProcessId $process.Id)
                    [array]::Reverse($tree)
                    foreach ($id in $tree) { Stop-ProcessById -ProcessId $id }
                    & kill -TERM $process.Id 2>$null
                    if (-not $process.WaitForExit(5000)) { $process.Kill($true); $null = $process.WaitForExit(5000) }
                    if (-not $process.HasExited) { Write-Warning "sshd (pid $($Sshd.ProcessId)) did not exit." }
                }
            }
            finally { $process.Dispose() }
        }
        if (-not $KeepFolder -and $Sshd.Folder -and (Test-Path -LiteralPath $Sshd.Folder)) {
            Remove-Item -LiteralPath $Sshd.Folder -Recurse -Force
        }
    }
}

Export-ModuleMember -Function Start-TestSshd, Stop-TestSshd, Test-TestSshd
