#include "modescope/machine/BlasCore.h"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace modescope
{

namespace
{
// OpenBLAS's x86 kernel sets older than AVX2: a fallback when the CPU can do better.
const char* const kPreAvx2Cores[] = { "prescott", "core2", "penryn", "dunnington", "nehalem",
    "atom", "katmai", "coppermine", "northwood", "banias", "sandybridge", "unknown" };

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
        [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}
} // namespace

std::string openBlasCore()
{
    // Looked up at run time: the BLAS behind LibTorch may be OpenBLAS, MKL or none.
    using CoreName = char* (*)();
    const auto coreName = reinterpret_cast<CoreName>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
    if (!coreName)
        return {};
    const char* name = coreName();
    return name ? std::string(name) : std::string();
}

std::string betterOpenBlasCore()
{
#if defined(__x86_64__) || defined(__i386__)
    if (std::getenv("OPENBLAS_CORETYPE"))
        return {};
    const std::string core = lower(openBlasCore());
    if (core.empty()
        || std::none_of(std::begin(kPreAvx2Cores), std::end(kPreAvx2Cores),
            [&](const char* weak) { return core == weak; }))
        return {};
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq")
        && __builtin_cpu_supports("avx512cd"))
        return "SkylakeX";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return "Haswell";
#endif
    return {};
}

bool setOpenBlasThreads(int threads)
{
    using SetThreads = void (*)(int);
    const auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    if (!set)
        return false;
    set(threads);
    return true;
}

void restartWithBetterBlas(char** argv)
{
    if (std::getenv("MODESCOPE_KEEP_BLAS"))
        return;
    const std::string core = betterOpenBlasCore();
    if (core.empty())
        return;
    setenv("OPENBLAS_CORETYPE", core.c_str(), 1); // also stops a second restart
    execv("/proc/self/exe", argv);
    // Only reached when the restart failed: go on with the kernels we have.
}

} // namespace modescope
