#include "OwnershipMap.h"

namespace modescope::ui
{

OwnershipMap::OwnershipMap(QWidget* parent)
    : QCustomPlot(parent)
    , m_map(new QCPColorMap(xAxis, yAxis))
{
    xAxis->setLabel("mode (mean)");
    yAxis->setLabel("generator");
    yAxis->setRangeReversed(true); // G1 on top, as in a matrix
    QCPColorGradient gradient;
    gradient.setColorStopAt(0, Qt::white);
    gradient.setColorStopAt(1, QColor(0, 70, 140));
    m_map->setGradient(gradient);
    m_map->setDataRange(QCPRange(0, 1));
    m_map->setInterpolate(false);
    auto* scale = new QCPColorScale(this);
    scale->setGradient(gradient);
    scale->setDataRange(QCPRange(0, 1));
    scale->axis()->setLabel("share of G_i's samples");
    plotLayout()->addElement(0, 1, scale);
    m_map->setColorScale(scale);
    auto* margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    scale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
}

void OwnershipMap::setOwnership(
    const std::vector<std::vector<double>>& ownership, const Mixture& mixture)
{
    const int k = static_cast<int>(ownership.size());
    const int modes = k > 0 ? static_cast<int>(ownership[0].size()) : 0;
    m_map->data()->setSize(std::max(modes, 1), std::max(k, 1));
    m_map->data()->setRange(QCPRange(0, std::max(modes - 1, 0)), QCPRange(1, std::max(k, 1)));
    m_map->data()->fill(0);
    for (int i = 0; i < k; ++i)
        for (int m = 0; m < modes; ++m)
            m_map->data()->setCell(m, i, ownership[i][m]);

    QSharedPointer<QCPAxisTickerText> modeTicks(new QCPAxisTickerText);
    for (int m = 0; m < modes && m < mixture.size(); ++m)
        modeTicks->addTick(m, QString::number(mixture.modes()[m].mean, 'g', 3));
    xAxis->setTicker(modeTicks);
    QSharedPointer<QCPAxisTickerText> generatorTicks(new QCPAxisTickerText);
    for (int i = 0; i < k; ++i)
        generatorTicks->addTick(i + 1, QString("G%1").arg(i + 1));
    yAxis->setTicker(generatorTicks);
    xAxis->setRange(-0.5, modes - 0.5);
    yAxis->setRange(0.5, k + 0.5);
    replot(QCustomPlot::rpQueuedReplot);
}

double OwnershipMap::cell(int generator, int mode) const
{
    return m_map->data()->cell(mode, generator);
}

} // namespace modescope::ui
