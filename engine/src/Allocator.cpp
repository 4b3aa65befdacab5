#include "modescope/Allocator.h"

#include <malloc.h>

#include <algorithm>
#include <climits>

namespace modescope
{

void keepFreedMemoryForReuse(std::size_t keepFreeBytes)
{
    mallopt(M_MMAP_THRESHOLD, static_cast<int>(kReuseBelowBytes));
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(std::min<std::size_t>(keepFreeBytes, INT_MAX)));
}

} // namespace modescope
