#pragma once

class QCustomPlot;

namespace modescope::ui
{

// Shows the plot's legend in a row of up to three entries above the axes, in a small font,
// where it hides no curve (the side plots are too small for an inset legend).
void placeLegendAbove(QCustomPlot* plot);

} // namespace modescope::ui
