#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

namespace modescope::ui
{
class MainWindow;
}

namespace modescope::app
{

// The window's own benchmarks (bench/gui_speed.sh, bench/soak.sh), run from the command line:
//   train(seconds, reportEvery): trains with every plot drawing; every `reportEvery` seconds
//     (0: never) and at the end prints one line with the step, steps/s, resident memory and the
//     GUI thread's longest stall, then quits;
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
    long long m_lastStep = 0;
    qint64 m_lastReportMs = 0;
};

} // namespace modescope::app
