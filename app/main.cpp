// modescope: the window.
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

#include "MainWindow.h"
#include "modescope/BlasCore.h"
#include "TrainingController.h"

namespace
{
constexpr int kHeartbeatMs = 5; // the stall meter's tick: a late tick means a busy GUI thread

// --measure SECONDS: trains with the window open and plotting, then prints the training speed
// and the GUI thread's longest stall (the largest gap between heartbeat ticks) and quits.
void measure(modescope::ui::MainWindow& window, int seconds)
{
    auto* heartbeat = new QTimer(&window);
    auto* clock = new QElapsedTimer;
    auto* longest = new qint64(0);
    heartbeat->setInterval(kHeartbeatMs);
    QObject::connect(heartbeat, &QTimer::timeout, [clock, longest] {
        if (clock->isValid())
            *longest = std::max(*longest, clock->restart());
        else
            clock->start();
    });
    QTimer::singleShot(1000, &window, [&window, heartbeat, clock, longest, seconds] {
        auto* controller = window.controller();
        const long long startStep = controller->latest().iteration;
        auto* wall = new QElapsedTimer;
        wall->start();
        controller->start();
        heartbeat->start();
        QTimer::singleShot(seconds * 1000, &window, [=, &window] {
            const long long steps = controller->latest().iteration - startStep;
            std::printf("window: %lld steps in %.1f s = %.1f steps/s; GUI thread longest stall "
                        "%lld ms (heartbeat %d ms)\n",
                steps, wall->elapsed() / 1000.0, steps * 1000.0 / wall->elapsed(),
                static_cast<long long>(*longest), kHeartbeatMs);
            std::fflush(stdout);
            window.close();
            QApplication::quit();
        });
    });
}
} // namespace

int main(int argc, char** argv)
{
    modescope::restartWithBetterBlas(argv); // first: before any thread or file is opened
    // Leave one core to the GUI thread: with OpenBLAS on every core, drawing competes with
    // the products (paper-1d on two cores: 127-149 steps/s with two BLAS threads, 144-174
    // with one; the headless trainer keeps all cores). A user's OPENBLAS_NUM_THREADS stands.
    if (!std::getenv("OPENBLAS_NUM_THREADS"))
        modescope::setOpenBlasThreads(std::max(1, QThread::idealThreadCount() - 1));
    QApplication app(argc, argv);
    QApplication::setApplicationName("ModeScope");
    QApplication::setOrganizationName("ModeScope");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Watch GANs lose modes and multi-generator methods win them back.");
    parser.addHelpOption();
    QCommandLineOption preset("preset",
        "Preset to open (name or .json file). Default: the last settings, else paper-1d.", "name");
    QCommandLineOption session("session", "Session or run folder to open and resume.", "folder");
    QCommandLineOption measureOption("measure",
        "Train for this many seconds with the window plotting, print steps/s and the GUI "
        "thread's longest stall, then quit.",
        "seconds");
    parser.addOptions({ preset, session, measureOption });
    parser.process(app);

    modescope::ui::MainWindow window;
    const bool measuring = parser.isSet(measureOption);
    window.setQuiet(measuring);
    bool started = false;
    if (parser.isSet(session))
        started = window.openSession(parser.value(session));
    else if (parser.isSet(preset))
        started = window.loadPreset(parser.value(preset));
    else if (!measuring)
        started = window.restoreSettings();
    if (!started)
        window.loadPreset("paper-1d");
    window.show();
    window
        .activateWindow(); // keyboard focus at once, also on a bare X server with no window manager
    if (measuring)
        measure(window, std::max(1, parser.value(measureOption).toInt()));
    return QApplication::exec();
}
