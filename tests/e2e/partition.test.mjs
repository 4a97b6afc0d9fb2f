// --partition-by month|day: Hive folders (TABLE/year=YYYY/month=MM[/day=DD]/part-NNNNN.ext) for
// the time-stamped tables, read back and pruned by DuckDB (hive_partitioning) and Polars, checked
// against the manifest's per-file partition and rows, against the unpartitioned output of the
// same seed, across worker counts and shards, and by `fraudgen validate`.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pl from 'nodejs-polars';
import { dataFiles, generate, hashDataFiles, makeTempDir, num, openDuck, runFg, sha256File, sqlStr } from './lib.mjs';

// The tables written in partitions, with the column whose Brasília date names the partition.
const TIME_COLUMN = {
  transactions: 'timestamp', fraud_labels: 'timestamp', rides: 'requested_at', driver_sessions: 'online_at', ride_fraud_labels: 'requested_at',
};
const WHOLE_TABLES = ['customers', 'devices', 'drivers'];
// Three months, two of them partial: 300 customers of banking and rides, about a second.
const MONTHS = ['--type', 'all', '--customers', 300, '--start-date', '2025-02-20', '--end-date', '2025-04-05', '--seed', 5];
// Six days across a month's end, three blocks of customers, small files: several files per day.
const DAYS = ['--type', 'all', '--customers', 500, '--start-date', '2025-02-26', '--end-date', '2025-03-03', '--seed', 9, '--format', 'jsonl',
  '--file-size', '60KB'];

// Twenty days of 60 customers, Parquet: fraud on about half of the days.
const FEW_FRAUD_DAYS = ['--customers', 60, '--start-date', '2025-03-01', '--end-date', '2025-03-20', '--seed', 3, '--partition-by', 'day'];

/** {partition: rows} of a table, from the manifest. */
function manifestCounts(manifest, table) {
  const out = {};
  for (const f of manifest.files.filter((x) => x.table === table)) out[f.partition] = (out[f.partition] ?? 0) + f.rows;
  return out;
}

/** "year=2025/month=03[/day=07]" from the values of the partition columns. */
const partitionOf = (r, byDay) =>
  `year=${r.year}/month=${String(r.month).padStart(2, '0')}${byDay ? `/day=${String(r.day).padStart(2, '0')}` : ''}`;

/** The per-partition counts DuckDB finds reading `glob` with hive_partitioning. */
async function duckCounts(db, reader, byDay) {
  const keys = byDay ? 'year, month, day' : 'year, month';
  const rows = await db.q(`SELECT ${keys}, count(*) AS n FROM ${reader} GROUP BY ALL`);
  return Object.fromEntries(rows.map((r) => [partitionOf(r, byDay), num(r.n)]));
}

describe('--partition-by month, Parquet, banking and rides', () => {
  let part;
  let flat;
  before(() => {
    part = generate([...MONTHS, '--partition-by', 'month', '--workers', 2]);
    flat = generate(MONTHS);
  });

  test('the time-stamped tables lie in year=/month= folders, the others whole; the manifest names each file\'s partition', () => {
    assert.deepEqual(dataFiles(part.dir), part.manifest.files.map((f) => f.path).sort(), 'files on disk = the manifest\'s');
    assert.equal(part.manifest.config.partition_by, 'month');
    for (const f of part.manifest.files) {
      if (TIME_COLUMN[f.table]) {
        const m = /^([a-z_]+)\/(year=\d{4}\/month=\d{2})\/part-\d{5}\.parquet$/.exec(f.path);
        assert.ok(m && m[1] === f.table, `${f.path}: TABLE/year=YYYY/month=MM/part-NNNNN.parquet`);
        assert.equal(f.partition, m[2], `${f.path}: partition in the manifest`);
      } else {
        assert.match(f.path, new RegExp(`^${f.table}/part-\\d{5}\\.parquet$`));
        assert.equal(f.partition, null, f.path);
      }
    }
    for (const t of ['transactions', 'fraud_labels', 'rides', 'driver_sessions']) {
      assert.deepEqual(Object.keys(manifestCounts(part.manifest, t)).sort(), ['year=2025/month=02', 'year=2025/month=03', 'year=2025/month=04'], t);
    }
  });

  test('DuckDB (hive_partitioning): rows per partition = the manifest, each row in the partition of its time column\'s date', async () => {
    const db = await openDuck();
    try {
      for (const [t, col] of Object.entries(TIME_COLUMN)) {
        const reader = `read_parquet(${sqlStr(`${part.dir}/${t}/**/*.parquet`)}, hive_partitioning=true)`;
        assert.deepEqual(await duckCounts(db, reader, false), manifestCounts(part.manifest, t), `${t}: rows per partition`);
        // The partition is the Brasília (-03:00) date of the row's time.
        const misplaced = await db.one(`SELECT count(*) FROM ${reader}
          WHERE strftime(${col} - INTERVAL 3 HOUR, 'year=%Y/month=%m') <> 'year=' || year || '/month=' || month`);
        assert.equal(num(misplaced), 0, `${t}: rows outside their partition`);
      }
    } finally {
      db.close();
    }
  });

  test('DuckDB prunes: a WHERE on year and month reads only that folder\'s files, and counts the manifest\'s rows', async () => {
    const db = await openDuck();
    try {
      const reader = `read_parquet(${sqlStr(`${part.dir}/transactions/**/*.parquet`)}, hive_partitioning=true)`;
      const all = part.manifest.files.filter((f) => f.table === 'transactions');
      const march = all.filter((f) => f.partition === 'year=2025/month=03');
      const query = `SELECT count(*) FROM ${reader} WHERE year = 2025 AND month = 3`;
      assert.equal(num(await db.one(query)), march.reduce((s, f) => s + f.rows, 0));
      const plan = Object.values((await db.q(`EXPLAIN ANALYZE ${query}`))[0]).join('\n');
      assert.match(plan, new RegExp(`Scanning Files: ${march.length}/${all.length}`), plan);
      assert.match(plan, new RegExp(`Total Files Read: ${march.length}\\b`), plan);
    } finally {
      db.close();
    }
  });

  test('Polars (scanParquet, hivePartitioning): the same rows per partition, and a filtered count = the manifest', () => {
    const scan = (t) => pl.scanParquet(`${part.dir}/${t}/**/*.parquet`, { hivePartitioning: true });
    for (const t of Object.keys(TIME_COLUMN)) {
      const df = scan(t).groupBy(['year', 'month']).agg(pl.len().alias('n')).collectSync();
      const counts = Object.fromEntries(df.toRecords().map((r) => [partitionOf(r, false), Number(r.n)]));
      assert.deepEqual(counts, manifestCounts(part.manifest, t), `${t}: Polars rows per partition`);
    }
    const march = scan('transactions').filter(pl.col('year').eq(2025).and(pl.col('month').eq(3))).select(pl.len().alias('n')).collectSync();
    assert.equal(Number(march.getColumn('n').get(0)), manifestCounts(part.manifest, 'transactions')['year=2025/month=03']);
  });

  test('the rows are the unpartitioned output\'s (same seed), as multisets (hash fingerprints); the whole tables are its very files', async () => {
    const db = await openDuck();
    try {
      for (const t of Object.keys(TIME_COLUMN)) {
        const files = (m, dir) => `[${m.files.filter((f) => f.table === t).map((f) => sqlStr(path.join(dir, f.path))).join(', ')}]`;
        const a = `read_parquet(${files(part.manifest, part.dir)}, hive_partitioning=false)`;
        const b = `read_parquet(${files(flat.manifest, flat.dir)}, hive_partitioning=false)`;
        // A multiset's fingerprint: its size, and the sum and xor of its rows' 64-bit hashes.
        const fingerprint = (x) => db.q(`SELECT count(*) AS n, sum(hash(r)) AS s, bit_xor(hash(r)) AS x FROM (SELECT r FROM ${x} r)`);
        const [fa] = await fingerprint(a);
        assert.ok(num(fa.n) > 0, `${t}: rows`);
        assert.deepEqual(fa, (await fingerprint(b))[0], `${t}: the partitioned rows vs the flat output's`);
      }
    } finally {
      db.close();
    }
    for (const t of WHOLE_TABLES) {
      const f = part.manifest.files.filter((x) => x.table === t).map((x) => x.path);
      assert.deepEqual(f, flat.manifest.files.filter((x) => x.table === t).map((x) => x.path), t);
      for (const p of f) assert.equal(await sha256File(path.join(part.dir, p)), await sha256File(path.join(flat.dir, p)), p);
    }
  });

  test('validate passes on the partitioned tree, and fails on one with a changed byte', () => {
    let r = runFg(['validate', part.dir]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /verdict: PASS/);
    const dir = path.join(makeTempDir(), 'tampered');
    cpSync(part.dir, dir, { recursive: true });
    const victim = part.manifest.files.find((f) => f.partition === 'year=2025/month=03' && f.table === 'transactions').path;
    const body = readFileSync(path.join(dir, victim));
    body[Math.floor(body.length / 2)] ^= 0x01;
    writeFileSync(path.join(dir, victim), body);
    r = runFg(['validate', dir]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`${victim.replace(/[.]/g, '\\.')}.*sha256`));
  });
});

describe('--partition-by day, JSONL and CSV: workers, shards, engines', () => {
  let one;
  before(async () => {
    one = generate([...DAYS, '--partition-by', 'day', '--workers', 1]);
    one.hashes = await hashDataFiles(one.dir);
  });

  test('year=/month=/day= folders, several files in a partition (--file-size), DuckDB read_json counts = the manifest', async () => {
    for (const f of one.manifest.files.filter((x) => TIME_COLUMN[x.table])) {
      assert.match(f.path, /^[a-z_]+\/year=2025\/month=0[23]\/day=\d{2}\/part-\d{5}\.jsonl$/);
      assert.equal(f.path.split('/').slice(1, 4).join('/'), f.partition);
    }
    const perPartition = {};
    for (const f of one.manifest.files.filter((x) => x.table === 'transactions')) perPartition[f.partition] = (perPartition[f.partition] ?? 0) + 1;
    assert.equal(Object.keys(perPartition).length, 6, 'one folder per day');
    assert.ok(Object.values(perPartition).every((n) => n >= 2), `several transactions files per day: ${JSON.stringify(perPartition)}`);
    const db = await openDuck();
    try {
      for (const t of Object.keys(TIME_COLUMN)) {
        const reader = `read_json(${sqlStr(`${one.dir}/${t}/*/*/*/*.jsonl`)}, format='newline_delimited', hive_partitioning=true)`;
        assert.deepEqual(await duckCounts(db, reader, true), manifestCounts(one.manifest, t), `${t}: rows per day`);
      }
    } finally {
      db.close();
    }
  });

  test('--workers 1 and 2 write the same bytes', async () => {
    const two = generate([...DAYS, '--partition-by', 'day', '--workers', 2]);
    assert.deepEqual(await hashDataFiles(two.dir), one.hashes);
  });

  test('--shard 0/2 and 1/2: the union is the unsharded tree, finalize makes it whole, validate passes', async () => {
    const dir = path.join(makeTempDir(), 'sharded');
    const shardHashes = {};
    for (const s of ['0/2', '1/2']) {
      const alone = generate([...DAYS, '--partition-by', 'day', '--shard', s], { dir: path.join(makeTempDir(), 'alone'), manifestName: `manifest.shard-0000${s[0]}-of-00002.json` });
      const h = await hashDataFiles(alone.dir);
      for (const k of Object.keys(h)) assert.ok(!(k in shardHashes), `${k} written by both shards`);
      Object.assign(shardHashes, h);
      generate([...DAYS, '--partition-by', 'day', '--shard', s], { dir, manifestName: `manifest.shard-0000${s[0]}-of-00002.json` });
    }
    assert.deepEqual(shardHashes, one.hashes, 'union of the shards = the unsharded files');
    let r = runFg(['finalize', dir]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    r = runFg(['validate', dir]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test('validate fails on a file moved to another day (manifest and folder), naming the rows outside it', () => {
    const dir = path.join(makeTempDir(), 'moved');
    cpSync(one.dir, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const f = manifest.files.find((x) => x.table === 'rides' && x.partition === 'year=2025/month=02/day=27' && x.rows > 0);
    const moved = f.path.replace('day=27', 'day=28').replace(/part-\d{5}/, 'part-00099');
    renameSync(path.join(dir, f.path), path.join(dir, moved));
    Object.assign(f, { path: moved, partition: 'year=2025/month=02/day=28' });
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    const r = runFg(['validate', dir]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /layout .* FAIL/);
    assert.match(r.stdout, /requested_at: value 2025-02-27T.*expected a time in year=2025\/month=02\/day=28, the file's partition/);
  });

  test('--type rides by day: the ride tables in day folders, the rows of --type all\'s, DuckDB counts = the manifest; validate passes', async () => {
    // A --type rides run once counted banking rows it does not write for its partitions, and failed.
    const rides = generate([...DAYS.map((a) => (a === 'all' ? 'rides' : a)), '--partition-by', 'day', '--workers', 2]);
    const ride = (h) => Object.fromEntries(Object.entries(h).filter(([p]) => /^(rides|driver_sessions|ride_fraud_labels)\//.test(p)));
    const hashes = ride(await hashDataFiles(rides.dir));
    assert.ok(Object.keys(hashes).length >= 6, 'ride-table files in several day folders');
    assert.deepEqual(hashes, ride(one.hashes), 'the ride tables of --type all, partitioned alike');
    const db = await openDuck();
    try {
      for (const t of ['rides', 'driver_sessions']) {
        const reader = `read_json(${sqlStr(`${rides.dir}/${t}/*/*/*/*.jsonl`)}, hive_partitioning=true, format='newline_delimited')`;
        assert.deepEqual(await duckCounts(db, reader, true), manifestCounts(rides.manifest, t), `${t}: rows per day`);
      }
    } finally {
      db.close();
    }
    const r = runFg(['validate', rides.dir]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test('CSV: DuckDB read_csv (hive_partitioning) counts = the manifest; validate passes', async () => {
    const csv = generate([...DAYS.filter((a) => a !== 'jsonl' && a !== '--format'), '--format', 'csv', '--partition-by', 'day']);
    const db = await openDuck();
    try {
      for (const t of Object.keys(TIME_COLUMN)) {
        const reader = `read_csv(${sqlStr(`${csv.dir}/${t}/*/*/*/*.csv`)}, header=true, hive_partitioning=true)`;
        assert.deepEqual(await duckCounts(db, reader, true), manifestCounts(csv.manifest, t), `${t}: rows per day`);
      }
    } finally {
      db.close();
    }
    const r = runFg(['validate', csv.dir]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});

describe('--partition-by: bad input', () => {
  test('Parquet by day: a file only for a day with rows (days without fraud have no fraud_labels file), workers 1 and 2 the same bytes', async () => {
    const one = generate([...FEW_FRAUD_DAYS, '--workers', 1]);
    const two = generate([...FEW_FRAUD_DAYS, '--workers', 2]);
    assert.deepEqual(await hashDataFiles(two.dir), await hashDataFiles(one.dir));
    for (const f of one.manifest.files) assert.ok(f.rows > 0, `${f.path} has no rows`);
    // The days with fraud, as DuckDB finds them in the transactions (is_fraud), are the
    // fraud_labels folders on disk: some days have none, and no folder is left for them.
    const db = await openDuck();
    try {
      const reader = `read_parquet(${sqlStr(`${one.dir}/transactions/*/*/*/*.parquet`)}, hive_partitioning = true)`;
      const fraudDays = Object.keys(await duckCounts(db, `${reader} WHERE is_fraud`, true)).sort();
      const folders = dataFiles(one.dir).filter((f) => f.startsWith('fraud_labels/')).map((f) => f.split('/').slice(1, 4).join('/'));
      assert.deepEqual([...new Set(folders)].sort(), fraudDays);
      assert.ok(fraudDays.length > 0 && fraudDays.length < 20, `some days without fraud: ${fraudDays.length} of 20 have some`);
    } finally {
      db.close();
    }
    const r = runFg(['validate', one.dir]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test('an unknown value: exit 2 naming what is accepted, nothing written', () => {
    const out = path.join(makeTempDir(), 'out');
    const r = runFg(['generate', '--customers', 10, '--partition-by', 'week', '--output', out]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--partition-by 'week' is not supported; accepted: none, month, day/);
    assert.ok(!existsSync(out), 'no output folder');
    assert.equal(runFg(['plan', '--customers', 10, '--partition-by', 'hour']).status, 2);
  });

  test('stream has no partitions: --partition-by is refused with exit 2', () => {
    const r = runFg(['stream', '--customers', 5, '--partition-by', 'month']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--partition-by/);
  });
});
