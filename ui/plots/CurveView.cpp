#include "plots/CurveView.h"

#include <algorithm>
#include <limits>

#include "plots/DensityPlot.h"
#include "plots/PlotStyle.h"
#include "plots/PlotToolTips.h"

namespace modescope::ui
{

namespace
{
constexpr double kHeadroom = 1.65; // y range above the highest true density when fitting
constexpr double kFitHeadroom = 1.08; // y range above the highest curve shown, for F
constexpr int kStripHeightPx = 22; // height of the owner strip
constexpr int kStripGapPx = 6; // between the plot's axis and the strip
constexpr int kStripRow = 2; // under the legend (row 0) and the plot (row 1)
constexpr const char* kSharesLabel = "density (G: p_i / k)";

QVector<double> toQVector(const std::vector<double>& v)
{
    return { v.begin(), v.end() };
}
} // namespace

CurveView::CurveView(DensityPlot& plot)
    : DensityView(plot)
    , m_stripRect(new QCPAxisRect(&plot))
    , m_margins(new QCPMarginGroup(&plot))
    , m_stripNote(new QCPItemText(&plot))
{
    // The strip shares the x range; its y axis only holds one band. It sits between the plot
    // and the x axis, which moves under it; its name is a horizontal tick label, since a
    // rotated label is taller than the strip.
    m_stripRect->setProperty(kBandProperty, true);
    m_stripRect->setMinimumSize(0, kStripHeightPx);
    m_stripRect->setMaximumSize(QWIDGETSIZE_MAX, kStripHeightPx);
    m_stripRect->setupFullAxesBox(false);
    for (QCPAxis* axis : m_stripRect->axes()) {
        axis->setTickLabels(false);
        axis->setTicks(false);
        axis->grid()->setVisible(false); // grid lines would stripe the bands and the note
    }
    QCPAxis* stripX = m_stripRect->axis(QCPAxis::atBottom);
    stripX->setTicker(plot.xAxis->ticker());
    stripX->setRange(plot.xAxis->range());
    QCPAxis* stripY = m_stripRect->axis(QCPAxis::atLeft);
    QSharedPointer<QCPAxisTickerText> name(new QCPAxisTickerText);
    name->addTick(0.5, "owner");
    stripY->setTicker(name);
    stripY->setTickLabels(true);
    stripY->setRange(0, 1);
    stripX->setTickLabelFont(
        plot.xAxis->tickLabelFont()); // the strip's x axis draws like the plot's
    m_stripRect->setMargins(QMargins(0, 0, 0, 0)); // no gap above the strip
    m_stripRect->setRangeDrag({});
    m_stripRect->setRangeZoom({});
    plot.axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
    m_stripRect->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
    QObject::connect(plot.xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), m_stripRect,
        [stripX](const QCPRange& range) { stripX->setRange(range); });
    m_stripNote->setClipAxisRect(m_stripRect);
    m_stripNote->position->setAxisRect(m_stripRect);
    m_stripNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_stripNote->position->setCoords(0.5, 0.5);
    m_stripNote->setPositionAlignment(Qt::AlignCenter);
    m_stripNote->setColor(QColor(90, 90, 90));
    m_stripNote->setVisible(false);

    plot.xAxis->setVisible(true);
    plot.yAxis->setVisible(true);
    plot.xAxis->setLabel("x");
    plot.yAxis->setLabel(yLabel());
    plot.yAxis2->setVisible(plot.display().discriminator);
    plot.legend->setVisible(true);
    if (auto* tips = PlotToolTips::of(&plot)) {
        tips->setAxisTip(plot.xAxis, DensityPlot::tr("x: the one-dimensional data space"));
        tips->setAxisTip(plot.yAxis,
            DensityPlot::tr("Probability density. Generators are drawn as p_i / k (their share "
                            "of the average) unless K switched to whole densities"));
        tips->setAxisTip(stripX, DensityPlot::tr("x: the one-dimensional data space"));
        tips->setAxisTip(stripY,
            DensityPlot::tr("Owner strip: at each x, the generator whose head of D is largest "
                            "(argmax_i D_i(x)): the region D credits to G_i (O toggles)"));
    }
    showOwner(); // the strip in the layout, the x axis under it
}

CurveView::~CurveView()
{
    m_plot.clearPlottables(); // every curve and band on the canvas is this view's
    m_plot.removeItem(m_stripNote);
    if (auto* tips = PlotToolTips::of(&m_plot))
        for (QCPAxis* axis : m_stripRect->axes())
            tips->removeAxisTip(axis);
    m_plot.axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, nullptr);
    if (m_stripRect->layout())
        m_plot.plotLayout()->take(m_stripRect);
    m_plot.plotLayout()->simplify();
    delete m_stripRect; // and with it the connection that made its x range follow the plot's
    delete m_margins;
}

QString CurveView::yLabel() const
{
    return m_plot.display().shares ? kSharesLabel : "density";
}

void CurveView::rebuild(int generators)
{
    DensityPlot& p = m_plot;
    p.clearGraphs();
    QCPGraph* data = p.addGraph();
    data->setName("data");
    data->setPen(QPen(QColor(60, 60, 60), 1.5));
    data->setBrush(QColor(0, 0, 0, 35));
    for (int i = 0; i < generators; ++i) {
        QCPGraph* g = p.addGraph();
        g->setName(QString("G%1").arg(i + 1));
        g->setPen(QPen(generatorColor(i), 2));
    }
    QCPGraph* average = p.addGraph();
    average->setName("average of G");
    average->setPen(QPen(Qt::black, 1.5, Qt::DashLine));
    if (generators == 1) { // it is G1: drawn over it, it would hide G1's colour
        average->setVisible(false);
        average->removeFromLegend();
    }

    const bool showD = p.display().discriminator;
    m_dReal = p.addGraph(p.xAxis, p.yAxis2);
    m_dReal->setName("D_real");
    // Solid and thin: a dotted pen on a wiggly 512-point curve costs ~100 ms a redraw.
    m_dReal->setPen(QPen(discriminatorColor(), 1));
    m_dReal->setVisible(showD);
    if (!showD)
        m_dReal->removeFromLegend();
    if (auto* tips = PlotToolTips::of(&p))
        for (int i = 0; i < generators; ++i)
            tips->setLegendTip(QString("G%1").arg(i + 1),
                DensityPlot::tr("Generator %1's density (click to hide)").arg(i + 1));

    m_ownerBands.clear();
    QCPAxis* stripX = m_stripRect->axis(QCPAxis::atBottom);
    QCPAxis* stripY = m_stripRect->axis(QCPAxis::atLeft);
    for (int i = 0; i < generators; ++i) {
        QCPGraph* band = p.addGraph(stripX, stripY);
        band->setLineStyle(QCPGraph::lsStepCenter);
        band->setPen(Qt::NoPen);
        band->setBrush(generatorColor(i));
        band->removeFromLegend();
        band->setVisible(p.display().owner);
        m_ownerBands.push_back(band);
    }
    m_generators = generators;
    m_fitted = false;
    refitLegend(&p);
}

void CurveView::draw()
{
    DensityPlot& p = m_plot;
    const Snapshot& snapshot = p.snapshot();
    const int k = static_cast<int>(snapshot.generatorDensity.size());
    if (k != m_generators)
        rebuild(k);
    const QVector<double> x = toQVector(snapshot.grid);
    p.graph(0)->setData(x, toQVector(snapshot.dataDensity), /*alreadySorted=*/true);
    const double scale = p.display().shares && k > 0 ? 1.0 / k : 1.0;
    for (int i = 0; i < k; ++i) {
        QVector<double> y = toQVector(snapshot.generatorDensity[i]);
        for (double& v : y)
            v *= scale;
        p.graph(i + 1)->setData(x, y, true);
    }
    p.graph(k + 1)->setData(x, toQVector(snapshot.mixtureDensity), true);
    m_dReal->setData(x, toQVector(snapshot.dReal), true);

    // What D's curve means for this run's method (a critic's score, a pack's probability).
    const QString label = QString::fromStdString(snapshot.reading.label);
    if (m_dReal->name() != label) {
        const QString explanation = QString::fromStdString(snapshot.reading.explanation);
        m_dReal->setName(label);
        p.yAxis2->setLabel(
            label == DiscriminatorReading().label.c_str() ? QString("D_real(x)") : label);
        if (auto* tips = PlotToolTips::of(&p)) {
            tips->setAxisTip(p.yAxis2, explanation + DensityPlot::tr(" (D toggles)"));
            tips->setLegendTip(label, explanation + DensityPlot::tr(" (right axis)"));
        }
    }

    // Each band is 1 where D names its generator the owner and a gap (NaN) elsewhere.
    const double gap = std::numeric_limits<double>::quiet_NaN();
    for (int i = 0; i < k; ++i) {
        QVector<double> band(x.size(), gap);
        for (int q = 0; q < x.size() && q < static_cast<int>(snapshot.owner.size()); ++q)
            if (snapshot.owner[q] == i)
                band[q] = 1.0;
        m_ownerBands[i]->setData(x, band, true);
    }
    const QString note = noOwnerNote(snapshot, m_generators);
    m_stripNote->setText(note);
    m_stripNote->setVisible(!note.isEmpty() && p.display().owner);
    if (!m_fitted && !snapshot.grid.empty())
        fitToData();
    p.replot(QCustomPlot::rpQueuedReplot);
}

void CurveView::showDiscriminator()
{
    DensityPlot& p = m_plot;
    const bool show = p.display().discriminator;
    if (m_dReal) {
        m_dReal->setVisible(show);
        show ? void(m_dReal->addToLegend()) : void(m_dReal->removeFromLegend());
    }
    p.yAxis2->setVisible(show);
    p.replot(QCustomPlot::rpQueuedReplot);
}

void CurveView::showOwner()
{
    DensityPlot& p = m_plot;
    const bool show = p.display().owner;
    m_stripRect->setVisible(show);
    for (QCPGraph* band : m_ownerBands)
        band->setVisible(show);
    m_stripNote->setVisible(show && !noOwnerNote(p.snapshot(), m_generators).isEmpty());
    // One x axis, under whatever is lowest: the strip when it shows, else the plot.
    QCPAxis* stripX = m_stripRect->axis(QCPAxis::atBottom);
    stripX->setTickLabels(show);
    stripX->setTicks(show);
    stripX->setLabel(show ? "x" : "");
    p.xAxis->setTickLabels(!show);
    p.xAxis->setLabel(show ? "" : "x");
    // Plot and strip close together: the gap is the plot's bottom margin, set by hand.
    p.axisRect()->setAutoMargins(
        show ? QCP::msLeft | QCP::msRight : QCP::msLeft | QCP::msRight | QCP::msBottom);
    p.axisRect()->setMargins(QMargins(0, p.axisRect()->margins().top(), 0, kStripGapPx));
    m_stripRect->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);
    // Rows: the legend, the plot, then the strip when it shows.
    if (show && !m_stripRect->layout()) {
        if (p.plotLayout()->hasElement(kStripRow, 0))
            p.plotLayout()->insertRow(kStripRow);
        p.plotLayout()->addElement(kStripRow, 0, m_stripRect);
        p.plotLayout()->setRowStretchFactor(kStripRow, 0.001); // its own height, no more
    } else if (!show && m_stripRect->layout()) {
        p.plotLayout()->take(m_stripRect);
    }
    p.plotLayout()->simplify();
    p.replot(QCustomPlot::rpQueuedReplot);
}

void CurveView::showShares()
{
    m_plot.yAxis->setLabel(yLabel());
    if (m_generators >= 0)
        draw();
}

void CurveView::fitToData()
{
    DensityPlot& p = m_plot;
    if (p.graphCount() == 0)
        return;
    bool found = false;
    const QCPRange x = p.graph(0)->getKeyRange(found);
    if (found)
        p.xAxis->setRange(x);
    // Fit y to the true density: at step 0 every generator is a spike at one x, and the first
    // view must show the target, not flatten it under the spikes.
    const QCPRange y = p.graph(0)->getValueRange(found);
    if (found)
        p.yAxis->setRange(0, y.upper * kHeadroom);
    m_fitted = true;
    p.replot(QCustomPlot::rpQueuedReplot);
}

void CurveView::fit()
{
    DensityPlot& p = m_plot;
    if (p.graphCount() == 0)
        return;
    fitToData();
    double top = p.yAxis->range().upper / kHeadroom;
    for (int c = 0; c < curveCount(); ++c) {
        bool found = false;
        const QCPRange y = p.graph(c)->getValueRange(found);
        if (found && p.graph(c)->visible())
            top = std::max(top, y.upper);
    }
    if (top > 0)
        p.yAxis->setRange(0, top * kFitHeadroom);
    p.replot(QCustomPlot::rpQueuedReplot);
}

void CurveView::afterLayout()
{
    // A plot too short for the long y label (a small exported figure) says just "density".
    const QString full = yLabel();
    const int room = m_plot.axisRect()->rect().height();
    const bool fits = QFontMetrics(m_plot.yAxis->labelFont()).horizontalAdvance(full) <= room;
    m_plot.yAxis->setLabel(fits ? full : QString("density"));
}

} // namespace modescope::ui
