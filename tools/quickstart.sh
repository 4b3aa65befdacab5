#!/usr/bin/env bash
# ModeScope quick start on Debian 12: installs what is missing, builds in Release, then
#   run   starts ModeScope on its default preset (paper-1d)
#   test  runs the whole test suite through ctest
#   bench prints the speed benchmark (modescope-train --bench against PyTorch eager)
set -euo pipefail

mode=${1:-run}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MODESCOPE_BUILD_DIR:-$here/build}

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libtorch-dev libopenblas0-pthread    # without OpenBLAS Debian's LibTorch trains ~10x slower
  nlohmann-json3-dev libcli11-dev
  qt6-base-dev qt6-svg-dev libqcustomplot-dev libqcustomplot2.1-qt6 libopencv-dev
  xvfb xauth
)
[ "$mode" = bench ] && packages+=(python3-torch)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "quickstart: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)"

case "$mode" in
  run)
    exec "$build/app/modescope" --preset paper-1d
    ;;
  test)
    cd "$build"
    QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 900
    ;;
  bench)
    exec "$here/bench/run.sh" "$build"
    ;;
  *)
    echo "usage: $0 [run|test|bench]" >&2
    exit 2
    ;;
esac
