// Determinism: the worker count never changes the bytes, the seed does, and the shards of a
// dataset are exactly its files.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PERIOD, TABLES, allFiles, dataFiles, generate, hashDataFiles, makeTempDir, runFg } from './lib.mjs';

// Small files so that every table has several of them (the file boundaries are block
// boundaries, so this also exercises how blocks are assigned to workers and shards).
const SMALL_FILES = ['--customers', 100, ...PERIOD, '--file-size', '40KB'];
// JSONL explicitly (Parquet, the default format, has its own determinism tests in parquet.test.mjs).
const BASE = [...SMALL_FILES, '--format', 'jsonl'];
const SEED = ['--seed', 31337];

/** The manifest without what may legitimately change between runs (timing, worker count). */
const stable = (m) => {
  const { run: _run, ...rest } = m;
  return rest;
};

function filesPerTable(manifest) {
  return Object.fromEntries(TABLES.map((t) => [t, manifest.files.filter((f) => f.table === t).length]));
}

describe('workers', () => {
  const runs = {};
  before(async () => {
    for (const w of [1, 2, 7]) {
      const r = generate([...BASE, ...SEED, '--workers', w]);
      runs[w] = { ...r, hashes: await hashDataFiles(r.dir) };
    }
  });

  test('the dataset has several files per table', () => {
    for (const [t, n] of Object.entries(filesPerTable(runs[1].manifest))) assert.ok(n >= 2, `${t}: only ${n} file(s)`);
  });

  test('the manifest hashes are those of the files', () => {
    for (const w of [1, 2, 7]) {
      const fromManifest = Object.fromEntries(runs[w].manifest.files.map((f) => [f.path, f.sha256]));
      assert.deepEqual(runs[w].hashes, fromManifest, `--workers ${w}`);
    }
  });

  for (const w of [2, 7]) {
    test(`--workers ${w} writes the same bytes as --workers 1`, () => {
      assert.deepEqual(runs[w].hashes, runs[1].hashes);
      assert.deepEqual(stable(runs[w].manifest), stable(runs[1].manifest), 'manifest apart from "run"');
    });
  }

  for (const [format, compression] of [['jsonl', 'zstd'], ['csv', 'gzip']]) {
    test(`${format}+${compression}: --workers 1 and 7 write the same bytes`, async () => {
      const args = [...SMALL_FILES, ...SEED, '--format', format, '--compression', compression];
      const a = generate([...args, '--workers', 1]);
      const b = generate([...args, '--workers', 7]);
      const ha = await hashDataFiles(a.dir);
      assert.ok(Object.keys(ha).length >= 6, 'several files');
      assert.deepEqual(await hashDataFiles(b.dir), ha);
    });
  }

  test('a different seed changes the data', async () => {
    const other = generate([...BASE, '--seed', 31338, '--workers', 2]);
    assert.equal(other.manifest.seed, 31338);
    const h = await hashDataFiles(other.dir);
    for (const t of ['customers', 'transactions']) {
      const files = Object.keys(runs[1].hashes).filter((p) => p.startsWith(`${t}/`));
      assert.ok(files.length > 0);
      for (const p of files) {
        if (p in h) assert.notEqual(h[p], runs[1].hashes[p], `${p} is identical with another seed`);
      }
      assert.ok(files.some((p) => p in h), `${t}: no file in common to compare`);
    }
  });
});

describe('shards', () => {
  const N = 3;
  let full;
  const shards = [];
  before(async () => {
    full = generate([...BASE, ...SEED]);
    full.hashes = await hashDataFiles(full.dir);
    for (let i = 0; i < N; i++) {
      const r = runShard(i);
      shards.push({ ...r, hashes: await hashDataFiles(r.dir) });
    }
  });

  function runShard(i) {
    const name = `manifest.shard-${String(i).padStart(5, '0')}-of-${String(N).padStart(5, '0')}.json`;
    const { dir, manifest } = generate([...BASE, ...SEED, '--shard', `${i}/${N}`], { manifestName: name });
    return { dir, name, manifest };
  }

  test('each shard writes its own manifest name and no manifest.json', () => {
    for (const s of shards) {
      assert.ok(existsSync(path.join(s.dir, s.name)), `${s.name} missing`);
      assert.ok(!existsSync(path.join(s.dir, 'manifest.json')), 'a shard wrote manifest.json');
      assert.deepEqual(allFiles(s.dir).filter((f) => f.startsWith('manifest')), [s.name]);
    }
  });

  test('each shard\'s manifest lists exactly its files, with their hashes', () => {
    for (const s of shards) {
      assert.deepEqual(Object.fromEntries(s.manifest.files.map((f) => [f.path, f.sha256])), s.hashes, s.name);
      assert.ok(dataFiles(s.dir).length > 0, `${s.name}: empty shard`);
    }
  });

  test('the union of the shards is the unsharded dataset, byte for byte, each file once', () => {
    const union = {};
    for (const s of shards) {
      for (const [p, h] of Object.entries(s.hashes)) {
        assert.ok(!(p in union), `${p} is in two shards`);
        union[p] = h;
      }
    }
    assert.deepEqual(Object.keys(union).sort(), Object.keys(full.hashes).sort(), 'file lists');
    assert.deepEqual(union, full.hashes, 'file hashes');
  });

  test('shards written into one shared folder add up to the unsharded dataset; a retried shard replaces its own files, another run is refused', async () => {
    const shared = path.join(makeTempDir(), 'shared');
    for (let i = 0; i < N; i++) {
      const name = `manifest.shard-${String(i).padStart(5, '0')}-of-${String(N).padStart(5, '0')}.json`;
      generate([...BASE, ...SEED, '--shard', `${i}/${N}`], { dir: shared, manifestName: name });
    }
    assert.deepEqual(await hashDataFiles(shared), full.hashes);
    // An engine's retry of shard 1 (same run), without --overwrite.
    const again = runFg(['generate', ...BASE, ...SEED, '--shard', `1/${N}`, '--output', shared, '--quiet']);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(await hashDataFiles(shared), full.hashes, 'the retried shard changed the dataset');
    // Shard 1 of another seed, and of the same run cut another way, are refused and change nothing.
    const other = runFg(['generate', ...BASE, '--seed', 31338, '--shard', `1/${N}`, '--output', shared, '--quiet']);
    assert.equal(other.status, 2, other.stderr);
    assert.match(other.stderr, /of another run \(seed differs\)[\s\S]*--overwrite/);
    const recut = runFg(['generate', ...BASE, ...SEED, '--shard', `1/${N + 1}`, '--output', shared, '--quiet']);
    assert.equal(recut.status, 2, recut.stderr);
    assert.match(recut.stderr, new RegExp(`cut into ${N} shards`));
    assert.deepEqual(await hashDataFiles(shared), full.hashes, 'a refused run changed the folder');
  });
});
