// Tests of the S3 test harness itself (s3_harness.mjs): each check shows that the harness can fail.
// Needs the system curl (7.88+: --aws-sigv4, -w %header{}); does not need the fraudgen binary.
//   cd tests/e2e && node --test s3_harness.test.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  EMPTY_SHA256, MiB, UNSIGNED_PAYLOAD, createBucket, getObject, headObject, isUploadPart, listObjects,
  putObject, s3Request, sha256Hex, startFaultProxy, startS3Chain, xmlValue,
} from './s3_harness.mjs';

const TMP = mkdtempSync(path.join(tmpdir(), 's3-harness-test-'));
after(() => rmSync(TMP, { recursive: true, force: true }));
let fileNo = 0;
const tmpFile = (content) => {
  const f = path.join(TMP, `f${fileNo++}`);
  writeFileSync(f, content);
  return f;
};

/**
 * Runs curl asynchronously (the servers live in this process, so spawnSync would hang them).
 * The credentials go through stdin (-K -), not the command line. Returns {exit, status, etag, body, stderr}.
 * sha: the x-amz-content-sha256 value to send (default: SHA-256 of the body, or of nothing).
 */
function curl(url, { method, upload, data, sha, user = 'S3RVER:S3RVER', extraHeaders = [], maxTime = 20 } = {}) {
  const content = upload ?? data;
  const out = path.join(TMP, `out${fileNo++}`);
  const args = ['-sS', '--max-time', String(maxTime), '-o', out, '-w', '%{http_code} %header{etag}',
    '--aws-sigv4', 'aws:amz:us-east-1:s3', '-K', '-',
    '-H', `x-amz-content-sha256: ${sha ?? sha256Hex(content ?? '')}`];
  for (const h of extraHeaders) args.push('-H', h);
  if (method) args.push('-X', method);
  if (upload !== undefined) args.push('-T', tmpFile(upload));
  if (data !== undefined) args.push('--data-binary', `@${tmpFile(data)}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn('curl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (exit) => {
      let body = '';
      try { body = readFileSync(out, 'utf8'); } catch { /* no body */ }
      const [status, etag = ''] = stdout.trim().split(' ');
      resolve({ exit, status: Number(status), etag: etag.replace(/"/g, ''), body, stderr });
    });
    child.stdin.end(`user = "${user}"\n`);
  });
}

const last = (log) => log[log.length - 1];

describe('SigV4 verifier in front of s3rver, driven by curl', () => {
  let chain;
  let url; // verifier endpoint + /bkt
  before(async () => {
    chain = await startS3Chain({ directory: path.join(TMP, 's3') });
    url = `${chain.endpoint}/bkt`;
  });
  after(() => chain.stop());

  test('bucket creation through the verifier: 200, signature matches', async () => {
    const r = await curl(url, { method: 'PUT' });
    assert.equal(r.status, 200, r.body);
    const e = last(chain.verifier.log);
    assert.equal(e.verdict, 'match');
    assert.deepEqual(e.signedHeaders, ['host', 'x-amz-content-sha256', 'x-amz-date']);
    assert.equal((await s3Request({ endpoint: chain.s3.endpoint, bucket: 'bkt', query: { 'list-type': '2' } })).status, 200);
  });

  test('PUT with the right secret: 200 and the object is in s3rver', async () => {
    const r = await curl(`${url}/ok/hello.txt`, { upload: 'hello world\n' });
    assert.equal(r.status, 200, r.body);
    assert.equal(last(chain.verifier.log).verdict, 'match');
    assert.equal((await getObject(chain.s3.endpoint, 'bkt', 'ok/hello.txt')).toString(), 'hello world\n');
  });

  test('UNSIGNED-PAYLOAD is accepted', async () => {
    const r = await curl(`${url}/ok/unsigned.txt`, { upload: 'abc', sha: UNSIGNED_PAYLOAD });
    assert.equal(r.status, 200, r.body);
    assert.equal(last(chain.verifier.log).contentSha256, UNSIGNED_PAYLOAD);
  });

  test('wrong secret: 403 SignatureDoesNotMatch and nothing stored', async () => {
    const r = await curl(`${url}/bad/wrong-secret.txt`, { upload: 'x', user: 'S3RVER:not-the-secret' });
    assert.equal(r.status, 403);
    assert.equal(xmlValue(r.body, 'Code'), 'SignatureDoesNotMatch');
    const e = last(chain.verifier.log);
    assert.equal(e.verdict, 'mismatch');
    assert.match(e.reason, /wrong secret/);
    assert.equal((await headObject(chain.s3.endpoint, 'bkt', 'bad/wrong-secret.txt')).exists, false);
    assert.ok(!JSON.stringify(chain.verifier.log).includes('not-the-secret'), 'the log must not hold a secret');
  });

  test('unknown access key: 403 InvalidAccessKeyId; no Authorization: 403 AccessDenied', async () => {
    const r = await curl(`${url}/bad/unknown-key.txt`, { upload: 'x', user: 'NOSUCHKEY:S3RVER' });
    assert.equal(r.status, 403);
    assert.equal(xmlValue(r.body, 'Code'), 'InvalidAccessKeyId');
    assert.equal(last(chain.verifier.log).verdict, 'unknown-key');
    assert.ok(!r.body.includes('NOSUCHKEY'), 'the error must not echo the access key');

    const u = await new Promise((resolve, reject) => {
      const child = spawn('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '-T', tmpFile('x'), `${url}/bad/anon.txt`]);
      let out = '';
      child.stdout.on('data', (d) => { out += d; });
      child.on('error', reject);
      child.on('close', () => resolve(Number(out)));
    });
    assert.equal(u, 403);
    assert.equal(last(chain.verifier.log).verdict, 'unsigned');
    assert.equal((await headObject(chain.s3.endpoint, 'bkt', 'bad/anon.txt')).exists, false);
  });

  test('no x-amz-content-sha256 header: 400 InvalidRequest (curl does not add it)', async () => {
    const args = ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '--aws-sigv4', 'aws:amz:us-east-1:s3', '-K', '-', '-T', tmpFile('x'), `${url}/bad/nosha.txt`];
    const status = await new Promise((resolve, reject) => {
      const child = spawn('curl', args);
      let out = '';
      child.stdout.on('data', (d) => { out += d; });
      child.on('error', reject);
      child.on('close', () => resolve(Number(out)));
      child.stdin.end('user = "S3RVER:S3RVER"\n');
    });
    assert.equal(status, 400);
    assert.equal(last(chain.verifier.log).verdict, 'no-content-sha256');
  });

  test('body that does not match its declared SHA-256: 400 XAmzContentSHA256Mismatch, nothing stored', async () => {
    const r = await curl(`${url}/bad/tampered.txt`, { upload: 'the real body', sha: sha256Hex('another body') });
    assert.equal(r.status, 400);
    assert.equal(xmlValue(r.body, 'Code'), 'XAmzContentSHA256Mismatch');
    assert.equal(last(chain.verifier.log).verdict, 'body-mismatch');
    assert.equal((await headObject(chain.s3.endpoint, 'bkt', 'bad/tampered.txt')).exists, false);
  });

  test("pitfall 2: curl signs '?uploads' without '='; '?uploads=' matches", async () => {
    const bad = await curl(`${url}/mp/pitfall?uploads`, { method: 'POST' });
    assert.equal(bad.status, 403);
    const e = last(chain.verifier.log);
    assert.equal(e.verdict, 'mismatch');
    assert.match(e.reason, /without '='/);
    const good = await curl(`${url}/mp/pitfall?uploads=`, { method: 'POST' });
    assert.equal(good.status, 200, good.body);
    const id = xmlValue(good.body, 'UploadId');
    assert.ok(id);
    assert.equal((await curl(`${url}/mp/pitfall?uploadId=${id}`, { method: 'DELETE' })).status, 204);
  });

  test("hive paths: curl 7.88 signs '=' in the path as sent; S3 signs %3D, so write %3D in the URL", async () => {
    const raw = await curl(`${url}/dt=2024-01-01/x%20y.txt`, { upload: 'p' });
    assert.equal(raw.status, 403);
    assert.match(last(chain.verifier.log).reason, /path as sent/);
    const enc = await curl(`${url}/dt%3D2024-01-01/x%20y.txt`, { upload: 'p' });
    assert.equal(enc.status, 200, enc.body);
    assert.deepEqual(await listObjects(chain.s3.endpoint, 'bkt', 'dt='), [{ key: 'dt=2024-01-01/x y.txt', size: 1, etag: enc.etag }]);
  });

  test('full multipart upload (2 x 5 MiB + 1 small part): completed, no open uploads', async () => {
    const key = 'mp/full.bin';
    const c = await curl(`${url}/${key}?uploads=`, { method: 'POST' });
    assert.equal(c.status, 200, c.body);
    const id = xmlValue(c.body, 'UploadId');
    const parts = [Buffer.alloc(5 * MiB, 1), Buffer.alloc(5 * MiB, 2), Buffer.from('tail')];
    const etags = [];
    for (const [i, p] of parts.entries()) {
      const t0 = Date.now();
      const r = await curl(`${url}/${key}?partNumber=${i + 1}&uploadId=${id}`, { upload: p });
      assert.equal(r.status, 200, r.body);
      etags.push(r.etag);
      const e = last(chain.verifier.log);
      if (i === 0) {
        assert.equal(e.expectContinue, true, 'curl sends Expect: 100-continue for a 5 MiB part');
        assert.ok(Date.now() - t0 < 900, `part upload took ${Date.now() - t0} ms: 100-continue not answered?`);
      }
    }
    assert.deepEqual(chain.s3.pendingUploads('bkt').find((u) => u.uploadId === id).parts.map((p) => p.size), [5 * MiB, 5 * MiB, 4]);
    const xml = `<CompleteMultipartUpload>${etags.map((t, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>"${t}"</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
    const done = await curl(`${url}/${key}?uploadId=${id}`, { method: 'POST', data: xml });
    assert.equal(done.status, 200, done.body);
    const u = chain.verifier.uploads.get(id);
    assert.deepEqual({ ...u, parts: [...u.parts] }, { ...u, parts: [1, 2, 3], created: true, completed: true, aborted: false });
    assert.deepEqual(chain.verifier.openUploads(), []);
    assert.equal((await headObject(chain.s3.endpoint, 'bkt', key)).size, 10 * MiB + 4);
    assert.equal(sha256Hex(await getObject(chain.s3.endpoint, 'bkt', key)), sha256Hex(Buffer.concat(parts)));
  });

  test('CompleteMultipartUpload: small non-last part -> EntityTooSmall, unknown part or ETag -> InvalidPart', async () => {
    const key = 'mp/small.bin';
    const id = xmlValue((await curl(`${url}/${key}?uploads=`, { method: 'POST' })).body, 'UploadId');
    const e1 = (await curl(`${url}/${key}?partNumber=1&uploadId=${id}`, { upload: 'small' })).etag;
    const e2 = (await curl(`${url}/${key}?partNumber=2&uploadId=${id}`, { upload: 'last' })).etag;
    const xml = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"${e1}"</ETag></Part><Part><PartNumber>2</PartNumber><ETag>"${e2}"</ETag></Part></CompleteMultipartUpload>`;
    const r = await curl(`${url}/${key}?uploadId=${id}`, { method: 'POST', data: xml });
    assert.equal(r.status, 400);
    assert.equal(xmlValue(r.body, 'Code'), 'EntityTooSmall');
    // A part that was never uploaded, or a wrong ETag: InvalidPart (s3rver alone would crash on the first).
    for (const bad of [xml.replace('<PartNumber>2<', '<PartNumber>3<'), xml.replace(e1, 'deadbeef')]) {
      const b = await curl(`${url}/${key}?uploadId=${id}`, { method: 'POST', data: bad });
      assert.equal(xmlValue(b.body, 'Code'), 'InvalidPart');
    }
    assert.equal(chain.verifier.openUploads().some((u) => u.uploadId === id), true);
    assert.equal((await curl(`${url}/${key}?uploadId=${id}`, { method: 'DELETE' })).status, 204);
  });

  test('create + abort: aborted, upload folder gone, later parts get 404 NoSuchUpload', async () => {
    const key = 'mp/aborted.bin';
    const id = xmlValue((await curl(`${url}/${key}?uploads=`, { method: 'POST' })).body, 'UploadId');
    assert.equal((await curl(`${url}/${key}?partNumber=1&uploadId=${id}`, { upload: 'x' })).status, 200);
    assert.equal(chain.verifier.openUploads().filter((u) => u.uploadId === id).length, 1);
    const a = await curl(`${url}/${key}?uploadId=${id}`, { method: 'DELETE' });
    assert.equal(a.status, 204, a.body);
    const u = chain.verifier.uploads.get(id);
    assert.equal(u.aborted, true);
    assert.equal(u.completed, false);
    assert.deepEqual(chain.verifier.openUploads(), []);
    assert.equal(chain.s3.pendingUploads('bkt').some((p) => p.uploadId === id), false);
    const late = await curl(`${url}/${key}?partNumber=2&uploadId=${id}`, { upload: 'y' });
    assert.equal(late.status, 404);
    assert.equal(xmlValue(late.body, 'Code'), 'NoSuchUpload');
    assert.deepEqual([...chain.verifier.uploads.get(id).parts], [1], 'a rejected part is not tracked');
    assert.equal((await headObject(chain.s3.endpoint, 'bkt', key)).exists, false);
  });
});

/** Runs /usr/bin/python3 on `script` with `env` (asynchronously); resolves {exit, stdout, stderr}. */
function python(script, env) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', ['-c', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (exit) => resolve({ exit, stdout, stderr }));
  });
}

describe('ListMultipartUploads, read by boto3 (Debian python3-boto3)', () => {
  let chain;
  before(async () => {
    chain = await startS3Chain({ directory: path.join(TMP, 's3l'), buckets: ['lst'] });
  });
  after(() => chain.stop());

  test('prefix, key order, paging by key-marker and upload-id-marker; aborted uploads leave the list', async () => {
    const url = `${chain.endpoint}/lst`;
    const create = async (key) => xmlValue((await curl(`${url}/${key}?uploads=`, { method: 'POST' })).body, 'UploadId');
    // Two uploads of one key (created in this order), two other keys under the prefix, one outside it.
    const b1 = await create('p/b.bin');
    await new Promise((r) => setTimeout(r, 20));
    const b2 = await create('p/b.bin');
    const a = await create('p/a.bin');
    const c = await create('p/c.bin');
    const outside = await create('q/z.bin');
    // boto3 signs (the verifier checks it), pages with MaxUploads=2 and parses every answer.
    const script = `
import boto3, json, sys
s3 = boto3.client('s3', endpoint_url=${JSON.stringify(chain.endpoint)}, region_name='us-east-1',
                  aws_access_key_id='S3RVER', aws_secret_access_key='S3RVER')
seen, kw, pages = [], {'Bucket': 'lst', 'Prefix': 'p/', 'MaxUploads': 2}, 0
while True:
    r = s3.list_multipart_uploads(**kw)
    pages += 1
    seen += [[u['Key'], u['UploadId']] for u in r.get('Uploads', [])]
    if not r['IsTruncated']:
        break
    kw['KeyMarker'], kw['UploadIdMarker'] = r['NextKeyMarker'], r['NextUploadIdMarker']
print(json.dumps({'pages': pages, 'uploads': seen}))
`;
    const n0 = chain.verifier.log.length;
    const r = await python(script, {});
    assert.equal(r.exit, 0, r.stderr);
    const got = JSON.parse(r.stdout);
    assert.deepEqual(got.uploads, [['p/a.bin', a], ['p/b.bin', b1], ['p/b.bin', b2], ['p/c.bin', c]], 'uploads under p/, by key then initiation');
    assert.equal(got.pages, 2);
    assert.ok(chain.verifier.log.slice(n0).every((e) => e.verdict === 'match'), "boto3's requests are signed as the verifier expects");
    // An aborted upload is no longer listed; the one outside the prefix still is.
    assert.equal((await curl(`${url}/p/b.bin?uploadId=${b1}`, { method: 'DELETE' })).status, 204);
    const again = JSON.parse((await python(script, {})).stdout);
    assert.deepEqual(again.uploads.map(([, id]) => id), [a, b2, c]);
    const everything = await curl(`${url}?uploads=`, {});
    assert.equal(everything.status, 200, everything.body);
    assert.ok(everything.body.includes(`<UploadId>${outside}</UploadId>`), everything.body);
  });
});

describe('fault proxy', () => {
  let chain;
  before(async () => {
    chain = await startS3Chain({ directory: path.join(TMP, 's3f'), buckets: ['bkt'] });
  });
  after(() => chain.stop());

  test('share 1.0 of 503: curl gets 503 SlowDown, nothing reaches the verifier', async () => {
    const proxy = await startFaultProxy({ upstream: chain.verifier.endpoint, faults: { share: 1, kinds: ['503'] } });
    try {
      const before = chain.verifier.log.length;
      const r = await curl(`${proxy.endpoint}/bkt/f/503.txt`, { upload: Buffer.alloc(2 * MiB) });
      assert.equal(r.status, 503);
      assert.equal(xmlValue(r.body, 'Code'), 'SlowDown');
      assert.equal(proxy.stats['503'], 1);
      assert.equal(proxy.stats.forwarded, 0);
      assert.equal(chain.verifier.log.length, before);
    } finally {
      await proxy.stop();
    }
  });

  test('share 0: everything passes, Host as signed by the client is verified', async () => {
    const proxy = await startFaultProxy({ upstream: chain.verifier.endpoint, faults: { share: 0 } });
    try {
      for (let i = 0; i < 3; i++) {
        const r = await curl(`${proxy.endpoint}/bkt/f/ok${i}.txt`, { upload: `ok${i}` });
        assert.equal(r.status, 200, r.body);
        assert.equal(last(chain.verifier.log).verdict, 'match');
      }
      assert.equal(proxy.stats.forwarded, 3);
      assert.equal(proxy.stats.faults, 0);
      assert.equal((await listObjects(chain.s3.endpoint, 'bkt', 'f/ok')).length, 3);
    } finally {
      await proxy.stop();
    }
  });

  test('drop and stall: no answer, the connection closes', async () => {
    const proxy = await startFaultProxy({ upstream: chain.verifier.endpoint, faults: { share: 1, kinds: ['drop', 'stall'], stallMs: 300 } });
    try {
      const d = await curl(`${proxy.endpoint}/bkt/f/drop.txt`, { upload: Buffer.alloc(3 * MiB) });
      assert.notEqual(d.exit, 0);
      assert.ok(d.status === 0 || d.status === 100, `status ${d.status}`); // 100: the Continue before the drop
      const t0 = Date.now();
      const s = await curl(`${proxy.endpoint}/bkt/f/stall.txt`, { upload: 'x' });
      assert.notEqual(s.exit, 0);
      assert.ok(Date.now() - t0 >= 250);
      assert.deepEqual([proxy.stats.drop, proxy.stats.stall, proxy.stats.forwarded], [1, 1, 0]);
      assert.equal((await headObject(chain.s3.endpoint, 'bkt', 'f/drop.txt')).exists, false);
    } finally {
      await proxy.stop();
    }
  });

  test("'lost': the upstream stores the object, the client gets no answer", async () => {
    const proxy = await startFaultProxy({ upstream: chain.verifier.endpoint, faults: { share: 1, kinds: ['lost'] } });
    try {
      const r = await curl(`${proxy.endpoint}/bkt/f/lost.txt`, { upload: 'stored anyway' });
      assert.notEqual(r.exit, 0);
      assert.ok(r.status === 0 || r.status === 100, `status ${r.status}`); // 100: the proxy's Continue
      assert.deepEqual([proxy.stats.lost, proxy.stats.forwarded], [1, 0]);
      assert.equal((await getObject(chain.s3.endpoint, 'bkt', 'f/lost.txt')).toString(), 'stored anyway');
    } finally {
      await proxy.stop();
    }
  });

  test('the same seed gives the same faults; match/always restrict them to part uploads', async () => {
    const runs = [];
    for (let run = 0; run < 2; run++) {
      const proxy = await startFaultProxy({ upstream: chain.verifier.endpoint, faults: { seed: 7, share: 0.4, kinds: ['503', '500'] } });
      for (let i = 0; i < 12; i++) await s3Request({ endpoint: proxy.endpoint, bucket: 'bkt', key: `f/seed${i}`, method: 'PUT', body: 'z' });
      runs.push(proxy.events.map((e) => e.action));
      await proxy.stop();
    }
    assert.deepEqual(runs[0], runs[1]);
    assert.ok(runs[0].includes('503') && runs[0].includes('forward'), runs[0].join(','));

    const proxy = await startFaultProxy({ upstream: chain.verifier.endpoint, faults: { always: true, kinds: ['500'], match: isUploadPart } });
    try {
      const c = await s3Request({ endpoint: proxy.endpoint, method: 'POST', bucket: 'bkt', key: 'f/mp', query: { uploads: '' } });
      assert.equal(c.status, 200);
      const id = xmlValue(c.text, 'UploadId');
      for (let i = 1; i <= 2; i++) {
        const p = await s3Request({ endpoint: proxy.endpoint, method: 'PUT', bucket: 'bkt', key: 'f/mp', query: { partNumber: String(i), uploadId: id }, body: 'p' });
        assert.equal(p.status, 500);
      }
      assert.deepEqual([proxy.stats.forwarded, proxy.stats['500']], [1, 2]);
      assert.deepEqual(chain.verifier.openUploads().map((u) => [u.uploadId, [...u.parts]]), [[id, []]]);
    } finally {
      await proxy.stop();
    }
  });
});

describe('client helpers', () => {
  test('custom credentials, listObjects pagination, missing bucket', async () => {
    const creds = { accessKeyId: 'AKIDHARNESSTEST', secretAccessKey: 'harness-secret-7f3a' };
    const chain = await startS3Chain({ directory: path.join(TMP, 's3c'), buckets: ['bk2'], creds });
    try {
      for (let i = 0; i < 5; i++) await putObject(chain.endpoint, 'bk2', `p/k${i}`, `v${i}`, creds);
      const listed = await listObjects(chain.endpoint, 'bk2', 'p/', creds, { maxKeys: 2 });
      assert.deepEqual(listed.map((o) => o.key), ['p/k0', 'p/k1', 'p/k2', 'p/k3', 'p/k4']);
      const wrong = await s3Request({ endpoint: chain.endpoint, bucket: 'bk2', key: 'p/k0', creds: { ...creds, secretAccessKey: 'nope' } });
      assert.equal(wrong.code, 'SignatureDoesNotMatch');
      const old = await s3Request({ endpoint: chain.endpoint, bucket: 'bk2', key: 'p/k0', creds, signingDate: new Date(Date.now() - 20 * 60_000) });
      assert.deepEqual([old.status, old.code], [403, 'RequestTimeTooSkewed']);
      const otherRegion = await s3Request({ endpoint: chain.endpoint, bucket: 'bk2', key: 'p/k0', creds, region: 'eu-west-1' });
      assert.deepEqual([otherRegion.status, otherRegion.code], [400, 'AuthorizationHeaderMalformed']);
      const missing = await s3Request({ endpoint: chain.endpoint, bucket: 'nobucket', query: { 'list-type': '2' }, creds });
      assert.deepEqual([missing.status, missing.code], [404, 'NoSuchBucket']);
      assert.equal(last(chain.verifier.log).verdict, 'match');
      await createBucket(chain.endpoint, 'bk2', creds); // existing bucket: fine
      assert.ok(!JSON.stringify(chain.verifier.log).includes(creds.secretAccessKey));
      assert.equal(sha256Hex(''), EMPTY_SHA256);
    } finally {
      await chain.stop();
    }
  });
});
