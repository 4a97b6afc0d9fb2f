// The rides quality gate (docs/quality.md, "Rides"): three small ride datasets, one per --difficulty,
// from one seed; the ride baseline model (scripts/ride-baseline-model.py: the banking method, on the
// documented ride features) must find realistic ride fraud hard but learnable, easy easier and hard
// harder, no single feature may give the label away, and every fraud type the dataset holds must be
// learnable (AUC-ROC at least 0.65) without being given away (at most 0.98).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelGateTests } from './gate.mjs';
import { RIDE_CHECKS, generate, makeTempDir, runFg } from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCRIPT = path.resolve(HERE, '../../scripts/ride-baseline-model.py');
const PYTHON = '/usr/bin/python3';  // Debian's, with python3-sklearn and python3-pandas
// About 97,000 rides on realistic, whose types' own AUCs are measured; the fraud rate is 3% instead
// of the default 1% so that each type has enough fraudulent rides in the test part for it. Easy
// and hard only need their overall AUC-ROC (and hard its single features): 2,000 customers, about
// 38,000 rides, keep the test's time down.
const ARGS = ['--type', 'rides', '--seed', 1, '--start-date', '2025-01-01', '--end-date', '2025-06-30', '--fraud-rate', 0.03, '--format', 'csv'];
const CUSTOMERS = { easy: 2000, realistic: 5000, hard: 2000 };
const TYPE_AUC = [0.65, 0.98];
const TYPES = ['GPS_SPOOFING', 'GHOST_RIDE', 'PROMO_ABUSE', 'SURGE_ABUSE', 'MULTI_ACCOUNT_DRIVER', 'REFUND_ABUSE',
  'RATING_FRAUD', 'PAYMENT_CHARGEBACK', 'SPLIT_FARE_FRAUD', 'ACCOUNT_TAKEOVER_RIDE', 'DESTINATION_DISPARITY'];

let report;
const runs = {};
before(() => {
  for (const d of ['easy', 'realistic', 'hard']) runs[d] = generate([...ARGS, '--customers', CUSTOMERS[d], '--difficulty', d]);
  const specs = Object.entries(runs).map(([d, run]) => `${d}=${run.dir}`);
  const json = path.join(makeTempDir(), 'quality_rides.json');
  // Two evaluations at a time: realistic in one process, easy then hard in the other.
  const r = spawnSync(PYTHON, [SCRIPT, '--json', json, '--jobs', '2', ...specs], { encoding: 'utf8', timeout: 900_000 });
  if (r.error) throw r.error;
  process.stdout.write(r.stdout);  // the readable report, per-type recall and AUC included
  assert.equal(r.status, 0, `ride-baseline-model.py failed (status ${r.status}):\n${r.stderr}`);
  report = Object.fromEntries(JSON.parse(readFileSync(json, 'utf8')).map((x) => [x.name, x]));
});

describe('fraudgen validate', () => {
  test('every check passes on each of the three ride datasets (JSON report, no violation)', () => {
    for (const [d, { dir }] of Object.entries(runs)) {
      const r = runFg(['validate', dir, '--format', 'json'], { timeout: 300_000 });
      const v = JSON.parse(r.stdout);
      const failing = (v.checks ?? []).filter((c) => c.violations !== 0).map((c) => `${c.name}: ${JSON.stringify(c.examples)}`);
      assert.deepEqual(failing, [], `${d}: checks with violations`);
      assert.equal(r.status, 0, `${d}: validate exit ${r.status}\n${r.stderr}`);
      for (const name of RIDE_CHECKS) {
        const c = (v.checks ?? []).find((x) => x.name === name);
        assert.ok(c, `${d}: no ${name} check`);
        assert.equal(c.skipped, null, `${d}: ${name} skipped`);
        assert.ok(c.rows_checked > 0, `${d}: ${name} checked no row`);
      }
    }
  });
});

describe('ride baseline model', () => {
  modelGateTests(() => report, { unit: 'rides', minTestFrauds: 300, minFeatures: 60 });

  test(`every fraud type in the manifest is learnable and not given away: its AUC-ROC within [${TYPE_AUC}] (realistic)`, () => {
    const byType = report.realistic.by_type;
    assert.deepEqual(Object.keys(byType).sort(), [...TYPES].sort(), 'every type is reported, present or not');
    const inManifest = runs.realistic.manifest.ride_fraud.rides_by_type;
    const present = TYPES.filter((t) => inManifest[t] > 0);
    assert.ok(present.length >= 5, `only ${present.length} types in the manifest`);
    const outside = [];
    for (const t of present) {
      const { auc_roc: auc, recall, test_frauds: n } = byType[t];
      if (auc === null || !(auc >= TYPE_AUC[0] && auc <= TYPE_AUC[1])) outside.push(`${t} AUC ${auc} recall ${recall} (${n} test frauds)`);
    }
    assert.deepEqual(outside, [], 'types outside the band');
    for (const t of TYPES.filter((x) => !(inManifest[x] > 0))) assert.equal(byType[t].test_frauds, 0, `${t} is absent from the manifest`);
  });
});
