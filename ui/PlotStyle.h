#pragma once

class QCustomPlot;

namespace modescope::ui
{

// The most points a side plot's curve holds: over it, rows are taken at an even stride (the
// newest always kept), so redrawing costs the same after an hour as after a minute.
inline constexpr int kMaxPlotPoints = 2000;

// Shows the plot's legend in a row of up to three entries above the axes, in a small font,
// where it hides no curve (the side plots are too small for an inset legend).
void placeLegendAbove(QCustomPlot* plot);

} // namespace modescope::ui
