// modescope: the window.
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMessageBox>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "export/ExportDialog.h"
#include "export/FigureSize.h"
#include "panels/ControlPanel.h"
#include "shared/CommandLine.h"
#include "shared/ExitCodes.h"
#include "training/Lane.h"
#include "training/LaneSpec.h"
#include "training/TrainingController.h"
#include "window/AppIdentity.h"
#include "window/GuardedApplication.h"
#include "window/MainWindow.h"
#include "window/Measurement.h"
#include "modescope/config/ConfigError.h"
#include "modescope/config/ConfigJson.h"
#include "modescope/io/ComparisonFolder.h"
#include "modescope/io/RunFolder.h"
#include "modescope/machine/Allocator.h"
#include "modescope/machine/BlasCore.h"
#include "modescope/machine/TorchThreads.h"

namespace
{

using namespace modescope::app; // the exit codes (shared/ExitCodes.h)

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

// What a first start shows (no saved settings, no --preset or --open): chosen by
// sweeps/cure-seed-3mode.json and checked on fresh seeds by sweeps/cure-first-start.json
// (docs/RESULTS.md, "The cure").
constexpr const char* kFirstStartPreset = "seed-3mode";
constexpr const char* kFirstStartLanes = "gan,madgan-sim";

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

// One BLAS thread pool serves every run's training thread: the cores but one (the GUI's), split
// between the runs so they do not fight (with OpenBLAS on every core drawing competes with the
// products: paper-1d on two cores, 127-149 steps/s with two BLAS threads, 144-174 with one; the
// headless trainer keeps all cores). Image runs take every core: the GUI thread draws them at
// 2% of a core while one BLAS thread keeps the training thread at 100% of the other
// (docs/PERFORMANCE.md, Images). A user's OPENBLAS_NUM_THREADS stands.
void shareBlasThreads(int runs, bool images)
{
    const int cores = std::max(1, QThread::idealThreadCount() - (images ? 0 : 1));
    if (!std::getenv("OPENBLAS_NUM_THREADS"))
        modescope::setOpenBlasThreads(std::max(1, cores / std::max(1, runs)));
}

// What --export writes (figures, side plots, the sample strip; no run data: the folder opened
// is the run) at the size, DPI and font the options give. Throws ConfigError naming the option.
modescope::ui::ExportRequest exportRequest(
    const QString& folder, const QString& size, const QString& dpi, const QString& fontPt)
{
    using modescope::app::wholeArgument;
    modescope::ui::ExportRequest r;
    r.folder = folder;
    r.runData = false;
    r.video = false;
    if (!size.isEmpty())
        r.figure = modescope::ui::withSize(r.figure, size);
    if (!dpi.isEmpty())
        r.figure.dpi = static_cast<int>(wholeArgument(
            "--dpi", dpi.toStdString(), modescope::ui::kMinDpi, modescope::ui::kMaxDpi));
    if (!fontPt.isEmpty())
        r.figure.fontPt = static_cast<int>(wholeArgument("--font-pt", fontPt.toStdString(),
            modescope::ui::kMinFontPt, modescope::ui::kMaxFontPt));
    // Refused here, as bad input, what the Export dialog would refuse for the PNG.
    if (r.figure.pixels() > modescope::ui::kMaxFigurePixels)
        throw modescope::ConfigError("--size and --dpi: " + std::to_string(r.figure.widthPx())
            + " x " + std::to_string(r.figure.heightPx()) + " px is more than "
            + std::to_string(static_cast<int>(modescope::ui::kMaxFigurePixels / 1e6))
            + " million pixels; choose a lower --dpi or a smaller --size");
    return r;
}

// Exports the opened run (or comparison) and reports: the files written on stdout, 0; or what
// failed on stderr, 4.
int exportFigures(modescope::ui::MainWindow& window, const modescope::ui::ExportRequest& request)
{
    QEventLoop wait;
    QStringList written;
    QStringList errors;
    bool finished = false;
    QObject::connect(&window, &modescope::ui::MainWindow::exportFinished, &wait,
        [&](const QString&, const QStringList& files, const QStringList& failures) {
            written = files;
            errors = failures;
            finished = true;
            wait.quit();
        });
    window.exportTo(request);
    if (!finished)
        wait.exec();
    for (const QString& file : written)
        std::printf("%s\n", qPrintable(file));
    for (const QString& error : errors)
        std::fprintf(stderr, "modescope: %s\n", qPrintable(error));
    return errors.isEmpty() ? kExitOk : kExitIoFailure;
}

// The platform an export draws on: no window is shown, so no display is needed.
void drawOffscreenWhenExporting(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i)
        if (std::strncmp(argv[i], "--export", 8) == 0 && !std::getenv("QT_QPA_PLATFORM"))
            setenv("QT_QPA_PLATFORM", "offscreen", 1);
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
    drawOffscreenWhenExporting(argc, argv);
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
    QCommandLineOption exportOption("export",
        "With --open: write the run's (or comparison's) figures, side plots and sample strip "
        "into this folder as the Export dialog does (PNG, PDF, SVG), without a window, then "
        "quit: 0 written, 2 a bad option or folder, 4 a file could not be written.",
        "folder");
    QCommandLineOption sizeOption("size",
        "With --export: one-column (8.5 x 6 cm), full-width (17 x 9 cm), slide (25.4 x 14.3 "
        "cm) or WxHcm, e.g. 12x8cm. Default: full-width.",
        "size");
    QCommandLineOption dpiOption("dpi", "With --export: PNG pixels per inch (50-1200; 300).", "N");
    QCommandLineOption fontOption(
        "font-pt", "With --export: the figures' text size in points (5-36; 9).", "N");
    parser.addOptions({ preset, open, compareOption, measureOption, reportOption, cyclesOption,
        exportOption, sizeOption, dpiOption, fontOption });
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
    const bool exporting = parser.isSet(exportOption);
    modescope::ui::ExportRequest figures; // what --export writes
    try {
        for (const QCommandLineOption* option :
            { &exportOption, &sizeOption, &dpiOption, &fontOption })
            if (parser.isSet(*option) && parser.value(*option).isEmpty())
                throw modescope::ConfigError(
                    "--" + option->names().first().toStdString() + ": needs a value, got none");
        figures = exportRequest(parser.value(exportOption), parser.value(sizeOption),
            parser.value(dpiOption), parser.value(fontOption)); // "" where not given
    } catch (const modescope::ConfigError& e) {
        return refuse(QString::fromStdString(e.what()), dialogs);
    }
    if (exporting && !openFolder)
        return refuse("--export: needs --open RUN_OR_COMPARISON_FOLDER (the run to draw)", dialogs);
    if (exporting && (measuring || parser.isSet(compareOption)))
        return refuse("--export: cannot be given with --measure, --cycles or --compare", dialogs);
    dialogs = dialogs && !exporting;

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
    QObject::connect(&window, &modescope::ui::MainWindow::runsChanged, &shareBlasThreads);
    window.setQuiet(!dialogs);
    // A measurement or an export keeps the default layout: figures compare across machines.
    if (!measuring && !exporting)
        window.restoreLayout();
    QObject::connect(&app, &modescope::ui::GuardedApplication::exceptionCaught, &window,
        [&window](const QString& message) { window.reportFailure(message); });
    if (openFolder) {
        // The checkpoints load on the lanes' worker threads: wait for every one, so a damaged
        // one (in any lane of a comparison) exits 2.
        // Each lane's first snapshot follows its sessionOpened: an export draws them.
        QEventLoop wait;
        QString failure;
        window.openSession(QString::fromStdString(*openFolder)); // makes a comparison's lanes
        int pending = 2 * window.laneCount();
        for (int i = 0; i < window.laneCount(); ++i) {
            modescope::ui::TrainingController* lane = window.lane(i)->controller();
            const auto arrived = [&wait, &pending] {
                if (--pending == 0)
                    wait.quit();
            };
            auto opened = std::make_shared<bool>(false); // then its next snapshot is the run's
            auto drawn = std::make_shared<bool>(false);
            QObject::connect(
                lane, &modescope::ui::TrainingController::sessionOpened, &wait, [arrived, opened] {
                    *opened = true;
                    arrived();
                });
            QObject::connect(lane, &modescope::ui::TrainingController::snapshotReady, &wait,
                [arrived, opened, drawn] {
                    if (*opened && !std::exchange(*drawn, true))
                        arrived();
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
        if (exporting)
            return exportFigures(window, figures);
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
        bool firstStartLanes = false; // the first start's own two lanes, which its hint describes
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
            firstStartLanes = lanes.empty(); // --compare chose others: the hint is not theirs
            if (firstStartLanes)
                lanes = modescope::ui::parseLaneSpecs(kFirstStartLanes);
        }
        if (saved && lanes.empty()) { // the last run with the lanes it had
            window.startSavedRun(*start);
        } else {
            if (!lanes.empty()) // the first lane is the window's own run
                window.setCompare(lanes);
            window.startConfig(lanes.empty() ? *start : lanes.front().applyTo(*start));
        }
        if (firstStartLanes) // after the start: a start (a Reset) closes the runs' line
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
    // Process-wide settings live here, and only here.
    shareBlasThreads(1, false);
    modescope::useOneTorchThread();
    // Two busy threads (GUI, worker) with an arena each: keep little freed memory (Allocator.h).
    constexpr std::size_t kKeepFreeBytes = std::size_t(32) << 20;
    modescope::keepFreedMemoryForReuse(kKeepFreeBytes);
    // Often, so that each trim has little to give back: a trim holds each malloc arena's lock
    // while it walks it, and the long ones (64 MiB at a time: 85-152 ms) stalled the GUI thread.
    constexpr std::chrono::seconds kReturnMemoryEvery { 1 };
    constexpr std::size_t kReturnMemoryPast = 0; // any growth
    const modescope::FreedMemoryReturner returner(kReturnMemoryEvery, kReturnMemoryPast);
    // Nothing escapes main: what the event loop's guard did not catch ends here, reported.
    try {
        return runWindow(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "modescope: unexpected failure: %s\n", e.what());
    } catch (...) {
        std::fprintf(stderr, "modescope: unexpected failure\n");
    }
    return modescope::app::kExitFailed;
}
