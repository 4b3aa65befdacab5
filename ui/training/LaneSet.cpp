#include "training/LaneSet.h"

#include <QTimer>

#include <algorithm>
#include <utility>

#include "training/TrainingController.h"

namespace modescope::ui
{

namespace
{
// Aimed time between limits: the stride doubles below half of it and halves above twice it.
constexpr qint64 kRoundMs = 40;
constexpr int kMinStride = 1;
constexpr int kMaxStride = 2000;
} // namespace

LaneSet::LaneSet(QObject* parent)
    : QObject(parent)
{
}

void LaneSet::setControllers(const std::vector<TrainingController*>& controllers)
{
    halt();
    for (const Member& m : m_members)
        if (m.controller)
            disconnect(m.controller, nullptr, this, nullptr);
    m_members.clear();
    for (TrainingController* c : controllers) {
        const int lane = static_cast<int>(m_members.size());
        m_members.push_back({ c, c->latest().iteration, false });
        connect(c, &TrainingController::limitReached, this,
            [this, lane](long long iteration) { onLimitReached(lane, iteration); });
        // A lane that stops by itself says why (failed) after saying it stopped: runningChanged
        // alone cannot tell a failure from the pauses this set asks for.
        connect(c, &TrainingController::failed, this, [this, lane] { onLaneFailed(lane); });
        connect(c, &TrainingController::resetDone, this, [this, lane] { onLaneReady(lane); });
        connect(c, &TrainingController::sessionOpened, this, [this, lane] { onLaneReady(lane); });
    }
    m_limit = -1;
}

void LaneSet::setLockStep(bool lockStep)
{
    if (lockStep == m_lockStep)
        return;
    const bool wasRunning = m_running;
    if (wasRunning) // restart in the new mode: lanes catch up to the leader first
        halt();
    m_lockStep = lockStep;
    if (wasRunning)
        start();
}

void LaneSet::start()
{
    if (m_running || m_members.empty())
        return;
    m_pausing = false;
    for (Member& m : m_members) {
        m.dropped = false;
        m.at = m.controller ? m.controller->latest().iteration : 0;
    }
    if (shared()) {
        long long leader = 0;
        for (Member& m : m_members) {
            // A lane with no run (its first reset was refused, or it is still opening) would
            // never reach a limit: it joins once its run is there (onLaneReady).
            m.dropped = !m.controller || !m.controller->hasRun();
            if (!m.dropped)
                leader = std::max(leader, m.at);
        }
        m_limit = leader + m_stride;
        m_sinceRound.start();
        m_sinceSnapshot.start();
        for (Member& m : m_members)
            if (m.controller && !m.dropped) { // a lane with no run is not started to wait
                m.controller->setStepLimit(m_limit, false);
                m.controller->start();
            }
    } else {
        m_limit = -1;
        for (Member& m : m_members)
            if (m.controller) {
                m.controller->setStepLimit(-1, false);
                m.controller->start();
            }
    }
    setRunning(true);
}

void LaneSet::pause()
{
    if (!m_running)
        return;
    if (shared()) { // stop where the lanes meet, so the paused picture compares like with like
        m_pausing = true;
        return;
    }
    halt();
}

void LaneSet::toggle()
{
    m_running ? pause() : start();
}

void LaneSet::stepOnce()
{
    if (m_running && shared()) { // pause where the lanes meet, then step them together
        m_pausing = true;
        m_stepAfterPause = true;
        return;
    }
    if (m_running)
        halt();
    for (Member& m : m_members)
        if (m.controller)
            m.controller->stepOnce();
}

void LaneSet::whenLanesMeet(std::function<void(bool met)> then)
{
    if (!m_running || !shared()) {
        then(true);
        return;
    }
    m_meetWaiters.push_back(std::move(then));
}

void LaneSet::meet()
{
    m_meeting = false;
    auto waiters = std::move(m_meetWaiters);
    m_meetWaiters.clear();
    for (auto& then : waiters)
        then(true);
    if (m_running && shared())
        advance(); // on, or the pause asked for meanwhile
}

void LaneSet::halt()
{
    auto waiters = std::move(m_meetWaiters);
    m_meetWaiters.clear();
    m_meeting = false;
    for (auto& then : waiters)
        then(false);
    m_pausing = false;
    m_stepAfterPause = false;
    m_limit = -1;
    for (Member& m : m_members)
        if (m.controller) {
            m.controller->pause();
            m.controller->setStepLimit(-1, false);
        }
    setRunning(false);
}

void LaneSet::onLimitReached(int lane, long long iteration)
{
    if (lane >= static_cast<int>(m_members.size()))
        return;
    m_members[static_cast<size_t>(lane)].at = iteration;
    if (m_running && shared())
        advance();
}

void LaneSet::advance()
{
    for (const Member& m : m_members)
        if (m.controller && !m.dropped && m.at < m_limit)
            return; // still waiting for this one
    if (m_meeting)
        return; // held for the waiters
    if (!m_meetWaiters.empty()) { // every lane idle at m_limit: run them out of this call
        m_meeting = true;
        QTimer::singleShot(0, this, [this] {
            if (m_meeting)
                meet();
        });
        return;
    }
    if (m_pausing) {
        m_pausing = false;
        for (Member& m : m_members)
            if (m.controller && !m.dropped)
                m.controller->pause(); // each sends its snapshot: all at m_limit
        setRunning(false);
        if (std::exchange(m_stepAfterPause, false))
            stepOnce();
        return;
    }
    // Aim at rounds of about kRoundMs: fewer waits when steps are fast, short ones when slow.
    const qint64 took = m_sinceRound.restart();
    if (took < kRoundMs / 2)
        m_stride = std::min(m_stride * 2, kMaxStride);
    else if (took > kRoundMs * 2)
        m_stride = std::max(m_stride / 2, kMinStride);
    m_limit += m_stride;
    double dearestMs = 0.0;
    bool images = false;
    for (const Member& m : m_members)
        if (m.controller && !m.dropped) {
            dearestMs = std::max(dearestMs, 1000.0 * m.controller->latest().makingSeconds);
            images = images || !m.controller->latest().images.empty();
        }
    const bool snapshot = m_sinceSnapshot.elapsed() >= lockStepSnapshotMs(dearestMs, images);
    if (snapshot)
        m_sinceSnapshot.restart();
    for (Member& m : m_members)
        if (m.controller && !m.dropped)
            m.controller->setStepLimit(m_limit, snapshot);
}

void LaneSet::onLaneReady(int lane)
{
    // A lane left out at start because its run was still being built or opened joins now.
    if (!m_running || lane >= static_cast<int>(m_members.size()))
        return;
    Member& member = m_members[static_cast<size_t>(lane)];
    if (!member.dropped || !member.controller || member.controller->isRunning())
        return;
    member.dropped = false;
    member.at = member.controller->latest().iteration;
    member.controller->setStepLimit(shared() ? m_limit : -1, false);
    member.controller->start();
}

void LaneSet::onLaneFailed(int lane)
{
    if (!m_running || lane >= static_cast<int>(m_members.size()))
        return;
    Member& member = m_members[static_cast<size_t>(lane)];
    if (!member.controller || member.controller->isRunning())
        return; // a reset that could not be built: that lane trains on
    // Stopped by a failure (a non-finite loss, no memory): the others go on without it.
    member.dropped = true;
    const bool anyLeft = std::any_of(m_members.begin(), m_members.end(),
        [](const Member& m) { return m.controller && !m.dropped; });
    if (!anyLeft) {
        setRunning(false);
        return;
    }
    if (shared())
        advance();
}

void LaneSet::setRunning(bool running)
{
    if (running == m_running)
        return;
    m_running = running;
    emit runningChanged(running);
}

} // namespace modescope::ui
