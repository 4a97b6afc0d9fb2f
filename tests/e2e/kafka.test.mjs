// `fraudgen stream --target kafka` against librdkafka's mock cluster (tests/tools/kafka_mock_cluster,
// in its own process), read back with kcat: every event once, the same lines and digest as
// stdout, per-key order, headers, labels after their transactions, injected broker errors
// survived, and clear errors for bad configuration and unreachable brokers.
//   cd tests/e2e && node --test kafka.test.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FG_BIN, PERIOD, TABLES, makeTempDir, runFg } from './lib.mjs';

const MOCK = path.resolve(path.dirname(FG_BIN), 'tests/kafka_mock_cluster');
const WORLD = ['--customers', 40, '--seed', 99, ...PERIOD];
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** Runs a command asynchronously; resolves {status, signal, stdout, stderr}. */
function run(cmd, args, { timeout = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args.map(String), { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let stderr = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (status, signal) => { clearTimeout(timer); resolve({ status, signal, stdout: Buffer.concat(out), stderr }); });
  });
}

/** Starts a mock cluster; resolves {brokers, stop()}. */
function startCluster(args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(MOCK, args.map(String), { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.on('error', reject);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /BROKERS=(\S+)/.exec(out);
      if (m) {
        const exited = new Promise((r) => child.on('close', r));
        resolve({ brokers: m[1], stop: async () => { child.stdin.end(); await exited; }, kill: () => child.kill('SIGKILL') });
      }
    });
  });
}

/** Every message of the tables' topics (the four banking ones unless told), via kcat: [{topic, partition, offset, key, headers, value}]. */
async function consume(brokers, prefix = 'fraudgen.', tables = TABLES) {
  const messages = [];
  for (const t of tables) {
    const r = await run('kcat', ['-b', brokers, '-C', '-t', `${prefix}${t}`, '-o', 'beginning', '-e', '-q', '-f', '%t\\t%p\\t%o\\t%k\\t%h\\t%s\\n']);
    assert.equal(r.status, 0, r.stderr);
    for (const line of r.stdout.toString('utf8').split('\n').filter(Boolean)) {
      const [topic, partition, offset, key, headers, ...value] = line.split('\t');
      messages.push({
        topic, partition: Number(partition), offset: Number(offset), key, value: value.join('\t'),
        headers: Object.fromEntries(headers.split(',').map((h) => h.split('='))),
      });
    }
  }
  return messages;
}

/** The stdout line of a Kafka message, rebuilt from its headers and value. */
const lineOf = (m) => `{"seq":${m.headers['fraudgen-seq']},"type":"${m.headers['fraudgen-type']}","event_time":"${m.headers['fraudgen-event-time']}","data":${m.value}}`;

describe('fraudgen stream --target kafka', { skip: !existsSync(MOCK) && `no ${MOCK}` }, () => {
  let stdoutLines;
  let stdoutDigest;
  before(async () => {
    const r = await run(FG_BIN, ['stream', ...WORLD, '--rate', 'max']);
    assert.equal(r.status, 0, r.stderr);
    stdoutLines = r.stdout.toString('utf8').trimEnd().split('\n');
    stdoutDigest = sha256(r.stdout);
  });

  /** Streams WORLD to a fresh cluster and checks everything arrived once, as on stdout. */
  async function streamAndCheck(clusterArgs, fgArgs) {
    const cluster = await startCluster(clusterArgs);
    try {
      const r = await run(FG_BIN, ['stream', ...WORLD, '--target', 'kafka', '--brokers', cluster.brokers, ...fgArgs]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`${stdoutLines.length} delivered to fraudgen\\.\\*, 0 failed`));
      assert.equal(/sha256 of the lines sent: ([0-9a-f]{64})/.exec(r.stderr)[1], stdoutDigest, 'the digest of stdout');
      const messages = await consume(cluster.brokers);
      const seqs = messages.map((m) => Number(m.headers['fraudgen-seq'])).sort((a, b) => a - b);
      assert.equal(seqs.length, stdoutLines.length, 'one message per event');
      assert.ok(seqs.every((s, i) => s === i), 'every seq once: none lost, none duplicated');
      const rebuilt = [...messages].sort((a, b) => a.headers['fraudgen-seq'] - b.headers['fraudgen-seq']).map(lineOf);
      assert.ok(rebuilt.every((l, i) => l === stdoutLines[i]), 'the messages are the stdout lines, byte for byte');
      assert.equal(sha256(rebuilt.join('\n') + '\n'), stdoutDigest);
      return messages;
    } finally {
      await cluster.stop();
    }
  }

  test('every event once, on its table\'s topic, keyed by customer, in per-key order, = the stdout lines', async () => {
    const schemaVersion = String(JSON.parse(runFg(['schema', '--format', 'json']).stdout).schema_version);
    const messages = await streamAndCheck(['--partitions', 3, ...TABLES.flatMap((t) => ['--topic', `fraudgen.${t}`])], ['--rate', 'max']);
    const byPartition = new Map();
    for (const m of messages) {
      assert.equal(m.topic, `fraudgen.${m.headers['fraudgen-type']}`);
      assert.equal(m.headers['fraudgen-schema'], schemaVersion);
      assert.equal(m.key, JSON.parse(m.value).customer_id, 'key = customer_id');
      const k = `${m.topic}/${m.partition}`;
      if (!byPartition.has(k)) byPartition.set(k, []);
      byPartition.get(k).push(m);
    }
    // Offsets follow seq within every partition, so each customer's events keep their order.
    for (const [k, list] of byPartition) {
      list.sort((a, b) => a.offset - b.offset);
      for (let i = 1; i < list.length; i++) {
        assert.ok(Number(list[i].headers['fraudgen-seq']) > Number(list[i - 1].headers['fraudgen-seq']), `${k} out of order at offset ${list[i].offset}`);
      }
    }
    assert.ok([...byPartition.keys()].filter((k) => k.startsWith('fraudgen.transactions/')).length === 3, 'keys spread over the partitions');
    // Labels come after their transactions.
    const txSeq = new Map(messages.filter((m) => m.headers['fraudgen-type'] === 'transactions')
      .map((m) => [JSON.parse(m.value).transaction_id, Number(m.headers['fraudgen-seq'])]));
    const labels = messages.filter((m) => m.headers['fraudgen-type'] === 'fraud_labels');
    assert.ok(labels.length > 0);
    for (const l of labels) assert.ok(Number(l.headers['fraudgen-seq']) > txSeq.get(JSON.parse(l.value).transaction_id));
  });

  test('--type all: rides on fraudgen.rides keyed by their rider, with the banking topics, = the stdout lines', async () => {
    // Small: the mock cluster drops a partition's oldest messages past about 20 MB.
    const world = ['--customers', 1500, '--seed', 31, '--start-date', '2025-03-03', '--end-date', '2025-03-06', '--type', 'all'];
    const out = await run(FG_BIN, ['stream', ...world, '--rate', 'max']);
    assert.equal(out.status, 0, out.stderr);
    const want = out.stdout.toString('utf8').trimEnd().split('\n');
    const cluster = await startCluster(['--partitions', 4, ...[...TABLES, 'rides'].flatMap((t) => ['--topic', `fraudgen.${t}`])]);
    try {
      const r = await run(FG_BIN, ['stream', ...world, '--target', 'kafka', '--brokers', cluster.brokers, '--rate', 'max']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`${want.length} delivered to fraudgen\\.\\*, 0 failed`));
      const messages = await consume(cluster.brokers, 'fraudgen.', [...TABLES, 'rides']);
      const rebuilt = messages.sort((a, b) => a.headers['fraudgen-seq'] - b.headers['fraudgen-seq']).map(lineOf);
      assert.equal(rebuilt.length, want.length, 'one message per event');
      assert.ok(rebuilt.every((l, i) => l === want[i]), 'the messages are the stdout lines, byte for byte');
      const rides = messages.filter((m) => m.topic === 'fraudgen.rides');
      assert.ok(rides.length > 300, `${rides.length} rides`);
      for (const m of rides) {
        assert.equal(m.headers['fraudgen-type'], 'rides');
        assert.equal(m.key, JSON.parse(m.value).customer_id, 'a ride is keyed by its rider');
      }
    } finally {
      await cluster.stop();
    }
  });

  test('produce requests failing with retriable broker errors: the idempotent producer still delivers each event once', async () => {
    await streamAndCheck(['--partitions', 2, '--produce-errors', 8], ['--rate', 20000, '-X', 'retry.backoff.ms=10']);
  });

  test('a paced stream: the digest is the same, and -X and --kafka-config reach librdkafka', async () => {
    const dir = makeTempDir('fraudgen-kafka-');
    const conf = path.join(dir, 'client.properties');
    writeFileSync(conf, '# a comment\ncompression.type = zstd\nlinger.ms=1\n');
    await streamAndCheck([], ['--rate', 5000, '--kafka-config', conf, '-X', 'client.id=fg-test']);
  });

  test('the cluster going away mid-stream: exit 1 naming the undelivered events; the progress line shows the failures', async () => {
    const cluster = await startCluster();
    const fg = run(FG_BIN, ['stream', ...WORLD, '--target', 'kafka', '--brokers', cluster.brokers, '--rate', 400,
      '--max-events', 3000, '-X', 'message.timeout.ms=2000', '--kafka-flush-timeout', 3]);
    await new Promise((r) => setTimeout(r, 1500));
    cluster.kill();
    const r = await fg;
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /fraudgen: error: \d+ of \d+ events were not delivered to Kafka/);
    // Every 5 s (stderr is not a terminal): events sent, rate, lag and the producer's figures.
    assert.match(r.stderr, /fraudgen stream: \d+ events sent \| [\d.]+ events\/s \| simulated \S+ \| lag [\d.]+ s \| kafka \d+ acked, [1-9]\d* failed/);
  });

  test('-X list prints librdkafka\'s properties; -X dump the producer\'s configuration (defaults, file, -X), secrets redacted', async () => {
    const list = await run(FG_BIN, ['stream', '-X', 'list']);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout.toString('utf8'), /Global configuration properties[\s\S]*enable\.idempotence/);
    const secret = 'hunter2-dump-secret';
    const dump = await run(FG_BIN, ['stream', '--target', 'kafka', '-b', '127.0.0.1:1', '--rate', 'max',
      '-X', 'compression.type=zstd', '-X', `sasl.password=${secret}`, '-X', 'dump']);
    assert.equal(dump.status, 0, dump.stderr);
    const conf = Object.fromEntries(dump.stdout.toString('utf8').trim().split('\n').map((l) => l.split(' = ')));
    assert.equal(conf['metadata.broker.list'], '127.0.0.1:1');
    assert.equal(conf['enable.idempotence'], 'true');
    assert.equal(conf['compression.codec'], 'zstd', '-X wins over the lz4 default');
    assert.equal(conf['queue.buffering.max.ms'], '50', 'linger 50 ms at --rate max');
    assert.equal(conf['queue.buffering.max.kbytes'], '65536');
    assert.equal(conf['topic.partitioner'], 'murmur2_random');
    assert.equal(conf['sasl.password'], '[redacted]');
    assert.ok(!dump.stdout.toString('utf8').includes(secret) && !dump.stderr.includes(secret));
    const paced = await run(FG_BIN, ['stream', '--target', 'kafka', '-b', 'h:1', '--rate', 100, '-X', 'dump']);
    assert.match(paced.stdout.toString('utf8'), /^queue\.buffering\.max\.ms = 5$/m, 'linger 5 ms when paced slowly');
    const notKafka = await run(FG_BIN, ['stream', '-X', 'dump']);
    assert.equal(notKafka.status, 2);
    assert.match(notKafka.stderr, /-X dump shows the Kafka producer's configuration: add --target kafka/);
  });

  test('bad configuration and unreachable brokers: exit 2 before anything is simulated, secrets never shown', async () => {
    const secret = 'hunter2-kafka-secret';
    const cases = [
      [['--target', 'kafka'], /needs the brokers: --brokers HOST:PORT/],
      [['--target', 'kafka', '-b', '127.0.0.1:1', '-X', 'no.such.property=1'], /Kafka property 'no\.such\.property' is unknown to librdkafka/],
      [['--target', 'kafka', '-b', '127.0.0.1:1', '-X', 'linger.ms=fast'], /Kafka property 'linger\.ms'/],
      [['--target', 'kafka', '-b', '127.0.0.1:1', '-X', 'novalue'], /-X 'novalue' is not key=value/],
      [['--target', 'kafka', '-b', '127.0.0.1:1', '--kafka-config', '/nonexistent/k.properties'], /--kafka-config '\/nonexistent\/k\.properties' cannot be read/],
      [['--target', 'kafka', '-b', '127.0.0.1:1', '--topic-prefix', 'bad prefix'], /--topic-prefix 'bad prefix' is not valid/],
      [['--brokers', '127.0.0.1:1'], /apply only to --target kafka/],
      [['--target', 'kafka', '-b', '127.0.0.1:1', '--connect-timeout', 1, '-X', `sasl.password=${secret}`],
        /no Kafka broker at 127\.0\.0\.1:1 answered within 1 s/],
    ];
    for (const [args, re] of cases) {
      const t0 = Date.now();
      const r = await run(FG_BIN, ['stream', ...WORLD, ...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re, args.join(' '));
      assert.equal(r.stdout.length, 0);
      assert.ok(!r.stderr.includes(secret), 'a secret in the output');
      assert.ok(Date.now() - t0 < 8000, `${args.join(' ')} took ${Date.now() - t0} ms`);
    }
  });
});
