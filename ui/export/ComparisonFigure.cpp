#include "export/ComparisonFigure.h"

#include "export/FigureSize.h"

#include <algorithm>
#include <cmath>

#include "plots/DensityPlot.h"
#include "plots/MapLayers.h"
#include "plots/PlotStyle.h"

namespace modescope::ui
{

namespace
{
constexpr int kLegendColumns = 8; // entries per legend row at most; fewer when narrow
constexpr int kPanelGap = 4; // between one lane's x axis and the next lane's title, pixels
// A comparison figure's height in lines of its font (measured at one column, 9 pt): the
// caption (two lines when it wraps), the legend (two rows) and the shared x axis take about
// ten; a lane its title, its margins and a plot at least four lines tall about seven.
constexpr double kFrameLines = 10.0;
constexpr double kLaneLines = 7.1;
constexpr double kMapTitleLines = 4.0; // a narrow map's title wraps to three lines, and a gap
constexpr int kRowSpacing = 2; // between the figure's rows (QCustomPlot's default: 5)
constexpr int kColumnGap = 6; // between maps side by side

QVector<double> toQVector(const std::vector<double>& v)
{
    return { v.begin(), v.end() };
}
} // namespace

FigureSize comparisonFigureSize(FigureSize figure, int lanes, bool maps)
{
    const double linePt = figure.fontPt;
    const int n = std::max(lanes, 1);
    // Maps: the frame, titles of three lines, and squares sharing the width after each map's
    // y axis (about three and a half lines).
    const double neededPt = maps
        ? (kFrameLines + kMapTitleLines) * linePt + (figure.widthPt() - n * 3.5 * linePt) / n
        : (kFrameLines + kLaneLines * n) * linePt;
    const double neededCm = neededPt / FigureSize::kPointsPerInch * kCmPerInch;
    figure.heightCm = std::min(std::max(figure.heightCm, neededCm), kMaxSideCm);
    return figure;
}

ComparisonFigure::ComparisonFigure(QWidget* parent)
    : QCustomPlot(parent)
    , m_margins(new QCPMarginGroup(this))
{
    setAutoAddPlottableToLegend(false); // one legend, filled by hand: every name once
    placeLegendAbove(this, kLegendColumns);
    plotLayout()->setRowSpacing(kRowSpacing); // a lane's title close to its plot
    // Once the layout knows every lane's rectangle: maps at equal aspect, curves equal.
    connect(this, &QCustomPlot::afterLayout, this, [this] {
        if (m_maps)
            showWholeBoxes();
        else if (!m_evening && m_rects.size() > 1)
            equalisePlots();
    });
}

void ComparisonFigure::showWholeBoxes()
{
    if (m_evening)
        return;
    // Equal maps: every rectangle takes the widest margins any of them needs (one's "-1.5"
    // is wider than another's "-1"), so equal columns hold equal plots.
    for (size_t l = 0; l < m_rects.size() && l < m_boxY.size(); ++l) {
        m_rects[l]->axis(QCPAxis::atBottom)->setRange(m_boxX);
        m_rects[l]->axis(QCPAxis::atLeft)->setRange(m_boxY[l]);
        m_rects[l]->setAutoMargins(QCP::msAll);
    }
    m_evening = true;
    plotLayout()->update(QCPLayoutElement::upMargins); // each one's own, at today's fonts
    QMargins widest;
    for (QCPAxisRect* rect : m_rects) {
        const QMargins m = rect->margins();
        widest = QMargins(std::max(widest.left(), m.left()), std::max(widest.top(), m.top()),
            std::max(widest.right(), m.right()), std::max(widest.bottom(), m.bottom()));
    }
    if (!m_rects.empty()) // no top axis: room for half the highest tick label only
        widest.setTop(std::min(widest.top(),
            QFontMetrics(m_rects.front()->axis(QCPAxis::atLeft)->tickLabelFont()).height() / 2));
    for (QCPAxisRect* rect : m_rects) {
        rect->setAutoMargins(QCP::msNone);
        rect->setMargins(widest);
    }
    plotLayout()->update(QCPLayoutElement::upLayout);
    m_evening = false;
    // The view box whole and a unit as long across as up: the axis with room to spare widens
    // about its centre (QCPAxis::setScaleRatio), as the window's map does.
    for (size_t l = 0; l < m_rects.size() && l < m_boxY.size(); ++l) {
        QCPAxisRect* rect = m_rects[l];
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        if (rect->width() <= 0 || rect->height() <= 0)
            continue;
        const double xPerPixel = m_boxX.size() / rect->width();
        const double yPerPixel = m_boxY[l].size() / rect->height();
        if (xPerPixel > yPerPixel)
            y->setScaleRatio(x, 1.0);
        else
            x->setScaleRatio(y, 1.0);
    }
}

void ComparisonFigure::equalisePlots()
{
    // The lowest lane's rectangle also holds the x axis's labels, so with equal stretch its
    // plot came out shorter than the others: each row is stretched by its plot's share plus
    // its own margins, and laid out again.
    int inner = 0;
    for (QCPAxisRect* rect : m_rects)
        inner += rect->rect().height();
    const double plot = std::max(1.0, double(inner) / double(m_rects.size()));
    bool changed = false;
    for (QCPAxisRect* rect : m_rects) {
        const double stretch = plot + (rect->outerRect().height() - rect->rect().height());
        const int row = rowOf(rect);
        if (row >= 0 && std::abs(plotLayout()->rowStretchFactors().at(row) - stretch) > 0.5) {
            plotLayout()->setRowStretchFactor(row, stretch);
            changed = true;
        }
    }
    if (!changed)
        return;
    m_evening = true; // the layout below emits nothing, but keep one pass a replot
    plotLayout()->update(QCPLayoutElement::upLayout);
    m_evening = false;
}

int ComparisonFigure::rowOf(const QCPAxisRect* rect) const
{
    for (int row = 0; row < plotLayout()->rowCount(); ++row)
        if (plotLayout()->element(row, 0) == rect)
            return row;
    return -1;
}

QString ComparisonFigure::panelTitle(int i) const
{
    return m_titles.at(static_cast<size_t>(i))->text();
}

void ComparisonFigure::setPanels(
    const std::vector<ComparisonPanel>& panels, const ComparisonView& view)
{
    clearPlottables(); // curves, and a 2-D comparison's layers
    legend->clearItems();
    // The layout is made for the first set of panels; a video's later frames reuse it.
    if (m_rects.empty() && !panels.empty())
        m_maps = panels.front().snapshot.dimension == 2;
    QCPLayoutGrid* columns = nullptr; // maps: the lanes side by side, each square-ish
    QCPAxisRect* firstRect = axisRect(); // once taken out of the layout, axisRect() is null
    if (m_maps && m_rects.empty() && !panels.empty()) {
        plotLayout()->take(firstRect);
        plotLayout()->simplify();
        columns = new QCPLayoutGrid;
        plotLayout()->addElement(plotLayout()->rowCount(), 0, columns);
        plotLayout()->setRowStretchFactor(plotLayout()->rowCount() - 1, 1);
        columns->setColumnSpacing(kColumnGap);
        columns->setRowSpacing(kRowSpacing);
    }
    while (m_rects.size() < panels.size()) {
        const bool first = m_rects.empty();
        QCPAxisRect* rect = first ? firstRect : new QCPAxisRect(this);
        auto* title = new QCPTextElement(this, QString(), QFont(font().family(), 8));
        title->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
        if (m_maps) {
            if (!columns) // a later frame with more lanes than the first: not drawn
                break;
            const int column = static_cast<int>(m_rects.size());
            columns->addElement(0, column, title);
            columns->addElement(1, column, rect);
            columns->setRowStretchFactor(0, 0.001);
        } else if (first) { // under the legend, above the plot placeLegendAbove put in row 1
            plotLayout()->insertRow(1);
            plotLayout()->addElement(1, 0, title);
        } else {
            const int row = plotLayout()->rowCount();
            plotLayout()->addElement(row, 0, title);
            plotLayout()->addElement(row + 1, 0, rect);
            rect->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);
            rect->setMargins(QMargins(0, kPanelGap, 0, 0));
        }
        if (!m_maps) {
            plotLayout()->setRowStretchFactor(plotLayout()->rowCount() - 2, 0.001);
            plotLayout()->setRowStretchFactor(plotLayout()->rowCount() - 1, 1);
            rect->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
        }
        rect->axis(QCPAxis::atTop)->setVisible(false);
        rect->axis(QCPAxis::atLeft)->setLabel("density");
        QCPAxis* d = rect->axis(QCPAxis::atRight);
        d->setLabel("D_real");
        d->setRange(0, 1.05);
        d->ticker()->setTickCount(3);
        const QColor dColor = discriminatorColor();
        d->setLabelColor(dColor);
        d->setTickLabelColor(dColor);
        d->setBasePen(QPen(dColor));
        d->setTickPen(QPen(dColor));
        d->setSubTickPen(QPen(dColor));
        m_rects.push_back(rect);
        m_titles.push_back(title);
    }

    const size_t lanes = std::min(panels.size(), m_rects.size());
    m_boxX = view.x;
    m_boxY.clear();
    for (size_t l = 0; l < lanes; ++l)
        m_boxY.push_back(panels[l].y);
    std::vector<QCPAbstractPlottable*> generators; // the first lane's G_i, for the legend
    QCPAbstractPlottable* data = nullptr;
    QCPAbstractPlottable* average = nullptr;
    QCPAbstractPlottable* dReal = nullptr;
    for (size_t l = 0; l < lanes; ++l) {
        const Snapshot& s = panels[l].snapshot;
        QCPAxisRect* rect = m_rects[l];
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        QCPAxis* d = rect->axis(QCPAxis::atRight);
        // A map's column is narrow: its title puts each part on a line of its own.
        m_titles[l]->setText(
            m_maps ? QString(panels[l].title).replace(" \u00b7 ", "\n") : panels[l].title);
        // Curves share one x axis, labelled under the lowest lane; maps side by side each have
        // their own axes (each map as wide as the others).
        const bool lowest = m_maps || l + 1 == lanes;
        x->setRange(view.x);
        x->setTickLabels(lowest);
        x->setLabel(lowest ? "x" : "");
        y->setRange(panels[l].y);
        d->setVisible(view.showDiscriminator && s.dimension == 1);

        if (s.dimension == 2) { // a map: the data in grey, D_real over it, each G's points
            y->setLabel("y");
            QCPColorMap* layer = addDataLayer(x, y);
            fillDataLayer(layer, s);
            data = data ? data : layer;
            if (view.showDiscriminator) {
                QCPColorMap* dLayer = addDiscriminatorLayer(x, y);
                fillDiscriminatorLayer(dLayer, s);
                dReal = dReal ? dReal : dLayer;
            }
            for (size_t i = 0; i < s.points.size(); ++i) {
                QCPGraph* scatter = addScatter(x, y, static_cast<int>(i));
                setScatterPoints(scatter, s.points[i]);
                if (generators.size() <= i)
                    generators.push_back(scatter);
            }
            continue;
        }
        y->setLabel("density");
        const QVector<double> grid = toQVector(s.grid);
        QCPGraph* g = addGraph(x, y);
        g->setName("data");
        g->setPen(QPen(QColor(60, 60, 60), 1.5));
        g->setBrush(QColor(0, 0, 0, 35));
        g->setData(grid, toQVector(s.dataDensity), true);
        data = data ? data : g;
        const int k = static_cast<int>(s.generatorDensity.size());
        const double scale = view.shares && k > 0 ? 1.0 / k : 1.0;
        for (int i = 0; i < k; ++i) {
            QVector<double> values = toQVector(s.generatorDensity[static_cast<size_t>(i)]);
            for (double& v : values)
                v *= scale;
            QCPGraph* gi = addGraph(x, y);
            gi->setName(QString("G%1").arg(i + 1));
            gi->setPen(QPen(generatorColor(i), 2));
            gi->setData(grid, values, true);
            if (static_cast<int>(generators.size()) <= i)
                generators.push_back(gi);
        }
        QCPGraph* avg = addGraph(x, y);
        avg->setName("average of G");
        avg->setPen(QPen(Qt::black, 1.5, Qt::DashLine));
        avg->setData(grid, toQVector(s.mixtureDensity), true);
        average = average ? average : avg;
        if (view.showDiscriminator) {
            QCPGraph* dr = addGraph(x, d);
            dr->setName("D_real");
            dr->setPen(QPen(discriminatorColor(), 1));
            dr->setData(grid, toQVector(s.dReal), true);
            dReal = dReal ? dReal : dr;
        }
    }
    // Each name once: data, G1..G_kmax (from the first lane that has G_i), average, D_real.
    std::vector<QCPAbstractPlottable*> entries { data };
    entries.insert(entries.end(), generators.begin(), generators.end());
    entries.push_back(average);
    entries.push_back(dReal);
    for (QCPAbstractPlottable* g : entries)
        if (g)
            g->addToLegend();
    refitLegend(this);
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace modescope::ui
