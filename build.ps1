# Bootstrap for Windows and PowerShell: find (or install) the SDK that global.json pins, build the
# build project when its sources changed, then run it with all arguments.
[CmdletBinding()]
Param(
    [Parameter(Position = 0, Mandatory = $false, ValueFromRemainingArguments = $true)]
    [string[]]$BuildArguments
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = "Stop"
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8

$RootDirectory = $PSScriptRoot
$TempDirectory = Join-Path $RootDirectory ".nuke/temp"
$BuildProject = Join-Path $RootDirectory "build/_build.csproj"
$BuildOutput = Join-Path $TempDirectory "build-bin"
$BuildAssembly = Join-Path $BuildOutput "_build.dll"

$env:DOTNET_CLI_TELEMETRY_OPTOUT = 1
$env:DOTNET_NOLOGO = 1
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = 1
$env:NUKE_ROOT_DIRECTORY = $RootDirectory
New-Item -ItemType Directory -Force -Path $TempDirectory | Out-Null

$Pinned = (Get-Content (Join-Path $RootDirectory "global.json") | ConvertFrom-Json).sdk.version

function Test-SatisfiesPin([string]$Installed) {
    if ($Installed -notmatch '^(\d+)\.(\d+)\.(\d)(\d\d)$') { return $false }
    $i = $Matches.Clone()
    if ($Pinned -notmatch '^(\d+)\.(\d+)\.(\d)(\d\d)$') { return $false }
    return ($i[1] -eq $Matches[1]) -and ($i[2] -eq $Matches[2]) -and ($i[3] -eq $Matches[3]) -and ([int]$i[4] -ge [int]$Matches[4])
}

$Dotnet = $null
foreach ($Candidate in @((Get-Command dotnet -ErrorAction SilentlyContinue).Source, (Join-Path $TempDirectory "dotnet-win/dotnet.exe"))) {
    if (-not $Candidate -or -not (Test-Path $Candidate)) { continue }
    foreach ($Line in & $Candidate --list-sdks) {
        if (Test-SatisfiesPin ($Line -split ' ')[0]) { $Dotnet = $Candidate; break }
    }
    if ($Dotnet) { break }
}
if (-not $Dotnet) {
    $InstallDirectory = Join-Path $TempDirectory "dotnet-win"
    $Script = Join-Path $TempDirectory "dotnet-install.ps1"
    Write-Host "No installed .NET SDK satisfies global.json ($Pinned, latest patch); installing one into $InstallDirectory"
    Invoke-WebRequest "https://dot.net/v1/dotnet-install.ps1" -OutFile $Script
    & $Script -InstallDir $InstallDirectory -Channel ($Pinned.Substring(0, $Pinned.LastIndexOf('.'))) -Quality ga -NoPath
    $Dotnet = Join-Path $InstallDirectory "dotnet.exe"
}
$env:DOTNET_EXE = $Dotnet

$Stale = -not (Test-Path $BuildAssembly)
if (-not $Stale) {
    $Built = (Get-Item $BuildAssembly).LastWriteTime
    $Sources = Get-ChildItem (Join-Path $RootDirectory "build") -Recurse -File | Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
    $Shared = @("global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig") | ForEach-Object { Get-Item (Join-Path $RootDirectory $_) -ErrorAction SilentlyContinue }
    $Stale = @($Sources + $Shared | Where-Object { $_ -and $_.LastWriteTime -gt $Built }).Count -gt 0
}
if ($Stale) {
    & $Dotnet build $BuildProject --nologo -v quiet -clp:NoSummary -o $BuildOutput
    if ($LASTEXITCODE -ne 0) { Write-Error "the build project did not compile (see above)"; exit $LASTEXITCODE }
}

& $Dotnet $BuildAssembly @BuildArguments
exit $LASTEXITCODE
