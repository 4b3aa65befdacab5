#include "training/RunHistory.h"

#include <algorithm>

namespace modescope::ui
{

std::size_t snapshotBytes(const Snapshot& s)
{
    std::size_t doubles = s.grid.size() + s.gridY.size() + s.dataDensity.size()
        + s.mixtureDensity.size() + s.dReal.size() + s.gLosses.size();
    for (const auto& density : s.generatorDensity)
        doubles += density.size();
    for (const auto& points : s.points)
        doubles += points.size();
    for (const auto& contour : s.contours)
        doubles += contour.size();
    for (const auto& row : s.metrics.ownership)
        doubles += row.size();
    std::size_t floats = s.realImages.size(); // an image run's grid
    for (const auto& images : s.images)
        floats += images.size();
    return sizeof(Snapshot) + doubles * sizeof(double) + floats * sizeof(float)
        + s.owner.size() * sizeof(int);
}

RunHistory::RunHistory(std::size_t budgetBytes)
    : m_budget(budgetBytes)
{
}

void RunHistory::clear()
{
    m_rows.clear();
    m_snapshots.clear();
    m_bytes = 0;
    m_thinAt = 1;
    m_cureModes = -1;
}

void RunHistory::setRows(std::vector<MetricsRow> rows)
{
    m_rows = std::move(rows);
    m_cureModes = -1;
}

void RunHistory::add(const Snapshot& snapshot)
{
    dropAfter(snapshot.iteration);
    if (!m_snapshots.empty() && m_snapshots.back()->iteration == snapshot.iteration)
        return; // a paused window's repeat
    // Rows need losses: a fresh network (step 0) or a just-restored state has none yet.
    const bool hasLosses = !snapshot.gLosses.empty();
    if (hasLosses && (m_rows.empty() || m_rows.back().losses.iteration < snapshot.iteration)) {
        MetricsRow row;
        row.losses.iteration = snapshot.iteration;
        row.losses.dLoss = snapshot.dLoss;
        row.losses.gLosses = snapshot.gLosses;
        row.losses.simOn = snapshot.simOn;
        row.losses.simHinge = snapshot.simHinge;
        row.losses.simViolationRate = snapshot.simViolationRate;
        row.losses.seconds = snapshot.trainingSeconds;
        // The heat map shows a snapshot's matrix; rows keep the scalars (metrics.csv's columns),
        // copied one by one: copying the matrix to clear it made and freed k + 3 blocks a row, and
        // their holes stayed among the rows kept for the run's whole length.
        const Metrics& m = snapshot.metrics;
        row.metrics.hqFraction = m.hqFraction;
        row.metrics.modesCaptured = m.modesCaptured;
        row.metrics.modesBalanced = m.modesBalanced;
        row.metrics.reverseKl = m.reverseKl;
        row.metrics.chiSquare = m.chiSquare;
        row.metrics.klHist = m.klHist;
        row.metrics.samplesPerGenerator = m.samplesPerGenerator;
        m_rows.push_back(std::move(row));
    }
    std::shared_ptr<Snapshot> kept;
    // A full history's snapshot takes the place, and the memory, of the one it drops (a map's
    // is kept without its grids, so its sizes differ: it is made anew).
    if (snapshot.dimension != 2 && m_bytes + snapshotBytes(snapshot) > m_budget)
        kept = takeNextThinned();
    if (kept)
        *kept = snapshot; // vectors of the same sizes: copied into the buffers they have
    else
        kept = std::make_shared<Snapshot>(snapshot);
    // A map draws no generator's own density (only its points), and a 2-D snapshot's k grids
    // of 128 x 128 are most of its size: the history keeps 2-D snapshots without them, so it
    // holds several times as many steps (a scrubbed map's CSV has nan in their columns).
    if (kept->dimension == 2)
        kept->generatorDensity.clear();
    m_bytes += snapshotBytes(*kept);
    m_snapshots.push_back(std::move(kept));
    if (m_bytes > m_budget)
        thin();
}

CureTime RunHistory::cureAt(long long iteration, int modes) const
{
    if (m_rows.empty() || iteration < m_rows.back().losses.iteration)
        return cureTime(m_rows, modes, iteration); // a step scrubbed back to: walked
    if (modes != m_cureModes || m_cureRows > m_rows.size()) { // another target, or rows gone
        m_cure = {};
        m_cureRows = 0;
        m_cureModes = modes;
    }
    for (; m_cureRows < m_rows.size(); ++m_cureRows) { // the rows since the last look
        const MetricsRow& row = m_rows[m_cureRows];
        if (row.metrics.modesBalanced != modes)
            m_cure = {}; // a mode lost: not cured (yet)
        else if (!m_cure.reached())
            m_cure = { row.losses.iteration, row.losses.seconds };
    }
    return m_cure;
}

std::vector<MetricsRow> RunHistory::rowsUpTo(long long iteration) const
{
    return modescope::rowsUpTo(m_rows, iteration); // rows ascend: the engine's cut applies
}

void RunHistory::dropAfter(long long iteration)
{
    while (!m_rows.empty() && m_rows.back().losses.iteration > iteration) {
        m_rows.pop_back();
        m_cureModes = -1; // rows gone: walked again at the next look
    }
    while (!m_snapshots.empty() && m_snapshots.back()->iteration > iteration) {
        m_bytes -= snapshotBytes(*m_snapshots.back());
        m_snapshots.pop_back();
    }
}

std::shared_ptr<Snapshot> RunHistory::takeNextThinned()
{
    if (m_snapshots.size() <= 2)
        return nullptr;
    if (m_thinAt < 1 || m_thinAt >= m_snapshots.size() - 1)
        m_thinAt = 1;
    std::shared_ptr<const Snapshot> dropped = std::move(m_snapshots[m_thinAt]);
    m_bytes -= snapshotBytes(*dropped);
    m_snapshots.erase(m_snapshots.begin() + static_cast<std::ptrdiff_t>(m_thinAt));
    ++m_thinAt; // the next survivor stays: every other one goes
    // Only this history holds it: nobody reads it any more, so it may be written.
    return dropped.use_count() == 1 ? std::const_pointer_cast<Snapshot>(dropped) : nullptr;
}

void RunHistory::thin()
{
    // One snapshot at a time, every other one in a sweep from the oldest towards the newest (a
    // pass of sweeps halves the history, as dropping half at once did), never the first or the
    // newest, so the slider's ends stay put. The freed snapshot's memory is what the next one
    // takes: dropping half at once freed ~48 MB in one go, and giving that back to the system
    // held the allocator's locks long enough to stall the GUI thread 60-150 ms.
    while (m_bytes > m_budget && m_snapshots.size() > 2)
        takeNextThinned();
}

const Snapshot* RunHistory::snapshotAt(long long iteration) const
{
    return sharedAt(iteration).get();
}

std::shared_ptr<const Snapshot> RunHistory::sharedAt(long long iteration) const
{
    if (m_snapshots.empty())
        return nullptr;
    // Snapshots are kept in step order: the last one not after `iteration`.
    const auto after = std::upper_bound(m_snapshots.begin(), m_snapshots.end(), iteration,
        [](long long step, const std::shared_ptr<const Snapshot>& s) {
            return step < s->iteration;
        });
    return after == m_snapshots.begin() ? m_snapshots.front() : *(after - 1);
}

} // namespace modescope::ui
