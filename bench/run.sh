#!/usr/bin/env bash
# Speed of modescope-train --bench against the same networks in PyTorch eager, side by side on
# this machine at this moment. Prints the machine, one JSON line per run, then a table.
#   bench/run.sh [BUILD_DIR]      env: BENCH_METHODS, BENCH_KS, BENCH_STEPS, BENCH_DEVICE
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build}
methods=${BENCH_METHODS:-"gan madgan madgan-sim"}
ks=${BENCH_KS:-"4 8"}
steps=${BENCH_STEPS:-500}
device=${BENCH_DEVICE:-cpu}
python=${BENCH_PYTHON:-/usr/bin/python3}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
results=$(mktemp)
for method in $methods; do
  for k in $ks; do
    [ "$method" = gan ] && [ "$k" != "$(echo "$ks" | awk '{print $1}')" ] && continue
    ours=$("$build/app/modescope-train" --bench --bench-steps "$steps" --method "$method" \
           --generators "$k" --device "$device")
    eager=$("$python" "$here/bench/eager_madgan.py" --steps "$steps" --method "$method" \
            --generators "$k" --device "$device")
    echo "$ours"
    echo "$eager"
    echo "$ours|$eager" >>"$results"
  done
done
echo
printf '%-12s %4s %14s %14s %7s\n' method k "modescope/s" "eager/s" ratio
while IFS='|' read -r ours eager; do
  "$python" - "$ours" "$eager" <<'PY'
import json, sys
o, e = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"{o['method']:<12} {o['generators']:>4} {o['steps_per_second']:>14.1f} "
      f"{e['steps_per_second']:>14.1f} {o['steps_per_second'] / e['steps_per_second']:>6.2f}x")
PY
done <"$results"
rm -f "$results"
