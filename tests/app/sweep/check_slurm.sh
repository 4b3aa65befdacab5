#!/usr/bin/env bash
# modescope-sweep against a real Slurm: starts a one-node cluster on this machine (munged with
# a fresh key, slurmctld and slurmd from a generated slurm.conf, all under a temporary folder
# and on ports of their own), submits a 4-run sweep with --executor slurm, waits for the array
# job, and checks status and report; then kills a second job's tasks and trainers with SIGKILL
# mid-run and checks that a resubmission finishes them. Everything started is stopped on exit.
# Usage: check_slurm.sh BUILD_DIR. Exits 77 (ctest: skipped) saying why when Slurm or munge
# is not installed or this is not root; tools/quickstart.sh test installs both, and CI is root.
set -euo pipefail
build=$(cd "$1" && pwd)
sweep=$build/app/modescope-sweep
skip() { echo "SKIPPED: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
for program in munged slurmctld slurmd sbatch sinfo squeue scancel; do
  command -v "$program" >/dev/null || skip "$program is not installed (Debian: slurm-wlm, munge)"
done
[ "$(id -u)" -eq 0 ] || skip "starting slurmctld, slurmd and munged here needs root"

work=$(mktemp -d /tmp/modescope-slurm.XXXXXX)
chmod 755 "$work"
node=$(hostname -s)
ctld_port=$((20000 + RANDOM % 20000))
export SLURM_CONF=$work/slurm.conf
cleanup() {
  scancel --quiet -u root 2>/dev/null || true
  for pidfile in slurmd.pid slurmctld.pid munged.pid; do
    [ -f "$work/$pidfile" ] && kill "$(cat "$work/$pidfile")" 2>/dev/null || true
  done
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT
dump_logs() {
  for log in munged.log slurmctld.log slurmd.log; do
    echo "--- $log"; tail -20 "$work/$log" 2>/dev/null || true
  done
}

# munge: a key of our own, its own socket; slurm is pointed at that socket.
mkdir -p "$work/munge" "$work/state" "$work/spool"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 700 "$work/munge"
chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/socket" \
  --pid-file="$work/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munge/seed" \
  || { dump_logs; fail "munged did not start"; }

cat >"$SLURM_CONF" <<CONF
ClusterName=modescope-test
SlurmctldHost=$node
SlurmctldPort=$ctld_port
SlurmdPort=$((ctld_port + 1))
AuthType=auth/munge
AuthInfo=socket=$work/munge/socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=$node CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=modescope Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -f "$SLURM_CONF" || { dump_logs; fail "slurmctld did not start"; }
slurmd -f "$SLURM_CONF" || { dump_logs; fail "slurmd did not start"; }
for _ in $(seq 60); do
  sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed)' && break
  sleep 1
done
sinfo -h -o '%T' | grep -qE '^(idle|mixed)' || { dump_logs; sinfo; fail "the node did not come up"; }

cat >"$work/plan.json" <<'PLAN'
{"name": "slurm-check", "base": "seed-3mode",
 "set": {"iterations": 100, "log_every": 50, "samples": 100,
         "generator": {"hidden": [16]}, "discriminator": {"hidden": [16]}},
 "axes": {"method": ["gan", "madgan-sim"], "seed": [1, 2]}}
PLAN
job=$("$sweep" run "$work/plan.json" --out "$work/sweep" --executor slurm --time 0:05:00 \
  --max-concurrent 2)
[[ "$job" =~ ^[0-9]+$ ]] || fail "run --executor slurm printed no job id: $job"
grep -q "^#SBATCH --array=0-3%2$" "$work/sweep/sweep.sbatch" || fail "sweep.sbatch has no 4-task array"
for _ in $(seq 180); do
  "$sweep" status "$work/sweep" | grep -q "4 runs: 4 done" && break
  sleep 1
done
status=$("$sweep" status "$work/sweep")
echo "$status"
grep -q "4 runs: 4 done, 0 running, 0 failed" <<<"$status" || {
  dump_logs; cat "$work"/sweep/logs/slurm-* 2>/dev/null | tail -20; fail "the array job did not finish its 4 runs"; }
grep -q "slurm job $job" <<<"$status" || fail "status does not name the job"
ls "$work"/sweep/logs/slurm-"${job}"_*.out >/dev/null || fail "no task output under logs/"
"$sweep" report "$work/sweep" >/dev/null
[ "$(wc -l <"$work/sweep/results.csv")" -eq 5 ] || fail "results.csv does not hold 4 runs"
grep -q "4 of 4 runs finished" "$work/sweep/summary.md" || fail "summary.md"
echo "slurm: job $job ran 4 runs on a one-node cluster; status and report agree"

# Killed with SIGKILL mid-run (a node failure, an OOM kill): the tasks and their trainers die
# with nothing recorded; the next submission names the runs not done and finishes each once.
# Wider networks, so that a run takes seconds and is still running when the kill comes.
sed -e 's/"iterations": 100, "log_every": 50/"iterations": 3000, "log_every": 1000/' \
  -e 's/"hidden": \[16\]/"hidden": [128, 128]/g' "$work/plan.json" >"$work/long.json"
job=$("$sweep" run "$work/long.json" --out "$work/killed" --executor slurm --time 0:05:00)
for _ in $(seq 240); do
  "$sweep" status "$work/killed" | grep -q "running: " && break
  sleep 0.5
done
"$sweep" status "$work/killed" | grep -q "running: " || fail "no run of job $job started"
# Every process of the sweep on the node (the array tasks and their trainers: their command
# lines name the sweep's folder) dies at once, as in a node failure. The array's tasks still
# pending start as the first ones die, and on a slow machine run for minutes: the node keeps
# failing, killing each as it starts, until Slurm holds nothing of the job.
pkill -KILL -f -- "$work/killed" || fail "nothing of job $job was running to kill"
for _ in $(seq 240); do
  [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break
  pkill -KILL -f -- "$work/killed" || true
  sleep 0.5
done
[ -z "$(squeue -h -j "$job" 2>/dev/null)" ] || { squeue -j "$job"; fail "job $job was not killed"; }
before=$("$sweep" status "$work/killed")
echo "after SIGKILL: $before"
grep -qE "[1-9] (running|interrupted)" <<<"$before" || fail "no run was killed mid-run (they finished first?)"
job=$("$sweep" run "$work/long.json" --out "$work/killed" --executor slurm --time 0:05:00)
[[ "$job" =~ ^[0-9]+$ ]] || fail "the resubmission printed no job id: $job"
for _ in $(seq 300); do
  "$sweep" status "$work/killed" | grep -q "4 runs: 4 done" && break
  sleep 1
done
status=$("$sweep" status "$work/killed")
grep -q "4 runs: 4 done, 0 running, 0 failed" <<<"$status" || {
  dump_logs; echo "$status"; fail "the resubmitted job did not finish the killed runs"; }
"$sweep" report "$work/killed" >/dev/null
[ "$(wc -l <"$work/killed/results.csv")" -eq 5 ] || fail "results.csv of the killed sweep does not hold 4 runs"
echo "slurm: job killed with SIGKILL mid-run; the resubmission ($job) finished every run once"
