#pragma once

#include <qcustomplot.h>

#include <vector>

#include "modescope/io/RunFolder.h"

namespace modescope::ui
{

// SPEC section 3's metrics over steps. Left axis, as steps: modes covered (modes_balanced, the
// headline) and PacGAN's lenient modes captured. Right axis, curves named "(R)": HQ share,
// reverse KL, the histogram KL and the Sim violation rate.
class MetricsPlot : public QCustomPlot
{
    Q_OBJECT
public:
    explicit MetricsPlot(QWidget* parent = nullptr);

    // Redraws from the run's rows (ascending iterations); `modes` sets the count axis. No rows
    // (a new run) clears the plot and its step range.
    void setRows(const std::vector<MetricsRow>& rows, int modes);
    // The other lanes of a comparison: each one's modes covered (left axis) and HQ share (right
    // axis, dashed) as curves of their own, in the lane's colour, named "<lane>: covered" and
    // "<lane>: HQ (R)". With lanes only each lane's modes covered is shown at first (the rest
    // greyed in the legend, a click away); alone, every measure but KL hist. Call before
    // setRows; an empty list removes them.
    struct LaneRows {
        QString name;
        const std::vector<MetricsRow>* rows;
    };
    void setLanes(const std::vector<LaneRows>& lanes);
    // The legend names, curve by curve, in graph order (without the lanes' curves).
    static QStringList curveNames();

private:
    std::vector<LaneRows> m_lanes;
    std::vector<QCPGraph*> m_laneCurves; // covered
    std::vector<QCPGraph*> m_laneHq;
    std::vector<long long> m_simSwitches; // as marked (PlotStyle.h)
};

} // namespace modescope::ui
