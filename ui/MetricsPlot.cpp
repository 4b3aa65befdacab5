#include "MetricsPlot.h"

#include "PlotStyle.h"

#include <algorithm>

namespace modescope::ui
{

namespace
{
enum Curve { Captured, Balanced, Hq, Violations, ReverseKl, CurveCount };
}

MetricsPlot::MetricsPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    xAxis->setLabel("step");
    yAxis->setLabel("modes");
    yAxis2->setVisible(true);
    yAxis2->setLabel("fraction / KL");
    yAxis2->setRange(0, 1.05);
    placeLegendAbove(this);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);

    const struct {
        const char* name;
        QCPAxis* axis;
        QPen pen;
    } curves[CurveCount] = {
        // Solid width-1 pens: dashed pens on long noisy curves cost ~100 ms a redraw.
        { "modes captured", yAxis, QPen(QColor(0, 114, 178), 1) },
        { "modes balanced", yAxis, QPen(QColor(213, 94, 0), 1) },
        { "HQ fraction", yAxis2, QPen(QColor(0, 158, 115), 1) },
        { "Sim violations", yAxis2, QPen(QColor(204, 121, 167), 1) },
        { "reverse KL", yAxis2, QPen(QColor(90, 90, 90), 1) },
    };
    for (const auto& c : curves) {
        QCPGraph* g = addGraph(xAxis, c.axis);
        g->setName(c.name);
        g->setPen(c.pen);
        if (c.axis == yAxis)
            g->setLineStyle(QCPGraph::lsStepLeft);
    }
}

void MetricsPlot::setRows(const std::vector<MetricsRow>& rows, int modes)
{
    QVector<double> steps;
    QVector<double> values[CurveCount];
    double highest = 1.0;
    // At most kMaxPlotPoints rows (and the newest): an hours-long run draws as fast as a short one.
    const size_t n = rows.size();
    const size_t stride = std::max<size_t>(1, (n + kMaxPlotPoints - 1) / kMaxPlotPoints);
    for (size_t r = 0; r < n; ++r) {
        if (r % stride != 0 && r != n - 1)
            continue;
        const MetricsRow& row = rows[r];
        steps.push_back(static_cast<double>(row.losses.iteration));
        values[Captured].push_back(row.metrics.modesCaptured);
        values[Balanced].push_back(row.metrics.modesBalanced);
        values[Hq].push_back(row.metrics.hqFraction);
        values[Violations].push_back(row.losses.simViolationRate);
        values[ReverseKl].push_back(row.metrics.reverseKl);
        highest = std::max(highest, row.metrics.reverseKl);
    }
    for (int c = 0; c < CurveCount; ++c)
        graph(c)->setData(steps, values[c], /*alreadySorted=*/true);
    if (!steps.isEmpty())
        xAxis->setRange(steps.front(), std::max(steps.back(), steps.front() + 1));
    yAxis->setRange(0, modes + 0.5);
    yAxis2->setRange(0, std::min(highest, 5.0) * 1.05);
    markSimSwitches(this, rows);
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace modescope::ui
