// `fraudgen report`: the page opened in Debian's Chromium (headless, through playwright-core) with
// every request that is not file: recorded and refused; every chart drawn with the marks its JSON
// says; the JSON's numbers recomputed by DuckDB from the same files; the same bytes for 1 and 2
// workers; a size that does not grow with the rows; bad input refused with exit 2. The same for a
// --type all dataset (the ride charts), cut into small row groups so the scan splits single files.
// A full-page screenshot of that page goes to tests/e2e/artifacts/report.png for a person to look at.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { generate, makeTempDir, num, openDuck, runFg, sha256File } from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(HERE, 'artifacts');
const PERIOD = ['--start-date', '2025-03-20', '--end-date', '2025-04-19'];  // 31 days over two months
const SIZE_BOUND = 1_000_000;

let small, large, all, db, work;
// The JSON's days ({first_date, legit: [...], fraud: [...]}) as rows {date, legit, fraud}.
const dayRows = (days) => days.legit.map((legit, i) => ({
  date: new Date(Date.parse(`${days.first_date}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), legit, fraud: days.fraud[i],
}));
const pageOf = (html) => {
  const m = readFileSync(html, 'utf8').match(/<script type="application\/json" id="report-data">(.*?)<\/script>/s);
  assert.ok(m, 'no embedded report-data JSON');
  return JSON.parse(m[1]);
};

before(async () => {
  work = makeTempDir();
  small = generate(['--customers', 300, '--seed', 21, ...PERIOD]);
  large = generate(['--customers', 3000, '--seed', 21, ...PERIOD]);
  // Both halves of one world, a high fraud rate so every ride chart has fraud to draw, and row
  // groups of 400 rows so each table's single file is several work units.
  all = generate(['--type', 'all', '--customers', 600, '--seed', 21, '--fraud-rate', 0.1, '--row-group-size', 400, ...PERIOD]);
  db = await openDuck();
  const view = async (name, run, t) => {
    const files = run.manifest.files.filter((f) => f.table === t).map((f) => `'${path.join(run.dir, f.path)}'`);
    await db.q(`CREATE VIEW ${name} AS SELECT * FROM read_parquet([${files.join(', ')}])`);
  };
  for (const t of ['customers', 'transactions']) await view(t, small, t);
  for (const t of ['rides', 'ride_fraud_labels']) await view(t, all, t);
});
after(async () => {
  db?.close();
  if (chromiumRunning) await (await chromiumRunning).close();
});

function report(dir, args = []) {
  const r = runFg(['report', dir, ...args]);
  assert.equal(r.status, 0, `report failed (${r.status}):\n${r.stderr}`);
  return r;
}

// One Chromium for every page of this file (a launch costs seconds).
let chromiumRunning;
const launchChromium = () => (chromiumRunning ??= chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
}));

// Opens the page with every request that is not file: refused and recorded; checks no error, no
// request, every chart of the JSON drawn with its marks, each with a tooltip and a title, the
// maps with 27 states, no NaN or empty text. Returns the embedded JSON.
async function checkInBrowser(browser, file, screenshot) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const requests = [], errors = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const data = pageOf(file);
  const drawn = await page.evaluate(() => {
    const out = {};
    for (const f of document.querySelectorAll('figure[data-chart]')) {
      const svg = f.querySelector('svg');
      const box = svg.getBBox();
      out[f.dataset.chart] = {
        marks: f.querySelectorAll('svg .mark').length,
        titled: [...f.querySelectorAll('svg .mark')].filter((m) => m.querySelector('title')?.textContent.trim()).length,
        area: box.width * box.height,
        title: f.querySelector('figcaption')?.textContent ?? '',
        states: f.querySelectorAll('path[data-uf]').length,
      };
    }
    const texts = [...document.querySelectorAll('body *')].filter((e) => e.children.length === 0 && e.tagName !== 'SCRIPT' && e.tagName !== 'STYLE')
      .map((e) => e.textContent);
    return { out, texts, ufs: [...new Set([...document.querySelectorAll('path[data-uf]')].map((p) => p.dataset.uf))].length };
  });
  if (screenshot) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, screenshot), fullPage: true });
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, []);
  assert.deepEqual(Object.keys(drawn.out).sort(), Object.keys(data.charts).sort(), 'charts in the page vs the JSON');
  for (const [id, chart] of Object.entries(data.charts)) {
    assert.equal(drawn.out[id].marks, chart.marks, `${id}: marks`);
    assert.equal(drawn.out[id].titled, chart.marks, `${id}: every mark has a tooltip`);
    assert.ok(drawn.out[id].area > 0, `${id}: empty drawing`);
    assert.ok(drawn.out[id].title.length > 3, `${id}: no title`);
  }
  for (const id of Object.keys(data.charts).filter((id) => id.endsWith('fraud_map'))) assert.equal(drawn.out[id].states, 27, id);
  assert.equal(drawn.ufs, 27);
  for (const t of drawn.texts) assert.doesNotMatch(t, /NaN|undefined|Infinity|null%/, `text "${t}"`);
  const svgTexts = await page.$$eval('svg text', (ts) => ts.map((t) => t.textContent));
  assert.ok(svgTexts.every((t) => t.trim().length > 0), 'an empty SVG text');
  await page.close();
  return { data };
}

describe('fraudgen report', () => {
  let html, json;
  before(() => {
    html = path.join(work, 'small-1.html');
    json = path.join(work, 'small.json');
    report(small.dir, ['-o', html, '--json', json, '--workers', 1, '--quiet']);
  });

  test("same bytes with 1 and 2 workers; --json holds the embedded aggregates", async () => {
    const two = path.join(work, 'small-2.html');
    report(small.dir, ['-o', two, '--workers', 2, '--quiet']);
    assert.equal(await sha256File(two), await sha256File(html));
    assert.deepEqual(JSON.parse(readFileSync(json, 'utf8')), pageOf(html));
  });

  test('a CSV dataset of the same seed gives the same charts and numbers', () => {
    const csv = generate(['--customers', 300, '--seed', 21, ...PERIOD, '--format', 'csv']);
    const out = path.join(work, 'csv.html');
    report(csv.dir, ['-o', out, '--quiet']);
    const [a, b] = [pageOf(out), pageOf(html)];
    assert.deepEqual(a.aggregates, b.aggregates);
    assert.deepEqual(a.charts, b.charts);
    assert.equal(a.identity.format, 'csv');
  });

  test('offline by construction: a CSP forbidding every request, no source or remote URL', () => {
    const text = readFileSync(html, 'utf8');
    assert.match(text, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*script-src 'none'/);
    for (const bad of [/\ssrc=/i, /https?:\/\//i, /@import/i, /url\(/i, /<script(?![^>]*type="application\/json")/i])
      assert.doesNotMatch(text, bad);
  });

  test('size bound, and a dataset of 10x the customers gives a page of about the same size', () => {
    const big = path.join(work, 'large.html');
    report(large.dir, ['-o', big, '--quiet']);
    const [a, b] = [statSync(html).size, statSync(big).size];
    assert.ok(large.manifest.totals.transactions.rows > 8 * small.manifest.totals.transactions.rows);
    assert.ok(a < SIZE_BOUND && b < SIZE_BOUND, `sizes ${a} and ${b} must be under ${SIZE_BOUND}`);
    assert.ok(Math.abs(b - a) / a < 0.25, `10x the rows changed the page from ${a} to ${b} bytes`);
  });

  test('the JSON equals what DuckDB computes from the same files', async () => {
    const agg = pageOf(html).aggregates;
    const local = `(epoch_ms(timestamp) - 3 * 3600000)`;  // Brasília time, UTC-3 all year
    const days = await db.q(`SELECT strftime(make_timestamp(${local} * 1000), '%Y-%m-%d') AS date,
        count(*) FILTER (WHERE NOT is_fraud) AS legit, count(*) FILTER (WHERE is_fraud) AS fraud
      FROM transactions GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(dayRows(agg.days).filter((d) => d.legit + d.fraud > 0), days.map((d) => ({ date: d.date, legit: num(d.legit), fraud: num(d.fraud) })));
    const byType = await db.q(`SELECT fraud_type, count(*) AS n FROM transactions WHERE is_fraud GROUP BY 1`);
    const expectedTypes = Object.fromEntries(Object.keys(agg.fraud_by_type).map((t) => [t, 0]));
    for (const r of byType) expectedTypes[r.fraud_type] = num(r.n);
    assert.equal(Object.keys(agg.fraud_by_type).length, 25);
    assert.deepEqual(agg.fraud_by_type, expectedTypes);
    assert.deepEqual(agg.fraud_by_type, small.manifest.fraud.transactions_by_type);
    const states = await db.q(`SELECT customer_state AS uf, count(*) FILTER (WHERE NOT is_fraud) AS legit,
        count(*) FILTER (WHERE is_fraud) AS fraud FROM transactions GROUP BY 1`);
    for (const s of states) assert.deepEqual(agg.by_customer_state[s.uf], { legit: num(s.legit), fraud: num(s.fraud) }, s.uf);
    const months = await db.q(`SELECT strftime(make_timestamp(${local} * 1000), '%Y-%m') AS month,
        count(*) FILTER (WHERE NOT is_fraud) AS legit, count(*) FILTER (WHERE is_fraud) AS fraud FROM transactions GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(agg.months, months.map((m) => ({ month: m.month, legit: num(m.legit), fraud: num(m.fraud) })));
    const wh = await db.q(`SELECT isodow(make_timestamp(${local} * 1000)) - 1 AS w, hour(make_timestamp(${local} * 1000)) AS h,
        count(*) AS n FROM transactions GROUP BY ALL`);
    const grid = Array.from({ length: 7 }, () => Array(24).fill(0));
    for (const r of wh) grid[num(r.w)][num(r.h)] = num(r.n);
    assert.deepEqual(agg.weekday_hour, grid);
    // Amount bins: the last floor (in cents) not above the amount.
    const floors = agg.amount_bin_floors_cents;
    await db.q(`CREATE OR REPLACE TABLE floors AS SELECT unnest(range(${floors.length})) AS bin, unnest([${floors.join(',')}]::BIGINT[]) AS lo`);
    const bins = await db.q(`SELECT type, is_fraud, bin, count(*) AS n FROM (
        SELECT type, is_fraud, (SELECT max(bin) FROM floors WHERE lo <= CAST(amount * 100 AS BIGINT)) AS bin FROM transactions) GROUP BY ALL`);
    const charts = pageOf(html).charts;
    for (const r of bins) {
      const c = charts[`amount_type_${r.type}`];
      assert.equal(c[r.is_fraud ? 'fraud' : 'legit'][num(r.bin)], num(r.n), `${r.type} ${r.is_fraud} bin ${r.bin}`);
    }
    const customers = await db.q(`SELECT address_state AS uf, count(*) AS n FROM customers GROUP BY 1`);
    for (const c of customers) assert.equal(agg.customers_by_state[c.uf], num(c.n), c.uf);
    assert.equal(Object.values(agg.customers_by_state).reduce((a, b) => a + b, 0), 300);
    const velocity = await db.q(`SELECT least(velocity_transactions_1h, 15) AS b, is_fraud, count(*) AS n FROM transactions GROUP BY ALL`);
    for (const r of velocity)
      assert.equal(agg.features.velocity_transactions_1h[r.is_fraud ? 'fraud' : 'legit'][num(r.b)], num(r.n));
    // The example scenario of each type is its smallest id, with all its fraudulent rows.
    const examples = await db.q(`SELECT fraud_type, min(fraud_scenario_id) AS id FROM transactions WHERE is_fraud GROUP BY 1`);
    for (const e of examples) {
      assert.equal(agg.scenario_examples[e.fraud_type].scenario_id, e.id);
      const steps = await db.one(`SELECT count(*) FROM transactions WHERE fraud_scenario_id = '${e.id}'`);
      assert.equal(agg.scenario_examples[e.fraud_type].steps, num(steps));
    }
  });

  test('in Chromium: no error, no request, every chart with the marks its JSON says, 27 states', async () => {
    const { data } = await checkInBrowser(await launchChromium(), html);
    // Mark counts that follow from the data, not from the drawing code.
    const agg = data.aggregates;
    assert.equal(data.charts.volume_per_day.days_per_point, 1);
    assert.equal(data.charts.volume_per_day.marks, 2 * agg.days.legit.length);
    assert.equal(agg.days.legit.length, 31);
    assert.equal(data.charts.weekday_hour.marks, 7 * 24);
    assert.equal(data.charts.fraud_by_type.marks, 25);
    assert.equal(data.charts.fraud_by_month.marks, agg.months.length);
    for (const [id, c] of Object.entries(data.charts))
      if (id.startsWith('amount_') || id.startsWith('feature_') && id !== 'feature_auc') assert.equal(c.marks, 2 * (c.last_bin - c.first_bin + 1), id);
    assert.equal(data.charts.scenario_timelines.marks, Object.values(agg.scenario_examples).reduce((a, e) => a + e.steps, 0));
    assert.ok(!Object.keys(data.charts).some((id) => id.startsWith('ride_')), 'ride charts in a transactions dataset');
  });

  test('--validate shows the checks as a table with the verdict', () => {
    const out = path.join(work, 'validated.html');
    report(small.dir, ['-o', out, '--validate', '--quiet']);
    const v = pageOf(out).validation;
    assert.equal(v.verdict, 'pass');
    assert.equal(v.checks.length, 22);
    assert.ok(v.checks.some((c) => c.check === 'history' && c.status === 'pass' && c.checked > 0));
    assert.match(readFileSync(out, 'utf8'), /PASS: no violations/);
  });
});

describe('fraudgen report with rides (--type all)', () => {
  let html, json;
  before(() => {
    html = path.join(work, 'all-1.html');
    json = path.join(work, 'all.json');
    report(all.dir, ['-o', html, '--json', json, '--workers', 1, '--quiet']);
  });

  test('single files in several row groups: same bytes with 1 and 2 workers; both halves drawn; size bound', async () => {
    for (const t of ['rides', 'transactions']) {
      const files = all.manifest.files.filter((f) => f.table === t);
      assert.equal(files.length, 1, t);
      const groups = await db.one(`SELECT count(DISTINCT row_group_id) FROM parquet_metadata('${path.join(all.dir, files[0].path)}')`);
      assert.ok(num(groups) >= 3, `${t}: ${groups} row groups, the scan would not split the file`);
    }
    const two = path.join(work, 'all-2.html');
    report(all.dir, ['-o', two, '--workers', 2, '--quiet']);
    assert.equal(await sha256File(two), await sha256File(html));
    const data = pageOf(html);
    assert.deepEqual(JSON.parse(readFileSync(json, 'utf8')), data);
    for (const id of ['volume_per_day', 'fraud_map', 'ride_volume_per_day', 'ride_fraud_map', 'ride_capitals']) assert.ok(data.charts[id], id);
    assert.ok(statSync(html).size < SIZE_BOUND, `${statSync(html).size} bytes`);
  });

  test('the ride JSON equals what DuckDB computes from the same files', async () => {
    const r = pageOf(html).aggregates.rides;
    const charts = pageOf(html).charts;
    const local = `make_timestamp((epoch_ms(requested_at) - 3 * 3600000) * 1000)`;  // Brasília time
    assert.equal(r.rows, all.manifest.totals.rides.rows);
    const appStatus = await db.q(`SELECT app, status, count(*) AS n FROM rides GROUP BY ALL`);
    assert.equal(Object.values(r.app_status).flatMap(Object.values).reduce((a, b) => a + b, 0), r.rows);
    for (const x of appStatus) assert.equal(r.app_status[x.app][x.status], num(x.n), `${x.app} ${x.status}`);
    const levelApp = await db.q(`SELECT level, app, count(*) AS n FROM rides GROUP BY ALL`);
    for (const x of levelApp) assert.equal(r.level_app[x.level][x.app], num(x.n), `${x.level} ${x.app}`);
    const types = await db.q(`SELECT fraud_type, count(*) AS n FROM ride_fraud_labels GROUP BY 1`);
    const expected = Object.fromEntries(Object.keys(r.fraud_by_type).map((t) => [t, 0]));
    for (const x of types) expected[x.fraud_type] = num(x.n);
    assert.equal(Object.keys(r.fraud_by_type).length, 11);
    assert.deepEqual(r.fraud_by_type, expected);
    assert.deepEqual(r.fraud_by_type, all.manifest.ride_fraud.rides_by_type);
    assert.ok(Object.values(r.fraud_by_type).filter((n) => n > 0).length >= 8, 'too few ride fraud types to draw');
    const months = await db.q(`SELECT strftime(${local}, '%Y-%m') AS month, count(*) FILTER (WHERE NOT is_fraud) AS legit,
        count(*) FILTER (WHERE is_fraud) AS fraud FROM rides GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(r.months, months.map((m) => ({ month: m.month, legit: num(m.legit), fraud: num(m.fraud) })));
    assert.equal(r.requested_rate, 0.1);
    const days = await db.q(`SELECT strftime(${local}, '%Y-%m-%d') AS date, count(*) FILTER (WHERE NOT is_fraud) AS legit,
        count(*) FILTER (WHERE is_fraud) AS fraud FROM rides GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(dayRows(r.days).filter((d) => d.legit + d.fraud > 0), days.map((d) => ({ date: d.date, legit: num(d.legit), fraud: num(d.fraud) })));
    const wh = await db.q(`SELECT isodow(${local}) - 1 AS w, hour(${local}) AS h, count(*) AS n FROM rides GROUP BY ALL`);
    const grid = Array.from({ length: 7 }, () => Array(24).fill(0));
    for (const x of wh) grid[num(x.w)][num(x.h)] = num(x.n);
    assert.deepEqual(r.weekday_hour, grid);
    const states = await db.q(`SELECT state, count(*) FILTER (WHERE NOT is_fraud) AS legit, count(*) FILTER (WHERE is_fraud) AS fraud
      FROM rides GROUP BY 1`);
    assert.ok(states.length >= 20, `${states.length} states with rides`);
    for (const x of states) assert.deepEqual(r.by_state[x.state], { legit: num(x.legit), fraud: num(x.fraud) }, x.state);
    assert.equal(Object.keys(r.by_state).length, 27);
    const pay = await db.q(`SELECT payment_method AS p, count(*) FILTER (WHERE NOT is_fraud) AS legit, count(*) FILTER (WHERE is_fraud) AS fraud
      FROM rides GROUP BY 1`);
    for (const x of pay) assert.deepEqual(r.payment[x.p], { legit: num(x.legit), fraud: num(x.fraud) }, x.p);
    // Binned columns: the surge in tenths from 1.0, the GPS ratio in tenths, counts capped;
    // nulls are not binned (DuckDB's least() skips a null, so they are filtered first).
    const bins = async (column, expr, id) => {
      const rows = await db.q(`SELECT ${expr} AS b, is_fraud, count(*) AS n FROM rides WHERE ${column} IS NOT NULL GROUP BY ALL`);
      assert.ok(rows.length > 2, id);
      for (const x of rows) assert.equal(charts[id][x.is_fraud ? 'fraud' : 'legit'][num(x.b)], num(x.n), `${id} bin ${x.b} ${x.is_fraud}`);
    };
    await bins('surge_multiplier', `least(greatest(round(surge_multiplier * 10) - 10, 0), 30)`, 'ride_surge');
    await bins('gps_path_ratio', `least(floor(gps_path_ratio * 10 + 1e-9), 30)`, 'ride_feature_gps_path_ratio');
    await bins('pair_rides_7d', `least(pair_rides_7d, 15)`, 'ride_feature_pair_rides_7d');
    // Floor bins (the last lower edge not above the value): days of the accounts' and cards' age,
    // fares above 0 in the amount log bins (the fares of 0 counted apart).
    const floorTable = async (name, floors) =>
      db.q(`CREATE OR REPLACE TABLE ${name} AS SELECT unnest(range(${floors.length})) AS bin, unnest([${floors.join(',')}]::BIGINT[]) AS lo`);
    await floorTable('day_floors', r.day_bin_floors);
    for (const column of ['account_age_days', 'card_age_days'])
      await bins(column, `(SELECT max(bin) FROM day_floors WHERE lo <= ${column})`, `ride_feature_${column}`);
    await floorTable('ride_floors', pageOf(html).aggregates.amount_bin_floors_cents);
    const fares = await db.q(`SELECT app, is_fraud, bin, count(*) AS n FROM (
        SELECT app, is_fraud, (SELECT max(bin) FROM ride_floors WHERE lo <= CAST(fare_amount * 100 AS BIGINT)) AS bin FROM rides
        WHERE fare_amount > 0) GROUP BY ALL`);
    for (const x of fares) assert.equal(charts[`ride_fare_${x.app}`][x.is_fraud ? 'fraud' : 'legit'][num(x.bin)], num(x.n), `${x.app} bin ${x.bin}`);
    const unpaid = await db.q(`SELECT app, count(*) FILTER (WHERE NOT is_fraud) AS legit, count(*) FILTER (WHERE is_fraud) AS fraud
      FROM rides WHERE fare_amount = 0 GROUP BY 1`);
    assert.ok(unpaid.length > 0);
    for (const x of unpaid) assert.deepEqual(r.no_fare_by_app[x.app], { legit: num(x.legit), fraud: num(x.fraud) }, x.app);
    const examples = await db.q(`SELECT fraud_type, min(fraud_scenario_id) AS id FROM rides WHERE is_fraud GROUP BY 1`);
    for (const e of examples) {
      assert.equal(r.scenario_examples[e.fraud_type].scenario_id, e.id);
      const steps = await db.one(`SELECT count(*) FROM rides WHERE fraud_scenario_id = '${e.id}'`);
      assert.equal(r.scenario_examples[e.fraud_type].steps, num(steps));
    }
  });

  test('in Chromium: both halves drawn with the marks their JSON says, no error, no request (screenshot)', async () => {
    const { data } = await checkInBrowser(await launchChromium(), html, 'report.png');
    const r = data.aggregates.rides, c = data.charts;
    assert.equal(c.ride_volume_per_day.marks, 2 * r.days.legit.length);
    assert.equal(r.days.legit.length, 31);
    assert.equal(c.ride_weekday_hour.marks, 7 * 24);
    assert.equal(c.ride_app_status.marks, 3 * 4);
    assert.equal(c.ride_level_app.marks, 4 * 3);
    assert.equal(c.ride_fraud_by_type.marks, 11);
    assert.equal(c.ride_fraud_by_month.marks, r.months.length);
    assert.equal(c.ride_fraud_by_state.marks, 27);
    assert.equal(c.ride_capitals.marks, 27);
    assert.equal(c.ride_report_delay.marks, 91);
    assert.equal(c.ride_feature_auc.marks, Object.keys(r.features).length);
    assert.equal(c.ride_scenario_timelines.marks, Object.values(r.scenario_examples).reduce((a, e) => a + e.steps, 0));
    for (const [id, chart] of Object.entries(c))
      if (/^ride_(fare_|surge|payment|feature_(?!auc))/.test(id)) assert.equal(chart.marks, 2 * (chart.last_bin - chart.first_bin + 1), id);
  });

  test('a rides-only dataset draws the ride charts alone', () => {
    const rides = generate(['--type', 'rides', '--customers', 100, '--seed', 3, '--start-date', '2025-03-01', '--end-date', '2025-03-10']);
    const out = path.join(work, 'rides.html');
    report(rides.dir, ['-o', out, '--quiet']);
    const data = pageOf(out);
    assert.ok(Object.keys(data.charts).length > 20);
    assert.ok(Object.keys(data.charts).every((id) => id.startsWith('ride_')), Object.keys(data.charts).join(' '));
    assert.equal(data.aggregates.rides.rows, rides.manifest.totals.rides.rows);
    assert.equal(data.aggregates.rides.days.legit.length, 10);
  });
});

describe('report bad input and generate --report', () => {
  const noLeftovers = (dir) => assert.deepEqual(readdirSync(dir).filter((f) => /report|partial/.test(f)), []);

  test('no dataset, an unreadable manifest, an unwritable output: exit 2 with what is accepted', () => {
    const empty = makeTempDir();
    let r = runFg(['report', path.join(empty, 'missing')]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /missing/);
    r = runFg(['report', empty]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /no manifest\.json.*accepted/);
    noLeftovers(empty);
    writeFileSync(path.join(empty, 'manifest.json'), '{ not json');
    r = runFg(['report', empty]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /manifest\.json/);
    noLeftovers(empty);
    r = runFg(['report', small.dir, '-o', path.join(empty, 'no', 'such', 'r.html')]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /does not exist; accepted/);
    r = runFg(['report', small.dir, '-o', empty]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /is a folder; accepted/);
    r = runFg(['report', small.dir, '--workers', 0]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--workers '0' is not valid; accepted: 1 to 1024/);
    assert.ok(!existsSync(path.join(small.dir, 'report.html')));
  });

  test('generate --report writes report.html beside the dataset, and validate ignores it', () => {
    const run = generate(['--customers', 40, '--seed', 5, '--start-date', '2025-03-01', '--end-date', '2025-03-20', '--report']);
    const page = pageOf(path.join(run.dir, 'report.html'));
    assert.equal(page.identity.seed, 5);
    assert.equal(page.aggregates.days.legit.length, 20);
    const v = runFg(['validate', run.dir]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    const shard = runFg(['generate', '--customers', 40, '--shard', '0/2', '--report', '--output', path.join(makeTempDir(), 'o')]);
    assert.equal(shard.status, 2);
    assert.match(shard.stderr, /--report needs the whole dataset/);
  });
});
