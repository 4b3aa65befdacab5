#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <functional>
#include <memory>
#include <string>

#include "training/SnapshotFlow.h"
#include "modescope/config/TrainConfig.h"
#include "modescope/training/Snapshot.h"

namespace modescope
{
class Trainer;
}

namespace modescope::ui
{

// What the worker reports after writing a session's run folder (copied to the GUI thread).
struct SavedSession {
    QString dir;
    long long iteration = 0; // the checkpoint's step
    modescope::TrainConfig config; // the trainer's
    std::vector<std::vector<double>> samples; // samples.csv's content: [generator][sample]
};

// Owns the training loop on the worker thread (the mandelbrot example's RenderThread, as a
// QObject moved to a QThread). Every slot runs on that thread; training goes in short chunks
// so queued control calls (pause, live settings, reset) are handled at step boundaries.
class TrainingWorker : public QObject
{
    Q_OBJECT
public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

public slots:
    // New networks, paused at step 0. When they cannot be built the running training is kept
    // and `failed` says why.
    void reset(const modescope::TrainConfig& config);
    void start();
    void pause();
    void stepOnce(); // one step, a snapshot, then paused
    void setLiveSettings(const modescope::LiveSettings& settings);
    // Lock-step (lanes): while running, training stops short of passing step `limit` and waits
    // there, reporting limitReached, until the limit is raised; `snapshot` asks for a snapshot
    // at the limit. While a limit holds, training sends no snapshots of its own (pause and a
    // single step still do), so lanes draw the same steps. A negative limit runs free again;
    // a new run (reset, open) starts without one.
    void setStepLimit(long long limit, bool snapshot);
    // Writes config.json, checkpoint.pt, samples.csv and density.csv into `dir` (the run
    // folder of SPEC section 5 less metrics.csv, which the GUI holds); then sessionSaved.
    // Training goes on.
    void saveSession(const QString& dir);
    // Draws the config's samples per generator, as saveSession does, without writing a file
    // (an export's sample strip); then sessionSaved, for `dir`.
    void drawSamples(const QString& dir);
    // A trainer for `config` with `checkpoint` loaded, paused. On failure the current
    // training is kept as it was.
    void openSession(const modescope::TrainConfig& config, const QString& checkpoint);

signals:
    void snapshotReady(const modescope::ui::SnapshotPtr& snapshot);
    void runningChanged(bool running);
    void deviceChanged(const QString& device);
    void failed(const QString& message);
    void resetDone(const modescope::TrainConfig& config); // just before the new run's snapshot
    void sessionSaved(const modescope::ui::SavedSession& saved);
    void saveFailed(const QString& dir, const QString& message);
    void sessionOpened(const QString& checkpoint); // just before the opened run's snapshot
    void limitReached(long long iteration); // training waits at the step limit
    // An image run's judge being trained (once per data set, minutes): percent done, from 0;
    // 100 when it is ready.
    void judgeProgress(int percent);

private:
    void save(const QString& dir, bool files);
    void runChunk();
    // Runs `steps` training steps; false (training stopped, `failed` sent) when one throws.
    bool train(const std::function<bool()>& more);
    void emitSnapshot();
    void stopWith(const QString& message);
    void keepLastGood(); // every kLastGoodIntervalMs, a checkpoint to fall back on
    void adopt(std::unique_ptr<Trainer> trainer); // paused, announced, first snapshot sent
    // An image run's judge, loaded or trained (with judgeProgress) before its first snapshot.
    void prepareJudge(Trainer& trainer);

    std::unique_ptr<Trainer> m_trainer;
    bool m_running = false;
    QElapsedTimer m_sinceSnapshot;
    double m_snapshotCostMs = 0.0; // how long the last snapshot took (worker thread)
    std::string m_lastGood; // the last good state's checkpoint, in memory (keepLastGood)
    QElapsedTimer m_sinceLastGood;
    long long m_lastGoodIteration = -1; // -1: no checkpoint kept yet for this trainer
    long long m_limit = -1; // setStepLimit's; -1: none
    bool m_snapshotAtLimit = false;
    bool m_waitingAtLimit = false; // running, but held at m_limit (no chunk queued)
};

} // namespace modescope::ui
