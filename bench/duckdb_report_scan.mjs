// DuckDB's scan of the columns `fraudgen report` reads, for bench/report.sh: the same Parquet
// files, the same 20 transactions columns and customers.address_state, grouped by local day,
// type, state and label so every value is decoded. Prints: threads rows wall_s (median of REPS).
// Usage: node bench/duckdb_report_scan.mjs DATASET_DIR REPS [THREADS...]
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const { DuckDBInstance } = require('@duckdb/node-api');
const [dir, reps, ...threadCounts] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const tx = `read_parquet('${dir}/transactions/*.parquet')`;
const query = `SELECT (SELECT count(*) FROM (
    SELECT (epoch_ms(timestamp) - 10800000) // 86400000 AS day, hour(timestamp) AS h, type, customer_state, is_fraud, fraud_type,
      count(*) AS n, sum(amount), count(customer_profile), min(fraud_scenario_id), count(fraud_role), sum(fraud_step),
      max(fraud_reported_date), sum(velocity_transactions_1h), sum(velocity_transactions_24h), sum(velocity_transactions_7d),
      sum(velocity_unique_devices_7d), sum(accumulated_amount_24h), sum(accumulated_amount_7d),
      count(device_new_for_customer), count(new_beneficiary), sum(fraud_score)
    FROM ${tx} GROUP BY ALL)) AS groups,
  (SELECT count(*) FROM ${tx}) + (SELECT count(*) FROM (SELECT address_state, count(*) FROM read_parquet('${dir}/customers/*.parquet') GROUP BY 1)) AS rows`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const threads of threadCounts.length ? threadCounts.map(Number) : [1, 2]) {
  await c.run(`SET threads = ${threads}`);
  const walls = [];
  let rows = 0;
  for (let r = 0; r < Number(reps); r++) {
    const t0 = process.hrtime.bigint();
    rows = Number((await c.runAndReadAll(query)).getRows()[0][1]);
    walls.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  console.log(`${threads} ${rows} ${median(walls).toFixed(3)}`);
}
