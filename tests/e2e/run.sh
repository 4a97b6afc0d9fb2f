#!/usr/bin/env bash
# Runs the fraudgen end-to-end tests (node's built-in test runner + DuckDB).
#   tests/e2e/run.sh                     all *.test.mjs, one file at a time
#   tests/e2e/run.sh history.test.mjs    only the given files
# FRAUDGEN_BIN overrides the binary (default: build/fraudgen at the repository root).
set -euo pipefail
if [[ -n "${FRAUDGEN_BIN:-}" ]]; then
  export FRAUDGEN_BIN="$(realpath -m -- "$FRAUDGEN_BIN")"   # relative to the caller's folder
fi
cd "$(dirname "${BASH_SOURCE[0]}")"

bin="${FRAUDGEN_BIN:-../../build/fraudgen}"
if [[ ! -x "$bin" ]]; then
  echo "run.sh: fraudgen binary not found at $bin" >&2
  echo "  build it: cmake -S ../.. -B ../../build -G Ninja && ninja -C ../../build fraudgen" >&2
  exit 2
fi
# Install when any devDependency is missing (an older node_modules may lack the Parquet readers).
for pkg in @duckdb/node-api hyparquet hyparquet-compressors parquet-wasm apache-arrow s3rver @smithy/signature-v4 @smithy/hash-node kubernetes-models yaml standardwebhooks; do
  if [[ ! -d "node_modules/$pkg" ]]; then
    npm ci --no-audit --no-fund --loglevel=error
    break
  fi
done

if [[ $# -gt 0 ]]; then files=("$@"); else files=(*.test.mjs); fi
exec node --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
