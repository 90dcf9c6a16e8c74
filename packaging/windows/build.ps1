# Build the one-folder bundle on Windows 10/11 (x64), then its installer.
# From the repository's folder, in PowerShell:
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs Python 3.11 x64 from python.org (the `py` launcher), and Inno Setup 6 for the
# installer (skipped with a note when ISCC.exe is not found).
# NOT TRIED: written on Linux, never run; see packaging/README.md for what may need fixing.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
$python = ".venv\Scripts\python.exe"

# requirements.lock is resolved for Linux: its pins and hashes cover the Windows wheels of
# the same versions, but not the packages only Windows needs (PyInstaller's pefile and
# pywin32-ctypes, colorama...). Hence the pinned set without its dependency check, then
# those few by name.
& $python -m pip install --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
& $python -m pip install --disable-pip-version-check pefile pywin32-ctypes
& $python -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e .

& ".venv\Scripts\pyinstaller.exe" --noconfirm --distpath dist --workpath build\pyinstaller packaging\kiosk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The same check as `make bundle-check` on Linux (what applies to Windows).
& $python packaging\check_bundle.py dist\tram-ky-nang-so
if ($LASTEXITCODE -ne 0) { throw "the bundle check failed" }

$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
if (Test-Path $iscc) {
    & $iscc packaging\windows\installer.iss
} else {
    Write-Host "Inno Setup 6 not found: the bundle is in dist\tram-ky-nang-so; no installer made."
}
