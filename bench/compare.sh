#!/usr/bin/env bash
# Two builds of fraudgen side by side on the same `generate` run: A, B, A, B, ... REPS times each,
# each run writing to a fresh folder (removed after), timed by /usr/bin/time. Prints, for each
# build, the median wall seconds, CPU seconds (user + system) and peak RSS, then the median of
# the pair-by-pair ratios A/B, with their least and greatest (pairs keep a ratio meaningful when
# the machine's speed drifts during the call).
# Usage: bench/compare.sh BIN_A BIN_B REPS GENERATE_ARGS...
#   e.g. bench/compare.sh build/fraudgen /tmp/fraudgen-before 3 --type rides --customers 600000 \
#          --start-date 2025-03-01 --end-date 2025-03-31 --workers 2 --format parquet --seed 5
# OUT (default /dev/shm) is where the runs write; a large ride run belongs on disk (OUT=/tmp).
set -euo pipefail
if [ $# -lt 4 ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
a=$1 b=$2 reps=$3
shift 3
for bin in "$a" "$b"; do
  [ -x "$bin" ] || { echo "compare.sh: '$bin' is not an executable fraudgen" >&2; exit 2; }
done
[[ "$reps" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: REPS '$reps' is not a positive whole number" >&2; exit 2; }
out_root=${OUT:-/dev/shm}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run() {  # run NAME BIN ARGS...: appends "NAME wall cpu rss_kb" to the log
  local name=$1 bin=$2 dir stats wall user sys rss
  shift 2
  dir=$(mktemp -d "$out_root/fraudgen-compare.XXXXXX")
  stats=$( { /usr/bin/time -f "%e %U %S %M" "$bin" generate "$@" --quiet --output "$dir/out"; } 2>&1 >/dev/null | tail -1) || true
  rm -rf "$dir"
  read -r wall user sys rss <<<"$stats"
  [[ "${rss:-}" =~ ^[0-9]+$ ]] || { echo "compare.sh: $bin failed: $stats" >&2; exit 1; }
  echo "$name $wall $(awk "BEGIN{print $user+$sys}") $rss" >>"$log"
}

for _ in $(seq "$reps"); do
  run A "$a" "$@"
  run B "$b" "$@"
done

/usr/bin/python3 - "$log" "$a" "$b" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
runs = {k: [(float(w), float(c), int(r)) for n, w, c, r in rows if n == k] for k in "AB"}
for k, name in (("A", sys.argv[2]), ("B", sys.argv[3])):
    w, c, r = zip(*runs[k])
    print(f"{k} {name}: wall {statistics.median(w):.2f} s, CPU {statistics.median(c):.2f} s, "
          f"peak RSS {statistics.median(r) / 1024:.1f} MiB (medians of {len(w)})")
for i, what in ((0, "wall"), (1, "CPU"), (2, "peak RSS")):
    ratios = [a[i] / b[i] for a, b in zip(runs["A"], runs["B"])]
    print(f"A/B {what}: {statistics.median(ratios):.3f} ({min(ratios):.3f}-{max(ratios):.3f})")
EOF
