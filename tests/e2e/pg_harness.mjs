// A throwaway PostgreSQL server for the fraudgen end-to-end tests (not a test file itself).
//
// startPostgres() runs the Debian server's own initdb and pg_ctl (PostgreSQL 15 from the
// `postgresql` package) in a fresh temporary folder: password authentication (scram-sha-256)
// for every connection, TCP on 127.0.0.1 at a free port, its unix socket in the same folder,
// fsync off (test data). PostgreSQL refuses to run as root, so under root the server runs as
// the `postgres` system user (runuser) in a folder that user owns. stop() stops it and removes
// the folder.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

/** The newest installed server's bin folder (PG_BINDIR overrides). */
export function postgresBinDir() {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) throw new Error('no PostgreSQL server under /usr/lib/postgresql: run scripts/install-deps.sh');
  versions.sort((a, b) => Number(b) - Number(a));
  return path.join(root, versions[0], 'bin');
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function run(cmd, args, { asServerUser = false, env = process.env, input } = {}) {
  const root = userInfo().uid === 0;
  const [c, a] = asServerUser && root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(c, a, { encoding: 'utf8', env, input, maxBuffer: 256 << 20 });
  if (r.error) throw r.error;
  return r;
}

/**
 * Starts a server. Returns {host, port, user, password, dir, url(schema, {password}),
 * psql(sql) -> stdout (tab-separated, unaligned), psqlResult(args) -> spawnSync result, stop()}.
 */
export async function startPostgres({ user = 'fraudgen', password = 'harness-pw-7f3a' } = {}) {
  const bin = postgresBinDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudgen-pg-'));
  const root = userInfo().uid === 0;
  if (root) {
    const pg = run('id', ['-u', 'postgres']);
    if (pg.status !== 0) throw new Error('running as root needs the postgres system user (Debian package postgresql)');
    const uid = Number(pg.stdout.trim()), gid = Number(run('id', ['-g', 'postgres']).stdout.trim());
    chownSync(dir, uid, gid);
    writeFileSync(path.join(dir, 'pw'), `${password}\n`, { mode: 0o600 });
    chownSync(path.join(dir, 'pw'), uid, gid);
  } else {
    writeFileSync(path.join(dir, 'pw'), `${password}\n`, { mode: 0o600 });
  }
  const data = path.join(dir, 'data');
  let r = run(path.join(bin, 'initdb'), ['-D', data, '-U', user, '-A', 'scram-sha-256', `--pwfile=${path.join(dir, 'pw')}`,
    '-E', 'UTF8', '--locale=C', '--no-sync'], { asServerUser: true });
  if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr}`);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  r = run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', opts, 'start'], { asServerUser: true });
  if (r.status !== 0) throw new Error(`pg_ctl start failed: ${r.stderr}${r.stdout}`);

  const host = '127.0.0.1';
  const clientEnv = { ...process.env, PGPASSWORD: password, PGTZ: 'UTC'};
  const server = {
    host, port, user, password, dir,
    /** postgresql://user[:password]@127.0.0.1:port/postgres?schema=... */
    url(schema, { withPassword = false } = {}) {
      const auth = withPassword ? `${user}:${encodeURIComponent(password)}` : user;
      return `postgresql://${auth}@${host}:${port}/postgres${schema ? `?schema=${schema}` : ''}`;
    },
    /** The environment for a client that should authenticate with PGPASSWORD. */
    clientEnv,
    psqlResult(args, { env = clientEnv } = {}) {
      return run(path.join(bin, 'psql'), ['-X', '-v', 'ON_ERROR_STOP=1', '-h', host, '-p', String(port), '-U', user, '-d', 'postgres', ...args], { env });
    },
    /** Runs SQL; returns its rows as arrays of text (psql -At, tab-separated). Throws on error. */
    psql(sql) {
      const res = server.psqlResult(['-At', '-F', '\t', '-c', sql]);
      if (res.status !== 0) throw new Error(`psql failed: ${res.stderr}\n${sql}`);
      return res.stdout.split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
    },
    stop() {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { asServerUser: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
  process.on('exit', () => { if (existsSync(data)) server.stop(); });
  return server;
}
