#pragma once

#include <qcustomplot.h>

#include <vector>

#include "modescope/io/RunFolder.h"

namespace modescope::ui
{

// Losses over steps: D's and each generator's, smoothed by an exponential moving average.
class LossPlot : public QCustomPlot
{
    Q_OBJECT
public:
    explicit LossPlot(QWidget* parent = nullptr);

    // Redraws from the run's rows (ascending iterations).
    void setRows(const std::vector<MetricsRow>& rows);
    // Weight of the past in the moving average, in [0, 1): 0 shows the raw losses.
    void setSmoothing(double smoothing);
    double smoothing() const { return m_smoothing; }

private:
    void redraw();

    QVector<double> m_steps;
    std::vector<QVector<double>> m_raw; // [0]: D, [i]: G_i; unsmoothed, aligned with m_steps
    double m_smoothing = 0.9;
    int m_generators = -1;
};

} // namespace modescope::ui
