#include "export/FigureStyle.h"

#include <QFontMetricsF>
#include <qcustomplot.h>

#include <algorithm>

#include "plots/DensityPlot.h"
#include "plots/PlotStyle.h"

namespace modescope::ui
{

namespace
{
constexpr int kMinAxisRectPt = 24; // the smallest plot area a figure keeps, in points
// Lines and ticks are drawn as on screen (one pixel a point) in a full-width figure (17 cm) and
// thinner in a narrower one, down to this share: a one-column figure's curves at 1 pt, not 2.
constexpr double kFullWidthPt = 482.0;
constexpr double kThinnestLineShare = 0.45;
// Room a tick label needs along its axis, in multiples of the font size: fewer ticks than
// QCustomPlot's five where a small figure has no room for them.
constexpr double kTickSpacingX = 4.5;
constexpr double kTickSpacingY = 2.5;
constexpr int kCaptionMarginPt = 4; // each side of a caption line
constexpr double kNamedTickShare = 0.8; // of the space between named ticks, for their text

// The caption in lines that fit `width` at `font`: broken at its " \u00b7 " separators, and a
// part longer than a whole line shortened in the middle ("...").
QString fittedCaption(const QString& caption, const QFont& font, double width)
{
    const QFontMetricsF metrics(font);
    const QString separator = QStringLiteral(" \u00b7 ");
    QStringList lines;
    QString line;
    for (QString part : caption.split(separator)) {
        if (metrics.horizontalAdvance(part) > width)
            part = metrics.elidedText(part, Qt::ElideMiddle, width);
        const QString joined = line.isEmpty() ? part : line + separator + part;
        if (line.isEmpty() || metrics.horizontalAdvance(joined) <= width) {
            line = joined;
        } else {
            lines << line;
            line = part;
        }
    }
    if (!line.isEmpty())
        lines << line;
    return lines.join('\n');
}

// Every axis of the plot: its axis rects' and, with `colourScales`, its colour scales'.
std::vector<QCPAxis*> axesOf(QCustomPlot* plot, bool colourScales)
{
    std::vector<QCPAxis*> axes;
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes())
            axes.push_back(axis);
    if (colourScales)
        for (QCPLayoutElement* element : plot->plotLayout()->elements(true))
            if (auto* scale = qobject_cast<QCPColorScale*>(element))
                axes.push_back(scale->axis());
    return axes;
}

QPen scaledPen(QPen pen, double share)
{
    pen.setWidthF(std::max(pen.widthF(), 1.0) * share);
    return pen;
}
} // namespace

// A font of `points` points, drawn where one unit is one point: a pixel size in those units.
QFont figureFont(const QFont& base, int points)
{
    QFont f = base;
    f.setPixelSize(std::max(points, kMinFontPt));
    return f;
}

FigureStyle::FigureStyle(QCustomPlot* plot, const FigureSize& figure, const QString& caption)
    : m_plot(plot)
{
    // A file gets each curve's joins exact; the window draws wide curves segment by segment.
    remember([plot, hints = plot->plottingHints()] { plot->setPlottingHints(hints); });
    plot->setPlottingHint(QCP::phFastPolylines, false);
    const int label = figure.fontPt;
    const int small = figure.fontPt - 1;
    for (QCPAxis* axis : axesOf(plot, /*colourScales=*/true)) {
        remember([axis, f = axis->labelFont()] { axis->setLabelFont(f); });
        remember([axis, f = axis->tickLabelFont()] { axis->setTickLabelFont(f); });
        axis->setLabelFont(figureFont(axis->labelFont(), label));
        axis->setTickLabelFont(figureFont(axis->tickLabelFont(), small));
    }
    QCPLegend* legend = plot->legend;
    // The legend's setFont sets its entries' fonts too: keep theirs first, restore them last.
    remember([legend, f = legend->font()] { legend->setFont(f); });
    for (int i = 0; i < legend->itemCount(); ++i)
        if (QCPAbstractLegendItem* item = legend->item(i)) // null: an empty wrapped cell
            remember([item, f = item->font()] { item->setFont(f); });
    legend->setFont(figureFont(legend->font(), small));
    remember([legend, size = legend->iconSize()] { legend->setIconSize(size); });
    legend->setIconSize(2 * small, small); // a line sample as long as two letters are tall
    for (int i = 0; i < legend->itemCount(); ++i)
        if (QCPAbstractLegendItem* item = legend->item(i)) {
            item->setFont(figureFont(item->font(), small));
            remember([item, m = item->margins()] { item->setMargins(m); });
            // Close together; a legend item clips its text to its own rectangle, and the box
            // QFontMetrics gives at the layout's scale leaves descenders (g, _) a pixel short
            // once the figure is drawn at its DPI: a quarter of the text height below.
            item->setMargins(QMargins(1, 1, 1, std::max(2, small / 4)));
        }
    remember([legend, wrap = legend->wrap(), order = legend->fillOrder()] {
        legend->setWrap(wrap);
        legend->setFillOrder(order, true);
    });
    // A compact legend: entries close together, as many in a row as the width holds.
    remember([legend, spacing = legend->columnSpacing(), rows = legend->rowSpacing(),
                 padding = legend->iconTextPadding()] {
        legend->setColumnSpacing(spacing);
        legend->setRowSpacing(rows);
        legend->setIconTextPadding(padding);
    });
    legend->setColumnSpacing(small);
    legend->setRowSpacing(0);
    legend->setIconTextPadding(std::max(2, small / 3));
    fitLegendColumns(plot, figure.widthPt(), legend->itemCount());
    scaleLines(plot, figure);
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* text = qobject_cast<QCPItemText*>(plot->item(i))) {
            remember([text, f = text->font()] { text->setFont(f); });
            text->setFont(figureFont(text->font(), small));
        }
    // Titles in the layout (a comparison's lane titles) at the tick size: they are long, so
    // one wider than the figure breaks between its parts ("... · HQ 58.1%" on a second line).
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true))
        if (auto* title = qobject_cast<QCPTextElement*>(element)) {
            remember([title, f = title->font(), text = title->text()] {
                title->setFont(f);
                title->setText(text);
            });
            title->setFont(figureFont(title->font(), small));
            title->setText(fittedCaption(
                title->text(), title->font(), figure.widthPt() - 2.0 * kCaptionMarginPt));
        }
    // QCustomPlot's axis rect wants 50 x 50 inside: in a small figure with a caption and a
    // legend that squeezes every row, legend included. The plots take what is left; a
    // band under a plot (the owner strip) is one line of text tall. Little room between the
    // legend and the axes.
    for (QCPAxisRect* rect : plot->axisRects()) {
        remember([rect, lo = rect->minimumSize(), hi = rect->maximumSize(), m = rect->margins()] {
            rect->setMinimumSize(lo);
            rect->setMaximumSize(hi);
            rect->setMargins(m);
        });
        QMargins margins = rect->margins();
        margins.setTop(std::min(margins.top(), small / 2));
        rect->setMargins(margins);
        if (rect->property(kBandProperty).toBool()) {
            rect->setMinimumSize(0, label);
            rect->setMaximumSize(QWIDGETSIZE_MAX, label);
        } else {
            rect->setMinimumSize(kMinAxisRectPt, kMinAxisRectPt);
        }
    }
    if (figure.caption && !caption.isEmpty()) {
        plot->plotLayout()->insertRow(0);
        const QFont font = figureFont(plot->font(), small); // as the legend: it is a label too
        m_caption = new QCPTextElement(
            plot, fittedCaption(caption, font, figure.widthPt() - 2.0 * kCaptionMarginPt), font);
        plot->plotLayout()->addElement(0, 0, m_caption);
        plot->plotLayout()->setRowStretchFactor(0, 0.001);
    }
    remember([legend, m = legend->margins()] { legend->setMargins(m); });
    legend->setMargins(QMargins(1, 1, 1, 1));
    // A map is square-ish and a figure wide: its legend goes beside it, one entry a row.
    auto* density = qobject_cast<DensityPlot*>(plot);
    if (density && density->isMap()) {
        // The window's longer name explains the layer; a figure's caption or text does.
        if (QCPColorMap* owner = density->ownerLayer()) {
            remember([owner, name = owner->name()] { owner->setName(name); });
            owner->setName(QObject::tr("owner"));
        }
        putLegendBeside(plot, small);
    }
    thinTicks(plot, figure);
    // A map shows its whole view box at equal aspect in the figure's own shape, whatever
    // part of it the window shows (its ranges come back with the axes').
    if (density && density->isMap())
        density->fitMapTo(QSize(figure.widthPt(), figure.heightPt()));
}

FigureStyle::~FigureStyle()
{
    if (m_caption) {
        m_plot->plotLayout()->remove(m_caption);
        m_plot->plotLayout()->simplify();
    }
    // Last changed, first restored: each value goes back to what it was before the export.
    for (auto restore = m_restore.rbegin(); restore != m_restore.rend(); ++restore)
        (*restore)();
    m_plot->replot(QCustomPlot::rpQueuedReplot); // the window's layout, fonts back
}

// Curves, axes, grids and ticks drawn in proportion to the figure's width; the view ranges
// kept to put back.
void FigureStyle::scaleLines(QCustomPlot* plot, const FigureSize& figure)
{
    const double share = std::clamp(figure.widthPt() / kFullWidthPt, kThinnestLineShare, 1.0);
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        remember([p, pen = p->pen()] { p->setPen(pen); });
        p->setPen(scaledPen(p->pen(), share));
        if (auto* graph = qobject_cast<QCPGraph*>(p); graph && !graph->scatterStyle().isNone()) {
            QCPScatterStyle style = graph->scatterStyle();
            remember([graph, style] { graph->setScatterStyle(style); });
            style.setSize(style.size() * share);
            graph->setScatterStyle(style);
        }
    }
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true))
        if (auto* scale = qobject_cast<QCPColorScale*>(element)) {
            remember([scale, width = scale->barWidth()] { scale->setBarWidth(width); });
            scale->setBarWidth(qRound(scale->barWidth() * share));
        }
    for (QCPAxis* axis : axesOf(plot, /*colourScales=*/false)) {
        remember([axis, base = axis->basePen(), tick = axis->tickPen(), sub = axis->subTickPen(),
                     in = axis->tickLengthIn(), out = axis->tickLengthOut(),
                     subIn = axis->subTickLengthIn(), subOut = axis->subTickLengthOut(),
                     range = axis->range()] {
            axis->setBasePen(base);
            axis->setTickPen(tick);
            axis->setSubTickPen(sub);
            axis->setTickLength(in, out);
            axis->setSubTickLength(subIn, subOut);
            axis->setRange(range);
        });
        remember([axis, label = axis->labelPadding(), tick = axis->tickLabelPadding()] {
            axis->setLabelPadding(label);
            axis->setTickLabelPadding(tick);
        });
        axis->setLabelPadding(qRound(axis->labelPadding() * share));
        axis->setTickLabelPadding(qRound(axis->tickLabelPadding() * share));
        axis->setBasePen(scaledPen(axis->basePen(), share));
        axis->setTickPen(scaledPen(axis->tickPen(), share));
        axis->setSubTickPen(scaledPen(axis->subTickPen(), share));
        axis->setTickLength(
            qRound(axis->tickLengthIn() * share), qRound(axis->tickLengthOut() * share));
        axis->setSubTickLength(
            qRound(axis->subTickLengthIn() * share), qRound(axis->subTickLengthOut() * share));
        QCPGrid* grid = axis->grid();
        remember([grid, pen = grid->pen(), sub = grid->subGridPen()] {
            grid->setPen(pen);
            grid->setSubGridPen(sub);
        });
        grid->setPen(scaledPen(grid->pen(), share));
        grid->setSubGridPen(scaledPen(grid->subGridPen(), share));
    }
}

// Moves the legend from above the axes into a column on their right, for as long as the
// figure is drawn.
void FigureStyle::putLegendBeside(QCustomPlot* plot, int spacing)
{
    QCPLegend* legend = plot->legend;
    auto* holder = qobject_cast<QCPLayoutGrid*>(legend->layout());
    QCPAxisRect* rect = plot->axisRect();
    QCPLayoutGrid* main = plot->plotLayout();
    int row = -1;
    int column = -1;
    for (int r = 0; r < main->rowCount(); ++r)
        for (int c = 0; c < main->columnCount(); ++c)
            if (main->hasElement(r, c) && main->element(r, c) == rect) {
                row = r;
                column = c;
            }
    if (!holder || holder == main || row < 0)
        return;
    holder->take(legend);
    main->take(rect);
    auto* side = new QCPLayoutGrid;
    main->addElement(row, column, side);
    side->addElement(0, 0, rect);
    auto* stack = new QCPLayoutGrid; // the legend at the top, empty room under it
    side->addElement(0, 1, stack);
    side->setColumnStretchFactor(1, 0.001); // as wide as its entries
    side->setColumnSpacing(spacing);
    stack->addElement(0, 0, legend);
    stack->addElement(1, 0, new QCPLayoutElement(plot));
    stack->setRowStretchFactor(0, 0.001);
    legend->setWrap(1);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, /*rearrange=*/true);
    remember([main, side, stack, rect, legend, holder, row, column] {
        side->take(rect);
        stack->take(legend);
        main->remove(side); // and the stack with it
        main->addElement(row, column, rect);
        holder->addElement(0, 0, legend);
    });
}

// No more ticks than an axis has room for at the figure's size: the plot is laid out at
// that size to measure its axes.
void FigureStyle::thinTicks(QCustomPlot* plot, const FigureSize& figure)
{
    const QRect window = plot->viewport();
    plot->setViewport(QRect(0, 0, figure.widthPt(), figure.heightPt()));
    for (auto phase : { QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins,
             QCPLayoutElement::upLayout })
        plot->plotLayout()->update(phase);
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes()) {
            const bool horizontal = axis->orientation() == Qt::Horizontal;
            const double length = horizontal ? rect->width() : rect->height();
            // Named ticks (the ownership map's generators and modes) all stay: their
            // labels get a font that fits the space between them.
            if (auto named = qSharedPointerDynamicCast<QCPAxisTickerText>(axis->ticker())) {
                const int count = std::max(1, static_cast<int>(named->ticks().size()));
                const int fitting = static_cast<int>(kNamedTickShare * length / count);
                if (fitting < axis->tickLabelFont().pixelSize())
                    axis->setTickLabelFont(figureFont(axis->tickLabelFont(), fitting));
                continue;
            }
            const double room
                = length / ((horizontal ? kTickSpacingX : kTickSpacingY) * figure.fontPt);
            QSharedPointer<QCPAxisTicker> ticker = axis->ticker();
            remember([ticker, count = ticker->tickCount()] { ticker->setTickCount(count); });
            ticker->setTickCount(std::clamp(static_cast<int>(room), 2, ticker->tickCount()));
        }
    plot->setViewport(window);
}

} // namespace modescope::ui
