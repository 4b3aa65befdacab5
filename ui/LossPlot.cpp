#include "LossPlot.h"

#include "DensityPlot.h"

#include "PlotStyle.h"

namespace modescope::ui
{

LossPlot::LossPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    xAxis->setLabel("step");
    yAxis->setLabel("loss");
    placeLegendAbove(this);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    connect(this, &QCustomPlot::mouseDoubleClick, this, [this] {
        rescaleAxes();
        replot(QCustomPlot::rpQueuedReplot);
    });
}

void LossPlot::setRows(const std::vector<MetricsRow>& rows)
{
    m_rows = rows;
    redraw();
}

void LossPlot::setSmoothing(double smoothing)
{
    m_smoothing = std::clamp(smoothing, 0.0, 0.999);
    redraw();
}

void LossPlot::redraw()
{
    int k = 0;
    for (const MetricsRow& row : m_rows)
        k = std::max(k, static_cast<int>(row.losses.gLosses.size()));
    if (k != m_generators) {
        clearGraphs();
        QCPGraph* d = addGraph();
        d->setName("D");
        d->setPen(QPen(Qt::black, 1)); // width 1: the raster engine's fast path
        for (int i = 0; i < k; ++i) {
            QCPGraph* g = addGraph();
            g->setName(QString("G%1").arg(i + 1));
            g->setPen(QPen(DensityPlot::generatorColor(i), 1));
        }
        m_generators = k;
    }
    // Exponential moving average per curve; rows without losses (step 0, a restored state)
    // are skipped.
    std::vector<QVector<double>> values(k + 1);
    QVector<double> steps;
    std::vector<double> average(k + 1, 0.0);
    bool first = true;
    for (const MetricsRow& row : m_rows) {
        if (static_cast<int>(row.losses.gLosses.size()) != k)
            continue;
        steps.push_back(static_cast<double>(row.losses.iteration));
        for (int c = 0; c <= k; ++c) {
            const double v = c == 0 ? row.losses.dLoss : row.losses.gLosses[c - 1];
            average[c] = first ? v : m_smoothing * average[c] + (1 - m_smoothing) * v;
            values[c].push_back(average[c]);
        }
        first = false;
    }
    for (int c = 0; c <= k; ++c)
        graph(c)->setData(steps, values[c], /*alreadySorted=*/true);
    rescaleAxes();
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace modescope::ui
