// The risk engine: fraud_score is recomputed on every row, with SQL, from the rules written in
// docs/fraud-model.md and the observable columns only; status follows the limits and the score
// thresholds, and the few outcomes no column explains stay within their documented shares.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generate, loadDataset, num, openDuck, show } from './lib.mjs';

// 400 customers over a year: about 350,000 transactions.
const CONFIG = ['--customers', 400, '--seed', 2024, '--start-date', '2025-01-01', '--end-date', '2025-12-31', '--format', 'jsonl'];
const HOUR = 3_600_000, DAY = 24 * HOUR, BRT = 3 * HOUR;

let db, run;

before(async () => {
  db = await openDuck();
  run = generate(CONFIG);
  await loadDataset(db, run.dir, run.manifest);
  const card = `type IN ('CREDIT_CARD', 'DEBIT_CARD')`, transfer = `type IN ('PIX', 'TED')`;
  // The rules of docs/fraud-model.md, "Risk engine", one CASE each.
  const rules = [
    `CASE WHEN device_new_for_customer THEN 20 ELSE 0 END`,
    `CASE WHEN ${transfer} AND new_beneficiary AND amount >= 1000 THEN 20 WHEN ${transfer} AND new_beneficiary THEN 10 ELSE 0 END`,
    `CASE WHEN velocity_transactions_1h >= 10 THEN 25 WHEN velocity_transactions_1h >= 5 THEN 10 ELSE 0 END`,
    // Against the average of the earlier transactions of the 30-day window, without dividing.
    `CASE WHEN velocity_transactions_30d > 1 AND amount * (velocity_transactions_30d - 1) >= 10 * (accumulated_amount_30d - amount) THEN 25
          WHEN velocity_transactions_30d > 1 AND amount * (velocity_transactions_30d - 1) >= 5 * (accumulated_amount_30d - amount) THEN 12 ELSE 0 END`,
    `CASE WHEN local_hour < 6 OR local_hour >= 22 THEN 8 ELSE 0 END`,
    `CASE WHEN distance_from_last_txn_km > 100 AND distance_from_last_txn_km * 3600000 > 900 * gap_ms THEN 20 ELSE 0 END`,
    `CASE WHEN vpn_active THEN 10 ELSE 0 END`,
    `CASE WHEN emulator_detected THEN 25 ELSE 0 END`,
    `CASE WHEN mcc_risk_level = 'high' THEN 8 ELSE 0 END`,
    `CASE WHEN ${card} AND NOT cvv_validated THEN 15 ELSE 0 END`,
    `CASE WHEN ${card} AND card_entry = 'MANUAL' AND NOT auth_3ds THEN 6 ELSE 0 END`,
  ];
  await db.q(`CREATE TABLE tx AS
    WITH base AS (
      SELECT t.*, epoch_ms(t.timestamp) AS ms,
        ((epoch_ms(t.timestamp) - ${BRT}) % ${DAY}) // ${HOUR} AS local_hour,
        epoch_ms(t.timestamp) - lag(epoch_ms(t.timestamp)) OVER (PARTITION BY t.customer_id ORDER BY epoch_ms(t.timestamp)) AS gap_ms,
        CAST(round(c.credit_limit * 100) AS BIGINT) AS credit_limit_cents,
        CAST(round(c.monthly_income * 100) AS BIGINT) AS income_cents
      FROM transactions t JOIN customers c USING (customer_id))
    SELECT *, least(100, ${rules.join(' + ')}) AS expected_score,
      direction = 'OUT' AND CAST(round(amount * 100) AS BIGINT) > CASE WHEN type = 'CREDIT_CARD' THEN credit_limit_cents ELSE income_cents * 5 // 2 END AS over_limit,
      CAST(round(amount * 100) AS BIGINT) > income_cents * 5 // 2 AS above_outgoing_limit,
      type IN ('PIX', 'TED', 'BOLETO') AS holdable
    FROM base`);
});
after(() => db?.close());

test('every fraud_score equals the documented rules recomputed from observable columns', async () => {
  const rows = num(await db.one(`SELECT count(*) FROM tx`));
  assert.ok(rows > 200_000, `only ${rows} transactions`);
  const bad = await db.q(`SELECT transaction_id, fraud_score, expected_score FROM tx WHERE fraud_score IS DISTINCT FROM expected_score LIMIT 5`);
  assert.equal(bad.length, 0, `scores that differ from the rules: ${show(bad)}`);
  // The rules do fire: the score is not a constant.
  const spread = await db.q(`SELECT min(fraud_score) lo, max(fraud_score) hi, count(DISTINCT fraud_score) n FROM tx`);
  assert.equal(num(spread[0].lo), 0);
  assert.ok(num(spread[0].hi) >= 50, `highest score ${spread[0].hi}`);
  assert.ok(num(spread[0].n) >= 20, `${spread[0].n} distinct scores`);
});

test('status follows the limits and the score thresholds', async () => {
  const bad = await db.q(`SELECT transaction_id, type, status, fraud_score, over_limit FROM tx WHERE
      (over_limit AND status <> 'DECLINED')
   OR (NOT over_limit AND fraud_score >= 80 AND status <> 'BLOCKED')
   OR (NOT over_limit AND fraud_score >= 60 AND fraud_score < 80 AND status <> CASE WHEN holdable THEN 'PENDING' ELSE 'DECLINED' END)
   OR (NOT over_limit AND fraud_score < 60 AND status NOT IN ('APPROVED', 'DECLINED', 'PENDING'))
   OR (NOT over_limit AND fraud_score < 60 AND status = 'PENDING' AND NOT holdable)
   LIMIT 5`);
  assert.equal(bad.length, 0, `statuses the rules do not allow: ${show(bad)}`);
  assert.ok(num(await db.one(`SELECT count(*) FROM tx WHERE over_limit`)) > 100, 'the limit rule is exercised');
  assert.ok(num(await db.one(`SELECT count(*) FROM tx WHERE fraud_score >= 60`)) > 0, 'the review threshold is exercised');
});

test('IN rows: the limit is on money going out; only velocity, amount spike and hour can score them', async () => {
  // Money arriving above 2.5 monthly incomes is not declined for it (the general test above checks its status).
  const big = num(await db.one(`SELECT count(*) FROM tx WHERE direction = 'IN' AND above_outgoing_limit`));
  assert.ok(big > 0, 'no IN row above the outgoing limit: the exemption is not exercised');
  const declined = num(await db.one(`SELECT count(*) FROM tx WHERE direction = 'IN' AND above_outgoing_limit AND status = 'DECLINED'`));
  assert.ok(declined <= Math.max(2, big * 0.05), `${declined} of ${big} large IN rows declined`);
  const bad = await db.q(`SELECT transaction_id, fraud_score, device_new_for_customer, new_beneficiary, mcc_risk_level, card_entry FROM tx
    WHERE direction = 'IN' AND (device_new_for_customer IS NOT NULL OR new_beneficiary IS NOT NULL OR mcc_risk_level IS NOT NULL
      OR card_entry IS NOT NULL OR vpn_active IS NOT NULL) LIMIT 5`);
  assert.equal(bad.length, 0, show(bad));
  assert.ok(num(await db.one(`SELECT count(*) FROM tx WHERE direction = 'IN' AND fraud_score > 0`)) > 0, 'IN rows are never scored');
});

test('outcomes no column explains stay within their documented shares (1.2% declines, 0.4% pending transfers)', async () => {
  const [s] = await db.q(`SELECT
      avg(CASE WHEN status = 'DECLINED' THEN 1 ELSE 0 END) AS declined,
      avg(CASE WHEN status = 'PENDING' AND holdable THEN 1 ELSE 0 END) FILTER (WHERE holdable) AS pending
    FROM tx WHERE NOT over_limit AND fraud_score < 60`);
  assert.ok(s.declined > 0.009 && s.declined < 0.015, `unexplained declines ${s.declined}`);
  assert.ok(s.pending > 0.002 && s.pending < 0.006, `unexplained pending transfers ${s.pending}`);
});

test('MED returns only on approved PIX', async () => {
  const bad = await db.q(`SELECT transaction_id, type, status FROM tx WHERE is_pix_return AND (type <> 'PIX' OR status <> 'APPROVED') LIMIT 5`);
  assert.equal(bad.length, 0, show(bad));
  const share = await db.one(`SELECT avg(CASE WHEN is_pix_return THEN 1 ELSE 0 END) FROM tx WHERE type = 'PIX' AND status = 'APPROVED'`);
  assert.ok(share > 0.008 && share < 0.016, `PIX return share ${share}`);
});
