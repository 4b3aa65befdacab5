#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace modescope
{

// What took long, and when: a small process-wide record that any thread adds to (the trim that
// returns freed memory, the window's redraws and history) and that a stall meter reads after
// the fact (the window's --measure), to say what was going on while the GUI thread was late.
// A heartbeat only sees a stall once it is over; the work that overlapped it is what it names.
// Only work over kNoteOverMs is kept, the newest kCapacity pieces: cheap enough to leave on.
struct SlowWorkPiece {
    std::string what;
    std::chrono::steady_clock::time_point start;
    std::chrono::steady_clock::time_point end;
    double milliseconds() const;
};

class SlowWork
{
public:
    static constexpr double kNoteOverMs = 10.0;
    static constexpr std::size_t kCapacity = 256;

    // Kept when end - start is over kNoteOverMs. Safe from any thread.
    static void note(const char* what, std::chrono::steady_clock::time_point start,
        std::chrono::steady_clock::time_point end);
    // The kept pieces that overlap [from, to], oldest first.
    static std::vector<SlowWorkPiece> overlapping(
        std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to);
    static void clear(); // for tests
};

// Notes the work of its own lifetime: `TimedWork timed("lane 1: redraw");` at the top of a
// function. `what` must outlive the object (a string literal, or a string the caller keeps).
class TimedWork
{
public:
    explicit TimedWork(const char* what)
        : m_what(what)
        , m_start(std::chrono::steady_clock::now())
    {
    }
    ~TimedWork() { SlowWork::note(m_what, m_start, std::chrono::steady_clock::now()); }
    TimedWork(const TimedWork&) = delete;
    TimedWork& operator=(const TimedWork&) = delete;

private:
    const char* m_what;
    std::chrono::steady_clock::time_point m_start;
};

} // namespace modescope
