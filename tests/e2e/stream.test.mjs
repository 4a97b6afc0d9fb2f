// `fraudgen stream` to stdout: the same rows as `generate` (read back by DuckDB), in time order
// with entities before their first use and labels when reported, the same bytes whatever the
// workers, rate or resume point, paced on an absolute schedule, and clear errors.
//   cd tests/e2e && node --test stream.test.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  END_DATE, FG_BIN, PERIOD, START_DATE, TABLES, crampedSpillFolder, duckType, generate, ident, loadDataset, makeTempDir, num, openDuck, PACING_SLACK_MS, releaseOnly, runFg, schema,
  show, sqlStr,
} from './lib.mjs';

const WORLD = ['--customers', 60, '--seed', 4242, ...PERIOD];
// The same world without an end date: an unbounded stream.
const ENDLESS = ['--customers', 60, '--seed', 4242, '--start-date', START_DATE];

/**
 * Runs `fraudgen stream` asynchronously; resolves {status, signal, stdout (Buffer), stderr, arrivals}.
 * `arrivals`: for each stdout chunk, [ms since spawn, lines complete so far]; `spawnedAt`: the
 * wall clock (ms since the epoch) at spawn. `onLine(n, child)`
 * is called when n lines have arrived, `onSpawn(child)` at once.
 */
function stream(args, { env = process.env, onLines, onSpawn, timeout = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(FG_BIN, ['stream', ...args.map(String)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    const arrivals = [];
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (d) => {
      chunks.push(d);
      for (const b of d) if (b === 10) lines += 1;
      arrivals.push([performance.now() - t0, lines]);
      onLines?.(lines, child);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout: Buffer.concat(chunks), stderr, arrivals, spawnedAt: performance.timeOrigin + t0 });
    });
    onSpawn?.(child);
  });
}

const linesOf = (buf) => {
  const text = buf.toString('utf8');
  assert.ok(text === '' || text.endsWith('\n'), 'stdout ends with a whole line');
  return text === '' ? [] : text.slice(0, -1).split('\n');
};
const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const summaryDigest = (stderr) => /sha256 of the lines sent: ([0-9a-f]{64})/.exec(stderr)?.[1];
/** The instant `--start-at now` stood for, from the summary (ms since the epoch). */
const startedAt = (r) => {
  const m = /--start-at now was (\S+)/.exec(r.stderr);
  assert.ok(m, `the summary names the instant now stood for: ${r.stderr}`);
  return Date.parse(m[1]);
};

/** The `data` member of an event line, as the bytes fraudgen wrote. */
function dataOf(line) {
  const at = line.indexOf(',"data":');
  assert.ok(at > 0 && line.endsWith('}'), `not an event line: ${line.slice(0, 120)}`);
  return line.slice(at + 8, -1);
}

describe('fraudgen stream', () => {
  let full; // the whole stream of WORLD at --rate max
  let lines;
  let events;
  let batch; // generate --format jsonl with the same world
  let db;

  before(async () => {
    full = await stream([...WORLD, '--rate', 'max']);
    assert.equal(full.status, 0, full.stderr);
    lines = linesOf(full.stdout);
    events = lines.map((l) => JSON.parse(l));
    batch = generate([...WORLD, '--format', 'jsonl']);
    db = await openDuck();
    await loadDataset(db, batch.dir, batch.manifest);
  });
  after(() => db?.close());

  test('the stream carries exactly the rows generate writes, table by table (DuckDB EXCEPT ALL both ways)', { skip: releaseOnly }, async () => {
    const file = path.join(makeTempDir('fraudgen-stream-'), 'events.jsonl');
    writeFileSync(file, full.stdout);
    await db.q(`CREATE TABLE ev AS SELECT * FROM read_json(${sqlStr(file)}, format='newline_delimited',
      columns={'seq': 'UBIGINT', 'type': 'VARCHAR', 'event_time': 'VARCHAR', 'data': 'JSON'})`);
    for (const t of TABLES) {
      const cols = schema()[t];
      const typed = cols.map((c) => `CAST(data->>${sqlStr(c.name)} AS ${duckType(c.type)}) AS ${ident(c.name)}`).join(', ');
      await db.q(`CREATE VIEW ev_${t} AS SELECT ${typed} FROM ev WHERE type = ${sqlStr(t)}`);
      const n = num(await db.one(`SELECT count(*) FROM ev_${t}`));
      assert.equal(n, batch.manifest.totals[t].rows, `${t}: events vs rows`);
      const extra = await db.q(`SELECT * FROM ev_${t} EXCEPT ALL SELECT * FROM ${t} LIMIT 3`);
      assert.deepEqual(extra, [], `${t}: in the stream, not in the batch: ${show(extra)}`);
      const missing = await db.q(`SELECT * FROM ${t} EXCEPT ALL SELECT * FROM ev_${t} LIMIT 3`);
      assert.deepEqual(missing, [], `${t}: in the batch, not in the stream: ${show(missing)}`);
    }
    assert.equal(num(await db.one('SELECT count(*) FROM ev')), lines.length);
  });

  test("each event's data is byte for byte a line generate wrote", async () => {
    const { readFileSync } = await import('node:fs');
    for (const t of TABLES) {
      const want = batch.manifest.files.filter((f) => f.table === t)
        .flatMap((f) => readFileSync(path.join(batch.dir, f.path), 'utf8').split('\n').filter(Boolean)).sort();
      const got = lines.filter((l, i) => events[i].type === t).map(dataOf).sort();
      assert.equal(got.length, want.length, t);
      assert.ok(got.every((g, i) => g === want[i]), `${t}: the data members differ from generate's lines`);
    }
  });

  test('time order; customers and devices before their first transaction; labels at their report date, after the transaction', () => {
    const seen = { customers: new Set(), devices: new Set() };
    const txTime = new Map();
    let previous = -Infinity;
    events.forEach((e, i) => {
      assert.equal(e.seq, i, 'seq counts from 0 without gaps');
      const t = Date.parse(e.event_time);
      assert.ok(t >= previous, `event ${i} at ${e.event_time} is before the one before it`);
      previous = t;
      if (e.type === 'customers') seen.customers.add(e.data.customer_id);
      if (e.type === 'devices') {
        assert.ok(seen.customers.has(e.data.customer_id), `device ${e.data.device_id} before its customer`);
        seen.devices.add(e.data.device_id);
      }
      if (e.type === 'transactions') {
        assert.equal(e.event_time, e.data.timestamp, 'a transaction happens at its timestamp');
        assert.ok(seen.customers.has(e.data.customer_id), `transaction ${e.data.transaction_id} before its customer's event`);
        if (e.data.device_id !== null) assert.ok(seen.devices.has(e.data.device_id), `transaction ${e.data.transaction_id} before its device's event`);
        txTime.set(e.data.transaction_id, t);
      }
      if (e.type === 'fraud_labels') {
        const at = txTime.get(e.data.transaction_id);
        assert.ok(at !== undefined, `label of ${e.data.transaction_id} before its transaction`);
        const reported = Date.parse(`${e.data.fraud_reported_date}T00:00:00.000-03:00`);
        assert.equal(t, Math.max(at, reported), `label of ${e.data.transaction_id}: at the start of its report date, not before the transaction`);
      }
    });
    const later = events.filter((e) => e.type === 'fraud_labels' && Date.parse(e.event_time) > txTime.get(e.data.transaction_id));
    assert.ok(later.length > 0, 'some labels arrive after their transaction, as reports do');
  });

  test('the same bytes for 1 and 2 workers and for a paced rate; the summary digest is the SHA-256 of stdout', async () => {
    const digest = sha256(full.stdout);
    assert.equal(summaryDigest(full.stderr), digest);
    const one = await stream([...WORLD, '--rate', 'max', '--workers', 1, '-q']);
    assert.equal(sha256(one.stdout), digest, '--workers 1');
    assert.equal(one.stderr, '', '-q prints nothing');
    const paced = await stream([...WORLD, '--rate', 200000, '--workers', 2]);
    assert.equal(paced.status, 0, paced.stderr);
    assert.equal(sha256(paced.stdout), digest, '--rate 200000');
  });

  test('held in memory a span of days at a time or spilled whole first: the same bytes, and the summary says which', async () => {
    const spill = makeTempDir('fraudgen-spill-');
    const spilled = await stream([...WORLD, '--rate', 'max', '--memory', '1MiB', '--spill-dir', spill]);
    assert.equal(spilled.status, 0, spilled.stderr);
    assert.match(spilled.stderr, /\(\d+ blocks into the spill, 2 workers\)/);
    assert.match(full.stderr, /\(in memory, 90 days at a time, 2 workers\)/);
    assert.equal(sha256(spilled.stdout), sha256(full.stdout));
    assert.deepEqual(readdirSync(spill), []);
    // A year in quarters and in spans of a week or so, each simulating the two months before it again.
    const year = ['--customers', 30, '--seed', 77, '--start-date', '2025-01-01', '--end-date', '2025-12-31', '--rate', 'max'];
    const quarters = await stream(year);
    assert.match(quarters.stderr, /\(in memory, 92 days at a time, 2 workers\)/);
    const weeks = await stream([...year, '--memory', '1MiB', '--workers', 1]);
    assert.match(weeks.stderr, /\(in memory, \d days at a time, 1 worker\)/);
    assert.ok(quarters.stdout.length > 20e6, `${quarters.stdout.length} bytes`);
    assert.equal(sha256(quarters.stdout), sha256(weeks.stdout));
    assert.equal(summaryDigest(quarters.stderr), summaryDigest(weeks.stderr));
  });

  test('--from-seq N gives lines N.. of the whole stream; --max-events M its first M lines', async () => {
    const n = Math.floor(lines.length * 0.6);
    const tail = await stream([...WORLD, '--rate', 'max', '--from-seq', n]);
    assert.equal(tail.status, 0, tail.stderr);
    assert.equal(tail.stdout.toString('utf8'), lines.slice(n).join('\n') + '\n');
    assert.equal(summaryDigest(tail.stderr), sha256(tail.stdout));
    const head = await stream([...WORLD, '--rate', 'max', '--max-events', 100, '--from-seq', 5]);
    assert.equal(head.stdout.toString('utf8'), lines.slice(5, 105).join('\n') + '\n');
    assert.match(head.stderr, /stopped by --max-events/);
    const past = await stream([...WORLD, '--rate', 'max', '--from-seq', lines.length + 10]);
    assert.equal(past.status, 0);
    assert.equal(past.stdout.length, 0, 'nothing past the end');
  });

  test('--start-at T starts at the first event at or after T, with the whole stream\'s seq; --from-seq later than it wins', async () => {
    const at = '2025-04-10T12:00:00.000-03:00';
    const n = events.findIndex((e) => Date.parse(e.event_time) >= Date.parse(at));
    assert.ok(n > 0 && Date.parse(events[n - 1].event_time) < Date.parse(at));
    const r = await stream([...WORLD, '--rate', 'max', '--start-at', at]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.toString('utf8'), lines.slice(n).join('\n') + '\n');
    const both = await stream([...WORLD, '--rate', 'max', '--start-at', '2025-04-10', '--from-seq', n + 7, '--max-events', 3]);
    assert.equal(both.stdout.toString('utf8'), lines.slice(n + 7, n + 10).join('\n') + '\n');
  });

  test('--start-at now: the schedule counts from the wall clock at start (at --speed 1, each event leaves at its own time)', async () => {
    const day = 86400000;
    const iso = (t) => new Date(t - 3 * 3600000).toISOString().slice(0, 10);
    const now = Date.now();
    // 20,000 customers over the three days around today, at ten simulated minutes per second: tens
    // of events a second whatever the hour (at --speed 1 a night hour has too few for a test).
    const speed = 600;
    const r = await stream(['--customers', 20000, '--seed', 3, '--start-date', iso(now - day), '--end-date', iso(now + day),
      '--speed', speed, '--start-at', 'now', '--duration', 4]);
    assert.equal(r.status, 0, r.stderr);
    const got = linesOf(r.stdout).map((l) => JSON.parse(l));
    const wallAt = (ms) => r.spawnedAt + ms;
    const start = startedAt(r);
    assert.ok(start >= r.spawnedAt - 5 && start < r.spawnedAt + 2000, 'now is read at start-up');
    assert.ok(got.every((e) => Date.parse(e.event_time) >= start), 'nothing before --start-at now');
    // Events due while the world was being simulated leave at once (late, shown as lag); every
    // later one leaves at start + (its simulated time - start) / speed.
    const firstArrival = wallAt(r.arrivals[0][0]);
    const due = (e) => start + (Date.parse(e.event_time) - start) / speed;
    const onTime = r.arrivals.filter(([, n]) => due(got[n - 1]) > firstArrival + 50);
    assert.ok(onTime.length >= 10, `${onTime.length} chunks of events sent on schedule in 4 s`);
    let worst = 0;
    for (const [t, n] of onTime) worst = Math.max(worst, Math.abs(wallAt(t) - due(got[n - 1])));
    assert.ok(worst < 150, `an event arrived ${worst.toFixed(0)} ms away from its schedule`);
  });

  test('pacing: --rate 200 puts event n at n/200 s from the first (within 25 ms; 120 ms sanitized), and a fractional rate holds', async () => {
    const r = await stream([...WORLD, '--rate', 200, '--max-events', 600]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(linesOf(r.stdout).length, 600);
    // Each chunk's arrival against the schedule of the last line it completed.
    const [tFirst] = r.arrivals[0];
    let worst = 0;
    for (const [t, n] of r.arrivals) worst = Math.max(worst, Math.abs((t - tFirst) - ((n - 1) * 1000) / 200));
    assert.ok(worst < PACING_SLACK_MS, `an event arrived ${worst.toFixed(1)} ms off its schedule`);
    const span = (r.arrivals[r.arrivals.length - 1][0] - tFirst) / 1000;
    assert.ok(Math.abs(span - 599 / 200) < PACING_SLACK_MS / 1000, `600 events took ${span.toFixed(3)} s, not 2.995 s`);

    const slow = await stream([...WORLD, '--rate', 2.5, '--max-events', 6]);
    const slowSpan = (slow.arrivals[slow.arrivals.length - 1][0] - slow.arrivals[0][0]) / 1000;
    assert.equal(linesOf(slow.stdout).length, 6);
    assert.ok(slow.arrivals.length >= 6, 'each paced event is written when it is due, not buffered');
    assert.ok(Math.abs(slowSpan - 5 / 2.5) < PACING_SLACK_MS / 1000, `6 events at 2.5/s took ${slowSpan.toFixed(3)} s, not 2 s`);
  });

  test('--speed: events leave at their simulated time over the speed', async () => {
    const speed = 86400 * 20; // 20 simulated days per second
    const r = await stream([...WORLD, '--speed', speed, '--duration', 2]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /stopped by --duration/);
    const got = linesOf(r.stdout).map((l) => JSON.parse(l));
    const sim0 = Date.parse(got[0].event_time);
    const [tFirst] = r.arrivals[0];
    let worst = 0;
    for (const [t, n] of r.arrivals) worst = Math.max(worst, Math.abs((t - tFirst) - (Date.parse(got[n - 1].event_time) - sim0) / speed));
    assert.ok(worst < PACING_SLACK_MS, `an event arrived ${worst.toFixed(1)} ms off its simulated time / speed`);
    const last = Date.parse(got[got.length - 1].event_time) - sim0;
    assert.ok(last > 1.7 * speed * 1000 && last <= 2 * speed * 1000, `2 s at 20 days/s reached ${(last / 86400000).toFixed(1)} simulated days`);
    assert.deepEqual(got.map((e) => e.seq), got.map((_, i) => i));
  });

  test('SIGINT while paced: exit 130 with the summary, whole lines that start the stream, no temporary files left', async () => {
    const spill = makeTempDir('fraudgen-spill-');
    const r = await stream([...WORLD, '--rate', 100, '--spill-dir', spill], {
      onLines: (n, child) => { if (n >= 20 && !child.signalled) { child.signalled = true; child.kill('SIGINT'); } },
    });
    assert.equal(r.status, 130, r.stderr);
    assert.match(r.stderr, /stopped by an interrupt/);
    const got = linesOf(r.stdout);
    assert.ok(got.length >= 20 && got.length < 200, `${got.length} lines`);
    assert.deepEqual(got, lines.slice(0, got.length));
    assert.deepEqual(readdirSync(spill), [], 'the spill folder is removed');
  });

  test('SIGINT while the world is simulated: exit 130, nothing sent, the digest of nothing, no temporary files left', async () => {
    const spill = makeTempDir('fraudgen-spill-');
    const r = await stream(['--customers', 3000, '--seed', 2, '--start-date', '2025-01-01', '--end-date', '2025-12-31', '--rate', 'max', '--memory', '1MiB', '--spill-dir', spill], {
      // Once the spill folder fills: the world is being simulated (a signal during start-up, before
      // the interrupt handler exists, would kill the process as for any program).
      onSpawn: (child) => {
        const poll = setInterval(() => {
          if (readdirSync(spill).length > 0) {
            clearInterval(poll);
            child.kill('SIGINT');
          }
        }, 10);
        child.on('close', () => clearInterval(poll));
      },
    });
    assert.equal(r.status, 130, r.stderr);
    assert.equal(r.stdout.length, 0);
    assert.match(r.stderr, /sent 0 events .*stopped by an interrupt/);
    assert.equal(summaryDigest(r.stderr), sha256(''));
    assert.deepEqual(readdirSync(spill), []);
  });

  test('a reader that closes the pipe ends the stream cleanly (exit 0, no SIGPIPE)', async () => {
    const r = await new Promise((resolve) => {
      const sh = spawn('sh', ['-c', `"${FG_BIN}" stream ${WORLD.join(' ')} --rate max | head -n 3 > /dev/null; echo "\${PIPESTATUS:-}"`],
        { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      sh.stderr.on('data', (d) => { err += d; });
      sh.on('close', (status) => resolve({ status, err }));
    });
    assert.match(r.err, /stopped by standard output closed by its reader/);
    const direct = await new Promise((resolve) => {
      const fg = spawn(FG_BIN, ['stream', ...WORLD.map(String), '--rate', 'max'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let got = 0;
      fg.stdout.on('data', (d) => { got += d.length; if (got > 0) fg.stdout.destroy(); });
      fg.on('close', (status, signal) => resolve({ status, signal }));
    });
    assert.deepEqual(direct, { status: 0, signal: null });
  });

  test('bad input: exit 2, a message saying what is accepted, nothing on stdout', { skip: releaseOnly }, () => {
    const cases = [
      [['--target', 'pigeon'], /--target 'pigeon' is not supported; accepted: stdout, kafka, webhook/],
      [['--rate', '0'], /--rate '0' is not valid; accepted: events per second from 0\.001/],
      [['--rate', 'fast'], /--rate 'fast' is not valid/],
      [['--rate', '5', '--speed', '2'], /--rate and --speed cannot be used together/],
      [['--speed', '-1'], /--speed '-1' is not valid/],
      [['--from-seq', 'x'], /--from-seq 'x' is not valid/],
      [['--max-events', '0'], /--max-events '0' is not valid/],
      [['--duration', '0'], /--duration '0' is not valid/],
      [['--spill-dir', '/nonexistent/fg', ...PERIOD], /--spill-dir '\/nonexistent\/fg' is not a folder/],
      [['--spill-dir', '/tmp'], /--spill-dir applies to a stream with an --end-date, or with rides \(--type rides or all\); a stream of transactions without an end keeps no files/],
      [['--type', 'rides', '--spill-dir', '/nonexistent/fg'], /--spill-dir '\/nonexistent\/fg' is not a folder/],
      [['--type', 'all', '--spill-dir', '/sys'], /--spill-dir '\/sys' cannot hold a temporary file \(.+\); accepted: an existing folder you can write/],
      [['--memory', '512KiB', ...PERIOD], /--memory '512KiB' is not valid; accepted: a size from 1MiB/],
      [['--memory', 'lots', ...PERIOD], /--memory 'lots' is not valid/],
      [['--memory', '1GiB'], /--memory applies to a stream with an --end-date/],
      [['--customers', '0'], /--customers '0' is not valid/],
      [['--size', '1GB'], /--size/],
      [['--start-date', '2025-02-30'], /--start-date '2025-02-30' is not a date/],
      [['--start-at', 'yesterday'], /--start-at 'yesterday' is not valid; accepted: now, YYYY-MM-DD/],
      // About 190 GB of events cannot wait in /dev/shm (half of this machine's memory at most).
      [['--customers', '100000', '--spill-dir', '/dev/shm', ...PERIOD], /the stream needs about [\d.]+ GB in --spill-dir \/dev\/shm .* is free/],
    ];
    for (const [args, re] of cases) {
      const r = runFg(['stream', '--seed', 1, ...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re, args.join(' '));
      assert.equal(r.stdout, '', `${args.join(' ')} wrote to stdout`);
    }
  });
});

describe('fraudgen stream without an end date', () => {
  let bounded; // the bounded stream's lines (WORLD), and how many of them happen by END_DATE
  let inRange;
  let endless; // the unbounded stream, a little past END_DATE

  before(async () => {
    const b = await stream([...WORLD, '--rate', 'max']);
    assert.equal(b.status, 0, b.stderr);
    bounded = linesOf(b.stdout);
    const end = Date.parse(`${END_DATE}T00:00:00.000-03:00`) + 86400000;
    inRange = bounded.filter((l) => Date.parse(JSON.parse(l).event_time) < end).length;
    const r = await stream([...ENDLESS, '--rate', 'max', '--max-events', inRange + 500]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /stopped by --max-events/);
    assert.match(r.stderr, new RegExp(`of an unbounded stream from ${START_DATE}`));
    endless = linesOf(r.stdout);
  });

  test('it runs until --max-events, and up to the end date it is the bounded stream, byte for byte', () => {
    assert.equal(endless.length, inRange + 500);
    assert.ok(inRange > 1000, `only ${inRange} events in the range`);
    for (let i = 0; i < inRange; i++) assert.equal(endless[i], bounded[i], `event ${i}`);
    // Past the end date it goes on: transactions of later days, and new customers, devices and labels.
    const later = endless.slice(inRange).map((l) => JSON.parse(l));
    const end = Date.parse(`${END_DATE}T00:00:00.000-03:00`) + 86400000;
    assert.ok(later.every((e) => Date.parse(e.event_time) >= end), 'after the range only later events');
    assert.ok(later.some((e) => e.type === 'transactions'));
    assert.ok(later.every((e, i) => e.seq === inRange + i), 'seq goes on without a gap');
  });

  test('--from-seq and --start-at give the tail of the same events (numbered from --start-at); 1 and 2 workers the same digest', async () => {
    const n = inRange - 200;
    const tail = await stream([...ENDLESS, '--rate', 'max', '--from-seq', n, '--max-events', 300, '--workers', 1]);
    assert.equal(tail.status, 0, tail.stderr);
    assert.deepEqual(linesOf(tail.stdout), endless.slice(n, n + 300));
    const at = JSON.parse(endless[n]).event_time;
    const fromTime = await stream([...ENDLESS, '--rate', 'max', '--start-at', at, '--max-events', 50, '--workers', 2]);
    assert.equal(fromTime.status, 0, fromTime.stderr);
    const first = endless.findIndex((l) => Date.parse(JSON.parse(l).event_time) >= Date.parse(at));
    // The same events; an unbounded stream numbers them from its first instant, --start-at.
    const unnumbered = (l) => l.replace(/^\{"seq":\d+,/, '{');
    const got = linesOf(fromTime.stdout);
    assert.deepEqual(got.map(unnumbered), endless.slice(first, first + 50).map(unnumbered));
    assert.deepEqual(got.map((l) => JSON.parse(l).seq), [...Array(50).keys()]);
    const resumed = await stream([...ENDLESS, '--rate', 'max', '--start-at', at, '--from-seq', 20, '--max-events', 30]);
    assert.deepEqual(linesOf(resumed.stdout), got.slice(20));
    const one = await stream([...ENDLESS, '--rate', 'max', '--max-events', 3000, '--workers', 1]);
    const two = await stream([...ENDLESS, '--rate', 'max', '--max-events', 3000, '--workers', 2]);
    assert.equal(summaryDigest(one.stderr), summaryDigest(two.stderr));
    assert.equal(summaryDigest(one.stderr), sha256(endless.slice(0, 3000).join('\n') + '\n'));
  });

  test('a live stream: --speed 1-like pacing from now, the world starting today when no date is given', async () => {
    const speed = 600;  // ten simulated minutes per second, so a night hour has events enough for a test
    const r = await stream(['--customers', 20000, '--seed', 3, '--speed', speed, '--start-at', 'now', '--duration', 4]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /stopped by --duration/);
    const got = linesOf(r.stdout).map((l) => JSON.parse(l));
    assert.ok(got.length > 20, `${got.length} events in 4 s`);
    const start = startedAt(r);
    assert.ok(got.every((e) => Date.parse(e.event_time) >= start), 'nothing before --start-at now');
    const today = new Date(start - 3 * 3600000).toISOString().slice(0, 10);
    assert.match(r.stderr, new RegExp(`of an unbounded stream from ${today}`));
    const due = (e) => start + (Date.parse(e.event_time) - start) / speed;
    const wallAt = (ms) => r.spawnedAt + ms;
    const onTime = r.arrivals.filter(([, n]) => due(got[n - 1]) > wallAt(r.arrivals[0][0]) + 50);
    assert.ok(onTime.length >= 10, `${onTime.length} chunks of events sent on schedule`);
    let worst = 0;
    for (const [t, n] of onTime) worst = Math.max(worst, Math.abs(wallAt(t) - due(got[n - 1])));
    assert.ok(worst < 150, `an event arrived ${worst.toFixed(0)} ms away from its schedule`);
  });

  test('--duration ends it, paced or at --rate max', async () => {
    for (const pace of [['--rate', 'max'], ['--rate', 2000]]) {
      const t0 = performance.now();
      const r = await stream(['--customers', 20000, '--seed', 8, '--start-date', START_DATE, ...pace, '--duration', 1.5], { timeout: 30_000 });
      const seconds = (performance.now() - t0) / 1000;
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /stopped by --duration/, pace.join(' '));
      assert.ok(seconds < 10, `${pace.join(' ')}: ${seconds.toFixed(1)} s for --duration 1.5`);
      assert.ok(linesOf(r.stdout).length > 100, pace.join(' '));
    }
  });

  test('SIGINT ends it: exit 130 with the summary and whole lines', async () => {
    const r = await stream([...ENDLESS, '--rate', 500], { onLines: (n, child) => { if (n >= 100) child.kill('SIGINT'); } });
    assert.equal(r.status, 130, r.stderr);
    assert.match(r.stderr, /stopped by an interrupt/);
    const got = linesOf(r.stdout);
    assert.ok(got.length >= 100);
    assert.deepEqual(got, endless.slice(0, got.length));
    assert.equal(summaryDigest(r.stderr), sha256(got.join('\n') + '\n'));
  });
});

// Release pass only: the ride stream's threads and spans run under ASan+UBSan and TSan in the
// RideStream unit tests; this checks what the stream carries against generate's files.
describe('fraudgen stream --type rides and all', { skip: releaseOnly }, () => {
  // Riders in every capital (about 1,600 rides); a week and a half.
  const RIDE_WORLD = ['--customers', 1500, '--seed', 515, '--start-date', '2025-03-03', '--end-date', '2025-03-12'];
  const fileLines = (run, table) => run.manifest.files.filter((f) => f.table === table)
    .flatMap((f) => readFileSync(path.join(run.dir, f.path), 'utf8').split('\n').filter(Boolean));
  let rides; // stream --type rides: lines and events
  let all;   // stream --type all
  let batch; // generate --type all --format jsonl

  before(async () => {
    const r = await stream([...RIDE_WORLD, '--type', 'rides', '--rate', 'max']);
    assert.equal(r.status, 0, r.stderr);
    const a = await stream([...RIDE_WORLD, '--type', 'all', '--rate', 'max']);
    assert.equal(a.status, 0, a.stderr);
    rides = { run: r, lines: linesOf(r.stdout) };
    rides.events = rides.lines.map((l) => JSON.parse(l));
    all = { run: a, lines: linesOf(a.stdout) };
    all.events = all.lines.map((l) => JSON.parse(l));
    batch = generate([...RIDE_WORLD, '--type', 'all', '--format', 'jsonl']);
  });

  test("--type rides: one event per row of generate's rides, byte for byte, when the ride is over, in time order", () => {
    const want = fileLines(batch, 'rides').sort();
    assert.ok(want.length > 1000, `only ${want.length} rides`);
    assert.equal(rides.lines.length, want.length);
    assert.ok(rides.events.every((e) => e.type === 'rides'), 'only rides');
    const got = rides.lines.map(dataOf).sort();
    assert.ok(got.every((g, i) => g === want[i]), 'the data members are the lines of generate --type all (or rides)');
    let previous = -Infinity;
    const statuses = new Set();
    rides.events.forEach((e, i) => {
      assert.equal(e.seq, i);
      const over = e.data.status === 'COMPLETED' ? e.data.ended_at : e.data.cancelled_at;
      assert.equal(e.event_time, over, `ride ${e.data.ride_id} (${e.data.status}) is sent when it is over`);
      const t = Date.parse(e.event_time);
      assert.ok(t >= previous, `event ${i} is before the one before it`);
      previous = t;
      statuses.add(e.data.status);
    });
    assert.deepEqual([...statuses].sort(), ['CANCELLED_BY_DRIVER', 'CANCELLED_BY_RIDER', 'COMPLETED', 'NO_DRIVER']);
    assert.match(rides.run.stderr, /sent \d+ events \(rides \d+\)/);
  });

  test('--type all: the banking tables and the rides of one world, interleaved in time order; ties by table, then rider', () => {
    for (const t of [...TABLES, 'rides']) {
      const want = fileLines(batch, t).sort();
      const got = all.lines.filter((l, i) => all.events[i].type === t).map(dataOf).sort();
      assert.equal(got.length, want.length, t);
      assert.ok(got.every((g, i) => g === want[i]), `${t}: the data members differ from generate --type all's lines`);
    }
    assert.deepEqual(all.lines.filter((l, i) => all.events[i].type === 'rides').map(dataOf), rides.lines.map(dataOf),
      'the rides of --type all are those of --type rides, in the same order');
    const order = [...TABLES, 'rides'];
    let switches = 0;
    all.events.forEach((e, i) => {
      if (i === 0) return;
      const p = all.events[i - 1];
      const dt = Date.parse(e.event_time) - Date.parse(p.event_time);
      assert.ok(dt >= 0, `event ${i} is before the one before it`);
      if (dt === 0) assert.ok(order.indexOf(p.type) <= order.indexOf(e.type), `event ${i}: ${p.type} then ${e.type} at the same instant`);
      if ((p.type === 'rides') !== (e.type === 'rides')) switches += 1;
    });
    assert.ok(switches > 1000, `rides and banking events interleave (${switches} switches)`);
    // A completed ride paid by card or Pix is also a transaction at its ended_at: the payment first.
    const paid = all.events.findIndex((e) => e.type === 'rides' && e.data.status === 'COMPLETED' && e.data.payment_method === 'PIX');
    assert.ok(paid > 0);
    const payment = all.events.slice(0, paid).reverse().find((e) => e.type === 'transactions' && e.data.customer_id === all.events[paid].data.customer_id);
    assert.equal(payment?.data.timestamp, all.events[paid].event_time, 'the ride\'s payment comes before it, at the same instant');
  });

  test('the same bytes for 1 and 2 workers, held in spans or spilled, paced or not', async () => {
    const digest = sha256(all.run.stdout);
    assert.equal(summaryDigest(all.run.stderr), digest);
    assert.match(all.run.stderr, /\(in memory, 10 days at a time, 2 workers\)/);
    const one = await stream([...RIDE_WORLD, '--type', 'all', '--rate', 'max', '--workers', 1, '-q']);
    assert.equal(sha256(one.stdout), digest, '--workers 1');
    const spill = makeTempDir('fraudgen-spill-');
    const spilled = await stream([...RIDE_WORLD, '--type', 'all', '--rate', 'max', '--memory', '1MiB', '--spill-dir', spill]);
    assert.equal(spilled.status, 0, spilled.stderr);
    assert.match(spilled.stderr, /\(\d+ blocks into the spill, 2 workers\)/);
    assert.equal(sha256(spilled.stdout), digest, 'spilled');
    assert.deepEqual(readdirSync(spill), []);
    const ridesSpilled = await stream([...RIDE_WORLD, '--type', 'rides', '--rate', 'max', '--memory', '1MiB', '--spill-dir', spill, '--workers', 1]);
    assert.equal(sha256(ridesSpilled.stdout), sha256(rides.run.stdout), '--type rides spilled on 1 worker');
    const paced = await stream([...RIDE_WORLD, '--type', 'rides', '--rate', 500000]);
    assert.equal(sha256(paced.stdout), sha256(rides.run.stdout), '--rate 500000');
    const tail = await stream([...RIDE_WORLD, '--type', 'all', '--rate', 'max', '--from-seq', 5000, '--max-events', 100]);
    assert.deepEqual(linesOf(tail.stdout), all.lines.slice(5000, 5100));
  });

  test('without an end date: the bounded stream\'s first five days, byte for byte, on 1 and 2 workers; its ride files leave nothing', async () => {
    // Five days of ten: each day of an unbounded stream simulates its capitals' 8 days before it.
    // Its riders, each block's days before and the ride days' lines wait in nameless files in
    // --spill-dir (TMPDIR by default, a folder of the test's on 2 workers).
    const spill = makeTempDir();
    const endless = ['--customers', 1500, '--seed', 515, '--start-date', '2025-03-03'];
    const end = Date.parse('2025-03-08T00:00:00.000-03:00');
    for (const [type, bounded] of [['all', all], ['rides', rides]]) {
      const inRange = bounded.events.filter((e) => Date.parse(e.event_time) < end).length;
      const digests = [];
      for (const workers of [1, 2]) {
        const spilled = workers === 2 ? ['--spill-dir', spill] : [];
        const r = await stream([...endless, '--type', type, '--rate', 'max', '--max-events', inRange + 100, '--workers', workers, ...spilled]);
        assert.equal(r.status, 0, r.stderr);
        const got = linesOf(r.stdout);
        assert.equal(got.length, inRange + 100);
        assert.deepEqual(got.slice(0, inRange), bounded.lines.slice(0, inRange), `--type ${type}, ${workers} workers`);
        assert.ok(got.slice(inRange).every((l) => Date.parse(JSON.parse(l).event_time) >= end));
        digests.push(summaryDigest(r.stderr));
      }
      assert.equal(digests[0], digests[1], `--type ${type}`);
    }
    assert.deepEqual(readdirSync(spill), [], 'files left in --spill-dir');
  });

  test('a world cut into dispatch areas: generate\'s rides, with and without an end, on 1 and 2 workers', async () => {
    // 20,000 customers at 16 drivers a dispatch area: the larger capitals are cut (rides.test.mjs).
    const cut = ['--customers', 20000, '--seed', 515, '--start-date', '2025-03-03', '--dispatch-area-drivers', 16];
    const files = generate([...cut, '--end-date', '2025-03-05', '--type', 'rides', '--format', 'jsonl']);
    const want = fileLines(files, 'rides');
    assert.ok(want.some((l) => JSON.parse(l).dispatch_area > 2), 'some capital in three areas or more');
    const bounded = await stream([...cut, '--end-date', '2025-03-05', '--type', 'rides', '--rate', 'max']);
    assert.equal(bounded.status, 0, bounded.stderr);
    const lines = linesOf(bounded.stdout);
    assert.deepEqual(lines.map(dataOf).sort(), [...want].sort(), 'the stream sends generate\'s rides');
    const end = Date.parse('2025-03-05T00:00:00.000-03:00');
    const inRange = lines.filter((l) => Date.parse(JSON.parse(l).event_time) < end).length;
    const spill = makeTempDir();
    for (const workers of [1, 2]) {
      const r = await stream([...cut, '--type', 'rides', '--rate', 'max', '--max-events', inRange, '--workers', workers, '--spill-dir', spill]);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(linesOf(r.stdout), lines.slice(0, inRange), `without an end, ${workers} workers`);
    }
    assert.deepEqual(readdirSync(spill), [], 'files left in --spill-dir');
  });

  test('without an end date, a --spill-dir without room for the ride days: exit 2 at once, nothing sent', (t) => {
    // Customers whose riders and the workers' days before (about 85 bytes each on 2 workers) fit
    // in the folder, but not the three days of ride lines the stream keeps there (about 900 more):
    // a folder in memory (/dev/shm) is small enough.
    const { spill, customers } = crampedSpillFolder(t, 300);
    if (!customers) return t.skip(`${spill} has room for a billion customers' riders`);
    const started = Date.now();
    const r = runFg(['stream', '--seed', 1, '--type', 'rides', '--workers', 2, '--customers', customers, '--spill-dir', spill]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`The ride world of ${customers} customers .* needs about [\\d.]+ [GT]B in --spill-dir ${spill}, and [\\d.]+ [GMT]B is free`));
    assert.ok(Date.now() - started < 10_000, 'refused before building the world');
    assert.equal(r.stdout, '');
    assert.deepEqual(readdirSync(spill), []);
  });

  test('bad input: exit 2, a message saying what is accepted', () => {
    const r = runFg(['stream', '--seed', 1, '--type', 'bikes']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--type 'bikes' is not valid; accepted: transactions, rides, all/);
    assert.equal(r.stdout, '');
  });
});
