#!/usr/bin/env bash
# Whole-run throughput of `fraudgen generate`, written to /dev/shm so the disk does not hide
# the generator. Prints medians of REPS runs, measured side by side in one invocation:
#   tx/s (wall), tx/s per core (transactions / CPU seconds), MB/s, peak RSS,
#   for Parquet+ZSTD (default level 1), JSONL and CSV at 1 worker and at all cores, the all/1
#   ratio; Parquet bytes per transaction; DuckDB copying the same rows from memory to Parquet
#   with the same codec and level (1, then 3; encode only), and fraudgen's per-core ratio to it;
#   Parquet's speed-up on four times the customers, against 1 worker and against 1 worker held
#   to one core, next to that of as many independent 1-worker runs at once (what this machine
#   gives copies of the same work), with the CPU seconds of each; a 5 GB JSONL
#   run's peak RSS; and the same Parquet run streamed to a local s3rver next to /dev/shm, with
#   the generator's CPU use while parts are in flight (bench/s3_upload.mjs).
# Usage: bench/run.sh [CUSTOMERS=2500] [REPS=3]
# The workload is a number of customers (2500 customers over 2025 are about 2.4 million
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
gen_args=(--seed 1 --start-date 2025-01-01 --end-date 2025-12-31 --quiet)
common=("${gen_args[@]}" --output "$out")

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# One run: prints "wall_s cpu_s rss_kb tx bytes". A command in `pin` (taskset) runs it.
pin=()
one_run() {
  rm -rf "$out"
  local stats
  stats=$( { /usr/bin/time -f "%e %U %S %M" "${pin[@]}" "$bin" generate "${common[@]}" "$@" ; } 2>&1 >/dev/null | tail -1)
  local tx bytes
  tx=$(grep -o '"transactions": {[^}]*' "$out/manifest.json" >/dev/null 2>&1; /usr/bin/python3 -c "import json,sys; m=json.load(open('$out/manifest.json')); print(m['totals']['transactions']['rows'], m['total_bytes'])")
  read -r wall user sys rss <<<"$stats"
  echo "$wall $(awk "BEGIN{print $user+$sys}") $rss $tx"
}

# N independent 1-worker processes at once, each on the same rows into its own folder: what
# this machine's N cores give copies of the same work, sharing nothing (caches, memory and the
# kernel still slow them down), next to which the N-worker speed-up is read.
# Prints the wall seconds until the last one ends.
copies_run() {
  local n=$1; shift
  local pids=() start end i
  for ((i = 0; i < n; i++)); do rm -rf "$out-copy-$i"; done
  start=$(date +%s.%N)
  for ((i = 0; i < n; i++)); do
    "$bin" generate "${gen_args[@]}" --output "$out-copy-$i" "$@" >/dev/null &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || { echo "an independent copy failed" >&2; exit 1; }; done
  end=$(date +%s.%N)
  for ((i = 0; i < n; i++)); do rm -rf "$out-copy-$i"; done
  awk "BEGIN{print $end - $start}"
}

printf '%-7s %-8s %12s %14s %10s %12s %9s\n' format workers "tx/s" "tx/s per core" "MB/s" "MB/s/core" "RSS MB"
for format in parquet jsonl csv; do
  # Each repetition runs 1 worker, then all cores, so both see the same machine state; the
  # speed-up is the median of each repetition's ratio.
  declare -A txr=() core=() mbs=() mbcore=() rsss=()
  speedups=(); cpus_1w=()
  for ((r = 0; r < reps; r++)); do
    declare -A wall_of=()
    for workers in 1 "$cores"; do
      read -r wall cpu rss tx bytes <<<"$(one_run --customers "$customers" --format "$format" --workers "$workers")"
      wall_of[$workers]=$wall
      [ "$workers" = 1 ] && cpus_1w+=("$cpu")
      txr[$workers]+="$(awk "BEGIN{print $tx/$wall}") "; core[$workers]+="$(awk "BEGIN{print $tx/$cpu}") "
      mbs[$workers]+="$(awk "BEGIN{print $bytes/1e6/$wall}") "; mbcore[$workers]+="$(awk "BEGIN{print $bytes/1e6/$cpu}") "
      rsss[$workers]+="$rss "
    done
    speedups+=("$(awk "BEGIN{print ${wall_of[1]}/${wall_of[$cores]}}")")
  done
  for workers in 1 "$cores"; do
    t=$(printf '%s\n' ${txr[$workers]} | median); c=$(printf '%s\n' ${core[$workers]} | median)
    m=$(printf '%s\n' ${mbs[$workers]} | median); mc=$(printf '%s\n' ${mbcore[$workers]} | median)
    rs=$(printf '%s\n' ${rsss[$workers]} | median)
    printf '%-7s %-8s %12.0f %14.0f %10.1f %12.1f %9.1f\n' "$format" "$workers" "$t" "$c" "$m" "$mc" "$(awk "BEGIN{print $rs/1024}")"
  done
  printf '%-7s %s/1 workers speed-up: %.2fx (median of the repetitions: %s)\n' "$format" "$cores" \
    "$(printf '%s\n' "${speedups[@]}" | median)" "$(printf '%.2f ' "${speedups[@]}")"
  if [ "$format" = parquet ]; then
    /usr/bin/python3 -c "import json; m=json.load(open('$out/manifest.json')); t=m['totals']['transactions']; print('parquet+zstd: %.1f bytes per transaction (%d rows, %d bytes)' % (t['bytes']/t['rows'], t['rows'], t['bytes']))"
    # What the ordered writer does, timed alone on the same files: SHA-256 (the manifest's, with
    # the same libcrypto) and writing as many bytes into the page cache (from /dev/zero). One
    # worker's writer runs on an otherwise idle core; N workers share their N cores with it, so
    # with writer CPU S and worker CPU W their speed-up is at most N / (1 + S / W), before the
    # fixed start and any contention.
    hash_cpu=(); write_cpu=()
    for ((r = 0; r < reps; r++)); do
      hash_cpu+=("$( { /usr/bin/time -f "%U" openssl dgst -sha256 "$out"/*/*.parquet >/dev/null; } 2>&1 | tail -1)")
      rm -rf "$out-copy"
      write_cpu+=("$( { /usr/bin/time -f "%U %S" dd if=/dev/zero of="$out-copy" bs=256K count=$((bytes / 262144)) status=none; } 2>&1 | tail -1 | awk '{print $1 + $2}')")
      rm -rf "$out-copy"
    done
    h=$(printf '%s\n' "${hash_cpu[@]}" | median); w_s=$(printf '%s\n' "${write_cpu[@]}" | median)
    c=$(printf '%s\n' "${cpus_1w[@]}" | median)
    printf 'parquet writer alone: SHA-256 %.2f CPU s, write %.2f CPU s; 1 worker %.2f CPU s in all: writer %.1f%%, so %s workers reach at most %.2fx\n' \
      "$h" "$w_s" "$c" "$(awk "BEGIN{print 100 * ($h + $w_s) / $c}")" "$cores" "$(awk "BEGIN{print $cores / (1 + ($h + $w_s) / ($c - $h - $w_s))}")"
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

# Parquet's speed-up on four times the rows, where the fixed start (reference data, the size
# pilot: about 0.13 s) weighs less, next to the same number of independent 1-worker runs at once.
# Also one worker held to a single core (taskset): unpinned, its writer thread (SHA-256 and the
# copy into the page cache) runs on the otherwise idle second core, so "1 worker" uses more than
# one core; pinned, the speed-up reads as N cores against one. The CPU seconds show what running
# side by side adds to the same work.
big=$((customers * 4))
echo "Parquet + ZSTD, $big customers: 1 worker, 1 worker on one core, $cores workers, and $cores independent 1-worker runs at once, interleaved, medians of $reps:"
w1=(); wp=(); wn=(); c1=(); cn=(); speedups=(); core_speedups=(); copy_speedups=()
for ((r = 0; r < reps; r++)); do
  read -r wall1 cpu1 rss tx bytes <<<"$(one_run --customers "$big" --workers 1)"
  read -r wallp cpu rss tx bytes <<<"$(pin=(taskset -c 0); one_run --customers "$big" --workers 1)"
  read -r walln cpun rss tx bytes <<<"$(one_run --customers "$big" --workers "$cores")"
  copies=$(copies_run "$cores" --customers "$big" --workers 1)
  w1+=("$wall1"); wp+=("$wallp"); wn+=("$walln"); c1+=("$cpu1"); cn+=("$cpun")
  speedups+=("$(awk "BEGIN{print $wall1/$walln}")"); core_speedups+=("$(awk "BEGIN{print $wallp/$walln}")")
  copy_speedups+=("$(awk "BEGIN{print $cores*$wall1/$copies}")")
done
printf '  %s transactions; 1 worker %.2f s (%.2f CPU s), on one core %.2f s, %s workers %.2f s (%.2f CPU s)\n' "$tx" \
  "$(printf '%s\n' "${w1[@]}" | median)" "$(printf '%s\n' "${c1[@]}" | median)" "$(printf '%s\n' "${wp[@]}" | median)" \
  "$cores" "$(printf '%s\n' "${wn[@]}" | median)" "$(printf '%s\n' "${cn[@]}" | median)"
printf '  %s/1 workers speed-up: %.2fx (repetitions: %s)\n' "$cores" "$(printf '%s\n' "${speedups[@]}" | median)" "$(printf '%.2f ' "${speedups[@]}")"
printf '  %s workers against 1 worker on one core: %.2fx (repetitions: %s)\n' "$cores" "$(printf '%s\n' "${core_speedups[@]}" | median)" "$(printf '%.2f ' "${core_speedups[@]}")"
printf '  %s independent runs at once against one alone: %.2fx (repetitions: %s)\n' "$cores" \
  "$(printf '%s\n' "${copy_speedups[@]}" | median)" "$(printf '%.2f ' "${copy_speedups[@]}")"

read -r wall cpu rss tx bytes <<<"$(one_run --size 5GB --format jsonl --workers "$cores")"
printf 'jsonl 5GB run: %.1f s, %s bytes, peak RSS %.1f MB\n' "$wall" "$bytes" "$(awk "BEGIN{print $rss/1024}")"
rm -rf "$out"

echo "S3: the same Parquet run to /dev/shm and streamed to a local s3rver (npm), interleaved, medians of $reps:"
node "$root/bench/s3_upload.mjs" "$bin" "$reps" --customers "$customers" --seed 1 --start-date 2025-01-01 --end-date 2025-12-31

# The generator alone: each thread simulates and encodes its own blocks, with no ordered writer
# and no file sink, so threads:2 against threads:1 is how simulation and encoding scale.
echo "generation + encoding without the ordered writer and file sink, 1 and 2 threads (google-benchmark; tx/s of all threads):"
"$root/build/bench/fraudgen_microbench" --benchmark_filter='BM_Generate(Jsonl|Parquet)' --benchmark_min_time=2 2>/dev/null | grep -E "BM_" |
  awk '{print} match($0, /tx\/s=[0-9.]+[kMG]?/) {v = substr($0, RSTART + 5, RLENGTH - 5); m = v ~ /k$/ ? 1e3 : v ~ /M$/ ? 1e6 : v ~ /G$/ ? 1e9 : 1;
       split($1, name, "/"); rate[name[1], $1 ~ /threads:1$/ ? 1 : 2] = v * m}
       END {for (k in rate) {split(k, p, SUBSEP); names[p[1]] = 1}
            for (n in names) if (rate[n, 1] > 0) printf "  %s: 2 threads %.2fx 1 thread\n", n, rate[n, 2] / rate[n, 1]}'

