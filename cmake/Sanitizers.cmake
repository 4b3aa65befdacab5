# Sanitizer and fuzzing builds. Included from the top level before any target is made, so
# everything we compile (engine, ui, app, tests) is instrumented alike.
#
#   -DMODESCOPE_SANITIZE=address,undefined   ASan + UBSan (or "thread" for TSan, alone)
#   -DMODESCOPE_FUZZ=ON                      clang only: address,undefined plus libFuzzer's
#                                            coverage, for tests/fuzz (build only its target)
#
# LibTorch, Qt, OpenCV and OpenBLAS are not instrumented, which brings false positives; the
# runtime options in MODESCOPE_SANITIZER_ENVIRONMENT (given to every ctest test) turn them off.

string(REPLACE "," ";" modescope_sanitizers "${MODESCOPE_SANITIZE}")
if(MODESCOPE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "MODESCOPE_FUZZ needs clang's libFuzzer: configure with "
                        "CC=clang-14 CXX=clang++-14")
  endif()
  list(APPEND modescope_sanitizers address undefined)
endif()
list(REMOVE_DUPLICATES modescope_sanitizers)
foreach(s IN LISTS modescope_sanitizers)
  if(NOT s MATCHES "^(address|undefined|thread)$")
    message(FATAL_ERROR "MODESCOPE_SANITIZE: unknown sanitizer \"${s}\" "
                        "(known: address, undefined, thread)")
  endif()
endforeach()
if("thread" IN_LIST modescope_sanitizers AND "address" IN_LIST modescope_sanitizers)
  message(FATAL_ERROR "MODESCOPE_SANITIZE: thread cannot be combined with address")
endif()

set(MODESCOPE_SANITIZER_ENVIRONMENT "")
if(modescope_sanitizers)
  list(JOIN modescope_sanitizers "," joined)
  message(STATUS "ModeScope: building with -fsanitize=${joined}")
  add_compile_options(-fsanitize=${joined} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${joined})
  if("undefined" IN_LIST modescope_sanitizers)
    # A UBSan finding aborts the process, so the test that met it fails.
    add_compile_options(-fno-sanitize-recover=undefined)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      # clang's "undefined" has it already; GCC leaves out out-of-range float-to-int casts.
      add_compile_options(-fsanitize=float-cast-overflow -fno-sanitize-recover=float-cast-overflow)
    endif()
    list(APPEND MODESCOPE_SANITIZER_ENVIRONMENT
      "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
  endif()
  if("address" IN_LIST modescope_sanitizers)
    # container-overflow: std::vector annotations are only right when every library that
    # touches a container is instrumented, and LibTorch and Qt are not.
    # Leaks: LSan stays on; the leaks that LibTorch, Qt, fontconfig and OpenBLAS keep on
    # purpose until exit are suppressed by library in lsan.supp.
    list(APPEND MODESCOPE_SANITIZER_ENVIRONMENT
      "ASAN_OPTIONS=detect_container_overflow=0:detect_leaks=1:check_initialization_order=1"
      "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_LIST_DIR}/lsan.supp:print_suppressions=0")
  endif()
  if("thread" IN_LIST modescope_sanitizers)
    # Races inside the uninstrumented libraries' own thread pools are not ours to see.
    # die_after_fork=0: tests start programs (QProcess, the window's CLI) while worker threads
    # run; the child execs at once, which TSan's default refuses outright.
    list(APPEND MODESCOPE_SANITIZER_ENVIRONMENT
      "TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:suppressions=${CMAKE_CURRENT_LIST_DIR}/tsan.supp")
  endif()
  if(MODESCOPE_FUZZ)
    # Coverage for libFuzzer in every object; only the fuzz target links libFuzzer's main.
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()
endif()
