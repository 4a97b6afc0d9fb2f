// History features: every one is recomputed with DuckDB window functions over the whole
// transactions table and compared with the generator's value on every row. Every feature looks
// back 30 days at most: "new" means not used in the 30 days before, and the previous transaction
// counts when it is at most 30 days old.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PERIOD, generate, loadDataset, num, openDuck, show } from './lib.mjs';

// 40 customers over 90 days: two blocks of 32 customers, split in two transaction files.
const CONFIG = ['--customers', 40, '--seed', 99, ...PERIOD, '--file-size', '2MB', '--format', 'jsonl'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WINDOWS = { '1h': HOUR, '6h': 6 * HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };

let db, run;

before(async () => {
  db = await openDuck();
  run = generate(CONFIG);
  assert.ok(run.manifest.files.filter((f) => f.table === 'transactions').length >= 2, 'expected several transaction files');
  await loadDataset(db, run.dir, run.manifest);
  // Real instants: the typed view parses "2025-03-01T14:05:09.123-03:00" as TIMESTAMPTZ.
  await db.q(`CREATE TABLE tx AS SELECT *, epoch_ms(timestamp) AS ms FROM transactions`);

  const w = (ms) => `(PARTITION BY customer_id ORDER BY ms RANGE BETWEEN ${ms} PRECEDING AND CURRENT ROW)`;
  const cols = [];
  for (const [name, ms] of Object.entries(WINDOWS)) {
    cols.push(`count(*) OVER ${w(ms)} AS velocity_transactions_${name}`);
    cols.push(`CAST(sum(amount) OVER ${w(ms)} AS DECIMAL(18,2)) AS accumulated_amount_${name}`);
  }
  cols.push(`count(DISTINCT merchant_id) OVER ${w(7 * DAY)} AS velocity_unique_merchants_7d`);
  cols.push(`count(DISTINCT device_id) OVER ${w(7 * DAY)} AS velocity_unique_devices_7d`);
  const prev = (c) => `lag(${c}) OVER (PARTITION BY customer_id ORDER BY ms)`;
  const recent = `ms - ${prev('ms')} <= ${30 * DAY}`;  // a previous transaction of the 30 days before
  cols.push(`CASE WHEN ${recent} THEN CAST(ms - ${prev('ms')} AS DOUBLE) / 60000.0::DOUBLE END AS time_since_last_txn_min`);
  // Haversine, R = 6371 km, from the previous transaction's coordinates.
  cols.push(`CASE WHEN ${recent} THEN 2 * 6371 * asin(sqrt(
      pow(sin(radians(geolocation_lat - ${prev('geolocation_lat')}) / 2), 2)
    + cos(radians(${prev('geolocation_lat')})) * cos(radians(geolocation_lat))
      * pow(sin(radians(geolocation_lon - ${prev('geolocation_lon')}) / 2), 2))) END AS distance_from_last_txn_km`);
  // New: the customer's previous row with the same id is missing or more than 30 days old.
  const first = (c) => `CASE WHEN ${c} IS NULL THEN NULL
    ELSE coalesce(ms - lag(ms) OVER (PARTITION BY customer_id, ${c} ORDER BY ms) > ${30 * DAY}, true) END`;
  cols.push(`${first('device_id')} AS device_new_for_customer`);
  cols.push(`${first('beneficiary_id')} AS new_beneficiary`);
  cols.push(`${first('merchant_id')} AS new_merchant`);
  await db.q(`CREATE TABLE expected AS SELECT transaction_id, ${cols.join(',\n')} FROM tx`);
});
after(() => db?.close());

/** Rows where the generator's column differs from the recomputed one, per `cmp`. */
async function mismatches(col, cmp = (a, e) => `${a} IS DISTINCT FROM ${e}`) {
  const where = cmp(`t.${col}`, `e.${col}`);
  const n = num(await db.one(`SELECT count(*) FROM tx t JOIN expected e USING (transaction_id) WHERE ${where}`));
  const rows = n === 0 ? [] : await db.q(`SELECT t.transaction_id, t.customer_id, t.timestamp, t.${col} AS actual, e.${col} AS expected
    FROM tx t JOIN expected e USING (transaction_id) WHERE ${where} ORDER BY t.customer_id, t.ms LIMIT 5`);
  return { n, rows };
}

async function assertSame(col, cmp) {
  const total = num(await db.one(`SELECT count(*) FROM tx`));
  assert.equal(num(await db.one(`SELECT count(*) FROM expected`)), total);
  const { n, rows } = await mismatches(col, cmp);
  assert.equal(n, 0, `${col}: ${n} of ${total} rows differ, e.g. ${show(rows)}`);
}

describe('preconditions', () => {
  test('timestamps are unique per customer and the data is not trivial', async () => {
    const dup = await db.q(`SELECT customer_id, ms, count(*) n FROM tx GROUP BY ALL HAVING n > 1 LIMIT 5`);
    assert.equal(dup.length, 0, `repeated timestamps: ${show(dup)}`);
    // Enough activity that every window matters: some customer has 2+ transactions in an hour.
    assert.ok(num(await db.one(`SELECT max(velocity_transactions_1h) FROM expected`)) >= 2);
    assert.ok(num(await db.one(`SELECT max(velocity_unique_devices_7d) FROM expected`)) >= 2);
    assert.ok(num(await db.one(`SELECT count(*) FROM expected WHERE device_new_for_customer AND time_since_last_txn_min IS NOT NULL`)) > 0,
      'no device first used after a customer\'s first transaction');
  });
});

describe('velocity and accumulated amounts', () => {
  for (const name of Object.keys(WINDOWS)) {
    test(`velocity_transactions_${name} = count in [t - ${name}, t]`, () => assertSame(`velocity_transactions_${name}`));
    test(`accumulated_amount_${name} = sum(amount) in [t - ${name}, t], exact DECIMAL(18,2)`,
      () => assertSame(`accumulated_amount_${name}`));
  }
  test('velocity_unique_merchants_7d = distinct non-null merchant_id in 7 days', () => assertSame('velocity_unique_merchants_7d'));
  test('velocity_unique_devices_7d = distinct non-null device_id in 7 days', () => assertSame('velocity_unique_devices_7d'));
});

describe('previous transaction', () => {
  test('time_since_last_txn_min = ms difference / 60000, exactly equal as DOUBLE, null for the first', async () => {
    await assertSame('time_since_last_txn_min');
    const firsts = num(await db.one(`SELECT count(*) FROM tx WHERE time_since_last_txn_min IS NULL`));
    assert.ok(firsts >= num(await db.one(`SELECT count(DISTINCT customer_id) FROM tx`)), 'a null for every customer\'s first row');
  });

  test('distance_from_last_txn_km = haversine from the previous coordinates, rounded to 3 decimals', async () => {
    await assertSame('distance_from_last_txn_km', (a, e) => `(${a} IS NULL) <> (${e} IS NULL) OR abs(${a} - ${e}) > 0.0011`);
    // rounded to 3 decimals
    const notRounded = await db.q(`SELECT transaction_id, distance_from_last_txn_km FROM tx
      WHERE abs(distance_from_last_txn_km * 1000 - round(distance_from_last_txn_km * 1000)) > 1e-6 LIMIT 5`);
    assert.equal(notRounded.length, 0, show(notRounded));
    assert.ok(num(await db.one(`SELECT count(*) FROM tx WHERE distance_from_last_txn_km > 1`)) > 0, 'all distances tiny');
  });
});

describe('new ids', () => {
  for (const col of ['device_new_for_customer', 'new_beneficiary', 'new_merchant']) {
    test(`${col} = no row of the customer with the same id in the 30 days before (null without one)`, () => assertSame(col));
  }
  test('an id used again after more than 30 days is new again (the rule is not "first use ever")', async () => {
    const again = num(await db.one(`SELECT count(*) FROM (SELECT new_merchant, row_number() OVER (PARTITION BY customer_id, merchant_id ORDER BY ms) AS nth
      FROM tx WHERE merchant_id IS NOT NULL) WHERE new_merchant AND nth > 1`));
    assert.ok(again > 0, 'no merchant new again after 30 days');
  });
});

describe('IN rows (money arriving)', () => {
  test('they count in velocity and amounts like any row: the windows above include them', async () => {
    const customers = num(await db.one(`SELECT count(DISTINCT customer_id) FROM tx WHERE direction = 'IN'`));
    assert.ok(customers >= 30, `only ${customers} of 40 customers receive money`);
    // Not vacuous: an IN row lies in the 24-hour window of some other row.
    const mixed = num(await db.one(`SELECT count(*) FROM (SELECT count(*) FILTER (WHERE direction = 'IN')
      OVER (PARTITION BY customer_id ORDER BY ms RANGE BETWEEN ${DAY} PRECEDING AND CURRENT ROW) AS ins, direction FROM tx) WHERE ins > 0 AND direction = 'OUT'`));
    assert.ok(mixed > 0, 'no OUT row with an IN row in its 24-hour window');
  });

  test('they carry the place of the customer\'s latest OUT row of the 30 days before, home without one', async () => {
    const lastOut = (c) => `last_value(CASE WHEN direction = 'OUT' THEN ${c} END IGNORE NULLS)
      OVER (PARTITION BY customer_id ORDER BY ms ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;
    await db.q(`CREATE TEMP TABLE inrows AS SELECT * FROM (SELECT *, ${lastOut('ms')} AS out_ms, ${lastOut('geolocation_lat')} AS olat,
        ${lastOut('geolocation_lon')} AS olon, ${lastOut('municipality_ibge_code')} AS ocode FROM tx) WHERE direction = 'IN'`);
    const bad = await db.q(`SELECT transaction_id, geolocation_lat, geolocation_lon, olat, olon FROM inrows
      WHERE ms - out_ms <= ${30 * DAY} AND (geolocation_lat <> olat OR geolocation_lon <> olon OR municipality_ibge_code <> ocode) LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    const away = await db.q(`SELECT t.transaction_id, t.municipality_ibge_code, c.address_ibge_code FROM inrows t JOIN customers c USING (customer_id)
      WHERE (t.out_ms IS NULL OR t.ms - t.out_ms > ${30 * DAY}) AND t.municipality_ibge_code <> c.address_ibge_code LIMIT 5`);
    assert.equal(away.length, 0, show(away));
    // Both cases occur: after an OUT row, and at home (no OUT row before).
    assert.ok(num(await db.one(`SELECT count(*) FROM inrows WHERE ms - out_ms <= ${30 * DAY}`)) > 100);
    assert.ok(num(await db.one(`SELECT count(*) FROM inrows WHERE out_ms IS NULL`)) > 0);
    // Right after an OUT row at the same place, the distance is 0.
    const moved = await db.q(`SELECT transaction_id, distance_from_last_txn_km FROM (SELECT *, lag(direction) OVER (PARTITION BY customer_id ORDER BY ms) AS pdir,
        lag(ms) OVER (PARTITION BY customer_id ORDER BY ms) AS pms FROM tx)
      WHERE direction = 'IN' AND pdir = 'OUT' AND ms - pms <= ${30 * DAY} AND distance_from_last_txn_km <> 0 LIMIT 5`);
    assert.equal(moved.length, 0, show(moved));
  });

  test('new_beneficiary is null on IN rows: the sender is payer_id, not a beneficiary', async () => {
    const bad = await db.q(`SELECT transaction_id, new_beneficiary, beneficiary_id, payer_id FROM tx
      WHERE direction = 'IN' AND (new_beneficiary IS NOT NULL OR beneficiary_id IS NOT NULL OR payer_id IS NULL) LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
  });
});
