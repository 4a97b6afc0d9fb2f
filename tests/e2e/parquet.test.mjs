// Parquet output: every codec is read by DuckDB, hyparquet and parquet-wasm; the footer has
// the schema's physical/logical types, the requested codec, dictionary encodings, exact
// statistics, created_by and key-value metadata; the values equal the JSONL output of the
// same seed/config; row groups have exactly --row-group-size rows; the bytes do not depend
// on --workers and the shards are exactly the files; edge cases; bad input.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  PERIOD, TABLES, allFiles, dataFiles, duckType, fileSize, generate, hashDataFiles, ident, loadDataset,
  makeTempDir, num, openDuck, runFg, schema, sha256File, show, sqlStr,
} from './lib.mjs';
import {
  arrowTypeName, canonArrow, canonDuck, canonHyp, canonPolars, columnPages, duckCanonicalExpr, hypRead, plRead, polarsTypeName, pwRead,
} from './parquet_readers.mjs';

const SEED = 20250817;
const CUSTOMERS = 60;
const RG = 1000;
// 60 customers over 90 days: about 11,000 transactions, so 12 row groups of 1000 rows,
// split over several files by the 400KB file size.
const BASE = ['--customers', CUSTOMERS, '--seed', SEED, ...PERIOD];
const PQ = ['--format', 'parquet', '--row-group-size', RG, '--file-size', '400KB'];
const CODECS = ['zstd', 'snappy', 'gzip', 'none'];
const CODEC_NAME = { zstd: 'ZSTD', snappy: 'SNAPPY', gzip: 'GZIP', none: 'UNCOMPRESSED' };

// Columns whose chunks must be dictionary encoded (besides every Enum column) and columns
// that must be PLAIN (unique or nearly so).
const LOW_CARDINALITY = {
  customers: ['bank_name'],
  devices: [],
  transactions: ['municipality_name', 'transaction_state', 'customer_state', 'merchant_name', 'mcc_code', 'destination_bank_code',
    'velocity_transactions_1h', 'velocity_transactions_24h', 'velocity_unique_devices_7d'],  // small integers too
  fraud_labels: ['fraud_taxonomy'],
};
const UNIQUE = { customers: [], devices: [], transactions: ['transaction_id', 'end_to_end_id', 'timestamp'], fraud_labels: ['transaction_id'] };

const isEnum = (c) => c.type === 'string (enum)';

/** Absolute paths of the files of `table`, in part order. */
const filesOf = (run, table) => run.manifest.files.filter((f) => f.table === table)
  .map((f) => f.path).sort().map((p) => path.join(run.dir, p));
const rel = (run, file) => path.relative(run.dir, file);
const pqList = (files) => `[${files.map(sqlStr).join(', ')}]`;
const colList = (table) => schema()[table].map((c) => ident(c.name)).join(', ');

let db;
let jsonl; // JSONL run of BASE, loaded as j_<table>
const runs = {}; // codec -> {dir, manifest}

/** Creates a view <name>_<table> over the parquet files of a run, for every table. */
async function parquetViews(run, name) {
  for (const t of TABLES) {
    const files = filesOf(run, t);
    assert.ok(files.length > 0, `${name}: no ${t} file in the manifest`);
    await db.q(`CREATE OR REPLACE VIEW ${name}_${t} AS SELECT * FROM read_parquet(${pqList(files)})`);
  }
}

/** Rows only on one side of `a` vs `b` (EXCEPT ALL both directions), at most 3 each. */
async function symmetricDiff(a, b, table) {
  const cols = colList(table);
  const onlyA = await db.q(`SELECT * FROM (SELECT ${cols} FROM ${a} EXCEPT ALL SELECT ${cols} FROM ${b}) LIMIT 3`);
  const onlyB = await db.q(`SELECT * FROM (SELECT ${cols} FROM ${b} EXCEPT ALL SELECT ${cols} FROM ${a}) LIMIT 3`);
  return { onlyA, onlyB };
}

async function assertSameTable(a, b, table, what) {
  const na = num(await db.one(`SELECT count(*) FROM ${a}`));
  const nb = num(await db.one(`SELECT count(*) FROM ${b}`));
  assert.equal(na, nb, `${what}: row count`);
  const { onlyA, onlyB } = await symmetricDiff(a, b, table);
  assert.equal(onlyA.length, 0, `${what}: rows only in ${a}: ${show(onlyA, 2)}`);
  assert.equal(onlyB.length, 0, `${what}: rows only in ${b}: ${show(onlyB, 2)}`);
}

/** Row groups of a file: [{id, rows, start}] (start = first file row number). */
async function rowGroups(file) {
  const rows = await db.q(`SELECT DISTINCT row_group_id AS id, row_group_num_rows AS n
    FROM parquet_metadata(${sqlStr(file)}) ORDER BY id`);
  let start = 0;
  return rows.map((r) => {
    const g = { id: num(r.id), rows: num(r.n), start };
    start += g.rows;
    return g;
  });
}

/** Row-group sizes of a whole table, files in part order. */
async function tableRowGroups(run, table) {
  const out = [];
  for (const f of filesOf(run, table)) out.push(...(await rowGroups(f)).map((g) => ({ file: rel(run, f), ...g })));
  return out;
}

/** Row groups have exactly `n` rows, except the table's very last one (1..n rows). */
function assertRowGroupSizes(groups, n, what) {
  assert.ok(groups.length > 0, `${what}: no row group`);
  groups.forEach((g, i) => {
    if (i < groups.length - 1) assert.equal(g.rows, n, `${what}: row group ${g.id} of ${g.file} has ${g.rows} rows, not ${n}`);
    else assert.ok(g.rows >= 1 && g.rows <= n, `${what}: last row group of ${g.file} has ${g.rows} rows`);
  });
}

/**
 * For one file: per row group and column, the footer statistics vs DuckDB's own
 * min/max/null count over that row group's rows. Returns the mismatching rows.
 */
async function statisticsMismatches(file, table) {
  const cols = schema()[table];
  const f = sqlStr(file);
  await db.q(`CREATE OR REPLACE TEMP TABLE st_meta AS SELECT * FROM parquet_metadata(${f})`);
  await db.q(`CREATE OR REPLACE TEMP TABLE st_bounds AS
    SELECT row_group_id, n, sum(n) OVER (ORDER BY row_group_id) - n AS lo
    FROM (SELECT DISTINCT row_group_id, row_group_num_rows AS n FROM st_meta)`);
  const aggs = cols.map((c, i) => `min(${ident(c.name)}) AS mn${i}, max(${ident(c.name)}) AS mx${i}, count(*) - count(${ident(c.name)}) AS nn${i}`);
  await db.q(`CREATE OR REPLACE TEMP TABLE st_agg AS
    SELECT b.row_group_id, count(*) AS n, ${aggs.join(', ')}
    FROM read_parquet(${f}, file_row_number=true) d
    JOIN st_bounds b ON d.file_row_number >= b.lo AND d.file_row_number < b.lo + b.n
    GROUP BY b.row_group_id`);
  const checks = cols.map((c, i) => {
    const T = duckType(c.type);
    return `SELECT m.row_group_id, ${sqlStr(c.name)} AS col, a.n AS rows,
        m.stats_null_count AS meta_nulls, a.nn${i} AS nulls,
        m.stats_min_value AS meta_min, CAST(a.mn${i} AS VARCHAR) AS min,
        m.stats_max_value AS meta_max, CAST(a.mx${i} AS VARCHAR) AS max,
        m.stats_null_count IS NOT NULL AND m.stats_null_count = a.nn${i}
        AND (m.stats_min_value IS NULL) = (a.mn${i} IS NULL) AND (m.stats_max_value IS NULL) = (a.mx${i} IS NULL)
        AND TRY_CAST(m.stats_min_value AS ${T}) IS NOT DISTINCT FROM a.mn${i}
        AND TRY_CAST(m.stats_max_value AS ${T}) IS NOT DISTINCT FROM a.mx${i} AS ok
      FROM st_meta m FULL JOIN st_agg a USING (row_group_id)
      WHERE m.path_in_schema = ${sqlStr(c.name)}`;
  });
  const bad = await db.q(`SELECT * FROM (${checks.join(' UNION ALL ')}) WHERE ok IS NOT TRUE ORDER BY row_group_id, col`);
  // Every row group has its data (a row group missing from st_agg would show up as ok = NULL above).
  const groups = num(await db.one(`SELECT count(DISTINCT row_group_id) FROM st_meta`));
  const chunks = num(await db.one(`SELECT count(*) FROM st_meta`));
  assert.equal(chunks, groups * cols.length, `${file}: ${chunks} column chunks for ${groups} row groups of ${cols.length} columns`);
  return bad;
}

/**
 * Checks hyparquet, parquet-wasm and Polars against DuckDB at the given file rows: row counts,
 * the arrow and Polars types, arrow nullability, and every value (of `only` columns when
 * given, else all).
 */
async function compareReaders(file, table, sampleRows, expectRows, only) {
  const cols = schema()[table].filter((c) => !only || only.includes(c.name));
  const duckRows = sampleRows.length === 0 ? [] : await db.q(`SELECT file_row_number AS i,
      ${cols.map((c) => `${duckCanonicalExpr(c.name, c.type)} AS ${ident(c.name)}`).join(', ')}
    FROM read_parquet(${sqlStr(file)}, file_row_number=true)
    WHERE file_row_number IN (${sampleRows.join(', ')}) ORDER BY i`);
  assert.deepEqual(duckRows.map((r) => num(r.i)), sampleRows, `${file}: DuckDB sample rows`);

  const bad = [];
  const hyp = await hypRead(file, only);
  if (Number(hyp.metadata.num_rows) !== expectRows) bad.push(`hyparquet num_rows ${hyp.metadata.num_rows}, want ${expectRows}`);
  if (hyp.rows.length !== expectRows) bad.push(`hyparquet decoded ${hyp.rows.length} rows, want ${expectRows}`);
  const pw = await pwRead(file, only);
  if (pw.numRows !== expectRows) bad.push(`parquet-wasm read ${pw.numRows} rows, want ${expectRows}`);
  const names = pw.schema.fields.map((f) => f.name);
  if (names.join() !== cols.map((c) => c.name).join()) bad.push(`parquet-wasm columns ${names}`);
  for (const c of cols) {
    const field = pw.schema.fields.find((f) => f.name === c.name);
    if (!field) continue;
    if (String(field.type) !== arrowTypeName(c.type)) bad.push(`parquet-wasm type of ${c.name}: ${field.type}, want ${arrowTypeName(c.type)}`);
    if (field.nullable !== c.nullable) bad.push(`parquet-wasm nullable of ${c.name}: ${field.nullable}, want ${c.nullable}`);
  }
  const polars = plRead(file, cols, sampleRows);
  if (polars.height !== expectRows) bad.push(`Polars read ${polars.height} rows, want ${expectRows}`);
  for (const c of cols)
    if (polars.dtypes[c.name] !== polarsTypeName(c.type)) bad.push(`Polars type of ${c.name}: ${polars.dtypes[c.name]}, want ${polarsTypeName(c.type)}`);
  duckRows.forEach((d) => {
    const i = num(d.i);
    for (const c of cols) {
      const want = canonDuck(d[c.name]);
      const h = i < hyp.rows.length ? canonHyp(hyp.rows[i][c.name], c.type) : 'missing row';
      const a = i < pw.numRows && pw.getChild(c.name) ? canonArrow(pw.getChild(c.name), i, c.type) : 'missing';
      const p = polars.rows.has(i) ? canonPolars(polars.rows.get(i)[c.name]) : 'missing row';
      if (!Object.is(h, want)) bad.push({ reader: 'hyparquet', row: i, col: c.name, want, got: h });
      if (!Object.is(a, want)) bad.push({ reader: 'parquet-wasm', row: i, col: c.name, want, got: a });
      if (!Object.is(p, want)) bad.push({ reader: 'Polars', row: i, col: c.name, want, got: p });
    }
  });
  assert.equal(bad.length, 0, `${file}: ${bad.length} problems (values vs DuckDB): ${show(bad, 8)}`);
}

/** First and last row of every row group (every row when the file is small). */
async function sampleRowsOf(file) {
  const groups = await rowGroups(file);
  const total = groups.reduce((a, g) => a + g.rows, 0);
  if (total <= 150) return [...Array(total).keys()];
  const s = new Set();
  for (const g of groups) { s.add(g.start); s.add(g.start + g.rows - 1); }
  return [...s].sort((a, b) => a - b);
}

before(async () => { db = await openDuck(); });
after(() => db?.close());

describe('parquet output', () => {
  before(async () => {
    jsonl = generate([...BASE, '--format', 'jsonl', '--compression', 'none']);
    await loadDataset(db, jsonl.dir, jsonl.manifest, { prefix: 'j_' });
    for (const codec of CODECS) {
      runs[codec] = generate([...BASE, ...PQ, '--compression', codec]);
      await parquetViews(runs[codec], `pq_${codec}`);
    }
  });

  for (const codec of CODECS) {
    describe(`parquet + ${codec}`, () => {
      const run = () => runs[codec];

      test('manifest records the config and lists exactly the part-NNNNN.parquet files on disk', () => {
        const { dir, manifest } = run();
        assert.equal(manifest.seed, SEED);
        assert.equal(manifest.config.format, 'parquet');
        assert.equal(manifest.config.compression, codec);
        const listed = manifest.files.map((f) => f.path).sort();
        assert.equal(new Set(listed).size, listed.length, 'duplicate paths in manifest');
        assert.deepEqual(dataFiles(dir), listed, 'files on disk vs manifest');
        for (const t of TABLES) {
          const files = manifest.files.filter((f) => f.table === t);
          assert.ok(files.length >= 1, `${t}: no file`);
          assert.deepEqual(files.map((f) => f.path).sort(),
            files.map((_, i) => `${t}/part-${String(i).padStart(5, '0')}.parquet`), `${t} file names`);
          assert.equal(manifest.totals[t].files, files.length, `${t} totals.files`);
          assert.equal(manifest.totals[t].rows, files.reduce((a, f) => a + f.rows, 0), `${t} totals.rows`);
          assert.equal(manifest.totals[t].bytes, files.reduce((a, f) => a + f.bytes, 0), `${t} totals.bytes`);
        }
        assert.equal(manifest.totals.customers.rows, CUSTOMERS);
        assert.deepEqual(Object.fromEntries(TABLES.map((t) => [t, manifest.totals[t].rows])),
          Object.fromEntries(TABLES.map((t) => [t, jsonl.manifest.totals[t].rows])), 'rows per table vs JSONL');
      });

      test('every file starts and ends with PAR1; bytes and SHA-256 equal the manifest', async () => {
        const { dir, manifest } = run();
        for (const f of manifest.files) {
          const p = path.join(dir, f.path);
          const b = readFileSync(p);
          assert.equal(b.subarray(0, 4).toString('latin1'), 'PAR1', `${f.path} head`);
          assert.equal(b.subarray(b.length - 4).toString('latin1'), 'PAR1', `${f.path} tail`);
          assert.equal(fileSize(p), f.bytes, `${f.path} bytes`);
          assert.equal(await sha256File(p), f.sha256, `${f.path} sha256`);
        }
      });

      test('DuckDB reads every file: rows per file (data and footer) and per table equal the manifest', async () => {
        const { dir, manifest } = run();
        for (const f of manifest.files) {
          const p = sqlStr(path.join(dir, f.path));
          assert.equal(num(await db.one(`SELECT count(*) FROM read_parquet(${p})`)), f.rows, `${f.path} rows read`);
          assert.equal(num(await db.one(`SELECT num_rows FROM parquet_file_metadata(${p})`)), f.rows, `${f.path} footer num_rows`);
          // decode every value of every column
          const cols = schema()[f.table].map((c) => `count(${ident(c.name)})`).join(', ');
          await db.q(`SELECT ${cols} FROM read_parquet(${p})`);
        }
        for (const t of TABLES) {
          assert.equal(num(await db.one(`SELECT count(*) FROM pq_${codec}_${t}`)), manifest.totals[t].rows, `${t} rows`);
        }
      });

      test('column names and DuckDB types are the schema\'s, in order', async () => {
        for (const t of TABLES) {
          for (const f of filesOf(run(), t)) {
            const rows = await db.q(`DESCRIBE SELECT * FROM read_parquet(${sqlStr(f)})`);
            assert.deepEqual(rows.map((r) => r.column_name), schema()[t].map((c) => c.name), `${rel(run(), f)} columns`);
            assert.deepEqual(rows.map((r) => r.column_type),
              schema()[t].map((c) => duckType(c.type).replace('TIMESTAMPTZ', 'TIMESTAMP WITH TIME ZONE')), `${rel(run(), f)} types`);
          }
        }
      });

      test('parquet_schema: physical and logical types, REQUIRED vs OPTIONAL from nullable', async () => {
        const problems = [];
        for (const t of TABLES) {
          for (const f of filesOf(run(), t)) {
            const rows = await db.q(`SELECT * FROM parquet_schema(${sqlStr(f)})`);
            const [root, ...leaves] = rows;
            assert.equal(num(root.num_children), schema()[t].length, `${rel(run(), f)} root children`);
            assert.deepEqual(leaves.map((r) => r.name), schema()[t].map((c) => c.name), `${rel(run(), f)} leaves`);
            leaves.forEach((r, i) => {
              const c = schema()[t][i];
              const where = `${rel(run(), f)} ${c.name} (${c.type})`;
              for (const p of schemaProblems(r, c)) problems.push(`${where}: ${p}`);
            });
          }
        }
        assert.deepEqual(problems, [], problems.slice(0, 20).join('\n'));
      });

      test(`every column chunk is ${CODEC_NAME[codec]} and has statistics; Enum chunks are dictionary encoded`, async () => {
        const problems = [];
        for (const t of TABLES) {
          const cols = schema()[t];
          for (const f of filesOf(run(), t)) {
            const rows = await db.q(`SELECT row_group_id, path_in_schema, compression, encodings, num_values,
                stats_null_count, stats_min_value, stats_max_value, dictionary_page_offset
              FROM parquet_metadata(${sqlStr(f)}) ORDER BY row_group_id, column_id`);
            for (const r of rows) {
              const c = cols.find((x) => x.name === r.path_in_schema);
              const where = `${rel(run(), f)} rg ${r.row_group_id} ${r.path_in_schema}`;
              if (!c) { problems.push(`${where}: not a schema column`); continue; }
              if (r.compression !== CODEC_NAME[codec]) problems.push(`${where}: codec ${r.compression}`);
              if (r.stats_null_count === null) problems.push(`${where}: no null_count statistic`);
              const allNull = r.stats_null_count !== null && num(r.stats_null_count) === num(r.num_values);
              if (!allNull && (r.stats_min_value === null || r.stats_max_value === null)) problems.push(`${where}: no min/max statistic`);
              if (isEnum(c) && !allNull) {
                const enc = String(r.encodings).split(/,\s*/);
                if (!enc.includes('RLE_DICTIONARY')) problems.push(`${where}: encodings ${r.encodings}, no RLE_DICTIONARY`);
                if (r.dictionary_page_offset === null) problems.push(`${where}: no dictionary_page_offset`);
              }
            }
          }
        }
        assert.deepEqual(problems, [], problems.slice(0, 20).join('\n'));
      });

      test('statistics equal DuckDB\'s min, max and null count computed per row group', async () => {
        const problems = [];
        for (const t of TABLES) {
          for (const f of filesOf(run(), t)) {
            for (const b of await statisticsMismatches(f, t)) problems.push({ file: rel(run(), f), ...b });
          }
        }
        assert.equal(problems.length, 0, `${problems.length} chunk statistics differ: ${show(problems, 6)}`);
      });

      test('created_by and key-value metadata (seed, schema version)', async () => {
        const { manifest } = run();
        const want = `fraudgen version ${manifest.fraudgen_version} (build ${manifest.build})`;
        const version = runFg(['--version']).stdout.trim(); // "fraudgen X (build Y)"
        assert.equal(version, `fraudgen ${manifest.fraudgen_version} (build ${manifest.build})`, 'manifest vs --version');
        const schemaVersion = JSON.parse(runFg(['schema', '--format', 'json']).stdout).schema_version;
        for (const f of manifest.files) {
          const p = sqlStr(path.join(run().dir, f.path));
          assert.equal(await db.one(`SELECT created_by FROM parquet_file_metadata(${p})`), want, `${f.path} created_by`);
          const kv = Object.fromEntries((await db.q(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata(${p})`))
            .map((r) => [r.k, r.v]));
          assert.equal(kv['fraudgen.seed'], String(SEED), `${f.path} fraudgen.seed in ${JSON.stringify(kv)}`);
          assert.equal(kv['fraudgen.schema_version'], String(schemaVersion), `${f.path} fraudgen.schema_version in ${JSON.stringify(kv)}`);
        }
      });

      test('hyparquet and parquet-wasm read every file: rows, types, and the values of DuckDB at the first and last row of each row group', async () => {
        for (const f of run().manifest.files) {
          const p = path.join(run().dir, f.path);
          await compareReaders(p, f.table, await sampleRowsOf(p), f.rows);
        }
      });

      for (const t of TABLES) {
        test(`${t}: the same rows as the JSONL output of the same seed and config`, async () => {
          await assertSameTable(`pq_${codec}_${t}`, `j_${t}`, t, `${codec} ${t}`);
        });
      }
    });
  }

  /** What is wrong with one parquet_schema leaf for schema column c. */
  function schemaProblems(r, c) {
    const out = [];
    const want = (field, value) => { if (r[field] !== value) out.push(`${field} ${r[field]}, want ${value}`); };
    const logical = r.logical_type ?? '';
    want('repetition_type', c.nullable ? 'OPTIONAL' : 'REQUIRED');
    switch (c.type) {
      case 'string': case 'string (enum)':
        want('type', 'BYTE_ARRAY');
        want('converted_type', 'UTF8');
        if (!/^StringType/.test(logical)) out.push(`logical_type ${r.logical_type}, want STRING`);
        break;
      case 'int32':
        want('type', 'INT32');
        if (r.converted_type !== null && r.converted_type !== 'INT_32') out.push(`converted_type ${r.converted_type}`);
        if (logical && !/^IntType\(bitWidth=32, isSigned=(1|true)\)/.test(logical)) out.push(`logical_type ${logical}`);
        break;
      case 'int64':
        want('type', 'INT64');
        if (r.converted_type !== null && r.converted_type !== 'INT_64') out.push(`converted_type ${r.converted_type}`);
        if (logical && !/^IntType\(bitWidth=64, isSigned=(1|true)\)/.test(logical)) out.push(`logical_type ${logical}`);
        break;
      case 'double':
        want('type', 'DOUBLE');
        want('converted_type', null);
        if (logical) out.push(`logical_type ${logical}`);
        break;
      case 'boolean':
        want('type', 'BOOLEAN');
        want('converted_type', null);
        if (logical) out.push(`logical_type ${logical}`);
        break;
      case 'date':
        want('type', 'INT32');
        want('converted_type', 'DATE');
        if (!/^DateType/.test(logical)) out.push(`logical_type ${r.logical_type}, want DATE`);
        break;
      case 'timestamp':
        want('type', 'INT64');
        if (r.converted_type !== null && r.converted_type !== 'TIMESTAMP_MICROS') out.push(`converted_type ${r.converted_type}`);
        if (!/^TimestampType\(isAdjustedToUTC=(1|true), unit=TimeUnit\(MILLIS=<null>, MICROS=MicroSeconds\(\), NANOS=<null>\)\)/.test(logical)) {
          out.push(`logical_type ${r.logical_type}, want TIMESTAMP(MICROS, isAdjustedToUTC=true)`);
        }
        break;
      case 'decimal(18,2)':
        want('type', 'INT64');
        want('converted_type', 'DECIMAL');
        if (num(r.precision) !== 18 || num(r.scale) !== 2) out.push(`precision ${r.precision} scale ${r.scale}`);
        if (!/^DecimalType\(scale=2, precision=18\)/.test(logical)) out.push(`logical_type ${r.logical_type}, want DECIMAL(18,2)`);
        break;
      default:
        out.push('unknown schema type');
    }
    return out;
  }

  describe('page encodings (page headers decoded with hyparquet)', () => {
    const check = async (run) => {
      const problems = [];
      let fallbacks = 0, plainSamples = 0;
      for (const t of TABLES) {
        const cols = schema()[t];
        for (const f of filesOf(run, t)) {
          const meta = await db.q(`SELECT row_group_id, row_group_num_rows, path_in_schema, encodings, num_values, stats_null_count
            FROM parquet_metadata(${sqlStr(f)})`);
          // Distinct values among the first 64 non-null ones of a column chunk: the sample the
          // writer judges a dictionary by (mostly_distinct in column_chunk_writer.cpp).
          const firstRow = (rowGroup) => meta.filter((x) => num(x.row_group_id) < rowGroup && x.path_in_schema === cols[0].name)
            .reduce((a, x) => a + num(x.row_group_num_rows), 0);
          const distinctOfSample = async (column, rowGroup) => num(await db.one(`SELECT count(DISTINCT v) FROM (SELECT "${column}" AS v
            FROM read_parquet(${sqlStr(f)}, file_row_number = true) WHERE file_row_number >= ${firstRow(rowGroup)} AND "${column}" IS NOT NULL
            ORDER BY file_row_number LIMIT 64)`));
          for (const chunk of await columnPages(f)) {
            const c = cols.find((x) => x.name === chunk.column);
            const m = meta.find((x) => num(x.row_group_id) === chunk.rowGroup && x.path_in_schema === chunk.column);
            const where = `${rel(run, f)} rg ${chunk.rowGroup} ${chunk.column}`;
            const allNull = num(m.stats_null_count) === num(m.num_values);
            const dict = chunk.pages.filter((p) => p.type === 'DICTIONARY_PAGE');
            const data = chunk.pages.filter((p) => p.type !== 'DICTIONARY_PAGE');
            const encs = data.map((p) => p.encoding);
            const listed = String(m.encodings).split(/,\s*/);
            for (const e of new Set(encs)) if (!listed.includes(e)) problems.push(`${where}: page encoding ${e} missing from the chunk's encodings ${m.encodings}`);
            if (dict.length > 1) problems.push(`${where}: ${dict.length} dictionary pages`);
            if (dict.length === 1 && chunk.pages[0].type !== 'DICTIONARY_PAGE') problems.push(`${where}: the dictionary page is not first`);
            if (data.length === 0) problems.push(`${where}: no data page`);
            if (data.reduce((a, p) => a + Number(p.numValues), 0) !== num(m.num_values)) problems.push(`${where}: page values do not add up to num_values`);
            if (allNull) continue;
            if (isEnum(c)) {
              if (dict.length !== 1 || encs.some((e) => e !== 'RLE_DICTIONARY')) problems.push(`${where} (enum): pages ${JSON.stringify(chunk.pages)}`);
            } else if (LOW_CARDINALITY[t].includes(c.name)) {
              // dictionary first; after a fallback only PLAIN pages
              const firstPlain = encs.indexOf('PLAIN');
              const ok = dict.length === 1 && encs[0] === 'RLE_DICTIONARY'
                && encs.every((e, i) => (firstPlain >= 0 && i >= firstPlain ? e === 'PLAIN' : e === 'RLE_DICTIONARY'));
              // All PLAIN only when the writer's sample was mostly distinct: over 32 of 64.
              const sampledDistinct = !ok && dict.length === 0 && encs.every((e) => e === 'PLAIN')
                && num(m.num_values) - num(m.stats_null_count) >= 64 && await distinctOfSample(c.name, chunk.rowGroup) > 32;
              if (sampledDistinct) plainSamples++;
              else if (!ok) problems.push(`${where} (low cardinality): pages ${JSON.stringify(chunk.pages)}`);
            } else if (UNIQUE[t].includes(c.name)) {
              // The writer judges a dictionary from 64 values on (mostly_distinct in column_chunk_writer.cpp):
              // a chunk's last row group may hold fewer, e.g. few PIX rows for end_to_end_id.
              if (num(m.num_values) - num(m.stats_null_count) < 64) continue;
              if (dict.length !== 0 || encs.some((e) => e !== 'PLAIN')) problems.push(`${where} (unique): pages ${JSON.stringify(chunk.pages)}`);
            }
            if (dict.length === 1 && encs.includes('PLAIN')) fallbacks++;
            if (dict.length === 1 && encs.some((e) => e !== 'RLE_DICTIONARY' && e !== 'PLAIN')) problems.push(`${where}: data page encodings ${encs}`);
          }
        }
      }
      return { problems, fallbacks, plainSamples };
    };

    for (const codec of ['zstd', 'none']) {
      test(`${codec}: Enum and low-cardinality columns have a dictionary page and RLE_DICTIONARY pages, unique ids are PLAIN`, async () => {
        const { problems } = await check(runs[codec]);
        assert.deepEqual(problems, [], problems.slice(0, 20).join('\n'));
      });
    }
  });

  describe('row groups', () => {
    test(`--row-group-size ${RG}: every row group but each table's last has exactly ${RG} rows; files hold whole row groups`, async () => {
      for (const codec of CODECS) {
        const run = runs[codec];
        for (const t of TABLES) {
          const groups = await tableRowGroups(run, t);
          assertRowGroupSizes(groups, RG, `${codec} ${t}`);
          for (const f of run.manifest.files.filter((x) => x.table === t)) {
            const inFile = groups.filter((g) => g.file === f.path);
            assert.ok(inFile.length >= 1, `${codec} ${f.path}: no row group`);
            assert.equal(inFile.reduce((a, g) => a + g.rows, 0), f.rows, `${codec} ${f.path}: row groups vs manifest rows`);
          }
        }
        const tx = await tableRowGroups(run, 'transactions');
        assert.ok(tx.length >= 5, `${codec}: only ${tx.length} transaction row groups`);
        assert.ok(filesOf(run, 'transactions').length >= 2, `${codec}: the 400KB file size should give several transaction files`);
      }
    });

    test('--row-group-size 7: small tables get several row groups too', async () => {
      // A high fraud rate, so fraud_labels has enough rows for several groups.
      const run = generate(['--customers', 20, '--seed', 7, '--start-date', '2025-03-01', '--end-date', '2025-03-20', '--fraud-rate', 0.2,
        '--format', 'parquet', '--row-group-size', 7, '--file-size', '60KB']);
      await parquetViews(run, 'rg7');
      for (const t of TABLES) {
        const groups = await tableRowGroups(run, t);
        assertRowGroupSizes(groups, 7, `rg7 ${t}`);
        assert.ok(groups.length >= 3, `${t}: ${groups.length} row groups`);
        assert.equal(groups.reduce((a, g) => a + g.rows, 0), run.manifest.totals[t].rows, `${t} rows`);
      }
      const j = generate(['--customers', 20, '--seed', 7, '--start-date', '2025-03-01', '--end-date', '2025-03-20', '--fraud-rate', 0.2, '--format', 'jsonl', '--compression', 'none']);
      await loadDataset(db, j.dir, j.manifest, { prefix: 'rg7j_' });
      for (const t of TABLES) await assertSameTable(`rg7_${t}`, `rg7j_${t}`, t, `rg7 ${t}`);
    });

    test('--row-group-size equal to the total rows: exactly one full row group per table', async () => {
      const total = jsonl.manifest.totals.transactions.rows;
      const run = generate([...BASE, '--format', 'parquet', '--row-group-size', total]);
      for (const t of TABLES) {
        const groups = await tableRowGroups(run, t);
        assert.equal(groups.length, 1, `${t}: ${groups.length} row groups`);
        assert.equal(groups[0].rows, run.manifest.totals[t].rows, `${t} rows`);
      }
      const tx = await tableRowGroups(run, 'transactions');
      assert.equal(tx[0].rows, total, 'the transactions row group is full');
      await parquetViews(run, 'rgall');
      await assertSameTable('rgall_transactions', 'j_transactions', 'transactions', 'one row group');
    });

    test('default: parquet is the default format, zstd the default codec, one row group of up to 122880 rows', async () => {
      const run = generate(BASE);
      assert.equal(run.manifest.config.format, 'parquet');
      assert.equal(run.manifest.config.compression, 'zstd');
      assert.equal(run.manifest.config.compression_level, 1, 'Parquet defaults to zstd level 1');
      for (const t of TABLES) {
        for (const f of filesOf(run, t)) {
          assert.match(rel(run, f), /\.parquet$/);
          const codecs = (await db.q(`SELECT DISTINCT compression FROM parquet_metadata(${sqlStr(f)})`)).map((r) => r.compression);
          assert.deepEqual(codecs, ['ZSTD'], `${rel(run, f)} codecs`);
        }
        const groups = await tableRowGroups(run, t);
        assertRowGroupSizes(groups, 122880, `default ${t}`);
      }
      await parquetViews(run, 'dflt');
      for (const t of TABLES) await assertSameTable(`dflt_${t}`, `j_${t}`, t, `default ${t}`);
    });
  });

  describe('edge cases', () => {
    /** Generates parquet and JSONL of the same config; checks the three readers and equality. */
    async function sameAsJsonl(args, name, parquetArgs = []) {
      const pq = generate([...args, '--format', 'parquet', ...parquetArgs]);
      const j = generate([...args, '--format', 'jsonl', '--compression', 'none']);
      await parquetViews(pq, name);
      await loadDataset(db, j.dir, j.manifest, { prefix: `${name}j_` });
      for (const t of TABLES) {
        assert.equal(pq.manifest.totals[t].rows, j.manifest.totals[t].rows, `${name} ${t}: manifest rows vs JSONL`);
        for (const f of pq.manifest.files.filter((x) => x.table === t)) {
          const p = path.join(pq.dir, f.path);
          assert.equal(num(await db.one(`SELECT count(*) FROM read_parquet(${sqlStr(p)})`)), f.rows, `${f.path} rows`);
          await compareReaders(p, t, await sampleRowsOf(p), f.rows);
        }
        await assertSameTable(`${name}_${t}`, `${name}j_${t}`, t, `${name} ${t}`);
      }
      return pq;
    }

    test('all-null column chunks: without fraud, fraud_type has null_count = rows and no min/max; every reader gives null', async () => {
      for (const codec of ['zstd', 'none']) {
        const run = generate([...BASE, ...PQ, '--compression', codec, '--fraud-rate', 0]);
        await parquetViews(run, `nofraud_${codec}`);
        assert.equal(run.manifest.totals.fraud_labels.rows, 0);
        for (const f of filesOf(run, 'transactions')) {
          const rows = await db.q(`SELECT row_group_id, num_values, stats_null_count, stats_min_value, stats_max_value
            FROM parquet_metadata(${sqlStr(f)}) WHERE path_in_schema = 'fraud_type'`);
          assert.ok(rows.length >= 1);
          for (const r of rows) {
            assert.equal(num(r.stats_null_count), num(r.num_values), `${f} rg ${r.row_group_id} null_count`);
            assert.equal(r.stats_min_value, null);
            assert.equal(r.stats_max_value, null);
          }
        }
        assert.equal(num(await db.one(`SELECT count(fraud_type) FROM nofraud_${codec}_transactions`)), 0);
        assert.ok(num(await db.one(`SELECT count(fraud_type) FROM pq_${codec}_transactions`)) > 0, 'the default run has fraud');
      }
    });

    test('--no-profiles: customer_profile and behavioral_profile are all null and equal the JSONL output', async () => {
      const pq = await sameAsJsonl(['--customers', 20, '--seed', 99, ...PERIOD, '--no-profiles'], 'noprof', ['--row-group-size', 1000]);
      assert.equal(num(await db.one(`SELECT count(customer_profile) FROM noprof_transactions`)), 0);
      assert.equal(num(await db.one(`SELECT count(behavioral_profile) FROM noprof_customers`)), 0);
      for (const [t, col] of [['transactions', 'customer_profile'], ['customers', 'behavioral_profile']]) {
        for (const f of filesOf(pq, t)) {
          for (const r of await db.q(`SELECT num_values, stats_null_count, stats_min_value FROM parquet_metadata(${sqlStr(f)}) WHERE path_in_schema = ${sqlStr(col)}`)) {
            assert.equal(num(r.stats_null_count), num(r.num_values), `${rel(pq, f)} ${col} null_count`);
            assert.equal(r.stats_min_value, null, `${rel(pq, f)} ${col} min`);
          }
        }
      }
    });

    test('--customers 1: a customers table of one row', async () => {
      const pq = await sameAsJsonl(['--customers', 1, '--seed', 5, ...PERIOD], 'one');
      assert.equal(pq.manifest.totals.customers.rows, 1);
      const groups = await tableRowGroups(pq, 'customers');
      assert.deepEqual(groups.map((g) => g.rows), [1]);
    });

    test('--customers 1 over a single day: tiny and empty tables read back as the manifest says', async () => {
      // On 2025-03-02 seed 20 gives no transaction at all and seed 2 gives one.
      const txRows = [];
      for (const seed of [20, 2]) {
        const pq = await sameAsJsonl(['--customers', 1, '--seed', seed, '--start-date', '2025-03-02', '--end-date', '2025-03-02'], `tiny${seed}`);
        txRows.push(pq.manifest.totals.transactions.rows);
        if (pq.manifest.totals.transactions.rows === 0) {
          for (const f of filesOf(pq, 'transactions')) {
            const md = (await db.q(`SELECT num_rows, num_row_groups FROM parquet_file_metadata(${sqlStr(f)})`))[0];
            assert.equal(num(md.num_rows), 0, `${rel(pq, f)} num_rows`);
            const cols = (await db.q(`DESCRIBE SELECT * FROM read_parquet(${sqlStr(f)})`)).map((r) => r.column_name);
            assert.deepEqual(cols, schema().transactions.map((c) => c.name), 'an empty file still has the schema');
          }
        }
      }
      assert.ok(txRows.includes(0), `no empty transactions table (rows ${txRows}): pick another seed for this test`);
    });

    test('non-ASCII text (accents) round-trips in every reader', async () => {
      const nonAscii = `regexp_matches(name, '[^\\x00-\\x7F]')`;
      const n = num(await db.one(`SELECT count(*) FROM pq_zstd_customers WHERE ${nonAscii}`));
      const m = num(await db.one(`SELECT count(*) FROM pq_zstd_transactions WHERE regexp_matches(municipality_name, '[^\\x00-\\x7F]')`));
      assert.ok(n > 0, 'no non-ASCII customer name');
      assert.ok(m > 0, 'no non-ASCII municipality_name');
      // exact equality with JSONL for these columns (the whole tables are compared elsewhere)
      const diff = await db.q(`(SELECT customer_id, name, address_city, address_street, profession FROM pq_zstd_customers
        EXCEPT ALL SELECT customer_id, name, address_city, address_street, profession FROM j_customers) LIMIT 3`);
      assert.equal(diff.length, 0, show(diff));
      // hyparquet and parquet-wasm: every customer name and every distinct municipality name
      for (const f of filesOf(runs.zstd, 'customers')) {
        const want = (await db.q(`SELECT name FROM read_parquet(${sqlStr(f)})`)).map((r) => r.name);
        assert.deepEqual((await hypRead(f, ['name'])).rows.map((r) => r.name), want, 'hyparquet names');
        const v = (await pwRead(f)).getChild('name');
        assert.deepEqual([...Array(v.length).keys()].map((i) => v.get(i)), want, 'parquet-wasm names');
      }
      for (const f of filesOf(runs.zstd, 'transactions')) {
        const want = (await db.q(`SELECT municipality_name AS x FROM read_parquet(${sqlStr(f)})`)).map((r) => r.x);
        assert.deepEqual((await hypRead(f, ['municipality_name'])).rows.map((r) => r.municipality_name), want, 'hyparquet municipality_name');
        const v = (await pwRead(f)).getChild('municipality_name');
        assert.deepEqual([...Array(v.length).keys()].map((i) => v.get(i)), want, 'parquet-wasm municipality_name');
      }
    });

    test('a dictionary that outgrows 65536 entries falls back to PLAIN for the rest of the chunk; values unchanged', async () => {
      // ip_address in one row group of all ~385,000 transactions of 1700 customers: about 80,000
      // distinct addresses, more than a dictionary may hold. The reference run has row groups of
      // 16384 rows (no chunk can overflow) and is otherwise the same data.
      const args = ['--customers', 1700, '--seed', 4242, ...PERIOD, '--format', 'parquet'];
      const big = generate([...args, '--row-group-size', 1_048_576]);
      const ref = generate([...args, '--row-group-size', 16_384]);
      const files = filesOf(big, 'transactions');
      assert.equal(files.length, 1, 'one transactions file');
      const file = files[0];
      const rows = big.manifest.totals.transactions.rows;
      assert.equal((await tableRowGroups(big, 'transactions')).length, 1, 'one row group');

      const found = [];
      for (const chunk of await columnPages(file)) {
        const dict = chunk.pages.filter((p) => p.type === 'DICTIONARY_PAGE');
        const encs = chunk.pages.filter((p) => p.type !== 'DICTIONARY_PAGE').map((p) => p.encoding);
        if (dict.length === 1 && encs.includes('RLE_DICTIONARY') && encs.includes('PLAIN')) found.push(chunk);
      }
      assert.ok(found.some((c) => c.column === 'ip_address'), `ip_address did not fall back; mixed chunks: ${found.map((c) => c.column)}`);
      for (const c of found) {
        // fallback is one-way: dictionary pages first, then PLAIN ones
        const encs = c.pages.filter((p) => p.type !== 'DICTIONARY_PAGE').map((p) => p.encoding);
        assert.ok(encs.indexOf('PLAIN') > encs.lastIndexOf('RLE_DICTIONARY'), `${c.column}: page encodings ${encs}`);
        const listed = (await db.q(`SELECT encodings FROM parquet_metadata(${sqlStr(file)}) WHERE path_in_schema = ${sqlStr(c.column)}`))[0].encodings;
        assert.ok(/RLE_DICTIONARY/.test(listed) && /PLAIN(?!_)/.test(listed), `${c.column}: chunk encodings ${listed}`);
      }
      const mixed = found.map((c) => c.column);
      const keyed = ['transaction_id', ...mixed.filter((c) => c !== 'transaction_id')];

      // DuckDB: the fallen-back columns equal the reference run's, row by row, and the chunk
      // statistics equal DuckDB's own.
      const sel = (f) => `SELECT file_row_number AS i, ${keyed.map(ident).join(', ')} FROM read_parquet(${sqlStr(f)}, file_row_number=true)`;
      const refFile = filesOf(ref, 'transactions');
      assert.equal(refFile.length, 1, 'one reference file');
      assert.equal(num(await db.one(`SELECT count(*) FROM read_parquet(${sqlStr(file)})`)), rows, 'rows');
      let diff;
      try {
        diff = await db.q(`SELECT * FROM ((${sel(file)}) EXCEPT ALL (${sel(refFile[0])})) ORDER BY i LIMIT 3`);
      } catch (e) {
        assert.fail(`DuckDB cannot read ${keyed} of the file whose dictionary fell back: ${e.message}`);
      }
      assert.equal(diff.length, 0, `rows of the fallen-back columns differ from the reference run: ${show(diff)}`);
      for (const col of mixed) {
        const m = (await db.q(`SELECT stats_min_value AS mn, stats_max_value AS mx, stats_null_count AS nn
          FROM parquet_metadata(${sqlStr(file)}) WHERE path_in_schema = ${sqlStr(col)}`))[0];
        const d = (await db.q(`SELECT CAST(min(${ident(col)}) AS VARCHAR) AS mn, CAST(max(${ident(col)}) AS VARCHAR) AS mx,
            count(*) - count(${ident(col)}) AS nn FROM read_parquet(${sqlStr(file)})`))[0];
        assert.equal(m.mn, d.mn, `${col} min`);
        assert.equal(m.mx, d.mx, `${col} max`);
        assert.equal(num(m.nn), num(d.nn), `${col} null_count`);
      }

      // hyparquet and parquet-wasm: at both ends of the chunk and of every page
      const ipPages = found.find((c) => c.column === 'ip_address').pages.filter((p) => p.type !== 'DICTIONARY_PAGE');
      const sample = new Set([0, rows - 1]);
      let at = 0;
      for (const p of ipPages) { sample.add(at); sample.add(at + Number(p.numValues) - 1); at += Number(p.numValues); }
      await compareReaders(file, 'transactions', [...sample].filter((i) => i >= 0 && i < rows).sort((x, y) => x - y), rows, keyed);
    });
  });

});

describe('determinism', () => {
  const DET = ['--customers', 40, ...PERIOD, '--seed', 31337, '--format', 'parquet', '--row-group-size', 300, '--file-size', '100KB'];
  const byWorkers = {};
  before(async () => {
    for (const w of [1, 2, 7]) {
      const r = generate([...DET, '--workers', w]);
      byWorkers[w] = { ...r, hashes: await hashDataFiles(r.dir) };
    }
  });

  test('several transaction files; the manifest hashes are those of the files', () => {
    assert.ok(byWorkers[1].manifest.files.filter((f) => f.table === 'transactions').length >= 3, 'transaction files');
    for (const w of [1, 2, 7]) {
      assert.deepEqual(byWorkers[w].hashes, Object.fromEntries(byWorkers[w].manifest.files.map((f) => [f.path, f.sha256])), `--workers ${w}`);
    }
  });

  for (const w of [2, 7]) {
    test(`--workers ${w} writes the same bytes as --workers 1`, () => {
      assert.deepEqual(byWorkers[w].hashes, byWorkers[1].hashes);
    });
  }

  test('shards 0/3, 1/3, 2/3: each file once, the union is the unsharded dataset byte for byte', async () => {
    const N = 3;
    const union = {};
    for (let i = 0; i < N; i++) {
      const name = `manifest.shard-${String(i).padStart(5, '0')}-of-${String(N).padStart(5, '0')}.json`;
      const s = generate([...DET, '--shard', `${i}/${N}`], { manifestName: name });
      assert.deepEqual(allFiles(s.dir).filter((f) => f.startsWith('manifest')), [name], `shard ${i} manifests`);
      const h = await hashDataFiles(s.dir);
      assert.deepEqual(h, Object.fromEntries(s.manifest.files.map((f) => [f.path, f.sha256])), `shard ${i} manifest hashes`);
      for (const [p, x] of Object.entries(h)) {
        assert.ok(!(p in union), `${p} is in two shards`);
        union[p] = x;
      }
    }
    assert.deepEqual(Object.keys(union).sort(), Object.keys(byWorkers[1].hashes).sort(), 'file lists');
    assert.deepEqual(union, byWorkers[1].hashes, 'file hashes');
  });
});

describe('bad input', () => {
  const OK = ['--customers', 5, '--seed', 1, ...PERIOD];
  const P = ['--format', 'parquet'];
  // [description, args (without --output), a flag stderr must name (any of)]
  const BAD = [
    ['--compression lz4', [...OK, ...P, '--compression', 'lz4'], ['--compression']],
    ['--compression brotli', [...OK, ...P, '--compression', 'brotli'], ['--compression']],
    ['zstd --compression-level 0', [...OK, ...P, '--compression', 'zstd', '--compression-level', 0], ['--compression-level']],
    ['zstd --compression-level 20', [...OK, ...P, '--compression', 'zstd', '--compression-level', 20], ['--compression-level']],
    ['zstd --compression-level 23', [...OK, ...P, '--compression', 'zstd', '--compression-level', 23], ['--compression-level']],
    ['default codec --compression-level 23', [...OK, ...P, '--compression-level', 23], ['--compression-level']],
    ['gzip --compression-level 10', [...OK, ...P, '--compression', 'gzip', '--compression-level', 10], ['--compression-level']],
    ['gzip --compression-level 0', [...OK, ...P, '--compression', 'gzip', '--compression-level', 0], ['--compression-level']],
    ['--compression-level 3 --compression none', [...OK, ...P, '--compression-level', 3, '--compression', 'none'], ['--compression-level']],
    ['--compression-level 3 --compression snappy', [...OK, ...P, '--compression-level', 3, '--compression', 'snappy'], ['--compression-level']],
    ['--row-group-size 0', [...OK, ...P, '--row-group-size', 0], ['--row-group-size']],
    ['--row-group-size -5', [...OK, ...P, '--row-group-size', -5], ['--row-group-size']],
    ['--row-group-size abc', [...OK, ...P, '--row-group-size', 'abc'], ['--row-group-size']],
    ['--row-group-size 1048577 (over the maximum in --help)', [...OK, ...P, '--row-group-size', 1048577], ['--row-group-size']],
    ['--compression snappy --format jsonl', [...OK, '--compression', 'snappy', '--format', 'jsonl'], ['--compression', '--format']],
    ['--compression snappy --format csv', [...OK, '--compression', 'snappy', '--format', 'csv'], ['--compression', '--format']],
  ];
  for (const [what, args, flags] of BAD) {
    test(`${what}: exit 2, message naming ${flags.join(' or ')}, nothing written`, () => {
      const root = makeTempDir();
      const out = path.join(root, 'out');
      const r = runFg(['generate', ...args, '--output', out]);
      assert.equal(r.status, 2, `exit status (stderr: ${r.stderr})`);
      assert.ok(flags.some((f) => r.stderr.includes(f)), `stderr does not name ${flags.join(' or ')}: ${r.stderr}`);
      assert.ok(!existsSync(out), 'output folder was created');
      assert.deepEqual(readdirSync(root), [], 'something was written next to the output folder');
    });
  }

  for (const [codec, level] of [['zstd', 1], ['zstd', 19], ['gzip', 1], ['gzip', 9]]) {
    test(`control: ${codec} --compression-level ${level} is accepted and readable`, async () => {
      const run = generate([...OK, ...P, '--compression', codec, '--compression-level', level]);
      assert.equal(run.manifest.config.compression, codec);
      assert.equal(run.manifest.config.compression_level, level);
      for (const f of run.manifest.files) {
        const p = sqlStr(path.join(run.dir, f.path));
        assert.equal(num(await db.one(`SELECT count(*) FROM read_parquet(${p})`)), f.rows);
        assert.deepEqual((await db.q(`SELECT DISTINCT compression FROM parquet_metadata(${p})`)).map((r) => r.compression), [CODEC_NAME[codec]]);
      }
    });
  }
});
