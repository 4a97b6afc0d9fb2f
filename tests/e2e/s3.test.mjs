// End-to-end tests of fraudgen's S3 output (--output s3://bucket/prefix), against the in-process
// chain of s3_harness.mjs:  fraudgen -> [fault proxy] -> SigV4 verifier (AWS SDK signer) -> s3rver.
//   cd tests/e2e && node --test --test-reporter=spec s3.test.mjs
//
// The servers live in this process, so fraudgen always runs asynchronously (runFgAsync).
// Every run gets an explicit environment (no inherited AWS_* / MINIO_* variables, HOME an empty
// folder), and every run's output is checked for the credentials it was given.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  PERIOD, FG_BIN, allFiles, makeTempDir, num, openDuck, rawReader, readManifest, releaseOnly, schema, sha256File, sqlStr,
} from './lib.mjs';
import {
  MiB, createBucket, deleteObject, getObject, isUploadPart, listObjects, putObject, s3Request, sha256Hex,
  startFaultProxy, startS3Chain,
} from './s3_harness.mjs';

// Distinctive credentials: the verifier accepts only these, and no output may contain them.
const CREDS = Object.freeze({ accessKeyId: 'AKIAFGE2ES3TEST0042', secretAccessKey: 'fgE2E-s3cret-9c4d71' });
const WRONG_SECRET = 'WrongSecret-7f3a9';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const EMPTY_HOME = makeTempDir('fraudgen-s3-home-');

/** process.env without anything that could point fraudgen at an endpoint or credentials. */
function cleanEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(AWS_|MINIO_)/.test(k)) delete env[k];
  }
  env.HOME = EMPTY_HOME; // no ~/.aws/credentials
  return env;
}

/** cleanEnv() with CREDS as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, plus `extra`. */
const credEnv = (extra = {}) => ({
  ...cleanEnv(), AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey, ...extra,
});

/**
 * Runs fraudgen asynchronously. Resolves {status, signal, stdout, stderr, ms}.
 * `onSpawn(child)` is called right away (to signal it). A run that outlives `timeout` is killed.
 */
function runFgAsync(args, env = credEnv(), { timeout = 90_000, onSpawn } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(FG_BIN, args.map(String), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, ms: Date.now() - t0 });
    });
    onSpawn?.(child);
  });
}

const show = (r) => `status ${r.status} signal ${r.signal} (${r.ms} ms)\n--- stderr ---\n${r.stderr.slice(-4000)}\n--- stdout ---\n${r.stdout.slice(-1000)}`;

/** No credential of CREDS (nor `more`) in the run's output. */
function assertNoSecrets(r, more = []) {
  for (const s of [CREDS.accessKeyId, CREDS.secretAccessKey, ...more]) {
    assert.ok(!r.stdout.includes(s), `stdout shows a credential (${s.slice(0, 4)}...)`);
    assert.ok(!r.stderr.includes(s), `stderr shows a credential (${s.slice(0, 4)}...)`);
  }
}

/** Runs fraudgen and asserts exit 0 (and no credentials in its output). */
async function fgOk(args, env) {
  const r = await runFgAsync(args, env);
  assert.equal(r.status, 0, `fraudgen ${args.join(' ')}\n${show(r)}`);
  assertNoSecrets(r);
  return r;
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort() {
  const srv = net.createServer();
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

// Local reference runs, cached by their arguments.
const localRuns = new Map();
async function localRun(args) {
  const key = JSON.stringify(args);
  if (!localRuns.has(key)) {
    const dir = path.join(makeTempDir('fraudgen-s3-local-'), 'out');
    await fgOk(['generate', ...args, '--output', dir, '--quiet'], cleanEnv());
    localRuns.set(key, dir);
  }
  return localRuns.get(key);
}

const withoutRun = (m) => {
  const { run, ...rest } = m;
  return rest;
};

// The classes of S3 request, from a verifier log entry.
function requestKind(e) {
  const q = e.query ?? {};
  if (e.method === 'PUT' && e.bucket && !e.key && !Object.keys(q).length) return 'create-bucket';
  if (e.method === 'PUT' && e.key && 'partNumber' in q && 'uploadId' in q) return 'upload-part';
  if (e.method === 'PUT' && e.key && !('uploadId' in q)) return 'put-object';
  if (e.method === 'POST' && 'uploads' in q) return 'create-multipart';
  if (e.method === 'POST' && 'uploadId' in q) return 'complete-multipart';
  if (e.method === 'DELETE' && 'uploadId' in q) return 'abort-multipart';
  if (e.method === 'DELETE' && e.key) return 'delete-object';
  return `${e.method}-other`;
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe('fraudgen --output s3://', () => {
  let chain;
  let S3; // s3rver's own endpoint (for looking at what landed, without going through the verifier)
  let bucketNo = 0;

  /** A fresh bucket, created directly in s3rver. */
  const newBucket = async (tag) => {
    const b = `fg-${tag}-${bucketNo++}`;
    await createBucket(S3, b);
    return b;
  };
  /** Keys under prefix/ (relative to it), sorted. */
  const keysUnder = async (bucket, prefix) => (await listObjects(S3, bucket, `${prefix}/`)).map((o) => o.key.slice(prefix.length + 1)).sort();
  const since = (n) => chain.verifier.log.slice(n);
  const openUploadsIn = (bucket) => chain.verifier.openUploads().filter((u) => u.bucket === bucket);
  const bucketExists = async (bucket) => (await s3Request({ endpoint: S3, bucket, query: { 'list-type': '2' } })).status === 200;

  /** Every verifier entry from index n on has verdict 'match'. */
  function assertAllMatch(n) {
    const bad = since(n).filter((e) => e.verdict !== 'match');
    assert.deepEqual(bad.map((e) => `${e.method} ${e.path}?${e.rawQuery} ${e.verdict} ${e.reason}`), [], 'requests the verifier rejected');
  }

  /**
   * The objects under bucket/prefix are exactly the local run's files (manifests included), with
   * the same bytes; data objects also match the manifest's sha256; the S3 manifest equals the
   * local one but for its "run" section. Returns {objects: {rel: Buffer}, manifests: {name: obj}}.
   */
  async function assertSameAsLocal(bucket, prefix, localDir) {
    const expected = allFiles(localDir);
    assert.deepEqual(await keysUnder(bucket, prefix), expected, 'objects under the prefix vs files of the local run');
    const objects = {};
    const manifests = {};
    for (const rel of expected) {
      const body = await getObject(S3, bucket, `${prefix}/${rel}`);
      objects[rel] = body;
      if (/^manifest.*\.json$/.test(rel)) {
        manifests[rel] = JSON.parse(body.toString('utf8'));
        assert.deepEqual(withoutRun(manifests[rel]), withoutRun(readManifest(localDir, rel)), `${rel}: S3 vs local manifest (run section aside)`);
        assert.ok(!body.toString('utf8').includes(CREDS.secretAccessKey) && !body.toString('utf8').includes(CREDS.accessKeyId), `${rel} holds a credential`);
      } else {
        assert.equal(sha256Hex(body), await sha256File(path.join(localDir, rel)), `${rel}: S3 object bytes vs local file`);
      }
    }
    for (const [name, m] of Object.entries(manifests)) {
      for (const f of m.files) {
        assert.ok(objects[f.path], `${name} lists ${f.path}, which is not in S3`);
        assert.equal(sha256Hex(objects[f.path]), f.sha256, `${f.path}: sha256 vs ${name}`);
        assert.equal(objects[f.path].length, f.bytes, `${f.path}: size vs ${name}`);
      }
    }
    return { objects, manifests };
  }

  /** Writes the objects of `table` into a temp folder (as table_part-NNNNN.ext); returns their paths. */
  function saveTable(objects, table) {
    const dir = makeTempDir('fraudgen-s3-dl-');
    const files = [];
    for (const [rel, body] of Object.entries(objects)) {
      if (!rel.startsWith(`${table}/`)) continue;
      const f = path.join(dir, rel.replaceAll('/', '_'));
      writeFileSync(f, body);
      files.push(f);
    }
    assert.ok(files.length > 0, `no ${table} object`);
    return files.sort();
  }

  before(async () => {
    schema(); // sync fraudgen call: do it now, while no S3 run is pending
    chain = await startS3Chain({ directory: path.join(makeTempDir('fraudgen-s3rver-'), 'data'), creds: CREDS });
    S3 = chain.s3.endpoint;
  });
  after(async () => {
    await chain?.stop();
  });

  // -------------------------------------------------------------------------------------------
  // 1. Parquet, several files, multipart and single PUTs
  // -------------------------------------------------------------------------------------------
  test('Parquet: several files, multipart + single PUT, every signature checked, bytes = local run', async () => {
    // 3 transaction files (about 12, 12 and 3.3 MB): two go multipart with 5 MiB parts, the
    // small ones (customers, devices, the last transactions file, the manifest) are single PUTs.
    const args = ['--customers', 300, '--start-date', '2024-01-01', '--end-date', '2024-12-31', '--seed', 7, '--file-size', '4MB'];
    const local = await localRun(args);
    const bucket = await newBucket('parquet');
    const n0 = chain.verifier.log.length;
    await fgOk(['generate', ...args, '--output', `s3://${bucket}/lake/raw`, '--s3-endpoint', chain.endpoint,
      '--s3-part-size', '5MiB', '--s3-concurrency', 3, '--quiet']);

    const { objects, manifests } = await assertSameAsLocal(bucket, 'lake/raw', local);
    const m = manifests['manifest.json'];
    assert.ok(m.files.filter((f) => f.table === 'transactions').length >= 2, 'several transactions files');
    assert.deepEqual(Object.keys(objects).sort(), [...m.files.map((f) => f.path), 'manifest.json'].sort(), 'objects = manifest files + manifest.json');

    assertAllMatch(n0);
    const entries = since(n0);
    const mine = [...chain.verifier.uploads.values()].filter((u) => u.bucket === bucket);
    const multi = mine.filter((u) => u.completed && u.parts.size > 1);
    assert.ok(multi.length >= 1, `a completed multipart upload with >1 part (uploads: ${JSON.stringify(mine.map((u) => [u.key, u.parts.size, u.completed]))})`);
    for (const u of multi) {
      const sizes = [...u.partSizes.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
      assert.ok(sizes.slice(0, -1).every((s) => s === 5 * MiB), `${u.key}: parts other than the last are 5 MiB (${sizes})`);
      assert.equal(sizes.reduce((a, b) => a + b, 0), objects[u.key.slice('lake/raw/'.length)].length, `${u.key}: parts add up to the object`);
    }
    const puts = entries.filter((e) => requestKind(e) === 'put-object' && e.status === 200);
    assert.ok(puts.some((e) => e.key === 'lake/raw/customers/part-00000.parquet'), 'customers file sent with a single PUT');
    assert.ok(puts.some((e) => e.key === 'lake/raw/manifest.json'), 'manifest sent with a single PUT');
    // manifest.json is written last
    const objectWrites = entries.filter((e) => ['put-object', 'complete-multipart'].includes(requestKind(e)) && e.status === 200);
    assert.equal(objectWrites.at(-1).key, 'lake/raw/manifest.json', 'manifest.json is the last object written');
    assert.deepEqual(openUploadsIn(bucket), []);
    assert.deepEqual(chain.s3.pendingUploads(bucket), []);

    const files = saveTable(objects, 'transactions');
    const db = await openDuck();
    try {
      const rows = num(await db.one(`SELECT count(*) FROM read_parquet([${files.map(sqlStr).join(', ')}])`));
      assert.equal(rows, m.totals.transactions.rows);
      assert.equal(num(await db.one(`SELECT count(DISTINCT transaction_id) FROM read_parquet([${files.map(sqlStr).join(', ')}])`)), rows);
    } finally {
      db.close();
    }
  });

  // -------------------------------------------------------------------------------------------
  // 2. JSONL, plain and gzip
  // -------------------------------------------------------------------------------------------
  for (const compression of ['none', 'gzip']) {
    test(`JSONL (--compression ${compression}): bytes = local run, DuckDB reads the objects`, async () => {
      const args = ['--customers', 40, ...PERIOD, '--seed', 11, '--format', 'jsonl', '--compression', compression, '--file-size', '4MB'];
      const local = await localRun(args);
      const bucket = await newBucket('jsonl');
      const n0 = chain.verifier.log.length;
      await fgOk(['generate', ...args, '--output', `s3://${bucket}/j`, '--s3-endpoint', chain.endpoint,
        '--s3-part-size', '5MiB', '--s3-concurrency', 2, '--quiet']);
      const { objects, manifests } = await assertSameAsLocal(bucket, 'j', local);
      assertAllMatch(n0);
      assert.deepEqual(openUploadsIn(bucket), []);
      assert.deepEqual(chain.s3.pendingUploads(bucket), []);
      if (compression === 'none') {
        assert.ok([...chain.verifier.uploads.values()].some((u) => u.bucket === bucket && u.completed && u.parts.size > 1),
          'the 8 MB JSONL files go multipart');
      }
      const db = await openDuck();
      try {
        for (const table of ['customers', 'transactions']) {
          const files = saveTable(objects, table); // names keep .jsonl / .jsonl.gz, which rawReader reads
          const rows = num(await db.one(`SELECT count(*) FROM ${rawReader(table, files)}`));
          assert.equal(rows, manifests['manifest.json'].totals[table].rows, `${table} rows read by DuckDB`);
        }
      } finally {
        db.close();
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  // 6. Missing bucket, --create-bucket
  // -------------------------------------------------------------------------------------------
  test('missing bucket: error naming --create-bucket, bucket not created; with --create-bucket: created and written', async () => {
    const bucket = `fg-missing-${bucketNo++}`;
    const args = ['generate', '--customers', 20, ...PERIOD, '--seed', 3, '--output', `s3://${bucket}/p`, '--s3-endpoint', chain.endpoint, '--quiet'];
    const n0 = chain.verifier.log.length;
    const r = await runFgAsync(args);
    assert.notEqual(r.status, 0, show(r));
    assert.equal(r.status, 1, show(r));
    assert.match(r.stderr, /--create-bucket/, show(r));
    assert.match(r.stderr, new RegExp(bucket), 'the message names the bucket');
    assertNoSecrets(r);
    assert.equal(await bucketExists(bucket), false, 'the bucket must not be created without --create-bucket');
    assert.ok(!since(n0).some((e) => requestKind(e) === 'create-bucket'), 'no CreateBucket request');

    const n1 = chain.verifier.log.length;
    await fgOk([...args, '--create-bucket']);
    assert.equal(await bucketExists(bucket), true);
    assert.ok(since(n1).some((e) => requestKind(e) === 'create-bucket' && e.verdict === 'match' && e.status === 200), 'CreateBucket signed and answered 200');
    assertAllMatch(n1);
    await assertSameAsLocal(bucket, 'p', await localRun(['--customers', 20, ...PERIOD, '--seed', 3]));

    // --create-bucket on a bucket that exists already is fine
    const other = await newBucket('exists');
    await fgOk(['generate', '--customers', 20, ...PERIOD, '--seed', 3, '--output', `s3://${other}/p`, '--s3-endpoint', chain.endpoint, '--create-bucket', '--quiet']);
    assert.ok((await keysUnder(other, 'p')).includes('manifest.json'));
  });

  // -------------------------------------------------------------------------------------------
  // 4. Transient faults
  // -------------------------------------------------------------------------------------------
  test('transient faults (503, 500, dropped connection, stall > --s3-timeout): retried, bytes = local run', async (t) => {
    // 5 transaction files of about 6 MB (2 parts of 5 MiB each) and a small one: about 25 requests
    // before retries. The fault sequence depends only on the request count (seeded), so it is stable.
    const args = ['--customers', 300, '--start-date', '2024-01-01', '--end-date', '2024-12-31', '--seed', 21, '--row-group-size', 12000, '--file-size', '6MB'];
    const local = await localRun(args);
    const bucket = await newBucket('faults');
    const proxy = await startFaultProxy({
      upstream: chain.verifier.endpoint,
      // maxFaults 6: every kind once or twice, but only one 2 s stall to wait out
      faults: { seed: 5, share: 0.3, kinds: ['503', '500', 'drop', 'stall'], stallMs: 4000, maxFaults: 6 },
    });
    try {
      const n0 = chain.verifier.log.length;
      const r = await fgOk(['generate', ...args, '--output', `s3://${bucket}/f`, '--s3-endpoint', proxy.endpoint,
        '--s3-part-size', '5MiB', '--s3-concurrency', 2, '--s3-max-attempts', 8, '--s3-timeout', 2]);
      t.diagnostic(`fault proxy: ${JSON.stringify(proxy.stats)}, run ${r.ms} ms`);
      for (const kind of ['503', '500', 'drop', 'stall']) {
        assert.ok(proxy.stats[kind] >= 1, `fault ${kind} injected at least once (stats ${JSON.stringify(proxy.stats)}); make the run bigger`);
      }
      const retries = r.stderr.split('\n').filter((l) => /^fraudgen: retrying/.test(l));
      assert.ok(retries.length >= 1, `"fraudgen: retrying" lines on stderr:\n${r.stderr}`);
      assert.ok(retries.length <= proxy.stats.faults, `at most one retry line per fault (${retries.length} lines, ${proxy.stats.faults} faults)`);
      await assertSameAsLocal(bucket, 'f', local);
      assertAllMatch(n0);
      assert.deepEqual(openUploadsIn(bucket), []);
      assert.deepEqual(chain.s3.pendingUploads(bucket), []);
    } finally {
      await proxy.stop();
    }
  });

  test('a completion whose answer is lost: the retry finds the upload gone and the object whole; bytes = local run', async () => {
    const args = ['--customers', 40, ...PERIOD, '--seed', 11, '--format', 'jsonl', '--file-size', '8MB'];
    const local = await localRun(args);
    const bucket = await newBucket('lost');
    const isComplete = (q) => q.method === 'POST' && 'uploadId' in q.query;
    const proxy = await startFaultProxy({ upstream: chain.verifier.endpoint, faults: { always: true, kinds: ['lost'], maxFaults: 1, match: isComplete } });
    try {
      const r = await fgOk(['generate', ...args, '--output', `s3://${bucket}/l`, '--s3-endpoint', proxy.endpoint, '--s3-part-size', '5MiB']);
      assert.equal(proxy.stats.lost, 1, `one completion answer dropped (stats ${JSON.stringify(proxy.stats)})`);
      assert.match(r.stderr, /retrying completing the upload/);
      await assertSameAsLocal(bucket, 'l', local);
      assert.deepEqual(chain.s3.pendingUploads(bucket), []);
    } finally {
      await proxy.stop();
    }
  });

  test('--s3-timeout 2: a stalled request is abandoned after about 2 s and retried', async () => {
    const bucket = await newBucket('stall');
    // The first single PUT (the customers file) gets no answer for 15 s; nothing else fails.
    const proxy = await startFaultProxy({
      upstream: chain.verifier.endpoint,
      faults: { always: true, kinds: ['stall'], stallMs: 15_000, maxFaults: 1, match: (q) => q.method === 'PUT' && !('uploadId' in q.query) },
    });
    try {
      let stalledAt = 0;
      let retriedAt = 0;
      const poll = setInterval(() => { if (!stalledAt && proxy.stats.stall) stalledAt = Date.now(); }, 10);
      let child;
      const done = runFgAsync(['generate', '--customers', 20, ...PERIOD, '--seed', 3, '--output', `s3://${bucket}/t`,
        '--s3-endpoint', proxy.endpoint, '--s3-timeout', 2], credEnv(), {
        onSpawn: (c) => {
          child = c;
          c.stderr.on('data', (d) => { if (!retriedAt && /fraudgen: retrying/.test(String(d))) retriedAt = Date.now(); });
        },
      });
      const r = await done;
      clearInterval(poll);
      assert.ok(child);
      assert.equal(r.status, 0, show(r));
      assert.equal(proxy.stats.stall, 1);
      assert.ok(stalledAt && retriedAt, `stalled at ${stalledAt}, retried at ${retriedAt}\n${show(r)}`);
      const waited = retriedAt - stalledAt;
      const line = r.stderr.split('\n').find((l) => l.startsWith('fraudgen: retrying'));
      assert.match(line, /time/i, 'the retry names the timeout');
      assert.ok(waited >= 1500 && waited < 4000, `a request that moved no bytes for 2 s (--s3-timeout 2) was abandoned after ${waited} ms\n${line}`);
      await assertSameAsLocal(bucket, 't', await localRun(['--customers', 20, ...PERIOD, '--seed', 3]));
    } finally {
      await proxy.stop();
    }
  });

  // -------------------------------------------------------------------------------------------
  // 5. Wrong secret
  // -------------------------------------------------------------------------------------------
  test('wrong secret: exit 1 with SignatureDoesNotMatch, secret not shown, nothing written', async () => {
    const bucket = await newBucket('secret');
    const n0 = chain.verifier.log.length;
    const r = await runFgAsync(['generate', '--customers', 20, ...PERIOD, '--seed', 3, '--output', `s3://${bucket}/w`, '--s3-endpoint', chain.endpoint],
      credEnv({ AWS_SECRET_ACCESS_KEY: WRONG_SECRET }));
    assert.equal(r.status, 1, show(r));
    assert.match(r.stderr, /SignatureDoesNotMatch/, show(r));
    assert.match(r.stderr, /^fraudgen: failed: /m, show(r));
    assertNoSecrets(r, [WRONG_SECRET]);
    assert.ok(since(n0).some((e) => e.verdict === 'mismatch'), 'the verifier saw the bad signature');
    assert.ok(since(n0).length <= 10, `a 403 is not retried (${since(n0).length} requests)`);
    assert.deepEqual(await keysUnder(bucket, 'w'), []);
    assert.deepEqual(openUploadsIn(bucket), []);
    assert.deepEqual(chain.s3.pendingUploads(bucket), []);
  });

  // -------------------------------------------------------------------------------------------
  // 7. Unreachable endpoint
  // -------------------------------------------------------------------------------------------
  test('unreachable endpoint: exit 1 naming the connection failure, within a few seconds', async () => {
    const port = await closedPort();
    const r = await runFgAsync(['generate', '--customers', 20, ...PERIOD, '--seed', 3, '--output', 's3://fg-nowhere/x',
      '--s3-endpoint', `http://127.0.0.1:${port}`, '--s3-max-attempts', 2]);
    assert.equal(r.status, 1, show(r));
    assert.match(r.stderr, /connect/i, show(r));
    assert.match(r.stderr, /\(2 attempts\)/, show(r));
    assert.ok(r.ms < 8000, `took ${r.ms} ms`);
    assertNoSecrets(r);
  });

  // -------------------------------------------------------------------------------------------
  // 8. A fault that outlasts the retries
  // -------------------------------------------------------------------------------------------
  test('part uploads always fail: exit 1 naming the object and "part", uploads aborted, completed objects deleted', async () => {
    const args = ['--customers', 40, ...PERIOD, '--seed', 11, '--format', 'jsonl', '--file-size', '4MB'];
    const bucket = await newBucket('fatal');
    const proxy = await startFaultProxy({ upstream: chain.verifier.endpoint, faults: { always: true, kinds: ['500'], match: isUploadPart } });
    try {
      const n0 = chain.verifier.log.length;
      const r = await runFgAsync(['generate', ...args, '--output', `s3://${bucket}/x`, '--s3-endpoint', proxy.endpoint,
        '--s3-part-size', '5MiB', '--s3-max-attempts', 2]);
      assertNoSecrets(r);
      // The cleanup first ...
      assert.ok(proxy.stats['500'] >= 2, `part uploads were tried (${JSON.stringify(proxy.stats)})`);
      const entries = since(n0);
      assert.ok(entries.some((e) => requestKind(e) === 'create-multipart' && e.verdict === 'match'), 'a multipart upload was started');
      assert.ok(entries.some((e) => requestKind(e) === 'abort-multipart' && e.verdict === 'match' && e.status === 204), 'AbortMultipartUpload sent, signed right');
      assertAllMatch(n0);
      assert.deepEqual(await listObjects(S3, bucket, ''), [], 'no object left in the bucket (small files that completed are deleted)');
      assert.deepEqual(openUploadsIn(bucket), []);
      assert.deepEqual(chain.s3.pendingUploads(bucket), []);
      // ... then the report: exit 1 (a failure, not an interrupt) and a line naming object, part and cause.
      assert.equal(r.status, 1, show(r));
      assert.doesNotMatch(r.stderr, /interrupted/, 'a failure is not an interrupt');
      const failed = r.stderr.split('\n').find((l) => l.startsWith('fraudgen: failed:'));
      assert.ok(failed, `a "fraudgen: failed:" line\n${show(r)}`);
      assert.match(failed, new RegExp(`s3://${bucket}/x/transactions/part-\\d{5}\\.jsonl`), 'the line names the object');
      assert.match(failed, /part/i);
      assert.match(failed, /500|InternalError/, 'the line names the cause');
      assert.match(failed, /\(2 attempts\)/);
    } finally {
      await proxy.stop();
    }
  });

  // -------------------------------------------------------------------------------------------
  // 9. Existing data: refusal, --overwrite
  // -------------------------------------------------------------------------------------------
  test('non-empty prefix: refused without --overwrite (objects unchanged); --overwrite replaces everything, nothing stale', async () => {
    const first = ['--customers', 100, ...PERIOD, '--seed', 31, '--row-group-size', 10000, '--file-size', '1MB'];
    const second = ['--customers', 100, ...PERIOD, '--seed', 32, '--row-group-size', 10000, '--file-size', '4MB'];
    const bucket = await newBucket('over');
    const base = ['--output', `s3://${bucket}/d`, '--s3-endpoint', chain.endpoint, '--quiet'];
    await fgOk(['generate', ...first, ...base]);
    const firstLocal = await localRun(first);
    const secondLocal = await localRun(second);
    assert.ok(allFiles(firstLocal).length > allFiles(secondLocal).length, 'the first run must have more files than the second');
    const before1 = await listObjects(S3, bucket, 'd/');

    const n0 = chain.verifier.log.length;
    const r = await runFgAsync(['generate', ...second, ...base]);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /is not empty/, show(r));
    assert.match(r.stderr, /--overwrite/, show(r));
    assert.ok(!since(n0).some((e) => ['PUT', 'POST', 'DELETE'].includes(e.method)), 'nothing written or deleted');
    assert.deepEqual(await listObjects(S3, bucket, 'd/'), before1, 'objects unchanged');
    await assertSameAsLocal(bucket, 'd', firstLocal);

    // a different prefix that merely starts with the same characters is not "the prefix"
    await fgOk(['generate', ...first, '--output', `s3://${bucket}/d2`, '--s3-endpoint', chain.endpoint, '--quiet']);

    await fgOk(['generate', ...second, ...base, '--overwrite']);
    await assertSameAsLocal(bucket, 'd', secondLocal); // exactly the second run's objects: no stale file of the first
    await assertSameAsLocal(bucket, 'd2', firstLocal); // the neighbour prefix is untouched
  });

  // -------------------------------------------------------------------------------------------
  // 10. Shards
  // -------------------------------------------------------------------------------------------
  test('--shard 0/2 and 1/2 into one prefix: the union is the unsharded dataset, one manifest per shard', async () => {
    const args = ['--customers', 100, ...PERIOD, '--seed', 41, '--row-group-size', 10000, '--file-size', '1MB'];
    const local = await localRun(args);
    const localManifest = readManifest(local);
    assert.ok(localManifest.files.length >= 4, 'enough files to deal to two shards');
    const bucket = await newBucket('shards');
    const n0 = chain.verifier.log.length;
    for (const shard of ['0/2', '1/2']) {
      await fgOk(['generate', ...args, '--shard', shard, '--output', `s3://${bucket}/s`, '--s3-endpoint', chain.endpoint, '--quiet']);
    }
    assertAllMatch(n0);
    const keys = await keysUnder(bucket, 's');
    const manifestNames = ['manifest.shard-00000-of-00002.json', 'manifest.shard-00001-of-00002.json'];
    const dataKeys = localManifest.files.map((f) => f.path).sort();
    assert.deepEqual(keys, [...dataKeys, ...manifestNames].sort(), 'objects: the unsharded files plus one manifest per shard, no manifest.json');
    const seen = new Set();
    for (const [i, name] of manifestNames.entries()) {
      const m = JSON.parse((await getObject(S3, bucket, `s/${name}`)).toString('utf8'));
      assert.deepEqual(m.config.shard, { count: 2, index: i });
      assert.ok(m.files.length >= 1, `${name} lists files`);
      for (const f of m.files) {
        assert.ok(!seen.has(f.path), `${f.path} in two shards`);
        seen.add(f.path);
      }
    }
    assert.deepEqual([...seen].sort(), dataKeys, 'the shards together list every file once');
    for (const f of localManifest.files) {
      assert.equal(sha256Hex(await getObject(S3, bucket, `s/${f.path}`)), f.sha256, `${f.path}: sharded S3 object vs unsharded local file`);
    }
    // An engine's retry of shard 1 (same run), without --overwrite, replaces its objects with the same bytes;
    // shard 1 of another seed is refused and changes nothing.
    await fgOk(['generate', ...args, '--shard', '1/2', '--output', `s3://${bucket}/s`, '--s3-endpoint', chain.endpoint, '--quiet']);
    const other = await runFgAsync(['generate', ...args.filter((a) => a !== 41 && a !== '--seed'), '--seed', 42, '--shard', '1/2',
      '--output', `s3://${bucket}/s`, '--s3-endpoint', chain.endpoint, '--quiet']);
    assert.equal(other.status, 2, other.stderr);
    assert.match(other.stderr, /holds manifest\.shard-0000\d-of-00002\.json of another run \(seed differs\)/);
    assert.deepEqual(await keysUnder(bucket, 's'), [...dataKeys, ...manifestNames].sort(), 'objects after the retry and the refusal');
    for (const f of localManifest.files) {
      assert.equal(sha256Hex(await getObject(S3, bucket, `s/${f.path}`)), f.sha256, `${f.path} after the retry and the refusal`);
    }
  });

  test("a shard killed mid-upload and retried: its open uploads are aborted, another shard's are not; bytes = local run", async () => {
    // About 25 MB of JSONL in 8 MB files, so every file is a multipart upload of 5 MiB parts.
    const args = ['--customers', 60, ...PERIOD, '--seed', 43, '--format', 'jsonl', '--file-size', '8MB'];
    const local = await localRun(args);
    const bucket = await newBucket('killed');
    const target = ['--output', `s3://${bucket}/k`, '--s3-endpoint', chain.endpoint, '--s3-part-size', '5MiB', '--quiet'];
    // Shard 0 is "still running": one of its files has an upload open.
    const shard0 = readManifest(await localRun([...args, '--shard', '0/2']), 'manifest.shard-00000-of-00002.json').files.map((f) => f.path);
    const alien = await s3Request({ endpoint: S3, bucket, key: `k/${shard0[0]}`, method: 'POST', query: { uploads: '' } });
    assert.equal(alien.status, 200, alien.body);
    const n0 = chain.verifier.log.length;
    let child;
    const killed = runFgAsync(['generate', ...args, '--shard', '1/2', ...target], credEnv(), { onSpawn: (c) => { child = c; } });
    const t0 = Date.now();
    while (!since(n0).some((e) => requestKind(e) === 'upload-part') && child.exitCode === null && Date.now() - t0 < 30_000) await sleep(10);
    assert.equal(child.exitCode, null, 'shard 1 ended before its first part upload');
    child.kill('SIGKILL');
    assert.equal((await killed).signal, 'SIGKILL');
    const left = openUploadsIn(bucket).map((u) => u.uploadId);
    assert.ok(left.length >= 1, 'the killed shard left an open upload');
    assert.equal(chain.s3.pendingUploads(bucket).length, left.length + 1, 'on disk: the killed shard\'s uploads and shard 0\'s');

    // The server may still be reading requests the killed attempt had sent: wait until its log
    // is quiet (no new entry, none pending) for 300 ms, so everything after n1 is the retry's.
    for (let last = -1, quietSince = Date.now(); Date.now() - quietSince < 300;) {
      const n = chain.verifier.log.length;
      if (n !== last || chain.verifier.log.some((e) => e.verdict === '')) { last = n; quietSince = Date.now(); }
      await sleep(20);
    }
    const n1 = chain.verifier.log.length;
    await fgOk(['generate', ...args, '--shard', '1/2', ...target]);
    assertAllMatch(n1);
    assert.ok(since(n1).some((e) => e.method === 'GET' && 'uploads' in (e.query ?? {}) && e.status === 200), 'ListMultipartUploads sent');
    for (const id of left) assert.equal(chain.verifier.uploads.get(id).aborted, true, `upload ${id} of the killed attempt aborted`);
    const pending = chain.s3.pendingUploads(bucket);
    assert.deepEqual(pending.map((u) => u.key), [`k/${shard0[0]}`], 'only shard 0\'s upload is still open');
    const m = JSON.parse((await getObject(S3, bucket, 'k/manifest.shard-00001-of-00002.json')).toString('utf8'));
    for (const f of m.files) {
      assert.equal(sha256Hex(await getObject(S3, bucket, `k/${f.path}`)), await sha256File(path.join(local, f.path)), `${f.path}: retried shard vs local run`);
    }
  });

  test('a store that does not list multipart uploads (NotImplemented): a shard still runs, with a warning naming the lifecycle rule', async () => {
    // s3rver as it is, without the harness's upload handling: it answers ListMultipartUploads with NotImplemented.
    const plain = await startS3Chain({ directory: path.join(makeTempDir('fraudgen-s3rver-plain-'), 'data'), creds: CREDS,
      buckets: ['plain'], s3Options: { strictUploads: false } });
    try {
      const args = ['--customers', 20, ...PERIOD, '--seed', 44];
      const r = await runFgAsync(['generate', ...args, '--shard', '0/2', '--output', 's3://plain/p', '--s3-endpoint', plain.endpoint, '--quiet']);
      assert.equal(r.status, 0, show(r));
      assertNoSecrets(r);
      assert.match(r.stderr, /warning: cannot list the open multipart uploads under s3:\/\/plain\/p\/ \(NotImplemented\).*AbortIncompleteMultipartUpload/);
      assert.ok((await listObjects(plain.s3.endpoint, 'plain', 'p/')).some((o) => o.key === 'p/manifest.shard-00000-of-00002.json'));
    } finally {
      await plain.stop();
    }
  });

  test('--partition-by month: the Hive tree lands under the prefix as the local run writes it, and validate reads it back', async () => {
    const args = ['--customers', 40, ...PERIOD, '--seed', 47, '--partition-by', 'month', '--row-group-size', 10000];
    const local = await localRun(args);
    const bucket = await newBucket('hive');
    const url = `s3://${bucket}/lake`;
    const n0 = chain.verifier.log.length;
    await fgOk(['generate', ...args, '--output', url, '--s3-endpoint', chain.endpoint, '--quiet']);
    const { manifests } = await assertSameAsLocal(bucket, 'lake', local);
    const keys = manifests['manifest.json'].files.map((f) => f.path);
    for (const month of ['03', '04', '05']) assert.ok(keys.includes(`transactions/year=2025/month=${month}/part-00000.parquet`), `month ${month}: ${keys}`);
    const r = await fgOk(['validate', url, '--s3-endpoint', chain.endpoint]);
    assert.match(r.stdout, /verdict: PASS/);
    assertAllMatch(n0);
  });

  for (const format of ['parquet', 'jsonl']) {
    // Under the sanitizers one format is enough: both read their objects through the same S3 reader.
    test(`finalize and validate read s3:// (${format}): missing shard fails both, finalize writes manifest.json last, validate = local`, { skip: format === 'parquet' && releaseOnly }, async () => {
      const args = ['--customers', 100, ...PERIOD, '--seed', 45, '--format', format, '--file-size', '1MB',
        ...(format === 'jsonl' ? ['--compression', 'gzip'] : ['--row-group-size', 10000])];
      const local = await localRun(args);
      const bucket = await newBucket(`fin-${format}`);
      const url = `s3://${bucket}/f`;
      const s3 = ['--s3-endpoint', chain.endpoint];
      const n0 = chain.verifier.log.length;
      await fgOk(['generate', ...args, '--shard', '0/2', '--output', url, ...s3, '--quiet']);

      // One shard of two: finalize exit 1 naming the missing manifest, nothing written; validate fails
      // unless --allow-partial.
      let r = await runFgAsync(['finalize', url, ...s3]);
      assert.equal(r.status, 1, show(r));
      assert.match(r.stdout, /manifest\.shard-00001-of-00002\.json: missing/);
      assert.ok(!(await keysUnder(bucket, 'f')).includes('manifest.json'), 'finalize wrote nothing');
      r = await runFgAsync(['validate', url, ...s3]);
      assert.equal(r.status, 1, show(r));
      assert.match(r.stdout, /manifest\.shard-00001-of-00002\.json/);
      r = await runFgAsync(['validate', url, ...s3, '--allow-partial']);
      assert.equal(r.status, 0, show(r));

      await fgOk(['generate', ...args, '--shard', '1/2', '--output', url, ...s3, '--quiet']);
      r = await fgOk(['finalize', url, ...s3, '--format', 'json']);
      const out = JSON.parse(r.stdout);
      assert.deepEqual([out.whole, out.manifest_written, out.shards, out.files], [true, true, 2, readManifest(local).files.length]);
      const whole = JSON.parse((await getObject(S3, bucket, 'f/manifest.json')).toString('utf8'));
      assert.deepEqual(withoutRun(whole), withoutRun(readManifest(local)), 'manifest.json in S3 = the unsharded manifest (run aside)');
      assert.equal(whole.run.finalized.shards, 2);
      r = await fgOk(['finalize', url, ...s3, '--format', 'json']);
      assert.equal(JSON.parse(r.stdout).manifest_written, false, 'a second finalize writes nothing');

      // validate over S3 reports what validate of the local unsharded folder reports.
      const remote = JSON.parse((await fgOk(['validate', url, ...s3, '--format', 'json'])).stdout);
      const near = JSON.parse((await fgOk(['validate', local, '--format', 'json'], cleanEnv())).stdout);
      assert.deepEqual([remote.verdict, remote.violations], ['pass', 0]);
      assert.deepEqual(remote.checks, near.checks, 'the same checks, rows and outcomes as the local validate');
      assert.deepEqual({ ...remote.dataset, dir: url, manifests: 'manifest.json' }, { ...near.dataset, dir: url, manifests: 'manifest.json' });
      assert.equal(remote.dataset.dir, url);
      assertAllMatch(n0); // ranged GETs and listings included

      // A changed byte in an object (same size) is a sha256 violation; a removed object makes finalize
      // and validate fail.
      const victim = whole.files[whole.files.length - 1].path;
      const body = await getObject(S3, bucket, `f/${victim}`);
      body[Math.floor(body.length / 2)] ^= 0x01;
      await putObject(S3, bucket, `f/${victim}`, body);
      r = await runFgAsync(['validate', url, ...s3]);
      assert.equal(r.status, 1, show(r));
      assert.match(r.stdout, new RegExp(`${victim.replace(/[.]/g, '\\.')}.*sha256`));
      await deleteObject(S3, bucket, `f/${victim}`);
      await deleteObject(S3, bucket, 'f/manifest.json');
      r = await runFgAsync(['finalize', url, ...s3]);
      assert.equal(r.status, 1, show(r));
      assert.match(r.stdout, new RegExp(`${victim.replace(/[.]/g, '\\.')}: missing`));
    });
  }

  test('finalize and validate on s3://: bad input is exit 2 with what is accepted', { skip: releaseOnly }, async () => {
    const bucket = await newBucket('finbad');
    const s3 = ['--s3-endpoint', chain.endpoint];
    const cases = [
      [['validate', `s3://${bucket}/nothing`, ...s3], /nothing is stored under s3:\/\/fg-finbad-\d+\/nothing/],
      [['finalize', 's3://no-such-bucket-fg/x', ...s3], /bucket 'no-such-bucket-fg' does not exist/],
      [['validate', 's3://Bad_Bucket/x', ...s3], /DIR: .*bucket/i],
      [['validate', 'gs://b/x'], /scheme fraudgen does not read/],
      [['finalize', makeTempDir('fraudgen-fin-local-'), ...s3], /--s3-\* flags apply only to an s3:\/\/ or minio:\/\/ dataset/],
      [['validate', `s3://${bucket}/x`, ...s3, '--s3-timeout', '0'], /--s3-timeout '0' is not valid/],
      [['validate', `s3://${bucket}/x`, ...s3, '--s3-part-size', '8MiB'], /--s3-part-size/],
    ];
    for (const [args, re] of cases) {
      const r = await runFgAsync(args);
      assert.equal(r.status, 2, `${args.join(' ')}\n${show(r)}`);
      assert.match(r.stderr, re, args.join(' '));
      assertNoSecrets(r);
    }
    const none = await runFgAsync(['validate', `s3://${bucket}/x`, ...s3], cleanEnv());
    assert.equal(none.status, 2, show(none));
    assert.match(none.stderr, /AWS_ACCESS_KEY_ID/);
  });

  // -------------------------------------------------------------------------------------------
  // 11. Endpoint and credential sources
  // -------------------------------------------------------------------------------------------
  test('credential chain and endpoint variables', { skip: releaseOnly }, async () => {
    const bucket = await newBucket('creds');
    const args = (prefix, { endpoint = true, scheme = 's3' } = {}) => ['generate', '--customers', 20, ...PERIOD, '--seed', 3,
      '--output', `${scheme}://${bucket}/${prefix}`, ...(endpoint ? ['--s3-endpoint', chain.endpoint] : []), '--quiet'];
    const wrong = { user: 'AKIAWRONGWRONG0000', pass: 'not-the-secret-Zk81' };
    const credFile = (dir, sections) => {
      mkdirSync(dir, { recursive: true });
      const f = path.join(dir, 'credentials');
      writeFileSync(f, Object.entries(sections).map(([name, [id, secret]]) =>
        `[${name}]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`).join('\n'));
      return f;
    };
    const filesDir = makeTempDir('fraudgen-s3-creds-');
    const goodFile = credFile(path.join(filesDir, 'a'), { default: [wrong.user, wrong.pass], fgprofile: [CREDS.accessKeyId, CREDS.secretAccessKey] });
    const wrongFile = credFile(path.join(filesDir, 'b'), { default: [wrong.user, wrong.pass] });
    const home = makeTempDir('fraudgen-s3-home2-');
    credFile(path.join(home, '.aws'), { default: [CREDS.accessKeyId, CREDS.secretAccessKey] });
    const port = await closedPort();

    const cases = [
      ['MINIO_ROOT_USER / MINIO_ROOT_PASSWORD only', 'minio-root', args('minio-root'),
        { ...cleanEnv(), MINIO_ROOT_USER: CREDS.accessKeyId, MINIO_ROOT_PASSWORD: CREDS.secretAccessKey }],
      ['MINIO_ACCESS_KEY / MINIO_SECRET_KEY only', 'minio-key', args('minio-key'),
        { ...cleanEnv(), MINIO_ACCESS_KEY: CREDS.accessKeyId, MINIO_SECRET_KEY: CREDS.secretAccessKey }],
      ['AWS_* wins over MINIO_ROOT_*', 'aws-first', args('aws-first'),
        credEnv({ MINIO_ROOT_USER: wrong.user, MINIO_ROOT_PASSWORD: wrong.pass })],
      ['MINIO_ROOT_* wins over the credentials file', 'root-first', args('root-first'),
        { ...cleanEnv(), MINIO_ROOT_USER: CREDS.accessKeyId, MINIO_ROOT_PASSWORD: CREDS.secretAccessKey, AWS_SHARED_CREDENTIALS_FILE: wrongFile }],
      ['AWS_SHARED_CREDENTIALS_FILE + AWS_PROFILE', 'cred-file', args('cred-file'),
        { ...cleanEnv(), AWS_SHARED_CREDENTIALS_FILE: goodFile, AWS_PROFILE: 'fgprofile' }],
      ['~/.aws/credentials, profile default', 'home-file', args('home-file'), { ...cleanEnv(), HOME: home }],
      ['minio:// with MINIO_ENDPOINT', 'minio-alias', args('minio-alias', { endpoint: false, scheme: 'minio' }),
        credEnv({ MINIO_ENDPOINT: chain.endpoint })],
      ['AWS_ENDPOINT_URL', 'aws-endpoint', args('aws-endpoint', { endpoint: false }), credEnv({ AWS_ENDPOINT_URL: chain.endpoint })],
      ['AWS_ENDPOINT_URL_S3 wins over AWS_ENDPOINT_URL', 'aws-endpoint-s3', args('aws-endpoint-s3', { endpoint: false }),
        credEnv({ AWS_ENDPOINT_URL_S3: chain.endpoint, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` })],
      ['--s3-endpoint wins over AWS_ENDPOINT_URL', 'flag-endpoint', args('flag-endpoint'),
        credEnv({ AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, MINIO_ENDPOINT: `http://127.0.0.1:${port}` })],
    ];
    const failures = [];
    for (const [name, prefix, a, env] of cases) {
      const n0 = chain.verifier.log.length;
      const r = await runFgAsync(a, env);
      const bad = since(n0).filter((e) => e.verdict !== 'match');
      const keys = await keysUnder(bucket, prefix);
      if (r.status !== 0 || bad.length || !keys.includes('manifest.json')) {
        failures.push(`${name}: status ${r.status}, rejected ${bad.map((e) => e.verdict).join(',') || 'none'}, keys ${keys.length}\n${r.stderr.slice(-600)}`);
      }
      assertNoSecrets(r, [wrong.pass]);
    }
    assert.deepEqual(failures, []);
  });

  test('AWS_SESSION_TOKEN is sent as a signed x-amz-security-token on every request, never printed', async () => {
    const bucket = await newBucket('token');
    const token = 'FwoGZXIvYXdzEFAKE-session-token-7731';
    const n0 = chain.verifier.log.length;
    const r = await runFgAsync(['generate', '--customers', 20, ...PERIOD, '--seed', 3, '--output', `s3://${bucket}/t`,
      '--s3-endpoint', chain.endpoint], credEnv({ AWS_SESSION_TOKEN: token }));
    assert.equal(r.status, 0, show(r));
    const entries = since(n0);
    assert.ok(entries.length >= 4, `expected the run's requests in the verifier log, got ${entries.length}`);
    for (const e of entries) {
      assert.equal(e.verdict, 'match', `${e.method} ${e.path}`);
      assert.ok(e.signedHeaders.includes('x-amz-security-token'), `${e.method} ${e.path} signed ${e.signedHeaders.join(';')}`);
    }
    assertNoSecrets(r, [token]);
  });

  // -------------------------------------------------------------------------------------------
  // 12. Bad input: exit 2, nothing contacted
  // -------------------------------------------------------------------------------------------
  test('bad S3 input: exit 2 with a message saying what is accepted, nothing contacted or written', { skip: releaseOnly }, async () => {
    const hostPort = new URL(chain.endpoint).host;
    const base = ['generate', '--customers', 20, ...PERIOD, '--seed', 3];
    const to = (extra, output = 's3://fg-bad/x') => [...base, '--output', output, '--s3-endpoint', chain.endpoint, ...extra];
    const localOut = path.join(makeTempDir('fraudgen-s3-bad-'), 'out');
    // [name, args, env, regex stderr must match, strings that must not appear]
    const cases = [
      ['--s3-part-size 1MiB', to(['--s3-part-size', '1MiB']), credEnv(), /--s3-part-size[\s\S]*5 ?MiB/],
      ['--s3-part-size 6GiB', to(['--s3-part-size', '6GiB']), credEnv(), /--s3-part-size[\s\S]*5 ?GiB/],
      ['--s3-concurrency 0', to(['--s3-concurrency', '0']), credEnv(), /--s3-concurrency[\s\S]*64/],
      ['--s3-concurrency 65', to(['--s3-concurrency', '65']), credEnv(), /--s3-concurrency[\s\S]*64/],
      ['--s3-max-attempts 0', to(['--s3-max-attempts', '0']), credEnv(), /--s3-max-attempts[\s\S]*20/],
      ['--s3-timeout 0', to(['--s3-timeout', '0']), credEnv(), /--s3-timeout[\s\S]*3600/],
      ['--s3-ca-bundle /nonexistent', to(['--s3-ca-bundle', '/nonexistent/ca.pem']), credEnv(), /\/nonexistent\/ca\.pem/],
      ['--s3-endpoint ftp://', [...base, '--output', 's3://fg-bad/x', '--s3-endpoint', `ftp://${hostPort}`], credEnv(), /--s3-endpoint[\s\S]*https?/],
      ['--s3-endpoint with user:password', [...base, '--output', 's3://fg-bad/x', '--s3-endpoint', `http://fguser:fgPw-3391@${hostPort}`], credEnv(),
        /--s3-endpoint/, ['fgPw-3391']],
      ['bad bucket name', [...base, '--output', 's3://Bad_Bucket/x', '--s3-endpoint', chain.endpoint], credEnv(), /bucket/i],
      ['--s3-region with a space', to(['--s3-region', 'us east-1']), credEnv(), /--s3-region/],
      ['s3 flag with a local --output', [...base, '--output', localOut, '--s3-part-size', '8MiB'], credEnv(), /--s3-(\*|part-size)[\s\S]*s3:\/\//],
      ['s3 endpoint with a local --output', [...base, '--output', localOut, '--s3-endpoint', chain.endpoint], credEnv(), /--s3-(\*|endpoint)[\s\S]*s3:\/\//],
      ['--create-bucket with a local --output', [...base, '--output', localOut, '--create-bucket'], credEnv(), /--create-bucket[\s\S]*s3:\/\//],
      ['no credentials at all', to([]), cleanEnv(), /credential|AWS_ACCESS_KEY_ID/i],
    ];
    const failures = [];
    for (const [name, a, env, re, hidden = []] of cases) {
      const n0 = chain.verifier.log.length;
      const r = await runFgAsync(a, env, { timeout: 20_000 });
      const problems = [];
      if (r.status !== 2) problems.push(`exit ${r.status} (want 2)`);
      if (!re.test(r.stderr)) problems.push(`stderr does not match ${re}`);
      if (since(n0).length) problems.push(`${since(n0).length} request(s) reached the server`);
      for (const h of [...hidden, CREDS.secretAccessKey, CREDS.accessKeyId]) {
        if (r.stderr.includes(h) || r.stdout.includes(h)) problems.push(`output shows ${h.slice(0, 4)}...`);
      }
      if (existsSync(localOut)) problems.push(`${localOut} was created`);
      if (problems.length) failures.push(`${name}: ${problems.join('; ')}\n  stderr: ${r.stderr.trim().slice(0, 400)}`);
    }
    assert.deepEqual(failures, []);
    assert.equal(await bucketExists('fg-bad'), false);
  });

  // -------------------------------------------------------------------------------------------
  // 13. SIGINT during an upload
  // -------------------------------------------------------------------------------------------
  test('SIGINT during a part upload: exit 130, uploads aborted, no object left', async () => {
    // About 170 MB of JSONL; the signal comes at the first part upload.
    const bucket = await newBucket('sigint');
    const n0 = chain.verifier.log.length;
    let child;
    const done = runFgAsync(['generate', '--customers', 400, ...PERIOD, '--seed', 51, '--format', 'jsonl', '--file-size', '64MB',
      '--output', `s3://${bucket}/i`, '--s3-endpoint', chain.endpoint, '--s3-part-size', '5MiB', '--s3-concurrency', 2, '--quiet'],
    credEnv(), { onSpawn: (c) => { child = c; } });
    const t0 = Date.now();
    while (!since(n0).some((e) => requestKind(e) === 'upload-part') && child.exitCode === null && Date.now() - t0 < 30_000) await sleep(20);
    assert.equal(child.exitCode, null, 'the run ended before a part upload started');
    assert.ok(since(n0).some((e) => requestKind(e) === 'upload-part'), 'no part upload within 30 s');
    child.kill('SIGINT');
    const r = await done;
    assert.equal(r.signal, null, `killed by ${r.signal}, not a clean exit\n${show(r)}`);
    assert.equal(r.status, 130, show(r));
    assertNoSecrets(r);
    assert.ok(r.ms < 30_000);
    assert.ok(since(n0).some((e) => requestKind(e) === 'abort-multipart' && e.status === 204), 'AbortMultipartUpload sent');
    assert.deepEqual(await listObjects(S3, bucket, ''), [], 'no object left');
    assert.deepEqual(openUploadsIn(bucket), []);
    assert.deepEqual(chain.s3.pendingUploads(bucket), []);
  });

  // -------------------------------------------------------------------------------------------
  // 3. Signature coverage over the whole file
  // -------------------------------------------------------------------------------------------
  test('every kind of request fraudgen sends was seen with a matching signature', () => {
    const seen = new Set(chain.verifier.log.filter((e) => e.verdict === 'match' && e.status >= 200 && e.status < 300).map(requestKind));
    for (const kind of ['create-bucket', 'put-object', 'create-multipart', 'upload-part', 'complete-multipart', 'abort-multipart', 'delete-object']) {
      assert.ok(seen.has(kind), `${kind} with a matching signature (seen: ${[...seen].sort().join(', ')})`);
    }
    assert.deepEqual(chain.verifier.log.filter((e) => e.verdict === 'harness-error'), []);
  });
});
