#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>
#include <vector>

#include "export/ComparisonFigure.h"
#include "export/ExportDialog.h"
#include "modescope/config/TrainConfig.h"
#include "modescope/io/StagedFolder.h"

namespace modescope::ui
{

class Exporter;
class RunHistory;

// One lane as a comparison export sees it.
struct ComparisonLaneSource {
    QPointer<Exporter> exporter; // writes the lane's own folder; gone with the lane
    const RunHistory* history = nullptr; // the video's frames
    TrainConfig config; // the lane's running config (method, k, the titles)
    bool simOn = false; // its Sim switch as it stands
    ComparisonPanel shown; // what the window shows of it now
};

// Exports the window's lanes as one comparison folder:
//   compare.json                 which folder is which lane (modescope/ComparisonFolder.h)
//   comparison.png/.pdf/.svg     every lane in one figure: titles, one x axis, one legend
//   history.avi (or .mp4)        the history video, every lane in each frame
//   1-gan/, 2-madgan/, ...       each lane's ordinary export: its run folder, density figure,
//                                samples strip (and the window's side plots in the first)
// With the run data the lanes' folders and compare.json are written into a stage beside the
// folder and replace the old comparison at once (modescope::StagedFolder), once every lane's
// checkpoint is written: a folder with a compare.json holds a whole comparison, and a crash or
// a failure mid-save leaves the old one. GUI thread; training is never stopped by it.
class ComparisonExporter : public QObject
{
    Q_OBJECT
public:
    explicit ComparisonExporter(QObject* parent = nullptr);

    // Starts an export of `lanes` (the window's own first); `finished` follows, possibly
    // before this returns. Refused with a message while another is being written.
    void run(const ExportRequest& request, const std::vector<ComparisonLaneSource>& lanes,
        const ComparisonView& view, bool lockStep);
    bool isBusy() const { return m_pending > 0; }
    // True while this export writes `folder` as one of its lanes' (the window's own exporter
    // then reports to it, not to the user).
    bool writesLaneFolder(const QString& folder) const;

signals:
    void finished(const QString& folder, const QStringList& written, const QStringList& errors);

private:
    void writeFigures(const QStringList& formats);
    void writeVideo();
    // The lanes' panels drawing `shown` (one snapshot per lane; null: none kept).
    std::vector<ComparisonPanel> panels(const std::vector<const Snapshot*>& shown) const;
    void onLaneFinished(const QStringList& written, const QStringList& errors);
    QString laneRemoved(size_t lane) const; // the error of a lane gone before it was written
    // The old comparison's lane folders this one does not have (not carried into the new).
    std::vector<std::string> droppedLanes() const;
    void clearReplacedComparison(); // the same, and compare.json, where nothing is staged
    void commitStage(); // the stage in the folder's place; throws IoError
    QString laneFolder(size_t lane) const; // where lane `lane` writes (in the stage, if any)
    bool lanesAlive() const;
    void finish();

    ExportRequest m_request;
    std::vector<ComparisonLaneSource> m_lanes;
    std::vector<QString> m_folders; // the lanes' folder names
    std::vector<long long> m_steps; // each lane's checkpoint step, as its export finished
    std::vector<QMetaObject::Connection> m_connections;
    ComparisonView m_view;
    bool m_lockStep = true;
    QStringList m_written;
    QStringList m_errors;
    int m_pending = 0; // lane exports not yet finished
    std::unique_ptr<StagedFolder> m_stage; // with the run data
    QString m_base; // the stage, or the folder itself
    std::vector<std::string> m_dropped; // droppedLanes(), read before anything is written
};

} // namespace modescope::ui
