#!/usr/bin/env bash
# Configures and builds one variant. Usage: scripts/build.sh [release|asan|tsan|dist] [targets...]
#   release: build/       (-O3 -g1, the binary users run and benchmarks measure; unity batches)
#   dist:    build-dist/  (the release binary alone, without tests and benchmarks: what the
#                          Dockerfile builds after scripts/install-deps.sh --build-only)
#   asan:    build-asan/  (AddressSanitizer + UndefinedBehaviorSanitizer; -O1, unity batches)
#   tsan:    build-tsan/  (ThreadSanitizer; -O1, unity batches)
# Every variant compiles in unity batches of 8 files (CMakeLists.txt, FRAUDGEN_UNITY).
# Uses ccache when it is installed (scripts/install-deps.sh installs it), so rebuilding what this
# checkout built before (a removed build folder, a branch switched away and back) takes seconds.
# Nothing depends on it: without it, or with CCACHE_DISABLE=1, the build is the same.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
variant=${1:-release}
shift || true
case "$variant" in
  release) dir=build; sanitize="" ;;
  asan) dir=build-asan; sanitize="address,undefined" ;;
  tsan) dir=build-tsan; sanitize="thread" ;;
  dist) dir=build-dist; sanitize="" ;;
  *) echo "scripts/build.sh: unknown variant '$variant'; accepted: release, asan, tsan, dist" >&2; exit 2 ;;
esac
extra=()
[ "$variant" = release ] || extra+=(-DFRAUDGEN_BUILD_BENCH=OFF)
[ "$variant" != dist ] || extra+=(-DFRAUDGEN_BUILD_TESTS=OFF)
if command -v ccache >/dev/null; then
  extra+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$root" -B "$root/$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFRAUDGEN_SANITIZE="$sanitize" "${extra[@]}" >/dev/null
ninja -C "$root/$dir" "$@"
