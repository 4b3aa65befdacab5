#pragma once

#include <QString>

#include "modescope/training/Snapshot.h"

namespace modescope::ui
{

// A snapshot's density plot as CSV, what an export's density-plot.csv holds:
// - 1-D: x,data,g1_share..gk_share,average,<D's column> (g1..gk, each p_i whole, unless
//   `shares`: then p_i / k, as the plot draws them);
// - 2-D: the grid as x,y,data,g1..gk,average,<D's column>, x fastest (a kept snapshot has its
//   points but not the generators' grids: their columns say nan);
// - an image run: empty (its images are the run folder's samples/).
// D's column is the method's reading (d_real, or a critic's or a pack's; Snapshot::reading).
QString densityCsv(const Snapshot& snapshot, bool shares);

} // namespace modescope::ui
