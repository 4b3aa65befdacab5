#include "DensityPlot.h"

#include <algorithm>

namespace modescope::ui
{

namespace
{
// Colour-blind-safe palette (Okabe-Ito), cycled for k above its size.
const QColor kPalette[]
    = { QColor(0, 114, 178), QColor(213, 94, 0), QColor(0, 158, 115), QColor(204, 121, 167),
          QColor(230, 159, 0), QColor(86, 180, 233), QColor(240, 228, 66), QColor(120, 120, 120) };
constexpr double kHeadroom = 1.1; // y range above the highest curve when fitting

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
{
    xAxis->setLabel("x");
    yAxis->setLabel("density");
    legend->setVisible(true);
    legend->setSelectableParts(QCPLegend::spItems);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom | QCP::iSelectLegend);
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
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
    m_generators = generators;
    m_fitted = false;
}

void DensityPlot::setSnapshot(const Snapshot& snapshot)
{
    const int k = static_cast<int>(snapshot.generatorDensity.size());
    if (k != m_generators)
        rebuild(k);
    const QVector<double> x = toQVector(snapshot.grid);
    graph(0)->setData(x, toQVector(snapshot.dataDensity), /*alreadySorted=*/true);
    for (int i = 0; i < k; ++i)
        graph(i + 1)->setData(x, toQVector(snapshot.generatorDensity[i]), true);
    graph(k + 1)->setData(x, toQVector(snapshot.mixtureDensity), true);
    if (!m_fitted && !snapshot.grid.empty())
        fit();
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
        yAxis->setRange(0, y.upper * kHeadroom * 1.5);
    m_fitted = true;
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace modescope::ui
