# Makes Mirror the kiosk user's shell with Shell Launcher (Windows 10/11 Enterprise, Education
# or IoT Enterprise): no desktop, no Explorer. When the mirror exits, Shell Launcher restarts it,
# except after the staff's "exit" (code 3), which is mapped to "do nothing". Run once, elevated:
#
#   powershell -ExecutionPolicy Bypass -File shell-launcher.ps1 -User kiosk [-AppDir C:\mirror-app]
#
# First enable the feature (then reboot):
#   Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All
# Undo: ([wmiclass]"\\localhost\root\standardcimv2\embedded:WESL_UserSetting").RemoveCustomShell($sid)

param(
    [Parameter(Mandatory = $true)][string]$User,
    # The folder of mirror-app.exe (this script is in its deploy\windows).
    [string]$AppDir = (Split-Path -Parent (Split-Path -Parent $PSScriptRoot))
)

$RestartShell = 0
$DoNothing = 3
$StaffExit = 3

$Exe = Join-Path $AppDir "mirror-app.exe"
$Sid = (New-Object System.Security.Principal.NTAccount($User)).Translate(
    [System.Security.Principal.SecurityIdentifier]).Value
$ShellLauncher = [wmiclass]"\\localhost\root\standardcimv2\embedded:WESL_UserSetting"

# Everyone else (administrators, staff accounts) keeps Explorer.
$ShellLauncher.SetDefaultShell("explorer.exe", $RestartShell) | Out-Null
$ShellLauncher.SetCustomShell($Sid, "`"$Exe`"", @($StaffExit), @($DoNothing), $RestartShell) | Out-Null
$ShellLauncher.SetEnabled($true) | Out-Null
Write-Host "Mirror is the shell of $User ($Sid). Staff exit (code $StaffExit) leaves it closed; any other exit restarts it."
