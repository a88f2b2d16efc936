# Mirror's supervisor on Windows: runs the mirror, starts it again when it stops, except after
# the staff's "exit" (exit code 3). Task Scheduler starts this script at log-on
# (install-task.ps1); a crash or a frozen window (the app exits with code 1 after 60 s without
# a UI heartbeat, stacks in crash.log) is followed by a restart after a short, growing pause.
#
#   powershell -ExecutionPolicy Bypass -File run-mirror.ps1 [-AppDir C:\mirror-app]

param(
    # The folder of mirror-app.exe (this script is in its deploy\windows).
    [string]$AppDir = (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)),
    [string[]]$AppArgs = @("run")
)

$StaffExit = 3
$Exe = Join-Path $AppDir "mirror-app.exe"
$LogDir = Join-Path $env:LOCALAPPDATA "mirror-app\Logs"
New-Item -ItemType Directory -Force -Path $LogDir | Out-Null
$SupervisorLog = Join-Path $LogDir "supervisor.log"

function Write-Log([string]$Message) {
    "$(Get-Date -Format 'yyyy-MM-dd HH:mm:ss') $Message" | Add-Content -Path $SupervisorLog -Encoding UTF8
}

if (-not (Test-Path $Exe)) {
    Write-Log "not found: $Exe"
    exit 1
}

$delay = 2
while ($true) {
    $started = Get-Date
    Write-Log "starting $Exe $($AppArgs -join ' ')"
    $process = Start-Process -FilePath $Exe -ArgumentList $AppArgs -WorkingDirectory $AppDir -PassThru -Wait
    $code = $process.ExitCode
    if ($code -eq $StaffExit) {
        Write-Log "staff exit (code $code): not restarting"
        exit 0
    }
    # A run that lasted a while resets the back-off; quick repeated failures wait longer (max 60 s).
    if (((Get-Date) - $started).TotalSeconds -gt 300) { $delay = 2 } else { $delay = [Math]::Min($delay * 2, 60) }
    Write-Log "mirror stopped with code $code; restarting in $delay s"
    Start-Sleep -Seconds $delay
}
