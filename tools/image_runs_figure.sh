#!/usr/bin/env bash
# One figure of an image sweep's samples (docs/RESULTS.md, Fashion-MNIST): a panel per run
# given, each the data row (samples/real.png) over the first row of 8 images of every
# generator (samples/generator-NN.png; a run of one generator: all its 64), labelled with the
# run's folder name.
#   tools/image_runs_figure.sh OUT.png RUN_FOLDER...
# Needs ImageMagick (montage, convert).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OUT.png RUN_FOLDER..." >&2; exit 2; }
out=$1
shift
command -v montage >/dev/null || { echo "$0: needs ImageMagick (apt-get install imagemagick)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
panels=()
n=0
for run in "$@"; do
  [ -f "$run/samples/real.png" ] || { echo "$0: $run has no samples/real.png (not a finished image run)" >&2; exit 1; }
  rows=("$run/samples/real.png")
  sheets=("$run"/samples/generator-*.png)
  for g in "${sheets[@]}"; do
    if [ ${#sheets[@]} -eq 1 ]; then rows+=("$g"); break; fi
    # A generator's sheet: 8 x 8 images of 28 px, 2 px apart, 2 px margin; its first row is
    # the top 32 px.
    convert "$g" -crop "x32+0+0" +repage "$work/$n-$(basename "$g")"
    rows+=("$work/$n-$(basename "$g")")
  done
  convert "${rows[@]}" -background white -gravity west -append "$work/panel-$n.png"
  panels+=(-label "$(basename "$run")" "$work/panel-$n.png")
  n=$((n + 1))
done
montage "${panels[@]}" -tile "${n}x1" -geometry +12+6 -pointsize 12 -background white "$out"
echo "$out"
