// Baseline for the Parquet benchmark: DuckDB (its node API, from tests/e2e's pinned packages)
// copies the same transaction rows from memory to Parquet with the same codec, level and row
// group size. Encode-only: the rows are loaded into an in-memory table first, untimed.
// Usage: node bench/duckdb_baseline.mjs DATASET_DIR CODEC LEVEL ROW_GROUP REPS [THREADS...]
// Prints one line per thread count (default 1 and 2): threads rows wall_s cpu_s (medians of REPS).
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const { DuckDBInstance } = require('@duckdb/node-api');
const [dir, codec, level, rowGroup, reps, ...threadCounts] = process.argv.slice(2);
const out = '/dev/shm/fraudgen-duckdb-baseline.parquet';

const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
await c.run(`CREATE TABLE t AS SELECT * FROM read_parquet('${dir}/transactions/*.parquet')`);
const rows = Number((await c.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0]);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const levelOpt = codec === 'zstd' || codec === 'gzip' ? `, COMPRESSION_LEVEL ${level}` : '';
for (const threads of threadCounts.length ? threadCounts.map(Number) : [1, 2]) {
  await c.run(`SET threads = ${threads}`);
  const walls = [], cpus = [];
  for (let r = 0; r < Number(reps); r++) {
    rmSync(out, { force: true });
    const cpu0 = process.cpuUsage(), t0 = process.hrtime.bigint();
    await c.run(`COPY t TO '${out}' (FORMAT parquet, COMPRESSION ${codec === 'none' ? 'uncompressed' : codec}${levelOpt}, ROW_GROUP_SIZE ${rowGroup})`);
    const wall = Number(process.hrtime.bigint() - t0) / 1e9, cpu = process.cpuUsage(cpu0);
    walls.push(wall);
    cpus.push((cpu.user + cpu.system) / 1e6);
  }
  console.log(`${threads} ${rows} ${median(walls)} ${median(cpus)}`);
}
rmSync(out, { force: true });
