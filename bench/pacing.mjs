// Reads `fraudgen stream` lines on stdin and prints how the arrivals kept to the schedule of a
// constant rate: the achieved rate from the first arrival to the last, the worst 1-second and
// 60-second window deviations from the target count, and the worst line's distance from its due
// time (first arrival + n / rate).
//   fraudgen stream --rate R ... | node bench/pacing.mjs R
const rate = Number(process.argv[2]);
let t0 = null;
let last = 0;
let n = 0;
let worst = 0;
const perSecond = new Map();
const perMinute = new Map();
let rest = '';
process.stdin.on('data', (chunk) => {
  const now = performance.now();
  const text = rest + chunk.toString('utf8');
  const lines = text.split('\n');
  rest = lines.pop();
  for (let i = 0; i < lines.length; i++) {
    if (t0 === null) t0 = now;
    const due = (n * 1000) / rate;
    worst = Math.max(worst, Math.abs(now - t0 - due));
    const s = Math.floor((now - t0) / 1000);
    perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    perMinute.set(Math.floor(s / 60), (perMinute.get(Math.floor(s / 60)) ?? 0) + 1);
    n += 1;
    last = now;
  }
});
process.stdin.on('end', () => {
  const span = (last - t0) / 1000;  // first to last arrival
  const full = [...perSecond.entries()].filter(([s]) => s < Math.floor(span)).map(([, c]) => c);
  const worstWindow = full.length ? Math.max(...full.map((c) => Math.abs(c - rate) / rate)) : 0;
  const minutes = [...perMinute.entries()].filter(([m]) => (m + 1) * 60 <= Math.floor(span)).map(([, c]) => c);
  const worstMinute = minutes.length ? Math.max(...minutes.map((c) => Math.abs(c - rate * 60) / (rate * 60))) : null;
  console.log(JSON.stringify({ rate, events: n, seconds: span, achieved: (n - 1) / span, worst_window_error: worstWindow,
    full_minutes: minutes.length, worst_minute_error: worstMinute, worst_line_ms: worst }));
});
