#include "DensityPlot.h"

#include <algorithm>
#include <limits>

namespace modescope::ui
{

namespace
{
// Colour-blind-safe palette (Okabe-Ito), cycled for k above its size.
const QColor kPalette[]
    = { QColor(0, 114, 178), QColor(213, 94, 0), QColor(0, 158, 115), QColor(204, 121, 167),
          QColor(230, 159, 0), QColor(86, 180, 233), QColor(240, 228, 66), QColor(120, 120, 120) };
constexpr double kHeadroom = 1.65; // y range above the highest true density when fitting
constexpr int kStripHeightPx = 22; // height of the owner strip

QVector<double> toQVector(const std::vector<double>& v)
{
    return { v.begin(), v.end() };
}
} // namespace

QColor DensityPlot::generatorColor(int i)
{
    return kPalette[i % std::size(kPalette)];
}

DensityPlot::DensityPlot(QWidget* parent)
    : QCustomPlot(parent)
    , m_stripRect(new QCPAxisRect(this))
{
    xAxis->setLabel("x");
    yAxis->setLabel("density (generators: p_i / k)");
    yAxis2->setLabel("D_real(x)");
    yAxis2->setRange(0, 1.05);
    yAxis2->setVisible(true);
    legend->setVisible(true);
    legend->setSelectableParts(QCPLegend::spItems);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom | QCP::iSelectLegend);
    axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    axisRect()->setRangeZoomAxes(xAxis, yAxis);
    axisRect()->setRangeDragAxes(xAxis, yAxis);
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    // The owner strip shares the x range; its y axis only holds one band.
    plotLayout()->addElement(1, 0, m_stripRect);
    m_stripRect->setMinimumSize(0, kStripHeightPx);
    m_stripRect->setMaximumSize(QWIDGETSIZE_MAX, kStripHeightPx);
    m_stripRect->setupFullAxesBox(false);
    for (QCPAxis* axis : m_stripRect->axes()) {
        axis->setTickLabels(false);
        axis->setTicks(false);
    }
    m_stripRect->axis(QCPAxis::atLeft)->setLabel("owner");
    m_stripRect->axis(QCPAxis::atLeft)->setRange(0, 1);
    m_stripRect->setRangeDrag({});
    m_stripRect->setRangeZoom({});
    auto* margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_stripRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    plotLayout()->setRowStretchFactor(1, 0.001);
    connect(xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
        [this](const QCPRange& range) { m_stripRect->axis(QCPAxis::atBottom)->setRange(range); });

    connect(this, &QCustomPlot::legendClick, this,
        [this](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
            if (auto* plItem = qobject_cast<QCPPlottableLegendItem*>(item)) {
                QCPAbstractPlottable* curve = plItem->plottable();
                curve->setVisible(!curve->visible());
                plItem->setTextColor(curve->visible() ? Qt::black : Qt::gray);
                replot(QCustomPlot::rpQueuedReplot);
            }
        });
    connect(this, &QCustomPlot::mouseDoubleClick, this, [this] { fit(); });
}

void DensityPlot::rebuild(int generators)
{
    clearGraphs();
    QCPGraph* data = addGraph();
    data->setName("data");
    data->setPen(QPen(QColor(60, 60, 60), 1.5));
    data->setBrush(QColor(0, 0, 0, 35));
    for (int i = 0; i < generators; ++i) {
        QCPGraph* g = addGraph();
        g->setName(QString("G%1").arg(i + 1));
        g->setPen(QPen(generatorColor(i), 2));
    }
    QCPGraph* average = addGraph();
    average->setName("average of G");
    average->setPen(QPen(Qt::black, 1.5, Qt::DashLine));

    m_dReal = addGraph(xAxis, yAxis2);
    m_dReal->setName("D_real");
    // Solid and thin: a dotted pen on a wiggly 512-point curve costs ~100 ms a redraw.
    m_dReal->setPen(QPen(QColor(120, 120, 120, 170), 1));
    m_dReal->setVisible(m_showDiscriminator);

    m_ownerBands.clear();
    QCPAxis* stripX = m_stripRect->axis(QCPAxis::atBottom);
    QCPAxis* stripY = m_stripRect->axis(QCPAxis::atLeft);
    for (int i = 0; i < generators; ++i) {
        QCPGraph* band = addGraph(stripX, stripY);
        band->setLineStyle(QCPGraph::lsStepCenter);
        band->setPen(Qt::NoPen);
        band->setBrush(generatorColor(i));
        band->removeFromLegend();
        band->setVisible(m_showOwnerStrip);
        m_ownerBands.push_back(band);
    }
    m_generators = generators;
    m_fitted = false;
}

void DensityPlot::setSnapshot(const Snapshot& snapshot)
{
    m_snapshot = snapshot;
    drawSnapshot();
}

void DensityPlot::setShowShares(bool shares)
{
    m_shares = shares;
    yAxis->setLabel(shares ? "density (generators: p_i / k)" : "density");
    if (m_generators >= 0)
        drawSnapshot();
}

void DensityPlot::drawSnapshot()
{
    const Snapshot& snapshot = m_snapshot;
    const int k = static_cast<int>(snapshot.generatorDensity.size());
    if (k != m_generators)
        rebuild(k);
    const QVector<double> x = toQVector(snapshot.grid);
    graph(0)->setData(x, toQVector(snapshot.dataDensity), /*alreadySorted=*/true);
    const double scale = m_shares && k > 0 ? 1.0 / k : 1.0;
    for (int i = 0; i < k; ++i) {
        QVector<double> y = toQVector(snapshot.generatorDensity[i]);
        for (double& v : y)
            v *= scale;
        graph(i + 1)->setData(x, y, true);
    }
    graph(k + 1)->setData(x, toQVector(snapshot.mixtureDensity), true);
    m_dReal->setData(x, toQVector(snapshot.dReal), true);

    // Each band is 1 where D names its generator the owner and a gap (NaN) elsewhere.
    const double gap = std::numeric_limits<double>::quiet_NaN();
    for (int i = 0; i < k; ++i) {
        QVector<double> band(x.size(), gap);
        for (int p = 0; p < x.size() && p < static_cast<int>(snapshot.owner.size()); ++p)
            if (snapshot.owner[p] == i)
                band[p] = 1.0;
        m_ownerBands[i]->setData(x, band, true);
    }
    if (!m_fitted && !snapshot.grid.empty())
        fit();
    replot(QCustomPlot::rpQueuedReplot);
}

void DensityPlot::setShowDiscriminator(bool show)
{
    m_showDiscriminator = show;
    if (m_dReal)
        m_dReal->setVisible(show);
    yAxis2->setVisible(show);
    replot(QCustomPlot::rpQueuedReplot);
}

void DensityPlot::setShowOwnerStrip(bool show)
{
    m_showOwnerStrip = show;
    m_stripRect->setVisible(show);
    for (QCPGraph* band : m_ownerBands)
        band->setVisible(show);
    if (show && !plotLayout()->hasElement(1, 0))
        plotLayout()->addElement(1, 0, m_stripRect);
    else if (!show && plotLayout()->hasElement(1, 0))
        plotLayout()->take(m_stripRect);
    plotLayout()->simplify();
    replot(QCustomPlot::rpQueuedReplot);
}

void DensityPlot::fit()
{
    if (graphCount() == 0)
        return;
    bool found = false;
    const QCPRange x = graph(0)->getKeyRange(found);
    if (found)
        xAxis->setRange(x);
    // Fit y to the true density: a collapsed generator's spike must not flatten the picture.
    const QCPRange y = graph(0)->getValueRange(found);
    if (found)
        yAxis->setRange(0, y.upper * kHeadroom);
    m_fitted = true;
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace modescope::ui
