#!/usr/bin/env bash
# Run-steps per second of populations (issue 24, docs/PERFORMANCE.md "Populations") against
# what a sweep does without them. For each workload and each population size S:
#   pop       one modescope-train --bench --population S, OpenBLAS on every core;
#   2 x pop   two of them at once with one BLAS thread each: `modescope-sweep run --jobs 2
#             --population S` on two cores;
# and, once per workload, the baselines:
#   jobs 2    two one-run modescope-train --bench at once, one BLAS thread each: today's
#             `modescope-sweep run --jobs 2`;
#   eager 2   two PyTorch eager processes (bench/eager_madgan.py) at once, one thread each.
# Columns: run-steps/s (runs x steps per second), the ratio to `jobs 2`, the share of the
# BLAS-bound limit (the step's matrix-product FLOPs at the all-core 1024^3 product peak),
# resident MiB per run.
#   bench/population.sh [BUILD_DIR]
#   env: POP_SIZES ("1 2 4 8 16 32"), POP_WORKLOADS (both), POP_RUN_STEPS (run-steps timed
#        per measurement, 1200 for paper-1d; grid-25 takes a third), BENCH_DEVICE (cpu; cuda
#        on a GPU machine, where the pairs share the one device)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build}
sizes=${POP_SIZES:-"1 2 4 8 16 32"}
workloads=${POP_WORKLOADS:-"paper-1d:madgan:4:1 grid-25:madgan-sim:10:2"}
run_steps=${POP_RUN_STEPS:-1200}
device=${BENCH_DEVICE:-cpu}
python=${BENCH_PYTHON:-/usr/bin/python3}
train=$build/app/modescope-train
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
# Two commands at once; each prints one JSON line into $results/$1.{a,b}.
pair() {
  local name=$1; shift
  OPENBLAS_NUM_THREADS=1 "$@" >"$results/$name.a" &
  local first=$!
  OPENBLAS_NUM_THREADS=1 "$@" >"$results/$name.b"
  wait "$first"
}
for workload in $workloads; do
  IFS=: read -r preset method k dim <<<"$workload"
  budget=$run_steps
  [ "$preset" = paper-1d ] || budget=$(( run_steps / 3 ))
  args=(--preset "$preset" --method "$method" --generators "$k" --device "$device" --bench)
  tag="$preset-$method-$k"
  pair "$tag-jobs2" "$train" "${args[@]}" --bench-steps "$budget"
  core=$(sed -n 's/.*"blas_core": "\([^"]*\)".*/\1/p' "$results/$tag-jobs2.a")
  blas_env=()
  if [ -n "$core" ] && [ "$core" != none ]; then blas_env=(OPENBLAS_CORETYPE="$core"); fi
  pair "$tag-eager2" env "${blas_env[@]}" "$python" "$here/bench/eager_madgan.py" \
    --method "$method" --generators "$k" --dim "$dim" --steps "$budget" --threads 1 \
    --device "$device"
  for s in $sizes; do
    steps=$(( budget / s < 5 ? 5 : budget / s ))
    "$train" "${args[@]}" --bench-steps "$steps" --population "$s" >"$results/$tag-pop$s"
    pair "$tag-pair$s" "$train" "${args[@]}" --bench-steps "$steps" --population "$s"
  done
  echo "$tag" >>"$results/tags"
done
"$python" - "$results" "$sizes" <<'PY'
import json, os, sys
folder, sizes = sys.argv[1], sys.argv[2].split()
def load(name):
    return json.loads(open(os.path.join(folder, name)).read().strip().splitlines()[-1])
def pair(name):
    a, b = load(name + ".a"), load(name + ".b")
    rate = lambda r: r.get("run_steps_per_second", r["steps_per_second"])
    return rate(a) + rate(b), a
for tag in open(os.path.join(folder, "tags")).read().split():
    jobs, one = pair(tag + "-jobs2")
    eager, _ = pair(tag + "-eager2")
    print(f"\n{tag}: {one['mflop_per_step']:.1f} MFLOP a run-step")
    print(f"{'layout':<14} {'run-steps/s':>11} {'vs jobs 2':>9} {'of bound':>8} {'MiB/run':>8}")
    first = load(f"{tag}-pop{sizes[0]}")
    bound = first["matmul_peak_gflops"] * 1e9 / (first["mflop_per_step"] * 1e6)
    def row(name, rate, mib):
        print(f"{name:<14} {rate:>11.1f} {rate / jobs:>8.2f}x {rate / bound:>8.1%} {mib:>8}")
    row("jobs 2", jobs, f"{one['resident_mib_per_run']:.1f}")
    row("eager 2", eager, "")
    for s in sizes:
        pop = load(f"{tag}-pop{s}")
        row(f"pop {s}", pop["run_steps_per_second"], f"{pop['resident_mib_per_run']:.1f}")
        two, half = pair(f"{tag}-pair{s}")
        row(f"2 x pop {s}", two, f"{half['resident_mib_per_run']:.1f}")
    print(f"BLAS-bound limit: {bound:.0f} run-steps/s ({first['matmul_peak_gflops']:.0f} GFLOP/s "
          f"at 1024^3 on every core; kernels {first['blas_core']})")
PY
