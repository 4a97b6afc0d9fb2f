// The tests a quality gate (docs/quality.md) runs on its baseline model's report, shared by the
// banking gate (quality.test.mjs) and the rides gate (quality_rides.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';

export const GATE_AUC = [0.80, 0.93], MAX_SINGLE_PRECISION = 0.40;

/**
 * Declares, in the current describe, that realistic lands its AUC-ROC in GATE_AUC, easy above and
 * hard below it, and no single feature reaches MAX_SINGLE_PRECISION at 10% recall on realistic or
 * hard. `report()` gives the model's report by difficulty once the gate's `before` has run;
 * `unit` names what is scored ('transactions', 'rides'); the minimums keep a shrunken dataset from
 * passing by measuring too little.
 */
export function modelGateTests(report, { unit, minTestFrauds, minFeatures }) {
  test(`realistic (the default): AUC-ROC between ${GATE_AUC[0]} and ${GATE_AUC[1]}`, () => {
    const { auc_roc: auc, test_frauds: frauds } = report().realistic;
    assert.ok(frauds > minTestFrauds, `only ${frauds} fraudulent ${unit} in the test part`);
    assert.ok(auc >= GATE_AUC[0] && auc <= GATE_AUC[1], `realistic AUC-ROC ${auc}`);
  });

  test('easy is easier and hard is harder than realistic', () => {
    const [e, r, h] = ['easy', 'realistic', 'hard'].map((d) => report()[d].auc_roc);
    assert.ok(e > r, `easy ${e} is not above realistic ${r}`);
    assert.ok(h < r, `hard ${h} is not below realistic ${r}`);
  });

  test(`no single feature reaches ${MAX_SINGLE_PRECISION * 100}% precision at 10% recall (realistic and hard)`, () => {
    for (const d of ['realistic', 'hard']) {
      const single = report()[d].single_feature_precision_at_10pct_recall;
      assert.ok(Object.keys(single).length >= minFeatures, `${d}: ${Object.keys(single).length} features measured`);
      const leaks = Object.entries(single).filter(([, p]) => p >= MAX_SINGLE_PRECISION);
      assert.deepEqual(leaks, [], `${d}: features that give the label away`);
    }
  });
}
