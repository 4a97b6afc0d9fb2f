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
if [[ ! -d node_modules/@duckdb/node-api ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

if [[ $# -gt 0 ]]; then files=("$@"); else files=(*.test.mjs); fi
exec node --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
