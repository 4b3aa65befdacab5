#pragma once

#include <string>

namespace modescope
{

// OpenBLAS picks its kernels when it loads, from the CPU's identity. Under some hypervisors it
// does not recognise the CPU and falls back to its Prescott (SSE3) kernels: on this project's
// AVX-512 machines that halves training speed (62 against 130 steps/s on paper-1d).

// The kernel set OpenBLAS uses ("SkylakeX", "Haswell", "Prescott", ...), or "" when the BLAS
// in this process is not OpenBLAS.
std::string openBlasCore();

// The kernel set this CPU can run that OpenBLAS should have chosen, when it fell back to an
// older one (pre-AVX2 kernels on an AVX2 or AVX-512 CPU); "" when its choice is fine, the BLAS
// is not OpenBLAS, or OPENBLAS_CORETYPE is already set (the user's choice stands).
std::string betterOpenBlasCore();

// When betterOpenBlasCore() names one, sets OPENBLAS_CORETYPE and executes the program again
// (OpenBLAS reads it only at load). Call first thing in main(). Returns when no restart is
// needed, when MODESCOPE_KEEP_BLAS is set, or when the restart fails.
void restartWithBetterBlas(char** argv);

// Sets OpenBLAS's thread count at run time; false when the BLAS is not OpenBLAS.
bool setOpenBlasThreads(int threads);

} // namespace modescope
