#!/usr/bin/env bash
# Ride tables next to banking, measured side by side in one invocation (medians of REPS), each
# run writing Parquet+ZSTD to /dev/shm on all cores:
#   --type transactions: transactions per second, and per core (transactions / CPU seconds);
#   --type rides:        rides per second, and per core (rides / CPU seconds);
#   --type all:          wall and CPU seconds against the sum of the two runs above;
# with every table's rows and each run's peak RSS. The world is CUSTOMERS customers over 2025.
# Usage: bench/rides.sh [CUSTOMERS=20000] [REPS=3]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
customers=${1:-20000}
reps=${2:-3}
"$root/scripts/install-deps.sh" >/dev/null
"$root/scripts/build.sh" release fraudgen >/dev/null
bin="$root/build/fraudgen"
out=/dev/shm/fraudgen-bench-rides
world=(--customers "$customers" --seed 1 --start-date 2025-01-01 --end-date 2025-12-31 --quiet --output "$out")
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
rows_of() { /usr/bin/python3 -c "import json; m=json.load(open('$out/manifest.json')); print(m['totals'].get('$1', {}).get('rows', 0))"; }

for type in transactions rides all; do : >"/tmp/fg-bench-$type"; done
for _ in $(seq "$reps"); do
  for type in transactions rides all; do
    rm -rf "$out"
    stats=$( { /usr/bin/time -f "%e %U %S %M" "$bin" generate "${world[@]}" --type "$type"; } 2>&1 >/dev/null | tail -1)
    read -r wall user sys rss <<<"$stats"
    echo "$wall $(awk "BEGIN{print $user+$sys}") $rss $(rows_of transactions) $(rows_of rides) $(rows_of driver_sessions) $(rows_of drivers)" >>"/tmp/fg-bench-$type"
  done
done
rm -rf "$out"
echo "world: $customers customers over 2025, Parquet+ZSTD, $(nproc) cores, medians of $reps"
for type in transactions rides all; do
  f=/tmp/fg-bench-$type
  wall=$(awk '{print $1}' "$f" | median); cpu=$(awk '{print $2}' "$f" | median); rss=$(awk '{print $3}' "$f" | median)
  read -r _ _ _ tx rides sessions drivers < <(head -1 "$f")
  printf -- '--type %-12s %7.2f s wall %7.2f CPU s  peak RSS %4.0f MB  transactions %s rides %s sessions %s drivers %s\n' \
    "$type" "$wall" "$cpu" "$(awk "BEGIN{print $rss/1024}")" "$tx" "$rides" "$sessions" "$drivers"
  eval "wall_$type=$wall cpu_$type=$cpu tx_$type=$tx rides_$type=$rides"
done
printf 'transactions: %.0f /s, %.0f /s per core\n' "$(awk "BEGIN{print $tx_transactions/$wall_transactions}")" "$(awk "BEGIN{print $tx_transactions/$cpu_transactions}")"
printf 'rides:        %.0f /s, %.0f /s per core\n' "$(awk "BEGIN{print $rides_rides/$wall_rides}")" "$(awk "BEGIN{print $rides_rides/$cpu_rides}")"
printf -- '--type all against the sum of the two: %.2fx the wall, %.2fx the CPU\n' \
  "$(awk "BEGIN{print $wall_all/($wall_transactions+$wall_rides)}")" "$(awk "BEGIN{print $cpu_all/($cpu_transactions+$cpu_rides)}")"
