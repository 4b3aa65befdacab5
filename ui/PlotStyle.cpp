#include "PlotStyle.h"

#include <qcustomplot.h>

namespace modescope::ui
{

namespace
{
constexpr int kLegendColumns = 3;
constexpr int kLegendPointSize = 8;
} // namespace

void placeLegendAbove(QCustomPlot* plot)
{
    QCPLegend* legend = plot->legend;
    legend->setVisible(true);
    legend->setFont(QFont(plot->font().family(), kLegendPointSize));
    auto* row = new QCPLayoutGrid;
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, row);
    row->addElement(0, 0, legend); // takes it out of the axis rect's inset layout
    row->setMargins(QMargins(0, 0, 0, 0));
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(kLegendColumns);
    legend->setBorderPen(Qt::NoPen);
    legend->setRowSpacing(0);
    plot->plotLayout()->setRowStretchFactor(0, 0.001); // as tall as the legend, no taller
}

} // namespace modescope::ui
