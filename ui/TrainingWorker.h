#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <memory>

#include "modescope/Snapshot.h"
#include "modescope/TrainConfig.h"

namespace modescope
{
class Trainer;
}

namespace modescope::ui
{

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
    void reset(const modescope::TrainConfig& config); // new networks; paused at step 0
    void start();
    void pause();
    void stepOnce(); // one step, a snapshot, then paused
    void setLiveSettings(const modescope::LiveSettings& settings);
    void requestSnapshot();

signals:
    void snapshotReady(const modescope::Snapshot& snapshot);
    void runningChanged(bool running);
    void deviceChanged(const QString& device);
    void failed(const QString& message);

private:
    void runChunk();
    void emitSnapshot();
    void stopWith(const QString& message);

    std::unique_ptr<Trainer> m_trainer;
    bool m_running = false;
    QElapsedTimer m_sinceSnapshot;
    double m_snapshotCostMs = 0.0; // how long the last snapshot took (worker thread)
};

} // namespace modescope::ui
