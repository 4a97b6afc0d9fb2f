#!/usr/bin/env bash
# `fraudgen stream` figures, each measured side by side in one invocation (medians of REPS):
#   1. stdout at --rate max (to /dev/null), held in memory by spans (the default for this world)
#      and spilled (--memory 1MiB), next to `generate --format jsonl` on the same world (to
#      /dev/shm): events/s, the ratios, CPU seconds and peak RSS of each;
#   2. Kafka: --target kafka to librdkafka's mock cluster next to `fraudgen stream | kcat -P` to
#      the same cluster (one topic), events/s and the ratio;
#   3. webhook: signed batches of 500 to a loopback receiver, events/s;
#   4. pacing: --rate 1000, 10000 and 100000 for 20 s each, read by bench/pacing.mjs: the
#      achieved rate, the worst 1-second window and the worst line against its schedule;
#   5. peak RSS of a --speed replay (a year in an hour) after 60 s of sending;
#   6. an unbounded stream (no --end-date): peak RSS and events/s at --rate max for 20 s with
#      10 thousand to 3 million customers, then a live one (--speed 1 --start-at now) with
#      LIVE_CUSTOMERS (default 10 million) for 180 s: events/s, CPU, peak RSS, lateness.
# Usage: bench/stream.sh [CUSTOMERS=1000] [REPS=3]   (LIVE_CUSTOMERS=N in the environment)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
customers=${1:-1000}
reps=${2:-3}
"$root/scripts/install-deps.sh" >/dev/null
"$root/scripts/build.sh" release fraudgen kafka_mock_cluster >/dev/null
bin="$root/build/fraudgen"
world=(--customers "$customers" --seed 1 --start-date 2025-01-01 --end-date 2025-12-31)
spill=/dev/shm
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
timed() { /usr/bin/time -f "%e %U %S %M" "$@" 2>&1 >/dev/null | tail -1; }  # wall user sys rss_kb

events=$("$bin" stream "${world[@]}" --rate max --spill-dir "$spill" 2>&1 >/dev/null | sed -n 's/^fraudgen stream: sent \([0-9]*\) events.*/\1/p')
echo "world: ${world[*]} -> $events events"

echo "== 1. stdout at --rate max (held in memory by spans, and spilled) vs generate --format jsonl"
: >/tmp/fg-bench-a; : >/tmp/fg-bench-b; : >/tmp/fg-bench-c
for _ in $(seq "$reps"); do
  timed "$bin" stream "${world[@]}" --rate max -q >>/tmp/fg-bench-a
  rm -rf /dev/shm/fg-bench-jsonl
  timed "$bin" generate "${world[@]}" --format jsonl --output /dev/shm/fg-bench-jsonl -q >>/tmp/fg-bench-b
  timed "$bin" stream "${world[@]}" --rate max -q --memory 1MiB --spill-dir "$spill" >>/tmp/fg-bench-c
done
rm -rf /dev/shm/fg-bench-jsonl
for f in a c b; do
  wall=$(awk '{print $1}' /tmp/fg-bench-$f | median); cpu=$(awk '{print $2+$3}' /tmp/fg-bench-$f | median); rss=$(awk '{print $4}' /tmp/fg-bench-$f | median)
  name=$(case $f in a) echo "stream stdout, spans   ";; c) echo "stream stdout, spilled ";; b) echo "generate jsonl         ";; esac)
  printf '%s  %.2f s wall, %.2f CPU s, %.0f rows/s, peak RSS %.0f MB\n' "$name" "$wall" "$cpu" "$(awk "BEGIN{print $events/$wall}")" "$(awk "BEGIN{print $rss/1024}")"
  eval "wall_$f=$wall"
done
printf 'stream/generate events per second: %.2fx in spans, %.2fx spilled\n' "$(awk "BEGIN{print $wall_b/$wall_a}")" "$(awk "BEGIN{print $wall_b/$wall_c}")"

echo "== 2. --target kafka vs fraudgen stream | kcat -P (librdkafka mock cluster)"
exec 3< <(sleep 100000 | "$root/build/tests/kafka_mock_cluster")
read -r line <&3; brokers=${line#BROKERS=}
: >/tmp/fg-bench-a; : >/tmp/fg-bench-b
for i in $(seq "$reps"); do
  timed "$bin" stream "${world[@]}" --rate max -q --spill-dir "$spill" --target kafka -b "$brokers" --topic-prefix "a$i." >>/tmp/fg-bench-a
  timed sh -c "'$bin' stream ${world[*]} --rate max -q --spill-dir $spill | kcat -P -b $brokers -t b$i -X compression.type=lz4 -X linger.ms=50" >>/tmp/fg-bench-b
done
wall_a=$(awk '{print $1}' /tmp/fg-bench-a | median); wall_b=$(awk '{print $1}' /tmp/fg-bench-b | median)
printf 'kafka target %.0f events/s; stream | kcat -P %.0f events/s; ratio %.2fx\n' \
  "$(awk "BEGIN{print $events/$wall_a}")" "$(awk "BEGIN{print $events/$wall_b}")" "$(awk "BEGIN{print $wall_b/$wall_a}")"
pkill -f "sleep 100000" || true

echo "== 3. webhook, signed batches of 500, loopback receiver"
exec 4< <(sleep 100000 | node "$root/bench/webhook_receiver.mjs")
read -r line <&4; url=${line#URL }
secret="whsec_$(head -c 32 /dev/urandom | base64)"
: >/tmp/fg-bench-a
for _ in $(seq "$reps"); do
  FRAUDGEN_WEBHOOK_SECRET=$secret timed "$bin" stream "${world[@]}" --rate max -q --spill-dir "$spill" --target webhook --url "$url" --webhook-batch 500 >>/tmp/fg-bench-a
done
wall_a=$(awk '{print $1}' /tmp/fg-bench-a | median)
printf 'webhook %.0f events/s\n' "$(awk "BEGIN{print $events/$wall_a}")"
pkill -f "sleep 100000" || true

echo "== 4. pacing, 20 s per rate"
for rate in 1000 10000 100000; do
  "$bin" stream "${world[@]}" --rate "$rate" --duration 20 -q --spill-dir "$spill" | node "$root/bench/pacing.mjs" "$rate"
done

echo "== 5. peak RSS of a --speed 8760 replay after 60 s of sending"
timed "$bin" stream "${world[@]}" --speed 8760 --duration 60 -q --spill-dir "$spill" | awk '{printf "peak RSS %.0f MB\n", $4/1024}'

echo "== 6. unbounded streams: memory against the population"
for n in 10000 100000 1000000 3000000; do
  sent=$( { /usr/bin/time -f "rss %M" "$bin" stream --customers "$n" --seed 1 --start-date 2025-03-01 --rate max --duration 20 2>&1 >/dev/null; } \
    | sed -n -e 's/^fraudgen stream: sent \([0-9]*\) events.*/events \1/p' -e 's/.*s sending (\([0-9.]*\) events\/s).*/rate \1/p' -e 's/^rss \([0-9]*\)/rss \1/p' \
    | awk '$1 == "events" {e = $2} $1 == "rate" {r = $2} $1 == "rss" {k = $2} END {printf "%s events, %.0f events/s, peak RSS %.0f MB", e, r, k / 1024}')
  echo "$n customers, --rate max for 20 s: $sent"
done
live=${LIVE_CUSTOMERS:-10000000}
echo "live: $live customers, --speed 1 --start-at now for 180 s"
{ /usr/bin/time -f "wall %e user %U sys %S rss %M" "$bin" stream --customers "$live" --seed 1 --speed 1 --start-at now --duration 180 2>/tmp/fg-bench-live.err \
    | node -e "
let n = 0, worst = 0, late = 0, lateLater = 0; const t0 = Date.now();
require('readline').createInterface({ input: process.stdin }).on('line', (l) => {
  const now = Date.now(), d = now - Date.parse(JSON.parse(l).event_time); n++;
  worst = Math.max(worst, d); if (d > 1000) { late++; if (now - t0 > 40000) lateLater++; }
}).on('close', () => console.log(n + ' events, worst ' + worst + ' ms after its time, ' + late + ' over 1 s late (' + lateLater + ' after the first 40 s)'));"; } 2>&1
tail -1 /tmp/fg-bench-live.err | awk '{printf "%.1f CPU s in %.0f s, peak RSS %.0f MB\n", $4 + $6, $2, $8 / 1024}'

