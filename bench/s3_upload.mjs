// S3 upload benchmark: the same fraudgen run written to /dev/shm and streamed to a local s3rver
// (the npm package, in this process, storing under /dev/shm), interleaved REPS times. Prints the
// medians of both, their ratio, and how much the generator worked while parts were in flight:
// a thin proxy in front of s3rver counts requests in flight, and fraudgen's CPU time is sampled
// from /proc every 20 ms.
// Usage: node bench/s3_upload.mjs FRAUDGEN_BIN REPS fraudgen-flags...
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const { startS3rver, createBucket } = await import(new URL('../tests/e2e/s3_harness.mjs', import.meta.url));
void require;
const [bin, repsText, ...flags] = process.argv.slice(2);
const reps = Number(repsText);
const ticksPerSecond = 100;  // USER_HZ on Linux
const local = '/dev/shm/fraudgen-bench-s3-local';
const store = '/dev/shm/fraudgen-bench-s3rver';

rmSync(store, { recursive: true, force: true });
mkdirSync(store, { recursive: true });
const s3 = await startS3rver({ directory: store, strictUploads: false });
await createBucket(s3.endpoint, 'bench');

// Counts requests in flight on their way to s3rver.
let inflight = 0;
const upstream = new URL(s3.endpoint);
const proxy = http.createServer((req, res) => {
  inflight++;
  const up = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
    res.writeHead(r.statusCode, r.headers);
    r.pipe(res);
  });
  res.on('close', () => { inflight--; });
  up.on('error', () => res.destroy());
  req.pipe(up);
});
await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
const endpoint = `http://127.0.0.1:${proxy.address().port}`;

function peakRssMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch { return null; }
}

function cpuSeconds(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / ticksPerSecond;  // utime + stime
  } catch { return null; }
}

// One run; returns {wall, cpu, cpuWhileUploading, uploadingSeconds, bytes}.
function run(args) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
    const t0 = process.hrtime.bigint();
    const child = spawn(bin, ['generate', ...flags, '--quiet', ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    let last = 0, cpuUp = 0, upSeconds = 0, prevT = t0, rss = 0;
    const timer = setInterval(() => {
      const c = cpuSeconds(child.pid), now = process.hrtime.bigint();
      if (c === null) return;
      rss = Math.max(rss, peakRssMb(child.pid) ?? 0);
      if (inflight > 0) { cpuUp += c - last; upSeconds += Number(now - prevT) / 1e9; }
      last = c; prevT = now;
    }, 20);
    child.on('error', reject);
    child.on('close', (status) => {
      clearInterval(timer);
      if (status !== 0) return reject(new Error(`fraudgen exited ${status}`));
      resolve({ wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: last, cpuWhileUploading: cpuUp, uploadingSeconds: upSeconds, rss });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const shm = [], s3runs = [];
for (let r = 0; r < reps; r++) {
  rmSync(local, { recursive: true, force: true });
  shm.push(await run(['--output', local]));
  s3runs.push(await run(['--output', `s3://bench/run${r}`, '--s3-endpoint', endpoint]));
}
const manifest = JSON.parse(readFileSync(`${local}/manifest.json`, 'utf8'));
const bytes = manifest.total_bytes, tx = manifest.totals.transactions.rows;
const w1 = median(shm.map((x) => x.wall)), w2 = median(s3runs.map((x) => x.wall));
console.log(`workload: ${tx} transactions, ${(bytes / 1e6).toFixed(1)} MB in ${manifest.files.length} files`);
const rss1 = median(shm.map((x) => x.rss)), rss2 = median(s3runs.map((x) => x.rss));
console.log(`/dev/shm: ${w1.toFixed(2)} s, ${(tx / w1).toFixed(0)} tx/s, ${(bytes / 1e6 / w1).toFixed(1)} MB/s, peak RSS ${rss1.toFixed(0)} MB`);
console.log(`s3rver:   ${w2.toFixed(2)} s, ${(tx / w2).toFixed(0)} tx/s, ${(bytes / 1e6 / w2).toFixed(1)} MB/s, peak RSS ${rss2.toFixed(0)} MB`);
console.log(`ratio s3rver / /dev/shm throughput: ${(w1 / w2).toFixed(2)}x`);
const up = median(s3runs.map((x) => x.uploadingSeconds)), cpuUp = median(s3runs.map((x) => x.cpuWhileUploading));
console.log(`requests in flight for ${up.toFixed(2)} s of the ${w2.toFixed(2)} s run (${(100 * up / w2).toFixed(0)}%); ` +
            `fraudgen used ${(cpuUp / Math.max(up, 1e-9)).toFixed(2)} cores on average meanwhile ` +
            `(its whole-run average: ${(median(s3runs.map((x) => x.cpu)) / w2).toFixed(2)})`);
proxy.close();
await s3.stop();
rmSync(local, { recursive: true, force: true });
rmSync(store, { recursive: true, force: true });
