// Fraud scenarios and their ground truth: the labels are consistent with each other and with the
// fraud_labels table, every scenario has the shape of its type (src/fraudgen/sim/fraud_types.cpp:
// steps, hours, window, delay, transaction types, devices, places, payees, amounts), the
// requested rate is met and reported exactly by the manifest, the type mix follows the
// prevalences, and fraud is more frequent in November and in high-multiplier states.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PERIOD, generate, hashDataFiles, loadDataset, makeTempDir, num, openDuck, runFg, show, sqlStr,
} from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const STATES_CSV = path.resolve(HERE, '../../data/states.csv');

// 1300 customers over a year at 2%: about 1.2M transactions and 24,000 fraudulent ones (Parquet).
const RATE = 0.02;
const START = '2025-01-01', END = '2025-12-31';
const BIG = ['--customers', 1300, '--seed', 7, '--start-date', START, '--end-date', END, '--fraud-rate', RATE];
const MINUTE = 60_000, HOUR = 3_600_000, DAY = 24 * HOUR, BRT = 3 * HOUR;

// The 25 types of src/fraudgen/sim/fraud_types.cpp (the spec): prevalence, taxonomy, steps,
// transaction types, device (U usual, A attacker, S several attackers), place (U usual,
// O other state, M moving in the home city), local hours of the first step (wrapping past
// midnight), window in minutes (0: not a burst), report delay in days, pattern, main role, MCCs.
const TYPES = [
  ['ENGENHARIA_SOCIAL', 0.28, 'ENGENHARIA_SOCIAL', 1, 3, ['PIX', 'TED'], 'U', 'U', 8, 20, 240, 1, 14, 'Burst', 'TRANSFER', []],
  ['PIX_GOLPE', 0.25, 'PIX_GOLPE|ENGENHARIA_SOCIAL', 1, 3, ['PIX'], 'U', 'U', 6, 23, 120, 1, 3, 'Probe', 'TRANSFER', []],
  ['CONTA_TOMADA', 0.15, 'ATO|CONTA_TOMADA', 5, 12, ['PIX', 'TED'], 'A', 'O', 22, 4, 90, 1, 3, 'Burst', 'CASH_OUT', []],
  ['CARTAO_CLONADO', 0.14, 'CARTAO_CLONADO', 2, 6, ['CREDIT_CARD', 'DEBIT_CARD'], 'A', 'O', 0, 23, 180, 1, 5, 'Probe', 'PURCHASE', ['5541', '5542', '5912', '5411']],
  ['FRAUDE_APLICATIVO', 0.12, 'FRAUDE_APLICATIVO|ATO', 3, 6, ['PIX', 'CREDIT_CARD'], 'A', 'U', 6, 23, 60, 1, 5, 'Burst', 'CASH_OUT', ['5732', '5999']],
  ['FALSA_CENTRAL_TELEFONICA', 0.10, 'FALSA_CENTRAL|ENGENHARIA_SOCIAL|IMPERSONATION', 1, 2, ['PIX'], 'U', 'U', 8, 17, 45, 1, 7, 'Burst', 'TRANSFER', []],
  ['COMPRA_TESTE', 0.08, 'CARD_TESTING', 4, 10, ['CREDIT_CARD', 'DEBIT_CARD'], 'A', 'O', 0, 23, 30, 1, 5, 'Burst', 'PROBE', ['5999', '5732', '5815', '5311']],
  ['BOLETO_FALSO', 0.08, 'BOLETO_FALSO', 1, 2, ['BOLETO'], 'U', 'U', 8, 20, 1440, 2, 7, 'Burst', 'TRANSFER', []],
  ['CARD_TESTING', 0.07, 'CARD_TESTING', 4, 9, ['CREDIT_CARD', 'DEBIT_CARD'], 'A', 'O', 0, 23, 20, 1, 5, 'CardTesting', 'PURCHASE', ['5999', '5732', '5411', '5912']],
  ['MULA_FINANCEIRA', 0.06, 'MULA_FINANCEIRA|LAVAGEM_DINHEIRO', 5, 14, ['PIX', 'TED', 'WITHDRAWAL'], 'U', 'U', 6, 23, 360, 7, 30, 'PassThrough', 'LAUNDERING', []],
  ['MICRO_BURST_VELOCITY', 0.05, 'MICRO_BURST_VELOCITY|BOT', 8, 20, ['PIX', 'CREDIT_CARD', 'DEBIT_CARD'], 'A', 'O', 0, 23, 15, 1, 5, 'Burst', 'CASH_OUT', ['5999', '5732', '5311']],
  ['WHATSAPP_CLONE', 0.05, 'ENGENHARIA_SOCIAL|WHATSAPP_CLONE|IMPERSONATION', 1, 3, ['PIX'], 'U', 'U', 8, 22, 600, 1, 7, 'Burst', 'TRANSFER', []],
  ['PHISHING_BANCARIO', 0.05, 'PHISHING|ATO|CREDENTIAL_STUFFING', 3, 8, ['PIX', 'TED'], 'A', 'O', 0, 23, 60, 1, 5, 'Burst', 'CASH_OUT', []],
  ['DISTRIBUTED_VELOCITY', 0.04, 'DISTRIBUTED_VELOCITY|BOT', 4, 9, ['PIX', 'CREDIT_CARD'], 'S', 'O', 0, 23, 60, 1, 5, 'Burst', 'CASH_OUT', ['5999', '5732']],
  ['MAO_FANTASMA', 0.04, 'RAT_FRAUD|ATO|MAO_FANTASMA', 3, 8, ['PIX', 'TED'], 'U', 'U', 22, 4, 60, 1, 3, 'Burst', 'CASH_OUT', []],
  ['FRAUDE_DELIVERY_APP', 0.04, 'CARTAO_CLONADO|CARD_TESTING', 4, 10, ['CREDIT_CARD', 'DEBIT_CARD'], 'A', 'O', 10, 23, 120, 1, 5, 'Burst', 'PURCHASE', ['5812', '5814', '5811']],
  ['FRAUDE_QR_CODE', 0.04, 'PIX_GOLPE|ENGENHARIA_SOCIAL', 1, 2, ['PIX'], 'U', 'U', 8, 22, 30, 1, 3, 'ForgedQr', 'TRANSFER', []],
  ['SIM_SWAP', 0.03, 'SIM_SWAP|ATO', 3, 7, ['PIX', 'TED'], 'A', 'O', 22, 4, 90, 1, 5, 'Burst', 'CASH_OUT', []],
  ['CREDENTIAL_STUFFING', 0.03, 'CREDENTIAL_STUFFING|BOT|ATO', 5, 15, ['PIX', 'TED', 'CREDIT_CARD'], 'A', 'O', 0, 23, 30, 0, 2, 'Burst', 'CASH_OUT', ['5999', '5732']],
  ['SEQUESTRO_RELAMPAGO', 0.03, 'SEQUESTRO_RELAMPAGO|ENGENHARIA_SOCIAL', 2, 5, ['PIX', 'WITHDRAWAL'], 'U', 'M', 20, 2, 150, 1, 3, 'Burst', 'CASH_OUT', []],
  ['PIX_AGENDADO_FRAUDE', 0.03, 'PIX_GOLPE|ATO', 2, 5, ['PIX'], 'A', 'U', 6, 7, 0, 1, 3, 'Scheduled', 'SCHEDULED', []],
  ['EMPRESTIMO_FRAUDULENTO', 0.03, 'IDENTITY_FRAUD|SYNTHETIC_IDENTITY', 1, 3, ['PIX', 'TED'], 'A', 'U', 8, 20, 240, 7, 30, 'Burst', 'CASH_OUT', []],
  ['GOLPE_INVESTIMENTO', 0.03, 'ENGENHARIA_SOCIAL|PIRAMIDE', 3, 6, ['PIX', 'TED'], 'U', 'U', 8, 21, 0, 14, 60, 'Escalating', 'TRANSFER', []],
  ['SYNTHETIC_IDENTITY', 0.02, 'SYNTHETIC_IDENTITY|IDENTITY_FRAUD', 3, 8, ['CREDIT_CARD', 'PIX'], 'U', 'U', 8, 22, 0, 30, 90, 'BustOut', 'BUST_OUT', ['5732', '5311', '5944', '5999']],
  ['DEEP_FAKE_BIOMETRIA', 0.02, 'IDENTITY_FRAUD|DEEP_FAKE|ATO', 1, 4, ['PIX', 'TED'], 'A', 'O', 0, 23, 120, 3, 14, 'Burst', 'CASH_OUT', []],
];
const PREVALENCE_SUM = TYPES.reduce((s, t) => s + t[1], 0);
const FRAUD_COLS = ['fraud_type', 'fraud_scenario_id', 'fraud_role', 'fraud_step', 'fraud_taxonomy', 'fraud_reported_date'];
const LABEL_COLS = ['transaction_id', 'customer_id', 'timestamp', ...FRAUD_COLS];

const list = (xs) => `[${xs.map(sqlStr).join(', ')}]::VARCHAR[]`;
const parquetFiles = (run, table) => run.manifest.files.filter((f) => f.table === table).map((f) => path.join(run.dir, f.path));
const pq = (run, table) => `read_parquet([${parquetFiles(run, table).map(sqlStr).join(', ')}])`;
/** SQL: local hour h lies in the window [first, last], wrapping past midnight. */
const inHours = (h) => `CASE WHEN first_hour <= last_hour THEN ${h} BETWEEN first_hour AND last_hour ELSE ${h} >= first_hour OR ${h} <= last_hour END`;

let db, big;

before(async () => {
  db = await openDuck();
  big = generate(BIG);
  for (const t of ['customers', 'devices', 'transactions', 'fraud_labels']) {
    assert.ok(parquetFiles(big, t).length > 0, `no ${t} file in the manifest`);
    await db.q(`CREATE VIEW p_${t} AS SELECT * FROM ${pq(big, t)}`);
  }
  await db.q(`CREATE TABLE spec AS SELECT * FROM (VALUES ${TYPES.map((t) => `(${[
    sqlStr(t[0]), t[1], sqlStr(t[2]), t[3], t[4], list(t[5]), sqlStr(t[6]), sqlStr(t[7]), t[8], t[9], t[10], t[11], t[12],
    sqlStr(t[13]), sqlStr(t[14]), list(t[15])].join(', ')})`).join(', ')})
    v(name, prevalence, taxonomy, min_steps, max_steps, tx_types, device, place, first_hour, last_hour, window_minutes,
      min_report_days, max_report_days, pattern, role, mccs)`);
  // Every transaction with its local (Brasília, UTC-3) day number, hour and month.
  await db.q(`CREATE TABLE tx AS SELECT transaction_id, customer_id, device_id, timestamp, epoch_ms(timestamp) AS ms,
      (epoch_ms(timestamp) - ${BRT}) // ${DAY} AS lday, ((epoch_ms(timestamp) - ${BRT}) % ${DAY}) // ${HOUR} AS lhour,
      month(DATE '1970-01-01' + CAST((epoch_ms(timestamp) - ${BRT}) // ${DAY} AS INTEGER)) AS lmonth,
      type, direction, amount, channel, merchant_id, mcc_code, card_number_hash, card_type, card_entry, beneficiary_id, payer_id,
      pix_initiation_mode, device_new_for_customer, municipality_ibge_code, transaction_state, customer_state,
      is_fraud, ${FRAUD_COLS.join(', ')}, fraud_reported_date - DATE '1970-01-01' AS reported_day
    FROM p_transactions`);
  // A quiet scenario (calibration quiet_fraud.share) carries the extra label QUIET and keeps to the
  // customer's usual device, place, hours and amounts: the type's loud shape is checked on the others.
  await db.q(`CREATE TABLE f AS SELECT tx.*, spec.*, tx.fraud_taxonomy LIKE '%|QUIET' AS quiet FROM tx JOIN spec ON spec.name = tx.fraud_type WHERE is_fraud`);
  // One row per scenario. A scenario under way on the first or last date has only its steps
  // inside the range; it is whole when it started on or after START and early enough to end by
  // END: 160 days before it for the escalating type (5 gaps of up to 30 days), 75 for the others
  // (a quiet scenario of 14 steps up to 5 days apart). Its id carries its start date.
  await db.q(`CREATE TABLE sc AS SELECT fraud_scenario_id AS sid, any_value(fraud_type) AS fraud_type,
      any_value(strptime(substr(fraud_scenario_id, 18, 8), '%Y%m%d')::DATE) AS start_date,
      any_value(strptime(substr(fraud_scenario_id, 18, 8), '%Y%m%d')::DATE)
        BETWEEN DATE ${sqlStr(START)} AND DATE ${sqlStr(END)} - CASE WHEN any_value(pattern) = 'Escalating' THEN 160 ELSE 75 END AS whole,
      min(fraud_step) AS min_step, max(fraud_step) AS max_step,
      count(*) AS steps, count(DISTINCT customer_id) AS customers, count(DISTINCT fraud_type) AS types,
      count(DISTINCT fraud_taxonomy) AS taxonomies, count(DISTINCT fraud_reported_date) AS reported_dates,
      min(ms) AS first_ms, max(ms) AS last_ms, min(ms) FILTER (WHERE fraud_step = 1) AS step1_ms, max(lday) AS last_day,
      any_value(reported_day) AS reported_day,
      any_value(min_steps) AS min_steps, any_value(max_steps) AS max_steps, any_value(window_minutes) AS window_minutes,
      any_value(first_hour) AS first_hour, any_value(last_hour) AS last_hour,
      any_value(min_report_days) AS min_report_days, any_value(max_report_days) AS max_report_days,
      any_value(device) AS device, any_value(pattern) AS pattern, bool_and(quiet) AS quiet, bool_or(quiet) AS any_quiet
    FROM f GROUP BY fraud_scenario_id`);
  await db.q(`CREATE TABLE fw AS SELECT f.* FROM f JOIN sc ON sc.sid = f.fraud_scenario_id WHERE sc.whole`);
});
after(() => db?.close());

describe('labels', () => {
  test('the big run has over a million transactions and fraud of all 25 types', async () => {
    const n = num(await db.one(`SELECT count(*) FROM tx`));
    assert.ok(n >= 1_000_000, `only ${n} transactions`);
    const types = await db.q(`SELECT name FROM spec ANTI JOIN (SELECT DISTINCT fraud_type FROM f) ON fraud_type = name`);
    assert.equal(types.length, 0, `types without any scenario: ${show(types, 25)}`);
  });

  test('legitimate rows have every fraud column null, fraudulent rows none', async () => {
    const bad = await db.q(`SELECT transaction_id, is_fraud, ${FRAUD_COLS.join(', ')} FROM tx
      WHERE is_fraud IS NULL
         OR (NOT is_fraud AND NOT (${FRAUD_COLS.map((c) => `${c} IS NULL`).join(' AND ')}))
         OR (is_fraud AND NOT (${FRAUD_COLS.map((c) => `${c} IS NOT NULL`).join(' AND ')})) LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    const legit = num(await db.one(`SELECT count(*) FROM tx WHERE NOT is_fraud`));
    assert.ok(legit > 0, 'no legitimate row');
  });

  test('values: FRD_ + customer + start date + number, a known role, 1-based step, the type\'s taxonomy and role (PROBE where the pattern probes)', async () => {
    const bad = await db.q(`SELECT transaction_id, customer_id, fraud_type, fraud_scenario_id, fraud_role, fraud_step, fraud_taxonomy, pattern, role
      FROM f WHERE NOT regexp_full_match(fraud_scenario_id, 'FRD_[0-9]{12}-20[0-9]{6}-[0-9A-F]')
         OR substr(fraud_scenario_id, 5, 12) <> substr(customer_id, 6, 12)
         OR strptime(substr(fraud_scenario_id, 18, 8), '%Y%m%d')::DATE - DATE '1970-01-01' > lday
         OR fraud_step < 1
         OR fraud_taxonomy <> taxonomy || CASE WHEN quiet THEN '|QUIET' ELSE '' END
         OR fraud_role NOT IN ('PROBE', 'TRANSFER', 'CASH_OUT', 'PURCHASE', 'SCHEDULED', 'LAUNDERING', 'BUST_OUT', 'INFLOW')
         OR ((fraud_role = 'INFLOW') <> (direction = 'IN'))
         OR (fraud_role <> role AND NOT (fraud_role = 'PROBE' AND NOT quiet AND (pattern = 'CardTesting' OR (pattern = 'Probe' AND fraud_step = 1)))
             AND NOT (fraud_role = 'INFLOW' AND pattern = 'PassThrough'))
      LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    // The probing patterns do probe.
    const probes = await db.q(`SELECT fraud_type, count(*) AS n FROM f WHERE fraud_role = 'PROBE' AND fraud_type IN ('PIX_GOLPE', 'CARTAO_CLONADO', 'CARD_TESTING') GROUP BY ALL ORDER BY 1`);
    assert.deepEqual(probes.map((r) => r.fraud_type), ['CARD_TESTING', 'CARTAO_CLONADO', 'PIX_GOLPE'], `PROBE steps per type: ${show(probes)}`);
  });

  test('fraud_labels equals the fraudulent rows of transactions on every shared column, in the same order', async () => {
    const cols = LABEL_COLS.join(', ');
    const labels = num(await db.one(`SELECT count(*) FROM p_fraud_labels`));
    const fraudulent = num(await db.one(`SELECT count(*) FROM p_transactions WHERE is_fraud`));
    assert.equal(labels, fraudulent, 'fraud_labels rows vs fraudulent transactions');
    assert.ok(labels > 10_000, `only ${labels} labels`);
    const onlyLabels = await db.q(`SELECT * FROM (SELECT ${cols} FROM p_fraud_labels EXCEPT ALL SELECT ${cols} FROM p_transactions WHERE is_fraud) LIMIT 3`);
    assert.equal(onlyLabels.length, 0, `label rows without their transaction: ${show(onlyLabels)}`);
    const onlyTx = await db.q(`SELECT * FROM (SELECT ${cols} FROM p_transactions WHERE is_fraud EXCEPT ALL SELECT ${cols} FROM p_fraud_labels) LIMIT 3`);
    assert.equal(onlyTx.length, 0, `fraudulent transactions without their label: ${show(onlyTx)}`);
    const dup = await db.q(`SELECT transaction_id, count(*) AS n FROM p_fraud_labels GROUP BY 1 HAVING count(*) > 1 LIMIT 5`);
    assert.equal(dup.length, 0, show(dup));
    // In the transactions table's order (files in part order, rows in file order).
    const ordered = (table, where) => `SELECT transaction_id, row_number() OVER (ORDER BY filename, file_row_number) AS r FROM (
      SELECT * FROM read_parquet([${parquetFiles(big, table).sort().map(sqlStr).join(', ')}], filename = true, file_row_number = true) ${where})`;
    const order = await db.q(`SELECT l.transaction_id, l.r AS label_row, t.r AS fraudulent_transaction_row
      FROM (${ordered('fraud_labels', '')}) l JOIN (${ordered('transactions', 'WHERE is_fraud')}) t USING (transaction_id) WHERE l.r <> t.r LIMIT 5`);
    assert.equal(order.length, 0, `fraud_labels rows out of the transactions' order: ${show(order)}`);
  });

  test('a scenario has one customer, type, taxonomy and reported date, and a step count in the type\'s range', async () => {
    const bad = await db.q(`SELECT sid, whole, fraud_type, steps, min_steps, max_steps, customers, types, taxonomies, reported_dates FROM sc
      WHERE customers <> 1 OR types <> 1 OR taxonomies <> 1 OR reported_dates <> 1 OR steps > max_steps OR (whole AND steps < min_steps) LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    const [cut] = await db.q(`SELECT count(*) FILTER (WHERE start_date < DATE ${sqlStr(START)}) AS before_start, count(*) FILTER (WHERE whole) AS whole FROM sc`);
    assert.ok(num(cut.before_start) > 0, 'no scenario under way on the first date: the world has no past');
    assert.ok(num(cut.whole) > 5000, `only ${cut.whole} whole scenarios`);
    const [partial] = await db.q(`SELECT count(*) AS n FROM sc WHERE start_date < DATE ${sqlStr(START)} AND steps < min_steps`);
    assert.ok(num(partial.n) > 0, 'no scenario under way on the first date with fewer steps than its type draws');
    // Every type reaches both ends of its step range somewhere (the range is really drawn).
    const ends = await db.q(`SELECT fraud_type, min(steps) AS lo, max(steps) AS hi, any_value(min_steps) AS min_steps, any_value(max_steps) AS max_steps, count(*) AS n
      FROM sc WHERE whole GROUP BY 1 HAVING count(*) >= 100 AND (min(steps) <> any_value(min_steps) OR max(steps) <> any_value(max_steps))`);
    assert.equal(ends.length, 0, `types with >= 100 scenarios missing an end of their step range: ${show(ends)}`);
  });

  test('steps are numbered 1..n in time order, without gaps or ties (the range\'s edges cut a scenario, never its middle)', async () => {
    const bad = await db.q(`SELECT sid, transaction_id, fraud_step, rn, timestamp FROM (
        SELECT fraud_scenario_id AS sid, transaction_id, fraud_step, timestamp,
          min(fraud_step) OVER (PARTITION BY fraud_scenario_id) - 1 + row_number() OVER (PARTITION BY fraud_scenario_id ORDER BY ms, fraud_step) AS rn,
          count(*) OVER (PARTITION BY fraud_scenario_id, ms) AS same_time
        FROM f) WHERE fraud_step <> rn OR same_time > 1 LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    const gaps = await db.q(`SELECT sid, steps, min_step, max_step FROM sc
      WHERE max_step - min_step + 1 <> steps OR (whole AND min_step <> 1) OR (start_date >= DATE ${sqlStr(START)} AND min_step <> 1) LIMIT 5`);
    assert.equal(gaps.length, 0, show(gaps));
    const [late] = await db.q(`SELECT count(*) AS n FROM sc WHERE start_date < DATE ${sqlStr(START)} AND min_step > 1`);
    assert.ok(num(late.n) > 0, 'no scenario started before the first date shows its later steps');
  });

  test('every step lies in the date range; reported date = last step\'s local date + a delay in the type\'s range', async () => {
    const range = await db.q(`SELECT transaction_id, timestamp FROM f
      WHERE lday < DATE ${sqlStr(START)} - DATE '1970-01-01' OR lday > DATE ${sqlStr(END)} - DATE '1970-01-01' LIMIT 5`);
    assert.equal(range.length, 0, `fraudulent steps outside ${START}..${END} (local): ${show(range)}`);
    const bad = await db.q(`SELECT sid, fraud_type, last_day, reported_day, reported_day - last_day AS delay, min_report_days, max_report_days FROM sc
      WHERE (whole AND reported_day - last_day NOT BETWEEN min_report_days AND max_report_days) OR reported_day - last_day < min_report_days LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    // The delay is drawn per scenario: most types show several distinct delays.
    const fixed = await db.q(`SELECT fraud_type, count(DISTINCT reported_day - last_day) AS delays FROM sc
      WHERE whole AND max_report_days - min_report_days >= 2 GROUP BY 1 HAVING count(*) >= 50 AND count(DISTINCT reported_day - last_day) < 3`);
    assert.equal(fixed.length, 0, `types whose delay hardly varies: ${show(fixed)}`);
  });
});

describe('manifest and rate', () => {
  test(`the realised share is within 5% of --fraud-rate ${RATE} and the manifest reports the data exactly`, async () => {
    const [d] = await db.q(`SELECT count(*) AS n, count(*) FILTER (WHERE is_fraud) AS k, count(DISTINCT fraud_scenario_id) AS scenarios FROM tx`);
    const n = num(d.n), k = num(d.k);
    const share = k / n;
    assert.ok(Math.abs(share - RATE) / RATE < 0.05, `realised share ${share} (${k} / ${n})`);
    const m = big.manifest.fraud;
    assert.equal(m.requested_rate, RATE);
    assert.equal(m.transactions, n, 'fraud.transactions');
    assert.equal(m.fraudulent_transactions, k, 'fraud.fraudulent_transactions');
    assert.equal(m.realised_rate, k / n, 'fraud.realised_rate');
    assert.equal(m.scenarios, num(d.scenarios), 'fraud.scenarios');
    const byType = Object.fromEntries((await db.q(`SELECT spec.name, count(f.fraud_type) AS n FROM spec LEFT JOIN f ON f.fraud_type = spec.name GROUP BY spec.name`))
      .map((r) => [r.name, num(r.n)]));
    assert.deepEqual(m.transactions_by_type, byType, 'fraud.transactions_by_type');
    const labelFiles = big.manifest.files.filter((x) => x.table === 'fraud_labels').reduce((s, x) => s + x.rows, 0);
    assert.equal(labelFiles, k, 'rows of the fraud_labels files in the manifest');
  });

  test('each type\'s share of fraudulent transactions is near prevalence / sum of prevalences (types >= 2%)', async () => {
    const rows = await db.q(`SELECT spec.name, spec.prevalence / ${PREVALENCE_SUM} AS expected,
        count(f.fraud_type) / (SELECT count(*) FROM f) AS share
      FROM spec LEFT JOIN f ON f.fraud_type = spec.name GROUP BY spec.name, spec.prevalence ORDER BY spec.name`);
    const checked = rows.filter((r) => r.expected >= 0.02);
    assert.ok(checked.length >= 15, `${checked.length} types checked`);
    const off = checked.filter((r) => Math.abs(r.share - r.expected) / r.expected > 0.35);
    assert.equal(off.length, 0, `types off their prevalence by more than 35%: ${show(off, 25)}`);
  });

  test('the fraud share is higher in November than in February (MONTHLY_MULT 1.30 vs 0.80)', async () => {
    const rows = await db.q(`SELECT lmonth, avg(CASE WHEN is_fraud THEN 1 ELSE 0 END) AS share, count(*) AS n FROM tx WHERE lmonth IN (2, 11) GROUP BY 1 ORDER BY 1`);
    assert.equal(rows.length, 2, show(rows));
    const [feb, nov] = rows;
    assert.ok(nov.share > 1.25 * feb.share, `November ${nov.share} vs February ${feb.share}: ${show(rows)}`);
  });

  test('the fraud share is higher in states with multiplier >= 1.2 than in those <= 0.92 (data/states.csv)', async () => {
    assert.ok(existsSync(STATES_CSV), STATES_CSV);
    const rows = await db.q(`WITH st AS (SELECT uf, fraud_state_multiplier AS m FROM read_csv(${sqlStr(STATES_CSV)}, header = true))
      SELECT CASE WHEN st.m >= 1.2 THEN 'high' ELSE 'low' END AS grp, list(DISTINCT uf ORDER BY uf) AS states,
        avg(CASE WHEN is_fraud THEN 1 ELSE 0 END) AS share, count(*) AS n
      FROM tx JOIN st ON st.uf = tx.customer_state WHERE st.m >= 1.2 OR st.m <= 0.92 GROUP BY 1 ORDER BY 1`);
    assert.equal(rows.length, 2, show(rows));
    const [high, low] = rows;
    assert.ok(num(high.n) > 20_000 && num(low.n) > 20_000, `too few transactions: ${show(rows)}`);
    assert.ok(high.share > 1.15 * low.share, `high-multiplier states ${high.share} vs low ${low.share}: ${show(rows)}`);
  });
});

describe('when', () => {
  test('the first step is in the type\'s local hours', async () => {
    // A step can be pushed forward by a few milliseconds to keep timestamps unique: the hour of
    // 1 s earlier is accepted too.
    const bad = await db.q(`SELECT sid, fraud_type, first_hour, last_hour, h, h_before, to_timestamp(step1_ms / 1000) AS step1 FROM (
        SELECT *, ((step1_ms - ${BRT}) % ${DAY}) // ${HOUR} AS h, ((step1_ms - 1000 - ${BRT}) % ${DAY}) // ${HOUR} AS h_before FROM sc WHERE whole)
      WHERE NOT quiet AND NOT (${inHours('h')}) AND NOT (${inHours('h_before')}) LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    // The night types do start at night, the call-centre scam in office hours.
    const hours = await db.q(`SELECT fraud_type, list(DISTINCT ((step1_ms - ${BRT}) % ${DAY}) // ${HOUR} ORDER BY 1) AS hours FROM sc
      WHERE whole AND NOT quiet AND fraud_type IN ('CONTA_TOMADA', 'SIM_SWAP', 'MAO_FANTASMA', 'FALSA_CENTRAL_TELEFONICA') GROUP BY 1 ORDER BY 1`);
    const expected = {
      CONTA_TOMADA: [0, 1, 2, 3, 4, 22, 23], SIM_SWAP: [0, 1, 2, 3, 4, 22, 23], MAO_FANTASMA: [0, 1, 2, 3, 4, 22, 23],
      FALSA_CENTRAL_TELEFONICA: [8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
    };
    for (const r of hours) {
      const got = r.hours.map(num);
      assert.ok(got.every((h) => expected[r.fraud_type].includes(h)), `${r.fraud_type}: first-step hours ${got}`);
      assert.ok(got.length >= expected[r.fraud_type].length - 1, `${r.fraud_type}: only hours ${got}`);
    }
    assert.equal(hours.length, 4, show(hours));
  });

  test('burst-like scenarios span at most the type\'s window (+1 min); bust-outs at most 5 days', async () => {
    const bad = await db.q(`SELECT sid, fraud_type, steps, window_minutes, (last_ms - first_ms) / ${MINUTE} AS span_minutes FROM sc
      WHERE NOT quiet AND ((window_minutes > 0 AND last_ms - first_ms > (window_minutes + 1) * ${MINUTE})
         OR (pattern = 'BustOut' AND last_ms - first_ms > ${5 * DAY + MINUTE})) LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    // The windows are used: some scenarios of the long-window types take more than a third of it.
    const [w] = await db.q(`SELECT count(*) FILTER (WHERE last_ms - first_ms > window_minutes * ${MINUTE} / 3) AS wide, count(*) AS n FROM sc WHERE NOT quiet AND window_minutes >= 60 AND steps >= 3`);
    assert.ok(num(w.wide) > num(w.n) / 4, `only ${w.wide} of ${w.n} scenarios use a third of their window`);
  });

  test('GOLPE_INVESTIMENTO: one beneficiary, steps 7-30 days apart (+-2 h), amounts rising 1.5x at every step', async () => {
    const payees = await db.q(`SELECT fraud_scenario_id, count(DISTINCT beneficiary_id) AS payees, count(beneficiary_id) AS with_payee, count(*) AS steps
      FROM f WHERE fraud_type = 'GOLPE_INVESTIMENTO' GROUP BY 1 HAVING count(DISTINCT beneficiary_id) <> 1 OR count(beneficiary_id) <> count(*) LIMIT 5`);
    assert.equal(payees.length, 0, show(payees));
    await db.q(`CREATE OR REPLACE TEMP TABLE gi AS SELECT fraud_scenario_id, fraud_step, type, amount, ms - lag(ms) OVER w AS gap,
        amount / lag(amount) OVER w AS ratio FROM f WHERE fraud_type = 'GOLPE_INVESTIMENTO' WINDOW w AS (PARTITION BY fraud_scenario_id ORDER BY fraud_step)`);
    const bad = await db.q(`SELECT fraud_scenario_id, fraud_step, gap / ${HOUR} AS gap_hours FROM gi
      WHERE gap < ${7 * DAY - 2 * HOUR} OR gap > ${30 * DAY + 2 * HOUR + 1000} LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    // One recurring transfer: one type per scenario, each amount 1.5x the previous one times a
    // little log-normal noise (sigma 0.08 per step), so the amounts rise at (almost) every step.
    const types = await db.q(`SELECT fraud_scenario_id FROM gi GROUP BY 1 HAVING count(DISTINCT type) <> 1 LIMIT 5`);
    assert.equal(types.length, 0, `scenarios mixing transfer types: ${show(types)}`);
    const [r] = await db.q(`SELECT median(ratio) AS med, count(ratio) AS n, avg(CASE WHEN ratio > 1 THEN 1 ELSE 0 END) AS up FROM gi WHERE ratio IS NOT NULL`);
    assert.ok(num(r.n) >= 100, `only ${r.n} consecutive pairs`);
    assert.ok(r.med >= 1.4 && r.med <= 1.6, `median step-to-step amount ratio ${r.med} (${r.n} pairs)`);
    assert.ok(r.up >= 0.99, `only ${r.up} of the steps are larger than the previous one`);
  });

  test('PIX_AGENDADO_FRAUDE: PIX only, one beneficiary, steps on later local days 1-3 days apart', async () => {
    const other = await db.q(`SELECT fraud_scenario_id, transaction_id, type, beneficiary_id FROM f WHERE fraud_type = 'PIX_AGENDADO_FRAUDE' AND (type <> 'PIX' OR beneficiary_id IS NULL) LIMIT 5`);
    assert.equal(other.length, 0, show(other));
    const payees = await db.q(`SELECT fraud_scenario_id, count(DISTINCT beneficiary_id) AS payees FROM f WHERE fraud_type = 'PIX_AGENDADO_FRAUDE' GROUP BY 1 HAVING count(DISTINCT beneficiary_id) <> 1 LIMIT 5`);
    assert.equal(payees.length, 0, show(payees));
    const bad = await db.q(`SELECT * FROM (
        SELECT fraud_scenario_id, fraud_step, lday - lag(lday) OVER w AS days, (ms - lag(ms) OVER w) / ${HOUR} AS gap_hours, ms - lag(ms) OVER w AS gap
        FROM f WHERE fraud_type = 'PIX_AGENDADO_FRAUDE' AND NOT quiet
        WINDOW w AS (PARTITION BY fraud_scenario_id ORDER BY fraud_step))
      WHERE days NOT BETWEEN 1 AND 3 OR gap < ${DAY - 20 * MINUTE} OR gap > ${3 * DAY + 20 * MINUTE + 1000} LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
  });
});

describe('quiet fraud', () => {
  test('a scenario is quiet as a whole, as often as the manifest\'s calibration says', async () => {
    const mixed = await db.q(`SELECT sid, fraud_type FROM sc WHERE quiet <> any_quiet LIMIT 5`);
    assert.equal(mixed.length, 0, `scenarios with quiet and loud steps: ${show(mixed)}`);
    const expected = big.manifest.config.calibration.quiet_fraud.share;
    assert.ok(expected > 0 && expected < 1, `quiet_fraud.share ${expected}`);
    const [r] = await db.q(`SELECT avg(CASE WHEN quiet THEN 1 ELSE 0 END) AS share, count(*) AS n FROM sc`);
    assert.ok(num(r.n) > 2000, `${r.n} scenarios`);
    assert.ok(Math.abs(r.share - expected) < 0.04, `quiet share ${r.share} of ${r.n} scenarios, calibration ${expected}`);
  });

  test('quiet steps never probe and, escalation aside, fall on later local days 1-4 days apart', async () => {
    const probes = await db.q(`SELECT transaction_id, fraud_type, fraud_role FROM f WHERE quiet AND fraud_role = 'PROBE' AND role <> 'PROBE' LIMIT 5`);
    assert.equal(probes.length, 0, show(probes));
    const bad = await db.q(`SELECT * FROM (SELECT fraud_scenario_id, fraud_type, fraud_step, lday - lag(lday) OVER w AS days
        FROM f WHERE quiet AND pattern <> 'Escalating' WINDOW w AS (PARTITION BY fraud_scenario_id ORDER BY fraud_step))
      WHERE days NOT BETWEEN 1 AND 4 LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    const n = num(await db.one(`SELECT count(*) FROM f WHERE quiet AND fraud_step > 1 AND pattern <> 'Escalating'`));
    assert.ok(n > 1000, `${n} later quiet steps`);
  });

  test('quiet amounts are near the customer\'s own legitimate amounts of the same type; loud ones are not', async () => {
    // Median over steps of (step amount / the customer's median legitimate amount of that type).
    const rows = await db.q(`WITH usual AS (SELECT customer_id, type, median(amount) AS m FROM tx WHERE NOT is_fraud GROUP BY ALL)
      SELECT quiet, median(f.amount / u.m) AS ratio, count(*) AS n FROM f JOIN usual u USING (customer_id, type)
      WHERE f.type IN ('PIX', 'TED') AND f.fraud_role <> 'PROBE' AND f.pattern NOT IN ('Escalating', 'PassThrough') GROUP BY 1 ORDER BY 1`);
    assert.equal(rows.length, 2, show(rows));
    const [loud, quiet] = rows;
    assert.ok(num(quiet.n) > 500 && num(loud.n) > 500, show(rows));
    assert.ok(quiet.ratio > 0.3 && quiet.ratio < 3, `quiet transfers are ${quiet.ratio}x the customer's usual: ${show(rows)}`);
    assert.ok(loud.ratio > 1.5 * quiet.ratio, `loud transfers (${loud.ratio}x) hardly differ from quiet ones (${quiet.ratio}x)`);
  });

  test('quiet card fraud (online, as all card fraud here) is read like the customer\'s own app payments: tapped or typed', async () => {
    const rows = await db.q(`SELECT card_entry, count(*) AS n FROM f WHERE quiet AND type IN ('CREDIT_CARD', 'DEBIT_CARD') GROUP BY 1 ORDER BY 1`);
    const n = Object.fromEntries(rows.map((r) => [r.card_entry, num(r.n)]));
    assert.ok(n.MANUAL > 100 && n.CONTACTLESS > 0.15 * (n.MANUAL + n.CONTACTLESS), show(rows));
  });
});

describe('what and where', () => {
  test('every step has one of its type\'s transaction types; card steps are card-not-present at the type\'s MCCs', async () => {
    const bad = await db.q(`SELECT transaction_id, fraud_type, type, tx_types FROM f WHERE NOT list_contains(tx_types, type) LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    const cards = await db.q(`SELECT transaction_id, fraud_type, type, card_entry, mcc_code, merchant_id, card_number_hash, mccs FROM f
      WHERE NOT quiet AND type IN ('CREDIT_CARD', 'DEBIT_CARD') AND (card_entry IS DISTINCT FROM 'MANUAL' OR merchant_id IS NULL OR card_number_hash IS NULL
         OR (len(mccs) > 0 AND NOT list_contains(mccs, mcc_code))) LIMIT 5`);
    assert.equal(cards.length, 0, show(cards));
    // The stolen card is the customer's own: one hash per customer and card type, fraud included.
    const hashes = await db.q(`SELECT customer_id, card_type, list(DISTINCT card_number_hash) AS hashes FROM tx WHERE card_number_hash IS NOT NULL
      GROUP BY 1, 2 HAVING count(DISTINCT card_number_hash) > 1 LIMIT 5`);
    assert.equal(hashes.length, 0, show(hashes));
  });

  test('CARD_TESTING: micro PROBE charges (<= 1.00) first, then 1-3 PURCHASE of 500-3000, at most 3 merchants, within 20 min', async () => {
    const bad = await db.q(`SELECT transaction_id, fraud_scenario_id, fraud_step, fraud_role, type, amount FROM f WHERE fraud_type = 'CARD_TESTING' AND NOT quiet AND (
        (fraud_role = 'PROBE' AND amount > 1.00) OR (fraud_role = 'PURCHASE' AND amount NOT BETWEEN 500 AND 3000)
        OR fraud_role NOT IN ('PROBE', 'PURCHASE') OR type NOT IN ('CREDIT_CARD', 'DEBIT_CARD') OR card_entry <> 'MANUAL') LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    const shape = await db.q(`SELECT fraud_scenario_id, count(*) FILTER (WHERE fraud_role = 'PROBE') AS probes,
        count(*) FILTER (WHERE fraud_role = 'PURCHASE') AS purchases, max(fraud_step) FILTER (WHERE fraud_role = 'PROBE') AS last_probe,
        min(fraud_step) FILTER (WHERE fraud_role = 'PURCHASE') AS first_purchase, count(DISTINCT merchant_id) AS merchants,
        (max(ms) - min(ms)) / ${MINUTE} AS minutes
      FROM f WHERE fraud_type = 'CARD_TESTING' AND NOT quiet GROUP BY 1
      HAVING probes < 1 OR purchases NOT BETWEEN 1 AND 3 OR last_probe > first_purchase OR merchants > 3 OR max(ms) - min(ms) > 21 * ${MINUTE} LIMIT 5`);
    assert.equal(shape.length, 0, show(shape));
  });

  test('probes of PIX_GOLPE / CARTAO_CLONADO are 1.00-5.00; COMPRA_TESTE steps are all PROBE', async () => {
    const bad = await db.q(`SELECT transaction_id, fraud_type, fraud_step, fraud_role, amount FROM f
      WHERE (fraud_type IN ('PIX_GOLPE', 'CARTAO_CLONADO') AND fraud_role = 'PROBE' AND amount NOT BETWEEN 1 AND 5)
         OR (fraud_type = 'COMPRA_TESTE' AND fraud_role <> 'PROBE') LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
  });

  test('MULA_FINANCEIRA: 2-6 IN from distinct senders new to the account, then 3-8 OUT within 6 hours of the first, ending in cash', async () => {
    // Every whole scenario, quiet or not: money in first (INFLOW steps from distinct senders), then out.
    const shape = await db.q(`SELECT fraud_scenario_id, count(*) FILTER (WHERE direction = 'IN') AS inflows,
        count(DISTINCT payer_id) AS senders, count(*) FILTER (WHERE direction = 'OUT') AS outflows,
        max(fraud_step) FILTER (WHERE direction = 'IN') AS last_in, min(fraud_step) FILTER (WHERE direction = 'OUT') AS first_out,
        sum(amount) FILTER (WHERE direction = 'OUT') / sum(amount) FILTER (WHERE direction = 'IN') AS out_over_in
      FROM fw WHERE fraud_type = 'MULA_FINANCEIRA' GROUP BY 1
      HAVING count(*) FILTER (WHERE direction = 'IN') NOT BETWEEN 2 AND 6 OR count(*) FILTER (WHERE direction = 'OUT') NOT BETWEEN 3 AND 8
          OR count(DISTINCT payer_id) <> count(*) FILTER (WHERE direction = 'IN')
          OR max(fraud_step) FILTER (WHERE direction = 'IN') > min(fraud_step) FILTER (WHERE direction = 'OUT')
          OR bool_or(direction = 'IN' AND (fraud_role <> 'INFLOW' OR type NOT IN ('PIX', 'TED') OR device_id IS NOT NULL))
          OR sum(amount) FILTER (WHERE direction = 'OUT') NOT BETWEEN 0.5 * sum(amount) FILTER (WHERE direction = 'IN')
                                                            AND 1.5 * sum(amount) FILTER (WHERE direction = 'IN') LIMIT 5`);
    assert.equal(shape.length, 0, show(shape));
    const n = num(await db.one(`SELECT count(DISTINCT fraud_scenario_id) FROM fw WHERE fraud_type = 'MULA_FINANCEIRA' AND NOT quiet`));
    assert.ok(n >= 20, `${n} loud MULA_FINANCEIRA scenarios`);
    // The senders are new to the account: no earlier row of the customer came from them.
    const known = await db.q(`SELECT f.fraud_scenario_id, f.payer_id FROM fw f JOIN tx e ON e.customer_id = f.customer_id AND e.payer_id = f.payer_id AND e.ms < f.ms
      WHERE f.fraud_type = 'MULA_FINANCEIRA' AND f.direction = 'IN' LIMIT 5`);
    assert.equal(known.length, 0, show(known));
    // Loud: every OUT step within 6 hours of the first inflow, the last one cash at an ATM, a new payee each time.
    const bad = await db.q(`SELECT fraud_scenario_id, count(*) AS steps, arg_max(type, fraud_step) AS last_type, arg_max(channel, fraud_step) AS last_channel,
        count(beneficiary_id) AS transfers, count(DISTINCT beneficiary_id) AS payees, (max(ms) - min(ms)) / ${MINUTE} AS minutes
      FROM fw WHERE fraud_type = 'MULA_FINANCEIRA' AND NOT quiet GROUP BY 1
      HAVING (count(*) FILTER (WHERE direction = 'OUT') > 2 AND (arg_max(type, fraud_step) <> 'WITHDRAWAL' OR arg_max(channel, fraud_step) <> 'ATM'))
          OR count(DISTINCT beneficiary_id) <> count(beneficiary_id)
          OR max(ms) - min(ms) FILTER (WHERE direction = 'IN') > 361 * ${MINUTE} LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    const cash = await db.q(`SELECT transaction_id, amount, channel, device_id FROM f WHERE type = 'WITHDRAWAL'
      AND (channel <> 'ATM' OR device_id IS NOT NULL OR amount % 20 <> 0 OR amount NOT BETWEEN 20 AND 3000) LIMIT 5`);
    assert.equal(cash.length, 0, show(cash));
  });

  test('payees: TRANSFER/SCHEDULED/BUST_OUT scenarios pay one beneficiary, CASH_OUT ones at most 3', async () => {
    const bad = await db.q(`SELECT fraud_scenario_id, any_value(fraud_type) AS fraud_type, any_value(role) AS role, count(DISTINCT beneficiary_id) AS payees
      FROM f WHERE fraud_role <> 'PROBE' OR fraud_type = 'PIX_GOLPE' GROUP BY 1
      HAVING (any_value(role) IN ('TRANSFER', 'SCHEDULED', 'BUST_OUT') AND count(DISTINCT beneficiary_id) > 1)
          OR (any_value(role) = 'CASH_OUT' AND count(DISTINCT beneficiary_id) > 3) LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
  });

  test('FRAUDE_QR_CODE: PIX by QR code (QRDN/QRES) at a merchant', async () => {
    const bad = await db.q(`SELECT transaction_id, type, pix_initiation_mode, merchant_id, beneficiary_id FROM f WHERE fraud_type = 'FRAUDE_QR_CODE'
      AND (type <> 'PIX' OR pix_initiation_mode IS NULL OR pix_initiation_mode NOT IN ('QRDN', 'QRES') OR merchant_id IS NULL OR beneficiary_id IS NULL) LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    const n = num(await db.one(`SELECT count(*) FROM f WHERE fraud_type = 'FRAUDE_QR_CODE'`));
    assert.ok(n > 100, `${n} FRAUDE_QR_CODE steps`);
  });

  test('other-state types happen outside the customer\'s state, the others in the home municipality', async () => {
    const bad = await db.q(`SELECT transaction_id, fraud_type, place, transaction_state, customer_state, municipality_ibge_code, c.address_ibge_code
      FROM f JOIN p_customers c USING (customer_id)
      WHERE (place = 'O' AND NOT quiet AND transaction_state = customer_state)
         OR ((place IN ('U', 'M') OR quiet) AND direction = 'OUT' AND municipality_ibge_code <> c.address_ibge_code) LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
  });
});

describe('direction is not a label', () => {
  // docs/fraud-model.md, "Money coming in": most customers receive money, mostly legitimately.
  test('legitimate IN rows exist for almost every active customer and are 4-15% of all rows', async () => {
    const [r] = await db.q(`SELECT count(DISTINCT t.customer_id) FILTER (WHERE t.direction = 'IN' AND NOT t.is_fraud) AS receiving,
        (SELECT count(*) FROM p_customers WHERE account_status = 'ACTIVE') AS active,
        avg(CASE WHEN t.direction = 'IN' THEN 1 ELSE 0 END) AS in_share
      FROM tx t JOIN p_customers c USING (customer_id) WHERE c.account_status = 'ACTIVE'`);
    assert.ok(num(r.receiving) >= 0.95 * num(r.active), `${r.receiving} of ${r.active} active customers receive money`);
    assert.ok(r.in_share > 0.04 && r.in_share < 0.15, `IN share ${r.in_share}`);
  });

  test('the fraud share among IN rows is below the overall rate; mule inflows are a small part of IN rows', async () => {
    const [r] = await db.q(`SELECT avg(CASE WHEN is_fraud THEN 1 ELSE 0 END) FILTER (WHERE direction = 'IN') AS in_fraud,
        avg(CASE WHEN is_fraud THEN 1 ELSE 0 END) AS fraud, count(*) FILTER (WHERE direction = 'IN' AND is_fraud) AS mule_inflows FROM tx`);
    assert.ok(num(r.mule_inflows) > 100, `${r.mule_inflows} mule inflows`);
    assert.ok(r.in_fraud < r.fraud, `fraud among IN rows ${r.in_fraud}, overall ${r.fraud}`);
  });

  test('salaries: one business sender a month, near monthly_income, on the 5th business day', async () => {
    // A salaried customer: 12 IN rows in 2025 from one sender without a CPF, each within 5% of the income.
    const [r] = await db.q(`WITH pay AS (SELECT t.customer_id, t.payer_id, count(*) AS months
        FROM tx t JOIN p_customers c USING (customer_id)
        WHERE t.direction = 'IN' AND NOT t.is_fraud AND abs(t.amount / c.monthly_income - 1) <= 0.05
        GROUP BY ALL HAVING count(*) = 12 AND count(DISTINCT t.lmonth) = 12)
      SELECT count(DISTINCT customer_id) AS salaried, (SELECT count(*) FROM p_customers WHERE account_status = 'ACTIVE') AS active FROM pay`);
    assert.ok(num(r.salaried) > 0.5 * num(r.active), `${r.salaried} of ${r.active} customers paid monthly`);
  });

  test('business customers receive rushes of payments from several new senders within two hours, like a mule', async () => {
    const rushes = num(await db.one(`SELECT count(*) FROM (
        SELECT customer_id, count(DISTINCT payer_id) OVER (PARTITION BY customer_id ORDER BY ms RANGE BETWEEN ${2 * HOUR} PRECEDING AND CURRENT ROW) AS senders
        FROM tx WHERE direction = 'IN' AND NOT is_fraud) WHERE senders >= 3`));
    assert.ok(rushes > 100, `${rushes} legitimate IN rows with 3+ senders in two hours`);
  });
});

describe('devices', () => {
  before(async () => {
    await db.q(`CREATE TABLE legit_dev AS SELECT DISTINCT customer_id, device_id FROM tx WHERE NOT is_fraud AND device_id IS NOT NULL`);
  });

  test('every device_id of a transaction is a device of that customer, used no earlier than its first_use', async () => {
    const bad = await db.q(`SELECT t.transaction_id, t.customer_id, t.device_id, d.customer_id AS owner FROM tx t LEFT JOIN p_devices d USING (device_id)
      WHERE t.device_id IS NOT NULL AND (d.device_id IS NULL OR d.customer_id <> t.customer_id) LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    const early = await db.q(`SELECT t.transaction_id, t.is_fraud, t.fraud_type, t.device_id, t.timestamp, d.first_use FROM tx t JOIN p_devices d USING (device_id)
      WHERE d.first_use > DATE '1970-01-01' + CAST(t.lday AS INTEGER) LIMIT 5`);
    assert.equal(early.length, 0, `transactions on a device before its first local day of use: ${show(early)}`);
  });

  test('attackers\' devices are untrusted and never used by the customer\'s legitimate transactions', async () => {
    const bad = await db.q(`SELECT f.transaction_id, f.fraud_type, f.customer_id, f.device_id, d.is_trusted, l.device_id IS NOT NULL AS used_legitimately
      FROM f JOIN p_devices d USING (device_id) LEFT JOIN legit_dev l ON l.customer_id = f.customer_id AND l.device_id = f.device_id
      WHERE f.device IN ('A', 'S') AND NOT f.quiet AND (d.is_trusted OR l.device_id IS NOT NULL) LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    const missing = await db.q(`SELECT transaction_id, fraud_type, type FROM f WHERE device IN ('A', 'S') AND NOT quiet AND device_id IS NULL LIMIT 5`);
    assert.equal(missing.length, 0, `attacker steps without a device: ${show(missing)}`);
  });

  test('usual-device types use a device the customer also uses legitimately', async () => {
    const bad = await db.q(`SELECT f.transaction_id, f.fraud_type, f.customer_id, f.device_id, f.timestamp FROM f ANTI JOIN legit_dev l
        ON l.customer_id = f.customer_id AND l.device_id = f.device_id
      WHERE (f.device = 'U' OR f.quiet) AND f.device_id IS NOT NULL LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    const n = num(await db.one(`SELECT count(*) FROM f WHERE device = 'U' AND device_id IS NOT NULL`));
    assert.ok(n > 1000, `${n} usual-device steps with a device`);
  });

  test('DISTRIBUTED_VELOCITY scenarios use 2-3 distinct devices', async () => {
    const bad = await db.q(`SELECT fraud_scenario_id, count(*) AS steps, count(DISTINCT device_id) AS devices, count(device_id) AS with_device
      FROM f WHERE fraud_type = 'DISTRIBUTED_VELOCITY' AND NOT quiet GROUP BY 1 HAVING count(DISTINCT device_id) NOT BETWEEN 2 AND 3 OR count(device_id) <> count(*) LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    const one = await db.q(`SELECT fraud_scenario_id, count(DISTINCT device_id) AS devices FROM f WHERE device = 'A' AND NOT quiet GROUP BY 1 HAVING count(DISTINCT device_id) <> 1 LIMIT 5`);
    assert.equal(one.length, 0, `single-attacker scenarios with several devices: ${show(one)}`);
  });

  test('device_new_for_customer marks a device the customer did not use in the 30 days before; attackers\' first steps are mostly on a new device', async () => {
    const bad = await db.q(`SELECT transaction_id, fraud_type, customer_id, device_id, device_new_for_customer, fresh FROM (
        SELECT *, coalesce(ms - lag(ms) OVER (PARTITION BY customer_id, device_id ORDER BY ms) > ${30 * DAY}, true) AS fresh FROM tx WHERE device_id IS NOT NULL)
      WHERE is_fraud AND device_new_for_customer IS DISTINCT FROM fresh LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
    const [s] = await db.q(`SELECT avg(CASE WHEN device_new_for_customer THEN 1 ELSE 0 END) AS share, count(*) AS n
      FROM f WHERE device IN ('A', 'S') AND NOT quiet AND fraud_step = 1`);
    assert.ok(num(s.n) > 500, `${s.n} attacker scenarios`);
    assert.ok(s.share >= 0.7, `only ${s.share} of attacker scenarios start on a device new to the customer`);
  });
});

describe('other runs', () => {
  test('a second rate (0.003, JSONL): the manifest equals the data and fraud_labels the fraudulent rows', async () => {
    const run = generate(['--customers', 150, '--seed', 99, '--start-date', START, '--end-date', END, '--fraud-rate', 0.003, '--format', 'jsonl']);
    const d2 = await openDuck();
    try {
      await loadDataset(d2, run.dir, run.manifest);
      const [d] = await d2.q(`SELECT count(*) AS n, count(*) FILTER (WHERE is_fraud) AS k, count(DISTINCT fraud_scenario_id) AS s FROM transactions`);
      const n = num(d.n), k = num(d.k);
      const m = run.manifest.fraud;
      assert.equal(m.requested_rate, 0.003);
      assert.deepEqual([m.transactions, m.fraudulent_transactions, m.scenarios, m.realised_rate], [n, k, num(d.s), k / n], 'manifest vs data');
      // Scenarios start as Poisson counts: relative noise about 1.5 / sqrt(scenarios); 4 of those of slack.
      const slack = 4 * 1.5 / Math.sqrt(num(d.s));
      assert.ok(Math.abs(k / n - 0.003) / 0.003 < slack, `realised share ${k / n} (${k} / ${n}, ${d.s} scenarios)`);
      const byType = Object.fromEntries(TYPES.map((t) => [t[0], 0]));
      for (const r of await d2.q(`SELECT fraud_type, count(*) AS n FROM transactions WHERE is_fraud GROUP BY 1`)) byType[r.fraud_type] = num(r.n);
      assert.deepEqual(m.transactions_by_type, byType);
      const cols = LABEL_COLS.join(', ');
      const diff = await d2.q(`SELECT * FROM ((SELECT ${cols} FROM fraud_labels EXCEPT ALL SELECT ${cols} FROM transactions WHERE is_fraud)
        UNION ALL (SELECT ${cols} FROM transactions WHERE is_fraud EXCEPT ALL SELECT ${cols} FROM fraud_labels)) LIMIT 3`);
      assert.equal(diff.length, 0, show(diff));
      assert.equal(num(await d2.one(`SELECT count(*) FROM fraud_labels`)), k);
    } finally {
      d2.close();
    }
  });

  test('--fraud-rate 0: no fraudulent row, empty fraud_labels files, a zero fraud section', async () => {
    const run = generate(['--customers', 40, '--seed', 5, ...PERIOD, '--fraud-rate', 0]);
    const files = parquetFiles(run, 'fraud_labels');
    assert.ok(files.length >= 1, 'no fraud_labels file');
    for (const file of files) assert.ok(existsSync(file), file);
    assert.equal(num(await db.one(`SELECT count(*) FROM ${pq(run, 'fraud_labels')}`)), 0, 'fraud_labels rows');
    const [t] = await db.q(`SELECT count(*) AS n, count(*) FILTER (WHERE is_fraud OR fraud_type IS NOT NULL OR fraud_scenario_id IS NOT NULL) AS k FROM ${pq(run, 'transactions')}`);
    assert.ok(num(t.n) > 1000, `${t.n} transactions`);
    assert.equal(num(t.k), 0, 'fraudulent transactions');
    const m = run.manifest.fraud;
    assert.deepEqual([m.requested_rate, m.realised_rate, m.fraudulent_transactions, m.scenarios, m.transactions], [0, 0, 0, 0, num(t.n)]);
    assert.ok(Object.values(m.transactions_by_type).every((v) => v === 0), JSON.stringify(m.transactions_by_type));
  });

  for (const bad of ['-0.1', '0.6', 'abc']) {
    test(`--fraud-rate ${bad}: exit 2, a message naming --fraud-rate and 0 to 0.5, nothing written`, () => {
      const root = makeTempDir();
      const out = path.join(root, 'out');
      const r = runFg(['generate', '--customers', 10, ...PERIOD, '--fraud-rate', bad, '--output', out]);
      assert.equal(r.status, 2, `exit status (stderr: ${r.stderr})`);
      assert.match(r.stderr, /--fraud-rate/);
      assert.match(r.stderr, /0 to 0\.5/);
      assert.ok(!existsSync(out), 'output folder was created');
      assert.deepEqual(readdirSync(root), []);
    });
  }

  test('--workers 1 and 2 write identical fraud_labels files', async () => {
    const args = ['--customers', 300, '--seed', 4242, ...PERIOD, '--fraud-rate', 0.05, '--file-size', '40KB'];
    const a = generate([...args, '--workers', 1]);
    const b = generate([...args, '--workers', 2]);
    const labels = (h) => Object.fromEntries(Object.entries(h).filter(([p]) => p.startsWith('fraud_labels/')));
    const ha = labels(await hashDataFiles(a.dir)), hb = labels(await hashDataFiles(b.dir));
    assert.ok(Object.keys(ha).length >= 1, 'no fraud_labels file');
    assert.ok(a.manifest.fraud.fraudulent_transactions > 500, `${a.manifest.fraud.fraudulent_transactions} labels`);
    assert.deepEqual(hb, ha);
    assert.deepEqual(b.manifest.fraud, a.manifest.fraud);
  });
});
