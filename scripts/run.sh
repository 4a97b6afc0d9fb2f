#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and generates a dataset.
# Without arguments: 1GB of Parquet (ZSTD) into ./output (replacing a dataset already there).
# With arguments: they are passed to `fraudgen generate` as they are.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" release fraudgen >/dev/null
if [ $# -eq 0 ]; then set -- --output "$PWD/output" --overwrite; fi
exec "$root/build/fraudgen" generate "$@"
