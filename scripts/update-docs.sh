#!/usr/bin/env bash
# Regenerates docs/schema.md from the schema definition (the test suite checks it is current).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"${FRAUDGEN_BIN:-$root/build/fraudgen}" schema --format markdown > "$root/docs/schema.md"
