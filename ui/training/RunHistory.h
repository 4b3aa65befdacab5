#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "modescope/io/RunFolder.h"
#include "modescope/maths/CureTime.h"
#include "modescope/training/Snapshot.h"

namespace modescope::ui
{

// What the window remembers of a run (GUI thread only): a metrics row per new step seen, for
// the side plots and metrics.csv, and the snapshots themselves for the history slider, kept
// under a memory budget by dropping every other one, one at a time, once full (the whole run
// stays covered, at a coarser step); a snapshot that comes in then (but a map's) takes the storage
// of the one that goes.
class RunHistory
{
public:
    static constexpr std::size_t kDefaultBudgetBytes = std::size_t(96) << 20; // snapshots

    explicit RunHistory(std::size_t budgetBytes = kDefaultBudgetBytes);

    void clear();
    // Adds a snapshot of a new step (and a metrics row when it has losses). A step before the
    // last one seen (a restored state, an opened session) first drops what came after it.
    void add(const Snapshot& snapshot);
    // Rows read from an opened session's metrics.csv, before its first snapshot.
    void setRows(std::vector<MetricsRow> rows);

    const std::vector<MetricsRow>& rows() const { return m_rows; }
    std::vector<MetricsRow> rowsUpTo(long long iteration) const;
    // When every one of `modes` modes came to stay covered, up to `iteration` (CureTime.h).
    // At the live end (iteration at or after the last row) it is kept up to date row by row:
    // walked back from the end at every redraw it cost a lane a walk over every row since the
    // cure, and the GUI thread slowed as a cured run went on.
    CureTime cureAt(long long iteration, int modes) const;
    std::size_t snapshotCount() const { return m_snapshots.size(); }
    const Snapshot& snapshot(std::size_t i) const { return *m_snapshots[i]; }
    // The kept snapshot of the latest step at or before `iteration` (the first one when all
    // are later); nullptr when none is kept. Lanes scrub to the step the slider shows.
    const Snapshot* snapshotAt(long long iteration) const;
    // The same, shared: a plot holds what it draws (and the history then reuses other storage).
    std::shared_ptr<const Snapshot> sharedAt(long long iteration) const;
    // The kept snapshots as they are now: a long reader (the video export) holds these while
    // new snapshots arrive and thinning reshapes the history.
    std::vector<std::shared_ptr<const Snapshot>> snapshots() const { return m_snapshots; }
    std::size_t bytes() const { return m_bytes; }

private:
    void dropAfter(long long iteration);
    void thin();
    // Removes the snapshot thinning drops next and returns it for reuse when no reader holds
    // it (else null). A full history then copies each new snapshot into the storage of the one
    // it drops: the same sizes, so no memory is freed or taken. Freed and taken 10 times a
    // second per lane, the snapshots' thousands of 4 KiB blocks riddled the heap with holes,
    // and the trim that gives free pages back (Allocator.h) then had thousands of holes to hand
    // back every second (docs/RELIABILITY.md, Soak).
    std::shared_ptr<Snapshot> takeNextThinned();

    std::size_t m_budget;
    std::size_t m_bytes = 0;
    std::size_t m_thinAt = 1; // the next snapshot thinning drops (a sweep's position)
    // cureAt's live end: the cure over the first m_cureRows rows, for m_cureModes modes.
    mutable CureTime m_cure;
    mutable std::size_t m_cureRows = 0;
    mutable int m_cureModes = -1;
    std::vector<MetricsRow> m_rows;
    std::vector<std::shared_ptr<const Snapshot>> m_snapshots; // shared with readers, never changed
};

// Roughly what a snapshot holds in memory (its vectors' payloads).
std::size_t snapshotBytes(const Snapshot& snapshot);

} // namespace modescope::ui
