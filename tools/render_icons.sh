#!/usr/bin/env bash
# Renders resources/icons/modescope.svg to the PNG sizes the desktop's icon theme and the
# window use (resources/icons/png/). Run after editing the SVG; the PNGs are committed so that
# building needs no SVG renderer. Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
icons=$(cd "$(dirname "${BASH_SOURCE[0]}")/../resources/icons" && pwd)
mkdir -p "$icons/png"
for size in 16 24 32 48 64 128 256; do
  rsvg-convert -w "$size" -h "$size" "$icons/modescope.svg" -o "$icons/png/modescope-$size.png"
done
ls -l "$icons/png"
