// modescope: the window.
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMessageBox>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "CommandLine.h"
#include "GuardedApplication.h"
#include "MainWindow.h"
#include "TrainingController.h"
#include "modescope/BlasCore.h"
#include "modescope/ConfigError.h"
#include "modescope/ConfigJson.h"
#include "modescope/RunFolder.h"

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

// The option that opens a run folder. Qt's X11 platform takes -session/--session (session
// management) out of argv, with its value, before QCommandLineParser sees it; so the folder
// option is taken out of argv here first, under its name --open and under the old --session.
// Returns the folder, or an empty optional; throws ConfigError when the option has no value.
std::optional<std::string> takeOpenOption(int& argc, char** argv)
{
    std::optional<std::string> folder;
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        std::string name = arg;
        std::optional<std::string> value;
        if (const auto eq = arg.find('='); eq != std::string::npos) {
            name = arg.substr(0, eq);
            value = arg.substr(eq + 1);
        }
        if (name != "--open" && name != "--session" && name != "-session") {
            argv[kept++] = argv[i];
            continue;
        }
        if (!value) {
            if (i + 1 >= argc)
                throw modescope::ConfigError(name + ": needs a run folder");
            value = argv[++i];
        }
        if (value->empty())
            throw modescope::ConfigError(name + ": needs a run folder, got an empty value");
        folder = *value;
    }
    argc = kept;
    argv[argc] = nullptr;
    return folder;
}

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 2; // a bad option, preset or session: the message says which

// A start-up refusal: on stderr, and in a dialog when a person is looking at the window.
int refuse(const QString& message, bool dialog)
{
    std::fprintf(stderr, "modescope: %s\n", qPrintable(message));
    if (dialog)
        QMessageBox::critical(nullptr, "ModeScope", message);
    return kExitBadInput;
}

int runWindow(int& argc, char** argv)
{
    std::optional<std::string> openFolder;
    try {
        openFolder = takeOpenOption(argc, argv);
    } catch (const modescope::ConfigError& e) {
        std::fprintf(stderr, "modescope: %s\n", e.what());
        return kExitBadInput;
    }
    modescope::ui::GuardedApplication app(argc, argv);
    QApplication::setApplicationName("ModeScope");
    QApplication::setOrganizationName("ModeScope");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Watch GANs lose modes and multi-generator methods win them back.\n"
        "Exit codes: 0 closed, 2 a bad option, preset or run folder (the message names it).");
    parser.addHelpOption();
    QCommandLineOption preset("preset",
        "Preset to open (name or .json file). Default: the last settings, else paper-1d.", "name");
    QCommandLineOption open(QStringList { "open", "session" },
        "Run folder (a saved session, or a modescope-train run) to open and resume.", "folder");
    QCommandLineOption measureOption("measure",
        "Train for this many seconds with the window plotting, print steps/s and the GUI "
        "thread's longest stall, then quit.",
        "seconds");
    parser.addOptions({ preset, open, measureOption });
    // Dialogs need a person: none under --measure or on the offscreen platform (tests, CI).
    bool dialogs = QGuiApplication::platformName() != "offscreen";
    if (!parser.parse(QCoreApplication::arguments()))
        return refuse(parser.errorText() + " (see --help)", dialogs);
    const bool measuring = parser.isSet(measureOption);
    dialogs = dialogs && !measuring;
    if (parser.isSet("help"))
        parser.showHelp(kExitOk);
    if (!parser.positionalArguments().isEmpty())
        return refuse("unexpected argument \"" + parser.positionalArguments().first()
                + "\" (see --help)",
            dialogs);
    int measureSeconds = 0;
    if (measuring) {
        try {
            measureSeconds = static_cast<int>(modescope::app::wholeArgument(
                "--measure", parser.value(measureOption).toStdString(), 1, 86400));
        } catch (const modescope::ConfigError& e) {
            return refuse(QString::fromStdString(e.what()), dialogs);
        }
    }

    // Everything named on the command line is read before the window opens: a bad one exits 2.
    std::optional<modescope::TrainConfig> presetConfig;
    try {
        if (openFolder)
            modescope::readRunFolder(*openFolder);
        else if (parser.isSet(preset))
            presetConfig = modescope::loadPreset(
                parser.value(preset).toStdString(), modescope::defaultPresetDirs());
    } catch (const modescope::ConfigError& e) {
        return refuse(QString::fromStdString(e.what()), dialogs);
    }

    modescope::ui::MainWindow window;
    window.setQuiet(!dialogs);
    QObject::connect(&app, &modescope::ui::GuardedApplication::exceptionCaught, &window,
        [&window](const QString& message) { window.reportFailure(message); });
    if (openFolder) {
        // The checkpoint loads on the worker thread: wait for it, so a damaged one exits 2.
        QEventLoop wait;
        QString failure;
        QObject::connect(&window, &modescope::ui::MainWindow::sessionOpened, &wait, &QEventLoop::quit);
        QObject::connect(window.controller(), &modescope::ui::TrainingController::failed, &wait,
            [&wait, &failure](const QString& message) {
                failure = message;
                wait.quit();
            });
        window.openSession(QString::fromStdString(*openFolder));
        wait.exec();
        if (!failure.isEmpty())
            return refuse(failure, dialogs);
    } else if (presetConfig) {
        window.startConfig(*presetConfig);
    } else if (measuring || !window.restoreSettings()) {
        window.loadPreset("paper-1d");
    }
    window.show();
    window.activateWindow(); // keyboard focus at once, also on a bare X server with no WM
    if (measuring)
        measure(window, measureSeconds);
    return QApplication::exec();
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
    // Nothing escapes main: what the event loop's guard did not catch ends here, reported.
    try {
        return runWindow(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "modescope: unexpected failure: %s\n", e.what());
    } catch (...) {
        std::fprintf(stderr, "modescope: unexpected failure\n");
    }
    return 1;
}
