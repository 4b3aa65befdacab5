#include "TrainingWorker.h"

#include <QMetaObject>

#include <algorithm>

#include "modescope/ConfigError.h"
#include "modescope/Trainer.h"

namespace modescope::ui
{

namespace
{
constexpr qint64 kChunkMs = 10; // training time between looks at the event queue
constexpr qint64 kSnapshotIntervalMs = 50; // at most 20 snapshots a second (SPEC section 4)
// Share of the worker's time that snapshots may take while training runs: a snapshot costs
// ~30 ms on two CPU cores for paper-1d, so the interval stretches to keep training fast.
constexpr double kSnapshotTimeShare = 0.08;
} // namespace

TrainingWorker::TrainingWorker(QObject* parent)
    : QObject(parent)
{
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::reset(const TrainConfig& config)
{
    const bool wasRunning = m_running;
    m_running = false;
    try {
        m_trainer = std::make_unique<Trainer>(config);
    } catch (const std::exception& e) {
        m_trainer.reset();
        emit runningChanged(false);
        emit failed(QString::fromStdString(e.what()));
        return;
    }
    if (wasRunning)
        emit runningChanged(false);
    emit deviceChanged(QString::fromStdString(m_trainer->deviceName()));
    emitSnapshot();
}

void TrainingWorker::start()
{
    if (!m_trainer || m_running)
        return;
    m_running = true;
    emit runningChanged(true);
    m_sinceSnapshot.start();
    QMetaObject::invokeMethod(this, &TrainingWorker::runChunk, Qt::QueuedConnection);
}

void TrainingWorker::pause()
{
    if (!m_running)
        return;
    m_running = false;
    emit runningChanged(false);
    emitSnapshot();
}

void TrainingWorker::stepOnce()
{
    if (!m_trainer)
        return;
    if (m_running) {  // no pause snapshot: the one after the step follows at once
        m_running = false;
        emit runningChanged(false);
    }
    m_trainer->step();
    emitSnapshot();
}

void TrainingWorker::setLiveSettings(const LiveSettings& settings)
{
    if (m_trainer)
        m_trainer->setLiveSettings(settings);
}

void TrainingWorker::requestSnapshot()
{
    if (m_trainer)
        emitSnapshot();
}

void TrainingWorker::runChunk()
{
    if (!m_running || !m_trainer)
        return;
    QElapsedTimer chunk;
    chunk.start();
    while (chunk.elapsed() < kChunkMs)
        m_trainer->step();
    const qint64 interval = std::max<qint64>(
        kSnapshotIntervalMs, static_cast<qint64>(m_snapshotCostMs / kSnapshotTimeShare));
    if (m_sinceSnapshot.elapsed() >= interval) {
        QElapsedTimer cost;
        cost.start();
        emitSnapshot();
        m_snapshotCostMs = static_cast<double>(cost.elapsed());
        m_sinceSnapshot.restart();
    }
    if (m_running) // requeued, so pause/reset/settings calls get in between chunks
        QMetaObject::invokeMethod(this, &TrainingWorker::runChunk, Qt::QueuedConnection);
}

void TrainingWorker::emitSnapshot()
{
    try {
        emit snapshotReady(m_trainer->snapshot());
    } catch (const TrainingError& e) {
        stopWith(QString::fromStdString(e.what()));
    }
}

void TrainingWorker::stopWith(const QString& message)
{
    if (m_running) {
        m_running = false;
        emit runningChanged(false);
    }
    emit failed(message);
}

} // namespace modescope::ui
