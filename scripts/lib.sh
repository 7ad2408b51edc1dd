# lib.sh — shared shell helpers for scripts/* (sourced, not run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
say() { echo "==> $*" >&2; }

# run_as_root CMD...: as root directly, else through sudo.
run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ensure_setup: runs scripts/setup unless every build dependency is already there.
ensure_setup() {
  if ! "$ROOT/scripts/setup" --check >/dev/null 2>&1; then "$ROOT/scripts/setup"; fi
}

# cmake_build DIR [CMAKE OPTIONS...]: configure (once) and build DIR.
cmake_build() {
  local dir="$1"; shift
  cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
}
