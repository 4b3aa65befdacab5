#pragma once

#include <qcustomplot.h>

#include <vector>

#include "modescope/RunFolder.h"

namespace modescope::ui
{

// SPEC section 3's metrics over steps: mode counts on the left axis; HQ fraction, Sim
// violation rate and reverse KL on the right.
class MetricsPlot : public QCustomPlot
{
    Q_OBJECT
public:
    explicit MetricsPlot(QWidget* parent = nullptr);

    // Redraws from the run's rows (ascending iterations); `modes` sets the count axis.
    void setRows(const std::vector<MetricsRow>& rows, int modes);
};

} // namespace modescope::ui
