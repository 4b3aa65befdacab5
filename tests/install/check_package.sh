#!/usr/bin/env bash
# Builds ModeScope's Debian package from a configured, built BUILD_DIR, installs it with apt as
# a user would, checks what the package promises, then removes it again:
#   its Depends name Debian 12's runtime packages (Qt 6, LibTorch, QCustomPlot, OpenCV, OpenBLAS);
#   modescope and modescope-train are on PATH, print the version, and train from the installed
#   presets; the menu entry's command starts the window; the desktop entry and the metainfo
#   validate; `man modescope-train` works; removing the package removes the programs.
# Usage: check_package.sh BUILD_DIR   (tools/quickstart.sh package)
set -euo pipefail
build=$(cd "$1" && pwd)
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
id=io.github.modescope.ModeScope
work=$(mktemp -d)
fail() { echo "FAIL: $*" >&2; exit 1; }
remove() {
  if dpkg-query -W -f='${Status}' modescope 2>/dev/null | grep -q "install ok installed"; then
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq modescope >/dev/null
  fi
}
trap 'remove; rm -rf "$work"' EXIT
remove # an earlier copy of the same version would make apt skip the install

cd "$build"
rm -f modescope_*.deb
cpack -G DEB >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack -G DEB"; }
deb=$(ls modescope_*.deb)
version=$(dpkg-deb -f "$deb" Version)
depends=$(dpkg-deb -f "$deb" Depends)
echo "package: $deb ($(du -h "$deb" | cut -f1)), Depends: $depends"
for runtime in libqt6widgets6 libqt6svg6 libtorch1.13 libqcustomplot2.1-qt6 libopencv-videoio406 \
  libopenblas0-pthread; do
  [[ "$depends" == *"$runtime"* ]] || fail "Depends does not name $runtime"
done
[[ "$depends" != *-dev* ]] || fail "Depends names a -dev package: $depends"
dpkg-deb -c "$deb" | awk '{print $6}' | grep -v '^\./usr/' | grep -v '^\./$' \
  && fail "the package installs outside /usr"

$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "./$deb" \
  >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install ./$deb"; }
cd "$work"
export HOME=$work # the window's settings start fresh and stay here

[ "$(command -v modescope)" = /usr/bin/modescope ] || fail "modescope is not /usr/bin/modescope"
[ "$(modescope-train --version)" = "modescope-train $version" ] \
  || fail "modescope-train --version is not $version"
[ "$(modescope-sweep --version)" = "modescope-sweep $version" ] \
  || fail "modescope-sweep --version is not $version"
modescope-train --preset seed-3mode --iterations 200 --log-every 100 --samples 200 \
  --out "$work/run" 2>/dev/null >"$work/train.log" || fail "the installed modescope-train did not train"
[ "$(grep -c '^200,' "$work/run/metrics.csv")" = 1 ] || fail "run/metrics.csv has no row for step 200"

# A two-run sweep from the installed tools: modescope-sweep finds modescope-train beside it.
cat >"$work/plan.json" <<'PLAN'
{"name": "package-check", "base": "seed-3mode", "set": {"iterations": 40, "log_every": 20,
 "samples": 50, "generator": {"hidden": [8]}, "discriminator": {"hidden": [8]}},
 "axes": {"seed": [1, 2]}}
PLAN
modescope-sweep run "$work/plan.json" --out "$work/sweep" --jobs 2 2>"$work/sweep.log" \
  || { cat "$work/sweep.log"; fail "the installed modescope-sweep did not run its plan"; }
grep -q "/usr/bin/modescope-train" "$work/sweep/logs/seed=1.log" || fail "the sweep ran another modescope-train"

# What the menu runs: the desktop entry's Exec line, measured offscreen for two seconds.
exec_line=$(sed -n 's/^Exec=//p' "/usr/share/applications/$id.desktop")
QT_QPA_PLATFORM=offscreen timeout 120 $exec_line --measure 2 >"$work/measure.log" 2>/dev/null \
  || fail "the menu entry's command ($exec_line) did not start the window"
# Its one JSON line: a lane that got past step 0.
grep -Eq '"step": *[1-9][0-9]*' "$work/measure.log" \
  || fail "the window trained nothing: $(cat "$work/measure.log")"

desktop-file-validate "/usr/share/applications/$id.desktop"
appstreamcli validate --no-net "/usr/share/metainfo/$id.metainfo.xml" >/dev/null
[ -f "/usr/share/icons/hicolor/256x256/apps/$id.png" ] || fail "no 256 px icon"
case "$(man -w modescope-train)" in /usr/share/man/man1/modescope-train.1*) ;; *) fail "man -w modescope-train" ;; esac
MANPAGER=cat man modescope-train 2>/dev/null | grep -q "EXIT STATUS" || fail "man modescope-train"
MANPAGER=cat man modescope 2>/dev/null | grep -q "MODESCOPE_PRESETS" || fail "man modescope"

remove
[ ! -e /usr/bin/modescope ] && [ ! -e /usr/bin/modescope-train ] && [ ! -e /usr/bin/modescope-sweep ] || fail "apt-get remove left the programs"
echo "package: $deb installed, checked and removed; all checks passed"
