// The quality gate (docs/quality.md): three small datasets, one per --difficulty, from one seed;
// the baseline model (scripts/baseline-model.py: scikit-learn's gradient-boosted trees, default
// settings, time-based split, the documented feature set) must find realistic fraud hard but
// learnable, easy easier and hard harder, and no single feature may give the label away.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelGateTests } from './gate.mjs';
import { RIDE_CHECKS, generate, makeTempDir, runFg } from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCRIPT = path.resolve(HERE, '../../scripts/baseline-model.py');
const PYTHON = '/usr/bin/python3';  // Debian's, with python3-sklearn and python3-pandas
// About 260,000 transactions and 2,600 fraudulent ones per dataset: under a minute for all three.
const ARGS = ['--customers', 300, '--seed', 1, '--start-date', '2025-01-01', '--end-date', '2025-12-31', '--format', 'csv'];

let report;
const dirs = {};
before(() => {
  for (const d of ['easy', 'realistic', 'hard']) dirs[d] = generate([...ARGS, '--difficulty', d]).dir;
  const specs = Object.entries(dirs).map(([d, dir]) => `${d}=${dir}`);
  const json = path.join(makeTempDir(), 'quality.json');
  const r = spawnSync(PYTHON, [SCRIPT, '--json', json, ...specs], { encoding: 'utf8', timeout: 900_000 });
  if (r.error) throw r.error;
  process.stdout.write(r.stdout);  // the readable report, per-type recall included
  assert.equal(r.status, 0, `baseline-model.py failed (status ${r.status}):\n${r.stderr}`);
  report = Object.fromEntries(JSON.parse(readFileSync(json, 'utf8')).map((x) => [x.name, x]));
});

describe('fraudgen validate', () => {
  test('every check passes on each of the three datasets (JSON report, no violation)', () => {
    for (const [d, dir] of Object.entries(dirs)) {
      const r = runFg(['validate', dir, '--format', 'json'], { timeout: 300_000 });
      assert.equal(r.status, 0, `${d}: validate exit ${r.status}\n${r.stdout.slice(0, 3000)}\n${r.stderr}`);
      const v = JSON.parse(r.stdout);
      const checks = v.checks ?? [];
      assert.ok(checks.length >= 12, `${d}: ${checks.length} checks reported`);
      for (const c of checks) {
        assert.equal(c.violations, 0, `${d}: ${c.name}: ${JSON.stringify(c.examples)}`);
        if (RIDE_CHECKS.includes(c.name)) continue;  // no ride tables in a transactions dataset
        assert.equal(c.skipped, null, `${d}: ${c.name} skipped`);
        if (['history', 'fraud_share'].includes(c.name)) assert.ok(c.rows_checked > 200_000, `${d}: ${c.name} checked ${c.rows_checked} rows`);
      }
    }
  });
});

describe('baseline model', () => {
  modelGateTests(() => report, { unit: 'transactions', minTestFrauds: 800, minFeatures: 40 });

  test('recall is reported for every fraud type, and quiet fraud is harder to catch than the rest', () => {
    const r = report.realistic;
    assert.ok(Object.keys(r.recall_by_type).length >= 20, `recall for ${Object.keys(r.recall_by_type).length} types`);
    assert.ok(r.quiet_test_frauds > 200, `${r.quiet_test_frauds} quiet frauds in the test part`);
    assert.ok(r.auc_roc_quiet < r.auc_roc_loud, `quiet ${r.auc_roc_quiet} vs loud ${r.auc_roc_loud}`);
  });
});
