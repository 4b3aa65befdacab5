#pragma once

#include <limits>
#include <vector>

#include "modescope/io/RunFolder.h"

namespace modescope
{

// When a run was cured (issue 21): the first logged step from which every mode stays covered
// (modes_balanced equals the mixture's modes in that row and in every later one), and the
// training seconds at that step. A run that ends with a mode uncovered was never cured, however
// often it covered them all before.
struct CureTime {
    long long step = -1; // -1: not cured by the last row
    double seconds = kNotMeasured; // StepLosses::seconds at `step`; NaN where not clocked
    bool reached() const { return step >= 0; }
};

// `rows` in step order (as metrics.csv and a run's history hold them); rows after step `upTo`
// are left out (a history scrubbed back to that step).
CureTime cureTime(const std::vector<MetricsRow>& rows, int modes,
    long long upTo = std::numeric_limits<long long>::max());

} // namespace modescope
