// Parquet edge cases written by the real encoder (tests/unit/parquet_edge_test.cpp): an empty
// table, one row with non-ASCII text, several row groups, a string longer than a page, a
// dictionary that overflows into PLAIN, mostly-distinct strings. Each file must be read by
// DuckDB, hyparquet and parquet-wasm with exactly the values in NAME.expected.json.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asyncBufferFromFile, parquetReadObjects, parquetMetadataAsync } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { readParquet } from 'parquet-wasm';
import { tableFromIPC } from 'apache-arrow';
import { makeTempDir, openDuck, sqlStr } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const TESTS_BIN = process.env.FRAUDGEN_TESTS_BIN ?? path.join(here, '../../build/tests/fraudgen_tests');
const CASES = ['empty', 'one_row_non_ascii', 'three_row_groups', 'long_string_snappy', 'dictionary_overflow_gzip', 'unique_strings_none'];

// Normalised forms, as in the expected files: int64 and microseconds as decimal strings,
// money as "-12.34", dates as YYYY-MM-DD, doubles as numbers.
const money = (unscaled) => {
  const v = BigInt(unscaled), neg = v < 0n, a = neg ? -v : v;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
};
const isoDay = (ms) => new Date(Number(ms)).toISOString().slice(0, 10);

let dir, db;
before(async () => {
  assert.ok(existsSync(TESTS_BIN), `unit-test binary not found at ${TESTS_BIN}; build it or set FRAUDGEN_TESTS_BIN`);
  dir = makeTempDir('fraudgen-parquet-edge-');
  const r = spawnSync(TESTS_BIN, ['--gtest_filter=ParquetEdge.*'], { env: { ...process.env, FRAUDGEN_PARQUET_EDGE_DIR: dir }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  db = await openDuck();
});
after(() => db?.close());

const expected = (name) => JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), 'utf8'));

describe('parquet edge cases', () => {
  for (const name of CASES) {
    test(`${name}: DuckDB reads exactly the expected values`, async () => {
      const exp = expected(name);
      const f = sqlStr(path.join(dir, `${name}.parquet`));
      const rows = await db.q(`SELECT id::VARCHAR AS id, name, flag, amount::VARCHAR AS amount, day::VARCHAR AS day,
                                      epoch_us(ts)::VARCHAR AS ts, x, kind, always_null, small
                               FROM read_parquet(${f})`);
      assert.equal(rows.length, exp.rows.length);
      const got = rows.map((r) => exp.columns.map((c) => r[c] ?? null));
      assert.deepEqual(got, exp.rows);
    });

    test(`${name}: hyparquet reads exactly the expected values`, async () => {
      const exp = expected(name);
      const file = await asyncBufferFromFile(path.join(dir, `${name}.parquet`));
      const md = await parquetMetadataAsync(file);
      assert.equal(Number(md.num_rows), exp.rows.length);
      const rows = exp.rows.length ? await parquetReadObjects({ file, compressors }) : [];
      const norm = (r) => [
        String(r.id), r.name ?? null, r.flag ?? null,
        r.amount == null ? null : (typeof r.amount === 'bigint' ? money(r.amount) : r.amount.toFixed(2)),
        r.day == null ? null : (r.day instanceof Date ? r.day.toISOString().slice(0, 10) : isoDay(Number(r.day) * 86400000)),
        r.ts == null ? null : (r.ts instanceof Date ? String(BigInt(r.ts.getTime()) * 1000n) : String(r.ts)),
        r.x ?? null, r.kind ?? null, r.always_null ?? null, r.small,
      ];
      assert.deepEqual(rows.map(norm), exp.rows);
    });

    test(`${name}: parquet-wasm (arrow-rs) reads exactly the expected values`, () => {
      const exp = expected(name);
      const table = tableFromIPC(readParquet(new Uint8Array(readFileSync(path.join(dir, `${name}.parquet`)))).intoIPCStream());
      assert.equal(table.numRows, exp.rows.length);
      const col = (c) => table.getChild(c);
      const got = [];
      for (let i = 0; i < table.numRows; i++) {
        const v = (c) => col(c).get(i);
        const amount = v('amount');
        got.push([
          String(v('id')), v('name') ?? null, v('flag') ?? null,
          amount == null ? null : money(BigInt(String(amount))),  // arrow-js gives the unscaled decimal
          v('day') == null ? null : isoDay(v('day')),
          v('ts') == null ? null : String(BigInt(v('ts')) * 1000n),  // epoch milliseconds
          v('x') ?? null, v('kind') ?? null, v('always_null') ?? null, v('small'),
        ]);
      }
      assert.deepEqual(got, exp.rows);
    });
  }

  test('structure: the overflowing dictionary has dictionary and PLAIN pages, distinct strings only PLAIN, long strings stay whole', async () => {
    const enc = async (name) => (await db.q(`SELECT encodings FROM parquet_metadata(${sqlStr(path.join(dir, `${name}.parquet`))}) WHERE path_in_schema = 'name'`)).map((r) => r.encodings);
    const overflow = await enc('dictionary_overflow_gzip');
    assert.equal(overflow.length, 1);
    assert.match(overflow[0], /RLE_DICTIONARY/);
    assert.match(overflow[0], /PLAIN(?!_)/);
    for (const e of await enc('unique_strings_none')) assert.doesNotMatch(e, /DICTIONARY/);
    const groups = await db.q(`SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata(${sqlStr(path.join(dir, 'three_row_groups.parquet'))}) ORDER BY 1`);
    assert.deepEqual(groups.map((g) => Number(g.row_group_num_rows)), [300, 10, 300]);
    const longest = await db.one(`SELECT max(length(name)) FROM read_parquet(${sqlStr(path.join(dir, 'long_string_snappy.parquet'))})`);
    assert.equal(Number(longest), (3 << 20) + 1);
    const empty = await db.q(`SELECT num_rows, num_row_groups FROM parquet_file_metadata(${sqlStr(path.join(dir, 'empty.parquet'))})`);
    assert.deepEqual([Number(empty[0].num_rows), Number(empty[0].num_row_groups)], [0, 0]);
  });
});
