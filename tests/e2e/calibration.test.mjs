// Difficulty presets and calibration files: the manifest records every rate a run used, a file
// overrides them key by key and is checked strictly, the presets really move the look-alikes and
// the quiet fraud, and feeding a manifest's calibration back reproduces the same bytes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate, hashDataFiles, makeTempDir, num, openDuck, runFg, show, sqlStr } from './lib.mjs';

const YEAR = ['--start-date', '2025-01-01', '--end-date', '2025-12-31'];
const BASE = ['--customers', 400, '--seed', 21, ...YEAR, '--fraud-rate', 0.02];
// The presets as docs/fraud-model.md documents them (section "Overlap").
const PRESETS = {
  easy: { look_alikes: { new_devices_per_year: 0.2, trips_per_year_scale: 0.5, big_purchase_share: 0.0005, night_share: 0, new_payee_share: 0.08, business_bursts_per_year: 0 },
    quiet_fraud: { share: 0, aged_attacker_device_share: 0 } },
  realistic: { look_alikes: { new_devices_per_year: 1.5, trips_per_year_scale: 1, big_purchase_share: 0.004, night_share: 0.03, new_payee_share: 0.25, business_bursts_per_year: 6 },
    quiet_fraud: { share: 0.4, aged_attacker_device_share: 0.7 } },
  hard: { look_alikes: { new_devices_per_year: 2, trips_per_year_scale: 2, big_purchase_share: 0.012, night_share: 0.08, new_payee_share: 0.3, business_bursts_per_year: 24 },
    quiet_fraud: { share: 0.7, aged_attacker_device_share: 0.85 } },
};

const files = (run, table) => run.manifest.files.filter((f) => f.table === table).map((f) => sqlStr(path.join(run.dir, f.path)));
const pq = (run, table) => `read_parquet([${files(run, table).join(', ')}])`;
const writeJson = (value) => {
  const file = path.join(makeTempDir(), 'calibration.json');
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};

let db;
const runs = {};
before(async () => {
  db = await openDuck();
  for (const d of ['easy', 'realistic', 'hard']) runs[d] = generate([...BASE, '--difficulty', d]);
});
after(() => db?.close());

describe('presets', () => {
  test('the manifest records the difficulty and every rate of its preset', () => {
    for (const [d, preset] of Object.entries(PRESETS)) {
      const c = runs[d].manifest.config;
      assert.equal(c.difficulty, d);
      assert.equal(c.calibration_file, null);
      assert.deepEqual(c.calibration.look_alikes, preset.look_alikes, `${d} look_alikes`);
      assert.deepEqual(c.calibration.quiet_fraud, preset.quiet_fraud, `${d} quiet_fraud`);
      assert.equal(Object.keys(c.calibration.fraud_type_weights).length, 25);
      assert.ok(Object.values(c.calibration.fraud_type_weights).every((w) => w === 1), `${d} type weights`);
    }
    const plain = generate(BASE.slice(0, 4));
    assert.equal(plain.manifest.config.difficulty, 'realistic', 'the default difficulty');
  });

  test('quiet fraud: none when easy, more when hard than when realistic, near each preset\'s share', async () => {
    const share = {};
    for (const d of Object.keys(PRESETS)) {
      const [r] = await db.q(`SELECT avg(CASE WHEN q THEN 1 ELSE 0 END) AS share, count(*) AS n FROM (
          SELECT fraud_scenario_id, bool_and(fraud_taxonomy LIKE '%|QUIET') AS q FROM ${pq(runs[d], 'transactions')} WHERE is_fraud GROUP BY 1)`);
      assert.ok(num(r.n) > 300, `${d}: ${r.n} scenarios`);
      share[d] = r.share;
      assert.ok(Math.abs(r.share - PRESETS[d].quiet_fraud.share) < 0.07, `${d}: quiet share ${r.share} of ${r.n}`);
    }
    assert.equal(share.easy, 0);
    assert.ok(share.hard > share.realistic, JSON.stringify(share));
  });

  test('look-alikes among legitimate rows grow from easy to realistic to hard', async () => {
    // Per run: legitimate transactions on a device first used after the range began, at night,
    // to a new beneficiary, far above the customer's usual card amount, and in business bursts
    // (5+ PIX by one business customer within an hour).
    const measure = async (run) => {
      const tx = pq(run, 'transactions');
      const [r] = await db.q(`WITH t AS (SELECT * FROM ${tx} WHERE NOT is_fraud),
          usual AS (SELECT customer_id, median(amount) AS m FROM t WHERE type IN ('CREDIT_CARD', 'DEBIT_CARD') GROUP BY 1)
        SELECT count(*) AS n,
          count(*) FILTER (WHERE device_new_for_customer AND timestamp > TIMESTAMPTZ '2025-01-15 03:00:00+00') AS new_device,
          count(*) FILTER (WHERE unusual_time) AS night,
          count(*) FILTER (WHERE new_beneficiary) AS new_payee,
          (SELECT count(*) FROM t JOIN usual USING (customer_id) WHERE type IN ('CREDIT_CARD', 'DEBIT_CARD') AND amount > 5 * m) AS big,
          (SELECT count(*) FROM t WHERE customer_profile IN ('micro_empreendedor', 'business_owner') AND type = 'PIX' AND velocity_transactions_1h >= 5) AS burst
        FROM t`);
      return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, num(v)]));
    };
    const m = {};
    for (const d of Object.keys(PRESETS)) m[d] = await measure(runs[d]);
    for (const k of ['new_device', 'night', 'new_payee', 'big', 'burst']) {
      const [e, r, h] = ['easy', 'realistic', 'hard'].map((d) => m[d][k] / m[d].n);
      assert.ok(r > e, `${k}: realistic ${r} is not above easy ${e}`);
      assert.ok(h > r, `${k}: hard ${h} is not above realistic ${r}`);
    }
    assert.ok(m.realistic.burst > 50, `business bursts in realistic: ${JSON.stringify(m.realistic)}`);
  });
});

describe('calibration files', () => {
  test('a file overrides its keys (and fraud_rate) and the manifest records the file and the rates used', async () => {
    const file = writeJson({ fraud_rate: 0.05, quiet_fraud: { share: 1 }, look_alikes: { night_share: 0.2 } });
    const run = generate(['--customers', 150, '--seed', 3, ...YEAR, '--calibration', file]);
    const c = run.manifest.config;
    assert.equal(c.calibration_file, file);
    assert.equal(c.fraud_rate, 0.05);
    assert.equal(c.calibration.quiet_fraud.share, 1);
    assert.equal(c.calibration.look_alikes.night_share, 0.2);
    assert.equal(c.calibration.look_alikes.new_payee_share, PRESETS.realistic.look_alikes.new_payee_share, 'keys the file leaves out keep the preset');
    const [r] = await db.q(`SELECT count(*) AS n, count(*) FILTER (WHERE is_fraud) AS k,
        count(*) FILTER (WHERE is_fraud AND fraud_taxonomy NOT LIKE '%|QUIET') AS loud FROM ${pq(run, 'transactions')}`);
    assert.ok(Math.abs(num(r.k) / num(r.n) - 0.05) / 0.05 < 0.05, `realised ${num(r.k) / num(r.n)}`);
    assert.equal(num(r.loud), 0, 'every scenario is quiet');
    // --fraud-rate on the command line wins over the file's.
    const explicit = generate(['--customers', 150, '--seed', 3, ...YEAR, '--calibration', file, '--fraud-rate', 0.01]);
    assert.equal(explicit.manifest.config.fraud_rate, 0.01);
  });

  test('fraud_type_weights: a weight of 0 removes a type; only the weighted types remain', async () => {
    const weights = Object.fromEntries(Object.keys(runs.realistic.manifest.config.calibration.fraud_type_weights).map((t) => [t, 0]));
    weights.PIX_GOLPE = 1;
    weights.CARD_TESTING = 3;
    const run = generate(['--customers', 150, '--seed', 4, ...YEAR, '--fraud-rate', 0.02, '--calibration', writeJson({ fraud_type_weights: weights })]);
    const rows = await db.q(`SELECT fraud_type, count(*) AS n FROM ${pq(run, 'transactions')} WHERE is_fraud GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(rows.map((r) => r.fraud_type), ['CARD_TESTING', 'PIX_GOLPE'], show(rows));
  });

  test('the manifest\'s calibration fed back as a file reproduces the run byte for byte', async () => {
    const args = ['--customers', 120, '--seed', 8, ...YEAR, '--difficulty', 'hard'];
    const a = generate(args);
    const file = writeJson({ fraud_rate: a.manifest.config.fraud_rate, ...a.manifest.config.calibration });
    const b = generate([...args.slice(0, -2), '--calibration', file]);
    assert.equal(b.manifest.config.difficulty, 'realistic');
    assert.deepEqual(b.manifest.config.calibration, a.manifest.config.calibration);
    assert.deepEqual(await hashDataFiles(b.dir), await hashDataFiles(a.dir));
  });

  const BAD = [
    ['not JSON', '{"quiet_fraud": ', /not valid JSON/],
    ['a list at the top', '[1, 2]', /top level is array; accepted: an object/],
    ['an unknown top-level key', { quiet: 1 }, /unknown key quiet; accepted: fraud_rate, look_alikes, quiet_fraud, fraud_type_weights/],
    ['an unknown rate', { look_alikes: { new_phones: 1 } }, /unknown key look_alikes\.new_phones; accepted in look_alikes: new_devices_per_year, /],
    ['a rate out of range', { quiet_fraud: { share: 1.5 } }, /quiet_fraud\.share is 1\.5; accepted: a number from 0 to 1/],
    ['a rate of the wrong type', { look_alikes: { night_share: '0.1' } }, /look_alikes\.night_share is string; accepted: a number from 0 to 0\.5/],
    ['a group that is not an object', { quiet_fraud: 0.3 }, /quiet_fraud is number; accepted: an object/],
    ['fraud_rate out of range', { fraud_rate: 0.7 }, /fraud_rate is 0\.7; accepted: a number from 0 to 0\.5/],
    ['an unknown fraud type', { fraud_type_weights: { PIX_FAKE: 1 } }, /unknown fraud type fraud_type_weights\.PIX_FAKE; accepted: ENGENHARIA_SOCIAL, /],
  ];
  for (const [what, content, message] of BAD) {
    test(`a file with ${what}: exit 2, a message naming the file and what is accepted, nothing written`, () => {
      const file = writeJson(content);
      const root = makeTempDir();
      const out = path.join(root, 'out');
      const r = runFg(['generate', '--customers', 10, ...YEAR, '--calibration', file, '--output', out]);
      assert.equal(r.status, 2, `exit status (stderr: ${r.stderr})`);
      assert.ok(r.stderr.includes(`calibration file ${file}`), r.stderr);
      assert.match(r.stderr, message);
      assert.ok(!existsSync(out), 'output folder was created');
      assert.deepEqual(readdirSync(root), []);
    });
  }

  test('a file setting every type weight to 0, a missing file, an unknown --difficulty: exit 2, nothing written', () => {
    const zero = Object.fromEntries(Object.keys(runs.realistic.manifest.config.calibration.fraud_type_weights).map((t) => [t, 0]));
    const cases = [
      [['--calibration', writeJson({ fraud_type_weights: zero })], /every type to 0; accepted: at least one weight above 0/],
      [['--calibration', '/nonexistent/cal.json'], /calibration file \/nonexistent\/cal\.json cannot be read; accepted: a readable JSON file/],
      [['--difficulty', 'medium'], /--difficulty 'medium' is not valid; accepted: easy, realistic or hard/],
    ];
    for (const [flags, message] of cases) {
      const root = makeTempDir();
      const out = path.join(root, 'out');
      const r = runFg(['generate', '--customers', 10, ...YEAR, ...flags, '--output', out]);
      assert.equal(r.status, 2, `${flags.join(' ')}: exit status (stderr: ${r.stderr})`);
      assert.match(r.stderr, message);
      assert.deepEqual(readdirSync(root), [], `${flags.join(' ')} wrote something`);
    }
  });
});
