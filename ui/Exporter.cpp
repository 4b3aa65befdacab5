#include "Exporter.h"

#include <QApplication>
#include <QDir>
#include <QPainter>
#include <QProgressDialog>

#include <random>

#include "DensityPlot.h"
#include "LossPlot.h"
#include "MediaExport.h"
#include "MetricsPlot.h"
#include "OwnershipMap.h"
#include "PlotExport.h"
#include "RunHistory.h"
#include "TrainingController.h"
#include "TrainingWorker.h"
#include "modescope/ConfigError.h"
#include "modescope/Metrics.h"
#include "modescope/RunFolder.h"

namespace modescope::ui
{

namespace
{
constexpr double kVideoFps = 20.0; // frames per second of history.avi (one per snapshot)
constexpr int kStripWidthPx = 1600;
constexpr int kSidePlotWidthPx = 900; // side plots keep their own aspect, not the density size
constexpr int kSidePlotHeightPx = 500;
} // namespace

Exporter::Exporter(const ExportSources& sources, QObject* parent)
    : QObject(parent)
    , m_sources(sources)
{
    connect(
        m_sources.controller, &TrainingController::sessionSaved, this, &Exporter::onSessionSaved);
    connect(m_sources.controller, &TrainingController::saveFailed, this, &Exporter::onSaveFailed);
}

void Exporter::run(const ExportRequest& request)
{
    if (m_waiting) {
        emit finished(request.folder, {}, { tr("An export is still being written; try again.") });
        return;
    }
    m_request = request;
    m_written.clear();
    m_errors.clear();
    if (request.folder.isEmpty()) {
        m_errors << tr("No folder was given to export to");
        finish();
        return;
    }
    try {
        const std::filesystem::path folder = request.folder.toStdString();
        if (request.runData) // a run is never overwritten unless the user said so
            RunFolder::checkOutput(folder,
                request.replaceRun ? RunFolder::Existing::Overwrite : RunFolder::Existing::Refuse);
        else
            RunFolder::checkWritable(folder);
    } catch (const ConfigError& e) {
        m_errors << QString::fromStdString(e.what());
        finish();
        return;
    }
    writePlots(request);
    if (request.video)
        writeVideo(request);
    if (request.runData || request.strip) {
        m_waiting = true; // checkpoint and samples come from the worker thread
        m_sources.controller->saveSession(request.folder, request.runData);
        return;
    }
    finish();
}

void Exporter::writePlots(const ExportRequest& r)
{
    const QDir dir(r.folder);
    auto write = [&](QCustomPlot* plot, const QString& name, int w, int h) {
        const QString file = dir.filePath(name);
        const QString error = exportPlot(plot, file, w, h);
        error.isEmpty() ? void(m_written << file) : void(m_errors << error);
    };
    if (r.png)
        write(m_sources.density, "density.png", r.width, r.height);
    if (r.pdf)
        write(m_sources.density, "density.pdf", r.width, r.height);
    if (r.svg)
        write(m_sources.density, "density.svg", r.width, r.height);
    if (r.sidePlots) {
        write(m_sources.losses, "losses.png", kSidePlotWidthPx, kSidePlotHeightPx);
        write(m_sources.metrics, "metrics.png", kSidePlotWidthPx, kSidePlotHeightPx);
        write(m_sources.ownership, "ownership.png", kSidePlotWidthPx, kSidePlotHeightPx);
    }
}

void Exporter::writeVideo(const ExportRequest& r)
{
    // The frames as of now: processEvents below lets snapshots arrive and thin the history.
    const auto snapshots = m_sources.history->snapshots();
    const int frames = static_cast<int>(snapshots.size());
    // Frames are drawn by a plot of their own, so the window's plot and zoom stay as they are.
    DensityPlot frame;
    frame.setShowDiscriminator(m_sources.density->showsDiscriminator());
    frame.setShowOwnerStrip(m_sources.density->showsOwnerStrip());
    frame.setShowShares(m_sources.density->showsShares());
    frame.resize(r.width, r.height);
    QProgressDialog progress(tr("Writing the history video..."), tr("Cancel"), 0, frames,
        qobject_cast<QWidget*>(parent()));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    auto render = [&](int i) {
        const Snapshot& s = *snapshots[static_cast<size_t>(i)];
        frame.setSnapshot(s);
        if (i == 0) { // one view for the whole video: the window's current x/y ranges
            frame.xAxis->setRange(m_sources.density->xAxis->range());
            frame.yAxis->setRange(m_sources.density->yAxis->range());
        }
        QImage image = frame.toPixmap(r.width, r.height).toImage();
        QPainter painter(&image);
        painter.setFont(QFont(frame.font().family(), 14));
        painter.drawText(QPoint(80, 40), tr("step %1").arg(s.iteration));
        return image;
    };
    auto onFrame = [&](int i) {
        progress.setValue(i);
        QApplication::processEvents(); // the cancel button, and snapshots keep arriving
        return !progress.wasCanceled();
    };
    const QString file = QDir(r.folder).filePath("history." + r.videoFormat);
    const QString error = modescope::ui::writeVideo(file, frames, kVideoFps, render, onFrame);
    progress.setValue(frames);
    error.isEmpty() ? void(m_written << file) : void(m_errors << error);
}

void Exporter::onSessionSaved(const SavedSession& saved)
{
    if (!m_waiting || saved.dir != m_request.folder)
        return;
    m_waiting = false;
    const QDir dir(saved.dir);
    const int k = static_cast<int>(saved.samples.size());
    if (m_request.runData) {
        try {
            const RunFolder folder(saved.dir.toStdString());
            folder.writeMetrics(k, m_sources.history->rowsUpTo(saved.iteration));
            for (const char* name :
                { "config.json", "checkpoint.pt", "samples.csv", "density.csv", "metrics.csv" })
                m_written << dir.filePath(name);
        } catch (const std::exception& e) {
            m_errors << QString::fromStdString(e.what());
        }
    }
    if (m_request.strip) {
        const TrainConfig& config = saved.config;
        std::mt19937_64 rng(config.seed);
        const int perGenerator = k > 0 ? static_cast<int>(saved.samples[0].size()) : 0;
        const std::vector<double> data = sampleMixture(config.mixture, perGenerator, rng);
        std::vector<QColor> colors;
        for (int i = 0; i < k; ++i)
            colors.push_back(DensityPlot::generatorColor(i));
        const QString file = dir.filePath("samples-strip.png");
        const QString error = writeStripImage(
            file, saved.samples, data, config.effectiveViewRange(), colors, kStripWidthPx);
        error.isEmpty() ? void(m_written << file) : void(m_errors << error);
    }
    finish();
}

void Exporter::onSaveFailed(const QString& dir, const QString& message)
{
    if (!m_waiting || dir != m_request.folder)
        return;
    m_waiting = false;
    m_errors << message;
    finish();
}

void Exporter::finish()
{
    emit finished(m_request.folder, m_written, m_errors);
}

} // namespace modescope::ui
