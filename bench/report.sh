#!/usr/bin/env bash
# `fraudgen report`'s scan time next to DuckDB's scan of the same columns of the same Parquet files.
#   bench/report.sh [CUSTOMERS] [DAYS]     (default 5000 customers over 365 days, ~4M transactions)
# Prints, per worker/thread count: fraudgen's scan seconds (its own summary line) and DuckDB's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="${FRAUDGEN_BIN:-$root/build/fraudgen}"
customers=${1:-5000} days=${2:-365}
work=$(mktemp -d /tmp/fraudgen-report-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
end=$(date -u -d "2025-01-01 + $((days - 1)) days" +%F)
"$bin" generate --customers "$customers" --seed 7 --start-date 2025-01-01 --end-date "$end" --file-size 64MiB \
  --output "$work/ds" --quiet
echo "dataset: $customers customers, $days days, $(du -sh "$work/ds" | cut -f1)"
for w in 1 2; do
  best=""
  for rep in 1 2 3; do
    line=$("$bin" report "$work/ds" -o "$work/r.html" --workers "$w" 2>&1 | grep scanned)
    s=$(sed -E 's/.* in ([0-9.]+) s.*/\1/' <<<"$line")
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; fi
  done
  echo "fraudgen report --workers $w: scan $best s (best of 3); ${line#*scanned }; page $(stat -c %s "$work/r.html") bytes"
done
node "$root/bench/duckdb_report_scan.mjs" "$work/ds" 3 1 2 | while read -r threads rows wall; do
  echo "duckdb threads=$threads: $rows rows in $wall s (median of 3)"
done
