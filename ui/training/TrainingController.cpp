#include "training/TrainingController.h"

#include "training/TrainingWorker.h"
#include "modescope/machine/ThreadPriority.h"

namespace modescope::ui
{

TrainingController::TrainingController(QObject* parent)
    : QObject(parent)
    , m_worker(new TrainingWorker)
{
    qRegisterMetaType<modescope::ui::SnapshotPtr>("modescope::ui::SnapshotPtr");
    qRegisterMetaType<modescope::TrainConfig>("modescope::TrainConfig");
    qRegisterMetaType<modescope::LiveSettings>("modescope::LiveSettings");
    qRegisterMetaType<modescope::ui::SavedSession>("modescope::ui::SavedSession");
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &TrainingWorker::snapshotReady, this, [this](const SnapshotPtr& snapshot) {
        m_latest = snapshot;
        emit snapshotReady(snapshot);
    });
    connect(m_worker, &TrainingWorker::runningChanged, this, [this](bool running) {
        m_running = running;
        emit runningChanged(running);
    });
    connect(m_worker, &TrainingWorker::deviceChanged, this, &TrainingController::deviceChanged);
    connect(m_worker, &TrainingWorker::failed, this, &TrainingController::failed);
    connect(m_worker, &TrainingWorker::sessionSaved, this, &TrainingController::sessionSaved);
    connect(m_worker, &TrainingWorker::saveFailed, this, &TrainingController::saveFailed);
    // A run exists from the moment it is built or opened (its first snapshot comes after).
    connect(m_worker, &TrainingWorker::resetDone, this, [this](const TrainConfig& config) {
        m_hasRun = true;
        emit resetDone(config);
    });
    connect(m_worker, &TrainingWorker::sessionOpened, this, [this](const QString& checkpoint) {
        m_hasRun = true;
        emit sessionOpened(checkpoint);
    });
    connect(m_worker, &TrainingWorker::limitReached, this, &TrainingController::limitReached);
    connect(m_worker, &TrainingWorker::judgeProgress, this, &TrainingController::judgeProgress);
    m_thread.setObjectName("training");
    // Run on the new thread as it starts: training yields to the GUI thread (ThreadPriority.h).
    connect(&m_thread, &QThread::started, [] { lowerThisThreadPriority(kTrainingNiceSteps); });
    m_thread.start();
}

const Snapshot& TrainingController::latest() const
{
    static const Snapshot none;
    return m_latest ? *m_latest : none;
}

TrainingController::~TrainingController()
{
    // quit() ends the worker's event loop after the chunk in progress (~10 ms).
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void TrainingController::reset(const TrainConfig& config)
{
    QMetaObject::invokeMethod(
        m_worker, "reset", Qt::QueuedConnection, Q_ARG(modescope::TrainConfig, config));
}

void TrainingController::start()
{
    QMetaObject::invokeMethod(m_worker, &TrainingWorker::start, Qt::QueuedConnection);
}

void TrainingController::pause()
{
    QMetaObject::invokeMethod(m_worker, &TrainingWorker::pause, Qt::QueuedConnection);
}

void TrainingController::toggle()
{
    m_running ? pause() : start();
}

void TrainingController::stepOnce()
{
    QMetaObject::invokeMethod(m_worker, &TrainingWorker::stepOnce, Qt::QueuedConnection);
}

void TrainingController::setLiveSettings(const LiveSettings& settings)
{
    QMetaObject::invokeMethod(m_worker, "setLiveSettings", Qt::QueuedConnection,
        Q_ARG(modescope::LiveSettings, settings));
}

void TrainingController::setStepLimit(long long limit, bool snapshot)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, limit, snapshot] { worker->setStepLimit(limit, snapshot); },
        Qt::QueuedConnection);
}

void TrainingController::saveSession(const QString& dir)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, dir] { worker->saveSession(dir); }, Qt::QueuedConnection);
}

void TrainingController::drawSamples(const QString& dir)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, dir] { worker->drawSamples(dir); }, Qt::QueuedConnection);
}

void TrainingController::openSession(const TrainConfig& config, const QString& checkpoint)
{
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, config, checkpoint] { worker->openSession(config, checkpoint); },
        Qt::QueuedConnection);
}

} // namespace modescope::ui
