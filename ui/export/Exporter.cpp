#include "export/Exporter.h"

#include <QDir>
#include <QFile>
#include <QImageReader>

#include <filesystem>
#include <random>

#include "export/DensityCsv.h"
#include "export/HistoryVideo.h"
#include "export/PlotExport.h"
#include "export/StripImage.h"
#include "plots/DensityPlot.h"
#include "plots/LossPlot.h"
#include "plots/MetricsPlot.h"
#include "plots/OwnershipMap.h"
#include "plots/PlotStyle.h"
#include "training/RunHistory.h"
#include "training/TrainingController.h"
#include "training/TrainingWorker.h"
#include "modescope/config/ConfigError.h"
#include "modescope/io/RunFolder.h"
#include "modescope/maths/Metrics.h"

namespace modescope::ui
{

QString asGivenFolder(const QString& file, const QString& stage, const QString& folder)
{
    return file.startsWith(stage + "/") ? QDir(folder).filePath(file.mid(stage.size() + 1)) : file;
}

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
    m_stage.reset();
    m_runDir = request.folder;
    try {
        const std::filesystem::path folder = request.folder.toStdString();
        if (request.runData) // a run is never overwritten unless the user said so
            RunFolder::checkOutput(folder,
                request.replaceRun ? RunFolder::Existing::Overwrite : RunFolder::Existing::Refuse);
        else
            RunFolder::checkWritable(folder);
        if (request.runData && request.wholeFolder) {
            m_stage = std::make_unique<StagedFolder>(folder);
            m_runDir = QString::fromStdString(m_stage->stage().string());
        }
    } catch (const std::exception& e) {
        m_errors << QString::fromStdString(e.what());
        finish();
        return;
    }
    writePlots(request);
    if (request.video)
        writeVideo(request);
    // The strip lays 1-D samples along x: a map's figure already shows its points, and an
    // earlier 1-D export's strip in this folder would pass for this run's, so ModeScope's own
    // (stamped) one is taken away; a PNG of the user's by that name stays.
    const bool map = m_sources.density && m_sources.density->isMap();
    if (request.strip && map) {
        const QString stale = QDir(request.folder).filePath("samples-strip.png");
        if (QImageReader(stale).text("Software") == "ModeScope")
            QFile::remove(stale);
    }
    m_stripWanted = request.strip && !map;
    if (request.runData || m_stripWanted) {
        m_waiting = true; // checkpoint and samples come from the worker thread
        if (request.runData)
            m_sources.controller->saveSession(m_runDir);
        else
            m_sources.controller->drawSamples(request.folder); // for the strip alone
        return;
    }
    finish();
}

void Exporter::writePlots(const ExportRequest& r)
{
    const QDir dir(r.folder);
    QStringList formats;
    for (auto [ticked, suffix] :
        { std::pair(r.png, "png"), std::pair(r.pdf, "pdf"), std::pair(r.svg, "svg") })
        if (ticked)
            formats << suffix;
    auto write = [&](QCustomPlot* plot, const QString& name, const QString& suffix) {
        const QString file = dir.filePath(name + "." + suffix);
        const QString error = exportPlot(plot, file, r.figure, r.caption);
        error.isEmpty() ? void(m_written << file) : void(m_errors << error);
    };
    for (const QString& suffix : formats)
        write(m_sources.density, "density", suffix);
    const QByteArray csv // none for an image grid
        = densityCsv(m_sources.density->snapshot(), m_sources.density->showsShares()).toUtf8();
    if (!formats.isEmpty() && !csv.isEmpty()) { // the curves as drawn, beside the picture
        const QString file = dir.filePath("density-plot.csv");
        const QString error = replaceFile(file, [&csv](const QString& partial) {
            QFile out(partial);
            return out.open(QIODevice::WriteOnly) && out.write(csv) == csv.size();
        });
        error.isEmpty() ? void(m_written << file) : void(m_errors << error);
    }
    if (r.sidePlots) // a lane beside the window's has no side plots of its own
        for (const QString& suffix : formats.isEmpty() ? QStringList { "png" } : formats)
            for (auto [plot, name] :
                { std::pair<QCustomPlot*, const char*>(m_sources.losses, "losses"),
                    std::pair<QCustomPlot*, const char*>(m_sources.metrics, "metrics"),
                    std::pair<QCustomPlot*, const char*>(m_sources.ownership, "ownership") })
                if (plot)
                    write(plot, name, suffix);
}

void Exporter::writeVideo(const ExportRequest& r)
{
    // The frames as of now: events during the video let snapshots arrive and thin the history.
    const auto snapshots = m_sources.history->snapshots();
    // Frames are drawn by a plot of their own, so the window's plot and zoom stay as they are.
    DensityPlot frame;
    frame.setShowDiscriminator(m_sources.density->showsDiscriminator());
    frame.setShowOwnerStrip(m_sources.density->showsOwnerStrip());
    frame.setShowShares(m_sources.density->showsShares());
    auto prepare = [&](int i) {
        const auto& s = snapshots[static_cast<size_t>(i)];
        frame.setSnapshot(s); // shared, not copied
        if (i == 0) { // one view for the whole video: the window's current x/y ranges
            frame.xAxis->setRange(m_sources.density->xAxis->range());
            frame.yAxis->setRange(m_sources.density->yAxis->range());
        }
        return s->iteration;
    };
    const HistoryVideoResult video
        = writeHistoryVideo(qobject_cast<QWidget*>(parent()), tr("Writing the history video..."), r,
            &frame, static_cast<int>(snapshots.size()), prepare, [] { return true; });
    video.error.isEmpty() ? void(m_written << video.written) : void(m_errors << video.error);
}

void Exporter::onSessionSaved(const SavedSession& saved)
{
    const QString expected = m_request.runData ? m_runDir : m_request.folder;
    if (!m_waiting || saved.dir != expected)
        return;
    m_waiting = false;
    const QDir dir(saved.dir);
    const int k = static_cast<int>(saved.samples.size());
    if (m_request.runData) {
        QStringList staged;
        try {
            const RunFolder folder(saved.dir.toStdString());
            folder.writeMetrics(k, m_sources.history->rowsUpTo(saved.iteration));
            for (const char* name :
                { "config.json", "checkpoint.pt", "samples.csv", "metrics.csv" })
                staged << dir.filePath(name);
            if (!saved.config.images) // an image run has its images instead of densities
                staged << dir.filePath("density.csv");
            else
                for (const QString& png :
                    QDir(dir.filePath("samples")).entryList({ "*.png" }, QDir::Files))
                    staged << dir.filePath("samples/" + png);
        } catch (const std::exception& e) {
            m_errors << inFolder(QString::fromStdString(e.what()));
            m_stage.reset(); // the folder as it was
        }
        if (!staged.isEmpty() && commitStage(staged))
            m_savedIteration = saved.iteration;
    }
    if (m_stripWanted && saved.config.dimension() == 1) {
        const TrainConfig& config = saved.config;
        std::mt19937_64 rng(config.seed);
        const int perGenerator = k > 0 ? static_cast<int>(saved.samples[0].size()) : 0;
        const std::vector<double> data = sampleMixture(config.mixture, perGenerator, rng);
        std::vector<QColor> colors;
        for (int i = 0; i < k; ++i)
            colors.push_back(generatorColor(i));
        const QString file = QDir(m_request.folder).filePath("samples-strip.png");
        const QString error = writeStripImage(file,
            stripImage(saved.samples, data, config.effectiveViewRange(), colors, m_request.figure,
                m_request.caption));
        error.isEmpty() ? void(m_written << file) : void(m_errors << error);
    }
    finish();
}

QString Exporter::inFolder(QString message) const
{
    // A file of the stage is named as the folder the user gave: the stage is gone by the time
    // the message is read.
    if (m_stage && m_stage->staged())
        message.replace(
            QString::fromStdString(m_stage->stage().string()), QDir::cleanPath(m_request.folder));
    return message;
}

bool Exporter::commitStage(const QStringList& staged)
{
    // Each file named under the folder as the user gave it (relative, or through a link), as
    // the window compares it.
    const auto asGiven
        = [this](const QString& file) { return asGivenFolder(file, m_runDir, m_request.folder); };
    if (!m_stage || !m_stage->staged()) { // written in place
        for (const QString& file : staged)
            m_written << asGiven(file);
        m_stage.reset();
        return true;
    }
    const std::unique_ptr<StagedFolder> stage = std::move(m_stage); // removed on return
    // The run's own files must be in the stage: never a new folder that takes them from the
    // old one (a stage removed under a save would otherwise come back half-empty).
    for (const char* needed : { "config.json", "checkpoint.pt" }) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(stage->stage() / needed, ec)) {
            m_errors << tr("%1: the save was cut short (its %2 went missing); the folder is as "
                           "it was")
                            .arg(m_request.folder, QString::fromLatin1(needed));
            return false;
        }
    }
    try {
        stage->commit();
    } catch (const std::exception& e) {
        m_errors << QString::fromStdString(e.what());
        return false;
    }
    for (const QString& file : staged)
        m_written << asGiven(file);
    return true;
}

void Exporter::onSaveFailed(const QString& dir, const QString& message)
{
    const QString expected = m_request.runData ? m_runDir : m_request.folder;
    if (!m_waiting || dir != expected)
        return;
    m_waiting = false;
    m_errors << inFolder(message);
    m_stage.reset(); // the folder as it was
    finish();
}

void Exporter::finish()
{
    emit finished(m_request.folder, m_written, m_errors);
}

} // namespace modescope::ui
