// Integrity: identifiers, CPFs, phones, CEPs, device fields copied into transactions, PIX
// end-to-end ids, references between the tables and the raw text of amounts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { END_DATE, PERIOD, START_DATE, generate, loadDataset, num, openDuck, schema, show } from './lib.mjs';

const N_CUSTOMERS = 60;
const CONFIG = ['--customers', N_CUSTOMERS, '--seed', 4242, ...PERIOD, '--format', 'jsonl'];

let db, run;
before(async () => {
  db = await openDuck();
  run = generate(CONFIG);
  await loadDataset(db, run.dir, run.manifest);
});
after(() => db?.close());

/** Asserts that a query returns no row; shows a few of them otherwise. */
async function none(sql, what) {
  const rows = await db.q(`SELECT * FROM (${sql}) LIMIT 5`);
  assert.equal(rows.length, 0, `${what}: ${show(rows)}`);
}

// ---------------------------------------------------------------- reference facts (Brazil)

// 9th CPF digit: the fiscal region (Receita Federal) of the state.
const CPF_REGION = {
  RS: 0, DF: 1, GO: 1, MT: 1, MS: 1, TO: 1, AM: 2, AC: 2, AP: 2, PA: 2, RO: 2, RR: 2,
  CE: 3, MA: 3, PI: 3, AL: 4, PB: 4, PE: 4, RN: 4, BA: 5, SE: 5, MG: 6, ES: 7, RJ: 7, SP: 8, PR: 9, SC: 9,
};
const STATES = Object.keys(CPF_REGION);

// Anatel DDD (area code) -> states. 61 is Brasília's area, which also covers towns of GO and MG.
const DDD_STATES = {};
const ddd = (codes, ...ufs) => codes.forEach((c) => { DDD_STATES[c] = ufs; });
ddd([11, 12, 13, 14, 15, 16, 17, 18, 19], 'SP');
ddd([21, 22, 24], 'RJ'); ddd([27, 28], 'ES');
ddd([31, 32, 33, 34, 35, 37, 38], 'MG');
ddd([41, 42, 43, 44, 45, 46], 'PR'); ddd([47, 48, 49], 'SC'); ddd([51, 53, 54, 55], 'RS');
ddd([61], 'DF', 'GO', 'MG'); ddd([62, 64], 'GO'); ddd([63], 'TO'); ddd([65, 66], 'MT'); ddd([67], 'MS');
ddd([68], 'AC'); ddd([69], 'RO');
ddd([71, 73, 74, 75, 77], 'BA'); ddd([79], 'SE');
ddd([81, 87], 'PE'); ddd([82], 'AL'); ddd([83], 'PB'); ddd([84], 'RN'); ddd([85, 88], 'CE'); ddd([86, 89], 'PI');
ddd([91, 93, 94], 'PA'); ddd([92, 97], 'AM'); ddd([95], 'RR'); ddd([96], 'AP'); ddd([98, 99], 'MA');

// First digit of the CEP (Correios postal zones) -> states.
const CEP_ZONE = {
  0: ['SP'], 1: ['SP'], 2: ['RJ', 'ES'], 3: ['MG'], 4: ['BA', 'SE'], 5: ['PE', 'AL', 'PB', 'RN'],
  6: ['CE', 'PI', 'MA', 'PA', 'AP', 'AM', 'RR', 'AC'], 7: ['DF', 'GO', 'TO', 'MT', 'MS', 'RO'], 8: ['PR', 'SC'], 9: ['RS'],
};

// IBGE state code = first two digits of a municipality's IBGE code.
const IBGE_UF = {
  RO: 11, AC: 12, AM: 13, RR: 14, PA: 15, AP: 16, TO: 17, MA: 21, PI: 22, CE: 23, RN: 24, PB: 25, PE: 26,
  AL: 27, SE: 28, BA: 29, MG: 31, ES: 32, RJ: 33, SP: 35, PR: 41, SC: 42, RS: 43, MS: 50, MT: 51, GO: 52, DF: 53,
};
const ibgeUfSql = `(${Object.entries(IBGE_UF).map(([uf, c]) => `('${uf}', '${c}')`).join(', ')})`;

function cpfCheckDigits(nine) {
  const dv = (digits) => {
    const n = digits.length + 1;
    const sum = digits.reduce((a, d, i) => a + d * (n - i), 0);
    const r = (sum * 10) % 11;
    return r === 10 ? 0 : r;
  };
  const d = [...nine].map(Number);
  const d1 = dv(d);
  const d2 = dv([...d, d1]);
  return `${d1}${d2}`;
}

// --------------------------------------------------------------------------------- tests

describe('customers', () => {
  test('the CPF check digits are known-good on published examples (guards the checker)', () => {
    assert.equal(cpfCheckDigits('529982247'), '25'); // 529.982.247-25
    assert.equal(cpfCheckDigits('111444777'), '35'); // 111.444.777-35
    assert.notEqual(cpfCheckDigits('111444777'), '36');
  });

  test('every CPF is formatted, has valid mod-11 check digits and the state\'s fiscal region', async () => {
    const rows = await db.q(`SELECT customer_id, cpf, address_state FROM customers`);
    assert.equal(rows.length, N_CUSTOMERS);
    const bad = [];
    for (const { customer_id, cpf, address_state } of rows) {
      const m = /^(\d{3})\.(\d{3})\.(\d{3})-(\d{2})$/.exec(cpf);
      if (!m) { bad.push(`${customer_id} ${cpf}: format`); continue; }
      const nine = m[1] + m[2] + m[3];
      if (/^(\d)\1{8}$/.test(nine)) bad.push(`${customer_id} ${cpf}: repeated digit`);
      if (cpfCheckDigits(nine) !== m[4]) bad.push(`${customer_id} ${cpf}: check digits should be ${cpfCheckDigits(nine)}`);
      if (!(address_state in CPF_REGION)) bad.push(`${customer_id}: unknown state ${address_state}`);
      else if (Number(nine[8]) !== CPF_REGION[address_state]) {
        bad.push(`${customer_id} ${cpf}: 9th digit ${nine[8]}, ${address_state} is region ${CPF_REGION[address_state]}`);
      }
    }
    assert.deepEqual(bad, []);
    assert.equal(new Set(rows.map((r) => r.cpf)).size, rows.length, 'CPFs are not unique');
  });

  test('customer ids are CUST_ + 12 digits, unique and numbered 1..N', async () => {
    const ids = (await db.q(`SELECT customer_id FROM customers`)).map((r) => r.customer_id);
    for (const id of ids) assert.match(id, /^CUST_\d{12}$/);
    assert.deepEqual(ids.map((id) => Number(id.slice(5))).sort((a, b) => a - b),
      Array.from({ length: N_CUSTOMERS }, (_, i) => i + 1));
  });

  test('phone is +55 (DDD) 9XXXX-XXXX with a real DDD of the home state', async () => {
    const rows = await db.q(`SELECT customer_id, phone, address_state FROM customers`);
    const bad = [];
    for (const { customer_id, phone, address_state } of rows) {
      const m = /^\+55 \((\d{2})\) 9\d{4}-\d{4}$/.exec(phone);
      if (!m) { bad.push(`${customer_id} ${phone}: format`); continue; }
      const states = DDD_STATES[Number(m[1])];
      if (!states) bad.push(`${customer_id} ${phone}: ${m[1]} is not a DDD`);
      else if (!states.includes(address_state)) bad.push(`${customer_id} ${phone}: DDD ${m[1]} is not in ${address_state}`);
    }
    assert.deepEqual(bad, []);
  });

  test('address: CEP NNNNN-NNN in the state\'s postal zone, 7-digit IBGE code of the state', async () => {
    const rows = await db.q(`SELECT customer_id, address_postal_code AS cep, address_state AS uf, address_ibge_code AS ibge FROM customers`);
    const bad = [];
    for (const { customer_id, cep, uf, ibge } of rows) {
      if (!STATES.includes(uf)) bad.push(`${customer_id}: state ${uf}`);
      if (!/^\d{5}-\d{3}$/.test(cep)) bad.push(`${customer_id}: CEP ${cep}`);
      else if (!CEP_ZONE[cep[0]].includes(uf)) bad.push(`${customer_id}: CEP ${cep} is not in ${uf}`);
      if (!/^\d{7}$/.test(ibge)) bad.push(`${customer_id}: IBGE ${ibge}`);
      else if (Number(ibge.slice(0, 2)) !== IBGE_UF[uf]) bad.push(`${customer_id}: IBGE ${ibge} is not in ${uf}`);
    }
    assert.deepEqual(bad, []);
  });

  test('account, bank and credit fields follow their documented formats and ranges', async () => {
    await none(`SELECT customer_id, bank_code, bank_ispb, branch, account_number FROM customers
      WHERE NOT regexp_full_match(bank_code, '\\d{3}') OR NOT regexp_full_match(bank_ispb, '\\d{8}')
         OR NOT regexp_full_match(branch, '\\d{4}') OR NOT regexp_full_match(account_number, '\\d{6}-\\d')`, 'bank/account format');
    await none(`SELECT bank_code, count(DISTINCT bank_ispb) n, count(DISTINCT bank_name) m FROM customers
      GROUP BY bank_code HAVING n > 1 OR m > 1`, 'a bank_code with several ISPBs or names');
    await none(`SELECT customer_id, credit_score, credit_score_category FROM customers
      WHERE credit_score NOT BETWEEN 300 AND 900 OR credit_score_category <> CASE
        WHEN credit_score >= 750 THEN 'A' WHEN credit_score >= 600 THEN 'B' WHEN credit_score >= 450 THEN 'C'
        WHEN credit_score >= 350 THEN 'D' ELSE 'E' END`, 'credit score/category');
    await none(`SELECT customer_id FROM customers WHERE NOT (credit_bureau_queries_10d <= credit_bureau_queries_30d
      AND credit_bureau_queries_30d <= credit_bureau_queries_180d AND credit_bureau_queries_10d >= 0)`, 'bureau query windows');
    await none(`SELECT customer_id, account_created_at FROM customers
      WHERE account_created_at >= TIMESTAMPTZ '${START_DATE} 00:00:00-03:00'`, 'account opened on/after start_date');
    await none(`SELECT customer_id, email FROM customers WHERE NOT regexp_full_match(email, '[a-z0-9._+-]+@[a-z0-9.-]+\\.[a-z]+')`,
      'e-mail not lower-case ASCII');
  });
});

describe('devices', () => {
  test('device ids are DEV_ + the owner\'s customer number + - + 8 hex digits, unique, owned by an existing customer', async () => {
    await none(`SELECT device_id FROM devices GROUP BY device_id HAVING count(*) > 1`, 'duplicate device_id');
    await none(`SELECT device_id, customer_id FROM devices
      WHERE NOT regexp_full_match(device_id, 'DEV_\\d{12}-[0-9A-F]{8}')
         OR substr(device_id, 5, 12) <> substr(customer_id, 6, 12)`, 'device id vs owner');
    await none(`SELECT d.device_id FROM devices d ANTI JOIN customers c USING (customer_id)`, 'device of unknown customer');
    await none(`SELECT c.customer_id FROM customers c ANTI JOIN devices d USING (customer_id)`, 'customer without device');
  });

  test('devices are first used by end_date, some during the range; fingerprint is 32 hex', async () => {
    await none(`SELECT device_id, first_use FROM devices WHERE first_use > DATE '${END_DATE}'`, 'first_use after end_date');
    assert.ok(num(await db.one(`SELECT count(*) FROM devices WHERE first_use > DATE '${START_DATE}'`)) > 0, 'no device first used during the range');
    await none(`SELECT device_id, fingerprint FROM devices WHERE NOT regexp_full_match(fingerprint, '[0-9a-f]{32}')`, 'fingerprint');
  });
});

describe('transactions', () => {
  test('transaction_id is TXN_ + 20 upper-case hex and unique', async () => {
    await none(`SELECT transaction_id FROM transactions WHERE NOT regexp_full_match(transaction_id, 'TXN_[0-9A-F]{20}')`, 'format');
    await none(`SELECT transaction_id, count(*) FROM transactions GROUP BY ALL HAVING count(*) > 1`, 'duplicate transaction_id');
  });

  test('customer_id and device_id refer to existing rows; the device belongs to the paying customer', async () => {
    await none(`SELECT transaction_id, customer_id FROM transactions t ANTI JOIN customers c USING (customer_id)`, 'unknown customer');
    await none(`SELECT transaction_id, device_id FROM transactions t
      WHERE device_id IS NOT NULL AND device_id NOT IN (SELECT device_id FROM devices)`, 'unknown device');
    await none(`SELECT t.transaction_id, t.customer_id, d.customer_id AS owner FROM transactions t JOIN devices d USING (device_id)
      WHERE d.customer_id <> t.customer_id`, 'device of another customer');
  });

  test('device fields equal the device\'s; device_age_days = local date - first_use', async () => {
    await none(`SELECT t.transaction_id, t.device_id, t.emulator_detected, d.emulator_detected AS d_emu,
        t.vpn_active, d.vpn_active AS d_vpn, t.ip_type, d.ip_type AS d_ip
      FROM transactions t JOIN devices d USING (device_id)
      WHERE t.emulator_detected IS DISTINCT FROM d.emulator_detected
         OR t.vpn_active IS DISTINCT FROM d.vpn_active OR t.ip_type IS DISTINCT FROM d.ip_type`, 'device flags');
    const joined = num(await db.one(`SELECT count(*) FROM transactions JOIN devices USING (device_id)`));
    const withDevice = num(await db.one(`SELECT count(device_id) FROM transactions`));
    assert.ok(joined > 0 && joined === withDevice, `${joined} of ${withDevice} rows joined a device`);
    await none(`SELECT r.transaction_id, r.timestamp, d.first_use, t.device_age_days
      FROM raw_transactions r JOIN transactions t USING (transaction_id) JOIN devices d ON d.device_id = t.device_id
      WHERE t.device_age_days IS DISTINCT FROM CAST(substr(r.timestamp, 1, 10) AS DATE) - d.first_use
         OR t.device_age_days < 0`, 'device_age_days');
  });

  test('timestamp is RFC 3339 with milliseconds at -03:00, inside the period', async () => {
    await none(`SELECT transaction_id, timestamp FROM raw_transactions
      WHERE NOT regexp_full_match(timestamp, '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}-03:00')
         OR CAST(substr(timestamp, 1, 10) AS DATE) NOT BETWEEN DATE '${START_DATE}' AND DATE '${END_DATE}'`, 'timestamp');
    await none(`SELECT customer_id, timestamp, count(*) FROM transactions GROUP BY ALL HAVING count(*) > 1`,
      'timestamps repeated within a customer');
  });

  test('unusual_time is local hour < 6 or >= 22', async () => {
    await none(`SELECT transaction_id, timestamp, unusual_time FROM raw_transactions
      WHERE CAST(unusual_time AS BOOLEAN) <> (CAST(substr(timestamp, 12, 2) AS INT) < 6 OR CAST(substr(timestamp, 12, 2) AS INT) >= 22)`,
    'unusual_time');
  });

  test('end_to_end_id = E + payer_ispb + UTC yyyyMMddHHmm + 11 alphanumerics (32 chars)', async () => {
    const n = num(await db.one(`SELECT count(*) FROM transactions WHERE end_to_end_id IS NOT NULL`));
    assert.ok(n > 0, 'no PIX transaction to check');
    await none(`SELECT transaction_id, timestamp, payer_ispb, end_to_end_id FROM transactions
      WHERE end_to_end_id IS NOT NULL AND NOT (
        length(end_to_end_id) = 32
        AND regexp_full_match(end_to_end_id, 'E\\d{8}\\d{12}[A-Za-z0-9]{11}')
        AND substr(end_to_end_id, 1, 9) = 'E' || payer_ispb
        AND substr(end_to_end_id, 10, 12) = strftime(timezone('UTC', timestamp), '%Y%m%d%H%M'))`, 'end_to_end_id');
    await none(`SELECT end_to_end_id, count(*) FROM transactions WHERE end_to_end_id IS NOT NULL GROUP BY ALL HAVING count(*) > 1`,
      'duplicate end_to_end_id');
  });

  test('the customer\'s side is its bank_ispb (payer_ispb OUT, payee_ispb IN); payee_ispb matches destination_bank_code', async () => {
    await none(`SELECT t.transaction_id, t.direction, t.payer_ispb, t.payee_ispb, c.bank_ispb FROM transactions t JOIN customers c USING (customer_id)
      WHERE t.payer_ispb IS NOT NULL AND CASE t.direction WHEN 'IN' THEN t.payee_ispb <> c.bank_ispb OR t.destination_bank_code <> c.bank_code
                                                        ELSE t.payer_ispb <> c.bank_ispb END`, 'the customer\'s ISPB');
    await none(`SELECT destination_bank_code, count(DISTINCT payee_ispb) n FROM transactions
      WHERE payee_ispb IS NOT NULL GROUP BY ALL HAVING n > 1`, 'a destination bank with several ISPBs');
    await none(`SELECT DISTINCT t.destination_bank_code, t.payee_ispb, c.bank_ispb FROM transactions t
      JOIN (SELECT DISTINCT bank_code, bank_ispb FROM customers) c ON c.bank_code = t.destination_bank_code
      WHERE t.payee_ispb IS NOT NULL AND t.payee_ispb <> c.bank_ispb`, 'payee_ispb vs the ISPB of that bank code');
    await none(`SELECT transaction_id, payer_ispb, payee_ispb FROM transactions
      WHERE NOT regexp_full_match(payer_ispb, '\\d{8}') OR NOT regexp_full_match(payee_ispb, '\\d{8}')`, 'ISPB format');
  });

  test('customer_state and social_class copy the customer; municipality code is in transaction_state', async () => {
    await none(`SELECT t.transaction_id, t.customer_state, c.address_state, t.social_class, c.income_class
      FROM transactions t JOIN customers c USING (customer_id)
      WHERE t.customer_state <> c.address_state OR t.social_class <> c.income_class`, 'copied customer fields');
    await none(`SELECT t.transaction_id, t.municipality_ibge_code, t.transaction_state FROM transactions t
      LEFT JOIN (VALUES ${ibgeUfSql.slice(1, -1)}) u(uf, code) ON u.uf = t.transaction_state
      WHERE u.code IS NULL OR NOT regexp_full_match(t.municipality_ibge_code, '\\d{7}')
         OR substr(t.municipality_ibge_code, 1, 2) <> u.code`, 'municipality/state');
    await none(`SELECT municipality_ibge_code, count(DISTINCT municipality_name) n FROM transactions GROUP BY ALL HAVING n > 1`,
      'an IBGE code with several names');
    await none(`SELECT transaction_id, geolocation_lat, geolocation_lon FROM transactions
      WHERE geolocation_lat NOT BETWEEN -34 AND 6 OR geolocation_lon NOT BETWEEN -74 AND -34`, 'coordinates outside Brazil');
  });

  test('coordinates lie within 0.05 degrees (about 5 km) of the named municipality\'s reference point', async () => {
    // data/municipalities.csv holds each municipality's coordinates (the generator's own reference).
    const csv = path.resolve(import.meta.dirname, '../../data/municipalities.csv');
    await db.q(`CREATE OR REPLACE TABLE muni AS SELECT CAST(ibge_code AS VARCHAR) AS code, lat, lon FROM read_csv(${`'${csv}'`}, header = true)`);
    await none(`SELECT t.transaction_id, t.municipality_ibge_code, t.geolocation_lat, t.geolocation_lon, m.lat, m.lon
      FROM transactions t LEFT JOIN muni m ON m.code = t.municipality_ibge_code
      WHERE m.code IS NULL OR abs(t.geolocation_lat - m.lat) > 0.05 OR abs(t.geolocation_lon - m.lon) > 0.05`,
    'coordinates away from their municipality');
  });

  test('a merchant_id has one name, one MCC and one category', async () => {
    await none(`SELECT merchant_id, count(DISTINCT merchant_name) AS n_names, count(DISTINCT mcc_code) AS n_mccs, count(DISTINCT merchant_category) AS n_cats
      FROM transactions WHERE merchant_id IS NOT NULL GROUP BY ALL HAVING n_names > 1 OR n_mccs > 1 OR n_cats > 1`, 'merchant ids with several names');
    await none(`SELECT transaction_id FROM transactions WHERE (merchant_id IS NULL) <> (merchant_name IS NULL)
      OR (merchant_id IS NULL) <> (mcc_code IS NULL)`, 'merchant fields present without each other');
  });

  test('merchant, card, PIX and hash ids follow their documented formats', async () => {
    await none(`SELECT transaction_id, merchant_id, mcc_code FROM transactions
      WHERE merchant_id IS NOT NULL AND (NOT regexp_full_match(merchant_id, 'M\\d{9}') OR substr(merchant_id, 2, 4) <> mcc_code)`,
    'merchant_id = M + MCC + 5 digits');
    await none(`SELECT merchant_id, count(DISTINCT merchant_name) n FROM transactions WHERE merchant_id IS NOT NULL
      GROUP BY ALL HAVING n > 1`, 'a merchant_id with several names');
    await none(`SELECT transaction_id, session_id, card_number_hash, beneficiary_id, payer_cpf_hash FROM transactions
      WHERE NOT regexp_full_match(session_id, 'SESS_[0-9A-F]{16}')
         OR NOT regexp_full_match(card_number_hash, '[0-9a-f]{16}')
         OR NOT regexp_full_match(beneficiary_id, '[0-9a-f]{32}')
         OR NOT regexp_full_match(payer_id, '[0-9a-f]{32}')
         OR NOT regexp_full_match(payer_cpf_hash, '[0-9a-f]{32}')`, 'id formats');
    await none(`SELECT customer_id, count(DISTINCT payer_cpf_hash) n FROM transactions WHERE direction = 'OUT' GROUP BY ALL HAVING n > 1`,
      'a customer with several payer_cpf_hash');
    // A sender's CPF is a function of the sender, never a customer's own.
    await none(`SELECT payer_id, count(DISTINCT payer_cpf_hash) n FROM transactions WHERE direction = 'IN' GROUP BY ALL HAVING n > 1`,
      'a sender with several payer_cpf_hash');
    await none(`SELECT card_number_hash, count(DISTINCT customer_id) n FROM transactions WHERE card_number_hash IS NOT NULL
      GROUP BY ALL HAVING n > 1`, 'a card shared by customers');
  });

  test('sessions: one customer, channel and device each; consecutive rows < 30 min apart on one channel and device share one', async () => {
    await none(`SELECT session_id FROM transactions GROUP BY session_id
      HAVING count(DISTINCT customer_id) > 1 OR count(DISTINCT channel) > 1
          OR count(DISTINCT coalesce(device_id, '-')) > 1`, 'session spanning customers/channels/devices');
    await none(`SELECT * FROM (
        SELECT transaction_id, customer_id, session_id, channel, device_id, timestamp,
          lag(session_id) OVER w AS prev_session, lag(channel) OVER w AS prev_channel,
          lag(device_id) OVER w AS prev_device, lag(timestamp) OVER w AS prev_ts
        FROM transactions WINDOW w AS (PARTITION BY customer_id ORDER BY timestamp))
      WHERE prev_ts IS NOT NULL AND channel = prev_channel AND device_id IS NOT DISTINCT FROM prev_device
        AND timestamp - prev_ts < INTERVAL 30 MINUTE AND session_id <> prev_session`, 'session split');
    const shared = num(await db.one(`SELECT count(*) - count(DISTINCT session_id) FROM transactions`));
    assert.ok(shared > 0, 'no session has more than one transaction: the check above is vacuous');
  });

  test('amounts: the JSONL text has exactly two decimals (schema), decimals at most two, amount > 0', () => {
    const decimalCols = schema().transactions.filter((c) => c.type === 'decimal(18,2)').map((c) => c.name);
    assert.ok(decimalCols.includes('amount'));
    const bad = [];
    let seen = 0;
    for (const f of run.manifest.files.filter((f) => f.table === 'transactions')) {
      const text = readFileSync(path.join(run.dir, f.path), 'utf8');
      for (const line of text.split('\n')) {
        if (!line) continue;
        for (const col of decimalCols) {
          const m = new RegExp(`"${col}":([^,}]*)`).exec(line);
          if (!m) { bad.push(`${col} missing: ${line.slice(0, 60)}`); continue; }
          const v = m[1];
          if (!/^-?\d+(\.\d{1,2})?$/.test(v)) bad.push(`${col} = ${v}: more than two decimals`);
          if (col === 'amount') {
            seen++;
            if (!/^\d+\.\d{2}$/.test(v)) bad.push(`amount = ${v}: not exactly two decimals`);
            if (!(Number(v) > 0)) bad.push(`amount = ${v}: not positive`);
          }
        }
        if (bad.length > 10) break;
      }
    }
    assert.deepEqual(bad.slice(0, 10), []);
    assert.equal(seen, run.manifest.totals.transactions.rows);
  });
});
