#include "modescope/machine/Allocator.h"

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

FreedMemoryReturner::FreedMemoryReturner(std::chrono::milliseconds interval)
    : m_thread([this, interval] {
        std::unique_lock<std::mutex> lock(m_mutex);
        while (!m_wake.wait_for(lock, interval, [this] { return m_stop; }))
            returnFreedMemory();
    })
{
}

FreedMemoryReturner::~FreedMemoryReturner()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

} // namespace modescope
