// Nulls: JSONL writes every key (nulls explicit), non-nullable columns are never null, and the
// columns that only make sense for some transaction types / channels are null exactly when
// the schema says so.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PERIOD, TABLES, generate, ident, loadDataset, num, openDuck, schema, show, sqlStr } from './lib.mjs';

const CONFIG = ['--customers', 40, '--seed', 777, ...PERIOD, '--file-size', '2MB', '--format', 'jsonl'];

let db, run, noProfiles;

before(async () => {
  db = await openDuck();
  run = generate(CONFIG);
  noProfiles = generate([...CONFIG, '--no-profiles']);
  await loadDataset(db, run.dir, run.manifest);
  await loadDataset(db, noProfiles.dir, noProfiles.manifest, { prefix: 'np_' });
});
after(() => db?.close());

describe('JSONL keys', () => {
  test('every line of every file has every column of its table, in schema order (parsed in node)', () => {
    for (const f of run.manifest.files) {
      const want = schema()[f.table].map((c) => c.name);
      const text = readFileSync(path.join(run.dir, f.path), 'utf8');
      assert.ok(text.endsWith('\n'), `${f.path} does not end with a newline`);
      const lines = text.slice(0, -1).split('\n');
      assert.equal(lines.length, f.rows, `${f.path} line count`);
      lines.forEach((line, i) => {
        let obj;
        try { obj = JSON.parse(line); } catch (e) { assert.fail(`${f.path}:${i + 1} is not JSON: ${e.message}`); }
        const keys = Object.keys(obj);
        if (keys.length !== want.length || keys.some((k, j) => k !== want[j])) {
          assert.deepEqual(keys, want, `${f.path}:${i + 1} keys`);
        }
        for (const [k, v] of Object.entries(obj)) {
          // null is written as JSON null, never as "" or "null"
          if (v === '' || v === 'null') assert.fail(`${f.path}:${i + 1} ${k} = ${JSON.stringify(v)}`);
          if (typeof v === 'object' && v !== null) assert.fail(`${f.path}:${i + 1} ${k} is nested`);
        }
      });
    }
  });

  test('DuckDB json_keys agrees: one key list per table, the schema\'s', async () => {
    for (const t of TABLES) {
      const files = run.manifest.files.filter((f) => f.table === t).map((f) => sqlStr(path.join(run.dir, f.path)));
      const rows = await db.q(`SELECT json_keys(json) AS k, count(*) AS n
        FROM read_json_objects([${files.join(', ')}], format='newline_delimited') GROUP BY k`);
      assert.equal(rows.length, 1, `${t}: ${rows.length} different key lists`);
      assert.deepEqual(rows[0].k, schema()[t].map((c) => c.name));
      assert.equal(num(rows[0].n), run.manifest.totals[t].rows);
    }
  });
});

describe('non-nullable columns', () => {
  for (const t of TABLES) {
    test(`${t}: no null in a column the schema marks non-nullable`, async () => {
      for (const prefix of ['', 'np_']) {
        const cols = schema()[t].filter((c) => !c.nullable);
        assert.ok(cols.length > 0);
        const counts = await db.q(`SELECT ${cols.map((c) => `count(*) - count(${ident(c.name)}) AS ${ident(c.name)}`).join(', ')}
          FROM ${prefix}raw_${t}`);
        const bad = Object.entries(counts[0]).filter(([, n]) => num(n) !== 0);
        assert.deepEqual(bad.map(([c, n]) => `${c}: ${n} nulls`), [], `${prefix || 'profiles '}${t}`);
      }
    });
  }
});

// Each rule must hold on every transaction row. The SQL is evaluated on the typed view;
// a rule that is NULL counts as broken.
const CARD = `type IN ('CREDIT_CARD', 'DEBIT_CARD')`;
const PIX = `type = 'PIX'`;
const IN = `direction = 'IN'`;
const PIX_TED = `type IN ('PIX', 'TED')`;
const allNull = (cols) => cols.map((c) => `${c} IS NULL`).join(' AND ');
const noneNull = (cols) => cols.map((c) => `${c} IS NOT NULL`).join(' AND ');
const nullIff = (cols, cond) => `CASE WHEN ${cond} THEN ${noneNull(cols)} ELSE ${allNull(cols)} END`;

const CARD_COLS = ['card_number_hash', 'card_brand', 'card_type', 'installments', 'card_entry', 'cvv_validated', 'auth_3ds'];
// payer_cpf_hash is also null on IN rows from a business (a CNPJ, not a CPF): its own rule below.
const PIX_COLS = ['pix_key_type', 'end_to_end_id', 'payer_account_type', 'payee_account_type', 'pix_initiation_mode',
  'pacs_status', 'is_pix_return'];
const PIX_TED_COLS = ['payer_ispb', 'payee_ispb', 'payee_holder_type'];
const DEVICE_COLS = ['device_id', 'ip_address', 'device_age_days', 'emulator_detected', 'vpn_active', 'ip_type', 'device_new_for_customer'];
const MERCHANT_COLS = ['merchant_id', 'merchant_name', 'merchant_category', 'mcc_code', 'mcc_risk_level', 'new_merchant'];

const RULES = [
  ['card fields are set for card types and null otherwise', nullIff(CARD_COLS, CARD)],
  ['card_type is CREDIT for CREDIT_CARD and DEBIT for DEBIT_CARD',
    `NOT (${CARD}) OR card_type = CASE type WHEN 'CREDIT_CARD' THEN 'CREDIT' ELSE 'DEBIT' END`],
  ['installments is 1 for debit', `card_type IS DISTINCT FROM 'DEBIT' OR installments = 1`],
  ['installments is at least 1', `installments IS NULL OR installments >= 1`],
  ['PIX fields (incl. end_to_end_id) are set iff type = PIX', nullIff(PIX_COLS, PIX)],
  ['payer/payee ISPB and holder type are set iff type is PIX or TED', nullIff(PIX_TED_COLS, PIX_TED)],
  ['beneficiary_id is set iff an OUT PIX or TED, payer_id iff an IN one',
    `(beneficiary_id IS NOT NULL) = (${PIX_TED} AND NOT ${IN}) AND (payer_id IS NOT NULL) = (${PIX_TED} AND ${IN})`],
  ['IN rows are PIX or TED', `NOT ${IN} OR ${PIX_TED}`],
  ['payer_cpf_hash is set on OUT PIX; on IN rows only PIX from an individual have one',
    `CASE WHEN ${IN} THEN payer_cpf_hash IS NULL OR ${PIX} ELSE (payer_cpf_hash IS NOT NULL) = (${PIX}) END`],
  ['destination_bank_code is set iff type is PIX, TED or BOLETO',
    `(destination_bank_code IS NOT NULL) = (type IN ('PIX', 'TED', 'BOLETO'))`],
  ['pix_return_reason is set iff is_pix_return', `(pix_return_reason IS NOT NULL) = coalesce(is_pix_return, false)`],
  ['device and IP fields are null exactly at ATM and BRANCH and on IN rows', nullIff(DEVICE_COLS, `channel NOT IN ('ATM', 'BRANCH') AND NOT ${IN}`)],
  ['IN rows have no merchant or card', `NOT ${IN} OR (merchant_id IS NULL AND card_number_hash IS NULL)`],
  ['merchant fields are all set or all null', `(${noneNull(MERCHANT_COLS)}) OR (${allNull(MERCHANT_COLS)})`],
  ['new_beneficiary is null iff beneficiary_id is null', `(new_beneficiary IS NULL) = (beneficiary_id IS NULL)`],
  ['time_since_last_txn_min and distance_from_last_txn_km are null together',
    `(time_since_last_txn_min IS NULL) = (distance_from_last_txn_km IS NULL)`],
  ['fraud_type is set iff is_fraud', `(fraud_type IS NOT NULL) = is_fraud`],
  ['currency is BRL', `currency = 'BRL'`],
];

describe('transaction columns that are null by type', () => {
  for (const [name, cond] of RULES) {
    test(name, async () => {
      for (const prefix of ['', 'np_']) {
        const bad = await db.q(`SELECT transaction_id, type, channel FROM ${prefix}transactions
          WHERE NOT coalesce((${cond}), false) LIMIT 5`);
        assert.equal(bad.length, 0, `${prefix || 'profiles '}rows breaking the rule: ${show(bad)}`);
      }
    });
  }

  test('the rules are not vacuous: every type and both device/no-device channels occur', async () => {
    const types = (await db.q(`SELECT DISTINCT type FROM transactions`)).map((r) => r.type).sort();
    for (const t of ['PIX', 'TED', 'BOLETO', 'CREDIT_CARD', 'DEBIT_CARD']) assert.ok(types.includes(t), `no ${t} rows`);
    assert.ok(num(await db.one(`SELECT count(*) FROM transactions WHERE channel IN ('ATM', 'BRANCH')`)) > 0, 'no ATM/BRANCH rows');
    assert.ok(num(await db.one(`SELECT count(*) FROM transactions WHERE merchant_id IS NULL`)) > 0, 'no row without merchant');
    assert.ok(num(await db.one(`SELECT count(*) FROM transactions WHERE is_pix_return`)) > 0, 'no PIX return');
    for (const [dir, type] of [['IN', 'PIX'], ['IN', 'TED'], ['OUT', 'PIX'], ['OUT', 'TED']])
      assert.ok(num(await db.one(`SELECT count(*) FROM transactions WHERE direction = '${dir}' AND type = '${type}'`)) > 0, `no ${dir} ${type} rows`);
    assert.ok(num(await db.one(`SELECT count(*) FROM transactions WHERE direction = 'IN' AND type = 'PIX' AND payer_cpf_hash IS NULL`)) > 0,
      'no IN PIX from a business');
  });
});

describe('behavioural profiles', () => {
  test('with profiles: behavioral_profile and customer_profile are never null', async () => {
    assert.equal(num(await db.one(`SELECT count(*) FROM customers WHERE behavioral_profile IS NULL`)), 0);
    assert.equal(num(await db.one(`SELECT count(*) FROM transactions WHERE customer_profile IS NULL`)), 0);
  });

  test('with --no-profiles: behavioral_profile and customer_profile are always null', async () => {
    assert.equal(noProfiles.manifest.config.profiles, false);
    assert.equal(num(await db.one(`SELECT count(behavioral_profile) FROM np_customers`)), 0);
    assert.equal(num(await db.one(`SELECT count(customer_profile) FROM np_transactions`)), 0);
    assert.ok(num(await db.one(`SELECT count(*) FROM np_transactions`)) > 0);
  });

  test('customer_profile is the customer\'s behavioral_profile', async () => {
    const bad = await db.q(`SELECT t.transaction_id, t.customer_profile, c.behavioral_profile
      FROM transactions t JOIN customers c USING (customer_id)
      WHERE t.customer_profile IS DISTINCT FROM c.behavioral_profile LIMIT 5`);
    assert.equal(bad.length, 0, show(bad));
  });
});
