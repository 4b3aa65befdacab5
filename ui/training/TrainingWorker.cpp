#include "training/TrainingWorker.h"

#include <QMetaObject>

#include <algorithm>
#include <utility>

#include "modescope/config/ConfigError.h"
#include "modescope/io/RunFolder.h"
#include "modescope/training/Trainer.h"

namespace modescope::ui
{

namespace
{
constexpr qint64 kChunkMs = 10; // training time between looks at the event queue
// Samples per generator behind a live snapshot's curves and metrics: enough for a smooth KDE
// and metrics within about a point; exports and sessions use the run's `samples` (SPEC
// section 3: 2500 by default).
constexpr int kSnapshotSamples = 500;
// An image run's: each image goes through the judge (~0.1 ms), so fewer; its measures are then
// within a few points, and exports and sessions still use the run's `samples`.
constexpr int kImageSnapshotSamples = 100;
constexpr int kSnapshotGrid = 512; // SPEC section 4's default grid
// At most how often a finite state is kept to return to if a loss turns non-finite (at a
// snapshot: an image run's, whose snapshots are seconds apart, at each): a checkpoint in
// memory (paper-1d's ~1 MB, a millisecond; fashion-mnist's ~37 MB, ~35 ms).
constexpr qint64 kLastGoodIntervalMs = 3000;

std::filesystem::path toPath(const QString& path)
{
    return std::filesystem::path(path.toStdString());
}
} // namespace

TrainingWorker::TrainingWorker(QObject* parent)
    : QObject(parent)
{
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::reset(const TrainConfig& config)
{
    std::unique_ptr<Trainer> fresh;
    try {
        fresh = std::make_unique<Trainer>(config);
        prepareJudge(*fresh);
    } catch (const std::exception& e) { // the running training is left untouched
        emit failed(tr("Cannot start the new run: %1\nThe previous run goes on.")
                        .arg(QString::fromStdString(e.what())));
        return;
    }
    emit resetDone(fresh->config());
    adopt(std::move(fresh));
}

void TrainingWorker::openSession(const TrainConfig& config, const QString& checkpoint)
{
    std::unique_ptr<Trainer> opened;
    try {
        opened = std::make_unique<Trainer>(config);
        opened->loadCheckpoint(toPath(checkpoint));
        prepareJudge(*opened);
    } catch (const std::exception& e) { // the running training is left untouched
        emit failed(tr("Cannot open the session: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    emit sessionOpened(checkpoint);
    adopt(std::move(opened));
}

void TrainingWorker::prepareJudge(Trainer& trainer)
{
    int shown = -1;
    trainer.prepareJudge([this, &shown](std::size_t done, std::size_t total) {
        const int percent = static_cast<int>(100 * done / std::max<std::size_t>(total, 1));
        if (percent != shown) {
            shown = percent;
            emit judgeProgress(percent);
        }
    });
    if (shown >= 0 && shown < 100)
        emit judgeProgress(100);
}

void TrainingWorker::adopt(std::unique_ptr<Trainer> trainer)
{
    const bool wasRunning = m_running;
    m_running = false;
    m_waitingAtLimit = false;
    m_limit = -1;
    m_trainer = std::move(trainer);
    m_lastGoodIteration = -1;
    std::string().swap(m_lastGood); // the previous run's
    if (wasRunning)
        emit runningChanged(false);
    emit deviceChanged(QString::fromStdString(m_trainer->deviceName()));
    emitSnapshot();
}

void TrainingWorker::saveSession(const QString& dir)
{
    save(dir, true);
}

void TrainingWorker::drawSamples(const QString& dir)
{
    save(dir, false);
}

void TrainingWorker::save(const QString& dir, bool files)
{
    if (!m_trainer) {
        emit saveFailed(dir, tr("Cannot save to %1: there is no training to save").arg(dir));
        return;
    }
    try {
        SavedSession saved;
        saved.dir = dir;
        saved.iteration = m_trainer->iteration();
        saved.config = m_trainer->config();
        saved.config.live = m_trainer->liveSettings(); // as trained now, not as started
        saved.samples = m_trainer->sample(saved.config.samplesPerGenerator);
        if (files) {
            const RunFolder folder(toPath(dir));
            m_trainer->saveCheckpoint(folder.checkpointPath());
            folder.writeConfig(saved.config, m_trainer->deviceName());
            if (saved.config.images) {
                folder.writeImageSamples(saved.samples, m_trainer->judge(saved.samples),
                    m_trainer->realImages(), *saved.config.images);
            } else {
                folder.writeSamples(saved.samples, saved.config.dimension());
                folder.writeDensity(m_trainer->snapshot());
            }
        }
        emit sessionSaved(saved);
    } catch (const std::exception& e) {
        emit saveFailed(
            dir, tr("Cannot save to %1: %2").arg(dir, QString::fromStdString(e.what())));
    }
}

void TrainingWorker::start()
{
    if (!m_trainer || m_running)
        return;
    m_running = true;
    m_waitingAtLimit = false;
    emit runningChanged(true);
    m_sinceSnapshot.start();
    QMetaObject::invokeMethod(this, &TrainingWorker::runChunk, Qt::QueuedConnection);
}

void TrainingWorker::pause()
{
    if (!m_running)
        return;
    m_running = false;
    m_waitingAtLimit = false;
    emit runningChanged(false);
    emitSnapshot();
}

void TrainingWorker::stepOnce()
{
    if (!m_trainer)
        return;
    if (m_running) { // no pause snapshot: the one after the step follows at once
        m_running = false;
        emit runningChanged(false);
    }
    bool once = true;
    if (train([&once] { return std::exchange(once, false); }))
        emitSnapshot();
}

bool TrainingWorker::train(const std::function<bool()>& more)
{
    try {
        while (more())
            m_trainer->step();
        return true;
    } catch (const std::exception& e) { // out of memory, a device error: stop, keep the state
        stopWith(tr("Training stopped at step %1: %2")
                     .arg(m_trainer->iteration())
                     .arg(QString::fromStdString(e.what())));
        return false;
    }
}

void TrainingWorker::setLiveSettings(const LiveSettings& settings)
{
    if (m_trainer)
        m_trainer->setLiveSettings(settings);
}

void TrainingWorker::setStepLimit(long long limit, bool snapshot)
{
    m_limit = limit;
    m_snapshotAtLimit = snapshot;
    if (m_running && m_waitingAtLimit) { // raised (or lifted): go on
        m_waitingAtLimit = false;
        QMetaObject::invokeMethod(this, &TrainingWorker::runChunk, Qt::QueuedConnection);
    }
}

void TrainingWorker::runChunk()
{
    if (!m_running || !m_trainer)
        return;
    QElapsedTimer chunk;
    chunk.start();
    const auto belowLimit = [this] { return m_limit < 0 || m_trainer->iteration() < m_limit; };
    if (!train([&] { return chunk.elapsed() < kChunkMs && belowLimit(); }))
        return;
    if (m_limit >= 0) { // lock-step: snapshots only where the lanes meet
        if (belowLimit()) {
            QMetaObject::invokeMethod(this, &TrainingWorker::runChunk, Qt::QueuedConnection);
            return;
        }
        if (m_snapshotAtLimit)
            emitSnapshot();
        m_waitingAtLimit = true;
        emit limitReached(m_trainer->iteration());
        return;
    }
    if (m_sinceSnapshot.elapsed()
        >= snapshotIntervalMs(m_snapshotCostMs, m_trainer->config().images.has_value())) {
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
        emit snapshotReady(std::make_shared<const Snapshot>(m_trainer->snapshot(
            kSnapshotGrid, m_trainer->config().images ? kImageSnapshotSamples : kSnapshotSamples)));
        keepLastGood();
        return;
    } catch (const std::bad_alloc&) {
        stopWith(tr("Out of memory drawing the plots at step %1; training is paused.")
                     .arg(m_trainer->iteration()));
        return;
    } catch (const TrainingError& e) {
        if (m_lastGoodIteration < 0) {
            stopWith(QString::fromStdString(e.what()));
            return;
        }
        QString message = QString::fromStdString(e.what());
        try {
            m_trainer->loadCheckpointBytes(m_lastGood, "the last good state");
            message += tr("\nTraining is paused at step %1, the last state with finite losses. "
                          "A lower learning rate may help.")
                           .arg(m_lastGoodIteration);
        } catch (const std::exception& restoreError) {
            message += tr("\nThe last good state could not be restored: %1")
                           .arg(QString::fromStdString(restoreError.what()));
        }
        stopWith(message);
    } catch (const std::exception& e) { // a device error: pause where it is
        stopWith(tr("Cannot draw step %1: %2; training is paused.")
                     .arg(m_trainer->iteration())
                     .arg(QString::fromStdString(e.what())));
        return;
    }
    try {
        emit snapshotReady(std::make_shared<const Snapshot>(m_trainer->snapshot(
            kSnapshotGrid, m_trainer->config().images ? kImageSnapshotSamples : kSnapshotSamples)));
    } catch (const std::exception&) { // restored state unreadable: the message said so
    }
}

void TrainingWorker::keepLastGood()
{
    if (m_trainer->iteration() == m_lastGoodIteration)
        return;
    if (m_lastGoodIteration >= 0 && m_sinceLastGood.elapsed() < kLastGoodIntervalMs)
        return;
    try {
        m_trainer->checkpointInto(m_lastGood);
        m_lastGoodIteration = m_trainer->iteration();
        m_sinceLastGood.start();
    } catch (const std::exception&) { // no memory for it costs the fallback, not the training
        std::string().swap(m_lastGood);
        m_lastGoodIteration = -1;
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
