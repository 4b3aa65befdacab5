#include "plots/PlotStyle.h"

#include <qcustomplot.h>

#include <algorithm>

namespace modescope::ui
{

namespace
{
constexpr int kLegendPointSize = 8;
constexpr int kTopMarginPx = 8; // between the legend and the axes (half a tick label)
constexpr int kLegendIconWidth = 22; // a line sample long enough to show a dash, in pixels
constexpr const char* kMostColumns = "legendMostColumns"; // property: placeLegendAbove's limit

// Re-wraps the legend whenever the plot's width changes.
class LegendWrapper : public QObject
{
public:
    explicit LegendWrapper(QCustomPlot* plot)
        : QObject(plot)
        , m_plot(plot)
    {
        plot->installEventFilter(this);
    }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == m_plot && event->type() == QEvent::Resize)
            refitLegend(m_plot);
        return false;
    }

private:
    QCustomPlot* m_plot;
};
} // namespace

void refitLegend(QCustomPlot* plot)
{
    fitLegendColumns(plot, plot->width(), legendMostColumns(plot));
}

int legendMostColumns(const QCustomPlot* plot)
{
    const QVariant most = plot->property(kMostColumns);
    return most.isValid() ? most.toInt() : 3;
}

QColor generatorColor(int i)
{
    static const QColor kPalette[] = { QColor(0, 114, 178), QColor(213, 94, 0), QColor(0, 158, 115),
        QColor(204, 121, 167), QColor(230, 159, 0), QColor(86, 180, 233), QColor(240, 228, 66),
        QColor(120, 120, 120) };
    return kPalette[static_cast<size_t>(std::max(i, 0)) % std::size(kPalette)];
}

QColor discriminatorColor()
{
    return QColor(117, 112, 179);
}

void drawCurvesFast(QCustomPlot* plot)
{
    // Qt's raster engine strokes a 2 px polyline as one outline with a join at every point:
    // perf on three paper-1d lanes found half the GUI thread there (QStroker::joinPoints, atan2,
    // hypot under QRasterPaintEngine::drawPolygon). Segment by segment is several times cheaper
    // and, at screen resolution, looks the same; exports turn it off (FigureStyle).
    plot->setPlottingHint(QCP::phFastPolylines, true);
}

void placeLegendAbove(QCustomPlot* plot, int columns)
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
    legend->setWrap(columns);
    legend->setIconTextPadding(6); // SVG renderers draw text wider: keep it off the sample
    legend->setIconSize(kLegendIconWidth, kLegendIconWidth / 2);
    legend->setBorderPen(Qt::NoPen);
    legend->setRowSpacing(1);
    // No top axis is drawn: the auto margin would leave a band under the legend. Keep room
    // for half the top tick label only.
    plot->axisRect()->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);
    plot->axisRect()->setMargins(QMargins(0, kTopMarginPx, 0, 0));
    plot->plotLayout()->setRowStretchFactor(0, 0.001); // as tall as the legend, no taller
    plot->setProperty(kMostColumns, columns);
    new LegendWrapper(plot);
}

void fitLegendColumns(QCustomPlot* plot, int width, int most)
{
    QCPLegend* legend = plot->legend;
    std::vector<int> widths; // each entry's, in the legend's order
    for (int i = 0; i < legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i))) {
            const QFontMetrics metrics(item->font());
            // An item clips its text to its own rectangle, and the default margin cuts the
            // underscore of "D_real" and the tail of "g": a quarter of the text height below.
            const int descent = std::max(2, metrics.height() / 4);
            if (item->margins().bottom() < descent) {
                QMargins roomy = item->margins();
                roomy.setBottom(descent);
                item->setMargins(roomy);
            }
            const QMargins m = item->margins();
            widths.push_back(legend->iconSize().width() + legend->iconTextPadding()
                + metrics.boundingRect(item->plottable()->name()).width() + m.left() + m.right());
        }
    const int items = static_cast<int>(widths.size());
    if (items == 0) // nothing to measure yet: the next refit, once curves exist, decides
        return;
    // The most columns that fit: entries fill rows left to right, each column as wide as its
    // widest entry, with the spacing between columns and the legend's own margins.
    const QMargins frame = legend->margins();
    int columns = 1;
    for (int c = std::max(1, std::min(most, items)); c > 1; --c) {
        std::vector<int> column(static_cast<size_t>(c), 0);
        for (int i = 0; i < items; ++i)
            column[static_cast<size_t>(i % c)]
                = std::max(column[static_cast<size_t>(i % c)], widths[static_cast<size_t>(i)]);
        int total = frame.left() + frame.right() + (c - 1) * legend->columnSpacing();
        for (int w : column)
            total += w;
        if (total <= width) {
            columns = c;
            break;
        }
    }
    if (legend->wrap() != columns) {
        legend->setWrap(columns);
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, /*rearrange=*/true);
    }
}

void makeLegendToggleCurves(QCustomPlot* plot)
{
    plot->legend->setSelectableParts(QCPLegend::spNone);
    plot->setInteraction(QCP::iSelectLegend, false);
    QObject::connect(plot, &QCustomPlot::legendClick, plot,
        [plot](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
            if (auto* entry = qobject_cast<QCPPlottableLegendItem*>(item)) {
                QCPAbstractPlottable* curve = entry->plottable();
                curve->setVisible(!curve->visible());
                showInLegendAsVisible(plot, curve);
                plot->replot(QCustomPlot::rpQueuedReplot);
            }
        });
}

void showInLegendAsVisible(QCustomPlot* plot, QCPAbstractPlottable* curve)
{
    if (QCPPlottableLegendItem* entry = plot->legend->itemWithPlottable(curve))
        entry->setTextColor(curve->visible() ? Qt::black : Qt::gray);
}

void markSimSwitches(
    QCustomPlot* plot, const std::vector<MetricsRow>& rows, std::vector<long long>& shown)
{
    constexpr const char* kMarkProperty = "simSwitchMark";
    std::vector<const MetricsRow*> switches;
    for (size_t r = 1; r < rows.size(); ++r)
        if (rows[r].losses.simOn != rows[r - 1].losses.simOn)
            switches.push_back(&rows[r]);
    const size_t first = switches.size() > kMaxSimMarks ? switches.size() - kMaxSimMarks : 0;
    std::vector<long long> marked;
    for (size_t s = first; s < switches.size(); ++s)
        marked.push_back(switches[s]->losses.iteration * 2 + (switches[s]->losses.simOn ? 1 : 0));
    if (marked == shown)
        return;
    shown = marked;
    for (int i = plot->itemCount() - 1; i >= 0; --i)
        if (plot->item(i)->property(kMarkProperty).toBool())
            plot->removeItem(i);
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
