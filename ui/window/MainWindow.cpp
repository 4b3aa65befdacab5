#include "window/MainWindow.h"

#include <algorithm>

#include <QAction>
#include <QComboBox>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>
#include <QWhatsThis>

#include <cmath>
#include <utility>
#include <cstdlib>

#include "export/Exporter.h"
#include "modescope/machine/SlowWork.h"
#include "panels/ControlPanel.h"
#include "panels/ElidedLabel.h"
#include "panels/LaneEditor.h"
#include "panels/MixtureEditor.h"
#include "plots/DensityPlot.h"
#include "plots/LossPlot.h"
#include "plots/MetricsPlot.h"
#include "plots/OwnershipMap.h"
#include "training/Lane.h"
#include "training/LaneSet.h"
#include "training/TrainingController.h"
#include "window/AboutDialog.h"
#include "window/HelpDialog.h"
#include "window/StatusText.h"
#include "modescope/config/ConfigError.h"
#include "modescope/config/ConfigJson.h"
#include "modescope/io/RunFolder.h"

namespace modescope::ui
{

namespace
{
// Smallest sizes that still read: below them a panel gives way (scrolls) before the plot does.
constexpr int kPlotMinWidth = 380;
constexpr int kPlotMinHeight = 260;
constexpr int kPanelMinWidth = 230;
constexpr int kSidePlotMinWidth = 240;
constexpr int kSidePlotMinHeight = 130;
// The docks' share of the window's width when it is laid out.
constexpr double kSettingsShare = 0.22;
constexpr double kDiagnosticsShare = 0.30;
constexpr int kDiagnosticsWidth = 400; // the side plots' width in a window of the default size

QString defaultExportFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
        .filePath("ModeScope");
}
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_panel(new ControlPanel(this))
    , m_losses(new LossPlot(this))
    , m_metrics(new MetricsPlot(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_sliderLabel(new QLabel(tr("live"), this))
    , m_status(new QLabel(this))
    , m_laneSet(new LaneSet(this))
{
    setWindowTitle("ModeScope");
    m_comparisonExporter = new ComparisonExporter(this);
    connect(m_comparisonExporter, &ComparisonExporter::finished, this,
        &MainWindow::onComparisonExported);

    // Centre: the lanes, one above the other (the window's own run first, with its title when
    // there are others), and under them the history slider that scrubs them all.
    auto* centre = new QWidget(this);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    m_hint = new QLabel(centre);
    m_hint->setTextFormat(Qt::RichText);
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet("background: #fff6d5; color: #303030; padding: 6px;");
    m_hint->setVisible(false);
    m_hint->setToolTip(tr("Click to close; it closes by itself when another preset, a Reset or "
                          "an opened session replaces the runs it describes"));
    m_hint->installEventFilter(this);
    centreLayout->addWidget(m_hint);
    m_laneSplitter = new QSplitter(Qt::Vertical, centre);
    m_laneSplitter->setChildrenCollapsible(false);
    Lane* first = new Lane(std::nullopt, m_laneSplitter);
    m_lanes.push_back(first);
    first->plot()->setMinimumSize(kPlotMinWidth, kPlotMinHeight);
    first->exporter()->setSidePlots(m_losses, m_metrics);
    m_laneSplitter->addWidget(first);
    centreLayout->addWidget(m_laneSplitter, 1);
    auto* historyRow = new QHBoxLayout;
    historyRow->setContentsMargins(8, 0, 8, 4);
    historyRow->addWidget(new QLabel(tr("History"), centre));
    m_slider->setToolTip(tr("Scrub back through the kept snapshots (every lane at the same "
                            "step); training goes on. Right end: live."));
    m_slider->setRange(0, 0);
    historyRow->addWidget(m_slider, 1);
    m_sliderLabel->setMinimumWidth(150);
    historyRow->addWidget(m_sliderLabel);
    centreLayout->addLayout(historyRow);
    setCentralWidget(centre);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_panel);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(kPanelMinWidth);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    auto* settings = new QDockWidget(tr("Settings"), this);
    settings->setObjectName("settings");
    settings->setWidget(scroll);
    addDockWidget(Qt::LeftDockWidgetArea, settings);
    m_settingsDock = settings;

    auto* diagnostics = new QWidget(this);
    auto* diagnosticsLayout = new QVBoxLayout(diagnostics);
    auto* smoothingRow = new QHBoxLayout;
    smoothingRow->addWidget(new QLabel(tr("Loss smoothing"), diagnostics));
    auto* smoothing = new QDoubleSpinBox(diagnostics);
    smoothing->setObjectName("lossSmoothing");
    smoothing->setRange(0, 0.99);
    smoothing->setSingleStep(0.05);
    smoothing->setValue(m_losses->smoothing());
    smoothing->setToolTip(tr("Weight of the past in the losses' moving average (0: raw)"));
    smoothingRow->addWidget(smoothing);
    smoothingRow->addStretch(1);
    diagnosticsLayout->addLayout(smoothingRow);
    for (QWidget* plot : std::initializer_list<QWidget*> { m_losses, m_metrics }) {
        plot->setMinimumSize(kSidePlotMinWidth, kSidePlotMinHeight);
        diagnosticsLayout->addWidget(plot, 1);
    }
    // One lane's ownership map at a time: the window's own, or the one chosen above it.
    m_ownershipLane = new QComboBox(diagnostics);
    m_ownershipLane->setObjectName("ownershipLane");
    m_ownershipLane->setToolTip(tr("Whose generators x modes map is shown: each lane has its own"));
    m_ownershipLane->setVisible(false);
    diagnosticsLayout->addWidget(m_ownershipLane);
    m_ownershipStack = new QStackedWidget(diagnostics);
    first->ownershipMap()->setMinimumSize(kSidePlotMinWidth, kSidePlotMinHeight);
    m_ownershipStack->addWidget(first->ownershipMap());
    diagnosticsLayout->addWidget(m_ownershipStack, 1);
    connect(m_ownershipLane, &QComboBox::currentIndexChanged, this, &MainWindow::showOwnershipOf);
    connect(smoothing, &QDoubleSpinBox::valueChanged, m_losses, &LossPlot::setSmoothing);
    auto* diagnosticsDock = new QDockWidget(tr("Diagnostics"), this);
    diagnosticsDock->setObjectName("diagnostics");
    diagnosticsDock->setWidget(diagnostics);
    addDockWidget(Qt::RightDockWidgetArea, diagnosticsDock);
    m_diagnosticsDock = diagnosticsDock;

    m_status->setToolTip(tr("The figures of the snapshot shown; hover for each one's meaning"));
    statusBar()->addWidget(m_status, 1);
    buildActions();
    QMenu* view = menuBar()->findChild<QMenu*>("view");
    view->addSeparator();
    view->addAction(settings->toggleViewAction());
    view->addAction(diagnosticsDock->toggleViewAction());

    m_sideRedraw.setSingleShot(true);
    m_sideRedraw.setInterval(kSideRedrawMs);
    connect(&m_sideRedraw, &QTimer::timeout, this, &MainWindow::redrawSidePlots);
    // The window's own lane draws itself (Lane); what the window shows of it besides follows.
    TrainingController* controller = first->controller();
    connect(controller, &TrainingController::snapshotReady, this, &MainWindow::onSnapshot);
    connect(first, &Lane::drawn, this, &MainWindow::onOwnLaneDrawn);
    connect(controller, &TrainingController::judgeProgress, this, &MainWindow::showJudgeProgress);
    // The button says what Space does: start or pause every lane.
    connect(m_laneSet, &LaneSet::runningChanged, this, &MainWindow::showRunning);
    connect(controller, &TrainingController::deviceChanged, this, [this](const QString& device) {
        m_device = device;
        m_panel->setDevice(device);
    });
    connect(first, &Lane::failed, this, [this](const QString& message) {
        // A comparison whose first lane could not be opened: the window's run goes on, alone
        // (the other lanes opened beside a run they do not belong with).
        if (!std::exchange(m_openingComparison, QString()).isEmpty())
            setCompare({});
        // A restored last good state came with its own live settings; the panel's stand.
        own()->setLiveSettings(m_panel->appliedLiveSettings());
        m_panel->showPresetOf(runningConfig()); // what still runs
        warn(tr("Training"), message);
    });
    // The run shown changes only once the worker has built the new one: a reset that fails
    // keeps the previous run, its history and its settings. (The lane has taken the new run
    // by now: its own connection came first.)
    connect(controller, &TrainingController::resetDone, this, [this](const TrainConfig& config) {
        m_kept.runStarts();
        m_panel->clearResetHint();
        m_panel->showPresetOf(config);
        m_sideDirty = true; // the side plots start from step 0, not where the last run ended
        redrawSidePlots();
    });
    connect(first, &Lane::opened, this, [this](const QString& checkpoint) {
        // A run folder opens as one lane; a comparison's first lane keeps its lanes.
        const QString comparison = std::exchange(m_openingComparison, QString());
        if (comparison.isEmpty() && m_lanes.size() > 1)
            setCompare({});
        const QString opened
            = comparison.isEmpty() ? QFileInfo(checkpoint).absolutePath() : comparison;
        m_panel->setConfig(runningConfig());
        emit runsChanged(static_cast<int>(m_lanes.size()), runningConfig().images.has_value());
        m_kept.runStarts(); // at the checkpoint's step, which its first snapshot shows
        emit sessionOpened(opened);
        statusBar()->showMessage(tr("Opened %1").arg(opened), kMessageMs);
    });
    connect(first->exporter(), &Exporter::finished, this,
        [this](const QString& folder, const QStringList& written, const QStringList& errors) {
            if (m_comparisonExporter->writesLaneFolder(folder))
                return; // the first lane's folder of a comparison: reported with the rest
            if (!errors.isEmpty())
                warn(tr("Export"), errors.join("\n"));
            // The checkpoint was written (whatever else failed): its step is safe.
            if (written.contains(QDir(folder).filePath("checkpoint.pt")))
                m_kept.saved(own()->exporter()->savedIteration());
            if (errors.isEmpty())
                statusBar()->showMessage(
                    tr("Wrote %1 files to %2").arg(written.size()).arg(folder), kMessageMs);
            emit exportFinished(folder, written, errors);
        });
    connect(m_panel, &ControlPanel::liveSettingsChanged, this, [this](const LiveSettings& live) {
        for (Lane* lane : m_lanes)
            lane->setLiveSettings(live); // learning rates, lambda, nu; each lane its own Sim
    });
    m_laneSet->setControllers({ controller });
    connect(m_panel, &ControlPanel::presetChosen, this, [this](const QString& name) {
        // Read first: a preset that cannot be read asks nothing and changes nothing. Either way
        // the box goes back to the running run's preset unless the new one starts.
        TrainConfig preset;
        try {
            preset = modescope::loadPreset(name.toStdString(), defaultPresetDirs());
        } catch (const ConfigError& e) {
            m_panel->showPresetOf(runningConfig());
            warn(tr("Preset"), QString::fromStdString(e.what()));
            return;
        }
        if (!confirmDiscard(tr("Starting the preset %1").arg(name))) {
            m_panel->showPresetOf(runningConfig());
            return;
        }
        m_hint->hide(); // it described the first start's runs, not these
        // The lanes stay for the new target, less those that would copy another under it
        // (gan | madgan-sim, then paper-1d-sim: two madgan-sim lanes).
        m_panel->laneEditor()->setOthers(lanesBesides(preset, m_panel->laneEditor()->others()));
        startConfig(preset);
    });
    connect(m_slider, &QSlider::valueChanged, this, &MainWindow::showHistory);

    m_lastExport.folder = defaultExportFolder();
    resize(1360, 800);
    // The panel at its natural width (no sideways scrolling), the diagnostics beside the plot:
    // once the window is laid out, unless the last start's layout was restored.
    QTimer::singleShot(0, this, [this, scroll] {
        if (m_layoutRestored)
            return;
        resizeDocks({ m_settingsDock, m_diagnosticsDock },
            { m_panel->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() + 8,
                kDiagnosticsWidth },
            Qt::Horizontal);
    });
}

MainWindow::~MainWindow() = default;

const TrainConfig& MainWindow::runningConfig() const
{
    return own()->running();
}

DensityPlot* MainWindow::densityPlot() const
{
    return own()->plot();
}

TrainingController* MainWindow::controller() const
{
    return own()->controller();
}

const RunHistory& MainWindow::history() const
{
    return own()->history();
}

OwnershipMap* MainWindow::ownershipMap() const
{
    return own()->ownershipMap();
}

void MainWindow::buildActions()
{
    auto action = [this](QMenu* menu, const QString& text, const QKeySequence& key,
                      const QString& tip, auto slot) {
        QAction* a = menu->addAction(text, this, slot);
        a->setShortcut(key);
        a->setToolTip(tip + " (" + key.toString(QKeySequence::NativeText) + ")");
        a->setStatusTip(tip);
        return a;
    };
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = action(file, tr("&Open session..."), QKeySequence::Open,
        tr("Open a saved session or run folder and resume it exactly"),
        &MainWindow::chooseOpenSession);
    QAction* save = action(file, tr("&Save session..."), QKeySequence::Save,
        tr("Save networks, optimisers, settings and metrics to a run folder"),
        &MainWindow::chooseSaveSession);
    file->addSeparator();
    QAction* exportAction = action(file, tr("&Export..."), QKeySequence(Qt::CTRL | Qt::Key_E),
        tr("Export plots, data, sample strip and history video"), &MainWindow::chooseExport);
    file->addSeparator();
    action(file, tr("&Quit"), QKeySequence::Quit, tr("Close ModeScope"), &QWidget::close);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    m_startPause = run->addAction(tr("Start"), m_laneSet, &LaneSet::toggle);
    m_startPause->setShortcut(Qt::Key_Space);
    m_startPause->setToolTip(tr("Start or pause training, every lane (Space)"));
    QAction* step = run->addAction(tr("Step"), m_laneSet, &LaneSet::stepOnce);
    step->setShortcut(Qt::Key_S);
    step->setToolTip(tr("One training step, then pause (S)"));
    QAction* reset = action(run, tr("Reset"), QKeySequence(Qt::Key_R),
        tr("New networks with the panel's settings"), [this] {
            if (confirmDiscard(tr("Reset")))
                resetTraining();
        });

    QAction* routes
        = action(run, tr("Two &routes side by side"), QKeySequence(Qt::CTRL | Qt::Key_2),
            tr("Three lanes on this target and seed: gan, unrolled (route 1: optimisation) and "
               "madgan-sim (route 2: architecture)"),
            &MainWindow::compareRoutes);
    routes->setObjectName("twoRoutes");

    m_lockStepAction = run->addAction(tr("Lanes in lock-step"));
    m_lockStepAction->setCheckable(true);
    m_lockStepAction->setChecked(true);
    m_lockStepAction->setShortcut(Qt::Key_L);
    m_lockStepAction->setObjectName("lockStep");
    m_lockStepAction->setToolTip(tr("On: every lane trains to the same step before any goes on, "
                                    "so each picture compares like with like. Off: each lane at "
                                    "its own speed (L)"));
    connect(m_lockStepAction, &QAction::toggled, m_laneSet, &LaneSet::setLockStep);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName("view");
    // Checkable view options, named so restoreSettings can find them.
    auto option = [view](const QString& text, Qt::Key key, const char* name, bool checked,
                      const QString& tip, auto* receiver, auto slot) {
        QAction* a = view->addAction(text);
        a->setCheckable(true);
        a->setChecked(checked);
        a->setShortcut(key);
        a->setObjectName(name);
        a->setToolTip(tip);
        connect(a, &QAction::toggled, receiver, slot);
    };
    // Each view option acts on every lane's plot alike.
    auto everyPlot = [this](void (DensityPlot::*set)(bool)) {
        return [this, set](bool on) {
            for (DensityPlot* plot : lanePlots())
                (plot->*set)(on);
        };
    };
    const DensityPlot* plot = densityPlot();
    option(tr("D_real(x) on a second axis"), Qt::Key_D, "showDReal", plot->showsDiscriminator(),
        tr("D's probability that x is real, right axis (D)"), this,
        everyPlot(&DensityPlot::setShowDiscriminator));
    option(tr("Owner strip (D's argmax over generators)"), Qt::Key_O, "showOwnerStrip",
        plot->showsOwnerStrip(), tr("Which generator D believes owns each x (O)"), this,
        everyPlot(&DensityPlot::setShowOwnerStrip));
    option(tr("Generator curves as shares (p_i / k)"), Qt::Key_K, "showShares", plot->showsShares(),
        tr("On: each curve is p_i / k and the curves add up to the average. "
           "Off: each generator's own density (K)."),
        this, everyPlot(&DensityPlot::setShowShares));
    option(tr("Generator contours (2-D)"), Qt::Key_C, "showContours", plot->showsContours(),
        tr("On a map: each generator's density contour around the half of its samples where "
           "they are densest (C)"),
        this, [this, show = everyPlot(&DensityPlot::setShowContours)](bool on) {
            show(on);
            // Said, since a contour can hide: on a narrow mode it is no larger than the dots.
            if (on)
                statusBar()->showMessage(densityPlot()->isMap()
                        ? tr("Contours: each generator's line encloses the densest half of its "
                             "samples; on a narrow mode it is a ring no larger than its dots")
                        : tr("Contours are drawn on 2-D maps only"),
                    kMessageMs);
        });
    QAction* fit = view->addAction(tr("Fit the plot"), this, [this] {
        for (DensityPlot* plot : lanePlots())
            plot->fit();
    });
    fit->setShortcut(Qt::Key_F);
    QAction* live = view->addAction(
        tr("Back to live"), this, [this] { m_slider->setValue(m_slider->maximum()); });
    live->setShortcut(Qt::Key_End);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* guide = help->addAction(tr("&Guide"), this, [this] {
        HelpDialog dialog(this);
        dialog.exec();
    });
    guide->setShortcut(QKeySequence::HelpContents);
    guide->setObjectName("guide");
    guide->setStatusTip(tr("What the plots show, what each metric means, the keys"));
    help->addAction(QWhatsThis::createAction(this));
    help->addSeparator();
    QAction* about = help->addAction(tr("&About ModeScope"), this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });
    about->setObjectName("about");
    about->setStatusTip(tr("Version, references and the libraries ModeScope is built with"));
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar* toolbar = addToolBar(tr("Run"));
    toolbar->setObjectName("run");
    toolbar->addActions({ m_startPause, step, reset });
    toolbar->addSeparator();
    toolbar->addActions({ open, save, exportAction });
}

void MainWindow::startConfig(const TrainConfig& config)
{
    m_panel->setConfig(config);
    resetTraining();
}

void MainWindow::onSnapshot(const SnapshotPtr& snapshot)
{
    m_kept.snapshotArrived(snapshot->iteration);
    m_sideDirty = true;
}

void MainWindow::onOwnLaneDrawn()
{
    const int count = static_cast<int>(own()->history().snapshotCount());
    const bool following = m_slider->value() >= m_slider->maximum();
    {
        const QSignalBlocker block(m_slider);
        m_slider->setRange(0, std::max(count - 1, 0));
        if (following)
            m_slider->setValue(m_slider->maximum());
    }
    if (following)
        m_sliderLabel->setText(historyLabel(count));
    updateStatus(shownSnapshot());
    if (m_sideDirty && !m_sideRedraw.isActive())
        m_sideRedraw.start();
}

void MainWindow::redrawSidePlots()
{
    const TimedWork timed("side plots and ownership map");
    m_sideDirty = false;
    const RunHistory& history = own()->history();
    m_losses->setRows(history.rows());
    std::vector<MetricsPlot::LaneRows> lanes;
    for (size_t i = 1; i < m_lanes.size(); ++i)
        lanes.push_back(
            { QString::fromStdString(m_lanes[i]->spec().name()), &m_lanes[i]->history().rows() });
    m_metrics->setLanes(lanes);
    m_metrics->setRows(history.rows(), runningConfig().modeCount());
    m_lanes[static_cast<size_t>(ownershipLane())]->refreshOwnership(); // the map shown
}

void MainWindow::showHistory(int index)
{
    const RunHistory& history = own()->history();
    if (index >= m_slider->maximum() || history.snapshotCount() == 0) {
        for (Lane* lane : m_lanes)
            lane->showStep(-1); // the window's own lane, drawn, brings the slider's label back
        m_sideRedraw.start();
        return;
    }
    const long long step = history.snapshot(static_cast<size_t>(index)).iteration;
    m_sliderLabel->setText(tr("step %1 (history)").arg(step));
    // Each lane shows its kept snapshot at or before this step: the same step in lock-step
    // unless the lanes' histories, thinned each on its own budget, kept different ones. The
    // window's own lane, drawn, updates the status line to the step shown.
    for (Lane* lane : m_lanes)
        lane->showStep(step);
    m_sideRedraw.start();
}

void MainWindow::updateStatus(const Snapshot& s)
{
    const int modes = runningConfig().modeCount();
    const CureTime cure = own()->history().cureAt(s.iteration, modes);
    m_status->setText(statusText(s, modes, m_device, cure, !m_laneSet->isRunning()));
    m_status->setToolTip(statusDetails(s, modes));
}

void MainWindow::showJudgeProgress(int percent)
{
    // Minutes, once per data set: the window says what it waits for instead of standing still.
    if (percent >= 100)
        statusBar()->showMessage(
            tr("The judge of these images is ready (kept for later runs)"), kMessageMs);
    else
        statusBar()->showMessage(
            tr("Training the judge of these images, once for this data set: %1%").arg(percent));
}

void MainWindow::showHint(const QString& text)
{
    m_hintText = text;
    // A visible way to close it, not only the tooltip's word (the tester found none).
    m_hint->setText(text.toHtmlEscaped()
        + QStringLiteral("&nbsp;&nbsp;<span style='color:#806000'>\u2715&nbsp;close</span>"));
    m_hint->setVisible(true);
}

QString MainWindow::hint() const
{
    return m_hint->isHidden() ? QString() : m_hintText;
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_hint && event->type() == QEvent::MouseButtonRelease)
        m_hint->hide();
    return QMainWindow::eventFilter(watched, event);
}

QString MainWindow::historyText() const
{
    return m_sliderLabel->text();
}

QString MainWindow::historyLabel(int snapshots) const
{
    // An opened session brings its metrics back but no snapshots: say where the kept ones start.
    const QString kept = snapshots == 0 ? tr("live")
        : snapshots == 1                ? tr("live, 1 snapshot")
                                        : tr("live, %1 snapshots").arg(snapshots);
    const RunHistory& history = own()->history();
    if (history.snapshotCount() == 0 || history.rows().empty())
        return kept;
    const long long firstSnapshot = history.snapshot(0).iteration;
    const long long firstRow = history.rows().front().losses.iteration;
    return firstRow < firstSnapshot
        ? tr("%1 from step %2; metrics from step %3").arg(kept).arg(firstSnapshot).arg(firstRow)
        : kept;
}

void MainWindow::resizeEvent(QResizeEvent* event)
{
    QMainWindow::resizeEvent(event);
    layOutDocks();
}

void MainWindow::layOutDocks()
{
    // Docks keep their width as the window shrinks, so the plot would take all the loss: give
    // each dock its share of a narrow window instead (wide windows keep the user's layout).
    const int w = width();
    const int wanted = static_cast<int>(w * (kSettingsShare + kDiagnosticsShare));
    if (centralWidget()->width() >= w - wanted)
        return;
    resizeDocks({ m_settingsDock, m_diagnosticsDock },
        { static_cast<int>(w * kSettingsShare), static_cast<int>(w * kDiagnosticsShare) },
        Qt::Horizontal);
}

QString MainWindow::figureCaption() const
{
    const TrainConfig& running = runningConfig();
    if (m_lanes.size() == 1)
        return figureCaptionFor(running, shownSnapshot().iteration, shownSnapshot().simOn);
    // "seed-3mode \u00b7 gan | madgan | madgan-sim \u00b7 seed 1 \u00b7 step 3000": the lanes'
    // titles in the figure give each one's k.
    QStringList methods;
    for (Lane* lane : m_lanes)
        methods << QString::fromStdString(toString(lane->spec().method));
    return tr("%1 \u00b7 %2 \u00b7 seed %3 \u00b7 step %4")
        .arg(QString::fromStdString(running.presetName), methods.join(" | "))
        .arg(running.seed)
        .arg(shownSnapshot().iteration);
}

const Snapshot& MainWindow::shownSnapshot() const
{
    return own()->shown();
}

void MainWindow::showRunning(bool running)
{
    m_startPause->setText(running ? tr("Pause") : tr("Start"));
    if (own()->controller()->hasRun())
        updateStatus(shownSnapshot()); // "paused" where the speed was, or the speed back
}

void MainWindow::reportFailure(const QString& message)
{
    warn(tr("Unexpected failure"),
        tr("%1\nTraining and your settings are kept; saving the session now is wise.")
            .arg(message));
}

void MainWindow::warn(const QString& title, const QString& message)
{
    statusBar()->showMessage(title + ": " + message.section('\n', 0, 0), kMessageMs);
    if (!m_quiet)
        QMessageBox::warning(this, title, message);
}

} // namespace modescope::ui
