#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <functional>
#include <vector>

namespace modescope::ui
{

class TrainingController;

// Start, pause and step for every lane at once. In lock-step (the default) the lanes advance
// together: each trains up to a shared step limit and waits there until all have reached it,
// then the limit moves on; snapshots are taken only at those limits, so every picture shows
// the lanes at the same step. A lane that stops by itself (a failure) leaves the group and the
// others go on. Free running lets each lane go at its own speed. GUI thread only.
class LaneSet : public QObject
{
    Q_OBJECT
public:
    explicit LaneSet(QObject* parent = nullptr);

    // The lanes' controllers, the window's own first; replaces the set (paused first).
    void setControllers(const std::vector<TrainingController*>& controllers);
    void setLockStep(bool lockStep);
    bool lockStep() const { return m_lockStep; }
    bool isRunning() const { return m_running; }
    long long stepLimit() const { return m_limit; } // the current lock-step limit; -1: none
    // Calls `then(true)` with every lane at the same step: at once when not running in
    // lock-step, else at the next limit, where every lane waits (idle) until `then` has
    // returned; they then go on (or pause, if asked meanwhile). `then(false)` when halt() or a
    // new set of lanes comes first. Work `then` queues to the workers is done at that step.
    void whenLanesMeet(std::function<void(bool met)> then);

public slots:
    void start();
    void pause(); // in lock-step: at the next step where the lanes meet
    void toggle();
    // One step for every lane; while running in lock-step, after pausing where they meet.
    void stepOnce();
    // Stops every lane now, wherever it is, and lifts the step limits: before a reset, an open
    // or a new set of lanes, which would otherwise leave a worker waiting at a limit. Cancels
    // what waits for the lanes to meet.
    void halt();

signals:
    void runningChanged(bool running);

private:
    struct Member {
        QPointer<TrainingController> controller;
        long long at = 0; // the step it reported waiting at
        bool dropped = false; // stopped by itself: no longer waited for
    };
    void onLimitReached(int lane, long long iteration);
    void onLaneFailed(int lane);
    void onLaneReady(int lane); // its run was built or opened
    void advance(); // every lane at the limit: move it on (or pause, when asked)
    void meet(); // at a limit with waiters: runs them, then advances
    void setRunning(bool running);
    bool shared() const { return m_lockStep && m_members.size() > 1; }

    std::vector<Member> m_members;
    bool m_lockStep = true;
    bool m_running = false;
    bool m_pausing = false; // lock-step pause: at the next limit
    std::vector<std::function<void(bool)>> m_meetWaiters;
    bool m_meeting = false; // held at a limit until the waiters have run
    bool m_stepAfterPause = false; // Step pressed while running: one step once paused
    long long m_limit = -1;
    int m_stride = 10; // steps between limits, adapted to take about kRoundMs
    QElapsedTimer m_sinceRound;
    QElapsedTimer m_sinceSnapshot;
};

} // namespace modescope::ui
