// Bad input exits 2 with a message naming the flag and writes nothing; existing data is only
// replaced with --overwrite; SIGINT exits 130 without leaving a partial file under a final name.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  PERIOD, RIDE_TABLES, TABLES, allFiles, dataFiles, generate, hashDataFiles, makeTempDir, readManifest, runFg, spawnFg,
} from './lib.mjs';

const SEED = ['--seed', 1];
const OK = ['--customers', 24, ...SEED, ...PERIOD];

// [description, args (without --output), text stderr must contain]
const BAD = [
  ['--size -5GB', ['--size', '-5GB', ...SEED, ...PERIOD], '--size'],
  ['--size abc', ['--size', 'abc', ...SEED, ...PERIOD], '--size'],
  ['--fraud-rate 1.5', [...OK, '--fraud-rate', '1.5'], '--fraud-rate'],
  ['--fraud-rate -0.1', [...OK, '--fraud-rate', '-0.1'], '--fraud-rate'],
  ['--end-date before --start-date', ['--customers', 24, ...SEED, '--start-date', '2025-05-29', '--end-date', '2025-03-01'], '--end-date'],
  ['--format xml', [...OK, '--format', 'xml'], '--format'],
  ['--compression lz4', [...OK, '--compression', 'lz4'], '--compression'],
  ['--shard 3/3', [...OK, '--shard', '3/3'], '--shard'],
  ['--shard x', [...OK, '--shard', 'x'], '--shard'],
  ['--workers 0', [...OK, '--workers', '0'], '--workers'],
  ['--customers 0', ['--customers', '0', ...SEED, ...PERIOD], '--customers'],
  ['an unknown flag', [...OK, '--no-such-flag'], '--no-such-flag'],
  // a few more of the same kind
  ['--start-date 2025-02-30', ['--customers', 24, ...SEED, '--start-date', '2025-02-30', '--end-date', '2025-05-29'], '--start-date'],
  ['--seed abc', ['--customers', 24, '--seed', 'abc', ...PERIOD], '--seed'],
  ['--file-size 0', [...OK, '--file-size', '0'], '--file-size'],
  ['--size with --customers', [...OK, '--size', '1GB'], '--size'],
];

describe('bad input', () => {
  for (const [what, args, flag] of BAD) {
    test(`${what}: exit 2, message naming ${flag}, nothing written`, () => {
      const root = makeTempDir();
      const out = path.join(root, 'out');
      const r = runFg(['generate', ...args, '--output', out]);
      assert.equal(r.status, 2, `exit status (stderr: ${r.stderr})`);
      assert.ok(r.stderr.trim().length > 0, 'empty stderr');
      assert.ok(r.stderr.includes(flag), `stderr does not name ${flag}: ${r.stderr}`);
      assert.ok(!existsSync(out), 'output folder was created');
      assert.deepEqual(readdirSync(root), [], 'something was written next to the output folder');
    });
  }

  test('schema --table of no table: exit 2, every table named as accepted', () => {
    const r = runFg(['schema', '--table', 'nope']);
    assert.equal(r.status, 2, `exit status (stderr: ${r.stderr})`);
    assert.equal(r.stdout, '');
    for (const t of [...TABLES, ...RIDE_TABLES]) assert.ok(r.stderr.includes(t), `stderr does not name ${t}: ${r.stderr}`);
  });

  test('control: the same base arguments succeed', () => {
    const { dir, manifest } = generate(OK);
    assert.equal(manifest.totals.customers.rows, 24);
    assert.deepEqual(dataFiles(dir), manifest.files.map((f) => f.path).sort());
  });
});

describe('existing output', () => {
  test('a non-empty folder without --overwrite: exit 2, existing file untouched, nothing added', () => {
    const out = path.join(makeTempDir(), 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'keep.txt'), 'precious data\n');
    const r = runFg(['generate', ...OK, '--output', out]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--overwrite|--output/, 'stderr names the flag');
    assert.equal(readFileSync(path.join(out, 'keep.txt'), 'utf8'), 'precious data\n');
    assert.deepEqual(allFiles(out), ['keep.txt']);
  });

  test('the same with --overwrite succeeds and writes a complete dataset', () => {
    const out = path.join(makeTempDir(), 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'keep.txt'), 'precious data\n');
    const r = runFg(['generate', ...OK, '--output', out, '--overwrite', '--quiet']);
    assert.equal(r.status, 0, r.stderr);
    const m = readManifest(out);
    for (const t of TABLES) assert.ok(m.files.some((f) => f.table === t), `no ${t} file`);
    for (const f of m.files) assert.ok(existsSync(path.join(out, f.path)), `${f.path} missing`);
  });

  test('--overwrite over a bigger dataset leaves no stale part file', async () => {
    const out = path.join(makeTempDir(), 'out');
    const big = generate(['--customers', 60, ...SEED, ...PERIOD, '--file-size', '40KB', '--format', 'jsonl'], { dir: out });
    const small = generate(['--customers', 24, '--seed', 2, ...PERIOD, '--format', 'jsonl', '--overwrite'], { dir: out });
    assert.ok(big.manifest.files.length > small.manifest.files.length, 'the first dataset should have more files');
    assert.deepEqual(dataFiles(out), small.manifest.files.map((f) => f.path).sort());
    const fresh = generate(['--customers', 24, '--seed', 2, ...PERIOD, '--format', 'jsonl']);
    assert.deepEqual(await hashDataFiles(out), await hashDataFiles(fresh.dir));
  });

  test('an output path under a regular file: exit 2, file untouched', () => {
    const root = makeTempDir();
    const file = path.join(root, 'regular-file');
    writeFileSync(file, 'x');
    const r = runFg(['generate', ...OK, '--output', path.join(file, 'sub')]);
    assert.equal(r.status, 2, `exit status ${r.status} (stderr: ${r.stderr})`);
    assert.ok(r.stderr.trim().length > 0, 'empty stderr');
    assert.equal(readFileSync(file, 'utf8'), 'x');
    assert.deepEqual(readdirSync(root), ['regular-file']);
  });

  test('an output path that is a regular file: exit 2, file untouched', () => {
    const root = makeTempDir();
    const file = path.join(root, 'regular-file');
    writeFileSync(file, 'x');
    const r = runFg(['generate', ...OK, '--output', file]);
    assert.equal(r.status, 2, `exit status ${r.status} (stderr: ${r.stderr})`);
    assert.match(r.stderr, /--output/);
    assert.equal(readFileSync(file, 'utf8'), 'x');
    assert.deepEqual(readdirSync(root), ['regular-file']);
  });
});

describe('SIGINT', () => {
  // JSONL, pinned: about 2 GB and 5-6 s uninterrupted on 2 cores (3,000 customers of the
  // default Parquet finished in under 1.5 s once the encoders got faster, before the signal).
  // Small files, so some complete before the signal.
  const BIG = ['--customers', 5000, '--seed', 5, ...PERIOD, '--workers', 2, '--file-size', '8MB', '--format', 'jsonl'];

  /** Every file under root whose name marks it as temporary. */
  const temporaries = (root) => (existsSync(root) ? allFiles(root) : []).filter((f) => /\.tmp|\.partial|~$/.test(path.basename(f)));

  for (const delayMs of [700, 1500]) {
    test(`interrupted after ${delayMs} ms: exit 130, no partial file under a final name, no temporary left`, async () => {
      const root = makeTempDir();
      const out = path.join(root, 'out');
      const { child, done } = spawnFg(['generate', ...BIG, '--output', out, '--quiet']);
      await sleep(delayMs);
      assert.equal(child.exitCode, null, 'the run finished before the signal: make it bigger');
      child.kill('SIGINT');
      const r = await done;
      assert.equal(r.status, 130, `exit status ${r.status}, signal ${r.signal}, stderr: ${r.stderr}`);
      assert.deepEqual(temporaries(root), [], 'temporary files left');

      if (!existsSync(out)) return; // nothing left: fine
      const left = allFiles(out);
      const parts = left.filter((f) => /(^|\/)part-\d{5}\./.test(f));
      for (const f of left) {
        assert.ok(parts.includes(f) || /^manifest.*\.json$/.test(f), `unexpected file ${f}`);
      }
      if (parts.length === 0) return;
      // Every part file left must be complete: the same bytes as in an uninterrupted run.
      const ref = generate(BIG);
      const refHashes = await hashDataFiles(ref.dir);
      const got = await hashDataFiles(out);
      for (const f of parts) {
        assert.ok(f in refHashes, `${f} is not a file of the dataset`);
        assert.equal(got[f], refHashes[f], `${f} is partial or different`);
      }
    });
  }
});
