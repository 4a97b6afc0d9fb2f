// Many machines through the launchers people already run: `--shard auto` under real Open MPI and
// MPICH and under the variables Slurm and Kubernetes set, `fraudgen finalize` as the "all shards
// done" gate, retried shards, and the default worker count following CPU affinity. Open MPI,
// MPICH, Slurm and taskset come from scripts/install-deps.sh; the Slurm cluster is started
// and stopped here (slurm_cluster.sh).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { FG_BIN, PERIOD, generate, hashDataFiles, makeTempDir, readManifest, runFg } from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

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

describe('Slurm: a real single-node cluster', () => {
  let cluster, env;
  before(async () => {
    cluster = spawn(path.join(HERE, 'slurm_cluster.sh'), [makeTempDir('fraudgen-slurm-')], { stdio: ['pipe', 'pipe', 'pipe'] });
    let log = '';
    const conf = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the Slurm cluster did not start in 60 s:\n${log}`)), 60_000);
      const seen = (d) => {
        log += d;
        const m = /^ready (\S+)$/m.exec(log);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      };
      cluster.stdout.on('data', seen);
      cluster.stderr.on('data', seen);
      cluster.on('close', (code) => { clearTimeout(timer); reject(new Error(`the Slurm cluster exited ${code}:\n${log}`)); });
    });
    env = { ...process.env, SLURM_CONF: conf };
  });
  after(async () => {
    if (!cluster || cluster.exitCode !== null) return;
    const closed = new Promise((resolve) => cluster.on('close', resolve));
    cluster.stdin.end();  // the script stops its daemons and exits
    await closed;
  });

  const slurm = (cmd, args) => {
    const r = spawnSync(cmd, args.map(String), { env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stdout}${r.stderr}`);
    return r.stdout.trim();
  };
  /** Waits until the jobs have left the queue; returns each job's (or array task's) JobState. */
  const finished = async (ids) => {
    const deadline = Date.now() + 90_000;
    while (slurm('squeue', ['-h', '-j', ids.join(',')]) !== '') {
      assert.ok(Date.now() < deadline, `jobs ${ids} still queued after 90 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return ids.map((id) => [...slurm('scontrol', ['show', 'job', id]).matchAll(/JobState=(\w+)/g)].map((m) => m[1]));
  };
  const wrap = (dir, extra = '') => `${extra}exec ${FG_BIN} generate ${ARGS.join(' ')} --shard auto --output ${dir}`;

  test('sbatch --array=0-3, then an afterok finalize job', async () => {
    const dir = path.join(makeTempDir(), 'array');
    const array = slurm('sbatch', ['--parsable', '--array=0-3', '--ntasks=1', '--cpus-per-task=1', '--output=/dev/null', '--wrap', wrap(dir)]);
    const fin = slurm('sbatch', ['--parsable', `--dependency=afterok:${array}`, '--kill-on-invalid-dep=yes', '--output=/dev/null',
      '--wrap', `exec ${FG_BIN} finalize ${dir}`]);
    const [tasks, finalizer] = await finished([array, fin]);
    assert.deepEqual(tasks, Array(4).fill('COMPLETED'));
    assert.deepEqual(finalizer, ['COMPLETED']);
    assert.ok(existsSync(path.join(dir, 'manifest.json')), 'the finalize job wrote manifest.json');
    const run = readManifest(dir).run;
    assert.deepEqual(run.shards.map((s) => s.shard_source), Array(4).fill('SLURM_ARRAY_TASK_ID/COUNT'));
    await assertWholeAfterFinalize(dir, 4);
  });

  test('srun -n 2: one step, a shard per task', async () => {
    const dir = path.join(makeTempDir(), 'step');
    slurm('srun', ['-n', 2, '-O', FG_BIN, 'generate', ...ARGS, '--shard', 'auto', '--output', dir]);
    const run = await assertWholeAfterFinalize(dir, 2);
    assert.deepEqual(run.shards.map((s) => s.shard_source), Array(2).fill('SLURM_PROCID/SLURM_STEP_NUM_TASKS'));
  });

  test('a failed array task cancels the finalize job; its retry completes the dataset', async () => {
    const dir = path.join(makeTempDir(), 'failing');
    const array = slurm('sbatch', ['--parsable', '--array=0-2', '--ntasks=1', '--output=/dev/null',
      '--wrap', wrap(dir, 'if [ "$SLURM_ARRAY_TASK_ID" = 1 ]; then exit 7; fi; ')]);
    const fin = slurm('sbatch', ['--parsable', `--dependency=afterok:${array}`, '--kill-on-invalid-dep=yes', '--output=/dev/null',
      '--wrap', `exec ${FG_BIN} finalize ${dir}`]);
    const [tasks, finalizer] = await finished([array, fin]);
    assert.deepEqual(tasks.slice().sort(), ['COMPLETED', 'COMPLETED', 'FAILED']);
    assert.deepEqual(finalizer, ['CANCELLED']);
    assert.ok(!existsSync(path.join(dir, 'manifest.json')));
    assert.equal(finalize(dir).status, 1, 'finalize passed with shard 1 missing');
    // The retry: task 1 again, as its own array of the same size (SLURM_ARRAY_TASK_COUNT=3).
    const retry = slurm('sbatch', ['--parsable', '--array=0-2', '--ntasks=1', '--output=/dev/null',
      '--wrap', wrap(dir, 'if [ "$SLURM_ARRAY_TASK_ID" != 1 ]; then exit 0; fi; ')]);
    assert.deepEqual(await finished([retry]), [Array(3).fill('COMPLETED')]);
    await assertWholeAfterFinalize(dir, 3);
  });

  test('a batch script that runs fraudgen --shard auto outside srun fails with exit 2', async () => {
    const dir = path.join(makeTempDir(), 'nosrun');
    const out = path.join(makeTempDir(), 'job.out');
    const job = slurm('sbatch', ['--parsable', '-n', 2, '-O', `--output=${out}`, '--wrap', wrap(dir)]);
    const [[state]] = await finished([job]);
    assert.equal(state, 'FAILED');
    assert.match(slurm('scontrol', ['show', 'job', job]), /ExitCode=2:0/);
    assert.match(readFileSync(out, 'utf8'), /run fraudgen under srun/);
    assert.ok(!existsSync(dir));
  });
});

describe('Dask: scripts/dask-generate.py', () => {
  const DRIVER = path.join(HERE, '../../scripts/dask-generate.py');
  const driver = (args) => spawnSync('/usr/bin/python3', [DRIVER, ...args.map(String)], { encoding: 'utf8', timeout: 180_000 });

  test('4 shards on a local Dask cluster; a shard that crashed after writing part of its files is retried by Dask', async () => {
    const dir = path.join(makeTempDir(), 'dask');
    // The first attempt of shard 1 writes its files, then "crashes": its manifest and a file gone,
    // a temporary left behind, exit 1. Dask's retry must end with the same bytes.
    const work = makeTempDir();
    const wrapper = path.join(work, 'fraudgen-crashing-once');
    writeFileSync(wrapper, `#!/bin/sh
case "$*" in
  *"--shard 1/4"*)
    if mkdir "${work}/crashed" 2>/dev/null; then
      "${FG_BIN}" "$@" || exit 3
      f=$(grep -o '"transactions/part-[0-9]*[.]jsonl"' "${dir}/${shardManifest(1, 4)}" | head -n 1 | tr -d '"')
      [ -n "$f" ] || exit 4
      rm "${dir}/${shardManifest(1, 4)}" "${dir}/$f"
      touch "${dir}/transactions/.$(basename "$f").tmp-12345"
      exit 1
    fi ;;
esac
exec "${FG_BIN}" "$@"
`, { mode: 0o755 });
    const r = driver(['--shards', 4, '--output', dir, '--fraudgen', wrapper, '--retries', 2, '--', ...ARGS]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.ok(existsSync(path.join(work, 'crashed')), 'shard 1 never crashed: the retry was not tested');
    assert.match(r.stdout, /whole: 4 shards/);
    const leftovers = readdirSync(path.join(dir, 'transactions')).filter((n) => n.startsWith('.'));
    assert.deepEqual(leftovers, []);
    const run = await assertWholeAfterFinalize(dir, 4);
    assert.deepEqual(run.shards.map((s) => s.shard_source), Array(4).fill('--shard'));
  });

  test('a shard that keeps failing: the driver exits 1 and finalize never runs', () => {
    const dir = path.join(makeTempDir(), 'dask-bad');
    const r = driver(['--shards', 2, '--output', dir, '--fraudgen', FG_BIN, '--retries', 0, '--', ...ARGS, '--size', '1GB']);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /shard \d\/2 exited 2: .*--size and --customers/);
    assert.ok(!existsSync(path.join(dir, 'manifest.json')));
  });

  test('bad arguments: exit 2 with what is accepted', () => {
    for (const [args, message] of [[['--shards', 0, '--output', 'x'], /--shards 0 is not valid; accepted: 1 to 100000/],
      [['--shards', 2, '--output', 'x', '--', '--shard', '0/2'], /--shard is set by this driver/]]) {
      const r = driver(args);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, message);
    }
  });
});

describe('Kubernetes: deploy/k8s, validated offline, pods simulated', () => {
  const K8S = path.join(HERE, '../../deploy/k8s');
  const load = (file) => parseAllDocuments(readFileSync(path.join(K8S, file), 'utf8')).map((d) => d.toJS());
  const flag = (args, name) => args[args.indexOf(name) + 1];

  /** Problems with the shards Job and its finalize Job: schema, then what the schema cannot say. */
  function problems(shards, finalizer) {
    const found = [];
    for (const job of [shards, finalizer]) {
      try { new Job(job).validate(); } catch (e) { found.push(`${job.metadata?.name}: schema: ${e.message}`); }
    }
    const spec = shards.spec, pod = spec.template.spec, c = pod.containers[0];
    if (spec.completionMode !== 'Indexed') found.push('completionMode must be Indexed (else no JOB_COMPLETION_INDEX)');
    const shard = /^auto\/(\d+)$/.exec(flag(c.args, '--shard') ?? '');
    if (!shard) found.push('the shards Job must pass --shard auto/N');
    else if (Number(shard[1]) !== spec.completions) found.push(`--shard auto/${shard[1]} but completions=${spec.completions}`);
    if (pod.restartPolicy !== 'Never') found.push('backoffLimitPerIndex and podFailurePolicy need restartPolicy: Never');
    const failIndex = spec.podFailurePolicy?.rules?.find((r) => r.action === 'FailIndex');
    if (!failIndex?.onExitCodes?.values?.includes(2)) found.push('exit 2 (bad input) must be FailIndex: a retry cannot help');
    if (spec.podReplacementPolicy !== 'Failed') found.push('podReplacementPolicy must be Failed: never two pods of one shard');
    const f = finalizer.spec.template.spec.containers[0];
    if (f.args[0] !== 'finalize' || f.args[1] !== flag(c.args, '--output')) found.push('the finalize Job must finalize the shards\' --output');
    return found;
  }

  test('the manifests pass the Kubernetes schema and the cross-field rules; broken copies do not', () => {
    const [shards] = load('fraudgen-job.yaml');
    const [finalizer] = load('fraudgen-finalize-job.yaml');
    assert.deepEqual(problems(shards, finalizer), []);
    const broken = (edit) => { const copy = structuredClone(shards); edit(copy); return problems(copy, finalizer); };
    assert.match(broken((j) => { j.spec.completionMode = 'Indexd'; }).join('\n'), /schema:.*completionMode/);
    assert.match(broken((j) => { j.spec.completions = 4; }).join('\n'), /auto\/8 but completions=4/);
    assert.match(broken((j) => { delete j.spec.template.spec.restartPolicy; }).join('\n'), /restartPolicy: Never/);
    assert.match(broken((j) => { j.spec.parallelism = 'four'; }).join('\n'), /schema:.*parallelism/);
  });

  test('every pod\'s command, run with only JOB_COMPLETION_INDEX, then the finalize Job\'s, give the whole dataset', async () => {
    const [shards] = load('fraudgen-job.yaml');
    const [finalizer] = load('fraudgen-finalize-job.yaml');
    const data = makeTempDir();
    // The pods' own flags, with a size for a test and the volume mounted at a temporary folder.
    const small = (args) => {
      const out = args.map((a) => String(a).replace(/^\/data\//, `${data}/`));
      out.splice(out.indexOf('--size'), 2, '--customers', 60, '--file-size', '150KB', '--format', 'jsonl');
      return out;
    };
    const podArgs = small(shards.spec.template.spec.containers[0].args);
    for (let i = 0; i < shards.spec.completions; i++) {
      const r = runWith({ JOB_COMPLETION_INDEX: i }, podArgs);
      assert.equal(r.status, 0, `pod ${i}: ${r.stderr}`);
    }
    const fin = runWith({}, finalizer.spec.template.spec.containers[0].args.map((a) => String(a).replace(/^\/data\//, `${data}/`)));
    assert.equal(fin.status, 0, fin.stdout + fin.stderr);
    const dir = flag(podArgs, '--output');
    const whole = generate(podArgs.slice(1).filter((a, i, all) => ![a, all[i - 1]].some((x) => x === '--shard' || x === '--output')));
    assert.deepEqual(await hashDataFiles(dir), await hashDataFiles(whole.dir));
    const { run } = readManifest(dir);
    assert.equal(run.finalized.shards, shards.spec.completions);
    assert.deepEqual(run.shards.map((s) => s.shard_source), Array(shards.spec.completions).fill('JOB_COMPLETION_INDEX'));
  });
});

describe('the container image: Dockerfile (no image can be built on these machines)', () => {
  const ROOT = path.join(HERE, '../..');
  const lines = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const instructions = lines.join('\n').replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => /^[A-Z]+ /.test(l));

  test('Debian 12, two stages, a non-root user, ENTRYPOINT fraudgen', () => {
    assert.deepEqual(instructions.filter((l) => l.startsWith('FROM ')), ['FROM debian:12 AS build', 'FROM debian:12-slim']);
    const user = instructions.filter((l) => l.startsWith('USER ')).pop();
    assert.ok(user && !/^USER (root|0)\b/.test(user), `runs as ${user}`);
    assert.ok(instructions.indexOf(user) < instructions.findIndex((l) => l.startsWith('ENTRYPOINT')));
    assert.ok(instructions.includes('ENTRYPOINT ["fraudgen"]'));
  });

  test('every script it runs exists and takes the arguments it is given; what it copies is what that build writes', () => {
    const runs = instructions.filter((l) => l.startsWith('RUN ')).join(' ');
    const scripts = [...runs.matchAll(/(scripts\/[\w.-]+)((?: [-\w]+)*)/g)];
    assert.ok(scripts.length >= 2, runs);
    for (const [, script] of scripts) {
      const file = path.join(ROOT, script);
      assert.ok(existsSync(file), `${script} is missing`);
      assert.ok(statSync(file).mode & 0o111, `${script} is not executable`);
    }
    const install = scripts.find(([, s]) => s === 'scripts/install-deps.sh');
    assert.match(install[2], /--build-only/);
    assert.match(readFileSync(path.join(ROOT, 'scripts/install-deps.sh'), 'utf8'), /--build-only\) build_only=true/);
    const bad = spawnSync(path.join(ROOT, 'scripts/install-deps.sh'), ['--no-such-flag'], { encoding: 'utf8' });
    assert.equal(bad.status, 2, 'install-deps.sh accepts any argument');
    const build = scripts.find(([, s]) => s === 'scripts/build.sh');
    const variant = build[2].trim().split(' ')[0];
    const folder = new RegExp(`^\\s*${variant}\\) dir=([\\w-]+)`, 'm').exec(readFileSync(path.join(ROOT, 'scripts/build.sh'), 'utf8'));
    assert.ok(folder, `scripts/build.sh has no variant '${variant}'`);
    const copy = instructions.find((l) => l.startsWith('COPY --from=build '));
    assert.equal(copy.split(' ')[2], `/src/${folder[1]}/fraudgen`, 'COPY takes the binary from where build.sh writes it');
  });

  test('the runtime stage installs the package of every shared library the binary needs', () => {
    const needed = [...spawnSync('readelf', ['-d', FG_BIN], { encoding: 'utf8' }).stdout.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)]
      .map((m) => m[1]);
    assert.ok(needed.includes('libcurl.so.4'), needed.join(' '));
    const runtime = instructions.find((l) => l.includes('apt-get install'));
    const inBase = ['libc6', 'libstdc++6', 'libgcc-s1', 'zlib1g'];  // present in debian:12-slim
    for (const lib of needed) {
      const owners = spawnSync('dpkg', ['-S', `*/${lib}`], { encoding: 'utf8' }).stdout.split('\n')
        .map((l) => l.split(':')[0]).filter((p) => p && !p.endsWith('-i386') && !p.startsWith('lib32') && !p.startsWith('libx32'));
      assert.ok(owners.length, `no package ships ${lib}`);
      assert.ok(owners.some((p) => inBase.includes(p) || new RegExp(`\\s${p.replace(/[+.]/g, '\\$&')}(\\s|$)`).test(runtime)),
        `${lib} (${owners.join(', ')}) is not installed by the runtime stage`);
    }
  });
});

describe('fraudgen plan', () => {
  test('the files, rows and shards it prints are what generate writes; its byte estimate is within 5%', async () => {
    const SHARDS = 3;
    const r = runFg(['plan', ...ARGS, '--shards', SHARDS, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const plan = JSON.parse(r.stdout);
    assert.equal(plan.customers, unsharded.manifest.plan.customers);
    const dir = path.join(makeTempDir(), 'planned');
    for (let i = 0; i < SHARDS; i++) generate([...ARGS, '--shard', `${i}/${SHARDS}`], { dir, manifestName: shardManifest(i, SHARDS) });
    for (const table of ['customers', 'devices', 'transactions', 'fraud_labels']) {
      assert.equal(plan.tables[table].rows, unsharded.manifest.totals[table]?.rows ?? 0, `${table} rows`);
      assert.equal(plan.tables[table].files, unsharded.manifest.totals[table]?.files ?? 0, `${table} files`);
    }
    for (const s of plan.shards) {
      const m = readManifest(dir, shardManifest(s.index, SHARDS));
      assert.equal(s.files, m.files.length, `shard ${s.index} files`);
      for (const [table, rows] of Object.entries(s.rows)) assert.equal(rows, m.totals[table]?.rows ?? 0, `shard ${s.index} ${table}`);
      const written = m.files.reduce((a, f) => a + f.bytes, 0);
      assert.ok(Math.abs(s.estimated_bytes - written) / written < 0.05, `shard ${s.index}: ${s.estimated_bytes} estimated, ${written} written`);
      assert.ok(s.estimated_cpu_seconds > 0 && s.estimated_peak_memory_bytes > 20e6, JSON.stringify(s));
    }
    const text = runFg(['plan', ...ARGS, '--shards', SHARDS]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`plan: ${plan.customers} customers`));
    assert.match(text.stdout, /^ {2}2 +\d+ +\d+ .*B +\d+\.\d +[\d.]+ MB$/m);
  });

  test('bad input: exit 2 with what is accepted, nothing written', () => {
    const out = path.join(makeTempDir(), 'never');
    for (const [args, message] of [[['--shards', 0], /--shards '0' is not valid; accepted: 1 to 100000/],
      [['--shards', 'x'], /--shards 'x'/], [['--shard', '0/2'], /plan takes --shards N/],
      [['--start-date', '2025-13-01'], /--start-date '2025-13-01' is not a date/]]) {
      const r = runFg(['plan', ...ARGS.filter((a) => a !== '--start-date' && a !== PERIOD[1]), ...args, '--output', out]);
      assert.equal(r.status, 2, `${args}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message);
    }
    assert.ok(!existsSync(out));
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
    assert.match(partial.stdout, /skipped: the dataset holds/);
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
