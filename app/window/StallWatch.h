#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>

namespace modescope::app
{

// Looks at the GUI thread from a thread of its own while that thread is late: a heartbeat sees
// a stall only once it is over, and its schedstat then says only how long the thread was
// asleep, not on what. Every kLookEveryMs, once the last beat is more than kLookAfterMs old,
// it reads the GUI thread's state, kernel wait channel and system call from /proc (no ptrace,
// no signal: the GUI thread is not disturbed), so a stall's line can say "asleep in futex
// (a lock)" or "in a page fault, waiting for the address space" or "in poll (the X server)".
// Used by the window's --measure only (Measurement.h).
class StallWatch
{
public:
    static constexpr int kLookEveryMs = 4;
    static constexpr int kLookAfterMs = 20;

    StallWatch(); // made on the GUI thread: that is the thread it watches
    ~StallWatch();
    StallWatch(const StallWatch&) = delete;
    StallWatch& operator=(const StallWatch&) = delete;

    void start();
    void beat(); // the GUI thread's heartbeat, from the GUI thread
    // What was seen since the last call, identical looks run together: "asleep in futex
    // (futex_wait_queue) x6".
    std::vector<std::string> takeSeen();

    // One look's words from /proc/<tid>/stat's state, wchan and syscall: pure, for tests.
    static std::string describe(char state, const std::string& wchan, const std::string& syscall);

private:
    void watch();
    std::string look() const;

    const pid_t m_tid;
    std::atomic<long long> m_lastBeatNs { 0 };
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::vector<std::pair<std::string, int>> m_seen; // a look and how many times in a row
    std::thread m_thread;
};

} // namespace modescope::app
