#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
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
//   cycle(n): n rounds of start, pause, reset, save session, open it; prints resident memory
//     before and after, then quits.
// The stall meter is a heartbeat timer: a tick that comes late means a busy GUI thread.
class Measurement : public QObject
{
    Q_OBJECT
public:
    explicit Measurement(modescope::ui::MainWindow& window);

    void train(int seconds, int reportEvery);
    void cycle(int rounds);

    static double residentMegabytes(); // this process, from /proc/self/statm

private:
    void beat();
    modescope::ui::TrainingController* laneController(int i) const; // 0: the window's own
    void report(bool final);
    bool waitFor(const std::function<bool()>& done, int timeoutMs);

    modescope::ui::MainWindow& m_window;
    QTimer m_heartbeat;
    QTimer m_reportTimer; // --report-every
    QElapsedTimer m_sinceBeat;
    QElapsedTimer m_wall;
    qint64 m_longestStall = 0; // since the last report
    qint64 m_longestStallEver = 0;
    long long m_startStep = 0;
    std::vector<long long> m_laneStartSteps; // each lane's step when the clock started
    long long m_lastStep = 0;
    qint64 m_lastReportMs = 0;
    qint64 m_stoppedMs = 0; // when every lane had stopped, at the end
};

} // namespace modescope::app
