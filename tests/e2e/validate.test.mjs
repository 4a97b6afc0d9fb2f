// fraudgen validate: clean datasets of every format, codec and layout pass (exit 0); a dataset
// with one tampered row fails (exit 1) and the report names the check, the file and the row;
// bad input exits 2 with a message.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PERIOD, RIDE_CHECKS, generate, makeTempDir, runFg } from './lib.mjs';

// 30 customers over 90 days at 5% fraud: a few thousand transactions, every table non-empty.
const BASE = ['--customers', 30, '--seed', 5150, ...PERIOD, '--fraud-rate', 0.05];

/** Runs validate with a JSON report; returns {status, report, stderr}. */
function validate(dir, extra = []) {
  const r = runFg(['validate', dir, '--format', 'json', '--max-examples', 50, ...extra]);
  let report = null;
  if (r.status !== 2) report = JSON.parse(r.stdout);
  return { status: r.status, report, stderr: r.stderr, stdout: r.stdout };
}

const check = (report, name) => report.checks.find((c) => c.name === name);

function assertPasses(dir, what) {
  const { status, report, stdout } = validate(dir);
  const failed = report.checks.filter((c) => c.violations > 0).map((c) => `${c.name}: ${JSON.stringify(c.examples.slice(0, 2))}`);
  assert.equal(status, 0, `${what}: ${failed.join('\n')}${stdout.slice(0, 200)}`);
  assert.equal(report.verdict, 'pass');
  return report;
}

/** Asserts exit 1 and that check `name` reports `file` (and `row`, 1-based data row, when given). */
function assertCaught(dir, name, file, row) {
  const { status, report } = validate(dir);
  assert.equal(status, 1, `expected a violation of ${name}`);
  const c = check(report, name);
  assert.ok(c.violations > 0, `${name} found nothing; failing checks: ${report.checks.filter((x) => x.violations).map((x) => x.name)}`);
  const hit = c.examples.find((e) => e.file === file && (row === undefined || e.row === row));
  assert.ok(hit, `${name} does not name ${file} row ${row}: ${JSON.stringify(c.examples.slice(0, 3))}`);
  return { report, example: hit };
}

/** A fresh copy of a dataset folder. */
function copyOf(dir) {
  const out = path.join(makeTempDir(), 'copy');
  cpSync(dir, out, { recursive: true });
  return out;
}

const jsonLines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

/** Rewrites line `i` (0-based) of a JSONL file with `edit(row)`; keys keep their order. */
function editJsonl(file, i, edit) {
  const lines = jsonLines(file);
  const row = JSON.parse(lines[i]);
  edit(row);
  lines[i] = JSON.stringify(row);
  writeFileSync(file, lines.join('\n') + '\n');
}

describe('clean datasets pass', () => {
  const kinds = [
    ['parquet', 'zstd'], ['parquet', 'snappy'], ['parquet', 'gzip'], ['parquet', 'none'],
    ['jsonl', 'none'], ['jsonl', 'gzip'], ['jsonl', 'zstd'], ['csv', 'none'], ['csv', 'gzip'], ['csv', 'zstd'],
  ];
  for (const [format, codec] of kinds) {
    test(`${format} ${codec}: exit 0, every check ran (the ride checks skipped: no ride tables)`, () => {
      const extra = format === 'parquet' ? ['--row-group-size', 700] : [];
      const run = generate([...BASE, '--format', format, '--compression', codec, '--file-size', '60KB', ...extra]);
      assert.ok(run.manifest.files.filter((f) => f.table === 'transactions').length >= 2, 'expected several transaction files');
      const report = assertPasses(run.dir, `${format} ${codec}`);
      for (const c of report.checks) {
        if (RIDE_CHECKS.includes(c.name)) {
          assert.match(c.skipped ?? '', /--type transactions/, `${c.name} should be skipped on a transactions dataset`);
          continue;
        }
        assert.equal(c.skipped, null, `${c.name} skipped`);
        assert.ok(c.rows_checked > 0, `${c.name} checked no row`);
      }
      assert.equal(report.dataset.rows, Object.values(run.manifest.totals).reduce((s, t) => s + t.rows, 0));
    });
  }

  test('--type all: every check ran, the ride checks among them', () => {
    const run = generate(['--type', 'all', '--customers', 400, '--seed', 5150, ...PERIOD, '--row-group-size', 900]);
    const report = assertPasses(run.dir, 'all');
    for (const name of RIDE_CHECKS) assert.ok(report.checks.some((c) => c.name === name), `${name} missing from the report`);
    for (const c of report.checks) {
      assert.equal(c.skipped, null, `${c.name} skipped`);
      assert.ok(c.rows_checked > 0, `${c.name} checked no row`);
    }
  });

  test('the text report has one line per check and a PASS verdict', () => {
    const run = generate([...BASE, '--format', 'jsonl']);
    const r = runFg(['validate', run.dir]);
    assert.equal(r.status, 0, r.stdout);
    for (const name of ['manifest_files', 'schema', 'layout', 'id_formats', 'references', 'cpf', 'banks', 'geography',
      'devices', 'directions', 'history', 'labels', 'fraud_share']) {
      assert.match(r.stdout, new RegExp(`^  ${name} +\\d+ +0  ok$`, 'm'), name);
    }
    assert.match(r.stdout, /^verdict: PASS/m);
  });

  test('sharded: three shards in one folder pass; one shard alone fails for the missing two, and passes with --allow-partial with the cross-table checks skipped', () => {
    const dir = path.join(makeTempDir(), 'sharded');
    const args = [...BASE, '--format', 'parquet', '--row-group-size', 700, '--file-size', '60KB'];
    for (let i = 0; i < 3; i++) generate([...args, '--shard', `${i}/3`], { dir, manifestName: `manifest.shard-0000${i}-of-00003.json` });
    const all = assertPasses(dir, 'three shards');
    assert.equal(all.dataset.files, all.dataset.files_in_dataset);
    const one = path.join(makeTempDir(), 'one');
    generate([...args, '--shard', '1/3'], { dir: one, manifestName: 'manifest.shard-00001-of-00003.json' });
    const alone = validate(one);
    assert.equal(alone.status, 1, alone.stdout);
    assert.deepEqual(check(alone.report, 'manifest_files').examples.map((e) => e.file).sort(),
      ['manifest.shard-00000-of-00003.json', 'manifest.shard-00002-of-00003.json']);
    const { status, report } = validate(one, ['--allow-partial']);
    assert.equal(status, 0, JSON.stringify(report.checks.filter((c) => c.violations)));
    for (const name of ['references', 'history', 'fraud_share']) assert.match(check(report, name).skipped, /of the dataset's/);
  });
});

describe('tampered datasets fail and the report names check, file and row', () => {
  const run = generate([...BASE, '--format', 'jsonl']);
  const txFile = 'transactions/part-00000.jsonl';
  const rows = jsonLines(path.join(run.dir, txFile)).map((l) => JSON.parse(l));

  test('a wrong CPF check digit', () => {
    const dir = copyOf(run.dir);
    editJsonl(path.join(dir, 'customers/part-00000.jsonl'), 3, (c) => {
      const last = Number(c.cpf.at(-1));
      c.cpf = c.cpf.slice(0, -1) + String((last + 1) % 10);
    });
    const { example } = assertCaught(dir, 'cpf', 'customers/part-00000.jsonl', 4);
    assert.equal(example.column, 'cpf');
    assert.match(example.expected, /check digits/);
  });

  test('a payer ISPB of another bank', () => {
    const dir = copyOf(run.dir);
    const i = rows.findIndex((r) => r.type === 'PIX');
    const other = rows[i].payer_ispb === '60701190' ? '00000000' : '60701190';  // Itaú or Banco do Brasil
    editJsonl(path.join(dir, txFile), i, (r) => { r.payer_ispb = other; });
    const { example } = assertCaught(dir, 'banks', txFile, i + 1);
    assert.equal(example.column, 'payer_ispb');
    assertCaught(dir, 'id_formats', txFile, i + 1);  // the end-to-end id carries the real payer ISPB
  });

  test('a changed velocity', () => {
    const dir = copyOf(run.dir);
    const i = 40;
    editJsonl(path.join(dir, txFile), i, (r) => { r.velocity_transactions_24h += 1; });
    const { example } = assertCaught(dir, 'history', txFile, i + 1);
    assert.equal(example.column, 'velocity_transactions_24h');
    assert.equal(example.value, String(rows[i].velocity_transactions_24h + 1));
    assert.match(example.expected, new RegExp(`^${rows[i].velocity_transactions_24h} transactions`));
  });

  test('a device of another customer', () => {
    const dir = copyOf(run.dir);
    const devices = jsonLines(path.join(run.dir, 'devices/part-00000.jsonl')).map((l) => JSON.parse(l));
    const i = rows.findIndex((r) => r.device_id !== null);
    const foreign = devices.find((d) => d.customer_id !== rows[i].customer_id);
    editJsonl(path.join(dir, txFile), i, (r) => { r.device_id = foreign.device_id; });
    const { example } = assertCaught(dir, 'devices', txFile, i + 1);
    assert.equal(example.column, 'device_id');
    assert.match(example.expected, new RegExp(rows[i].customer_id));
  });

  test('a flipped is_fraud', () => {
    const dir = copyOf(run.dir);
    const i = rows.findIndex((r) => !r.is_fraud);
    editJsonl(path.join(dir, txFile), i, (r) => { r.is_fraud = true; });
    const { example } = assertCaught(dir, 'labels', txFile, i + 1);
    assert.equal(example.column, 'fraud_type');
    assertCaught(dir, 'fraud_share', '');
  });

  test('a fraud_labels row that disagrees with its transaction', () => {
    const dir = copyOf(run.dir);
    const file = 'fraud_labels/part-00000.jsonl';
    editJsonl(path.join(dir, file), 0, (l) => { l.fraud_step += 7; });
    const { example } = assertCaught(dir, 'labels', txFile);
    assert.equal(example.column, 'fraud_step');
    assert.ok(example.expected.includes(`as in ${file} row 1`), example.expected);
  });

  test('a deleted row: rows, bytes and SHA-256 differ from the manifest', () => {
    const dir = copyOf(run.dir);
    const file = path.join(dir, txFile);
    const lines = jsonLines(file);
    lines.splice(10, 1);
    writeFileSync(file, lines.join('\n') + '\n');
    const { report } = assertCaught(dir, 'manifest_files', txFile);
    const columns = check(report, 'manifest_files').examples.filter((e) => e.file === txFile).map((e) => e.column);
    for (const c of ['rows', 'bytes', 'sha256']) assert.ok(columns.includes(c), `no ${c} finding: ${columns}`);
  });

  test('a wrong CPF in CSV and a corrupt Parquet file', () => {
    const csv = generate([...BASE, '--format', 'csv']);
    const file = path.join(csv.dir, 'customers/part-00000.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    const cpf = /\d{3}\.\d{3}\.\d{3}-\d{2}/.exec(lines[2])[0];
    lines[2] = lines[2].replace(cpf, cpf.slice(0, -2) + String((Number(cpf.slice(-2)) + 1) % 100).padStart(2, '0'));
    writeFileSync(file, lines.join('\n'));
    assertCaught(csv.dir, 'cpf', 'customers/part-00000.csv', 2);

    const pq = generate([...BASE, '--format', 'parquet']);
    const pfile = path.join(pq.dir, 'devices/part-00000.parquet');
    const bytes = readFileSync(pfile);
    bytes.fill(0x55, 40, 200);  // inside the first column chunk
    writeFileSync(pfile, bytes);
    assertCaught(pq.dir, 'manifest_files', 'devices/part-00000.parquet');
  });
});

describe('bad input exits 2 with a message', () => {
  test('missing folder, folder without manifest, unreadable or unsupported manifest, bad flags', () => {
    const tmp = makeTempDir();
    const cases = [
      [[path.join(tmp, 'nope')], /is not a folder/],
      [[tmp], /no manifest\.json/],
    ];
    const broken = path.join(tmp, 'broken');
    mkdirSync(broken);
    writeFileSync(path.join(broken, 'manifest.json'), '{ not json');
    cases.push([[broken], /not valid JSON/]);
    const future = path.join(tmp, 'future');
    mkdirSync(future);
    writeFileSync(path.join(future, 'manifest.json'), JSON.stringify({ schema_version: 99 }));
    cases.push([[future], /schema version 99/]);
    const run = generate([...BASE, '--format', 'jsonl']);
    cases.push([[run.dir, '--format', 'xml'], /accepted: text, json/]);
    cases.push([[run.dir, '--max-examples', '-1'], /accepted: 0 to/]);
    for (const [args, message] of cases) {
      const r = runFg(['validate', ...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: status ${r.status}\n${r.stdout}`);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /accepted|this fraudgen validates/);
    }
  });
});
