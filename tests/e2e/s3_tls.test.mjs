// TLS to an S3 endpoint: verification is on by default, and --s3-ca-bundle trusts a private CA.
// An HTTPS front (a certificate for 127.0.0.1 made by the openssl CLI for this test) forwards to
// the SigV4 verifier and s3rver (tests/e2e/s3_harness.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import https from 'node:https';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FG_BIN, PERIOD, makeTempDir } from './lib.mjs';
import { startS3Chain, listObjects, getObject, sha256Hex } from './s3_harness.mjs';

let chain, front, frontEndpoint, certFile;

function runFgAsync(args) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
    for (const v of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'MINIO_ENDPOINT', 'AWS_PROFILE', 'AWS_SESSION_TOKEN']) delete env[v];
    const child = spawn(FG_BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

before(async () => {
  const dir = makeTempDir('fraudgen-s3-tls-');
  certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=fraudgen-test-ca',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  chain = await startS3Chain({ directory: path.join(dir, 's3'), buckets: ['tls'] });
  const upstream = new URL(chain.endpoint);
  front = https.createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (req, res) => {
    // Headers pass unchanged: the verifier checks the Host the client signed.
    const up = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise((r) => front.listen(0, '127.0.0.1', r));
  frontEndpoint = `https://127.0.0.1:${front.address().port}`;
});

after(async () => {
  front?.close();
  await chain?.stop();
});

const args = (prefix, extra = []) => ['generate', '--customers', '20', ...PERIOD, '--seed', '5', '--quiet',
  '--output', `s3://tls/${prefix}`, '--s3-endpoint', frontEndpoint, '--s3-max-attempts', '2', ...extra];

test('an endpoint whose certificate no system CA signed is refused, and nothing is written', async () => {
  const r = await runFgAsync(args('untrusted'));
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /certificate|SSL/i);
  assert.match(r.stderr, /--s3-ca-bundle/);
  assert.equal(chain.verifier.log.length, 0, 'no request may reach the server over an unverified connection');
  assert.deepEqual(await listObjects(chain.s3.endpoint, 'tls', 'untrusted/'), []);
});

test('--s3-ca-bundle trusts the private CA: the dataset arrives whole', async () => {
  const r = await runFgAsync(args('trusted', ['--s3-ca-bundle', certFile]));
  assert.equal(r.status, 0, r.stderr);
  const manifest = JSON.parse((await getObject(chain.s3.endpoint, 'tls', 'trusted/manifest.json')).toString('utf8'));
  assert.ok(manifest.files.length >= 3);
  for (const f of manifest.files) {
    const body = await getObject(chain.s3.endpoint, 'tls', `trusted/${f.path}`);
    assert.equal(sha256Hex(body), f.sha256, f.path);
  }
  assert.ok(chain.verifier.log.every((e) => e.verdict === 'match'));
});
