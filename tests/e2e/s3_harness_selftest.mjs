#!/usr/bin/env node
// Starts the S3 test chain of s3_harness.mjs by hand (a script, not a test file).
//
//   node s3_harness_selftest.mjs                 quick smoke check with curl, prints the verifier log
//   node s3_harness_selftest.mjs --serve         keeps the chain up (Ctrl-C prints the log and stops)
//   options: --bucket NAME (default fraudgen-test)   --dir DIR (s3rver folder; default a temp folder)
//            --faults SHARE[:KIND,KIND...][:SEED]    put a fault proxy in front, e.g. --faults 0.25:503,drop:1
//
// The chain is  [fault proxy ->] SigV4 verifier -> s3rver, all on 127.0.0.1, credentials S3RVER/S3RVER,
// region us-east-1. The smoke check exits 1 when a request does not get the answer it should.
// The full harness tests are in s3_harness.test.mjs (node --test s3_harness.test.mjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FAULT_KINDS, MiB, sha256Hex, startS3Chain, xmlValue } from './s3_harness.mjs';

const { values: opt } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    bucket: { type: 'string', default: 'fraudgen-test' },
    dir: { type: 'string' },
    faults: { type: 'string' },
  },
});

let faults;
if (opt.faults) {
  const [share, kinds, seed] = opt.faults.split(':');
  faults = { share: Number(share), kinds: kinds ? kinds.split(',') : [...FAULT_KINDS], seed: seed ? Number(seed) : 1, stallMs: 5000 };
}

const tmp = mkdtempSync(path.join(tmpdir(), 's3-harness-selftest-'));
const chain = await startS3Chain({ directory: opt.dir ?? path.join(tmp, 's3rver'), buckets: [opt.bucket], faults });

function printLog() {
  for (const e of chain.verifier.log) {
    console.log(`${String(e.status).padStart(3)} ${e.verdict.padEnd(17)} ${e.method.padEnd(6)} ${e.path}${e.rawQuery ? `?${e.rawQuery}` : ''}${e.reason ? `  [${e.reason}]` : ''}`);
  }
  if (chain.proxy) console.log('fault proxy:', JSON.stringify(chain.proxy.stats));
  const open = chain.verifier.openUploads();
  console.log(`open multipart uploads: ${open.length ? open.map((u) => `${u.key} (${u.uploadId}, parts ${[...u.parts].join(',') || 'none'})`).join('; ') : 'none'}`);
}

async function shutdown(code) {
  await chain.stop();
  rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
}

/** curl with SigV4 (credentials via stdin); resolves {status, body}. */
function curl(url, { method, upload, user = 'S3RVER:S3RVER', sha } = {}) {
  const out = path.join(tmp, `out-${Math.random().toString(36).slice(2)}`);
  const args = ['-sS', '--max-time', '30', '-o', out, '-w', '%{http_code}', '--aws-sigv4', 'aws:amz:us-east-1:s3', '-K', '-',
    '-H', `x-amz-content-sha256: ${sha ?? sha256Hex(upload ?? '')}`];
  if (method) args.push('-X', method);
  if (upload !== undefined) {
    const f = path.join(tmp, `in-${Math.random().toString(36).slice(2)}`);
    writeFileSync(f, upload);
    args.push('-T', f);
  }
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn('curl', args, { stdio: ['pipe', 'pipe', 'inherit'] });
    let status = '';
    child.stdout.on('data', (d) => { status += d; });
    child.on('error', reject);
    child.on('close', () => {
      let body = '';
      try { body = readFileSync(out, 'utf8'); } catch { /* none */ }
      resolve({ status: Number(status), body });
    });
    child.stdin.end(`user = "${user}"\n`);
  });
}

if (opt.serve) {
  console.log(`s3rver:        ${chain.s3.endpoint}  (folder ${chain.s3.directory}; checks no signatures)`);
  console.log(`verifier:      ${chain.verifier.endpoint}`);
  if (chain.proxy) console.log(`fault proxy:   ${chain.proxy.endpoint}  ${JSON.stringify(faults)}`);
  console.log(`use endpoint:  ${chain.endpoint}   bucket ${opt.bucket}, credentials S3RVER/S3RVER, region us-east-1`);
  console.log(`example:       curl --aws-sigv4 aws:amz:us-east-1:s3 --user S3RVER:S3RVER -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -T file ${chain.endpoint}/${opt.bucket}/file`);
  console.log('Ctrl-C stops and prints the verifier log.');
  process.on('SIGINT', () => {
    console.log();
    printLog();
    shutdown(0);
  });
} else {
  const base = `${chain.endpoint}/${opt.bucket}`;
  const checks = [];
  const expect = async (what, want, r) => {
    checks.push({ what, ok: want.includes(r.status), got: r.status, want });
    return r;
  };
  await expect('PUT object', [200], await curl(`${base}/smoke/a.txt`, { upload: 'hello\n' }));
  await expect('PUT object, wrong secret', [403], await curl(`${base}/smoke/b.txt`, { upload: 'x', user: 'S3RVER:wrong' }));
  await expect("POST ?uploads (no '=')", [403], await curl(`${base}/smoke/mp?uploads`, { method: 'POST' }));
  const c = await expect('POST ?uploads=', [200], await curl(`${base}/smoke/mp?uploads=`, { method: 'POST' }));
  const id = xmlValue(c.body, 'UploadId');
  await expect('PUT part 1 (5 MiB)', [200], await curl(`${base}/smoke/mp?partNumber=1&uploadId=${id}`, { upload: Buffer.alloc(5 * MiB, 7) }));
  await expect('DELETE ?uploadId= (abort)', [204], await curl(`${base}/smoke/mp?uploadId=${id}`, { method: 'DELETE' }));
  if (faults) console.log('(a fault proxy is in front: some checks may fail on purpose)');
  printLog();
  let failed = 0;
  for (const ch of checks) {
    if (!ch.ok) failed++;
    console.log(`${ch.ok ? 'ok  ' : 'FAIL'} ${ch.what}: ${ch.got}${ch.ok ? '' : ` (want ${ch.want.join('|')})`}`);
  }
  await shutdown(failed ? 1 : 0);
}
