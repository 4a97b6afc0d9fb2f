#!/usr/bin/env bash
# Whole-run throughput of `fraudgen generate`, written to /dev/shm so the disk does not hide
# the generator. Prints medians of REPS runs, measured side by side in one invocation:
#   tx/s (wall), tx/s per core (transactions / CPU seconds), MB/s, peak RSS,
#   for Parquet+ZSTD (default level 1), JSONL and CSV at 1 worker and at all cores, the all/1
#   ratio; Parquet bytes per transaction; DuckDB copying the same rows from memory to Parquet
#   with the same codec and level (1, then 3; encode only), and fraudgen's per-core ratio to it;
#   a 5 GB JSONL run's peak RSS; and the same Parquet run streamed to a local s3rver next to
#   /dev/shm, with the generator's CPU use while parts are in flight (bench/s3_upload.mjs).
# Usage: bench/run.sh [CUSTOMERS=2500] [REPS=3]
# The workload is a number of customers (2500 customers over 2025 are about 1.9 million
# transactions), so every format, and DuckDB's baseline, handles the same rows.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
customers=${1:-2500}
reps=${2:-3}
cores=$(nproc)
bin="$root/build/fraudgen"
"$root/scripts/install-deps.sh"   # DuckDB's node API for the baseline comes from tests/e2e
"$root/scripts/build.sh" release fraudgen fraudgen_microbench >/dev/null
out=/dev/shm/fraudgen-bench
common=(--seed 1 --start-date 2025-01-01 --end-date 2025-12-31 --quiet --output "$out")

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# One run: prints "wall_s cpu_s rss_kb tx bytes".
one_run() {
  rm -rf "$out"
  local stats
  stats=$( { /usr/bin/time -f "%e %U %S %M" "$bin" generate "${common[@]}" "$@" ; } 2>&1 >/dev/null | tail -1)
  local tx bytes
  tx=$(grep -o '"transactions": {[^}]*' "$out/manifest.json" >/dev/null 2>&1; /usr/bin/python3 -c "import json,sys; m=json.load(open('$out/manifest.json')); print(m['totals']['transactions']['rows'], m['total_bytes'])")
  read -r wall user sys rss <<<"$stats"
  echo "$wall $(awk "BEGIN{print $user+$sys}") $rss $tx"
}

printf '%-7s %-8s %12s %14s %10s %12s %9s\n' format workers "tx/s" "tx/s per core" "MB/s" "MB/s/core" "RSS MB"
for format in parquet jsonl csv; do
  declare -A rate=()
  for workers in 1 "$cores"; do
    walls=(); cpus=(); rsss=(); txr=(); core=(); mbs=(); mbcore=()
    for ((r = 0; r < reps; r++)); do
      read -r wall cpu rss tx bytes <<<"$(one_run --customers "$customers" --format "$format" --workers "$workers")"
      txr+=("$(awk "BEGIN{print $tx/$wall}")"); core+=("$(awk "BEGIN{print $tx/$cpu}")")
      mbs+=("$(awk "BEGIN{print $bytes/1e6/$wall}")"); mbcore+=("$(awk "BEGIN{print $bytes/1e6/$cpu}")")
      rsss+=("$rss")
    done
    t=$(printf '%s\n' "${txr[@]}" | median); c=$(printf '%s\n' "${core[@]}" | median)
    m=$(printf '%s\n' "${mbs[@]}" | median); mc=$(printf '%s\n' "${mbcore[@]}" | median)
    rs=$(printf '%s\n' "${rsss[@]}" | median)
    rate[$workers]=$t
    printf '%-7s %-8s %12.0f %14.0f %10.1f %12.1f %9.1f\n' "$format" "$workers" "$t" "$c" "$m" "$mc" "$(awk "BEGIN{print $rs/1024}")"
  done
  printf '%-7s %s/1 workers speed-up: %.2fx\n' "$format" "$cores" "$(awk "BEGIN{print ${rate[$cores]}/${rate[1]}}")"
  if [ "$format" = parquet ]; then
    /usr/bin/python3 -c "import json; m=json.load(open('$out/manifest.json')); t=m['totals']['transactions']; print('parquet+zstd: %.1f bytes per transaction (%d rows, %d bytes)' % (t['bytes']/t['rows'], t['rows'], t['bytes']))"
    # Side by side: each repetition runs fraudgen (1 worker) and then DuckDB (1 thread) on the
    # same rows at the same zstd level, so both see the same machine state; the ratio is of the
    # medians. Level 1 is fraudgen's Parquet default; level 3 is DuckDB's.
    for level in 1 3; do
      echo "DuckDB baseline: COPY of the same transactions from memory to Parquet, ZSTD level $level, 122880-row groups"
      fg=(); duck=(); duck_wall=()
      for ((r = 0; r < reps; r++)); do
        read -r wall cpu rss tx bytes <<<"$(one_run --customers "$customers" --format parquet --workers 1 --compression-level "$level")"
        fg+=("$(awk "BEGIN{print $tx/$cpu}")")
        read -r threads rows dwall dcpu < <(node "$root/bench/duckdb_baseline.mjs" "$out" zstd "$level" 122880 1 1)
        duck+=("$(awk "BEGIN{print $rows/$dcpu}")"); duck_wall+=("$(awk "BEGIN{print $rows/$dwall}")")
      done
      fg_core=$(printf '%s\n' "${fg[@]}" | median); duck_core=$(printf '%s\n' "${duck[@]}" | median)
      printf '  fraudgen simulate + encode, 1 worker: %.0f transactions/s per core (%.1f bytes per transaction)\n' "$fg_core" "$(awk "BEGIN{print $bytes/$tx}")"
      printf '  duckdb encode only, 1 thread:          %.0f rows/s per core (%.0f rows/s)\n' "$duck_core" "$(printf '%s\n' "${duck_wall[@]}" | median)"
      printf '  ratio fraudgen / DuckDB per core: %.2fx\n' "$(awk "BEGIN{print $fg_core/$duck_core}")"
    done
    read -r threads rows dwall dcpu < <(node "$root/bench/duckdb_baseline.mjs" "$out" zstd 3 122880 1 2)
    printf '  duckdb encode only, level 3, 2 threads: %.0f rows/s, %.0f rows/s per core\n' "$(awk "BEGIN{print $rows/$dwall}")" "$(awk "BEGIN{print $rows/$dcpu}")"
  fi
done

read -r wall cpu rss tx bytes <<<"$(one_run --size 5GB --format jsonl --workers "$cores")"
printf 'jsonl 5GB run: %.1f s, %s bytes, peak RSS %.1f MB\n' "$wall" "$bytes" "$(awk "BEGIN{print $rss/1024}")"
rm -rf "$out"

echo "S3: the same Parquet run to /dev/shm and streamed to a local s3rver (npm), interleaved, medians of $reps:"
node "$root/bench/s3_upload.mjs" "$bin" "$reps" --customers "$customers" --seed 1 --start-date 2025-01-01 --end-date 2025-12-31

echo "generation + JSONL encoding without the file sink, per thread (google-benchmark):"
"$root/build/bench/fraudgen_microbench" --benchmark_filter='BM_GenerateJsonl' --benchmark_min_time=2 2>/dev/null | grep -E "BM_"
