#include "window/Measurement.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QThread>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include <cstdio>
#include <fcntl.h>
#include <memory>
#include <unistd.h>
#include <vector>

#include "modescope/machine/Allocator.h"
#include "modescope/machine/SlowWork.h"
#include "panels/ControlPanel.h"
#include "plots/DensityPlot.h"
#include "training/Lane.h"
#include "training/LaneSet.h"
#include "training/TrainingController.h"
#include "window/MainWindow.h"

namespace modescope::app
{

namespace
{
constexpr int kHeartbeatMs = 5; // the stall meter's tick
constexpr qint64 kLogStallOverMs = 50; // the GUI's promise: a stall past it is logged at once
constexpr int kSettleMs = 1000; // the window draws its first frames before the clock starts
constexpr int kCycleTrainMs = 300; // training in each start/pause round
constexpr int kStopWaitMs = 10000; // at the end: for the lanes to stop and send their step
constexpr int kCycleTimeoutMs = 60000; // a save or an open that takes longer is a failure

double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}
} // namespace

modescope::ui::TrainingController* Measurement::laneController(int i) const
{
    return m_window.lane(i)->controller();
}

Measurement::Measurement(modescope::ui::MainWindow& window)
    : QObject(&window)
    , m_window(window)
{
    m_heartbeat.setInterval(kHeartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &Measurement::beat);
    // Made on the GUI thread: thread-self is that thread. Read at every beat (~5 us together).
    m_schedstat = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
    m_stat = ::open("/proc/stat", O_RDONLY | O_CLOEXEC);
}

Measurement::~Measurement()
{
    if (m_schedstat >= 0)
        ::close(m_schedstat);
    if (m_stat >= 0)
        ::close(m_stat);
}

Measurement::Clocks Measurement::readClocks() const
{
    Clocks clocks;
    clocks.at = std::chrono::steady_clock::now();
    char text[256];
    // schedstat: "<ns on a core> <ns runnable, waiting for one> <timeslices>".
    if (m_schedstat >= 0) {
        const ssize_t n = ::pread(m_schedstat, text, sizeof text - 1, 0);
        if (n > 0) {
            text[n] = '\0';
            std::sscanf(text, "%lld %lld", &clocks.runningNs, &clocks.waitingNs);
        }
    }
    // The first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ...".
    if (m_stat >= 0) {
        const ssize_t n = ::pread(m_stat, text, sizeof text - 1, 0);
        if (n > 0) {
            text[n] = '\0';
            long long skip = 0;
            std::sscanf(text, "cpu %lld %lld %lld %lld %lld %lld %lld %lld", &skip, &skip, &skip,
                &skip, &skip, &skip, &skip, &clocks.stealTicks);
        }
    }
    return clocks;
}

void Measurement::watchReplots()
{
    for (QCustomPlot* plot : m_window.findChildren<QCustomPlot*>()) {
        std::string name = plot->metaObject()->className();
        for (int i = 0; i < m_window.laneCount(); ++i)
            if (plot == m_window.lane(i)->plot())
                name = "lane " + std::to_string(i) + ": density";
        m_replotWork.push_back(name + " replot");
        const char* what = m_replotWork.back().c_str();
        auto start = std::make_shared<std::chrono::steady_clock::time_point>();
        connect(plot, &QCustomPlot::beforeReplot, this,
            [start] { *start = std::chrono::steady_clock::now(); });
        connect(plot, &QCustomPlot::afterReplot, this,
            [start, what] { SlowWork::note(what, *start, std::chrono::steady_clock::now()); });
    }
}

void Measurement::logStall(qint64 gapMs)
{
    const Clocks now = readClocks();
    const double runningMs = (now.runningNs - m_lastBeat.runningNs) / 1e6;
    const double waitingMs = (now.waitingNs - m_lastBeat.waitingNs) / 1e6;
    const double tickMs = 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
    QStringList seen;
    for (const std::string& look : m_watch.takeSeen())
        seen << QString::fromStdString(look);
    QJsonArray work;
    for (const SlowWorkPiece& piece : SlowWork::overlapping(m_lastBeat.at, now.at))
        work.append(QJsonObject {
            { "what", QString::fromStdString(piece.what) },
            { "ms", rounded(piece.milliseconds(), 1) },
            // When it began, from the stall's start (negative: before the stall).
            { "from_ms",
                rounded(
                    std::chrono::duration<double, std::milli>(piece.start - m_lastBeat.at).count(),
                    1) },
        });
    const QJsonObject line {
        { "stall_ms", gapMs },
        { "at_s", rounded(m_wall.isValid() ? m_wall.elapsed() / 1000.0 : 0.0, 1) },
        { "gui_running_ms", rounded(runningMs, 1) },
        { "gui_waiting_for_cpu_ms", rounded(waitingMs, 1) },
        { "gui_blocked_ms", rounded(std::max(0.0, gapMs - runningMs - waitingMs), 1) },
        { "machine_steal_ms", rounded((now.stealTicks - m_lastBeat.stealTicks) * tickMs, 0) },
        { "work", work },
        { "gui_seen", QJsonArray::fromStringList(seen) },
    };
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

double Measurement::residentMegabytes()
{
    return static_cast<double>(residentBytes()) / (1024.0 * 1024.0);
}

void Measurement::beat()
{
    if (m_sinceBeat.isValid()) {
        const qint64 gap = m_sinceBeat.restart();
        m_longestStall = std::max(m_longestStall, gap);
        m_longestStallEver = std::max(m_longestStallEver, gap);
        if (gap > kLogStallOverMs)
            logStall(gap);
        else if (gap > StallWatch::kLookAfterMs)
            m_watch.takeSeen(); // late, within the promise: what was seen is not a stall's
    } else {
        m_sinceBeat.start();
    }
    m_lastBeat = readClocks();
    m_watch.beat();
}

void Measurement::train(int seconds, int reportEvery)
{
    QTimer::singleShot(kSettleMs, this, [this, seconds, reportEvery] {
        auto* controller = m_window.controller();
        m_startStep = m_lastStep = controller->latest().iteration;
        m_laneStartSteps.clear();
        for (int i = 0; i < m_window.laneCount(); ++i)
            m_laneStartSteps.push_back(laneController(i)->latest().iteration);
        watchReplots();
        m_wall.start();
        m_stealAtReport = readClocks().stealTicks;
        m_window.laneSet()->start();
        m_heartbeat.start();
        m_watch.start();
        if (reportEvery > 0) {
            connect(&m_reportTimer, &QTimer::timeout, this, [this] { report(false); });
            m_reportTimer.start(reportEvery * 1000);
        }
        QTimer::singleShot(seconds * 1000, this, [this] {
            m_reportTimer.stop();
            // The lanes stop (in lock-step where they meet) and say their last step: lock-step
            // takes snapshots only now and then, so the latest one may lag the training. A lane
            // that stops sends its snapshot at the step it stopped at right after it says so,
            // and an image run's takes a few hundred milliseconds: the report waits for each
            // (counting the last snapshot before it, as it once did, left out up to one
            // snapshot interval of an image run's steps: 4-7 s of 60).
            // Each lane's way to its final step: a lane stopped already (a failure) has none.
            enum class Final { None, Running, Stopped, Arrived };
            auto finals = std::make_shared<std::vector<Final>>(m_window.laneCount(), Final::None);
            std::vector<QMetaObject::Connection> links;
            for (int i = 0; i < m_window.laneCount(); ++i) {
                auto* lane = laneController(i);
                if (!lane->isRunning())
                    continue;
                Final& final = (*finals)[static_cast<size_t>(i)];
                final = Final::Running;
                links.push_back(connect(lane, &modescope::ui::TrainingController::runningChanged,
                    this, [&final](bool running) {
                        if (!running && final == Final::Running)
                            final = Final::Stopped;
                    }));
                links.push_back(connect(
                    lane, &modescope::ui::TrainingController::snapshotReady, this, [&final] {
                        if (final == Final::Stopped)
                            final = Final::Arrived;
                    }));
                // A lane that fails as it stops (its worker stopped itself, or its pause
                // snapshot threw) sends no snapshot: its last one is all there is.
                links.push_back(connect(lane, &modescope::ui::TrainingController::failed, this,
                    [&final] { final = Final::Arrived; }));
            }
            m_window.laneSet()->pause();
            waitFor(
                [this] {
                    if (m_window.laneSet()->isRunning())
                        return false;
                    for (int i = 0; i < m_window.laneCount(); ++i)
                        if (laneController(i)->isRunning())
                            return false;
                    return true;
                },
                kStopWaitMs);
            m_stoppedMs = m_wall.elapsed();
            const auto waiting = [finals] {
                return std::count_if(finals->begin(), finals->end(),
                    [](Final f) { return f == Final::Running || f == Final::Stopped; });
            };
            waitFor([&waiting] { return waiting() == 0; }, kStopWaitMs);
            for (const QMetaObject::Connection& link : links)
                disconnect(link);
            m_lanesWithoutFinalStep = static_cast<int>(waiting());
            report(true);
            m_window.close();
            QApplication::quit();
        });
    });
}

void Measurement::report(bool final)
{
    const long long step = m_window.controller()->latest().iteration;
    const qint64 now = final && m_stoppedMs > 0 ? m_stoppedMs : m_wall.elapsed();
    if (final) {
        // Built by QJsonDocument: numbers in JSON's own form whatever the user's locale.
        QJsonArray lanes;
        for (int i = 0; i < m_window.laneCount(); ++i) {
            const Snapshot& latest = laneController(i)->latest();
            const TrainConfig& config = m_window.lane(i)->running();
            const double seconds = now / 1000.0;
            lanes.append(QJsonObject {
                { "method", QString::fromStdString(toString(config.method)) },
                { "k", config.effectiveGenerators() },
                { "step", latest.iteration },
                { "steps_per_second",
                    rounded(
                        (latest.iteration - m_laneStartSteps.at(static_cast<size_t>(i))) / seconds,
                        1) },
                { "modes_balanced", latest.metrics.modesBalanced },
                { "hq", rounded(latest.metrics.hqFraction, 4) },
            });
        }
        const QJsonObject line {
            { "preset", QString::fromStdString(m_window.runningConfig().presetName) },
            { "lanes", lanes },
            { "hint", m_window.hint() }, // the line over the lanes ("First start: ..."), if shown
            { "seconds", rounded(now / 1000.0, 1) },
            { "gui_longest_stall_ms", static_cast<qint64>(m_longestStallEver) },
            { "heartbeat_ms", kHeartbeatMs },
            { "resident_mb", rounded(residentMegabytes(), 0) },
            // Lanes whose snapshot at the step they stopped at had not come after 10 s: their
            // steps/s counts only to their last snapshot (0 when the figures are whole).
            { "lanes_without_final_step", m_lanesWithoutFinalStep },
        };
        std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    } else {
        const qint64 span = std::max<qint64>(1, now - m_lastReportMs);
        const long long steal = readClocks().stealTicks;
        const double tickMs = 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
        std::printf("{\"seconds\": %.0f, \"step\": %lld, \"steps_per_second\": %.1f, "
                    "\"resident_mb\": %.1f, \"longest_stall_ms\": %lld, "
                    "\"machine_steal_ms\": %.0f}\n",
            now / 1000.0, step, (step - m_lastStep) * 1000.0 / span, residentMegabytes(),
            static_cast<long long>(m_longestStall),
            m_stealAtReport < 0 ? 0.0 : (steal - m_stealAtReport) * tickMs);
        m_stealAtReport = steal;
    }
    std::fflush(stdout);
    m_lastStep = step;
    m_lastReportMs = now;
    m_longestStall = 0;
}

bool Measurement::waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(5);
    }
    return true;
}

void Measurement::cycle(int rounds)
{
    QTimer::singleShot(kSettleMs, this, [this, rounds] {
        QTemporaryDir dir;
        auto* controller = m_window.controller();
        bool opened = false;
        bool saved = false;
        // These capture locals: they are disconnected before the locals go.
        const QMetaObject::Connection onOpened = connect(
            &m_window, &modescope::ui::MainWindow::sessionOpened, this, [&] { opened = true; });
        const QMetaObject::Connection onSaved = connect(
            &m_window, &modescope::ui::MainWindow::exportFinished, this, [&] { saved = true; });
        const double before = residentMegabytes();
        int done = 0;
        for (; done < rounds; ++done) {
            controller->start();
            QElapsedTimer training;
            training.start();
            waitFor([&] { return training.elapsed() > kCycleTrainMs; }, kCycleTimeoutMs);
            controller->pause();
            if (!waitFor(
                    [&] { return !controller->isRunning() && controller->latest().iteration > 0; },
                    kCycleTimeoutMs))
                break;
            m_window.startConfig(m_window.panel()->config()); // Reset
            if (!waitFor([&] { return controller->latest().iteration == 0; }, kCycleTimeoutMs))
                break;
            controller->stepOnce();
            const QString folder = dir.filePath(QString::number(done));
            saved = opened = false;
            m_window.saveSession(folder);
            if (!waitFor([&] { return saved; }, kCycleTimeoutMs) || !m_window.openSession(folder)
                || !waitFor([&] { return opened; }, kCycleTimeoutMs))
                break;
        }
        disconnect(onOpened);
        disconnect(onSaved);
        std::printf("cycles: %d of %d rounds of start, pause, reset, save, open; resident "
                    "%.0f MB before, %.0f MB after\n",
            done, rounds, before, residentMegabytes());
        std::fflush(stdout);
        m_window.close();
        QApplication::exit(done == rounds ? 0 : 1);
    });
}

} // namespace modescope::app
