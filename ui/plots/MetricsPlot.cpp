#include "plots/MetricsPlot.h"

#include "plots/PlotStyle.h"
#include "plots/PlotToolTips.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace modescope::ui
{

namespace
{
enum Curve { Covered, Captured, Hq, ReverseKl, KlHist, Violations, CurveCount };

struct CurveStyle {
    const char* name;
    bool left; // on the mode-count axis
    QPen pen; // solid: dashed pens on long noisy curves cost ~100 ms a redraw
    const char* tip;
};

const CurveStyle kCurves[CurveCount] = {
    { "modes covered", true, QPen(QColor(213, 94, 0), 2),
        QT_TRANSLATE_NOOP("MetricsPlot",
            "Modes covered (modes_balanced, the headline): modes whose high-quality samples are "
            "at least half their fair share w_m of all samples. Matches what the plot shows") },
    { "captured (PacGAN)", true, QPen(QColor(0, 114, 178), 1),
        QT_TRANSLATE_NOOP("MetricsPlot",
            "PacGAN's lenient count: modes nearest to at least one high-quality sample. One "
            "stray sample counts a mode; for comparing with papers") },
    { "HQ share (R)", false, QPen(QColor(0, 158, 115), 1),
        QT_TRANSLATE_NOOP("MetricsPlot",
            "High-quality share: samples within 3 sd of their nearest mode (right axis)") },
    { "reverse KL (R)", false, QPen(QColor(90, 90, 90), 1),
        QT_TRANSLATE_NOOP("MetricsPlot",
            "KL(p_gen || w) over modes, each sample given to its nearest mode: 0 when the modes "
            "get their weights' shares (right axis)") },
    { "KL hist (R)", false, QPen(QColor(230, 159, 0), 1),
        QT_TRANSLATE_NOOP("MetricsPlot",
            "The MAD-GAN paper's KL(P_gen || P_data) over 0.5-wide bins plus an overflow bin "
            "(right axis; hidden at first: click to show)") },
    { "Sim violations (R)", false, QPen(QColor(204, 121, 167), 1),
        QT_TRANSLATE_NOOP("MetricsPlot",
            "Share of (i, j, z) triples where the Sim hinge is active. Its floor is about 0.5 "
            "by construction (of a pair's two constraints at most one holds when the cosine "
            "is positive); read its changes, not its level: a run can cover every mode with "
            "most triples violated. n/a (no curve) for the methods without per-generator heads") },
};

// The lanes beside the window's own, in the plots' order: colours no generator has.
const QColor kLaneColors[] = { QColor(117, 112, 179), QColor(140, 81, 10), QColor(60, 60, 60) };
} // namespace

QStringList MetricsPlot::curveNames()
{
    QStringList names;
    for (const CurveStyle& c : kCurves)
        names << c.name;
    return names;
}

MetricsPlot::MetricsPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    drawCurvesFast(this);
    xAxis->setLabel("step");
    yAxis->setLabel("modes (left)");
    yAxis2->setVisible(true);
    yAxis2->setLabel("share / KL (right)");
    yAxis2->setRange(0, 1.05);
    placeLegendAbove(this);
    makeLegendToggleCurves(this);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);

    auto* tips = new PlotToolTips(this,
        tr("The metrics over steps, on 500 samples per generator at each snapshot. Left: mode "
           "counts; right: shares and KLs. Click a legend entry to hide or show its curve; "
           "Help > Guide defines each one."));
    tips->setAxisTip(xAxis, tr("Training step"));
    tips->setAxisTip(yAxis, tr("Mode counts: modes covered and modes captured (PacGAN)"));
    tips->setAxisTip(yAxis2, tr("HQ share, reverse KL, KL hist and Sim violations"));
    for (const CurveStyle& c : kCurves) {
        QCPGraph* g = addGraph(xAxis, c.left ? yAxis : yAxis2);
        g->setName(c.name);
        g->setPen(c.pen);
        if (c.left)
            g->setLineStyle(QCPGraph::lsStepLeft);
        tips->setLegendTip(c.name, tr(c.tip));
    }
    graph(KlHist)->setVisible(false); // on another scale than the rest; shown on request
    showInLegendAsVisible(this, graph(KlHist));
    refitLegend(this);
}

void MetricsPlot::setRows(const std::vector<MetricsRow>& rows, int modes)
{
    QVector<double> steps;
    QVector<double> values[CurveCount];
    double highest = 1.0;
    // At most kMaxPlotPoints rows (and the newest): an hours-long run draws as fast as a short one.
    const size_t n = rows.size();
    const size_t stride = plotStride(n);
    for (size_t r = 0; r < n; ++r) {
        if (!drawnRow(r, n, stride))
            continue;
        const MetricsRow& row = rows[r];
        steps.push_back(static_cast<double>(row.losses.iteration));
        values[Covered].push_back(row.metrics.modesBalanced);
        values[Captured].push_back(row.metrics.modesCaptured);
        values[Hq].push_back(row.metrics.hqFraction);
        values[ReverseKl].push_back(row.metrics.reverseKl);
        values[KlHist].push_back(row.metrics.klHist);
        values[Violations].push_back(row.losses.simViolationRate);
        highest = std::max(highest, row.metrics.reverseKl);
        if (graph(KlHist)->visible() && std::isfinite(row.metrics.klHist))
            highest = std::max(highest, row.metrics.klHist);
    }
    for (int c = 0; c < CurveCount; ++c)
        graph(c)->setData(steps, values[c], /*alreadySorted=*/true);
    // A new run starts from step 0, not from where the last one ended.
    xAxis->setRange(steps.isEmpty() ? 0.0 : steps.front(),
        steps.isEmpty() ? 100.0 : std::max(steps.back(), steps.front() + 1));
    for (size_t l = 0; l < m_lanes.size() && l < m_laneCurves.size(); ++l) {
        const std::vector<MetricsRow>& laneRows = *m_lanes[l].rows;
        QVector<double> laneSteps;
        QVector<double> covered;
        QVector<double> hq;
        const size_t m = laneRows.size();
        const size_t laneStride = plotStride(m);
        for (size_t r = 0; r < m; ++r)
            if (drawnRow(r, m, laneStride)) {
                laneSteps.push_back(static_cast<double>(laneRows[r].losses.iteration));
                covered.push_back(laneRows[r].metrics.modesBalanced);
                hq.push_back(laneRows[r].metrics.hqFraction);
            }
        m_laneCurves[l]->setData(laneSteps, covered, /*alreadySorted=*/true);
        m_laneHq[l]->setData(laneSteps, hq, /*alreadySorted=*/true);
    }
    yAxis->setRange(0, modes + 0.5);
    yAxis2->setRange(0, std::min(highest, 5.0) * 1.05);
    markSimSwitches(this, rows, m_simSwitches);
    replot(QCustomPlot::rpQueuedReplot);
}

void MetricsPlot::setLanes(const std::vector<LaneRows>& lanes)
{
    m_lanes = lanes;
    if (m_laneCurves.size() != lanes.size()) {
        for (QCPGraph* curve : m_laneCurves)
            removeGraph(curve);
        for (QCPGraph* curve : m_laneHq)
            removeGraph(curve);
        m_laneCurves.clear();
        m_laneHq.clear();
        for (size_t l = 0; l < lanes.size(); ++l) {
            const QColor color = kLaneColors[l % std::size(kLaneColors)];
            QCPGraph* curve = addGraph(xAxis, yAxis);
            curve->setPen(QPen(color, 2));
            curve->setLineStyle(QCPGraph::lsStepLeft);
            m_laneCurves.push_back(curve);
            QCPGraph* hq = addGraph(xAxis, yAxis2);
            hq->setPen(QPen(color, 1.5, Qt::DashLine));
            m_laneHq.push_back(hq);
        }
        // One measure a lane by default, modes covered, so lanes' lines stay apart; the rest a
        // click on their legend entry away. One run alone shows all but KL hist, as before.
        const bool alone = lanes.empty();
        for (Curve c : { Captured, Hq, ReverseKl, Violations })
            graph(c)->setVisible(alone);
        for (QCPGraph* hq : m_laneHq)
            hq->setVisible(false);
        for (int g = 0; g < graphCount(); ++g)
            showInLegendAsVisible(this, graph(g));
        refitLegend(this);
    }
    for (size_t l = 0; l < lanes.size(); ++l) {
        m_laneCurves[l]->setName(lanes[l].name + ": covered");
        m_laneHq[l]->setName(lanes[l].name + ": HQ (R)");
        if (auto* tips = PlotToolTips::of(this)) {
            tips->setLegendTip(m_laneCurves[l]->name(),
                tr("Modes covered by the lane %1 (the window's own run is \"modes covered\")")
                    .arg(lanes[l].name));
            tips->setLegendTip(m_laneHq[l]->name(),
                tr("The lane %1's high-quality share, right axis (the window's own run is "
                   "\"HQ share (R)\")")
                    .arg(lanes[l].name));
        }
    }
}

} // namespace modescope::ui
