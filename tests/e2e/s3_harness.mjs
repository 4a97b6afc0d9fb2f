// S3 test servers for the fraudgen end-to-end tests (not a test file itself).
//
// The tests chain real server code on 127.0.0.1, in this process:
//
//   fraudgen -> startFaultProxy (optional) -> startSigV4Verifier -> startS3rver
//
// - startS3rver: the npm package s3rver 3.7.1. It stores objects on disk, but it does NOT check
//   SigV4 signatures (any secret passes), and it does not implement AbortMultipartUpload. This
//   module fills those gaps (see startS3rver).
// - startSigV4Verifier: re-computes every request's SigV4 signature with the AWS SDK's own signer
//   (@smithy/signature-v4) and the rules real S3 applies, answers 403 on a mismatch, and forwards
//   the request otherwise. It also tracks multipart uploads (`uploads`) and logs a verdict for every request.
// - startFaultProxy: fails a reproducible share of requests (503, 500, dropped connection, stall).
// - s3Request and friends: a small S3 client that signs with @smithy/signature-v4 (used to
//   check what landed in s3rver).
//
// Nothing here prints an access key or a secret. The servers run in the test process, so a test
// must run clients (curl, fraudgen) asynchronously: spawnSync would block the servers and hang.
import http from 'node:http';
import crypto, { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { SignatureV4 } from '@smithy/signature-v4';
import { Hash } from '@smithy/hash-node';
import S3rver from 's3rver';

const require = createRequire(import.meta.url);

export const DEFAULT_CREDS = Object.freeze({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
export const DEFAULT_REGION = 'us-east-1';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const MiB = 1024 * 1024;

const Sha256 = Hash.bind(null, 'sha256');

// ---------------------------------------------------------------------------------------------
// Small shared helpers
// ---------------------------------------------------------------------------------------------

export const sha256Hex = (data) => createHash('sha256').update(data).digest('hex');

/** SigV4 URI encoding: everything except A-Z a-z 0-9 - _ . ~ is percent-encoded (upper-case hex). */
export function uriEncode(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An object key as an URL path: each '/'-separated segment URI-encoded, '/' kept. */
export const encodeKey = (key) => key.split('/').map(uriEncode).join('/');

const safeDecode = (s) => {
  try { return decodeURIComponent(s); } catch { return s; }
};

/**
 * Splits a raw request target (`/b/k?x=1&uploads`) the way S3 reads it.
 * Returns {rawPath, rawQuery, query (key -> decoded value, or array of values), keysWithoutEquals}.
 * '+' is kept as '+' (not a space).
 */
export function parseTarget(target) {
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const rawQuery = q < 0 ? '' : target.slice(q + 1);
  const query = {};
  const keysWithoutEquals = [];
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const k = safeDecode(eq < 0 ? piece : piece.slice(0, eq));
    const v = eq < 0 ? '' : safeDecode(piece.slice(eq + 1));
    if (eq < 0) keysWithoutEquals.push(k);
    if (!(k in query)) query[k] = v;
    else query[k] = [].concat(query[k], v);
  }
  return { rawPath, rawQuery, query, keysWithoutEquals };
}

/** S3's canonical URI for a raw path: every segment decoded, then URI-encoded (so '=' -> %3D). */
export const canonicalPath = (rawPath) => rawPath.split('/').map((s) => uriEncode(safeDecode(s))).join('/');

/** {bucket, key} from a raw path-style path ('/bucket/a%20b/c' -> {bucket, key: 'a b/c'}). */
export function bucketAndKey(rawPath) {
  const segs = rawPath.split('/').slice(1).map(safeDecode);
  return { bucket: segs[0] || '', key: segs.slice(1).join('/') };
}

const xmlEscape = (s) => String(s).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]);
const xmlUnescape = (s) => s.replace(/&(lt|gt|amp|apos|quot|#\d+|#x[0-9a-fA-F]+);/g, (m, e) => {
  const named = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' }[e];
  if (named) return named;
  return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
});

/** Text of every <tag>...</tag> in xml (no nesting of the same tag), unescaped. */
export function xmlValues(xml, tag) {
  const out = [];
  const re = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g');
  for (let m; (m = re.exec(xml));) out.push(xmlUnescape(m[1]));
  return out;
}
export const xmlValue = (xml, tag) => xmlValues(xml, tag)[0];

/** An S3 error document. */
export function s3ErrorXml(code, message, extra = {}) {
  const more = Object.entries(extra).map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>${more}<RequestId>s3-harness</RequestId></Error>`;
}

function sendS3Error(res, status, code, message, extra) {
  const body = s3ErrorXml(code, message, extra);
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Reads a whole stream into a Buffer. */
export function readBody(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.on('aborted', () => reject(new Error('request aborted')));
  });
}

function listen(server, port = 0, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

// Hop-by-hop headers are not forwarded.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

/** Response headers of an upstream response, minus hop-by-hop ones, for res.writeHead. */
function passHeaders(upRes) {
  const out = {};
  for (let i = 0; i < upRes.rawHeaders.length; i += 2) {
    const name = upRes.rawHeaders[i];
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    if (name in out) out[name] = [].concat(out[name], upRes.rawHeaders[i + 1]);
    else out[name] = upRes.rawHeaders[i + 1];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 1. s3rver
// ---------------------------------------------------------------------------------------------

/**
 * The first S3 rule a CompleteMultipartUpload body breaks, given the upload's folder in s3rver
 * (part files `<n>` and `<n>.md5`), or null.
 */
function completeProblem(uploadDir, xml, minPartSize) {
  const parts = xmlValues(xml, 'Part').map((p) => ({
    n: Number(xmlValue(p, 'PartNumber')),
    etag: String(xmlValue(p, 'ETag') ?? '').replace(/"/g, ''),
  }));
  if (!parts.length) {
    return { code: 'MalformedXML', message: 'The XML you provided was not well-formed or did not validate against our published schema.' };
  }
  for (let i = 1; i < parts.length; i++) {
    if (!(parts[i].n > parts[i - 1].n)) {
      return { code: 'InvalidPartOrder', message: 'The list of parts was not in ascending order. The parts list must be specified in order by part number.' };
    }
  }
  const sizes = [];
  for (const p of parts) {
    const file = path.join(uploadDir, String(p.n));
    if (!Number.isInteger(p.n) || !existsSync(file) || readFileSync(`${file}.md5`, 'utf8').trim() !== p.etag) {
      return { code: 'InvalidPart', message: `One or more of the specified parts could not be found or the ETag did not match (part ${p.n}).` };
    }
    sizes.push(statSync(file).size);
  }
  const small = sizes.slice(0, -1).findIndex((size) => size < minPartSize);
  if (small >= 0) {
    return { code: 'EntityTooSmall', message: `Your proposed upload is smaller than the minimum allowed size (part ${parts[small].n}: ${sizes[small]} bytes).` };
  }
  return null;
}

/** A readable copy of request `req` whose body is `body` (to hand a read request on to s3rver). */
function replayRequest(req, body) {
  const copy = Readable.from([body]);
  for (const k of ['headers', 'rawHeaders', 'method', 'url', 'httpVersion', 'httpVersionMajor', 'httpVersionMinor', 'socket']) {
    copy[k] = req[k];
  }
  return copy;
}

/**
 * s3rver 3.7.1 makes ListObjectsV2 continuation tokens with the 'des' cipher, which OpenSSL 3
 * (node 17+) no longer has: every truncated listing answers 500 InternalError. When 'des' is
 * missing, this replaces it, for 'des' only, with an identity transform (the token stays an opaque
 * base64 string that s3rver decodes again).
 */
function patchDesForS3rver() {
  try {
    crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return; // 'des' works (legacy provider loaded)
  } catch { /* patch below */ }
  if (crypto.createCipheriv.s3harness) return;
  const identity = () => ({ update: (d, enc) => Buffer.from(d, enc), final: () => Buffer.alloc(0) });
  for (const name of ['createCipheriv', 'createDecipheriv']) {
    const orig = crypto[name];
    const patched = function (alg, ...rest) {
      return alg === 'des' ? identity() : orig.call(this, alg, ...rest);
    };
    patched.s3harness = true;
    crypto[name] = patched;
  }
}

/**
 * Starts s3rver 3.7.1 on 127.0.0.1 with a random free port.
 * Returns {endpoint: 'http://127.0.0.1:PORT', port, directory, s3rver, pendingUploads(bucket), stop()}.
 *
 * s3rver accepts any SigV4 secret (it knows access key S3RVER/S3RVER; `credentials` adds more keys),
 * so put startSigV4Verifier in front of it to check signatures.
 *
 * Unless `strictUploads` is false, requests that carry `uploadId` are checked before s3rver sees
 * them, as real S3 does:
 * - AbortMultipartUpload (DELETE ?uploadId=): s3rver answers 405 MethodNotAllowed. Here the upload's
 *   folder is removed and the answer is 204.
 * - UploadPart / CompleteMultipartUpload / Abort for an unknown (or aborted, or completed) upload:
 *   404 NoSuchUpload. s3rver itself would create the folder again for a part.
 * - CompleteMultipartUpload: parts not in ascending order -> 400 InvalidPartOrder; a part that was
 *   not uploaded or whose ETag differs -> 400 InvalidPart (s3rver ignores ETags, and a missing part
 *   crashes the whole process with an unhandled ENOENT); a part other than the last smaller than
 *   `minPartSize` (5 MiB) -> 400 EntityTooSmall (s3rver accepts any size).
 * - ListMultipartUploads (GET bucket?uploads): s3rver answers 501 NotImplemented. Here the
 *   in-progress uploads on disk are listed as S3 does: filtered by `prefix`, ordered by key then
 *   initiation, `max-uploads` per page (default 1,000) with `key-marker` / `upload-id-marker`
 *   paging. The AWS SDK's ListMultipartUploadsCommand reads this answer (s3_harness.test.mjs).
 * In-progress uploads live in `<directory>/<bucket>/._S3rver_uploads/<uploadId>/` (files `key`,
 * `metadata`, and one file per part named by its number, plus `<n>.md5`).
 */
export async function startS3rver({ directory, credentials = [], strictUploads = true, minPartSize = 5 * MiB } = {}) {
  if (!directory) throw new Error('startS3rver: directory is required');
  mkdirSync(directory, { recursive: true });
  patchDesForS3rver();
  if (credentials.length) {
    const account = require('s3rver/lib/models/account.js');
    for (const c of credentials) account.DUMMY_ACCOUNT.createKeyPair(c.accessKeyId, c.secretAccessKey);
  }
  const s3rver = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true });
  const { port } = await s3rver.run();
  const httpServer = s3rver.httpServer;

  const uploadDir = (bucket, uploadId) => path.join(directory, bucket, '._S3rver_uploads', uploadId);
  const one = (v) => (Array.isArray(v) ? v[0] : v) ?? '';
  /** ListMultipartUploadsResult for `bucket`, from the upload folders on disk. */
  const listUploadsXml = (bucket, query) => {
    const prefix = one(query.prefix);
    const keyMarker = one(query['key-marker']);
    const idMarker = one(query['upload-id-marker']);
    const max = query['max-uploads'] !== undefined ? Math.min(1000, Math.max(0, Number(one(query['max-uploads'])))) : 1000;
    const root = path.join(directory, bucket, '._S3rver_uploads');
    const all = (existsSync(root) ? readdirSync(root) : [])
      .filter((id) => existsSync(path.join(root, id, 'key')))
      .map((id) => ({ id, key: readFileSync(path.join(root, id, 'key'), 'utf8'), at: statSync(path.join(root, id, 'key')).mtimeMs }))
      .filter((u) => u.key.startsWith(prefix))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.at - b.at || (a.id < b.id ? -1 : 1)));
    let start = 0;
    if (keyMarker) {
      // After the marker: later keys, or (with upload-id-marker) later uploads of the marker key.
      const idAt = idMarker ? all.findIndex((u) => u.key === keyMarker && u.id === idMarker) : -1;
      start = idAt >= 0 ? idAt + 1 : all.findIndex((u) => u.key > keyMarker);
      if (start < 0) start = all.length;
    }
    const page = all.slice(start, start + max);
    const truncated = start + page.length < all.length;
    const last = page[page.length - 1];
    const uploads = page.map((u) => `<Upload><Key>${xmlEscape(u.key)}</Key><UploadId>${xmlEscape(u.id)}</UploadId>`
      + `<Initiator><ID>harness</ID><DisplayName>harness</DisplayName></Initiator><Owner><ID>harness</ID><DisplayName>harness</DisplayName></Owner>`
      + `<StorageClass>STANDARD</StorageClass><Initiated>${new Date(u.at).toISOString()}</Initiated></Upload>`).join('');
    return '<?xml version="1.0" encoding="UTF-8"?>\n<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
      + `<Bucket>${xmlEscape(bucket)}</Bucket><KeyMarker>${xmlEscape(keyMarker)}</KeyMarker><UploadIdMarker>${xmlEscape(idMarker)}</UploadIdMarker>`
      + `<NextKeyMarker>${truncated ? xmlEscape(last.key) : ''}</NextKeyMarker><NextUploadIdMarker>${truncated ? xmlEscape(last.id) : ''}</NextUploadIdMarker>`
      + `<Prefix>${xmlEscape(prefix)}</Prefix><MaxUploads>${max}</MaxUploads><IsTruncated>${truncated}</IsTruncated>${uploads}</ListMultipartUploadsResult>`;
  };
  if (strictUploads) {
    const [s3rverHandler] = httpServer.listeners('request');
    httpServer.removeAllListeners('request');
    httpServer.on('request', (req, res) => {
      const { rawPath, query } = parseTarget(req.url);
      const { bucket, key } = bucketAndKey(rawPath);
      const uploadId = typeof query.uploadId === 'string' ? query.uploadId : undefined;
      if (req.method === 'GET' && bucket && !key && 'uploads' in query && existsSync(path.join(directory, bucket))) {
        req.resume();
        req.on('end', () => {
          const body = listUploadsXml(bucket, query);
          res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
          res.end(body);
        });
        return undefined;
      }
      if (uploadId === undefined || !key || !bucket || !existsSync(path.join(directory, bucket))) {
        return s3rverHandler(req, res);
      }
      const dir = /^[A-Za-z0-9_-]+$/.test(uploadId) ? uploadDir(bucket, uploadId) : null;
      const known = dir !== null && existsSync(path.join(dir, 'key'));
      if (!known) {
        req.resume();
        req.on('end', () => sendS3Error(res, 404, 'NoSuchUpload',
          'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
          { UploadId: uploadId }));
        return undefined;
      }
      if (req.method === 'DELETE') {
        req.resume();
        req.on('end', () => {
          rmSync(dir, { recursive: true, force: true });
          res.writeHead(204);
          res.end();
        });
        return undefined;
      }
      if (req.method === 'POST') {
        readBody(req).then((body) => {
          const problem = completeProblem(dir, body.toString('utf8'), minPartSize);
          if (problem) return sendS3Error(res, 400, problem.code, problem.message);
          return s3rverHandler(replayRequest(req, body), res);
        }, () => res.destroy());
        return undefined;
      }
      return s3rverHandler(req, res);
    });
  }

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    directory,
    s3rver,
    /** In-progress multipart uploads on disk: [{uploadId, key, parts: [{partNumber, size}]}]. */
    pendingUploads(bucket) {
      const root = path.join(directory, bucket, '._S3rver_uploads');
      if (!existsSync(root)) return [];
      return readdirSync(root).sort().map((uploadId) => {
        const dir = path.join(root, uploadId);
        const parts = readdirSync(dir).filter((f) => /^\d+$/.test(f)).map(Number).sort((a, b) => a - b)
          .map((n) => ({ partNumber: n, size: statSync(path.join(dir, String(n))).size }));
        const keyFile = path.join(dir, 'key');
        return { uploadId, key: existsSync(keyFile) ? readFileSync(keyFile, 'utf8') : undefined, parts };
      });
    },
    async stop() {
      await new Promise((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections?.();
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 2. SigV4 verifier
// ---------------------------------------------------------------------------------------------

/** Incoming headers as {lower-case name: value}, repeated headers joined with ',' (each trimmed). */
function joinedHeaders(rawHeaders) {
  const out = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const value = rawHeaders[i + 1].trim();
    out[name] = name in out ? `${out[name]},${value}` : value;
  }
  return out;
}

/** 'AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...' -> parts, or null. */
function parseAuthorization(value) {
  const m = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(value.trim());
  if (!m) return null;
  const fields = {};
  for (const piece of m[1].split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) fields[piece.slice(0, eq).trim()] = piece.slice(eq + 1).trim();
  }
  const { Credential: cred, SignedHeaders: sh, Signature: sig } = fields;
  if (!cred || !sh || !sig) return null;
  const [accessKeyId, date, region, service, terminator, ...rest] = cred.split('/');
  if (rest.length || terminator !== 'aws4_request') return null;
  return { accessKeyId, date, region, service, signedHeaders: sh.split(';'), signature: sig.toLowerCase() };
}

/** x-amz-date 'YYYYMMDDTHHMMSSZ' -> Date, or null. */
function parseAmzDate(s) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s ?? '');
  return m ? new Date(Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : null;
}

const sameHex = (a, b) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Re-computes a request's SigV4 signature. `req` = {method, rawPath, query, keysWithoutEquals,
 * headers (joinedHeaders)}, `auth` = parseAuthorization(). Returns {match, reason, canonicalRequest}.
 * On a mismatch it tries the usual client mistakes to name the cause in `reason`.
 */
async function verifySignature(signer, creds, req, auth) {
  const { headers } = req;
  const signingDate = parseAmzDate(headers['x-amz-date']);
  const signed = auth.signedHeaders;
  const missing = signed.filter((h) => !(h in headers));
  const payloadHash = headers['x-amz-content-sha256'];

  // The request as the signer sees it: only the headers the client signed.
  const signHeaders = {};
  for (const h of signed) if (h in headers) signHeaders[h] = headers[h];
  const unsignableHeaders = new Set();
  if (!signed.includes('x-amz-content-sha256')) unsignableHeaders.add('x-amz-content-sha256');
  signHeaders['x-amz-content-sha256'] = payloadHash; // the signer takes the payload hash from it
  const request = {
    method: req.method,
    protocol: 'http:',
    hostname: 'verifier',
    path: canonicalPath(req.rawPath),
    query: req.query,
    headers: signHeaders,
  };
  const signedReq = await signer.sign(request, {
    signingDate,
    signableHeaders: new Set(signed),
    unsignableHeaders,
  });
  const computed = parseAuthorization(signedReq.headers.authorization);
  const listMatches = computed.signedHeaders.join(';') === signed.join(';');
  const match = listMatches && sameHex(computed.signature, auth.signature);
  if (match) return { match, reason: '' };

  // Diagnose: which well-known variant did the client sign?
  const canonicalHeaders = {};
  for (const h of computed.signedHeaders) {
    canonicalHeaders[h] = (h === 'x-amz-date' ? headers['x-amz-date'] : signHeaders[h])
      .replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
  }
  const base = signer.createCanonicalRequest(request, canonicalHeaders, payloadHash);
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const signCanonical = async (canonical) => signer.getSignature(headers['x-amz-date'], scope,
    signer.getSigningKey(creds, auth.region, auth.date, auth.service), canonical);
  const lines = base.split('\n');
  const queryWithoutEquals = lines[2].split('&').map((p) => {
    const k = p.split('=')[0];
    return p === `${k}=` && req.keysWithoutEquals.includes(safeDecode(k)) ? k : p;
  }).join('&');
  const variants = [];
  if (missing.length) variants.push([`signed header(s) not sent: ${missing.join(', ')}`, null]);
  if (!listMatches) variants.push([`SignedHeaders differ from what the signer derives (${computed.signedHeaders.join(';')})`, null]);
  if (req.keysWithoutEquals.length) {
    variants.push([`client signed query key(s) without '=' (${req.keysWithoutEquals.join(', ')}); write ?key= instead`,
      [lines[0], lines[1], queryWithoutEquals, ...lines.slice(3)]]);
  }
  if (req.rawPath !== lines[1]) {
    variants.push([`client signed the path as sent (${req.rawPath}) instead of its URI-encoded form (${lines[1]})`,
      [lines[0], req.rawPath, ...lines.slice(2)]]);
    if (req.keysWithoutEquals.length) {
      variants.push(["client signed the raw path and query key(s) without '='",
        [lines[0], req.rawPath, queryWithoutEquals, ...lines.slice(3)]]);
    }
  }
  if (payloadHash !== EMPTY_SHA256) {
    variants.push(['client signed the empty-body hash', [...lines.slice(0, -1), EMPTY_SHA256]]);
  }
  for (const [reason, canonicalLines] of variants) {
    if (!canonicalLines) return { match: false, reason, canonicalRequest: base };
    if (sameHex(await signCanonical(canonicalLines.join('\n')), auth.signature)) {
      return { match: false, reason, canonicalRequest: base };
    }
  }
  return { match: false, reason: 'signature differs (wrong secret, or a different canonical request)', canonicalRequest: base };
}

/**
 * Starts an HTTP server that checks every request's SigV4 signature and forwards the good ones.
 * Returns {endpoint, port, log, uploads, openUploads(), stop()}.
 *
 * Options: upstream (URL), accessKeyId / secretAccessKey (default S3RVER/S3RVER), region
 * ('us-east-1'), service ('s3'), maxSkewMs (15 min; 0 = off), rejectChunked (true).
 *
 * Checks, in order (each failure answers with an S3 error document and is NOT forwarded):
 * - Transfer-Encoding without Content-Length on a PUT/POST: 411 MissingContentLength ('no-content-length').
 * - no Authorization header: 403 AccessDenied ('unsigned').
 * - malformed Authorization, or no x-amz-date: 403 AccessDenied ('malformed').
 * - other access key: 403 InvalidAccessKeyId ('unknown-key').
 * - no x-amz-content-sha256: 400 InvalidRequest ('no-content-sha256'), as real S3 and s3rver answer.
 * - scope region/service differ: 400 AuthorizationHeaderMalformed; scope date differs from
 *   x-amz-date: 403 SignatureDoesNotMatch ('bad-scope').
 * - x-amz-date more than maxSkewMs from now: 403 RequestTimeTooSkewed ('skewed').
 * - signature differs: 403 SignatureDoesNotMatch ('mismatch'; `reason` names the client mistake
 *   when it is a known one: query key without '=', path not URI-encoded, empty-body hash, ...).
 *   The canonical URI is S3's: each path segment decoded and URI-encoded again ('=' -> %3D), the
 *   query sorted with 'key=' for keys without a value, header values trimmed, spaces collapsed.
 * - x-amz-content-sha256 is a hex digest and the body's SHA-256 differs: 400 XAmzContentSHA256Mismatch
 *   ('body-mismatch'). Content-MD5 that does not match: 400 BadDigest ('body-mismatch').
 *   STREAMING-* payloads: 501 NotImplemented ('unsupported'). Other values: 400 InvalidArgument.
 * Everything else is 'match' and is forwarded (method, path and query as sent, headers, body) with
 * the upstream's Host; the response is streamed back.
 *
 * `log`: [{method, path, rawQuery, bucket, key, query, status, verdict, reason, signedHeaders, bytes,
 * contentSha256, expectContinue}] ('contentSha256' is 'hex', 'UNSIGNED-PAYLOAD', ... never a secret;
 * `canonicalRequest` is added on a mismatch).
 * `uploads`: Map uploadId -> {bucket, key, created, parts: Set, partSizes: Map, partEtags: Map,
 * completed, aborted}, from the forwarded traffic (2xx answers only).
 * The request body is held in memory before it is forwarded.
 */
export async function startSigV4Verifier({
  upstream,
  accessKeyId = DEFAULT_CREDS.accessKeyId,
  secretAccessKey = DEFAULT_CREDS.secretAccessKey,
  region = DEFAULT_REGION,
  service = 's3',
  maxSkewMs = 15 * 60_000,
  rejectChunked = true,
} = {}) {
  if (!upstream) throw new Error('startSigV4Verifier: upstream is required');
  const up = new URL(upstream);
  const creds = { accessKeyId, secretAccessKey };
  const signer = new SignatureV4({ credentials: creds, region, service, sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const log = [];
  const uploads = new Map();

  const uploadEntry = (uploadId, bucket, key) => {
    let u = uploads.get(uploadId);
    if (!u) {
      u = { bucket, key, created: false, parts: new Set(), partSizes: new Map(), partEtags: new Map(), completed: false, aborted: false };
      uploads.set(uploadId, u);
    }
    return u;
  };

  async function handle(req, res) {
    const started = { method: req.method, ...parseTarget(req.url) };
    const { bucket, key } = bucketAndKey(started.rawPath);
    const headers = joinedHeaders(req.rawHeaders);
    const entry = {
      method: req.method, path: started.rawPath, rawQuery: started.rawQuery, bucket, key, query: started.query,
      status: 0, verdict: '', reason: '', signedHeaders: [], bytes: 0,
      expectContinue: /100-continue/i.test(headers.expect ?? ''),
      contentSha256: headers['x-amz-content-sha256'] === undefined ? undefined
        : /^[0-9a-f]{64}$/.test(headers['x-amz-content-sha256']) ? 'hex' : headers['x-amz-content-sha256'],
    };
    log.push(entry);
    const fail = (status, verdict, code, message, reason = message, extra) => {
      entry.status = status;
      entry.verdict = verdict;
      entry.reason = reason;
      sendS3Error(res, status, code, message, extra);
    };

    let body;
    try {
      body = await readBody(req);
    } catch {
      entry.verdict = 'client-aborted';
      return;
    }
    entry.bytes = body.length;

    if (rejectChunked && (req.method === 'PUT' || req.method === 'POST')
        && headers['transfer-encoding'] && headers['content-length'] === undefined) {
      return fail(411, 'no-content-length', 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
    }
    if (headers.authorization === undefined) {
      return fail(403, 'unsigned', 'AccessDenied', 'Access Denied', 'no Authorization header');
    }
    const auth = parseAuthorization(headers.authorization);
    if (!auth) {
      return fail(403, 'malformed', 'AccessDenied', 'The Authorization header is not a valid AWS4-HMAC-SHA256 header');
    }
    entry.signedHeaders = auth.signedHeaders;
    const signingDate = parseAmzDate(headers['x-amz-date']);
    if (!signingDate) {
      return fail(403, 'malformed', 'AccessDenied', 'AWS authentication requires a valid x-amz-date header');
    }
    if (auth.accessKeyId !== accessKeyId) {
      return fail(403, 'unknown-key', 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    }
    const payloadHash = headers['x-amz-content-sha256'];
    if (payloadHash === undefined) {
      return fail(400, 'no-content-sha256', 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    }
    if (auth.region !== region || auth.service !== service) {
      return fail(400, 'bad-scope', 'AuthorizationHeaderMalformed',
        `The authorization header is malformed; the credential scope is ${auth.region}/${auth.service}, expected ${region}/${service}`,
        undefined, { Region: region });
    }
    if (auth.date !== headers['x-amz-date'].slice(0, 8)) {
      return fail(403, 'bad-scope', 'SignatureDoesNotMatch', 'The credential scope date differs from x-amz-date');
    }
    if (maxSkewMs && Math.abs(Date.now() - signingDate.getTime()) > maxSkewMs) {
      return fail(403, 'skewed', 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
    }

    const v = await verifySignature(signer, creds, { ...started, headers }, auth);
    if (!v.match) {
      entry.canonicalRequest = v.canonicalRequest;
      return fail(403, 'mismatch', 'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        v.reason);
    }

    if (/^[0-9a-f]{64}$/.test(payloadHash)) {
      if (sha256Hex(body) !== payloadHash) {
        return fail(400, 'body-mismatch', 'XAmzContentSHA256Mismatch',
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
      }
    } else if (payloadHash.startsWith('STREAMING-')) {
      return fail(501, 'unsupported', 'NotImplemented', `x-amz-content-sha256 ${payloadHash} is not supported by this verifier`);
    } else if (payloadHash !== UNSIGNED_PAYLOAD) {
      return fail(400, 'bad-content-sha256', 'InvalidArgument', 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-..., or a lower-case hex SHA-256');
    }
    if (headers['content-md5'] !== undefined
        && createHash('md5').update(body).digest('base64') !== headers['content-md5']) {
      return fail(400, 'body-mismatch', 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }

    // Multipart bookkeeping (filled in from 2xx answers below).
    const q = started.query;
    const uploadId = typeof q.uploadId === 'string' ? q.uploadId : undefined;
    const op = req.method === 'POST' && 'uploads' in q ? 'create'
      : req.method === 'PUT' && uploadId !== undefined && 'partNumber' in q ? 'part'
        : req.method === 'POST' && uploadId !== undefined ? 'complete'
          : req.method === 'DELETE' && uploadId !== undefined ? 'abort' : '';

    // Forward.
    const fwdHeaders = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i];
      const lower = name.toLowerCase();
      if (HOP_BY_HOP.has(lower) || lower === 'host' || lower === 'expect' || lower === 'content-length') continue;
      fwdHeaders[name] = name in fwdHeaders ? [].concat(fwdHeaders[name], req.rawHeaders[i + 1]) : req.rawHeaders[i + 1];
    }
    fwdHeaders.host = up.host;
    if (body.length || headers['content-length'] !== undefined || req.method === 'PUT' || req.method === 'POST') {
      fwdHeaders['content-length'] = String(body.length);
    }
    entry.verdict = 'match';
    await new Promise((resolve) => {
      const upReq = http.request({
        host: up.hostname, port: up.port, method: req.method, path: req.url, headers: fwdHeaders, agent: false,
      }, (upRes) => {
        entry.status = upRes.statusCode;
        const ok = upRes.statusCode >= 200 && upRes.statusCode < 300;
        const track = (respBody) => {
          if (!ok) return;
          if (op === 'create') {
            const id = xmlValue(respBody, 'UploadId');
            if (id) uploadEntry(id, bucket, key).created = true;
          } else if (op === 'part') {
            const u = uploadEntry(uploadId, bucket, key);
            const n = Number(q.partNumber);
            u.parts.add(n);
            u.partSizes.set(n, body.length);
            u.partEtags.set(n, String(upRes.headers.etag ?? '').replace(/"/g, ''));
          } else if (op === 'complete') {
            // S3 may answer 200 with an <Error> document to CompleteMultipartUpload.
            if (!/<Error>/.test(respBody)) uploadEntry(uploadId, bucket, key).completed = true;
          } else if (op === 'abort') {
            uploadEntry(uploadId, bucket, key).aborted = true;
          }
        };
        res.writeHead(upRes.statusCode, passHeaders(upRes));
        if (op === 'create' || op === 'complete') {
          readBody(upRes).then((b) => {
            track(b.toString('utf8'));
            res.end(b);
            resolve();
          }, () => { res.destroy(); resolve(); });
        } else {
          track('');
          upRes.pipe(res);
          upRes.on('end', resolve);
          upRes.on('error', () => { res.destroy(); resolve(); });
          res.on('close', resolve);
        }
      });
      upReq.on('error', (err) => {
        entry.reason = `upstream error: ${err.code || err.message}`;
        entry.status = 502;
        if (!res.headersSent) sendS3Error(res, 502, 'BadGateway', entry.reason);
        else res.destroy();
        resolve();
      });
      upReq.end(body);
    });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      log.push({ method: req.method, path: req.url, verdict: 'harness-error', reason: String(err?.stack || err), status: 500 });
      sendS3Error(res, 500, 'InternalError', 'verifier error');
    });
  });
  // curl sends `Expect: 100-continue` (unsigned) for bodies over 1 MiB: answer it at once.
  server.on('checkContinue', (req, res) => {
    res.writeContinue();
    server.emit('request', req, res);
  });
  server.on('clientError', (err, socket) => socket.destroy());
  const port = await listen(server);

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    log,
    uploads,
    /** Uploads seen created (or used) here and neither completed nor aborted: [{uploadId, ...}]. */
    openUploads() {
      return [...uploads].filter(([, u]) => !u.completed && !u.aborted).map(([uploadId, u]) => ({ uploadId, ...u }));
    },
    /** log entries whose verdict is not 'match'. */
    rejected() {
      return log.filter((e) => e.verdict !== 'match');
    },
    stop: () => closeServer(server),
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Fault proxy
// ---------------------------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** True for an UploadPart request (PUT ?partNumber=&uploadId=); handy as `faults.match`. */
export const isUploadPart = (r) => r.method === 'PUT' && 'partNumber' in r.query && 'uploadId' in r.query;

/** Fault kinds used by default. 'lost' (opt-in) forwards the request, then drops the answer. */
export const FAULT_KINDS = Object.freeze(['503', '500', 'drop', 'stall']);
const ALL_FAULT_KINDS = [...FAULT_KINDS, 'lost'];

/**
 * Starts a proxy that fails a reproducible share of requests instead of forwarding them.
 * Returns {endpoint, port, stats, events, stop()}.
 *
 * faults = {
 *   seed: 1,             // PRNG seed
 *   share: 0.25,         // chance that a matching request fails (drawn from the seeded PRNG)
 *   always: false,       // true: every matching request fails (a fault that outlasts the retries)
 *   kinds: ['503', '500', 'drop', 'stall'],   // used in turn: 1st fault kinds[0], 2nd kinds[1], ...
 *   stallMs: 5000,       // 'stall': read the body, send nothing for stallMs, then close the connection
 *   onlyMethods: ['PUT'],// only these methods can fail
 *   match: (r) => bool,  // r = {method, path, query, headers}; only these can fail (e.g. isUploadPart)
 *   maxFaults: Infinity, // stop failing after this many faults
 * }
 * Kinds: '503' SlowDown and '500' InternalError (S3 XML bodies, after reading the whole body);
 * 'drop' reads part of the body then destroys the socket without an answer; 'stall' as above;
 * 'lost' (not in the default list) forwards the request, lets the upstream finish it, and then
 * closes the connection without an answer (e.g. a CompleteMultipartUpload whose retry then gets
 * 404 NoSuchUpload).
 * The same seed and the same request order give the same faults (with parallel uploads the
 * arrival order, and so which part fails, may vary; the count does not).
 * The Host header is forwarded unchanged, so a verifier behind this proxy checks the Host the
 * client signed.
 * `stats`: {requests, matched, forwarded, faults, '503', '500', drop, stall, lost} ('lost'
 * requests count as faults, not as forwarded).
 * `events`: [{n, method, path, query, action}] with action 'forward' or the fault kind.
 */
export async function startFaultProxy({ upstream, faults = {} } = {}) {
  if (!upstream) throw new Error('startFaultProxy: upstream is required');
  const up = new URL(upstream);
  const {
    seed = 1, share = 0, always = false, kinds = FAULT_KINDS, stallMs = 5000,
    onlyMethods, match, maxFaults = Infinity,
  } = faults;
  for (const k of kinds) if (!ALL_FAULT_KINDS.includes(k)) throw new Error(`startFaultProxy: unknown fault kind ${k}`);
  const random = seededRandom(seed);
  const stats = { requests: 0, matched: 0, forwarded: 0, faults: 0 };
  for (const k of ALL_FAULT_KINDS) stats[k] = 0;
  const events = [];
  const timers = new Set();

  function pickFault(req, target) {
    if (!kinds.length || stats.faults >= maxFaults) return null;
    if (onlyMethods && !onlyMethods.includes(req.method)) return null;
    if (match && !match({ method: req.method, path: target.rawPath, query: target.query, headers: req.headers })) return null;
    stats.matched++;
    const r = random(); // drawn for every matching request, so the sequence depends only on the order
    if (!always && !(r < share)) return null;
    return kinds[stats.faults % kinds.length];
  }

  function forward(req, res, loseAnswer = false) {
    const headers = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i];
      if (HOP_BY_HOP.has(name.toLowerCase())) continue;
      headers[name] = name in headers ? [].concat(headers[name], req.rawHeaders[i + 1]) : req.rawHeaders[i + 1];
    }
    const upReq = http.request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers, agent: false }, (upRes) => {
      if (loseAnswer) { // the upstream did the work; the client never hears of it
        upRes.resume();
        upRes.on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(upRes.statusCode, passHeaders(upRes));
      upRes.pipe(res);
      upRes.on('error', () => res.destroy());
    });
    upReq.on('error', () => {
      if (!res.headersSent) sendS3Error(res, 502, 'BadGateway', 'fault proxy: upstream error');
      else res.destroy();
    });
    req.pipe(upReq);
    req.on('aborted', () => upReq.destroy());
  }

  function handle(req, res) {
    const target = parseTarget(req.url);
    stats.requests++;
    const kind = pickFault(req, target);
    events.push({ n: stats.requests, method: req.method, path: target.rawPath, query: target.query, action: kind ?? 'forward' });
    if (!kind) {
      stats.forwarded++;
      return forward(req, res);
    }
    stats.faults++;
    stats[kind]++;
    req.on('error', () => {});
    if (kind === 'lost') return forward(req, res, true);
    if (kind === '503' || kind === '500') {
      req.resume();
      req.on('end', () => (kind === '503'
        ? sendS3Error(res, 503, 'SlowDown', 'Please reduce your request rate.')
        : sendS3Error(res, 500, 'InternalError', 'We encountered an internal error. Please try again.')));
    } else if (kind === 'drop') {
      const length = Number(req.headers['content-length'] ?? 0);
      const chunked = req.headers['transfer-encoding'] !== undefined;
      if (!length && !chunked) return req.socket.destroy();
      let seen = 0;
      req.on('data', (c) => {
        seen += c.length;
        if (seen >= length / 2 || chunked) req.socket.destroy();
      });
      req.on('end', () => req.socket.destroy());
    } else if (kind === 'stall') {
      req.resume();
      req.on('end', () => {
        const t = setTimeout(() => { timers.delete(t); req.socket.destroy(); }, stallMs);
        timers.add(t);
      });
    }
    return undefined;
  }

  const server = http.createServer(handle);
  server.on('checkContinue', (req, res) => {
    res.writeContinue();
    handle(req, res);
  });
  server.on('clientError', (err, socket) => socket.destroy());
  const port = await listen(server);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stats,
    events,
    async stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await closeServer(server);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 4. A small S3 client (signs with @smithy/signature-v4)
// ---------------------------------------------------------------------------------------------

/**
 * One signed S3 request (path-style). Returns {status, headers, body: Buffer, text, code}, where
 * code is the S3 error code of an error answer.
 * query: {name: value}; a value '' is sent as 'name=' (as SigV4 signs it).
 * body: Buffer or string. payload: 'hash' (default, hex SHA-256) or 'unsigned' (UNSIGNED-PAYLOAD).
 * signingDate: the signature's time (default now).
 */
export async function s3Request({
  endpoint, method = 'GET', bucket, key, query = {}, body, headers = {}, creds = DEFAULT_CREDS,
  region = DEFAULT_REGION, payload = 'hash', signingDate = new Date(),
}) {
  const url = new URL(endpoint);
  const buf = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
  let p = '/';
  if (bucket) p += uriEncode(bucket);
  if (key !== undefined && key !== '') p += `/${encodeKey(key)}`;
  const signer = new SignatureV4({ credentials: creds, region, service: 's3', sha256: Sha256, uriEscapePath: false });
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const signed = await signer.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: p,
    query,
    headers: {
      ...lower,
      host: url.host,
      'x-amz-content-sha256': payload === 'unsigned' ? UNSIGNED_PAYLOAD : sha256Hex(buf),
    },
  }, { signingDate });
  const qs = Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${uriEncode(k)}=${uriEncode(String(v))}`).join('&');
  const sendHeaders = { ...signed.headers };
  if (buf.length || method === 'PUT' || method === 'POST') sendHeaders['content-length'] = String(buf.length);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname, port: url.port, method, path: qs ? `${p}?${qs}` : p, headers: sendHeaders, agent: false,
    }, (res) => {
      readBody(res).then((b) => {
        const text = b.toString('utf8');
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: b,
          text,
          code: res.statusCode >= 300 ? xmlValue(text, 'Code') : undefined,
        });
      }, reject);
    });
    req.on('error', reject);
    req.end(buf);
  });
}

function s3Fail(what, r) {
  const err = new Error(`${what}: HTTP ${r.status}${r.code ? ` ${r.code}` : ''}`);
  err.status = r.status;
  err.code = r.code;
  return err;
}

/**
 * Creates a bucket; one that exists already is fine (s3rver answers 409 BucketAlreadyExists, S3
 * BucketAlreadyOwnedByYou or 200). Bucket names follow S3 rules (3-63 characters, ...).
 */
export async function createBucket(endpoint, bucket, creds = DEFAULT_CREDS) {
  const r = await s3Request({ endpoint, method: 'PUT', bucket, creds });
  if (r.status !== 200 && r.code !== 'BucketAlreadyOwnedByYou' && r.code !== 'BucketAlreadyExists') {
    throw s3Fail(`createBucket ${bucket}`, r);
  }
  return r;
}

/** PutObject; returns the ETag (without quotes). */
export async function putObject(endpoint, bucket, key, body, creds = DEFAULT_CREDS) {
  const r = await s3Request({ endpoint, method: 'PUT', bucket, key, body, creds });
  if (r.status !== 200) throw s3Fail(`putObject ${bucket}/${key}`, r);
  return String(r.headers.etag ?? '').replace(/"/g, '');
}

/** GetObject -> Buffer (throws with err.status / err.code on an error answer). */
export async function getObject(endpoint, bucket, key, creds = DEFAULT_CREDS) {
  const r = await s3Request({ endpoint, bucket, key, creds });
  if (r.status !== 200) throw s3Fail(`getObject ${bucket}/${key}`, r);
  return r.body;
}

/** HeadObject -> {exists, status, size, etag, headers}. */
export async function headObject(endpoint, bucket, key, creds = DEFAULT_CREDS) {
  const r = await s3Request({ endpoint, method: 'HEAD', bucket, key, creds });
  return {
    exists: r.status === 200,
    status: r.status,
    size: r.status === 200 ? Number(r.headers['content-length']) : undefined,
    etag: r.status === 200 ? String(r.headers.etag ?? '').replace(/"/g, '') : undefined,
    headers: r.headers,
  };
}

/** DeleteObject. */
export async function deleteObject(endpoint, bucket, key, creds = DEFAULT_CREDS) {
  const r = await s3Request({ endpoint, method: 'DELETE', bucket, key, creds });
  if (r.status !== 204 && r.status !== 200) throw s3Fail(`deleteObject ${bucket}/${key}`, r);
}

/** ListObjectsV2 of every key under prefix (follows continuation tokens): [{key, size, etag}]. */
export async function listObjects(endpoint, bucket, prefix = '', creds = DEFAULT_CREDS, { maxKeys = 1000 } = {}) {
  const out = [];
  let token;
  for (;;) {
    const query = { 'list-type': '2', prefix, 'max-keys': String(maxKeys) };
    if (token) query['continuation-token'] = token;
    const r = await s3Request({ endpoint, bucket, query, creds });
    if (r.status !== 200) throw s3Fail(`listObjects ${bucket}/${prefix}`, r);
    for (const c of xmlValues(r.text, 'Contents')) {
      out.push({ key: xmlValue(c, 'Key'), size: Number(xmlValue(c, 'Size')), etag: String(xmlValue(c, 'ETag') ?? '').replace(/"/g, '') });
    }
    if (xmlValue(r.text, 'IsTruncated') !== 'true') break;
    token = xmlValue(r.text, 'NextContinuationToken');
    if (!token) throw new Error(`listObjects ${bucket}: truncated answer without NextContinuationToken`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The whole chain
// ---------------------------------------------------------------------------------------------

/**
 * s3rver + verifier (+ fault proxy when `faults` is given), with `buckets` created.
 * Returns {endpoint (the front-most server: the one clients use), s3, verifier, proxy, stop()}.
 * `creds` are the ones the verifier accepts (default S3RVER/S3RVER; others are added to s3rver).
 * s3Options / verifierOptions go to startS3rver / startSigV4Verifier.
 */
export async function startS3Chain({
  directory, buckets = [], faults, creds = DEFAULT_CREDS, region = DEFAULT_REGION, s3Options = {}, verifierOptions = {},
}) {
  const custom = creds.accessKeyId !== DEFAULT_CREDS.accessKeyId;
  const started = [];
  const stop = async () => {
    while (started.length) await started.pop().stop();
  };
  try {
    const s3 = await startS3rver({ directory, credentials: custom ? [creds] : [], ...s3Options });
    started.push(s3);
    const verifier = await startSigV4Verifier({ upstream: s3.endpoint, ...creds, region, ...verifierOptions });
    started.push(verifier);
    const proxy = faults ? await startFaultProxy({ upstream: verifier.endpoint, faults }) : null;
    if (proxy) started.push(proxy);
    for (const b of buckets) await createBucket(s3.endpoint, b, creds);
    return { endpoint: (proxy ?? verifier).endpoint, s3, verifier, proxy, stop };
  } catch (err) {
    await stop(); // a half-started chain would keep the test process alive
    throw err;
  }
}
