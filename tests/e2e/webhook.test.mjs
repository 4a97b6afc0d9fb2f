// `fraudgen stream --target webhook` against a loopback receiver in this process that answers
// 503 with Retry-After, 429, 500 and 410 on purpose and checks every signature with the
// Standard Webhooks reference library (npm standardwebhooks): nothing lost or duplicated, a
// retried batch keeps its webhook-id, the lines are stdout's.
//   cd tests/e2e && node --test webhook.test.mjs
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { Webhook } from 'standardwebhooks';
import { FG_BIN, PERIOD } from './lib.mjs';

const WORLD = ['--customers', 30, '--seed', 515, ...PERIOD];
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

function runFg(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(FG_BIN, ['stream', ...args.map(String)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let stderr = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (status, signal) => { clearTimeout(timer); resolve({ status, signal, stdout: Buffer.concat(out), stderr }); });
  });
}

/**
 * A receiver: `answer(n, req)` gives [status, headers] for the n-th request (0-based).
 * Keeps every request: {id, timestamp, signature, body, status, verified}.
 */
async function startReceiver(answer) {
  const wh = new Webhook(SECRET);
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const n = requests.length;
      const [status, headers = {}] = answer(n, req);
      // The reference library's verify() also JSON-parses the body, which NDJSON is not: its
      // sign() recomputes the signature over the same id, timestamp and bytes instead.
      const ts = Number(req.headers['webhook-timestamp']);
      const sigs = String(req.headers['webhook-signature'] ?? '').split(' ');
      const verified = Number.isInteger(ts) && Math.abs(Date.now() / 1000 - ts) < 300
        && sigs.includes(wh.sign(req.headers['webhook-id'], new Date(ts * 1000), body));
      requests.push({ id: req.headers['webhook-id'], timestamp: req.headers['webhook-timestamp'], type: req.headers['content-type'], body, status, verified });
      res.writeHead(status, headers);
      res.end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/hooks/fraud`, requests, stop: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

describe('fraudgen stream --target webhook', () => {
  let stdout;
  test('reference: the stream on stdout', async () => {
    const r = await runFg([...WORLD, '--rate', 'max']);
    assert.equal(r.status, 0, r.stderr);
    stdout = r.stdout.toString('utf8');
  });

  test('503 + Retry-After, 429 and 500 answers are retried with the same webhook-id; every signature verifies; nothing lost or duplicated', async () => {
    const script = { 0: [503, { 'Retry-After': '1' }], 1: [429, { 'Retry-After': '0' }], 3: [500], 4: [502] };
    const rx = await startReceiver((n) => script[n] ?? [200]);
    try {
      const t0 = Date.now();
      const r = await runFg([...WORLD, '--rate', 'max', '--target', 'webhook', '--url', rx.url, '--webhook-batch', 300,
        '--webhook-connections', 2], { FRAUDGEN_WEBHOOK_SECRET: SECRET });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(Date.now() - t0 >= 1000, 'Retry-After: 1 was honoured');
      assert.equal(r.stdout.length, 0);
      assert.ok(!r.stderr.includes(SECRET.slice(6, 20)), 'the secret is not printed');
      assert.ok(rx.requests.every((q) => q.verified), 'every request verifies with the reference library');
      assert.ok(rx.requests.every((q) => q.type === 'application/x-ndjson'));
      const failedIds = rx.requests.filter((q) => q.status !== 200).map((q) => q.id);
      assert.equal(failedIds.length, 4);
      const okIds = rx.requests.filter((q) => q.status === 200).map((q) => q.id);
      for (const id of failedIds) assert.ok(okIds.includes(id), `the batch ${id} was retried with its id`);
      assert.equal(new Set(okIds).size, okIds.length, 'no batch delivered twice');
      const ok = rx.requests.filter((q) => q.status === 200);
      assert.ok(ok.every((q) => q.body.split('\n').filter(Boolean).length <= 300), '--webhook-batch 300');
      const lines = ok.flatMap((q) => q.body.split('\n').filter(Boolean));
      lines.sort((a, b) => JSON.parse(a).seq - JSON.parse(b).seq);
      assert.equal(lines.join('\n') + '\n', stdout, 'the delivered lines are the stdout lines, each once');
      assert.match(r.stderr, /sha256 of the lines sent: ([0-9a-f]{64})/);
      assert.equal(/sha256 of the lines sent: ([0-9a-f]{64})/.exec(r.stderr)[1], sha256(stdout));
      assert.match(r.stderr, /webhook: \d+ events delivered in \d+ requests \(4 retried\), 0 not delivered/);
      // The ids are the run's: the same stream gives the same ids.
      const again = await startReceiver(() => [200]);
      try {
        const r2 = await runFg([...WORLD, '--rate', 'max', '--target', 'webhook', '--url', again.url, '--webhook-batch', 300, '--webhook-connections', 1]);
        assert.equal(r2.status, 0, r2.stderr);
        assert.deepEqual(again.requests.map((q) => q.id).sort(), [...new Set(okIds)].sort());
        assert.ok(again.requests.every((q) => !q.verified), 'without a secret nothing is signed');
      } finally {
        await again.stop();
      }
    } finally {
      await rx.stop();
    }
  });

  test('--type all: the rides come in the same signed batches as the banking events, each line the stdout line', async () => {
    const world = ['--type', 'all', '--customers', 400, '--seed', 515, '--start-date', '2025-03-01', '--end-date', '2025-03-10', '--rate', 'max'];
    const reference = await runFg(world);
    assert.equal(reference.status, 0, reference.stderr);
    const want = reference.stdout.toString('utf8');
    const rx = await startReceiver((n) => (n === 1 ? [503, { 'Retry-After': '0' }] : [200]));
    try {
      const r = await runFg([...world, '--target', 'webhook', '--url', rx.url, '--webhook-batch', 500], { FRAUDGEN_WEBHOOK_SECRET: SECRET });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(rx.requests.every((q) => q.verified), 'every request verifies with the reference library');
      const ok = rx.requests.filter((q) => q.status === 200);
      assert.equal(new Set(ok.map((q) => q.id)).size, ok.length, 'no batch delivered twice');
      const refused = rx.requests.filter((q) => q.status === 503);
      assert.equal(refused.length, 1);
      assert.ok(ok.some((q) => q.id === refused[0].id), 'the refused batch came again with its id');
      const lines = ok.flatMap((q) => q.body.split('\n').filter(Boolean)).sort((a, b) => JSON.parse(a).seq - JSON.parse(b).seq);
      assert.equal(lines.join('\n') + '\n', want, 'the delivered lines are the stdout lines, each once');
      const rides = lines.map((l) => JSON.parse(l)).filter((e) => e.type === 'rides');
      assert.ok(rides.length > 300, `${rides.length} rides`);
      assert.ok(rides.every((e) => /^RIDE_/.test(e.data.ride_id) && e.event_time === (e.data.ended_at ?? e.data.cancelled_at)),
        'a ride is sent when it is over, with its row');
      assert.ok(ok.some((q) => q.body.includes('"type":"rides"') && q.body.includes('"type":"transactions"')), 'rides and transactions share batches');
    } finally {
      await rx.stop();
    }
  });

  test('410 Gone stops the stream: exit 1 naming it, the undelivered events counted', async () => {
    const rx = await startReceiver((n) => (n >= 2 ? [410] : [200]));
    try {
      const r = await runFg([...WORLD, '--rate', 'max', '--target', 'webhook', '--url', rx.url, '--webhook-batch', 100, '--webhook-connections', 1]);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /events were not delivered to the webhook: the receiver answered 410 Gone/);
      assert.equal(rx.requests.filter((q) => q.status === 410).length, 1, 'no request after the 410');
    } finally {
      await rx.stop();
    }
  });

  test('a batch that keeps failing: exit 1 after --webhook-max-attempts', async () => {
    const rx = await startReceiver(() => [503]);
    try {
      const r = await runFg([...WORLD, '--rate', 'max', '--target', 'webhook', '--url', rx.url, '--webhook-max-attempts', 3, '--webhook-connections', 1]);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /failed: HTTP 503 \(3 attempts\)/);
      assert.equal(rx.requests.length, 3);
    } finally {
      await rx.stop();
    }
  });

  test('paced: a slow rate delivers each event within the linger of its due time', async () => {
    const rx = await startReceiver(() => [200]);
    try {
      const arrivals = [];
      const orig = rx.requests.push.bind(rx.requests);
      rx.requests.push = (q) => { arrivals.push([performance.now(), q.body.split('\n').filter(Boolean).length]); return orig(q); };
      const r = await runFg([...WORLD, '--rate', 20, '--max-events', 30, '--target', 'webhook', '--url', rx.url, '--webhook-linger', 50]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(arrivals.reduce((s, [, n]) => s + n, 0), 30);
      const t0 = arrivals[0][0];
      let count = 0;
      for (const [t, n] of arrivals) {
        count += n;
        const due = ((count - 1) * 1000) / 20;
        assert.ok(t - t0 <= due + 50 + 30, `event ${count - 1} arrived ${(t - t0 - due).toFixed(0)} ms after its due time`);
      }
    } finally {
      await rx.stop();
    }
  });

  test('bad input: exit 2 with what is accepted, before anything is simulated', async () => {
    const srv = net.createServer();
    await new Promise((r) => srv.listen(0, '127.0.0.1', r));
    const closed = srv.address().port;
    await new Promise((r) => srv.close(r));
    const cases = [
      [['--target', 'webhook'], {}, /--target webhook needs --url/],
      [['--target', 'webhook', '--url', 'ftp://x/y'], {}, /--url 'ftp:\/\/x\/y' is not an http\(s\) URL/],
      [['--target', 'webhook', '--url', 'http://user:pw@h/'], {}, /must not hold credentials/],
      [['--target', 'webhook', '--url', `http://127.0.0.1:${closed}/`, '--connect-timeout', 2], {}, /cannot connect to the webhook/],
      [['--target', 'webhook', '--url', 'http://127.0.0.1:9/', '--webhook-batch', 0], {}, /--webhook-batch '0' is not valid/],
      [['--target', 'webhook', '--url', 'http://127.0.0.1:9/'], { FRAUDGEN_WEBHOOK_SECRET: 'plain-secret-value' }, /does not start with whsec_/],
      [['--url', 'http://127.0.0.1:9/'], {}, /apply only to --target webhook/],
    ];
    for (const [args, env, re] of cases) {
      const r = await runFg([...WORLD, ...args], env);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re, args.join(' '));
      assert.ok(!r.stderr.includes('plain-secret-value') && !r.stderr.includes(':pw@'), 'no secret in the message');
    }
  });
});
