// Every output format/compression: files match the manifest (rows, bytes, SHA-256), DuckDB
// reads every file, the columns are the schema's in order, and all variants of the same
// seed/config hold the same rows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  PERIOD, TABLES, dataFiles, duckCompression, fileSize, generate, ident, loadDataset, num, openDuck, schema, sha256File, show, sqlStr,
} from './lib.mjs';

const SEED = 20250301;
// 60 customers over 90 days = 2 blocks of 32; a 1MB file size splits the transactions.
const CONFIG = ['--customers', 60, '--seed', SEED, ...PERIOD, '--file-size', '1MB'];

const VARIANTS = [
  { format: 'jsonl', compression: 'none', ext: '.jsonl' },
  { format: 'csv', compression: 'none', ext: '.csv' },
  { format: 'jsonl', compression: 'gzip', ext: '.jsonl.gz' },
  { format: 'jsonl', compression: 'zstd', ext: '.jsonl.zst' },
  { format: 'csv', compression: 'zstd', ext: '.csv.zst' },
];
const key = (v) => `${v.format}+${v.compression}`;

const runs = new Map(); // key -> {dir, manifest}
let db;

before(async () => {
  db = await openDuck();
  for (const v of VARIANTS) {
    const run = generate([...CONFIG, '--format', v.format, '--compression', v.compression]);
    runs.set(key(v), run);
    await loadDataset(db, run.dir, run.manifest, { prefix: `${v.format}_${v.compression}_` });
  }
});
after(() => db?.close());

for (const v of VARIANTS) {
  describe(`format ${key(v)}`, () => {
    const run = () => runs.get(key(v));
    const prefix = `${v.format}_${v.compression}_`;

    test('manifest records the config and lists exactly the files on disk', () => {
      const { dir, manifest } = run();
      assert.equal(manifest.seed, SEED);
      assert.equal(manifest.config.format, v.format);
      assert.equal(manifest.config.compression, v.compression);
      const listed = manifest.files.map((f) => f.path).sort();
      assert.equal(new Set(listed).size, listed.length, 'duplicate paths in manifest');
      assert.deepEqual(dataFiles(dir), listed, 'files on disk vs manifest');
      for (const f of manifest.files) {
        assert.ok(TABLES.includes(f.table), `unknown table ${f.table}`);
        const re = new RegExp(`^${f.table}/part-\\d{5}${v.ext.replaceAll('.', '\\.')}$`);
        assert.match(f.path, re);
      }
      for (const t of TABLES) {
        const files = manifest.files.filter((f) => f.table === t);
        assert.ok(files.length >= 1, `${t}: no file`);
        // part numbers are 0..n-1
        assert.deepEqual(files.map((f) => f.path).sort(),
          files.map((_, i) => `${t}/part-${String(i).padStart(5, '0')}${v.ext}`));
        assert.equal(manifest.totals[t].files, files.length, `${t} totals.files`);
        assert.equal(manifest.totals[t].rows, files.reduce((a, f) => a + f.rows, 0), `${t} totals.rows`);
        assert.equal(manifest.totals[t].bytes, files.reduce((a, f) => a + f.bytes, 0), `${t} totals.bytes`);
      }
      assert.equal(manifest.totals.customers.rows, 60, '--customers 60');
      assert.ok(manifest.files.filter((f) => f.table === 'transactions').length >= 2,
        'expected the 1MB file size to split transactions into several files');
    });

    test('the files are really compressed with the named codec (magic bytes)', () => {
      const { dir, manifest } = run();
      for (const f of manifest.files) {
        const head = readFileSync(path.join(dir, f.path)).subarray(0, 4);
        if (v.compression === 'gzip') assert.deepEqual([...head.subarray(0, 2)], [0x1f, 0x8b], `${f.path} is not gzip`);
        else if (v.compression === 'zstd') assert.deepEqual([...head], [0x28, 0xb5, 0x2f, 0xfd], `${f.path} is not zstd`);
        else assert.equal(head[0], v.format === 'jsonl' ? 0x7b /* { */ : schema()[f.table][0].name.charCodeAt(0), `${f.path} start`);
      }
    });

    test('bytes and SHA-256 of every file equal the manifest', async () => {
      const { dir, manifest } = run();
      for (const f of manifest.files) {
        const p = path.join(dir, f.path);
        assert.equal(fileSize(p), f.bytes, `${f.path} bytes`);
        assert.equal(await sha256File(p), f.sha256, `${f.path} sha256`);
      }
    });

    test('DuckDB row counts per file and per table equal the manifest', async () => {
      const { dir, manifest } = run();
      for (const t of TABLES) {
        const rows = await db.q(`SELECT filename, count(*) AS n FROM ${prefix}raw_${t} GROUP BY filename`);
        const got = Object.fromEntries(rows.map((r) => [path.relative(dir, r.filename), num(r.n)]));
        const want = Object.fromEntries(manifest.files.filter((f) => f.table === t).map((f) => [f.path, f.rows]));
        assert.deepEqual(got, want, `${t} rows per file`);
        assert.equal(num(await db.one(`SELECT count(*) FROM ${prefix}${t}`)), manifest.totals[t].rows);
      }
    });

    test('every value casts to its schema type', async () => {
      // The typed views CAST every column; a bad value makes the query fail.
      for (const t of TABLES) {
        const cols = schema()[t].map((c) => `count(${ident(c.name)})`).join(', ');
        await db.q(`SELECT ${cols} FROM ${prefix}${t}`);
      }
    });

    test('column names, as DuckDB detects them, are the schema columns in order', async () => {
      const { dir, manifest } = run();
      for (const f of manifest.files) {
        const p = sqlStr(path.join(dir, f.path));
        const reader = v.format === 'jsonl'
          ? `read_json(${p}, format='newline_delimited', compression=${duckCompression(v.compression)})`
          : `read_csv(${p}, header=true, compression=${duckCompression(v.compression)})`;
        const names = (await db.q(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => r.column_name);
        assert.deepEqual(names, schema()[f.table].map((c) => c.name), `${f.path} columns`);
      }
    });
  });
}

describe('all formats hold the same data', () => {
  const base = VARIANTS[0];
  for (const v of VARIANTS.slice(1)) {
    for (const t of TABLES) {
      test(`${t}: ${key(base)} == ${key(v)}`, async () => {
        const a = `${base.format}_${base.compression}_${t}`;
        const b = `${v.format}_${v.compression}_${t}`;
        const na = num(await db.one(`SELECT count(*) FROM ${a}`));
        const nb = num(await db.one(`SELECT count(*) FROM ${b}`));
        assert.equal(nb, na, 'row count');
        const onlyA = await db.q(`SELECT * FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) LIMIT 5`);
        const onlyB = await db.q(`SELECT * FROM (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a}) LIMIT 5`);
        assert.equal(onlyA.length, 0, `rows only in ${key(base)}: ${show(onlyA, 2)}`);
        assert.equal(onlyB.length, 0, `rows only in ${key(v)}: ${show(onlyB, 2)}`);
      });
    }
  }
});

test('the raw reader does not invent columns: a missing column would be NULL everywhere', async () => {
  // Guard for the other tests: read_json with explicit columns yields NULL for a key that is
  // absent, so "never null" checks elsewhere would catch a missing key. Here: every
  // non-nullable column has at least one non-null value in every JSONL table.
  const prefix = 'jsonl_none_';
  for (const t of TABLES) {
    for (const c of schema()[t].filter((c) => !c.nullable)) {
      const n = num(await db.one(`SELECT count(${ident(c.name)}) FROM ${prefix}raw_${t}`));
      assert.ok(n > 0, `${t}.${c.name} is null everywhere`);
    }
  }
});
