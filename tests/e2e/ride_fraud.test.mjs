// Ride fraud end to end, read back by DuckDB: a `--type rides` world with a high --fraud-rate so
// every type has rows enough to look at (docs/fraud-model.md, "Ride fraud"):
//   1. ground truth: is_fraud and the fraud columns agree, ride_fraud_labels holds exactly the
//      fraudulent rides with their values, the manifest counts them, validate passes;
//   2. each type shows in the observable columns the way the model says, and its legitimate
//      look-alikes exist (so no field gives the label away by itself);
//      MULTI_ACCOUNT_DRIVER's second accounts are tied to the operator's and take turns online;
//   3. --fraud-rate is honoured within 5% on a world of 700,000+ rides; 0 gives no fraud;
//   4. bad ride calibration is refused with exit 2.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate, makeTempDir, num, openDuck, runFg, show, sqlStr } from './lib.mjs';

// 3,000 customers over 40 days, 20% of rides fraudulent: about 11,000 rides, 2,000 fraudulent.
const WORLD = ['--type', 'rides', '--customers', 3000, '--seed', 99, '--start-date', '2025-03-01', '--end-date', '2025-04-09',
  '--fraud-rate', 0.2, '--format', 'parquet'];
const TABLES = ['customers', 'drivers', 'rides', 'driver_sessions', 'ride_fraud_labels'];

let db;
let run;
before(async () => {
  db = await openDuck();
  run = generate(WORLD);
  for (const t of TABLES) {
    const files = run.manifest.files.filter((f) => f.table === t).map((f) => sqlStr(path.join(run.dir, f.path)));
    await db.q(`CREATE TABLE ${t} AS SELECT * FROM read_parquet([${files.join(', ')}])`);
  }
});
after(() => db?.close());

const count = async (sql) => num(await db.one(`SELECT count(*) FROM (${sql})`));
async function none(sql, what) {
  const n = await count(sql);
  const rows = n ? await db.q(`SELECT * FROM (${sql}) LIMIT 5`) : [];
  assert.equal(n, 0, `${what}: ${n} rows, e.g. ${show(rows)}`);
}
// Brasília time has no daylight saving since 2019: local = UTC - 3 h (the session's zone is UTC).
const LOCAL_DAY = `(requested_at - INTERVAL 3 HOUR)::DATE`;
const ofType = (type) => `SELECT * FROM rides WHERE fraud_type = '${type}'`;
const legit = `SELECT * FROM rides WHERE NOT is_fraud`;

describe('ground truth', () => {
  test('is_fraud <=> every fraud column set; role and taxonomy are the type\'s, QUIET on the quiet scenarios', async () => {
    await none(`SELECT ride_id FROM rides WHERE is_fraud <> (fraud_type IS NOT NULL) OR is_fraud <> (fraud_scenario_id IS NOT NULL)
      OR is_fraud <> (fraud_role IS NOT NULL) OR is_fraud <> (fraud_taxonomy IS NOT NULL) OR is_fraud <> (fraud_reported_date IS NOT NULL)`,
    'fraud columns vs is_fraud');
    await none(`SELECT fraud_type, list(DISTINCT fraud_role) r, list(DISTINCT regexp_replace(fraud_taxonomy, '\\|QUIET$', '')) t
      FROM rides WHERE is_fraud GROUP BY 1 HAVING len(r) > 1 OR len(t) > 1`, 'one role and taxonomy per type');
    // A scenario is done quietly or not as a whole; the realistic preset does 60% of them quietly.
    await none(`SELECT fraud_scenario_id FROM rides WHERE is_fraud GROUP BY 1 HAVING count(DISTINCT fraud_taxonomy) > 1`,
      'QUIET on some of a scenario\'s rides only');
    const q = await db.one(`SELECT avg((fraud_taxonomy LIKE '%|QUIET')::INT) FROM (SELECT DISTINCT fraud_scenario_id, fraud_taxonomy FROM rides WHERE is_fraud)`);
    assert.ok(q > 0.5 && q < 0.7, `quiet scenarios: ${q} of all, ride_quiet_fraud.share is 0.6`);
    await none(`SELECT ride_id FROM rides WHERE is_fraud AND (fraud_reported_date < ${LOCAL_DAY}
      OR NOT regexp_full_match(fraud_scenario_id, 'RFR_[RD][0-9]{12}-[0-9]{8}-[0-9]+')
      OR strptime(substr(fraud_scenario_id, 19, 8), '%Y%m%d')::DATE > ${LOCAL_DAY})`,
    'scenario id: RFR_, the actor, a start date not after the ride');
  });

  test('ride_fraud_labels holds exactly the fraudulent rides, with their values; the manifest counts them', async () => {
    const fraud = await count(`SELECT 1 FROM rides WHERE is_fraud`);
    assert.ok(fraud > 1000, `only ${fraud} fraudulent rides`);
    assert.equal(await count(`SELECT 1 FROM ride_fraud_labels`), fraud);
    await none(`SELECT r.ride_id FROM rides r LEFT JOIN ride_fraud_labels l USING (ride_id) WHERE r.is_fraud AND (l.ride_id IS NULL
      OR l.customer_id <> r.customer_id OR l.driver_id IS DISTINCT FROM r.driver_id OR l.requested_at <> r.requested_at
      OR l.fraud_type <> r.fraud_type OR l.fraud_scenario_id <> r.fraud_scenario_id OR l.fraud_role <> r.fraud_role
      OR l.fraud_taxonomy <> r.fraud_taxonomy OR l.fraud_reported_date <> r.fraud_reported_date)`, 'label rows vs rides');
    const m = run.manifest.ride_fraud;
    assert.equal(m.fraudulent_rides, fraud);
    assert.equal(m.rides, run.manifest.totals.rides.rows);
    const byType = Object.fromEntries((await db.q(`SELECT fraud_type, count(*) n FROM rides WHERE is_fraud GROUP BY 1`)).map((r) => [r.fraud_type, num(r.n)]));
    for (const [type, n] of Object.entries(m.rides_by_type)) assert.equal(byType[type] ?? 0, n, type);
  });

  test('fraudgen validate passes, the ride_labels check included', () => {
    const r = runFg(['validate', run.dir, '--format', 'json'], { timeout: 300_000 });
    assert.equal(r.status, 0, r.stdout.slice(0, 3000) + r.stderr);
    const labels = JSON.parse(r.stdout).checks.find((c) => c.name === 'ride_labels');
    assert.ok(labels.rows_checked > 10_000 && labels.violations === 0, JSON.stringify(labels));
  });
});

describe('rider-side types show in the rides, and have look-alikes', () => {
  test('PROMO_ABUSE: accounts under a month old, several per person, each taking a promotion; quiet, referral credits on the fraudster\'s own rides; families and new riders look alike', async () => {
    const n = await count(ofType('PROMO_ABUSE'));
    assert.ok(n > 100, `${n} rides`);
    const loud = `${ofType('PROMO_ABUSE')} AND fraud_taxonomy NOT LIKE '%|QUIET'`, quiet = `${ofType('PROMO_ABUSE')} AND fraud_taxonomy LIKE '%|QUIET'`;
    await none(`${loud} AND (account_age_days >= 30 OR (status = 'COMPLETED' AND promo_amount = 0))`, 'young accounts with a promotion');
    // Quiet: the fraudster's own account (the one their ordinary rides use), a credit of R$4-10 on each completed ride.
    await none(`${quiet} AND status = 'COMPLETED' AND (promo_amount = 0 OR promo_amount > 10)`, 'a referral credit on each ride');
    assert.ok(await count(`${quiet} AND account_age_days >= 30`) > 0.8 * await count(quiet), 'quiet: the fraudster\'s own, older accounts');
    // Every loud scenario opens two accounts or more; many put several on one phone.
    await none(`SELECT fraud_scenario_id FROM (${loud}) GROUP BY 1 HAVING count(DISTINCT rider_account_id) < 2
      AND count(*) >= 4`, 'a scenario of one account');
    const crowded = await count(`SELECT fraud_scenario_id FROM (${loud}) GROUP BY fraud_scenario_id, rider_device_id
      HAVING count(DISTINCT rider_account_id) >= 2`);
    const scenarios = await count(`SELECT DISTINCT fraud_scenario_id FROM (${loud})`);
    assert.ok(crowded >= 0.3 * scenarios, `${crowded} of ${scenarios} scenarios with 2+ accounts on a phone`);
    // Look-alikes: legitimate young accounts with promotions; legitimate phones with several accounts.
    assert.ok(await count(`${legit} AND account_age_days < 14 AND promo_amount > 0`) > 10, 'legitimate new accounts with a promotion');
    assert.ok(await count(`SELECT rider_device_id FROM (${legit}) GROUP BY 1 HAVING count(DISTINCT rider_account_id) >= 2`) > 20,
      'legitimate phones with several accounts (families)');
  });

  test('ACCOUNT_TAKEOVER_RIDE: the account on a phone it never used before, a card added that day, far from home; new phones look alike', async () => {
    const n = await count(ofType('ACCOUNT_TAKEOVER_RIDE'));
    assert.ok(n > 50, `${n} rides`);
    // Loud: a card the attacker added that day, from a phone the account's own rides never use.
    // Quiet (ride_quiet_fraud.share): the victim's stolen phone and stored card.
    const loud = `${ofType('ACCOUNT_TAKEOVER_RIDE')} AND fraud_taxonomy NOT LIKE '%|QUIET'`, quiet = `${ofType('ACCOUNT_TAKEOVER_RIDE')} AND fraud_taxonomy LIKE '%|QUIET'`;
    await none(`${ofType('ACCOUNT_TAKEOVER_RIDE')} AND payment_method <> 'CREDIT_CARD'`, 'a card');
    await none(`${loud} AND card_age_days > 1`, 'a card the attacker added');
    assert.ok(await count(loud) > 0.2 * n && await count(quiet) > 0.2 * n, 'loud and quiet takeovers');
    await none(`SELECT a.ride_id FROM (${loud}) a JOIN (${legit}) l USING (rider_account_id)
      WHERE l.rider_device_id = a.rider_device_id`, 'the attacker\'s phone on the victim\'s legitimate rides');
    assert.ok(await count(`SELECT DISTINCT a.ride_id FROM (${quiet}) a JOIN (${legit}) l USING (rider_account_id)
      WHERE l.rider_device_id = a.rider_device_id`) > 0.5 * await count(quiet), 'quiet: the victim\'s own phone');
    // Look-alike: legitimate accounts that changed phones within the range.
    assert.ok(await count(`SELECT rider_account_id FROM (${legit}) GROUP BY 1 HAVING count(DISTINCT rider_device_id) >= 2`) > 10,
      'legitimate accounts on a new phone');
    // Victims report 40% of loud takeovers' rides, 15% of quiet ones'.
    assert.ok(await count(`${ofType('ACCOUNT_TAKEOVER_RIDE')} AND ticket = 'UNAUTHORIZED'`) > 0.1 * n, 'victims report them');
    assert.ok(await count(`${legit} AND ticket = 'UNAUTHORIZED'`) > 0, 'legitimate UNAUTHORIZED tickets');
  });

  test('PAYMENT_CHARGEBACK: a card of days on the account, rides from the afternoon on, disputed 20+ days later; legitimate disputes exist', async () => {
    const n = await count(ofType('PAYMENT_CHARGEBACK'));
    assert.ok(n > 100, `${n} rides`);
    // Quiet scenarios (ride_quiet_fraud.share) put the card on 20-400 days before and ride from the morning on.
    await none(`${ofType('PAYMENT_CHARGEBACK')} AND (payment_method <> 'CREDIT_CARD' OR card_age_days > 400
      OR (fraud_taxonomy NOT LIKE '%|QUIET' AND card_age_days > 4)
      OR (fare_amount > 0 AND (dispute_date IS NULL OR dispute_date < ${LOCAL_DAY} + 20)))`, 'a stolen card, a dispute');
    const loud = `${ofType('PAYMENT_CHARGEBACK')} AND fraud_taxonomy NOT LIKE '%|QUIET'`;
    assert.ok(await count(`${ofType('PAYMENT_CHARGEBACK')} AND card_age_days <= 4`) > 0.25 * n, 'loud ones on a card of days');
    await none(`${ofType('PAYMENT_CHARGEBACK')} AND hour(requested_at - INTERVAL 3 HOUR) BETWEEN 3 AND 7`, 'rides from 08:00 to midnight');
    await none(`${loud} AND hour(requested_at - INTERVAL 3 HOUR) BETWEEN 8 AND 14`, 'loud ones from 15:00 on');
    assert.ok(await count(`${ofType('PAYMENT_CHARGEBACK')} AND account_age_days > 30`) > 0.2 * n, 'bought, old accounts');
    assert.ok(await count(`${legit} AND dispute_date IS NOT NULL`) > 0, 'legitimate disputes');
  });

  test('REFUND_ABUSE: a ticket on every labelled ride, most refunded; honest tickets look alike', async () => {
    const n = await count(ofType('REFUND_ABUSE'));
    assert.ok(n > 50, `${n} rides`);
    await none(`${ofType('REFUND_ABUSE')} AND ticket IS NULL`, 'a ticket');
    const refunded = await count(`${ofType('REFUND_ABUSE')} AND refund_amount > 0`);
    assert.ok(refunded > 0.5 * n && refunded < n, `${refunded} of ${n} refunded (a quarter of claims refused)`);
    assert.ok(await count(`${legit} AND ticket IS NOT NULL AND refund_amount > 0`) > 20, 'legitimate refunds');
  });

  test('SPLIT_FARE_FRAUD: UBER fares split with ring and recruited accounts, disputed later; friends split too', async () => {
    const n = await count(ofType('SPLIT_FARE_FRAUD'));
    assert.ok(n > 10, `${n} rides`);
    await none(`${ofType('SPLIT_FARE_FRAUD')} AND (app <> 'UBER' OR split_account_ids IS NULL OR dispute_date IS NULL)`, 'a split, disputed');
    // Ring accounts pay shares for several requesters and never ask for a ride.
    const ring = await count(`SELECT a.id FROM (${ofType('SPLIT_FARE_FRAUD')}) s, unnest(string_split(s.split_account_ids, '|')) AS a(id)
      WHERE a.id NOT IN (SELECT rider_account_id FROM rides) GROUP BY 1 HAVING count(DISTINCT s.rider_account_id) >= 2`);
    assert.ok(ring > 0, 'ring accounts shared by several requesters');
    assert.ok(await count(`${legit} AND split_account_ids IS NOT NULL`) > 10, 'legitimate splits');
  });

  test('charged_amount is the requester\'s share of fare_amount - promo_amount', async () => {
    await none(`SELECT ride_id FROM rides WHERE charged_amount * 100 <>
      ceil((fare_amount - promo_amount) * 100 / (1 + coalesce(len(string_split(split_account_ids, '|')), 0)))`, 'charged_amount');
  });
});

describe('MULTI_ACCOUNT_DRIVER shows in the drivers and their sessions, and has look-alikes', () => {
  // Pairs of accounts of one app, of two people, on one car (the plate) or one phone.
  const PAIRS = `SELECT a.driver_id AS a, b.driver_id AS b, a.app, a.device_id = b.device_id AS phone,
      a.payout_account_hash = b.payout_account_hash AS payout, a.vehicle_plate = b.vehicle_plate AS car
    FROM drivers a JOIN drivers b ON a.app = b.app AND a.driver_id <> b.driver_id AND a.cpf <> b.cpf
      AND (a.vehicle_plate = b.vehicle_plate OR a.device_id = b.device_id OR a.payout_account_hash = b.payout_account_hash)`;

  test('each second account is another person on the operator\'s car, phone or payout account, never online with it', async () => {
    const n = await count(ofType('MULTI_ACCOUNT_DRIVER'));
    assert.ok(n > 20, `${n} rides`);
    await none(`SELECT DISTINCT driver_id FROM (${ofType('MULTI_ACCOUNT_DRIVER')}) WHERE driver_id NOT IN (SELECT a FROM (${PAIRS}))`,
      'a second account tied to another person\'s account of its app');
    await none(`${ofType('MULTI_ACCOUNT_DRIVER')} AND fraud_role <> 'DRIVER'`, 'the driver\'s fraud');
    // Accounts of one app on one car or phone take turns: no two of their sessions overlap.
    await none(`SELECT p.a, p.b, s.online_at, s.offline_at, t.online_at, t.offline_at FROM (${PAIRS}) p
      JOIN driver_sessions s ON s.driver_id = p.a JOIN driver_sessions t ON t.driver_id = p.b
      WHERE (p.car OR p.phone) AND s.online_at < t.offline_at AND t.online_at < s.offline_at`, 'two accounts of one car online at once');
  });

  test('relatives sharing a car on their own accounts look alike: accounts of one app on one plate, taking turns, with no fraud', async () => {
    // The same world with shared_car_share at its maximum (realistic has a few such couples in
    // thousands of drivers), without fraud.
    const dir = makeTempDir();
    writeFileSync(path.join(dir, 'cal.json'), JSON.stringify({ ride_look_alikes: { shared_car_share: 0.2 } }));
    const shared = generate(['--type', 'rides', '--customers', 3000, '--seed', 99, '--start-date', '2025-03-01', '--end-date', '2025-04-09',
      '--fraud-rate', 0, '--format', 'parquet', '--calibration', path.join(dir, 'cal.json')]);
    const of = (t) => `read_parquet([${shared.manifest.files.filter((f) => f.table === t).map((f) => sqlStr(path.join(shared.dir, f.path))).join(', ')}])`;
    const pairs = PAIRS.replaceAll('FROM drivers a JOIN drivers b', `FROM ${of('drivers')} a JOIN ${of('drivers')} b`);
    const couples = await count(`SELECT * FROM (${pairs}) WHERE car`);
    assert.ok(couples >= 10, `${couples} pairs of accounts on one car`);
    assert.equal(await count(`SELECT * FROM ${of('rides')} WHERE is_fraud`), 0);
    await none(`SELECT p.a, p.b FROM (${pairs}) p JOIN ${of('driver_sessions')} s ON s.driver_id = p.a JOIN ${of('driver_sessions')} t ON t.driver_id = p.b
      WHERE p.car AND s.online_at < t.offline_at AND t.online_at < s.offline_at`, 'a couple online at once');
  });
});

describe('--fraud-rate', () => {
  // `plan` counts every ride block's rows as generate would write them, without writing them.
  const planned = (customers, seed, rate) => {
    const r = runFg(['plan', '--type', 'rides', '--customers', customers, '--seed', seed, '--start-date', '2025-01-01', '--end-date', '2025-06-30',
      '--fraud-rate', rate]);
    assert.equal(r.status, 0, r.stderr);
    const rows = (table) => Number(r.stdout.match(new RegExp(`^  ${table} +(\\d+) `, 'm'))?.[1]);
    return { rides: rows('rides'), fraudulent: rows('ride_fraud_labels') };
  };
  test('honoured within 5% on a small world: 5,000 customers over six months at 3% (about 96,000 rides)', () => {
    // Scenarios few enough for their count to move the rate: the rider-side starts lie on the
    // customers' golden-ratio line, so their number is the expected one (2.80% here before, when
    // each rider drew a Poisson number of them).
    const { rides, fraudulent } = planned(5000, 1, 0.03);
    assert.ok(rides > 90_000, `only ${rides} rides`);
    assert.ok(Math.abs(fraudulent / rides / 0.03 - 1) <= 0.05, `realised ${fraudulent / rides} for 0.03`);
  });
  test('honoured within 5% on 700,000+ rides; 0 gives no fraud', () => {
    const { rides, fraudulent } = planned(40000, 5, 0.02);
    assert.ok(rides > 700_000, `only ${rides} rides`);
    assert.ok(Math.abs(fraudulent / rides / 0.02 - 1) <= 0.05, `realised ${fraudulent / rides} for 0.02`);
    const zero = generate([...WORLD.slice(0, WORLD.indexOf('--fraud-rate')), '--fraud-rate', 0]);
    assert.equal(zero.manifest.ride_fraud.fraudulent_rides, 0);
    assert.equal(zero.manifest.totals.ride_fraud_labels.rows, 0);
  });
});

describe('bad ride calibration', () => {
  test('a ride look-alike out of range, an unknown ride fraud type, or no simulated type left: exit 2, what is accepted, nothing written', () => {
    const cases = [
      [{ ride_look_alikes: { ticket_share: 0.9 } }, /ride_look_alikes\.ticket_share is 0\.9; accepted: .*0.*0\.2/],
      [{ ride_look_alikes: { nonsense: 1 } }, /unknown key ride_look_alikes\.nonsense; accepted in ride_look_alikes: .*new_accounts_per_year/],
      [{ ride_fraud_type_weights: { BOGUS: 1 } }, /unknown ride fraud type ride_fraud_type_weights\.BOGUS; accepted: GPS_SPOOFING/],
      [{ ride_quiet_fraud: { share: 1.5 } }, /ride_quiet_fraud\.share is 1\.5; accepted: a number from 0 to 1/],
      [{ ride_quiet_fraud: { sharee: 0.5 } }, /unknown key ride_quiet_fraud\.sharee; accepted in ride_quiet_fraud: share/],
      [{ ride_look_alikes: { shared_car_share: 0.5 } }, /ride_look_alikes\.shared_car_share is 0\.5; accepted: .*0.*0\.2/],
      [{ ride_look_alikes: { shared_car_phone_share: -0.1 } }, /ride_look_alikes\.shared_car_phone_share is -0\.1; accepted: .*0.*1/],
      [{ ride_fraud_type_weights: Object.fromEntries(['GPS_SPOOFING', 'GHOST_RIDE', 'PROMO_ABUSE', 'SURGE_ABUSE', 'MULTI_ACCOUNT_DRIVER',
        'REFUND_ABUSE', 'RATING_FRAUD', 'PAYMENT_CHARGEBACK', 'SPLIT_FARE_FRAUD', 'ACCOUNT_TAKEOVER_RIDE', 'DESTINATION_DISPARITY'].map((t) => [t, 0])) },
      /sets every simulated type to 0/],
    ];
    for (const [calibration, message] of cases) {
      const dir = makeTempDir();
      const file = path.join(dir, 'cal.json');
      writeFileSync(file, JSON.stringify(calibration));
      const out = path.join(dir, 'out');
      const r = runFg(['generate', '--type', 'rides', '--customers', 50, '--calibration', file, '--output', out]);
      assert.equal(r.status, 2, `${JSON.stringify(calibration)}: exit ${r.status}\n${r.stderr}`);
      assert.match(r.stderr, message);
      assert.ok(!existsSync(out), 'output written');
    }
  });
});
