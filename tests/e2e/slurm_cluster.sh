#!/usr/bin/env bash
# A single-node Slurm cluster for the tests: munged, slurmctld and slurmd, run as this script's
# children with everything (key, socket, state, logs, slurm.conf) inside folder $1 and no change
# under /etc. Prints "ready <slurm.conf>" once the node is idle, then runs until its standard input
# closes or it gets SIGTERM, and stops the daemons before it exits.
#   tests/e2e/slurm_cluster.sh DIR
# Needs Debian's slurm-wlm and munge (scripts/install-deps.sh).
set -euo pipefail
work=${1:?usage: slurm_cluster.sh DIR}
mkdir -p "$work"/{state,spool,log,munge}
chmod 0700 "$work/munge"

pids=()
stop() {
  trap - EXIT TERM INT
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap stop EXIT
trap 'stop; exit 0' TERM INT

# munge with its own key and socket.
head -c 1024 /dev/urandom > "$work/munge/munge.key"
chmod 0400 "$work/munge/munge.key"
/usr/sbin/munged -F --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.sock" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/log/munged.log" --seed-file="$work/munge/seed" \
  2>>"$work/log/munged.stderr" &
pids+=($!)

host=$(hostname -s)
cat > "$work/slurm.conf" <<CONF
ClusterName=fraudgen-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
MpiDefault=none
ReturnToService=2
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf

for _ in $(seq 1 100); do [ -S "$work/munge/munge.sock" ] && break; sleep 0.1; done
/usr/sbin/slurmctld -D -f "$SLURM_CONF" 2>>"$work/log/slurmctld.stderr" &
pids+=($!)
/usr/sbin/slurmd -D -f "$SLURM_CONF" 2>>"$work/log/slurmd.stderr" &
pids+=($!)
for _ in $(seq 1 300); do
  sinfo -h -o %t 2>/dev/null | grep -qx idle && break
  sleep 0.1
done
if ! sinfo -h -o %t 2>/dev/null | grep -qx idle; then
  echo "slurm_cluster.sh: the node did not become idle in 30 s; logs:" >&2
  tail -n 20 "$work"/log/* >&2 || true
  exit 1
fi
echo "ready $SLURM_CONF"
cat <&0 >/dev/null &   # explicit: a background command would read /dev/null
pids+=($!)
wait $!
