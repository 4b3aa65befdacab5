#include "MainWindow.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>

#include "ControlPanel.h"
#include "DensityPlot.h"
#include "TrainingController.h"
#include "modescope/ConfigError.h"
#include "modescope/ConfigJson.h"

namespace modescope::ui
{

namespace
{
constexpr int kRedrawMs = 40; // coalescing delay: at most ~25 redraws a second
}

MainWindow::MainWindow(const QString& preset, QWidget* parent)
    : QMainWindow(parent)
    , m_controller(new TrainingController(this))
    , m_plot(new DensityPlot(this))
    , m_panel(new ControlPanel(this))
    , m_status(new QLabel(this))
{
    setWindowTitle("ModeScope");
    setCentralWidget(m_plot);
    auto* dock = new QDockWidget(tr("Settings"), this);
    dock->setObjectName("settings");
    dock->setWidget(m_panel);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    statusBar()->addWidget(m_status, 1);

    auto* toolbar = addToolBar(tr("Run"));
    toolbar->setObjectName("run");
    m_startPause = toolbar->addAction(tr("Start"), m_controller, &TrainingController::toggle);
    m_startPause->setShortcut(Qt::Key_Space);
    m_startPause->setToolTip(tr("Start or pause training (Space)"));
    QAction* step = toolbar->addAction(tr("Step"), m_controller, &TrainingController::stepOnce);
    step->setShortcut(Qt::Key_S);
    step->setToolTip(tr("One training step, then pause (S)"));
    QAction* reset = toolbar->addAction(tr("Reset"), this, &MainWindow::resetTraining);
    reset->setShortcut(Qt::Key_R);
    reset->setToolTip(tr("New networks with the panel's settings (R)"));

    m_redraw.setSingleShot(true);
    m_redraw.setInterval(kRedrawMs);
    connect(&m_redraw, &QTimer::timeout, this, &MainWindow::redraw);
    connect(m_controller, &TrainingController::snapshotReady, this, [this] {
        m_dirty = true;
        if (!m_redraw.isActive())
            m_redraw.start();
    });
    connect(m_controller, &TrainingController::runningChanged, this, &MainWindow::showRunning);
    connect(m_controller, &TrainingController::deviceChanged, m_panel, &ControlPanel::setDevice);
    connect(m_controller, &TrainingController::failed, this, [this](const QString& message) {
        QMessageBox::warning(this, tr("Training stopped"), message);
    });
    connect(m_panel, &ControlPanel::liveSettingsChanged, m_controller,
        &TrainingController::setLiveSettings);
    connect(m_panel, &ControlPanel::presetChosen, this, &MainWindow::loadPreset);

    loadPreset(preset);
    resize(1200, 720);
}

MainWindow::~MainWindow() = default;

void MainWindow::loadPreset(const QString& name)
{
    try {
        m_panel->setConfig(modescope::loadPreset(name.toStdString(), defaultPresetDirs()));
    } catch (const ConfigError& e) {
        QMessageBox::warning(this, tr("Preset"), QString::fromStdString(e.what()));
        return;
    }
    resetTraining();
}

void MainWindow::resetTraining()
{
    m_controller->reset(m_panel->config());
    m_panel->setConfig(m_panel->config()); // clears the "press Reset" hint
}

void MainWindow::redraw()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    const Snapshot& s = m_controller->latest();
    m_plot->setSnapshot(s);
    m_status->setText(tr("step %1   %2 steps/s   modes captured %3, balanced %4   HQ %5%   "
                         "Sim violations %6%")
                          .arg(s.iteration)
                          .arg(s.stepsPerSecond, 0, 'f', 0)
                          .arg(s.metrics.modesCaptured)
                          .arg(s.metrics.modesBalanced)
                          .arg(100 * s.metrics.hqFraction, 0, 'f', 1)
                          .arg(100 * s.simViolationRate, 0, 'f', 0));
}

void MainWindow::showRunning(bool running)
{
    m_startPause->setText(running ? tr("Pause") : tr("Start"));
}

} // namespace modescope::ui
