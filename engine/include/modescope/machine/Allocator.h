#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

namespace modescope
{

// A training step allocates and frees the same few hundred-kilobyte tensors every time. glibc
// serves blocks that large with mmap and hands freed heap tops back to the kernel, so every
// step faulted its pages in anew (5% of the time in page faults under perf); keeping freed
// memory for reuse made paper-1d madgan k=4 go from 162-168 to 183-205 steps/s.
// Process-wide, so `main` calls it once: blocks below kReuseBelowBytes come from the heap, and
// up to `keepFreeBytes` of freed memory stays with each malloc arena before it is returned.
// The headless trainer keeps a lot (one thread, speed first); the window keeps little, since
// its GUI and worker threads have an arena each and the retained memory adds up (issue 8's
// soak: 1.3 GB resident after 15 minutes with 512 MiB kept per arena, 78 MB of it in use).
void keepFreedMemoryForReuse(std::size_t keepFreeBytes);

inline constexpr std::size_t kReuseBelowBytes = std::size_t(32) << 20;
// Also the heaps a thread's malloc arena adds (64 MiB each) stay once made: glibc unmaps a
// heap the moment it is wholly free unless the heap below has this much free at its top, and a
// training thread whose older heap had filled with long-lived blocks then made and unmapped a
// heap for each big tensor of a step: at minute 15 of a three-lane soak one lane's thread made
// 1,600 mmap and 3,200 munmap calls a second, each unmap stopping every core for a TLB flush
// (docs/RELIABILITY.md, Soak). A heap kept costs address space only: its free pages are given
// back by the trim (returnFreedMemory) like any others.
inline constexpr std::size_t kHeapPadBytes = std::size_t(64) << 20;

// Hands the free pages inside every malloc arena back to the kernel (glibc's malloc_trim): the
// trim threshold only returns a heap's free top, and the window's arenas fragment (a 30-minute
// soak reached 767 MB resident, 325 MB after one call). Costs a few milliseconds; the window's
// window returns it every few seconds (FreedMemoryReturner). Returns the milliseconds it took.
double returnFreedMemory();

// This process's resident memory in bytes (/proc/self/statm's second field; 0 where it cannot
// be read).
std::size_t residentBytes();

// Looks every `interval`, on a thread of its own, from construction to destruction, and calls
// returnFreedMemory() when resident memory has grown by more than `growthBytes` since the last
// call returned: one per process, made by `main` (without it the window's resident memory
// climbed ~80 MB a minute at ~90 steps/s, all of it free pages). A trim holds each malloc
// arena's lock while it walks it: a thread that allocates in that arena meanwhile waits. The
// window trims every second at any growth, so that each trim has little to give back (64 MiB
// at a time stalled its GUI thread up to 152 ms; docs/RELIABILITY.md, Soak).
class FreedMemoryReturner
{
public:
    FreedMemoryReturner(std::chrono::milliseconds interval, std::size_t growthBytes);
    ~FreedMemoryReturner();
    FreedMemoryReturner(const FreedMemoryReturner&) = delete;
    FreedMemoryReturner& operator=(const FreedMemoryReturner&) = delete;

private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace modescope
