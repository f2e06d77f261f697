#!/usr/bin/env bash
# Bootstrap: find (or install) the SDK that global.json pins, build the build project when its
# sources changed, then run it with all arguments: ./build.sh <Target...> [--param value].
set -euo pipefail

ROOT_DIRECTORY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMP_DIRECTORY="$ROOT_DIRECTORY/.nuke/temp"
BUILD_PROJECT="$ROOT_DIRECTORY/build/_build.csproj"
BUILD_OUTPUT="$TEMP_DIRECTORY/build-bin"
BUILD_ASSEMBLY="$BUILD_OUTPUT/_build.dll"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1
export NUKE_ROOT_DIRECTORY="$ROOT_DIRECTORY"
mkdir -p "$TEMP_DIRECTORY"

# global.json pins 10.0.<band><patch> with rollForward latestPatch: any SDK of the same feature band
# whose patch is at least the pinned one satisfies it.
pinned_version() {
  sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$ROOT_DIRECTORY/global.json" | head -n 1
}

satisfies_pin() { # $1 = installed SDK version, $2 = pinned version
  local installed="$1" pinned="$2"
  [[ "$installed" =~ ^([0-9]+)\.([0-9]+)\.([0-9])([0-9]{2})$ ]] || return 1
  local major="${BASH_REMATCH[1]}" minor="${BASH_REMATCH[2]}" band="${BASH_REMATCH[3]}" patch="${BASH_REMATCH[4]}"
  [[ "$pinned" =~ ^([0-9]+)\.([0-9]+)\.([0-9])([0-9]{2})$ ]] || return 1
  [[ "$major" == "${BASH_REMATCH[1]}" && "$minor" == "${BASH_REMATCH[2]}" && "$band" == "${BASH_REMATCH[3]}" ]] \
    && (( 10#$patch >= 10#${BASH_REMATCH[4]} ))
}

find_dotnet() {
  local pinned="$1" candidate sdk
  for candidate in "${DOTNET_EXE:-}" "$(command -v dotnet || true)" "$TEMP_DIRECTORY/dotnet-unix/dotnet"; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    while read -r sdk _; do
      if satisfies_pin "$sdk" "$pinned"; then echo "$candidate"; return 0; fi
    done < <("$candidate" --list-sdks 2>/dev/null)
  done
  return 1
}

install_dotnet() { # $1 = pinned version; installs the newest patch of its feature band into .nuke/temp
  local pinned="$1" install_directory="$TEMP_DIRECTORY/dotnet-unix" script="$TEMP_DIRECTORY/dotnet-install.sh"
  mkdir -p "$TEMP_DIRECTORY"
  echo "No installed .NET SDK satisfies global.json ($pinned, latest patch); installing one into $install_directory" >&2
  curl -fsSL https://dot.net/v1/dotnet-install.sh -o "$script" || {
    echo "error: cannot download dotnet-install.sh: install the .NET SDK $pinned (or a later patch of its feature band) and run again" >&2
    exit 1
  }
  bash "$script" --install-dir "$install_directory" --channel "${pinned%.*}" --quality ga --no-path >&2
  echo "$install_directory/dotnet"
}

PINNED="$(pinned_version)"
DOTNET="$(find_dotnet "$PINNED" || install_dotnet "$PINNED")"
export DOTNET_EXE="$DOTNET"

# Rebuild only when a build source (or a shared setting) is newer than the built assembly, so a warm
# `./build.sh --help` costs one process start.
needs_build() {
  [[ -f "$BUILD_ASSEMBLY" ]] || return 0
  [[ -n "$(find "$ROOT_DIRECTORY/build" \( -name bin -o -name obj \) -prune -o -type f -newer "$BUILD_ASSEMBLY" -print -quit)" ]] && return 0
  local shared
  for shared in global.json Directory.Build.props Directory.Packages.props .editorconfig; do
    [[ "$ROOT_DIRECTORY/$shared" -nt "$BUILD_ASSEMBLY" ]] && return 0
  done
  return 1
}

if needs_build; then
  "$DOTNET" build "$BUILD_PROJECT" --nologo -v quiet -clp:NoSummary -o "$BUILD_OUTPUT" >"$TEMP_DIRECTORY/build-compile.log" 2>&1 || {
    cat "$TEMP_DIRECTORY/build-compile.log" >&2
    echo "error: the build project did not compile (see above; the log is $TEMP_DIRECTORY/build-compile.log)" >&2
    exit 1
  }
  touch "$BUILD_ASSEMBLY"
fi

exec "$DOTNET" "$BUILD_ASSEMBLY" "$@"
