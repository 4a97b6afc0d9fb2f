// Shared helpers for the fraudgen end-to-end tests (not a test file itself).
//
// Every test runs the real binary (FRAUDGEN_BIN, default ../../build/fraudgen relative to
// this file) into fresh temporary folders and reads the output back with DuckDB.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const FG_BIN = process.env.FRAUDGEN_BIN
  ? path.resolve(process.env.FRAUDGEN_BIN)
  : path.resolve(HERE, '../../build/fraudgen');

// Set by the test command's second pass over the network paths with the ASan+UBSan binary. That
// pass is for the sanitizers: a test whose point is data equality or the wording of errors, and
// whose code the sanitized unit tests reach, runs in the release pass only ({ skip: releaseOnly }).
export const releaseOnly = process.env.FRAUDGEN_E2E_SANITIZED === '1'
  && 'the release pass checks this; the sanitized pass is for the network code paths';

// How far a paced event may leave from its schedule. A sanitized binary on a busy 2-core machine
// stalls for tens of milliseconds now and then; its pass still proves pacing (unpaced, 600 events
// would leave within a few milliseconds of each other), the release pass proves the precision.
export const PACING_SLACK_MS = process.env.FRAUDGEN_E2E_SANITIZED === '1' ? 120 : 25;

// A short period keeps every run to well under a second.
export const START_DATE = '2025-03-01';
export const END_DATE = '2025-05-29';
export const PERIOD = ['--start-date', START_DATE, '--end-date', END_DATE];

export const TABLES = ['customers', 'devices', 'transactions', 'fraud_labels'];
// The ride-hailing tables (--type rides or all).
// The checks `fraudgen validate` runs on the ride tables (skipped without them).
export const RIDE_CHECKS = ['ride_ids', 'driver_documents', 'ride_fares', 'ride_times', 'ride_agreement', 'ride_history', 'ride_conditions',
  'ride_geography', 'ride_labels'];
export const RIDE_TABLES = ['drivers', 'rides', 'driver_sessions', 'ride_fraud_labels'];

if (!existsSync(FG_BIN)) {
  throw new Error(`fraudgen binary not found at ${FG_BIN}; build it or set FRAUDGEN_BIN`);
}

/** Runs fraudgen synchronously. Returns {status, signal, stdout, stderr}. */
export function runFg(args, { timeout = 120_000 } = {}) {
  const r = spawnSync(FG_BIN, args.map(String), { encoding: 'utf8', timeout, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Starts fraudgen asynchronously; the promise resolves with {status, signal, stderr}. */
export function spawnFg(args) {
  const child = spawn(FG_BIN, args.map(String), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { stderr += d; });
  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stderr }));
  });
  return { child, done };
}

/** A fresh temporary folder, removed when the process exits (and by cleanup()). */
const tempDirs = [];
export function makeTempDir(prefix = 'fraudgen-e2e-') {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
// A folder with little room (in memory, /dev/shm, where there is one; removed after test `t`)
// and the customers whose ride files, at `bytesPerCustomer`, need twice what it has free: null
// when that passes --customers' bound of a billion.
export function crampedSpillFolder(t, bytesPerCustomer) {
  const spill = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/fraudgen-room-') : makeTempDir();
  t.after(() => rmSync(spill, { recursive: true, force: true }));
  const fsInfo = statfsSync(spill);
  const customers = Math.ceil((2 * fsInfo.bavail * fsInfo.bsize) / bytesPerCustomer);
  return { spill, customers: customers > 1e9 ? null : customers };
}
export function cleanupTempDirs() {
  while (tempDirs.length) rmSync(tempDirs.pop(), { recursive: true, force: true });
}
process.on('exit', cleanupTempDirs);

/**
 * Generates a dataset into a new folder `<tmp>/out` and returns {dir, manifest}.
 * `args` must not contain --output; --quiet is added. Returns the parsed manifest `manifestName`.
 */
export function generate(args, { dir, manifestName = 'manifest.json' } = {}) {
  const out = dir ?? path.join(makeTempDir(), 'out');
  const r = runFg(['generate', ...args, '--output', out, '--quiet']);
  assert.equal(r.status, 0, `fraudgen generate ${args.join(' ')} failed (status ${r.status}, signal ${r.signal}):\n${r.stderr}`);
  return { dir: out, manifest: readManifest(out, manifestName) };
}

export function readManifest(dir, name = 'manifest.json') {
  return JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
}

let schemaCache;
/** `fraudgen schema --format json`, parsed: {tableName: [{name, type, nullable, values?...}]} */
export function schema() {
  if (!schemaCache) {
    const r = runFg(['schema', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    schemaCache = {};
    for (const t of doc.tables) schemaCache[t.name] = t.columns;
    assert.deepEqual(Object.keys(schemaCache).sort(), [...TABLES, ...RIDE_TABLES].sort(), 'schema tables');
  }
  return schemaCache;
}

/** DuckDB type for a schema type name (as printed by `fraudgen schema --format json`). */
export function duckType(schemaType) {
  const map = {
    'string': 'VARCHAR',
    'string (enum)': 'VARCHAR',
    'int32': 'INTEGER',
    'int64': 'BIGINT',
    'double': 'DOUBLE',
    'boolean': 'BOOLEAN',
    'date': 'DATE',
    'timestamp': 'TIMESTAMPTZ',
    'decimal(18,2)': 'DECIMAL(18,2)',
  };
  const t = map[schemaType];
  if (!t) throw new Error(`unknown schema type ${schemaType}`);
  return t;
}

export const sqlStr = (s) => `'${String(s).replaceAll("'", "''")}'`;
export const ident = (s) => `"${String(s).replaceAll('"', '""')}"`;

/** All files (relative paths, sorted) under dir, excluding manifests. */
export function dataFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (!(rel === '' && /^manifest.*\.json$/.test(e.name))) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

/** Every file (relative path) under dir, manifests included. */
export function allFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out.push(r);
    }
  };
  walk('');
  return out.sort();
}

export function sha256File(file) {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file).on('error', reject).on('data', (d) => h.update(d)).on('end', () => resolve(h.digest('hex')));
  });
}

/** {relativePath: sha256} for every data file of a dataset folder. */
export async function hashDataFiles(dir) {
  const out = {};
  for (const f of dataFiles(dir)) out[f] = await sha256File(path.join(dir, f));
  return out;
}

export const fileSize = (f) => statSync(f).size;

/** Format and compression of a data file from its name. */
export function fileKind(file) {
  const m = /\.(jsonl|csv)(?:\.(gz|zst))?$/.exec(file);
  if (!m) throw new Error(`unexpected data file name ${file}`);
  return { format: m[1], compression: m[2] === 'gz' ? 'gzip' : m[2] === 'zst' ? 'zstd' : 'none' };
}

/** DuckDB's name for a fraudgen --compression value, quoted. */
export const duckCompression = (c) => sqlStr(c === 'none' ? 'uncompressed' : c);

/**
 * SQL table expression reading `files` (absolute paths, one format/compression) with every
 * schema column as VARCHAR (raw text; JSON null and empty CSV fields are NULL).
 * Nothing is auto-detected.
 */
export function rawReader(table, files) {
  const cols = schema()[table];
  const { format, compression } = fileKind(files[0]);
  for (const f of files) assert.deepEqual(fileKind(f), { format, compression }, `mixed files ${f}`);
  const list = `[${files.map(sqlStr).join(', ')}]`;
  const comp = duckCompression(compression);
  const colStruct = `{${cols.map((c) => `${sqlStr(c.name)}: 'VARCHAR'`).join(', ')}}`;
  if (format === 'jsonl') {
    return `read_json(${list}, format='newline_delimited', columns=${colStruct}, compression=${comp}, filename=true)`;
  }
  return `read_csv(${list}, header=true, auto_detect=false, delim=',', quote='"', escape='"', columns=${colStruct}, compression=${comp}, filename=true)`;
}

/** SELECT list casting every raw VARCHAR column to its schema type. */
export function typedSelect(table) {
  return schema()[table].map((c) => `CAST(${ident(c.name)} AS ${duckType(c.type)}) AS ${ident(c.name)}`).join(', ');
}

/** An in-memory DuckDB with q(sql) -> row objects (JS values), and close(). */
export async function openDuck() {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await instance.connect();
  const q = async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJS();
  await q(`SET TimeZone = 'UTC'`);
  return {
    q,
    /** First column of the first row. */
    one: async (sql) => {
      const rows = await q(sql);
      assert.ok(rows.length >= 1, `no row from: ${sql}`);
      return Object.values(rows[0])[0];
    },
    close: () => { conn.closeSync(); instance.closeSync(); },
  };
}

/**
 * Loads a dataset folder into DuckDB: for each table <t>, a table raw_<t> (all VARCHAR plus
 * `filename`) and a view <t> with the schema types. The files are those of the manifest.
 * `tables` defaults to the banking tables (TABLES); pass RIDE_TABLES etc. for the ride tables.
 */
export async function loadDataset(db, dir, manifest, { prefix = '', tables = TABLES } = {}) {
  for (const t of tables) {
    const files = manifest.files.filter((f) => f.table === t).map((f) => path.join(dir, f.path));
    assert.ok(files.length > 0, `no ${t} file in the manifest`);
    await db.q(`CREATE OR REPLACE TABLE ${prefix}raw_${t} AS SELECT * FROM ${rawReader(t, files)}`);
    await db.q(`CREATE OR REPLACE VIEW ${prefix}${t} AS SELECT ${typedSelect(t)} FROM ${prefix}raw_${t}`);
  }
}

export const num = (v) => (typeof v === 'bigint' ? Number(v) : v);

/** Formats a few offending rows for an assertion message. */
export function show(rows, n = 5) {
  return JSON.stringify(rows.slice(0, n), (_, v) => (typeof v === 'bigint' ? v.toString() : v), 1);
}
