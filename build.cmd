:; set -eo pipefail
:; SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
:; exec "$SCRIPT_DIR/build.sh" "$@"

@echo off
rem Windows entry point: runs build.ps1 with all arguments (the same bootstrap as build.sh).
powershell -ExecutionPolicy ByPass -NoProfile -File "%~dp0build.ps1" %*
