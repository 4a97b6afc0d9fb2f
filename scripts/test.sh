#!/usr/bin/env bash
# Installs what is missing, builds every variant and runs every test:
#   1. unit and CLI tests (GoogleTest via ctest) on the release build
#   2. the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   3. the executor, the upload pool and validate's read-ahead under ThreadSanitizer
#   4. end-to-end tests: real runs read back by DuckDB, and the data quality gate (node test runner)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh

echo "== release build: unit and CLI tests"
scripts/build.sh release
ctest --test-dir build --output-on-failure -j2

echo "== AddressSanitizer + UndefinedBehaviorSanitizer"
scripts/build.sh asan fraudgen fraudgen_tests
# Peak-memory comparisons are meaningless under ASan's shadow memory.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j2 -E 'PeakMemory'

echo "== ThreadSanitizer: executor, upload pool, validate read-ahead"
scripts/build.sh tsan fraudgen_tests
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir build-tsan --output-on-failure -R 'Executor\.|UploadPool\.|Validate\.CleanDatasetPassesEveryCheck'

echo "== end-to-end: DuckDB reads every output"
FRAUDGEN_BIN="$root/build/fraudgen" tests/e2e/run.sh
