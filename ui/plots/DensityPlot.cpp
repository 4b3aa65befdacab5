#include "plots/DensityPlot.h"

#include <algorithm>
#include <limits>

#include "plots/MapLayers.h"
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
constexpr int kLegendColumns = 6; // legend entries per row above the plot, at most
constexpr const char* kSharesLabel = "density (G: p_i / k)";

QVector<double> toQVector(const std::vector<double>& v)
{
    return { v.begin(), v.end() };
}
} // namespace

DensityPlot::DensityPlot(QWidget* parent)
    : QCustomPlot(parent)
    , m_stripRect(new QCPAxisRect(this))
{
    drawCurvesFast(this);
    xAxis->setLabel("x");
    yAxis->setLabel(kSharesLabel);
    yAxis2->setLabel("D_real(x)");
    yAxis2->setRange(0, 1.05);
    yAxis2->setVisible(true);
    yAxis2->ticker()->setTickCount(3); // 0, 0.5, 1: room for the curve, not for crowded labels
    for (QCPAxis* axis : { yAxis2 }) { // coloured like its curve: which axis is whose
        axis->setLabelColor(discriminatorColor());
        axis->setTickLabelColor(discriminatorColor());
        axis->setBasePen(QPen(discriminatorColor()));
        axis->setTickPen(QPen(discriminatorColor()));
        axis->setSubTickPen(QPen(discriminatorColor()));
    }
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    axisRect()->setRangeZoomAxes(xAxis, yAxis);
    axisRect()->setRangeDragAxes(xAxis, yAxis);

    // The owner strip shares the x range; its y axis only holds one band.
    plotLayout()->addElement(1, 0, m_stripRect);
    m_stripRect->setProperty(kBandProperty, true);
    m_stripRect->setMinimumSize(0, kStripHeightPx);
    m_stripRect->setMaximumSize(QWIDGETSIZE_MAX, kStripHeightPx);
    m_stripRect->setupFullAxesBox(false);
    for (QCPAxis* axis : m_stripRect->axes()) {
        axis->setTickLabels(false);
        axis->setTicks(false);
        axis->grid()->setVisible(false); // grid lines would stripe the bands and the note
    }
    // The strip sits between the plot and the x axis, which moves under it; the strip's name
    // is a horizontal tick label, since a rotated label is taller than the strip.
    QCPAxis* stripX = m_stripRect->axis(QCPAxis::atBottom);
    stripX->setTicker(xAxis->ticker());
    QCPAxis* stripY = m_stripRect->axis(QCPAxis::atLeft);
    QSharedPointer<QCPAxisTickerText> name(new QCPAxisTickerText);
    name->addTick(0.5, "owner");
    stripY->setTicker(name);
    stripY->setTickLabels(true);
    stripY->setRange(0, 1);
    for (QCPAxis* axis : { xAxis, stripX }) // the strip's x axis draws like the plot's
        axis->setTickLabelFont(xAxis->tickLabelFont());
    m_stripRect->setMargins(QMargins(0, 0, 0, 0)); // no gap above the strip
    m_stripRect->setRangeDrag({});
    m_stripRect->setRangeZoom({});
    auto* margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_stripRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    plotLayout()->setRowStretchFactor(1, 0.001);
    connect(xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
        [this](const QCPRange& range) { m_stripRect->axis(QCPAxis::atBottom)->setRange(range); });
    m_stripNote = new QCPItemText(this);
    m_stripNote->setClipAxisRect(m_stripRect);
    m_stripNote->position->setAxisRect(m_stripRect);
    m_stripNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_stripNote->position->setCoords(0.5, 0.5);
    m_stripNote->setPositionAlignment(Qt::AlignCenter);
    m_stripNote->setColor(QColor(90, 90, 90));
    m_stripNote->setVisible(false);
    placeLegendAbove(this, kLegendColumns); // rows 0 legend, 1 plot, 2 strip
    setShowOwnerStrip(true); // the x axis under the strip

    makeLegendToggleCurves(this);
    connect(this, &QCustomPlot::mouseDoubleClick, this, [this] { fit(); });
    // A plot too short for the long y label (a small exported figure) says just "density".
    connect(this, &QCustomPlot::afterLayout, this, [this] {
        if (m_map) {
            keepEqualAspect();
            return;
        }
        const QString full = m_shares ? kSharesLabel : "density";
        const int room = axisRect()->rect().height();
        const bool fits = QFontMetrics(yAxis->labelFont()).horizontalAdvance(full) <= room;
        yAxis->setLabel(fits ? full : QString("density"));
    });

    auto* tips = new PlotToolTips(this,
        tr("The true density (grey, filled) and each generator's density G_i (a Gaussian KDE of "
           "500 of its samples), drawn as its share p_i / k so the curves add up to the dashed "
           "average (K: each p_i whole). Mode collapse looks like every curve piled on one peak "
           "while other grey peaks stay empty. Drag to pan, wheel to zoom, F or double-click to "
           "fit; click a legend entry to hide its curve."));
    tips->setAxisTip(m_stripRect->axis(QCPAxis::atBottom), tr("x: the one-dimensional data space"));
    setAxisTips();
    tips->setAxisTip(yAxis2,
        tr("D_real(x): the discriminator's probability that a sample at x is real (D toggles). "
           "Near 0.5 where it cannot tell; high where data has no generated mass"));
    tips->setAxisTip(m_stripRect->axis(QCPAxis::atLeft),
        tr("Owner strip: at each x, the generator whose head of D is largest (argmax_i D_i(x)): "
           "the region D credits to G_i (O toggles)"));
    tips->setLegendTip("data", tr("The target mixture's true density"));
    tips->setLegendTip("average of G",
        tr("The generators' mixture (1/k) sum_i p_i: what the whole model generates"));
    tips->setLegendTip("D_real", tr("D's probability that x is real (right axis)"));
}

void DensityPlot::applyReading()
{
    const DiscriminatorReading& reading = m_snapshot.reading;
    const QString label = QString::fromStdString(reading.label);
    if (!m_dReal || m_dReal->name() == label)
        return;
    // What D's curve means for this run's method (a critic's score, a pack's probability).
    const QString explanation = QString::fromStdString(reading.explanation);
    m_dReal->setName(label);
    yAxis2->setLabel(label == DiscriminatorReading().label.c_str() ? QString("D_real(x)") : label);
    if (auto* tips = PlotToolTips::of(this)) {
        tips->setAxisTip(yAxis2, explanation + tr(" (D toggles)"));
        tips->setLegendTip(label, explanation + tr(" (right axis)"));
    }
    replot(QCustomPlot::rpQueuedReplot);
}

void DensityPlot::setAxisTips()
{
    auto* tips = PlotToolTips::of(this);
    if (!tips)
        return;
    if (m_map) {
        tips->setAxisTip(xAxis, tr("x: the first coordinate of the two-dimensional data space"));
        tips->setAxisTip(yAxis,
            tr("y: the second coordinate (equal aspect: a unit of y is as long as a unit of x)"));
        return;
    }
    tips->setAxisTip(xAxis, tr("x: the one-dimensional data space"));
    tips->setAxisTip(yAxis,
        tr("Probability density. Generators are drawn as p_i / k (their share of the average) "
           "unless K switched to whole densities"));
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
    if (generators == 1) { // it is G1: drawn over it, it would hide G1's colour
        average->setVisible(false);
        average->removeFromLegend();
    }

    m_dReal = addGraph(xAxis, yAxis2);
    m_dReal->setName("D_real");
    // Solid and thin: a dotted pen on a wiggly 512-point curve costs ~100 ms a redraw.
    m_dReal->setPen(QPen(discriminatorColor(), 1));
    m_dReal->setVisible(m_showDiscriminator);
    if (!m_showDiscriminator)
        m_dReal->removeFromLegend();
    if (auto* tips = PlotToolTips::of(this))
        for (int i = 0; i < generators; ++i)
            tips->setLegendTip(
                QString("G%1").arg(i + 1), tr("Generator %1's density (click to hide)").arg(i + 1));

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
    refitLegend(this);
}

void DensityPlot::setSnapshot(const Snapshot& snapshot)
{
    m_snapshot = snapshot;
    drawSnapshot();
}

void DensityPlot::setShowShares(bool shares)
{
    m_shares = shares;
    if (!m_map)
        yAxis->setLabel(shares ? kSharesLabel : "density");
    if (m_generators >= 0)
        drawSnapshot();
}

void DensityPlot::drawSnapshot()
{
    const Snapshot& snapshot = m_snapshot;
    if ((snapshot.imageRows > 0) != m_images) {
        setImageMode(snapshot.imageRows > 0);
        m_generators = -1;
    }
    if (m_images) {
        drawImages();
        return;
    }
    int k = static_cast<int>(snapshot.generatorDensity.size());
    if (snapshot.dimension == 2) // a kept map has its points but not the generators' grids
        k = static_cast<int>(snapshot.points.size());
    if ((snapshot.dimension == 2) != m_map) {
        setMapMode(snapshot.dimension == 2);
        m_generators = -1; // rebuilt below, in the other mode's form
    }
    if (m_map) {
        if (k != m_generators)
            rebuildMap(k);
        drawMap();
        return;
    }
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
    applyReading();

    // Each band is 1 where D names its generator the owner and a gap (NaN) elsewhere.
    const double gap = std::numeric_limits<double>::quiet_NaN();
    for (int i = 0; i < k; ++i) {
        QVector<double> band(x.size(), gap);
        for (int p = 0; p < x.size() && p < static_cast<int>(snapshot.owner.size()); ++p)
            if (snapshot.owner[p] == i)
                band[p] = 1.0;
        m_ownerBands[i]->setData(x, band, true);
    }
    const QString note = ownerStripNote();
    m_stripNote->setText(note);
    m_stripNote->setVisible(!note.isEmpty() && m_showOwnerStrip);
    if (!m_fitted && !snapshot.grid.empty())
        fitToData();
    replot(QCustomPlot::rpQueuedReplot);
}

void DensityPlot::setShowDiscriminator(bool show)
{
    m_showDiscriminator = show;
    if (m_images)
        return; // no D over images to draw; applies when curves come back
    if (m_map) {
        if (m_dRealLayer) {
            m_dRealLayer->setVisible(show);
            if (show)
                fillDiscriminatorLayer(m_dRealLayer, m_snapshot); // not filled while hidden
        }
        showInLegendAsVisible(this, m_dRealLayer);
        replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    if (m_dReal) {
        m_dReal->setVisible(show);
        show ? void(m_dReal->addToLegend()) : void(m_dReal->removeFromLegend());
    }
    yAxis2->setVisible(show);
    replot(QCustomPlot::rpQueuedReplot);
}

void DensityPlot::setShowOwnerStrip(bool show)
{
    m_showOwnerStrip = show;
    if (m_images)
        return;
    if (m_map) {
        if (m_ownerLayer) {
            m_ownerLayer->setVisible(show && ownerStripNote().isEmpty());
            if (m_ownerLayer->visible())
                fillOwnerLayer(m_ownerLayer, m_snapshot); // not filled while hidden
        }
        showInLegendAsVisible(this, m_ownerLayer);
        replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    m_stripRect->setVisible(show);
    for (QCPGraph* band : m_ownerBands)
        band->setVisible(show);
    m_stripNote->setVisible(show && !ownerStripNote().isEmpty());
    // One x axis, under whatever is lowest: the strip when it shows, else the plot.
    QCPAxis* stripX = m_stripRect->axis(QCPAxis::atBottom);
    stripX->setTickLabels(show);
    stripX->setTicks(show);
    stripX->setLabel(show ? "x" : "");
    xAxis->setTickLabels(!show);
    xAxis->setLabel(show ? "" : "x");
    // Plot and strip close together: the gap is the plot's bottom margin, set by hand.
    axisRect()->setAutoMargins(
        show ? QCP::msLeft | QCP::msRight : QCP::msLeft | QCP::msRight | QCP::msBottom);
    axisRect()->setMargins(QMargins(0, axisRect()->margins().top(), 0, kStripGapPx));
    m_stripRect->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);
    // Rows: the legend, the plot, then the strip when it shows (a map takes it out too).
    if (show && !m_stripRect->layout()) {
        if (plotLayout()->hasElement(2, 0))
            plotLayout()->insertRow(2);
        plotLayout()->addElement(2, 0, m_stripRect);
    } else if (!show && m_stripRect->layout()) {
        plotLayout()->take(m_stripRect);
    }
    plotLayout()->simplify();
    replot(QCustomPlot::rpQueuedReplot);
}

void DensityPlot::fitToData()
{
    if (graphCount() == 0)
        return;
    bool found = false;
    const QCPRange x = graph(0)->getKeyRange(found);
    if (found)
        xAxis->setRange(x);
    // Fit y to the true density: at step 0 every generator is a spike at one x, and the first
    // view must show the target, not flatten it under the spikes.
    const QCPRange y = graph(0)->getValueRange(found);
    if (found)
        yAxis->setRange(0, y.upper * kHeadroom);
    m_fitted = true;
    replot(QCustomPlot::rpQueuedReplot);
}

void DensityPlot::fit()
{
    if (m_images)
        return; // the grid always fits
    if (m_map) {
        fitMap();
        return;
    }
    if (graphCount() == 0)
        return;
    fitToData();
    double top = yAxis->range().upper / kHeadroom;
    for (int c = 0; c < curveCount(); ++c) {
        bool found = false;
        const QCPRange y = graph(c)->getValueRange(found);
        if (found && graph(c)->visible())
            top = std::max(top, y.upper);
    }
    if (top > 0)
        yAxis->setRange(0, top * kFitHeadroom);
    replot(QCustomPlot::rpQueuedReplot);
}

QString DensityPlot::curvesCsv() const
{
    if (m_images)
        return {};
    if (m_map)
        return mapCsv();
    const Snapshot& s = m_snapshot;
    const int k = static_cast<int>(s.generatorDensity.size());
    QStringList header { "x", "data" };
    for (int i = 0; i < k; ++i)
        header << (m_shares ? QString("g%1_share").arg(i + 1) : QString("g%1").arg(i + 1));
    header << "average" << QString::fromStdString(s.reading.column);
    QString csv = header.join(',') + '\n';
    const double scale = m_shares && k > 0 ? 1.0 / k : 1.0;
    auto at = [](const std::vector<double>& v, size_t p) {
        return p < v.size() ? QString::number(v[p], 'g', 10) : QString("nan");
    };
    for (size_t p = 0; p < s.grid.size(); ++p) {
        QStringList row { at(s.grid, p), at(s.dataDensity, p) };
        for (int i = 0; i < k; ++i)
            row << (p < s.generatorDensity[i].size()
                    ? QString::number(s.generatorDensity[i][p] * scale, 'g', 10)
                    : QString("nan"));
        row << at(s.mixtureDensity, p) << at(s.dReal, p);
        csv += row.join(',') + '\n';
    }
    return csv;
}

QString DensityPlot::ownerStripNote() const
{
    if (m_generators <= 0)
        return {};
    const bool anyOwner = std::any_of(
        m_snapshot.owner.begin(), m_snapshot.owner.end(), [](int o) { return o >= 0; });
    if (anyOwner)
        return {};
    if (m_generators == 1)
        return tr("no owner: one generator, nothing to share out");
    return tr("no owner: this D has one real/fake output, no head per generator");
}

} // namespace modescope::ui
