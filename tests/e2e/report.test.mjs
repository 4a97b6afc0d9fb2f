// `fraudgen report`: the page opened in Debian's Chromium (headless, through playwright-core) with
// every request that is not file: recorded and refused; every chart drawn with the marks its JSON
// says; the JSON's numbers recomputed by DuckDB from the same files; the same bytes for 1 and 2
// workers; a size that does not grow with the rows; bad input refused with exit 2. A full-page
// screenshot goes to tests/e2e/artifacts/report.png for a person to look at.
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

let small, large, db, work;
const pageOf = (html) => {
  const m = readFileSync(html, 'utf8').match(/<script type="application\/json" id="report-data">(.*?)<\/script>/s);
  assert.ok(m, 'no embedded report-data JSON');
  return JSON.parse(m[1]);
};

before(async () => {
  work = makeTempDir();
  small = generate(['--customers', 300, '--seed', 21, ...PERIOD]);
  large = generate(['--customers', 3000, '--seed', 21, ...PERIOD]);
  db = await openDuck();
  for (const t of ['customers', 'transactions']) {
    const files = small.manifest.files.filter((f) => f.table === t).map((f) => `'${path.join(small.dir, f.path)}'`);
    await db.q(`CREATE VIEW ${t} AS SELECT * FROM read_parquet([${files.join(', ')}])`);
  }
});
after(() => db?.close());

function report(dir, args = []) {
  const r = runFg(['report', dir, ...args]);
  assert.equal(r.status, 0, `report failed (${r.status}):\n${r.stderr}`);
  return r;
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
    assert.deepEqual(agg.days.filter((d) => d.legit + d.fraud > 0), days.map((d) => ({ date: d.date, legit: num(d.legit), fraud: num(d.fraud) })));
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
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    try {
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
      await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
      const data = pageOf(html);
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
          };
        }
        const texts = [...document.querySelectorAll('body *')].filter((e) => e.children.length === 0 && e.tagName !== 'SCRIPT' && e.tagName !== 'STYLE')
          .map((e) => e.textContent);
        return { out, texts, states: document.querySelectorAll('figure[data-chart="fraud_map"] path[data-uf]').length,
          ufs: [...new Set([...document.querySelectorAll('path[data-uf]')].map((p) => p.dataset.uf))].length };
      });
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: true });
      assert.deepEqual(errors, []);
      assert.deepEqual(requests, []);
      assert.deepEqual(Object.keys(drawn.out).sort(), Object.keys(data.charts).sort(), 'charts in the page vs the JSON');
      for (const [id, chart] of Object.entries(data.charts)) {
        assert.equal(drawn.out[id].marks, chart.marks, `${id}: marks`);
        assert.equal(drawn.out[id].titled, chart.marks, `${id}: every mark has a tooltip`);
        assert.ok(drawn.out[id].area > 0, `${id}: empty drawing`);
        assert.ok(drawn.out[id].title.length > 3, `${id}: no title`);
      }
      // Mark counts that follow from the data, not from the drawing code.
      const agg = data.aggregates;
      assert.equal(data.charts.volume_per_day.days_per_point, 1);
      assert.equal(data.charts.volume_per_day.marks, 2 * agg.days.length);
      assert.equal(agg.days.length, 31);
      assert.equal(data.charts.weekday_hour.marks, 7 * 24);
      assert.equal(data.charts.fraud_by_type.marks, 25);
      assert.equal(data.charts.fraud_by_month.marks, agg.months.length);
      for (const [id, c] of Object.entries(data.charts))
        if (id.startsWith('amount_') || id.startsWith('feature_') && id !== 'feature_auc') assert.equal(c.marks, 2 * (c.last_bin - c.first_bin + 1), id);
      assert.equal(data.charts.scenario_timelines.marks, Object.values(agg.scenario_examples).reduce((a, e) => a + e.steps, 0));
      assert.equal(drawn.states, 27);
      assert.equal(drawn.ufs, 27);
      for (const t of drawn.texts) assert.doesNotMatch(t, /NaN|undefined|Infinity|null%/, `text "${t}"`);
      const svgTexts = await page.$$eval('svg text', (ts) => ts.map((t) => t.textContent));
      assert.ok(svgTexts.every((t) => t.trim().length > 0), 'an empty SVG text');
    } finally {
      await browser.close();
    }
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
    assert.equal(page.aggregates.days.length, 20);
    const v = runFg(['validate', run.dir]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    const shard = runFg(['generate', '--customers', 40, '--shard', '0/2', '--report', '--output', path.join(makeTempDir(), 'o')]);
    assert.equal(shard.status, 2);
    assert.match(shard.stderr, /--report needs the whole dataset/);
  });
});
