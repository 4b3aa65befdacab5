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
//   (LaneSet): each costs every lane's worker a snapshot, so the dearest lane's last one
//   spaces them as snapshotIntervalMs does (lockStepSnapshotMs);
// - a lane redraws its plot and title at most every kRedrawMs after a snapshot arrives (the
//   lanes after the first are spread over that period, so their replots fall in separate passes
//   of the event loop), and the side plots and the ownership map every kSideRedrawMs.
inline constexpr long long kSnapshotIntervalMs = 50;
inline constexpr double kSnapshotTimeShare = 0.06;
// An image run's snapshot judges 100 images per generator (~250 ms on two cores, all but ~40 ms
// of it the judge): at 6% it drew every ~5 s and cost the window a tenth of the headless
// speed with the GUI's own work; at 4%, every ~7 s (docs/PERFORMANCE.md, Images).
inline constexpr double kImageSnapshotTimeShare = 0.04;
// However dear the last snapshot (a slow one times 17 or 25 is a long wait: a swap, a first
// judge after a reset, three lanes on two cores), the next is at most this far off.
inline constexpr long long kMaxSnapshotIntervalMs = 10000;
inline constexpr long long kLockStepSnapshotMs = 100;
inline constexpr int kRedrawMs = 40;
inline constexpr int kSideRedrawMs = 250;

// The free-running worker's time between snapshots when the last one took `lastCostMs`.
inline long long snapshotIntervalMs(double lastCostMs, bool images = false)
{
    const double share = images ? kImageSnapshotTimeShare : kSnapshotTimeShare;
    return std::clamp(static_cast<long long>(std::min(lastCostMs / share, 1e9)),
        kSnapshotIntervalMs, kMaxSnapshotIntervalMs);
}

// Lanes in lock-step: the time between the meetings where they snapshot, when the dearest
// lane's last snapshot took `dearestCostMs` (Snapshot::makingSeconds). Three fashion-mnist lanes
// snapshotted every 100 ms at ~250 ms each and trained at 0.45 of one headless run.
inline long long lockStepSnapshotMs(double dearestCostMs, bool images)
{
    return std::max(kLockStepSnapshotMs, snapshotIntervalMs(dearestCostMs, images));
}

} // namespace modescope::ui
