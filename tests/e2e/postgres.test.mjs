// generate --output postgresql://: a real PostgreSQL server (pg_harness.mjs) receives the
// dataset; its rows, read back with psql, equal the Parquet output of the same seed (DuckDB
// compares them); keys and indexes exist and hold; loads are all or nothing (SIGINT leaves
// nothing), replace only with --overwrite; bad URIs exit 2, wrong passwords and unreachable
// hosts exit 1, and no password is ever printed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  FG_BIN, RIDE_TABLES, TABLES, generate, ident, makeTempDir, openDuck, rawReader, schema, show, sqlStr, typedSelect,
} from './lib.mjs';
import { freePort, startPostgres } from './pg_harness.mjs';

// A week of 150 customers with rides and a high fraud rate: every table has rows (ride fraud included).
const SMALL = ['--customers', 150, '--start-date', '2025-03-01', '--end-date', '2025-03-07', '--type', 'all', '--fraud-rate', 0.05, '--workers', 2];
const SEED = 11;
const ALL_TABLES = [...TABLES, ...RIDE_TABLES];
// The PostgreSQL type each schema type must get (information_schema spelling).
const PG_TYPE = {
  'string': 'text', 'string (enum)': 'text', 'int32': 'integer', 'int64': 'bigint', 'double': 'double precision',
  'boolean': 'boolean', 'date': 'date', 'timestamp': 'timestamp with time zone', 'decimal(18,2)': 'numeric(18,2)',
};

let pg;
before(async () => { pg = await startPostgres(); });
after(() => pg?.stop());

/** Runs fraudgen with `env` added to this process's environment (PGPASSWORD by default). */
function fg(args, { env = { PGPASSWORD: pg.password } } = {}) {
  const r = spawnSync(FG_BIN, args.map(String), { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
}
function load(schemaName, extra = [], opts) {
  const r = fg(['generate', ...SMALL, '--seed', SEED, '--quiet', ...extra, '--output', pg.url(schemaName)], opts);
  assert.equal(r.status, 0, `load into ${schemaName} failed (${r.status}): ${r.stderr}`);
  return r;
}
const tablesIn = (schemaName) => pg.psql(`SELECT table_name FROM information_schema.tables WHERE table_schema = ${sqlStr(schemaName)} ORDER BY 1`).map((r) => r[0]);
const stagingSchemas = () => pg.psql(`SELECT nspname FROM pg_namespace WHERE nspname LIKE '%fraudgen_load%'`).map((r) => r[0]);
const storedManifest = (schemaName) => JSON.parse(pg.psql(`SELECT manifest::text FROM ${schemaName}.fraudgen_manifest`)[0][0]);
const assertNoSecret = (r, secret) => {
  assert.ok(!r.stderr.includes(secret) && !r.stdout.includes(secret), `the password was printed: ${r.stderr}${r.stdout}`);
};

describe('a PostgreSQL load', () => {
  let parquet;
  before(() => {
    load('fg');
    parquet = generate([...SMALL, '--seed', SEED]);
  });

  test('every table and the manifest are in the schema; row counts equal the manifest; no staging schema is left', () => {
    assert.deepEqual(tablesIn('fg'), [...ALL_TABLES, 'fraudgen_manifest'].sort());
    const m = storedManifest('fg');
    assert.equal(m.seed, SEED);
    for (const t of ALL_TABLES) {
      const rows = Number(pg.psql(`SELECT count(*) FROM fg.${t}`)[0][0]);
      assert.equal(rows, m.totals[t].rows, `${t} rows`);
      assert.equal(rows, parquet.manifest.totals[t].rows, `${t} rows against the Parquet run`);
      assert.ok(rows > 0, `${t} is empty: make the data bigger`);
    }
    assert.deepEqual(stagingSchemas(), []);
  });

  test('columns have the schema types: NUMERIC(18,2) money, TIMESTAMPTZ, DATE, BOOLEAN, NOT NULL where not nullable', () => {
    for (const t of ALL_TABLES) {
      const got = pg.psql(`SELECT column_name, CASE WHEN data_type = 'numeric' THEN format('numeric(%s,%s)', numeric_precision, numeric_scale) ELSE data_type END, is_nullable
                           FROM information_schema.columns WHERE table_schema = 'fg' AND table_name = ${sqlStr(t)} ORDER BY ordinal_position`);
      const want = schema()[t].map((c) => [c.name, PG_TYPE[c.type], c.nullable ? 'YES' : 'NO']);
      assert.deepEqual(got, want, `${t} columns`);
    }
  });

  test('values equal the Parquet output of the same seed (psql COPY TO CSV, compared by DuckDB)', async () => {
    const dumps = makeTempDir();
    const db = await openDuck();
    try {
      for (const t of ALL_TABLES) {
        const csv = path.join(dumps, `${t}.csv`);
        const r = pg.psqlResult(['-c', `\\copy fg.${t} TO ${sqlStr(csv)} WITH (FORMAT csv, HEADER true)`]);
        assert.equal(r.status, 0, r.stderr);
        const files = parquet.manifest.files.filter((f) => f.table === t).map((f) => sqlStr(path.join(parquet.dir, f.path)));
        await db.q(`CREATE TABLE pq_${t} AS SELECT * FROM read_parquet([${files.join(', ')}])`);
        await db.q(`CREATE TABLE pg_${t} AS SELECT ${typedSelect(t)} FROM ${rawReader(t, [csv])}`);
        const onlyPq = await db.q(`SELECT * FROM (SELECT * FROM pq_${t} EXCEPT ALL SELECT * FROM pg_${t}) LIMIT 3`);
        const onlyPg = await db.q(`SELECT * FROM (SELECT * FROM pg_${t} EXCEPT ALL SELECT * FROM pq_${t}) LIMIT 3`);
        assert.deepEqual(onlyPq, [], `${t}: Parquet rows missing from PostgreSQL: ${show(onlyPq)}`);
        assert.deepEqual(onlyPg, [], `${t}: PostgreSQL rows not in Parquet: ${show(onlyPg)}`);
        assert.equal(await db.one(`SELECT count(*) FROM pg_${t}`), await db.one(`SELECT count(*) FROM pq_${t}`));
      }
    } finally {
      db.close();
    }
  });

  test('primary keys, foreign keys and indexes exist, are valid and are enforced', () => {
    const pk = pg.psql(`SELECT c.conrelid::regclass::text, a.attname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                        WHERE c.contype = 'p' AND c.connamespace = 'fg'::regnamespace AND c.convalidated ORDER BY 1`);
    assert.deepEqual(pk.map((r) => r[0]).sort(), ALL_TABLES.map((t) => `fg.${t}`).sort(), 'a validated primary key on every table');
    for (const [table, column] of pk) assert.equal(column, schema()[table.slice(3)][0].name, `${table} key is its first column`);
    const fks = pg.psql(`SELECT conrelid::regclass::text || ' -> ' || confrelid::regclass::text FROM pg_constraint
                         WHERE contype = 'f' AND connamespace = 'fg'::regnamespace AND convalidated ORDER BY 1`).map((r) => r[0]);
    for (const want of ['fg.devices -> fg.customers', 'fg.transactions -> fg.customers', 'fg.transactions -> fg.devices',
      'fg.fraud_labels -> fg.transactions', 'fg.rides -> fg.customers', 'fg.rides -> fg.drivers', 'fg.driver_sessions -> fg.drivers',
      'fg.ride_fraud_labels -> fg.rides']) assert.ok(fks.includes(want), `missing foreign key ${want}: ${fks.join(', ')}`);
    const indexed = pg.psql(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'fg' AND tablename = 'transactions'`).map((r) => r[0]).join('\n');
    assert.match(indexed, /\(customer_id, "timestamp"\)/);
    // Enforced: an orphan device and a duplicate customer are refused.
    const orphan = pg.psqlResult(['-c', `BEGIN; INSERT INTO fg.devices SELECT * FROM fg.devices LIMIT 1; ROLLBACK;`]);
    assert.notEqual(orphan.status, 0);
    assert.match(orphan.stderr, /duplicate key/);
    const fk = pg.psqlResult(['-c', `BEGIN; UPDATE fg.devices SET customer_id = 'NO_SUCH_CUSTOMER' WHERE device_id = (SELECT min(device_id) FROM fg.devices); ROLLBACK;`]);
    assert.notEqual(fk.status, 0);
    assert.match(fk.stderr, /foreign key/);
  });

  test('existing tables without --overwrite: exit 2 naming --overwrite, the loaded data untouched', () => {
    const before = storedManifest('fg');
    const r = fg(['generate', ...SMALL, '--seed', SEED + 1, '--quiet', '--output', pg.url('fg')]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--overwrite/);
    assert.deepEqual(storedManifest('fg'), before);
    assert.deepEqual(stagingSchemas(), []);
  });
});

describe('--overwrite', () => {
  test('replaces fraudgen\'s tables of that schema only (a user table stays; ride tables of the old load go)', () => {
    load('ow');
    pg.psql(`CREATE TABLE ow.analyst_notes (note text); INSERT INTO ow.analyst_notes VALUES ('keep me')`);
    const r = fg(['generate', ...SMALL.filter((a, i, all) => a !== '--type' && all[i - 1] !== '--type'), '--type', 'transactions',
      '--seed', SEED + 5, '--quiet', '--overwrite', '--output', pg.url('ow')]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(tablesIn('ow'), ['analyst_notes', ...TABLES, 'fraudgen_manifest'].sort());
    const m = storedManifest('ow');
    assert.equal(m.seed, SEED + 5);
    for (const t of TABLES) assert.equal(Number(pg.psql(`SELECT count(*) FROM ow.${t}`)[0][0]), m.totals[t].rows, t);
    assert.deepEqual(pg.psql('SELECT note FROM ow.analyst_notes'), [['keep me']]);
  });
});

describe('all or nothing', () => {
  test('SIGINT in the middle of the COPY: exit 130, no table in the target schema, no staging schema left', async () => {
    // Big enough to be loading for a few seconds: the signal comes once the staging schema exists.
    const args = ['generate', '--customers', 4000, '--start-date', '2025-03-01', '--end-date', '2025-03-31', '--seed', 3,
      '--workers', 2, '--file-size', '4MB', '--quiet', '--output', pg.url('interrupted')];
    const child = spawn(FG_BIN, args.map(String), { env: { ...process.env, PGPASSWORD: pg.password }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const done = new Promise((resolve) => child.on('close', (status) => resolve(status)));
    const t0 = Date.now();
    while (stagingSchemas().length === 0 && Date.now() - t0 < 20_000) await sleep(50);
    assert.equal(stagingSchemas().length, 1, 'the load never started');
    // Wait until rows are arriving, then interrupt.
    const staging = stagingSchemas()[0];
    while (Number(pg.psql(`SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables WHERE schemaname = ${sqlStr(staging)}`)[0][0]) === 0 &&
           Date.now() - t0 < 20_000) await sleep(100);
    assert.equal(child.exitCode, null, 'the load finished before the signal: make it bigger');
    child.kill('SIGINT');
    const status = await done;
    assert.equal(status, 130, stderr);
    assert.deepEqual(tablesIn('interrupted'), []);
    assert.deepEqual(stagingSchemas(), []);
  });
});

describe('connections and URIs', () => {
  test('~/.pgpass is honoured (no password in the URI or the environment)', () => {
    const home = makeTempDir();
    writeFileSync(path.join(home, '.pgpass'), `${pg.host}:${pg.port}:*:${pg.user}:${pg.password}\n`, { mode: 0o600 });
    const env = { HOME: home, PGPASSWORD: '', PGPASSFILE: '' };
    const r = fg(['generate', '--customers', 20, '--start-date', '2025-03-01', '--end-date', '2025-03-03', '--seed', 2, '--quiet',
      '--output', pg.url('viapgpass')], { env: { ...env } });
    // libpq ignores an empty PGPASSWORD/PGPASSFILE only when unset: run without them.
    assert.equal(r.status, 0, r.stderr);
    assert.equal(Number(pg.psql('SELECT count(*) FROM viapgpass.customers')[0][0]), 20);
  });

  test('a password in the URI works and is never printed', () => {
    const r = fg(['generate', '--customers', 20, '--start-date', '2025-03-01', '--end-date', '2025-03-03', '--seed', 2,
      '--output', pg.url('viauri', { withPassword: true })], { env: {} });
    assert.equal(r.status, 0, r.stderr);
    assertNoSecret(r, pg.password);
    assert.match(r.stderr, /\*\*\*/);
  });

  test('a wrong password: exit 1, a clear message, no password printed', () => {
    const secret = 'wrong-Secret-91';
    const url = `postgresql://${pg.user}:${secret}@${pg.host}:${pg.port}/postgres?schema=nope`;
    const r = fg(['generate', '--customers', 20, '--seed', 2, '--output', url], { env: {} });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /password authentication failed/);
    assertNoSecret(r, secret);
    const env = fg(['generate', '--customers', 20, '--seed', 2, '--output', pg.url('nope')], { env: { PGPASSWORD: secret } });
    assert.equal(env.status, 1, env.stderr);
    assertNoSecret(env, secret);
  });

  test('an unreachable host: exit 1 naming the server, no password printed', async () => {
    const port = await freePort();
    const secret = 'unreachable-Secret-5';
    const r = fg(['generate', '--customers', 20, '--seed', 2, '--output', `postgres://u:${secret}@127.0.0.1:${port}/db`], { env: {} });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /cannot connect to PostgreSQL at postgres:\/\/u:\*\*\*@127\.0\.0\.1/);
    assertNoSecret(r, secret);
  });

  for (const [what, url, expect] of [
    ['an unknown parameter', 'postgresql://u:pw-Secret-1@127.0.0.1/db?schema=x&colour=blue', /unknown parameter 'colour'; accepted: schema, .*sslmode/],
    ['a schema name with capitals', 'postgresql://u:pw-Secret-1@127.0.0.1/db?schema=Bad-Name', /schema 'Bad-Name'.*accepted: 1 to 40 lower-case/],
    ['a malformed URI', 'postgresql://u:pw-Secret-1@[::1/db', /not a valid PostgreSQL URI.*accepted/],
    ['--format with a database', 'postgresql://u:pw-Secret-1@127.0.0.1/db --format jsonl', /--format does not apply/],
    ['--partition-by with a database', 'postgresql://u:pw-Secret-1@127.0.0.1/db --partition-by month', /--partition-by does not apply/],
  ]) {
    test(`${what}: exit 2 saying what is accepted, no password printed`, () => {
      const [u, ...rest] = url.split(' ');
      const r = fg(['generate', '--customers', 20, '--seed', 2, '--output', u, ...rest], { env: {} });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, expect);
      assertNoSecret(r, 'pw-Secret-1');
    });
  }
});
