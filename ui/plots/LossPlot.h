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

    // Redraws from the run's rows (ascending iterations). Rows added at the end since the last
    // call are all it reads while a run trains, so a redraw costs the same at any run length;
    // other rows (a reset, an opened session, a history cut back) are read anew.
    void setRows(const std::vector<MetricsRow>& rows);
    // Weight of the past in the moving average, in [0, 1): 0 shows the raw losses.
    void setSmoothing(double smoothing);
    double smoothing() const { return m_smoothing; }

private:
    void redraw();
    void smoothFrom(int row); // m_smoothed from `row` on, after m_average at row - 1
    // Whether rows[0 .. m_taken) are the rows read last time (their last one, compared).
    bool continues(const std::vector<MetricsRow>& rows) const;

    QVector<double> m_steps;
    std::vector<QVector<double>> m_raw; // [0]: D, [i]: G_i; unsmoothed, aligned with m_steps
    std::vector<QVector<double>> m_smoothed; // the moving average of each, row by row
    std::size_t m_taken = 0; // rows read
    long long m_lastIteration = -1; // ... and the last one's step and D loss
    double m_lastDLoss = 0.0;
    int m_k = 0; // generators of the rows read
    double m_smoothing = 0.9;
    int m_generators = -1;
    std::vector<long long> m_simSwitches; // as marked (PlotStyle.h)
};

} // namespace modescope::ui
