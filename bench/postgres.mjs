// PostgreSQL load benchmark: rows/s of `fraudgen generate --output postgresql://` (simulating,
// encoding binary COPY and loading on several connections at once) next to `psql \copy` of the
// same rows from ready CSV files (what a user does with a generator that writes CSV), in the
// same run, on a throwaway server (tests/e2e/pg_harness.mjs: initdb in /tmp, fsync off). The
// constraint build (primary keys, indexes, foreign keys, ANALYZE) is timed on its own: fraudgen
// reports it, and the same statements are timed on the psql-loaded tables.
// Usage: node bench/postgres.mjs FRAUDGEN_BIN [CUSTOMERS] [DAYS] [REPS]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const { startPostgres } = await import(new URL('../tests/e2e/pg_harness.mjs', import.meta.url));
const [bin, customers = '2000', days = '30', repsText = '3'] = process.argv.slice(2);
if (!bin) {
  console.error('usage: node bench/postgres.mjs FRAUDGEN_BIN [CUSTOMERS] [DAYS] [REPS]');
  process.exit(2);
}
const reps = Number(repsText);
const end = new Date(Date.UTC(2025, 2, 1) + (Number(days) - 1) * 86_400_000).toISOString().slice(0, 10);
const flags = ['--customers', customers, '--start-date', '2025-03-01', '--end-date', end, '--seed', '42'];
const TABLES = ['customers', 'devices', 'transactions', 'fraud_labels'];

const pg = await startPostgres();
const csvDir = mkdtempSync(path.join(tmpdir(), 'fraudgen-bench-pg-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;
try {
  // The CSV files psql loads: the same rows, written once.
  const csv = spawnSync(bin, ['generate', ...flags, '--format', 'csv', '--quiet', '--output', path.join(csvDir, 'out')], { encoding: 'utf8' });
  if (csv.status !== 0) throw new Error(csv.stderr);
  const files = TABLES.map((t) => [t, readdirSync(path.join(csvDir, 'out', t)).map((f) => path.join(csvDir, 'out', t, f))]);
  const results = { fraudgen: [], keys: [], psql: [], psqlKeys: [] };
  let rows = 0;
  for (let rep = 0; rep < reps; rep++) {
    // fraudgen: generate and load (the constraint build reported apart).
    const t0 = process.hrtime.bigint();
    const r = spawnSync(bin, ['generate', ...flags, '--overwrite', '--output', pg.url('bench')], {
      encoding: 'utf8', env: { ...process.env, PGPASSWORD: pg.password },
    });
    const total = seconds(t0);
    if (r.status !== 0) throw new Error(r.stderr);
    const keys = Number(/built in ([\d.]+) s/.exec(r.stderr)[1]);
    results.fraudgen.push(total - keys);
    results.keys.push(keys);
    rows = TABLES.reduce((n, t) => n + Number(pg.psql(`SELECT count(*) FROM bench.${t}`)[0][0]), 0);

    // psql \copy of the ready CSV into empty tables of the same types, then the same keys.
    pg.psql('DROP SCHEMA IF EXISTS plain CASCADE; CREATE SCHEMA plain');
    for (const t of TABLES) pg.psql(`CREATE TABLE plain.${t} (LIKE bench.${t})`);
    const t1 = process.hrtime.bigint();
    for (const [t, list] of files)
      for (const f of list) {
        const c = pg.psqlResult(['-c', `\\copy plain.${t} FROM '${f}' WITH (FORMAT csv, HEADER true)`]);
        if (c.status !== 0) throw new Error(c.stderr);
      }
    results.psql.push(seconds(t1));
    const t2 = process.hrtime.bigint();
    pg.psql(`ALTER TABLE plain.customers ADD PRIMARY KEY (customer_id); ALTER TABLE plain.devices ADD PRIMARY KEY (device_id);
             ALTER TABLE plain.transactions ADD PRIMARY KEY (transaction_id); ALTER TABLE plain.fraud_labels ADD PRIMARY KEY (transaction_id);
             CREATE INDEX ON plain.devices (customer_id); CREATE INDEX ON plain.transactions (customer_id, timestamp);
             CREATE INDEX ON plain.transactions (timestamp); CREATE INDEX ON plain.transactions (device_id); CREATE INDEX ON plain.fraud_labels (customer_id);
             ALTER TABLE plain.devices ADD FOREIGN KEY (customer_id) REFERENCES plain.customers;
             ALTER TABLE plain.transactions ADD FOREIGN KEY (customer_id) REFERENCES plain.customers;
             ALTER TABLE plain.transactions ADD FOREIGN KEY (device_id) REFERENCES plain.devices;
             ALTER TABLE plain.fraud_labels ADD FOREIGN KEY (transaction_id) REFERENCES plain.transactions;
             ALTER TABLE plain.fraud_labels ADD FOREIGN KEY (customer_id) REFERENCES plain.customers;
             ANALYZE plain.customers, plain.devices, plain.transactions, plain.fraud_labels`);
    results.psqlKeys.push(seconds(t2));
  }
  const line = (what, s) => console.log(`${what.padEnd(58)} ${s.toFixed(2).padStart(7)} s  ${Math.round(rows / s).toLocaleString('en-US').padStart(10)} rows/s`);
  console.log(`${rows.toLocaleString('en-US')} rows (${customers} customers, ${days} days), medians of ${reps}`);
  line('fraudgen generate --output postgresql:// (without keys)', median(results.fraudgen));
  line('psql \\copy of the same rows from ready CSV (without keys)', median(results.psql));
  line('fraudgen: keys, indexes, statistics', median(results.keys));
  line('psql: the same keys, indexes, statistics, one at a time', median(results.psqlKeys));
} finally {
  pg.stop();
  rmSync(csvDir, { recursive: true, force: true });
}
