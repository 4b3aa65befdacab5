#pragma once

#include <QObject>
#include <QThread>

#include "training/SnapshotFlow.h"
#include "modescope/config/TrainConfig.h"
#include "modescope/training/Snapshot.h"

namespace modescope::ui
{

class TrainingWorker;
struct SavedSession;

// Nice levels a training thread runs below the GUI thread (ThreadPriority.h).
inline constexpr int kTrainingNiceSteps = 5;

// The GUI thread's handle on training (the QThread documentation's Controller): every call
// is queued to the worker, every result comes back as a queued signal, so the GUI thread
// never waits on a training step.
class TrainingController : public QObject
{
    Q_OBJECT
public:
    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override; // stops the worker and waits for it

    bool isRunning() const { return m_running; }
    // The last snapshot received (an empty one before the first), shared with the lane.
    const Snapshot& latest() const;
    // A run has been built or opened on the worker (a refused first reset, or an open still
    // loading, leaves none).
    bool hasRun() const { return m_hasRun; }

public slots:
    void reset(const modescope::TrainConfig& config);
    void start();
    void pause();
    void toggle();
    void stepOnce();
    void setLiveSettings(const modescope::LiveSettings& settings);
    void setStepLimit(long long limit, bool snapshot); // see TrainingWorker::setStepLimit
    // See TrainingWorker::saveSession / drawSamples / openSession; results come back as signals.
    void saveSession(const QString& dir);
    void drawSamples(const QString& dir);
    void openSession(const modescope::TrainConfig& config, const QString& checkpoint);

signals:
    void snapshotReady(const modescope::ui::SnapshotPtr& snapshot);
    void runningChanged(bool running);
    void deviceChanged(const QString& device);
    void failed(const QString& message);
    void resetDone(const modescope::TrainConfig& config); // before the new run's first snapshot
    void sessionOpened(const QString& checkpoint);
    void sessionSaved(const modescope::ui::SavedSession& saved);
    void saveFailed(const QString& dir, const QString& message);
    void limitReached(long long iteration);
    void judgeProgress(int percent); // TrainingWorker's

private:
    QThread m_thread;
    TrainingWorker* m_worker; // lives on m_thread; deleted after the thread has stopped
    bool m_running = false; // GUI thread; mirrors the worker's runningChanged
    bool m_hasRun = false; // GUI thread
    SnapshotPtr m_latest; // GUI thread; the last snapshot received
};

} // namespace modescope::ui
