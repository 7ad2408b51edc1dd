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
  cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" \
    ${VEILLE_CLANG_TIDY:+-DVEILLE_CLANG_TIDY="$VEILLE_CLANG_TIDY"} "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
}

# The one clang build that serves both the ASan + UBSan test suite and the libFuzzer targets
# (scripts/test, scripts/fuzz): -O1 and line tables only, which compile about twice as fast as
# -O2 -g and still give stack traces with file and line. The libraries are unity builds (a few sources
# per compiler run, their headers parsed once: 274 → 221 s from an empty cache); the tests are not
# (tests/CMakeLists.txt).
SANITIZE_BUILD="$ROOT/build-sanitize"
SANITIZE_OPTIONS=(-DCMAKE_CXX_COMPILER=/usr/bin/clang++ -DVEILLE_SANITIZE=ON -DVEILLE_FUZZ=ON -DBUILD_TESTING=ON
  -DCMAKE_UNITY_BUILD=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG")

# ensure_bench_packages: apt-installs what bench/packages.txt lists and is missing, one package at a time,
# so that a peer that cannot be installed is only skipped (the caller checks for it) rather than fatal.
ensure_bench_packages() {
  local p missing=()
  while read -r p; do
    p="${p%%#*}"; p="${p//[[:space:]]/}"
    [ -z "$p" ] && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done <"$ROOT/bench/packages.txt"
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  run_as_root apt-get update -qq || true
  for p in "${missing[@]}"; do
    run_as_root apt-get install -y -qq --no-install-recommends "$p" >/dev/null || say "could not install $p"
  done
}
