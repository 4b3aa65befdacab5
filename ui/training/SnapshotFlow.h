#pragma once

#include <algorithm>
#include <memory>

#include "modescope/training/Snapshot.h"

namespace modescope::ui
{

// A snapshot as it travels from a lane's worker to its plot: made once, on the worker thread,
// and shared read-only by the controller (latest()), the lane that draws it and the plot that
// holds it for redraws. Only the run's history copies it, into storage it reuses (RunHistory.h).
using SnapshotPtr = std::shared_ptr<const Snapshot>;

// How often the window sees a run, in one place (all in milliseconds):
// - a free-running worker sends a snapshot at most every kSnapshotIntervalMs (SPEC section 4),
//   and less often when snapshots are dear: they take at most kSnapshotTimeShare of its time
//   (a paper-1d snapshot costs ~10 ms on two cores), see snapshotIntervalMs;
// - lanes in lock-step send theirs only where they meet, at most every kLockStepSnapshotMs
//   (LaneSet): each costs every lane's worker a snapshot;
// - a lane redraws its plot and title at most every kRedrawMs after a snapshot arrives (the
//   lanes after the first are spread over that period, so their replots fall in separate passes
//   of the event loop), and the side plots and the ownership map every kSideRedrawMs.
inline constexpr long long kSnapshotIntervalMs = 50;
inline constexpr double kSnapshotTimeShare = 0.06;
inline constexpr long long kLockStepSnapshotMs = 100;
inline constexpr int kRedrawMs = 40;
inline constexpr int kSideRedrawMs = 250;

// The free-running worker's time between snapshots when the last one took `lastCostMs`.
inline long long snapshotIntervalMs(double lastCostMs)
{
    return std::max(kSnapshotIntervalMs, static_cast<long long>(lastCostMs / kSnapshotTimeShare));
}

} // namespace modescope::ui
