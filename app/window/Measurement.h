#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include "window/StallWatch.h"

#include <chrono>
#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace modescope::ui
{
class MainWindow;
class TrainingController;
} // namespace modescope::ui

namespace modescope::app
{

// The window's own benchmarks (bench/gui_speed.sh, bench/soak.sh), run from the command line:
//   train(seconds, reportEvery): trains every lane with every plot drawing; every
//     `reportEvery` seconds (0: never) prints a line with the step, steps/s, resident memory and
//     the GUI thread's longest stall; at the end ONE JSON line, for one lane as for several:
//     {"preset", "lanes": [{"method", "k", "step", "steps_per_second", "modes_balanced", "hq"}],
//      "gui_longest_stall_ms", "resident_mb"}; then quits;
//     Every stall over kLogStallOverMs also prints a line at once: {"stall_ms", "at_s",
//     "gui_running_ms", "gui_waiting_for_cpu_ms", "gui_blocked_ms" (how the GUI thread spent the
//     stall, from its schedstat: working, runnable behind other threads, or asleep on a lock, a
//     page or the kernel), "machine_steal_ms" (time the hypervisor gave the cores to others),
//     "work": [{"what", "ms", "from_ms"}] (the slow work that overlapped it, SlowWork.h),
//     "gui_seen": [...] (what StallWatch saw the GUI thread in while it was late)};
//   cycle(n): n rounds of start, pause, reset, save session, open it; prints resident memory
//     before and after, then quits.
// The stall meter is a heartbeat timer: a tick that comes late means a busy GUI thread.
class Measurement : public QObject
{
    Q_OBJECT
public:
    explicit Measurement(modescope::ui::MainWindow& window);
    ~Measurement() override;
    Measurement(const Measurement&) = delete;
    Measurement& operator=(const Measurement&) = delete;

    void train(int seconds, int reportEvery);
    void cycle(int rounds);

    static double residentMegabytes(); // this process, from /proc/self/statm

private:
    void beat();
    void logStall(qint64 gapMs);
    void watchReplots(); // every plot's replot noted as SlowWork when slow
    modescope::ui::TrainingController* laneController(int i) const; // 0: the window's own
    void report(bool final);
    bool waitFor(const std::function<bool()>& done, int timeoutMs);

    modescope::ui::MainWindow& m_window;
    QTimer m_heartbeat;
    QTimer m_reportTimer; // --report-every
    QElapsedTimer m_sinceBeat;
    // The GUI thread's and the machine's clocks at the last beat, for what a stall was made of.
    struct Clocks {
        long long runningNs = 0; // the GUI thread on a core
        long long waitingNs = 0; // the GUI thread runnable, waiting for a core
        long long stealTicks = 0; // the machine's cores given to other guests (USER_HZ ticks)
        std::chrono::steady_clock::time_point at;
    };
    Clocks readClocks() const;
    Clocks m_lastBeat;
    int m_schedstat = -1; // the GUI thread's /proc/thread-self/schedstat, opened on it
    int m_stat = -1; // /proc/stat
    long long m_stealAtReport = -1;
    StallWatch m_watch;
    std::deque<std::string> m_replotWork; // the plots' names, as SlowWork keeps pointers
    QElapsedTimer m_wall;
    qint64 m_longestStall = 0; // since the last report
    qint64 m_longestStallEver = 0;
    long long m_startStep = 0;
    std::vector<long long> m_laneStartSteps; // each lane's step when the clock started
    long long m_lastStep = 0;
    qint64 m_lastReportMs = 0;
    qint64 m_stoppedMs = 0; // when every lane had stopped, at the end
    int m_lanesWithoutFinalStep = 0; // lanes whose pause snapshot had not come (train())
};

} // namespace modescope::app
