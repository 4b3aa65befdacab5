#!/usr/bin/env bash
# Soak test of the window (issue 8): trains PRESET for MINUTES with every plot drawing under
# Xvfb, printing a JSON line a minute (step, steps/s, resident memory, the GUI thread's longest
# stall in that minute); then CYCLES rounds of start / pause / reset / save / open with
# resident memory before and after. Output goes to stdout and to $SOAK_OUT (default
# soak-<date>.log). Each GUI stall over 50 ms is also logged as it happens (its make-up and the
# slow work beside it: app/window/Measurement.h); bench/soak_table.py LOG makes the table.
#   bench/soak.sh [MINUTES=60] [PRESET=paper-1d] [CYCLES=100]
#   env: SOAK_COMPARE (lanes, e.g. "gan,madgan,madgan-sim": the window's --compare; none by
#        default), SOAK_OUT (the log)
set -euo pipefail
minutes=${1:-60}
preset=${2:-paper-1d}
cycles=${3:-100}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
window=${MODESCOPE_WINDOW:-$here/build/app/modescope}
out=${SOAK_OUT:-soak-$(date +%Y%m%d-%H%M).log}
[ -x "$window" ] || { echo "soak: build first (tools/quickstart.sh test builds $window)" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "soak: needs xvfb-run (apt-get install xvfb xauth)" >&2; exit 2; }

# A settings folder of its own: the soak never reads or changes the user's saved settings.
export XDG_CONFIG_HOME
XDG_CONFIG_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
lanes=()
if [ -n "${SOAK_COMPARE:-}" ]; then lanes=(--compare "$SOAK_COMPARE"); fi
run() { xvfb-run -a -s "-screen 0 1600x1000x24" "$window" "${lanes[@]}" "$@" 2>&1 | grep --line-buffered -v XDG_RUNTIME_DIR; }

{
  echo "# soak: $preset${SOAK_COMPARE:+ lanes $SOAK_COMPARE}, $minutes min of training, then $cycles cycles; $(nproc) cores; $(date -Is)"
  run --preset "$preset" --measure $((minutes * 60)) --report-every 60
  run --preset "$preset" --cycles "$cycles"
} | tee "$out"
