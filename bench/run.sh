#!/usr/bin/env bash
# Speed of modescope-train --bench against the same networks and the same step in PyTorch
# eager (Debian's python3-torch), side by side on this machine at this moment: for every method
# and k, ours then eager, alternating. Prints the machine, one JSON line per run, then a table
# of steps/s, generated samples/s, the ratio to eager and the share of the BLAS-bound limit.
#   bench/run.sh [BUILD_DIR]
#   env: BENCH_METHODS ("gan independent madgan madgan-sim unrolled wgan-gp pacgan"),
#        BENCH_KS ("1 2 4 8 16 32"),
#        BENCH_STEPS (timed steps; default 2400/k within [60, 600]), BENCH_DEVICE (cpu)
# Both programs run on the same OpenBLAS kernels: modescope-train corrects OpenBLAS's choice
# when it fell back to pre-AVX2 kernels (see engine/include/modescope/machine/BlasCore.h), and the
# eager run is given the kernel set and the thread count it reports, so the ratio measures
# the engines alone.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build}
methods=${BENCH_METHODS:-"gan independent madgan madgan-sim unrolled wgan-gp pacgan"}
ks=${BENCH_KS:-"1 2 4 8 16 32"}
device=${BENCH_DEVICE:-cpu}
python=${BENCH_PYTHON:-/usr/bin/python3}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r)"
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for method in $methods; do
  for k in $ks; do
    # One generator: gan and the route methods but madgan; k = 1 of the others is the plain GAN.
    case "$method" in gan | unrolled | wgan-gp | pacgan) single=1 ;; *) single=0 ;; esac
    if [ "$single" = 1 ] && [ "$k" != 1 ]; then continue; fi
    if [ "$single" = 0 ] && [ "$k" = 1 ]; then continue; fi
    steps=${BENCH_STEPS:-$(( 2400 / k < 60 ? 60 : (2400 / k > 600 ? 600 : 2400 / k) ))}
    ours=$("$build/app/modescope-train" --preset paper-1d --bench --bench-steps "$steps" \
           --method "$method" --generators "$k" --device "$device")
    core=$(echo "$ours" | sed -n 's/.*"blas_core": "\([^"]*\)".*/\1/p')
    threads=$(echo "$ours" | sed -n 's/.*"threads": \([0-9]*\).*/\1/p')
    blas_env=()
    if [ -n "$core" ] && [ "$core" != none ]; then blas_env=(OPENBLAS_CORETYPE="$core"); fi
    eager=$(env "${blas_env[@]}" "$python" "$here/bench/eager_madgan.py" --steps "$steps" \
            --method "$method" --generators "$k" --device "$device" --threads "${threads:-0}")
    echo "$ours"
    echo "$eager"
    echo "$ours|$eager" >>"$results"
  done
done
echo
"$python" - "$results" <<'PY'
import json, sys
rows = [tuple(json.loads(part) for part in line.strip().split("|")) for line in open(sys.argv[1])]
print(f"{'method':<12} {'k':>3} {'steps/s':>9} {'samples/s':>10} {'eager/s':>9} {'vs eager':>8} "
      f"{'MFLOP/step':>10} {'GFLOP/s':>8} {'of bound':>8} {'ms/step/G':>9}")
for o, e in rows:
    per_generator = 1000.0 / o['steps_per_second'] / o['generators']
    print(f"{o['method']:<12} {o['generators']:>3} {o['steps_per_second']:>9.1f} "
          f"{o['samples_per_second']:>10.0f} {e['steps_per_second']:>9.1f} "
          f"{o['steps_per_second'] / e['steps_per_second']:>7.2f}x {o['mflop_per_step']:>10.1f} "
          f"{o['achieved_gflops']:>8.1f} {o['share_of_blas_bound']:>8.1%} {per_generator:>9.2f}")
if rows:
    o = rows[0][0]
    print(f"\nBLAS kernels: {o['blas_core']}; matrix-product peak {o['matmul_peak_gflops']:.0f} GFLOP/s "
          f"(1024^3), {o['matmul_step_shape_gflops']:.0f} GFLOP/s at the step's [(k+1)B x 128] x [128 x 128]")
PY
