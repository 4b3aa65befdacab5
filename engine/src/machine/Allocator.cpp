#include "modescope/machine/Allocator.h"
#include "modescope/machine/SlowWork.h"

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <fstream>
#include <unistd.h>

namespace modescope
{

void keepFreedMemoryForReuse(std::size_t keepFreeBytes)
{
    mallopt(M_MMAP_THRESHOLD, static_cast<int>(kReuseBelowBytes));
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(std::min<std::size_t>(keepFreeBytes, INT_MAX)));
    mallopt(M_TOP_PAD, static_cast<int>(kHeapPadBytes));
}

double returnFreedMemory()
{
    const auto start = std::chrono::steady_clock::now();
    malloc_trim(0);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

std::size_t residentBytes()
{
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0;
    std::size_t resident = 0;
    statm >> pages >> resident;
    return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

FreedMemoryReturner::FreedMemoryReturner(
    std::chrono::milliseconds interval, std::size_t growthBytes)
    : m_thread([this, interval, growthBytes] {
        std::size_t afterTrim = residentBytes();
        std::unique_lock<std::mutex> lock(m_mutex);
        while (!m_wake.wait_for(lock, interval, [this] { return m_stop; })) {
            const std::size_t resident = residentBytes();
            if (resident <= afterTrim + growthBytes) {
                afterTrim = std::min(afterTrim, resident);
                continue;
            }
            {
                const TimedWork timed("trim: freed memory back to the system (all arenas)");
                returnFreedMemory();
            }
            afterTrim = residentBytes();
        }
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
