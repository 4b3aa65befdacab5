#pragma once

#include <QObject>
#include <QStringList>

#include <memory>

#include "export/ExportDialog.h"
#include "modescope/io/StagedFolder.h"

namespace modescope::ui
{

class DensityPlot;
class LossPlot;
class MetricsPlot;
class OwnershipMap;
class RunHistory;
class TrainingController;
struct SavedSession;

// `file`, written under `stage`, named under `folder` as the user gave it (relative, or through
// a link): the window compares what was written against that. Other paths come back as they are.
QString asGivenFolder(const QString& file, const QString& stage, const QString& folder);

// What an export draws from: a lane's plots, its run's history and its training. Only the
// window's own lane has side plots (losses, metrics; null for the others).
struct ExportSources {
    DensityPlot* density = nullptr;
    LossPlot* losses = nullptr;
    MetricsPlot* metrics = nullptr;
    OwnershipMap* ownership = nullptr;
    const RunHistory* history = nullptr;
    TrainingController* controller = nullptr;
};

// Carries out an ExportRequest on the GUI thread. Plots, strip and video are written at once;
// the run folder's checkpoint and samples come from the worker (TrainingController::
// saveSession), after which metrics.csv is written from the history and `finished` is sent.
// Training is never stopped for an export.
class Exporter : public QObject
{
    Q_OBJECT
public:
    Exporter(const ExportSources& sources, QObject* parent = nullptr);
    // The window's own lane exports the side plots too (losses, metrics).
    void setSidePlots(LossPlot* losses, MetricsPlot* metrics)
    {
        m_sources.losses = losses;
        m_sources.metrics = metrics;
    }

    // Starts an export; `finished` follows, possibly before this returns. An export while
    // another waits on the worker is refused with a message.
    void run(const ExportRequest& request);
    // The step of the checkpoint the last export with the run folder wrote (0: none yet).
    long long savedIteration() const { return m_savedIteration; }

signals:
    // `errors` is empty when every file was written; `written` names the files.
    void finished(const QString& folder, const QStringList& written, const QStringList& errors);

private:
    void onSessionSaved(const SavedSession& saved);
    void onSaveFailed(const QString& dir, const QString& message);
    void writePlots(const ExportRequest& request);
    void writeVideo(const ExportRequest& request);
    // The run data written into the stage go into the folder as a whole; false (and a message)
    // when they cannot, the folder then as it was.
    bool commitStage(const QStringList& staged);
    QString inFolder(QString message) const; // a message naming the stage names the folder
    void finish();

    ExportSources m_sources;
    ExportRequest m_request;
    bool m_stripWanted = false; // the request asks for a strip and the run is 1-D
    QStringList m_written;
    QStringList m_errors;
    bool m_waiting = false; // a saveSession is in flight to the worker
    // Where the run data go while they are written (request.wholeFolder); none otherwise.
    std::unique_ptr<StagedFolder> m_stage;
    QString m_runDir; // the folder the worker writes the run into: the stage or the folder
    long long m_savedIteration = 0;
};

} // namespace modescope::ui
