#include "export/ComparisonExporter.h"

#include <QDir>
#include <QImageReader>

#include <algorithm>
#include <filesystem>

#include "export/Exporter.h"
#include "export/HistoryVideo.h"
#include "export/PlotExport.h"
#include "training/Lane.h"
#include "training/RunHistory.h"
#include "window/StatusText.h"
#include "modescope/config/ConfigError.h"
#include "modescope/io/ComparisonFolder.h"
#include "modescope/io/RunFolder.h"
#include "modescope/io/StagedFolder.h"

namespace modescope::ui
{

ComparisonExporter::ComparisonExporter(QObject* parent)
    : QObject(parent)
{
}

void ComparisonExporter::run(const ExportRequest& request,
    const std::vector<ComparisonLaneSource>& lanes, const ComparisonView& view, bool lockStep)
{
    if (isBusy()) {
        emit finished(request.folder, {}, { tr("An export is still being written; try again.") });
        return;
    }
    m_request = request;
    m_lanes = lanes;
    m_view = view;
    m_lockStep = lockStep;
    m_written.clear();
    m_errors.clear();
    m_folders.clear();
    if (request.folder.isEmpty() || lanes.empty() || !lanesAlive()) {
        m_errors << (request.folder.isEmpty() ? tr("No folder was given to export to")
                                              : tr("%1: the lanes changed before the export began; "
                                                   "nothing was written")
                                                    .arg(request.folder));
        finish();
        return;
    }
    for (size_t i = 0; i < lanes.size(); ++i)
        m_folders.push_back(QString::fromStdString(laneFolderName(static_cast<int>(i) + 1,
            lanes[i].config.method, lanes[i].config.effectiveGenerators())));
    try {
        const std::filesystem::path folder = request.folder.toStdString();
        if (request.runData) // an existing comparison is replaced only when the user said so
            checkComparisonOutput(folder, request.replaceRun);
        else
            RunFolder::checkWritable(folder);
        for (const QString& name : m_folders) { // never written through into another place
            std::error_code ec;
            if (std::filesystem::is_symlink(folder / name.toStdString(), ec))
                throw ConfigError((folder / name.toStdString()).string()
                    + ": is a link; a comparison writes its lanes' folders only inside it");
        }
        m_stage.reset();
        m_base = request.folder;
        m_dropped.clear();
        if (request.runData) {
            m_stage = std::make_unique<StagedFolder>(folder);
            if (m_stage->staged())
                m_base = QString::fromStdString(m_stage->stage().string());
            if (request.replaceRun)
                m_dropped = droppedLanes();
            if (request.replaceRun && !m_stage->staged())
                clearReplacedComparison();
        }
    } catch (const std::exception& e) {
        m_errors << QString::fromStdString(e.what());
        finish();
        return;
    }
    // Busy from here: the figures and the video let events through (their progress).
    m_pending = static_cast<int>(lanes.size());
    m_steps.assign(lanes.size(), 0);

    QStringList formats;
    for (auto [ticked, suffix] : { std::pair(request.png, "png"), std::pair(request.pdf, "pdf"),
             std::pair(request.svg, "svg") })
        if (ticked)
            formats << suffix;
    writeFigures(formats);
    if (request.video)
        writeVideo();

    // Each lane's own export into its folder; the last to finish writes compare.json. A lane
    // removed meanwhile (a Reset, an Open) counts as failed, so the export still ends.
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        Exporter* exporter = m_lanes[i].exporter;
        if (!exporter) {
            onLaneFinished({}, { laneRemoved(i) });
            continue;
        }
        ExportRequest sub = m_request;
        sub.folder = laneFolder(i);
        sub.video = false; // one video, with every lane
        sub.wholeFolder = false; // the comparison's stage holds it
        sub.caption = figureCaptionFor(m_lanes[i].config, m_lanes[i].shown.snapshot.iteration,
            m_lanes[i].shown.snapshot.simOn);
        m_connections.push_back(connect(exporter, &Exporter::finished, this,
            [this, i, exporter](
                const QString& folder, const QStringList& written, const QStringList& errors) {
                if (folder != laneFolder(i))
                    return;
                m_steps[i] = exporter->savedIteration();
                onLaneFinished(written, errors);
            }));
        m_connections.push_back(connect(exporter, &QObject::destroyed, this,
            [this, i] { onLaneFinished({}, { laneRemoved(i) }); }));
        exporter->run(sub);
    }
}

bool ComparisonExporter::writesLaneFolder(const QString& folder) const
{
    if (!isBusy())
        return false;
    for (size_t i = 0; i < m_folders.size(); ++i)
        if (laneFolder(i) == folder)
            return true;
    return false;
}

QString ComparisonExporter::laneFolder(size_t lane) const
{
    return QDir(m_base).filePath(m_folders[lane]);
}

bool ComparisonExporter::lanesAlive() const
{
    return std::all_of(m_lanes.begin(), m_lanes.end(),
        [](const ComparisonLaneSource& lane) { return !lane.exporter.isNull(); });
}

std::vector<std::string> ComparisonExporter::droppedLanes() const
{
    const std::filesystem::path dir = m_request.folder.toStdString();
    std::vector<std::string> dropped;
    if (!isComparisonFolder(dir))
        return dropped;
    try {
        for (const ComparisonLane& lane : readComparison(dir).lanes)
            if (std::find(m_folders.begin(), m_folders.end(), QString::fromStdString(lane.folder))
                == m_folders.end())
                dropped.push_back(lane.folder);
    } catch (const ConfigError&) {
        // A damaged compare.json names no lanes: its folders stay as they are.
    }
    return dropped;
}

void ComparisonExporter::clearReplacedComparison()
{
    const std::filesystem::path dir = m_request.folder.toStdString();
    if (!isComparisonFolder(dir))
        return;
    // The old comparison stops being one first: a replace that fails half-way leaves a
    // folder that is no comparison, never one that mixes old lanes with new.
    std::filesystem::remove(dir / kComparisonFile); // throws on failure: nothing written yet
    for (const std::string& lane : m_dropped) {
        std::error_code ec; // a lane the new comparison does not have (a link: the link only)
        std::filesystem::remove_all(dir / lane, ec);
    }
}

void ComparisonExporter::writeFigures(const QStringList& formats)
{
    if (formats.isEmpty())
        return;
    ComparisonFigure figure;
    std::vector<const Snapshot*> shown;
    for (const ComparisonLaneSource& lane : m_lanes)
        shown.push_back(&lane.shown.snapshot);
    figure.setPanels(panels(shown), m_view);
    const QDir dir(m_request.folder);
    for (const QString& suffix : formats) {
        const QString file = dir.filePath("comparison." + suffix);
        const QString error = exportPlot(&figure, file,
            comparisonFigureSize(m_request.figure, static_cast<int>(m_lanes.size()),
                m_lanes.front().shown.snapshot.dimension == 2),
            m_request.caption);
        error.isEmpty() ? void(m_written << file) : void(m_errors << error);
    }
}

void ComparisonExporter::writeVideo()
{
    // One frame per kept snapshot of the first lane; every lane at that step (or the kept
    // snapshot before it: each lane's history is thinned on its own budget).
    const auto steps = m_lanes.front().history->snapshots();
    ComparisonFigure frame;
    auto prepare = [&](int i) {
        const long long step = steps[static_cast<size_t>(i)]->iteration;
        std::vector<const Snapshot*> shown;
        for (const ComparisonLaneSource& lane : m_lanes)
            shown.push_back(lane.history->snapshotAt(step));
        frame.setPanels(panels(shown), m_view);
        return step;
    };
    auto keepGoing = [this] {
        if (lanesAlive())
            return true;
        // A Reset or an Open took lanes away: their histories are gone.
        m_errors << tr("%1: the video was cut short: the lanes changed").arg(m_request.folder);
        return false;
    };
    const HistoryVideoResult video
        = writeHistoryVideo(qobject_cast<QWidget*>(parent()), tr("Writing the comparison video..."),
            m_request, &frame, static_cast<int>(steps.size()), prepare, keepGoing);
    video.error.isEmpty() ? void(m_written << video.written) : void(m_errors << video.error);
}

std::vector<ComparisonPanel> ComparisonExporter::panels(
    const std::vector<const Snapshot*>& shown) const
{
    std::vector<ComparisonPanel> panels;
    const Snapshot none;
    const long long captionStep = shown.front() ? shown.front()->iteration : 0;
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        const Snapshot& s = shown[i] ? *shown[i] : none; // nothing kept: an empty plot
        // The caption gives the first lane's step: a lane elsewhere (free running) says its own.
        const bool ownStep = s.iteration != captionStep;
        panels.push_back({ laneTitle(m_lanes[i].config, s, ownStep, {}, /*withSim=*/true), s,
            m_lanes[i].shown.y });
    }
    return panels;
}

QString ComparisonExporter::laneRemoved(size_t lane) const
{
    return tr("%1: lane %2 was removed before its folder was written")
        .arg(m_request.folder)
        .arg(lane + 1);
}

void ComparisonExporter::onLaneFinished(const QStringList& written, const QStringList& errors)
{
    if (m_pending <= 0)
        return;
    m_written << written;
    m_errors << errors;
    if (--m_pending > 0)
        return;
    for (const QMetaObject::Connection& c : m_connections)
        disconnect(c);
    m_connections.clear();
    if (m_request.runData) {
        // Only a comparison whose every lane wrote its checkpoint gets its compare.json.
        Comparison c;
        c.preset = m_lanes.front().config.presetName;
        c.seed = m_lanes.front().config.seed;
        c.lockStep = m_lockStep;
        bool whole = true;
        for (size_t i = 0; i < m_lanes.size(); ++i) {
            const QString checkpoint = QDir(laneFolder(i)).filePath("checkpoint.pt");
            whole = whole && m_written.contains(checkpoint);
            const TrainConfig& config = m_lanes[i].config;
            c.lanes.push_back({ m_folders[i].toStdString(), config.method,
                config.effectiveGenerators(), m_lanes[i].simOn, m_steps[i] });
        }
        if (whole) {
            try {
                writeComparison(m_base.toStdString(), c);
                m_written << QDir(m_base).filePath(kComparisonFile);
                commitStage();
            } catch (const std::exception& e) {
                m_errors << QString::fromStdString(e.what());
            }
        } else if (m_stage && m_stage->staged()) {
            m_errors << tr("%1: not every lane's run was written, so the comparison was not "
                           "saved; the folder is as it was")
                            .arg(m_request.folder);
        } else {
            m_errors << tr("%1: not every lane's run was written, so no compare.json; each "
                           "lane's folder that was written opens alone")
                            .arg(m_request.folder);
        }
    }
    finish();
}

void ComparisonExporter::commitStage()
{
    if (!m_stage || !m_stage->staged())
        return;
    for (const QString& lane : m_folders) { // never a lane that takes its run from the old one
        std::error_code ec;
        if (!std::filesystem::is_regular_file(
                m_stage->stage() / lane.toStdString() / "checkpoint.pt", ec))
            throw IoError(m_request.folder.toStdString() + ": the save was cut short (lane "
                + lane.toStdString() + "'s checkpoint went missing); the folder is as it was");
    }
    const std::vector<std::string> dropped = m_dropped;
    const std::filesystem::path old = m_stage->target();
    m_stage->commit([&dropped, &old](const std::filesystem::path& relative) {
        if (std::find(dropped.begin(), dropped.end(), relative.string()) != dropped.end())
            return true; // a lane the new comparison does not have
        // ModeScope's own strip of a lane the new export drew none for (a 2-D lane): it would
        // pass for the new run's. A PNG of the user's by that name is carried.
        return relative.filename() == "samples-strip.png"
            && QImageReader(QString::fromStdString((old / relative).string())).text("Software")
            == "ModeScope";
    }); // throws IoError naming the folder: then nothing of the stage is in it
    const QString stage = m_base;
    for (QString& file : m_written)
        file = asGivenFolder(file, stage, m_request.folder);
}

void ComparisonExporter::finish()
{
    m_pending = 0;
    if (m_stage && m_stage->staged()) {
        // Files left in a stage that was not committed go with it; messages name the folder.
        const QString stage = QString::fromStdString(m_stage->stage().string());
        QStringList kept;
        for (const QString& file : m_written)
            if (!file.startsWith(stage + "/"))
                kept << file;
        m_written = kept;
        for (QString& error : m_errors)
            error.replace(stage, QDir::cleanPath(m_request.folder));
    }
    m_stage.reset();
    for (const QMetaObject::Connection& c : m_connections)
        disconnect(c);
    m_connections.clear();
    emit finished(m_request.folder, m_written, m_errors);
}

} // namespace modescope::ui
