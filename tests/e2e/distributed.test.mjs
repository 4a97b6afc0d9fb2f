// Many machines through the launchers people already run: `--shard auto` under real Open MPI and
// MPICH and under the variables Slurm and Kubernetes set, `fraudgen finalize` as the "all shards
// done" gate, retried shards, and the default worker count following CPU affinity. Open MPI,
// MPICH and taskset come from scripts/install-deps.sh.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FG_BIN, PERIOD, generate, hashDataFiles, makeTempDir, readManifest, runFg } from './lib.mjs';

// Small files, so every table has several and every shard owns some of each.
const UNSEEDED = ['--customers', 120, ...PERIOD, '--format', 'jsonl', '--file-size', '30KB', '--quiet'];
const ARGS = [...UNSEEDED, '--seed', 4242];
const shardManifest = (i, n) => `manifest.shard-${String(i).padStart(5, '0')}-of-${String(n).padStart(5, '0')}.json`;

/** Runs a command with exactly `env` (plus PATH), like a launcher's child process. */
function runWith(env, args) {
  const r = spawnSync(FG_BIN, args.map(String), { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
}

function finalize(dir, extra = []) {
  return runFg(['finalize', dir, ...extra]);
}

let unsharded;
before(async () => {
  const { dir, manifest } = generate(ARGS);
  unsharded = { dir, manifest, hashes: await hashDataFiles(dir) };
});

/** The union of the shards equals the unsharded output, finalize writes its manifest, validate passes. */
async function assertWholeAfterFinalize(dir, shards) {
  assert.deepEqual(await hashDataFiles(dir), unsharded.hashes, 'union of the shards = the unsharded files');
  for (let i = 0; i < shards; i++) assert.ok(existsSync(path.join(dir, shardManifest(i, shards))), shardManifest(i, shards));
  const fin = finalize(dir);
  assert.equal(fin.status, 0, fin.stdout + fin.stderr);
  assert.match(fin.stdout, new RegExp(`whole: ${shards} shards, ${unsharded.manifest.files.length} files`));
  const { run: combinedRun, ...combined } = readManifest(dir);
  const { run: _run, ...expected } = unsharded.manifest;
  assert.deepEqual(combined, expected, 'manifest.json = the unsharded run\'s, but for its run section');
  assert.equal(combinedRun.finalized.shards, shards);
  assert.equal(combinedRun.shards.length, shards);
  const v = runFg(['validate', dir, '--max-examples', 0]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /verdict: PASS/);
  return combinedRun;
}

describe('--shard auto under launchers', () => {
  test('Open MPI: mpirun -np 4 --bind-to none, then finalize', async () => {
    const dir = path.join(makeTempDir(), 'mpi');
    const r = spawnSync('mpirun.openmpi', ['--allow-run-as-root', '--bind-to', 'none', '--oversubscribe', '-np', 4,
      FG_BIN, 'generate', ...ARGS, '--shard', 'auto', '--output', dir].map(String), { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const run = await assertWholeAfterFinalize(dir, 4);
    assert.deepEqual(run.shards.map((s) => s.shard_source), Array(4).fill('OMPI_COMM_WORLD_RANK/SIZE'));
  });

  test('Open MPI binds 2 ranks to one core each: each shard then runs 1 worker', () => {
    const dir = path.join(makeTempDir(), 'bound');
    const r = spawnSync('mpirun.openmpi', ['--allow-run-as-root', '--bind-to', 'core', '-np', 2,
      FG_BIN, 'generate', ...ARGS, '--shard', 'auto', '--output', dir].map(String), { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    for (let i = 0; i < 2; i++) {
      const m = readManifest(dir, shardManifest(i, 2));
      assert.equal(m.run.workers, 1, JSON.stringify(m.run));
      assert.equal(m.run.workers_source, 'CPU affinity (1 CPU)');
    }
  });

  test('MPICH (Hydra): mpiexec -np 2, then finalize', async () => {
    const dir = path.join(makeTempDir(), 'mpich');
    const r = spawnSync('mpiexec.hydra', ['-np', 2, FG_BIN, 'generate', ...ARGS, '--shard', 'auto', '--output', dir].map(String),
      { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const run = await assertWholeAfterFinalize(dir, 2);
    assert.deepEqual(run.shards.map((s) => s.shard_source), ['PMI_RANK/SIZE', 'PMI_RANK/SIZE']);
  });

  test('Slurm array tasks and Kubernetes Indexed Job pods, simulated by their variables', async () => {
    const array = path.join(makeTempDir(), 'array');
    for (let i = 0; i < 3; i++) {
      const r = runWith({ SLURM_JOB_ID: 10 + i, SLURM_ARRAY_JOB_ID: 9, SLURM_ARRAY_TASK_ID: i, SLURM_ARRAY_TASK_COUNT: 3,
        SLURM_ARRAY_TASK_MIN: 0, SLURM_ARRAY_TASK_MAX: 2, SLURM_PROCID: 0, SLURM_NTASKS: 1 },
      ['generate', ...ARGS, '--shard', 'auto', '--output', array]);
      assert.equal(r.status, 0, r.stderr);
    }
    const run = await assertWholeAfterFinalize(array, 3);
    assert.deepEqual(run.shards.map((s) => s.shard_source), Array(3).fill('SLURM_ARRAY_TASK_ID/COUNT'));

    const pods = path.join(makeTempDir(), 'pods');
    for (let i = 0; i < 4; i++) {
      const r = runWith({ JOB_COMPLETION_INDEX: i }, ['generate', ...ARGS, '--shard', 'auto/4', '--output', pods]);
      assert.equal(r.status, 0, r.stderr);
    }
    await assertWholeAfterFinalize(pods, 4);
  });

  test('ambiguous or missing variables: exit 2, a message naming what was found, nothing written', () => {
    const cases = [
      [{}, 'auto', /no launcher's shard variables[\s\S]*OMPI_COMM_WORLD_RANK[\s\S]*JOB_COMPLETION_INDEX/],
      [{ SLURM_JOB_ID: 5, SLURM_PROCID: 0, SLURM_NTASKS: 2 }, 'auto', /run fraudgen under srun/],
      [{ JOB_COMPLETION_INDEX: 1 }, 'auto', /auto\/N/],
      [{ SLURM_ARRAY_TASK_ID: 1, SLURM_ARRAY_TASK_COUNT: 4, SLURM_ARRAY_TASK_MIN: 1, SLURM_ARRAY_TASK_MAX: 4 }, 'auto', /--array=0-3/],
      [{ OMPI_COMM_WORLD_RANK: 1, OMPI_COMM_WORLD_SIZE: 2 }, 'auto/4', /says 2 shards/],
      [{ OMPI_COMM_WORLD_RANK: 1 }, 'auto', /OMPI_COMM_WORLD_RANK is set but OMPI_COMM_WORLD_SIZE is not/],
      [{}, '4/4', /out of range/],
    ];
    for (const [env, spec, message] of cases) {
      const out = path.join(makeTempDir(), 'never');
      const r = runWith(env, ['generate', ...ARGS, '--shard', spec, '--output', out]);
      assert.equal(r.status, 2, `${JSON.stringify(env)} ${spec}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.ok(!existsSync(out), `${spec}: the output folder was created`);
    }
  });
});

describe('finalize and validate as the "all shards done" gate', () => {
  let dir;
  before(() => {
    dir = path.join(makeTempDir(), 'gate');
    for (const i of [0, 2]) generate([...ARGS, '--shard', `${i}/3`], { dir, manifestName: shardManifest(i, 3) });
  });

  test('a missing shard: finalize exits 1 naming it and writes nothing; validate fails unless --allow-partial', () => {
    const fin = finalize(dir);
    assert.equal(fin.status, 1, fin.stdout + fin.stderr);
    assert.match(fin.stdout, /manifest\.shard-00001-of-00003\.json: missing/);
    assert.ok(!existsSync(path.join(dir, 'manifest.json')), 'finalize wrote manifest.json for a partial dataset');
    const v = runFg(['validate', dir]);
    assert.equal(v.status, 1, v.stdout);
    assert.match(v.stdout, /manifest\.shard-00001-of-00003\.json: value missing; expected all 3 shards/);
    const partial = runFg(['validate', dir, '--allow-partial']);
    assert.equal(partial.status, 0, partial.stdout);
    assert.match(partial.stdout, /skipped: the folder holds/);
  });

  test('a file a shard lists that is gone or cut short: finalize exits 1 naming it', () => {
    const gone = path.join(makeTempDir(), 'gone');
    for (let i = 0; i < 2; i++) generate([...ARGS, '--shard', `${i}/2`], { dir: gone, manifestName: shardManifest(i, 2) });
    const files = readManifest(gone, shardManifest(1, 2)).files;
    rmSync(path.join(gone, files[0].path));
    writeFileSync(path.join(gone, files[1].path), 'short');
    const fin = finalize(gone, ['--format', 'json']);
    assert.equal(fin.status, 1, fin.stdout + fin.stderr);
    const report = JSON.parse(fin.stdout);
    assert.equal(report.whole, false);
    assert.deepEqual(report.missing, [`${files[0].path}: missing (listed in the manifest)`,
      `${files[1].path}: 5 bytes, the manifest lists ${files[1].bytes}`].sort((a, b) => (a < b ? -1 : 1)));
    assert.ok(!existsSync(path.join(gone, 'manifest.json')));
  });

  test('mixed runs: finalize exits 2 and writes nothing', () => {
    const mixed = path.join(makeTempDir(), 'mixed');
    generate([...ARGS, '--shard', '0/2'], { dir: mixed, manifestName: shardManifest(0, 2) });
    const other = runFg(['generate', ...UNSEEDED, '--seed', 7, '--shard', '1/2', '--output', mixed, '--overwrite']);
    assert.equal(other.status, 0, other.stderr);
    const fin = finalize(mixed);
    assert.equal(fin.status, 2, fin.stdout + fin.stderr);
    assert.match(fin.stderr, /from another run .*\(seed differs\)/);
    assert.ok(!existsSync(path.join(mixed, 'manifest.json')));
    assert.equal(finalize(path.join(mixed, 'customers')).status, 2, 'a folder with no manifest');
  });

  test('finalize is idempotent, and the last shard completes the dataset', async () => {
    generate([...ARGS, '--shard', '1/3'], { dir, manifestName: shardManifest(1, 3) });
    await assertWholeAfterFinalize(dir, 3);
    const before = statSync(path.join(dir, 'manifest.json')).mtimeMs;
    const again = finalize(dir);
    assert.equal(again.status, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /whole: 3 shards.*manifest\.json was already there/);
    assert.equal(statSync(path.join(dir, 'manifest.json')).mtimeMs, before, 'the second finalize rewrote manifest.json');
  });
});

describe('retries', () => {
  test('a shard killed mid-run and retried by its engine, without --overwrite, gives the same bytes', async () => {
    // Bigger than the rest, so the kill lands while files are being written.
    const BIG = ['--customers', 1000, '--seed', 99, ...PERIOD, '--format', 'jsonl', '--file-size', '2MB', '--workers', 1, '--quiet'];
    const reference = generate(BIG);
    const dir = path.join(makeTempDir(), 'retry');
    generate([...BIG, '--shard', '0/2'], { dir, manifestName: shardManifest(0, 2) });
    const child = spawn(FG_BIN, ['generate', ...BIG, '--shard', '1/2', '--output', dir].map(String), { stdio: 'ignore' });
    // Kill it once it has begun writing: a temporary file appears.
    const tmpSeen = await new Promise((resolve) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const temporaries = ['customers', 'devices', 'transactions', 'fraud_labels']
          .flatMap((t) => (existsSync(path.join(dir, t)) ? readdirSync(path.join(dir, t)) : []))
          .filter((n) => n.includes('.tmp-'));
        if (temporaries.length || Date.now() - started > 20_000) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve(temporaries.length > 0);
        }
      }, 2);
    });
    await new Promise((resolve) => child.on('close', resolve));
    assert.ok(tmpSeen, 'the shard was killed before it wrote anything; the test proves nothing');
    assert.ok(!existsSync(path.join(dir, shardManifest(1, 2))), 'the killed shard wrote its manifest');
    const retry = runFg(['generate', ...BIG, '--shard', '1/2', '--output', dir]);
    assert.equal(retry.status, 0, retry.stderr);
    const leftovers = ['customers', 'devices', 'transactions', 'fraud_labels']
      .flatMap((t) => readdirSync(path.join(dir, t))).filter((n) => n.startsWith('.'));
    assert.deepEqual(leftovers, [], 'temporaries of the killed attempt were left');
    assert.deepEqual(await hashDataFiles(dir), await hashDataFiles(reference.dir));
    assert.equal(finalize(dir).status, 0);
  });
});

describe('default --workers', () => {
  test('follows the CPU affinity mask (taskset), recorded with its source', () => {
    const dir = path.join(makeTempDir(), 'taskset');
    const r = spawnSync('taskset', ['-c', '0', FG_BIN, 'generate', ...ARGS, '--output', dir].map(String), { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const { run } = readManifest(dir);
    assert.equal(run.workers, 1);
    assert.equal(run.workers_source, 'CPU affinity (1 CPU)');
    const given = generate([...ARGS, '--workers', 3]);
    assert.equal(given.manifest.run.workers, 3);
    assert.equal(given.manifest.run.workers_source, '--workers');
  });
});
