#pragma once

#include <vector>

#include "modescope/RunFolder.h"

class QCustomPlot;

namespace modescope::ui
{

// The most points a side plot's curve holds: over it, rows are taken at an even stride (the
// newest always kept), so redrawing costs the same after an hour as after a minute.
inline constexpr int kMaxPlotPoints = 2000;

// Shows the plot's legend in a row of up to three entries above the axes, in a small font,
// where it hides no curve (the side plots are too small for an inset legend).
void placeLegendAbove(QCustomPlot* plot);

// The most Sim switches marked on a plot (the latest ones): a user flicking it stays readable.
inline constexpr int kMaxSimMarks = 20;

// Marks each step where the Sim hinge was switched (rows' sim_on changes) with a vertical line
// labelled "Sim on" or "Sim off", replacing the plot's earlier marks.
void markSimSwitches(QCustomPlot* plot, const std::vector<MetricsRow>& rows);

} // namespace modescope::ui
