#include "window/MainWindow.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QComboBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QThread>
#include <QSignalBlocker>
#include <QTimer>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "export/ComparisonExporter.h"
#include "export/Exporter.h"
#include "panels/ControlPanel.h"
#include "panels/ElidedLabel.h"
#include "panels/LaneEditor.h"
#include "plots/DensityPlot.h"
#include "plots/MetricsPlot.h"
#include "plots/OwnershipMap.h"
#include "training/Lane.h"
#include "training/LaneSet.h"
#include "training/TrainingController.h"
#include "window/StatusText.h"
#include "modescope/config/ConfigError.h"
#include "modescope/io/ComparisonFolder.h"
#include "modescope/io/RunFolder.h"

// The window's lanes: making them, their shared x view, and a comparison's export, save and
// open (one folder: compare.json and a run folder per lane).
namespace modescope::ui
{

namespace
{
constexpr int kLaneSizeShare = 1000; // equal splitter shares: every lane the same height
} // namespace

void MainWindow::setCompare(const std::vector<LaneSpec>& lanes)
{
    m_laneSet->halt();
    m_metrics->setLanes({}); // it holds the lanes' rows until the next redraw
    while (m_lanes.size() > 1) { // the window's own lane stays
        delete m_lanes.back(); // stops its worker and waits for it
        m_lanes.pop_back();
    }
    const DensityPlot* ownPlot = densityPlot();
    std::vector<TrainingController*> controllers { controller() };
    for (size_t i = 1; i < lanes.size(); ++i) {
        auto* lane = new Lane(lanes[i], m_laneSplitter);
        // Spread over one redraw period: the window's plot at 0, the lanes' after it.
        lane->setRedrawOffset(static_cast<int>(i) * kRedrawMs / static_cast<int>(lanes.size()));
        lane->plot()->setShowDiscriminator(ownPlot->showsDiscriminator()); // the View options
        lane->plot()->setShowOwnerStrip(ownPlot->showsOwnerStrip());
        lane->plot()->setShowShares(ownPlot->showsShares());
        lane->plot()->setShowContours(ownPlot->showsContours());
        m_laneSplitter->addWidget(lane);
        m_lanes.push_back(lane);
        controllers.push_back(lane->controller());
        connect(lane->controller(), &TrainingController::judgeProgress, this,
            &MainWindow::showJudgeProgress);
        connect(lane, &Lane::failed, this, [this, name = lanes[i].name()](const QString& message) {
            warn(tr("Lane"),
                tr("Lane %1: %2").arg(QString::fromStdString(name), message)
                    + tr("\nThe other lanes go on without it."));
        });
        // One x view for every lane: panning or zooming one moves them all.
        for (DensityPlot* other : lanePlots())
            if (other != lane->plot())
                linkXAxes(other, lane->plot());
    }
    m_laneSet->setControllers(controllers);
    m_panel->laneEditor()->setOthers(otherLanes()); // the panel shows the lanes there are
    {
        const QSignalBlocker block(m_ownershipLane);
        m_ownershipLane->clear();
        m_ownershipLane->addItem(tr("Ownership: lane 1 (the panel's run)"));
        for (size_t i = 1; i < m_lanes.size(); ++i) {
            m_ownershipLane->addItem(tr("Ownership: lane %1 (%2)")
                                         .arg(i + 1)
                                         .arg(QString::fromStdString(m_lanes[i]->spec().name())));
            m_lanes[i]->ownershipMap()->setMinimumSize(ownershipMap()->minimumSize());
            m_ownershipStack->addWidget(m_lanes[i]->ownershipMap());
        }
        m_ownershipLane->setVisible(m_lanes.size() > 1);
    }
    showOwnershipOf(0);
    own()->setHeaderShown(m_lanes.size() > 1);
    // Small multiples: every lane as tall as the others (sizes are proportions before the
    // window is laid out).
    for (int i = 0; i < m_laneSplitter->count(); ++i)
        m_laneSplitter->setStretchFactor(i, 1);
    m_laneSplitter->setSizes(QList<int>(m_laneSplitter->count(), kLaneSizeShare));
    emit runsChanged(static_cast<int>(controllers.size()), runningConfig().images.has_value());
}

void MainWindow::compareRoutes()
{
    if (!confirmDiscard(tr("Two routes")))
        return;
    const std::vector<LaneSpec> lanes = parseLaneSpecs(kTwoRoutesLanes);
    setCompare(lanes);
    startConfig(lanes.front().applyTo(m_panel->config()));
}

std::vector<DensityPlot*> MainWindow::lanePlots() const
{
    std::vector<DensityPlot*> plots;
    for (Lane* lane : m_lanes)
        plots.push_back(lane->plot());
    return plots;
}

void MainWindow::linkXAxes(DensityPlot* a, DensityPlot* b)
{
    auto follow = [](DensityPlot* from, DensityPlot* to) {
        connect(from->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), to,
            [to](const QCPRange& range) {
                if (to->xAxis->range() != range) {
                    to->xAxis->setRange(range);
                    to->replot(QCustomPlot::rpQueuedReplot);
                }
            });
    };
    follow(a, b);
    follow(b, a);
}

void MainWindow::showOwnershipOf(int lane)
{
    if (lane < 0 || lane >= static_cast<int>(m_lanes.size()))
        return;
    if (m_ownershipLane->currentIndex() != lane) {
        const QSignalBlocker block(m_ownershipLane);
        m_ownershipLane->setCurrentIndex(lane);
    }
    Lane* shown = m_lanes[static_cast<size_t>(lane)];
    m_ownershipStack->setCurrentWidget(shown->ownershipMap());
    shown->refreshOwnership();
}

int MainWindow::ownershipLane() const
{
    return std::max(0, m_ownershipLane->currentIndex());
}

std::vector<LaneSpec> MainWindow::otherLanes() const
{
    std::vector<LaneSpec> others;
    for (size_t i = 1; i < m_lanes.size(); ++i)
        others.push_back(m_lanes[i]->spec());
    return others;
}

std::vector<ComparisonLaneSource> MainWindow::comparisonSources() const
{
    std::vector<ComparisonLaneSource> sources;
    for (Lane* lane : m_lanes)
        sources.push_back({ lane->exporter(), &lane->history(), lane->running(), lane->simOn(),
            { {}, lane->shown(), lane->plot()->yAxis->range() } });
    return sources;
}

ComparisonView MainWindow::comparisonView() const
{
    const DensityPlot* plot = densityPlot();
    return { plot->xAxis->range(), plot->showsDiscriminator(), plot->showsShares() };
}

void MainWindow::exportComparison(const ExportRequest& request)
{
    for (Lane* lane : m_lanes) // each lane's folder gets its own map, drawn now
        lane->refreshOwnership();
    auto write = [this, request](bool met) {
        if (!met) {
            onComparisonExported(request.folder, {},
                { tr("%1: nothing was written: the lanes were reset or changed before they met "
                     "at one step")
                        .arg(request.folder) });
            return;
        }
        ExportRequest r = request;
        r.caption = figureCaption();
        m_comparisonExporter->run(r, comparisonSources(), comparisonView(), m_laneSet->lockStep());
    };
    // A run folder per lane, every checkpoint at the same step: at the next step where the
    // lanes meet (they wait there while it is queued, then train on).
    request.runData ? m_laneSet->whenLanesMeet(write) : write(true);
}

void MainWindow::onComparisonExported(
    const QString& folder, const QStringList& written, const QStringList& errors)
{
    if (!errors.isEmpty())
        warn(tr("Export"), errors.join("\n"));
    // A whole comparison was written (compare.json): every lane's step is safe.
    if (written.contains(QDir(folder).filePath(kComparisonFile)))
        m_kept.saved(own()->exporter()->savedIteration());
    if (errors.isEmpty())
        statusBar()->showMessage(
            tr("Wrote %1 files to %2").arg(written.size()).arg(folder), kMessageMs);
    emit exportFinished(folder, written, errors);
}

bool MainWindow::openComparison(const QString& path)
{
    StoredComparison stored;
    try {
        stored = readComparisonFolder(path.toStdString());
    } catch (const ConfigError& e) {
        warn(tr("Open comparison"), QString::fromStdString(e.what()));
        return false;
    }
    std::vector<LaneSpec> specs;
    for (const ComparisonLane& lane : stored.comparison.lanes)
        specs.push_back({ lane.method,
            hasSingleGenerator(lane.method) ? std::nullopt : std::optional<int>(lane.generators) });
    setCompare(specs); // halts the lanes; the old ones go
    setLockStep(stored.comparison.lockStep);
    auto checkpoint = [](const StoredRun& run) {
        std::error_code ec;
        return QString::fromStdString(std::filesystem::absolute(run.checkpoint, ec).string());
    };
    std::vector<StoredRun>& runs = stored.runs;
    // The window's run opens as the comparison's first lane, not alone.
    m_openingComparison = QString::fromStdString(stored.dir.string()); // absolute
    for (size_t i = 0; i < runs.size(); ++i)
        m_lanes[i]->openSession(runs[i].config, checkpoint(runs[i]), std::move(runs[i].rows));
    // The window's fields will show the first lane's settings; the others keep their rates.
    for (size_t i = 1; i < runs.size(); ++i)
        m_lanes[i]->windowShows(runs[0].config.live);
    return true;
}

void MainWindow::setLockStep(bool lockStep)
{
    m_laneSet->setLockStep(lockStep);
    const QSignalBlocker block(m_lockStepAction);
    m_lockStepAction->setChecked(lockStep);
}

} // namespace modescope::ui
