// modescope: the window.
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMessageBox>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "CommandLine.h"
#include "Measurement.h"
#include "AppIdentity.h"
#include "GuardedApplication.h"
#include "ControlPanel.h"
#include "Lane.h"
#include "LaneSpec.h"
#include "MainWindow.h"
#include "TrainingController.h"
#include "modescope/Allocator.h"
#include "modescope/BlasCore.h"
#include "modescope/ConfigError.h"
#include "modescope/ComparisonFolder.h"
#include "modescope/ConfigJson.h"
#include "modescope/RunFolder.h"

namespace
{
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
// What a first start shows (no saved settings, no --preset or --open): chosen by
// sweeps/cure-seed-3mode.json and checked on fresh seeds by sweeps/cure-first-start.json
// (docs/RESULTS.md, "The cure").
constexpr const char* kFirstStartPreset = "seed-3mode";
constexpr const char* kFirstStartLanes = "gan,madgan-sim";
constexpr int kExitBadInput = 2; // a bad option, preset or session: the message says which

// --open names a comparison (its folder, or its compare.json) rather than one run.
bool isComparison(const std::string& path)
{
    return modescope::isComparisonFolder(path)
        || std::filesystem::path(path).filename() == modescope::kComparisonFile;
}

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
    modescope::ui::applyIdentity();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Watch GANs lose modes and multi-generator methods win them back.\n"
        "Exit codes: 0 closed, 2 a bad option, preset or run folder (the message names it).");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption preset("preset",
        "Preset to open (name or .json file). Default: the last settings; on a first start, "
        "gan and madgan-sim side by side on seed-3mode.",
        "name");
    QCommandLineOption open(QStringList { "open", "session" },
        "Run folder (a saved session, or a modescope-train run) or comparison folder "
        "(compare.json) to open and resume.",
        "folder");
    QCommandLineOption compareOption("compare",
        "Lanes side by side on the same target and seed, one per method, a method optionally "
        "with its k: e.g. gan,madgan,madgan-sim:8 (1 to 4 lanes).",
        "methods");
    QCommandLineOption measureOption("measure",
        "Train for this many seconds with the window plotting, print steps/s, resident memory "
        "and the GUI thread's longest stall, then quit.",
        "seconds");
    QCommandLineOption reportOption("report-every",
        "With --measure: also print one JSON line every this many seconds (bench/soak.sh).",
        "seconds");
    QCommandLineOption cyclesOption("cycles",
        "Run this many rounds of start, pause, reset, save session and open it, print resident "
        "memory before and after, then quit (bench/soak.sh).",
        "rounds");
    parser.addOptions({ preset, open, compareOption, measureOption, reportOption, cyclesOption });
    // Dialogs need a person: none under --measure or on the offscreen platform (tests, CI).
    bool dialogs = QGuiApplication::platformName() != "offscreen";
    if (!parser.parse(QCoreApplication::arguments()))
        return refuse(parser.errorText() + " (see --help)", dialogs);
    const bool measuring = parser.isSet(measureOption) || parser.isSet(cyclesOption);
    dialogs = dialogs && !measuring;
    if (parser.isSet("help"))
        parser.showHelp(kExitOk);
    if (parser.isSet("version"))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        return refuse(
            "unexpected argument \"" + parser.positionalArguments().first() + "\" (see --help)",
            dialogs);
    int measureSeconds = 0;
    int reportEvery = 0;
    int cycles = 0;
    try {
        using modescope::app::wholeArgument;
        if (parser.isSet(measureOption))
            measureSeconds = static_cast<int>(
                wholeArgument("--measure", parser.value(measureOption).toStdString(), 1, 86400));
        if (parser.isSet(reportOption))
            reportEvery = static_cast<int>(
                wholeArgument("--report-every", parser.value(reportOption).toStdString(), 1, 3600));
        if (parser.isSet(cyclesOption))
            cycles = static_cast<int>(
                wholeArgument("--cycles", parser.value(cyclesOption).toStdString(), 1, 100000));
    } catch (const modescope::ConfigError& e) {
        return refuse(QString::fromStdString(e.what()), dialogs);
    }

    if (openFolder && parser.isSet(preset))
        return refuse(
            "--preset: cannot be given with --open (the run folder holds its settings)", dialogs);
    if (openFolder && parser.isSet(compareOption))
        return refuse("--compare: cannot be given with --open (a run folder opens as one lane, a "
                      "comparison folder as its lanes)",
            dialogs);
    std::vector<modescope::ui::LaneSpec> lanes;
    try {
        if (parser.isSet(compareOption))
            lanes = modescope::ui::parseLaneSpecs(parser.value(compareOption).toStdString());
    } catch (const modescope::ConfigError& e) {
        return refuse(QString::fromStdString(e.what()), dialogs);
    }
    // Everything named on the command line is read before the window opens: a bad one exits 2.
    std::optional<modescope::TrainConfig> presetConfig;
    try {
        if (openFolder && isComparison(*openFolder))
            modescope::readComparisonFolder(*openFolder);
        else if (openFolder)
            modescope::readRunFolder(*openFolder);
        else if (parser.isSet(preset))
            presetConfig = modescope::loadPreset(
                parser.value(preset).toStdString(), modescope::defaultPresetDirs());
    } catch (const modescope::ConfigError& e) {
        return refuse(QString::fromStdString(e.what()), dialogs);
    }

    modescope::ui::MainWindow window;
    window.setQuiet(!dialogs);
    if (!measuring) // a measurement keeps the default layout: figures compare across machines
        window.restoreLayout();
    QObject::connect(&app, &modescope::ui::GuardedApplication::exceptionCaught, &window,
        [&window](const QString& message) { window.reportFailure(message); });
    if (openFolder) {
        // The checkpoints load on the lanes' worker threads: wait for every one, so a damaged
        // one (in any lane of a comparison) exits 2.
        QEventLoop wait;
        QString failure;
        window.openSession(QString::fromStdString(*openFolder)); // makes a comparison's lanes
        int pending = window.laneCount();
        for (int i = 0; i < window.laneCount(); ++i) {
            modescope::ui::TrainingController* lane
                = i == 0 ? window.controller() : window.lane(i)->controller();
            QObject::connect(
                lane, &modescope::ui::TrainingController::sessionOpened, &wait, [&wait, &pending] {
                    if (--pending == 0)
                        wait.quit();
                });
            QObject::connect(lane, &modescope::ui::TrainingController::failed, &wait,
                [&wait, &failure](const QString& message) {
                    failure = message;
                    wait.quit();
                });
        }
        wait.exec();
        if (!failure.isEmpty())
            return refuse(failure, dialogs);
    } else {
        // The run to start, started once: networks are built for it and for nothing else.
        std::optional<modescope::TrainConfig> start = presetConfig;
        bool saved = false;
        if (!start && !measuring) {
            start = window.savedRun();
            saved = start.has_value();
        }
        // No saved settings (a measurement never reads them, so its figures compare across
        // machines): what a newcomer sees, so `--measure` alone measures the first start.
        const bool firstStart = !start;
        try { // the installed presets; one that is missing is an installation to repair
            if (firstStart)
                start = modescope::loadPreset(kFirstStartPreset, modescope::defaultPresetDirs());
        } catch (const modescope::ConfigError& e) {
            return refuse(QString::fromStdString(e.what()), dialogs);
        }
        if (firstStart) { // no saved settings (or unreadable ones)
            // The comparison that makes the point (docs/RESULTS.md, "The cure"): on seed-3mode
            // the plain GAN misses modes and MAD-GAN-Sim covers all three, on any seed, well
            // within a minute; two lanes, so each has a core of a two-core machine.
            if (lanes.empty())
                lanes = modescope::ui::parseLaneSpecs(kFirstStartLanes);
        }
        if (saved && lanes.empty()) { // the last run with the lanes it had
            window.startSavedRun(*start);
        } else {
            if (!lanes.empty()) // the first lane is the window's own run
                window.setCompare(lanes);
            window.startConfig(lanes.empty() ? *start : lanes.front().applyTo(*start));
        }
        if (firstStart) // after the start: a start (a Reset) closes the line of the runs before
            window.showHint(QObject::tr(
                "First start: a plain GAN (top) and MAD-GAN-Sim on the same three modes. Press "
                "Space: within a minute the GAN misses modes while MAD-GAN-Sim's three generators "
                "take one mode each (the titles count the modes covered and say since when). F1 "
                "explains the plots; Settings changes the target or the method."));
    }
    window.show();
    window.activateWindow(); // keyboard focus at once, also on a bare X server with no WM
    auto* measurement = new modescope::app::Measurement(window);
    if (measureSeconds > 0)
        measurement->train(measureSeconds, reportEvery);
    else if (cycles > 0)
        measurement->cycle(cycles);
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
    // Two busy threads (GUI, worker) with an arena each: keep little freed memory (Allocator.h).
    constexpr std::size_t kKeepFreeBytes = std::size_t(32) << 20;
    modescope::keepFreedMemoryForReuse(kKeepFreeBytes);
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
