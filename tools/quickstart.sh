#!/usr/bin/env bash
# ModeScope quick start on Debian 12: installs what is missing, builds in Release, then
#   run   starts ModeScope (a first start: gan | madgan | madgan-sim side by side on seed-3mode)
#   test  runs the whole test suite through ctest
#   bench prints the speed benchmark (modescope-train --bench against PyTorch eager)
#   population-bench  prints populations' run-steps/s against --jobs 2 (bench/population.sh)
# and two checks that build elsewhere:
#   sanitize  builds in build-asan/ with AddressSanitizer and UBSan, then runs the tests
#             (all but the long tst_convergence)
#   tsan      builds in build-tsan/ with ThreadSanitizer, then runs the tests (all but the long
#             tst_convergence); not part of CI (the budget), run it after threading changes
#   fuzz      builds the file readers' libFuzzer target in build-fuzz/ (clang-14) and fuzzes
#             them for $FUZZ_SECONDS (default 120) seconds; a crash exits non-zero
#   package   builds the Debian package (cpack -G DEB), installs it with apt, checks the
#             installed programs, desktop entry, metainfo and man pages, then removes it
set -euo pipefail

mode=${1:-run}
usage="usage: $0 [run|test|bench|population-bench|sanitize|tsan|fuzz|package]"
case "$mode" in
  run | test | bench | population-bench | sanitize | tsan | fuzz | package) ;;
  *)
    echo "$usage" >&2
    exit 2
    ;;
esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MODESCOPE_BUILD_DIR:-$here/build}
# ccache keys on paths relative to the checkout, so a clone in another folder (CI) hits the
# entries of this one. Debug info (sanitize, fuzz) has its paths made relative the same way.
export CCACHE_BASEDIR="$here"
# The engine's precompiled torch header: without these ccache compiles every file that uses it.
export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}
debug_paths="-fdebug-prefix-map=$here=."

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libtorch-dev libopenblas0-pthread    # without OpenBLAS Debian's LibTorch trains ~10x slower
  nlohmann-json3-dev libcli11-dev zlib1g-dev
  dataset-fashion-mnist                # the image data sets (IDX files, gzip'd)
  qt6-base-dev qt6-svg-dev libqcustomplot-dev libqcustomplot2.1-qt6 libopencv-dev
  xvfb xauth
  desktop-file-utils appstream man-db  # the install test validates what it installs
  slurm-wlm munge                      # the sweep test starts a one-node Slurm cluster
)
case "$mode" in bench | population-bench) packages+=(python3-torch) ;; esac
[ "$mode" = fuzz ] && packages+=(clang-14 libfuzzer-14-dev llvm-14)  # llvm-14: symbolizer
[ "$mode" = package ] && packages+=(dpkg-dev fakeroot file)           # cpack's shlibdeps

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "quickstart: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

case "$mode" in
  run | test | bench | population-bench | package)
    cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" -j "$(nproc)"
    ;;
esac

case "$mode" in
  run)
    # A first start opens the comparison gan | madgan | madgan-sim on seed-3mode; later starts
    # restore the last settings.
    exec "$build/app/modescope"
    ;;
  test)
    cd "$build"
    QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 900
    ;;
  bench)
    exec "$here/bench/run.sh" "$build"
    ;;
  population-bench)
    exec "$here/bench/population.sh" "$build"
    ;;
  package)
    exec "$here/tests/install/check_package.sh" "$build"
    ;;
  sanitize)
    # -O1: the speed ASan is measured at, and whole stacks; -g1: file:line in every report.
    asan=$here/build-asan
    cmake -S "$here" -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG $debug_paths" \
      -DMODESCOPE_SANITIZE=address,undefined >/dev/null
    cmake --build "$asan" -j "$(nproc)"
    cd "$asan"
    # The sanitizers' options come with each test (cmake/Sanitizers.cmake).
    QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 900 -E '^tst_convergence$'
    ;;
  tsan)
    tsan=$here/build-tsan
    cmake -S "$here" -B "$tsan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG $debug_paths" \
      -DMODESCOPE_SANITIZE=thread >/dev/null
    cmake --build "$tsan" -j "$(nproc)"
    cd "$tsan"
    QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 900 -E '^tst_convergence$'
    ;;
  fuzz)
    # Only the fuzz target and the torch-free core it links are built; asserts stay on.
    fuzz=$here/build-fuzz
    cmake -S "$here" -B "$fuzz" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g $debug_paths" \
      -DMODESCOPE_WITH_QT=OFF -DMODESCOPE_FUZZ=ON >/dev/null
    cmake --build "$fuzz" --target fuzz_parsers -j "$(nproc)"
    # A fresh copy of the seeds each time: the fuzzer adds what it finds to its corpus folder.
    corpus=$fuzz/corpus
    artifacts=$fuzz/artifacts
    rm -rf "$corpus" "$artifacts"
    mkdir -p "$corpus" "$artifacts"
    cp "$fuzz"/tests/fuzz/seeds/* "$here"/tests/fuzz/corpus/* "$corpus"/
    if [ -d "$here/tests/fuzz/regressions" ]; then
      find "$here/tests/fuzz/regressions" -type f ! -name '*.md' -exec cp {} "$corpus"/ \;
    fi
    if ! "$fuzz/tests/fuzz/fuzz_parsers" -max_total_time="${FUZZ_SECONDS:-120}" -timeout=10 \
      -dict="$here/tests/fuzz/parsers.dict" -artifact_prefix="$artifacts/" \
      -print_final_stats=1 "$corpus"; then
      echo "quickstart: the fuzzer failed; the input is in $artifacts/: save it in" \
        "tests/fuzz/regressions/ under a name that says what it breaks" >&2
      exit 1
    fi
    ;;
esac
