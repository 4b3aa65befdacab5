#!/usr/bin/env bash
# Installs the build into a temporary prefix, moves the prefix, and checks what a user of the
# installed programs relies on: the files of a desktop application, presets found relative to
# the programs (a preset only the moved prefix holds is listed and trains), --version, man pages
# that name every option --help lists, and a desktop entry and metainfo that validate.
# Usage: check_install.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/first" >/dev/null
mv "$work/first" "$work/moved" # relocated: nothing may point back to the first prefix
prefix=$work/moved
id=io.github.modescope.ModeScope
version=$(sed -n 's/.*kVersion = "\(.*\)".*/\1/p' "$build/engine/generated/modescope/Version.h")
[ -n "$version" ] || fail "no version in $build/engine/generated/modescope/Version.h"

for f in bin/modescope bin/modescope-train bin/modescope-sweep share/man/man1/modescope-sweep.1 \
  share/modescope/presets/paper-1d.json share/modescope/presets/seed-3mode.json \
  share/applications/$id.desktop share/metainfo/$id.metainfo.xml \
  share/icons/hicolor/scalable/apps/$id.svg share/icons/hicolor/48x48/apps/$id.png \
  share/icons/hicolor/256x256/apps/$id.png \
  share/man/man1/modescope.1 share/man/man1/modescope-train.1; do
  [ -f "$prefix/$f" ] || fail "not installed: $f"
done
grep -qx "Icon=$id" "$prefix/share/applications/$id.desktop" || fail "desktop entry's Icon is not $id"
grep -q "<release version=\"$version\"" "$prefix/share/metainfo/$id.metainfo.xml" \
  || fail "metainfo does not name version $version"

# Presets beside the program: a preset that exists only in the moved prefix is listed and used.
unset MODESCOPE_PRESETS
cp "$prefix/share/modescope/presets/seed-3mode.json" "$prefix/share/modescope/presets/install-probe.json"
"$prefix/bin/modescope-train" --help | grep -q "install-probe" \
  || fail "modescope-train does not list the moved prefix's presets"
# ...and only those: an installed program never reads the source tree it was built from.
rm "$prefix/share/modescope/presets/paper-1d-sim.json"
if "$prefix/bin/modescope-train" --help | grep -q "paper-1d-sim"; then
  fail "the installed modescope-train still finds presets outside its prefix"
fi
"$prefix/bin/modescope-train" --preset install-probe --iterations 20 --log-every 10 --samples 50 \
  --out "$work/run" >/dev/null || fail "modescope-train could not train the moved prefix's preset"
grep -q '"iterations": 20' "$work/run/config.json" || fail "the run's config.json lacks its 20 steps"

[ "$("$prefix/bin/modescope-train" --version)" = "modescope-train $version" ] \
  || fail "modescope-train --version does not print $version"
[ "$(QT_QPA_PLATFORM=offscreen "$prefix/bin/modescope" --version 2>/dev/null)" = "ModeScope $version" ] \
  || fail "modescope --version does not print $version"

# Every long option --help lists is documented in the man page (troff writes - as \-);
# for modescope-sweep, every command's --help.
check_man() {
  local program=$1 page=$2 options
  options=$(for command in "" "${@:3}"; do
    QT_QPA_PLATFORM=offscreen "$prefix/bin/$program" $command --help 2>/dev/null
  done | grep -o -- '--[a-z][a-z-]*' | sort -u)
  [ -n "$options" ] || fail "$program --help lists no options"
  for option in $options; do
    grep -qF -- "${option//-/\\-}" "$page" || fail "$page does not document $option"
  done
  grep -q "$version" "$page" || fail "$page does not carry version $version"
}
check_man modescope-train "$prefix/share/man/man1/modescope-train.1"
check_man modescope "$prefix/share/man/man1/modescope.1"
check_man modescope-sweep "$prefix/share/man/man1/modescope-sweep.1" run task status report
[ "$("$prefix/bin/modescope-sweep" --version)" = "modescope-sweep $version" ] \
  || fail "modescope-sweep --version does not print $version"
if command -v man >/dev/null; then
  MANPATH=$prefix/share/man man -w modescope-train | grep -q "$prefix" \
    || fail "man does not find modescope-train under the prefix"
fi

desktop-file-validate "$prefix/share/applications/$id.desktop"
appstreamcli validate --no-net "$prefix/share/metainfo/$id.metainfo.xml" >/dev/null
echo "install: $prefix holds a relocatable ModeScope $version; all checks passed"
