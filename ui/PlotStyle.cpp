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

void markSimSwitches(QCustomPlot* plot, const std::vector<MetricsRow>& rows)
{
    constexpr const char* kMarkProperty = "simSwitchMark";
    for (int i = plot->itemCount() - 1; i >= 0; --i)
        if (plot->item(i)->property(kMarkProperty).toBool())
            plot->removeItem(i);
    std::vector<const MetricsRow*> switches;
    for (size_t r = 1; r < rows.size(); ++r)
        if (rows[r].losses.simOn != rows[r - 1].losses.simOn)
            switches.push_back(&rows[r]);
    const size_t first = switches.size() > kMaxSimMarks ? switches.size() - kMaxSimMarks : 0;
    const QColor colour(204, 121, 167); // the Sim violations curve's colour
    for (size_t s = first; s < switches.size(); ++s) {
        const double step = static_cast<double>(switches[s]->losses.iteration);
        auto* line = new QCPItemStraightLine(plot);
        line->setProperty(kMarkProperty, true);
        line->setPen(QPen(colour, 1));
        line->point1->setCoords(step, 0);
        line->point2->setCoords(step, 1);
        auto* label = new QCPItemText(plot);
        label->setProperty(kMarkProperty, true);
        label->setText(switches[s]->losses.simOn ? "Sim on" : "Sim off");
        label->setColor(colour);
        label->setFont(QFont(plot->font().family(), kLegendPointSize));
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(step, 0.02);
    }
}

} // namespace modescope::ui
