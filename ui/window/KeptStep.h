#pragma once

#include <algorithm>

namespace modescope::ui
{

// What of the window's run is safe: the step it was last started, opened or saved at. A run
// that has trained past it is lost by a reset, a preset, an open or quitting, so the window
// asks before those (MainWindow::confirmDiscard); a run at its kept step is thrown away unasked.
class KeptStep
{
public:
    // A reset or an open: the run starts at its first snapshot's step (0, or the checkpoint's),
    // and until that snapshot the latest step seen is the old run's, nothing of the new one.
    void runStarts() { m_startsAtNext = true; }
    void snapshotArrived(long long iteration)
    {
        if (m_startsAtNext) {
            m_startsAtNext = false;
            m_kept = iteration;
        }
    }
    void saved(long long iteration) { m_kept = std::max(m_kept, iteration); }
    // True when a run whose latest snapshot is at `latest` has trained past what is kept.
    bool wouldLose(long long latest) const { return !m_startsAtNext && latest > m_kept; }

private:
    long long m_kept = 0;
    bool m_startsAtNext = true;
};

} // namespace modescope::ui
