#!/usr/bin/python3
"""Runs a sharded `fraudgen generate` on a Dask cluster, then `fraudgen finalize`.

  scripts/dask-generate.py --shards N --output DIR [--scheduler tcp://HOST:8786 | --local-workers K]
                           [--fraudgen PATH] [--retries R] -- GENERATE_FLAGS...

One Dask task per shard runs the fraudgen binary (which must be at PATH on every worker) with
--shard i/N; Dask retries a failed task up to R times, and fraudgen replaces a retried shard's own
files. When every shard has succeeded, the driver runs `fraudgen finalize DIR`, which proves the
dataset whole and writes its manifest.json. Exit status: 0 whole; 1 a shard failed after its
retries or finalize found something missing; 2 bad arguments.

Debian's python3-distributed provides Dask: run this with /usr/bin/python3.
"""
import argparse
import os
import socket
import subprocess
import sys


def run_shard(fraudgen, index, count, output, flags):
    """One shard, on a Dask worker. Raises on failure so that Dask retries it."""
    cmd = [fraudgen, "generate", *flags, "--shard", f"{index}/{count}", "--output", output]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"shard {index}/{count} exited {r.returncode}: {r.stderr.strip()}")
    return index, socket.gethostname(), os.getpid()


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--shards", type=int, required=True, help="number of shards (Dask tasks)")
    p.add_argument("--output", required=True, help="the folder every worker writes to (shared)")
    p.add_argument("--scheduler", help="address of a running Dask scheduler, e.g. tcp://10.0.0.1:8786")
    p.add_argument("--local-workers", type=int, default=2, help="without --scheduler: processes of a local cluster")
    p.add_argument("--fraudgen", default="fraudgen", help="the fraudgen binary on the workers (default: fraudgen)")
    p.add_argument("--retries", type=int, default=2, help="re-runs of a failed shard (default 2)")
    p.add_argument("flags", nargs=argparse.REMAINDER, help="-- then fraudgen generate's flags")
    a = p.parse_args(argv)
    flags = a.flags[1:] if a.flags[:1] == ["--"] else a.flags
    if a.shards < 1 or a.shards > 100000:
        p.error(f"--shards {a.shards} is not valid; accepted: 1 to 100000")
    if a.retries < 0:
        p.error(f"--retries {a.retries} is not valid; accepted: 0 or more")
    for bad in ("--shard", "--output", "-o"):
        if bad in flags:
            p.error(f"{bad} is set by this driver; remove it from the generate flags")
    a.flags = flags
    return a


def main(argv):
    a = parse_args(argv)
    from dask.distributed import Client, LocalCluster  # after argument checks: slow to import

    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.local_workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = [
            client.submit(run_shard, a.fraudgen, i, a.shards, a.output, a.flags,
                          key=f"fraudgen-shard-{i}-of-{a.shards}", retries=a.retries, pure=False)
            for i in range(a.shards)
        ]
        try:
            for index, host, pid in client.gather(futures):
                print(f"dask-generate: shard {index}/{a.shards} done on {host} (pid {pid})", file=sys.stderr)
        except RuntimeError as e:
            print(f"dask-generate: {e}", file=sys.stderr)
            return 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return subprocess.run([a.fraudgen, "finalize", a.output]).returncode


if __name__ == "__main__":  # required: LocalCluster starts new interpreters that import this file
    sys.exit(main(sys.argv[1:]))
