#include "window/MainWindow.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include <filesystem>

#include "export/Exporter.h"
#include "panels/ControlPanel.h"
#include "panels/LaneEditor.h"
#include "training/Lane.h"
#include "training/LaneSet.h"
#include "training/TrainingController.h"
#include "modescope/config/ConfigError.h"
#include "modescope/config/ConfigJson.h"
#include "modescope/io/ComparisonFolder.h"
#include "modescope/io/RunFolder.h"

// The window's run and session flow: presets, reset, open, save, export, and asking before
// anything that would lose a trained run.
namespace modescope::ui
{

void MainWindow::setAskToDiscard(std::function<bool(const QString& question)> ask)
{
    m_askToDiscard = std::move(ask);
}

bool MainWindow::hasUnsavedTraining() const
{
    return m_kept.wouldLose(controller()->latest().iteration);
}

bool MainWindow::confirmDiscard(const QString& action)
{
    if (!hasUnsavedTraining())
        return true;
    const QString question
        = tr("%1 discards the run at step %2 (%3, %4), which has not been saved. Discard it?")
              .arg(action)
              .arg(controller()->latest().iteration)
              .arg(QString::fromStdString(runningConfig().presetName))
              .arg(QString::fromStdString(toString(runningConfig().method)));
    if (m_askToDiscard)
        return m_askToDiscard(question);
    if (m_quiet)
        return true;
    QMessageBox box(QMessageBox::Question, tr("Discard the run?"), question,
        QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setInformativeText(tr("Ctrl+S saves it as a session first."));
    box.setDefaultButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Discard;
}

bool MainWindow::loadPreset(const QString& name)
{
    try {
        startConfig(modescope::loadPreset(name.toStdString(), defaultPresetDirs()));
        return true;
    } catch (const ConfigError& e) {
        warn(tr("Preset"), QString::fromStdString(e.what()));
        return false;
    }
}

void MainWindow::resetTraining()
{
    const TrainConfig config = m_panel->config();
    const std::vector<LaneSpec> others = m_panel->laneEditor()->others(); // as the panel has them
    QString lane = tr("Reset");
    try {
        validate(config); // refused here with the field named; the running runs go on
        for (size_t i = 0; i < others.size(); ++i) { // every lane's own k and method, first
            lane = tr("Reset, lane %1 (%2)")
                       .arg(i + 2)
                       .arg(QString::fromStdString(others[i].name()));
            validate(others[i].applyTo(config));
        }
    } catch (const ConfigError& e) {
        warn(lane, QString::fromStdString(e.what()));
        return;
    }
    m_laneSet->halt(); // no worker left waiting at a lock-step limit of the old runs
    m_panel->markApplied(); // the rates the fields show are the runs' from now
    m_hint->hide(); // the first start's line describes the runs being replaced
    if (others != otherLanes()) { // lanes added, removed or changed in the panel
        std::vector<LaneSpec> lanes { LaneSpec { config.method, std::nullopt } };
        lanes.insert(lanes.end(), others.begin(), others.end());
        setCompare(lanes.size() > 1 ? lanes : std::vector<LaneSpec> {});
    }
    for (Lane* lane : m_lanes) // the window's own: the panel's run; the others: the same
        lane->reset(config); // target, seed and networks with their own method and k
    emit runsChanged(static_cast<int>(m_lanes.size()), config.images.has_value());
}

bool MainWindow::openSession(const QString& path)
{
    if (isComparisonFolder(path.toStdString()) || QFileInfo(path).fileName() == kComparisonFile)
        return openComparison(path);
    StoredRun run;
    try {
        run = readRunFolder(path.toStdString());
    } catch (const ConfigError& e) {
        warn(tr("Open session"), QString::fromStdString(e.what()));
        return false;
    }
    std::error_code ec;
    const QString checkpoint
        = QString::fromStdString(std::filesystem::absolute(run.checkpoint, ec).string());
    m_openingComparison.clear(); // this one opens alone, whatever was opening before
    m_laneSet->halt(); // the window's run may be waiting at a lock-step limit
    m_hint->hide(); // the first start's line describes the runs being replaced
    own()->openSession(run.config, checkpoint, std::move(run.rows)); // one lane once opened
    return true;
}

void MainWindow::saveSession(const QString& dir, bool replaceRun)
{
    ExportRequest request;
    request.folder = dir;
    request.replaceRun = replaceRun;
    request.png = request.pdf = request.svg = request.sidePlots = request.strip = false;
    request.video = false;
    request.runData = true;
    m_lanes.size() == 1 ? own()->exporter()->run(request) : exportComparison(request);
}

void MainWindow::exportTo(const ExportRequest& request)
{
    // The plots as of the latest snapshot, not of the last timer tick (a lane just opened may
    // not have been drawn yet).
    for (Lane* lane : m_lanes)
        lane->drawNow();
    redrawSidePlots();
    if (m_lanes.size() > 1) {
        exportComparison(request);
        return;
    }
    ExportRequest r = request;
    r.caption = figureCaption(); // the step drawn now, live or scrubbed to
    own()->exporter()->run(r);
}

bool MainWindow::confirmReplaceRun(const QString& dir)
{
    // With lanes the folder takes a comparison, else a run: ask only when it holds one already.
    const bool comparison = m_lanes.size() > 1;
    if (comparison ? !isComparisonFolder(dir.toStdString())
                   : !RunFolder::isRunFolder(dir.toStdString()))
        return true;
    const QString question = comparison
        ? tr("%1 holds a comparison already. Replace its compare.json and its lanes' run folders?")
        : tr("%1 holds a run already. Replace its config.json, metrics.csv, samples.csv, "
             "density.csv and checkpoint.pt?");
    return QMessageBox::question(this,
               comparison ? tr("Replace the comparison?") : tr("Replace the run?"),
               question.arg(dir), QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        == QMessageBox::Yes;
}

void MainWindow::chooseExport()
{
    m_lastExport.caption = figureCaption();
    ExportDialog dialog(m_lastExport, this);
    dialog.setMapRun(runningConfig().dimension() == 2);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_lastExport = dialog.request();
    if (m_lastExport.runData && !confirmReplaceRun(m_lastExport.folder))
        return;
    m_lastExport.replaceRun = m_lastExport.runData;
    exportTo(m_lastExport);
    m_lastExport.replaceRun = false; // asked again next time
    m_lastExport.caption.clear(); // made anew for the next figure
}

void MainWindow::chooseSaveSession()
{
    const QString suggestion
        = QDir(m_lastExport.folder)
              .filePath(QString(m_lanes.size() == 1 ? "%1-step%2" : "%1-compare-step%2")
                            .arg(QString::fromStdString(runningConfig().presetName))
                            .arg(controller()->latest().iteration));
    const QString dir = QFileDialog::getSaveFileName(this, tr("Save session to a folder"),
        suggestion, tr("Session folder (*)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (!dir.isEmpty() && confirmReplaceRun(dir))
        saveSession(dir, /*replaceRun=*/true);
}

void MainWindow::chooseOpenSession()
{
    if (!confirmDiscard(tr("Open a session")))
        return;
    const QString file = QFileDialog::getOpenFileName(this, tr("Open session"), m_lastExport.folder,
        tr("Session, run or comparison (config.json compare.json)"));
    if (!file.isEmpty())
        openSession(file);
}

} // namespace modescope::ui
