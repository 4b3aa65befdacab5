#include "window/StallWatch.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include <sys/syscall.h>
#include <unistd.h>

namespace modescope::app
{

namespace
{
long long nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::string readWhole(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The system calls a GUI thread may sleep in, by their x86-64 numbers (others are numbered).
std::string syscallName(long number)
{
    static const std::map<long, std::string> names {
        { 0, "read" },
        { 1, "write" },
        { 7, "poll" },
        { 9, "mmap" },
        { 10, "mprotect" },
        { 11, "munmap" },
        { 19, "readv" },
        { 20, "writev" },
        { 28, "madvise" },
        { 35, "nanosleep" },
        { 46, "sendmsg" },
        { 47, "recvmsg" },
        { 202, "futex" },
        { 230, "clock_nanosleep" },
        { 232, "epoll_wait" },
        { 271, "ppoll" },
        { 281, "epoll_pwait" },
    };
    const auto found = names.find(number);
    return found != names.end() ? found->second : "syscall " + std::to_string(number);
}
} // namespace

StallWatch::StallWatch()
    : m_tid(static_cast<pid_t>(::syscall(SYS_gettid)))
{
}

StallWatch::~StallWatch()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void StallWatch::start()
{
    m_lastBeatNs = nowNs();
    if (!m_thread.joinable())
        m_thread = std::thread([this] { watch(); });
}

void StallWatch::beat()
{
    m_lastBeatNs.store(nowNs(), std::memory_order_relaxed);
}

std::vector<std::string> StallWatch::takeSeen()
{
    std::vector<std::pair<std::string, int>> seen;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        seen.swap(m_seen);
    }
    std::vector<std::string> words;
    for (const auto& [what, times] : seen)
        words.push_back(times > 1 ? what + " x" + std::to_string(times) : what);
    return words;
}

std::string StallWatch::describe(char state, const std::string& wchan, const std::string& syscall)
{
    // /proc/<tid>/syscall: "running", or "-1 sp pc" (in the kernel but not in a system call: a
    // page fault or an interrupt), or "<number> <args...>".
    std::string in;
    if (syscall.rfind("running", 0) == 0)
        in = "running";
    else {
        long number = -2;
        std::sscanf(syscall.c_str(), "%ld", &number);
        in = number == -1 ? "not in a system call (a page fault?)"
            : number >= 0 ? "in " + syscallName(number)
                          : "unknown";
    }
    const std::string how = state == 'R' ? "on a core or waiting for one"
        : state == 'S'                   ? "asleep"
        : state == 'D'                   ? "asleep, uninterruptible"
                                         : std::string("state ") + state;
    const bool waits = !wchan.empty() && wchan != "0";
    return how + ", " + in + (waits ? " (" + wchan + ")" : "");
}

std::string StallWatch::look() const
{
    const std::string task = "/proc/self/task/" + std::to_string(m_tid) + "/";
    // stat: "tid (name) S ...": the state follows the last ')' (a name may hold one).
    const std::string stat = readWhole(task + "stat");
    const auto close = stat.rfind(')');
    const char state
        = close != std::string::npos && close + 2 < stat.size() ? stat[close + 2] : '?';
    return describe(state, readWhole(task + "wchan"), readWhole(task + "syscall"));
}

void StallWatch::watch()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_wake.wait_for(
        lock, std::chrono::milliseconds(kLookEveryMs), [this] { return m_stop; })) {
        const long long lateNs = nowNs() - m_lastBeatNs.load(std::memory_order_relaxed);
        if (lateNs < kLookAfterMs * 1000000LL)
            continue;
        lock.unlock();
        const std::string seen = look();
        lock.lock();
        if (!m_seen.empty() && m_seen.back().first == seen)
            ++m_seen.back().second;
        else if (m_seen.size() < 32)
            m_seen.emplace_back(seen, 1);
    }
}

} // namespace modescope::app
