#include "plots/LossPlot.h"

#include "plots/DensityPlot.h"

#include "plots/PlotStyle.h"
#include "plots/PlotToolTips.h"

#include <algorithm>

namespace modescope::ui
{

LossPlot::LossPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    drawCurvesFast(this);
    xAxis->setLabel("step");
    yAxis->setLabel("loss");
    placeLegendAbove(this);
    makeLegendToggleCurves(this);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    auto* tips = new PlotToolTips(this,
        tr("Losses over steps, smoothed by the moving average set above (0: raw). D: the "
           "discriminator's cross-entropy; G_i: generator i's MAD-GAN loss, without the Sim "
           "hinge, so the curves compare across methods. A G_i loss that stays far above the "
           "others often means that generator is losing its mode. Double-click to fit."));
    tips->setAxisTip(xAxis, tr("Training step"));
    tips->setAxisTip(yAxis, tr("Cross-entropy loss (nats)"));
    tips->setLegendTip("D", tr("The discriminator's loss"));
    connect(this, &QCustomPlot::mouseDoubleClick, this, [this] {
        rescaleAxes();
        replot(QCustomPlot::rpQueuedReplot);
    });
}

bool LossPlot::continues(const std::vector<MetricsRow>& rows) const
{
    if (m_taken == 0 || rows.size() < m_taken)
        return false;
    const StepLosses& last = rows[m_taken - 1].losses;
    if (last.iteration != m_lastIteration || !(last.dLoss == m_lastDLoss))
        return false;
    for (std::size_t r = m_taken; r < rows.size(); ++r) // a wider run's rows: read anew
        if (static_cast<int>(rows[r].losses.gLosses.size()) > m_k)
            return false;
    return true;
}

void LossPlot::setRows(const std::vector<MetricsRow>& rows)
{
    // The raw losses as plain series (no copy of the rows); rows without losses (step 0, a
    // restored state) have none to show.
    int from = static_cast<int>(m_steps.size()); // the first row to average
    if (!continues(rows)) {
        m_k = 0;
        for (const MetricsRow& row : rows)
            m_k = std::max(m_k, static_cast<int>(row.losses.gLosses.size()));
        m_steps.clear();
        m_raw.assign(static_cast<size_t>(m_k) + 1, {});
        m_taken = 0;
        from = 0;
    }
    for (std::size_t r = m_taken; r < rows.size(); ++r) {
        const MetricsRow& row = rows[r];
        if (static_cast<int>(row.losses.gLosses.size()) != m_k)
            continue;
        m_steps.push_back(static_cast<double>(row.losses.iteration));
        m_raw[0].push_back(row.losses.dLoss);
        for (int i = 0; i < m_k; ++i)
            m_raw[i + 1].push_back(row.losses.gLosses[i]);
    }
    m_taken = rows.size();
    if (!rows.empty()) {
        m_lastIteration = rows.back().losses.iteration;
        m_lastDLoss = rows.back().losses.dLoss;
    }
    smoothFrom(from);
    markSimSwitches(this, rows, m_simSwitches);
    redraw();
}

void LossPlot::setSmoothing(double smoothing)
{
    m_smoothing = std::clamp(smoothing, 0.0, 0.999);
    smoothFrom(0);
    redraw();
}

void LossPlot::smoothFrom(int row)
{
    m_smoothed.resize(m_raw.size());
    for (std::size_t c = 0; c < m_raw.size(); ++c) { // exponential moving average per curve
        QVector<double>& smoothed = m_smoothed[c];
        smoothed.resize(row);
        for (int r = row; r < m_raw[c].size(); ++r)
            smoothed.push_back(r == 0
                    ? m_raw[c][r]
                    : m_smoothing * smoothed[r - 1] + (1 - m_smoothing) * m_raw[c][r]);
    }
}

void LossPlot::redraw()
{
    const int k = static_cast<int>(m_raw.size()) - 1;
    if (k != m_generators) {
        clearGraphs();
        QCPGraph* d = addGraph();
        d->setName("D");
        d->setPen(QPen(Qt::black, 1)); // width 1: the raster engine's fast path
        for (int i = 0; i < k; ++i) {
            QCPGraph* g = addGraph();
            g->setName(QString("G%1").arg(i + 1));
            g->setPen(QPen(generatorColor(i), 1));
            if (auto* tips = PlotToolTips::of(this))
                tips->setLegendTip(g->name(), tr("Generator %1's loss (click to hide)").arg(i + 1));
        }
        m_generators = k;
        refitLegend(this);
    }
    // The average runs over every row; the curve keeps at most kMaxPlotPoints of them (and the
    // newest), so an hours-long run draws as fast as a short one.
    const int n = m_steps.size();
    const std::size_t stride = plotStride(static_cast<std::size_t>(n));
    QVector<double> steps;
    steps.reserve(std::min(n, kMaxPlotPoints + 1));
    for (int r = 0; r < n; ++r)
        if (drawnRow(static_cast<std::size_t>(r), static_cast<std::size_t>(n), stride))
            steps.push_back(m_steps[r]);
    for (int c = 0; c <= k; ++c) {
        QVector<double> shown;
        shown.reserve(steps.size());
        for (int r = 0; r < n; ++r)
            if (drawnRow(static_cast<std::size_t>(r), static_cast<std::size_t>(n), stride))
                shown.push_back(m_smoothed[c][r]);
        graph(c)->setData(steps, shown, /*alreadySorted=*/true);
    }
    rescaleAxes();
    if (steps.isEmpty()) // a new run starts from step 0, not from where the last one ended
        xAxis->setRange(0, 100);
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace modescope::ui
