# Registers a Task Scheduler task that starts Mirror (through run-mirror.ps1) when the kiosk
# user logs on. Run once, in an elevated PowerShell, on the shop PC:
#
#   powershell -ExecutionPolicy Bypass -File install-task.ps1 -User SHOP-PC\kiosk [-AppDir C:\mirror-app]
#
# Remove with: Unregister-ScheduledTask -TaskName "Mirror kiosk" -Confirm:$false

param(
    [Parameter(Mandatory = $true)][string]$User,
    # The folder of mirror-app.exe (this script is in its deploy\windows).
    [string]$AppDir = (Split-Path -Parent (Split-Path -Parent $PSScriptRoot))
)

$Script = Join-Path $AppDir "deploy\windows\run-mirror.ps1"
$Action = New-ScheduledTaskAction -Execute "powershell.exe" `
    -Argument "-NoProfile -WindowStyle Hidden -ExecutionPolicy Bypass -File `"$Script`" -AppDir `"$AppDir`"" `
    -WorkingDirectory $AppDir
$Trigger = New-ScheduledTaskTrigger -AtLogOn -User $User
# No time limit; if the supervisor script itself dies, Task Scheduler starts it again.
$Settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit ([TimeSpan]::Zero) `
    -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) `
    -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -MultipleInstances IgnoreNew
# Interactive: the mirror needs the user's desktop.
$Principal = New-ScheduledTaskPrincipal -UserId $User -LogonType Interactive -RunLevel Limited

Register-ScheduledTask -TaskName "Mirror kiosk" -Action $Action -Trigger $Trigger -Settings $Settings `
    -Principal $Principal -Description "Starts the Mirror try-on kiosk at log-on and restarts it" -Force
Write-Host "Registered 'Mirror kiosk' for $User. Log on as $User to start it."
