#include "modescope/Allocator.h"

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <climits>

namespace modescope
{

void keepFreedMemoryForReuse(std::size_t keepFreeBytes)
{
    mallopt(M_MMAP_THRESHOLD, static_cast<int>(kReuseBelowBytes));
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(std::min<std::size_t>(keepFreeBytes, INT_MAX)));
}

double returnFreedMemory()
{
    const auto start = std::chrono::steady_clock::now();
    malloc_trim(0);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

} // namespace modescope
