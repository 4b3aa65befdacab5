#!/usr/bin/env bash
# The window's training speed against the headless trainer's, on one preset, alternating so
# both see the same machine: each round runs modescope-train --bench, then the window with
# --measure (training with every plot drawing), and prints both; the last line gives the
# median ratio and the GUI thread's longest stall. Needs a display (run under xvfb-run).
#   bench/gui_speed.sh [BUILD_DIR]     env: GUI_PRESET (paper-1d), GUI_ROUNDS (3), GUI_SECONDS (20),
#                                      GUI_COMPARE (lanes, e.g. gan,madgan,madgan-sim; summed)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build}
preset=${GUI_PRESET:-paper-1d}
rounds=${GUI_ROUNDS:-3}
seconds=${GUI_SECONDS:-20}

ratios=()
stalls=()
for ((r = 1; r <= rounds; r++)); do
  headless=$("$build/app/modescope-train" --preset "$preset" --bench --bench-steps 1000 |
             sed -n 's/.*"steps_per_second": \([0-9.]*\).*/\1/p')
  # The window's one JSON line: every lane's steps/s (summed: GUI_COMPARE=gan,madgan,... runs
  # several lanes at once) and the GUI thread's longest stall.
  line=$("$build/app/modescope" --preset "$preset" ${GUI_COMPARE:+--compare "$GUI_COMPARE"} \
           --measure "$seconds" 2>/dev/null | grep '"lanes"')
  window=$(echo "$line" | grep -o '"steps_per_second": *[0-9.]*' | sed 's/.*: *//' |
           awk '{ s += $1 } END { print s }')
  stall=$(echo "$line" | sed -n 's/.*"gui_longest_stall_ms": *\([0-9]*\).*/\1/p')
  ratio=$(awk -v w="$window" -v h="$headless" 'BEGIN { printf "%.3f", w / h }')
  echo "round $r: headless $headless steps/s, window $window steps/s, ratio $ratio, GUI stall $stall ms"
  ratios+=("$ratio")
  stalls+=("$stall")
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
worst=$(printf '%s\n' "${stalls[@]}" | sort -n | tail -1)
echo "preset $preset: window/headless median $median over $rounds rounds; longest GUI stall $worst ms"
