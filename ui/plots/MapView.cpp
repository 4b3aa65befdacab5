#include "plots/MapView.h"

#include <cmath>

#include "plots/DensityPlot.h"
#include "plots/MapLayers.h"
#include "plots/PlotStyle.h"
#include "plots/PlotToolTips.h"

namespace modescope::ui
{

MapView::MapView(DensityPlot& plot)
    : DensityView(plot)
{
    plot.xAxis->setVisible(true);
    plot.yAxis->setVisible(true);
    plot.yAxis2->setVisible(false);
    plot.legend->setVisible(true);
    plot.axisRect()->setAutoMargins(QCP::msAll);
    plot.xAxis->setTickLabels(true);
    plot.xAxis->setLabel("x");
    plot.yAxis->setLabel("y");
    if (auto* tips = PlotToolTips::of(&plot)) {
        m_otherTip = tips->generalTip();
        tips->setGeneralTip(DensityPlot::tr(
            "The true density (grey, darker where denser) and each generator's samples, up to "
            "500, in its colour; D_real (purple, D) and the owner map (O, where D credits each "
            "generator) under them. Mode collapse looks like every generator's points on one "
            "grey blob while others stay empty. Drag to pan, wheel to zoom, F or double-click "
            "to fit; click a legend entry to hide its layer."));
        tips->setAxisTip(plot.xAxis,
            DensityPlot::tr("x: the first coordinate of the two-dimensional data space"));
        tips->setAxisTip(plot.yAxis,
            DensityPlot::tr(
                "y: the second coordinate (equal aspect: a unit of y is as long as a unit of x)"));
    }
}

MapView::~MapView()
{
    m_plot.clearPlottables(); // every layer, scatter and contour on the canvas is this view's
    if (auto* tips = PlotToolTips::of(&m_plot); tips && !m_otherTip.isEmpty())
        tips->setGeneralTip(m_otherTip);
}

void MapView::rebuild(int generators)
{
    DensityPlot& p = m_plot;
    const DensityDisplay& display = p.display();
    p.clearPlottables();
    m_dataLayer = addDataLayer(p.xAxis, p.yAxis);
    m_filledData.clear();
    m_dRealLayer = addDiscriminatorLayer(p.xAxis, p.yAxis);
    m_dRealLayer->setVisible(display.discriminator);
    m_ownerLayer = addOwnerLayer(p.xAxis, p.yAxis, generators);
    m_ownerLayer->setVisible(display.owner);
    showInLegendAsVisible(&p, m_dRealLayer);
    showInLegendAsVisible(&p, m_ownerLayer);
    for (int i = 0; i < generators; ++i)
        addScatter(p.xAxis, p.yAxis, i); // graph(i)
    m_contours.clear();
    for (int i = 0; i < generators; ++i) {
        m_contours.push_back(addContour(p.xAxis, p.yAxis, i));
        m_contours.back()->setVisible(display.contours);
    }
    m_generators = generators;
    m_fitted = false;
    if (auto* tips = PlotToolTips::of(&p)) {
        for (int i = 0; i < generators; ++i)
            tips->setLegendTip(QString("G%1").arg(i + 1),
                DensityPlot::tr("Generator %1's samples, up to 500 (click to hide)").arg(i + 1));
        tips->setLegendTip("owner (argmax D_i)",
            DensityPlot::tr("Where D credits each generator: the colour of the G_i whose head "
                            "of D is largest (O toggles)"));
    }
    refitLegend(&p);
}

void MapView::draw()
{
    DensityPlot& p = m_plot;
    const Snapshot& s = p.snapshot();
    // A kept map has its points but not the generators' grids: they count the generators.
    const int k = static_cast<int>(s.points.size());
    if (k != m_generators)
        rebuild(k);
    // A 2-head D (gan, independent) names no owner: no layer, no legend entry; it comes back
    // when a run with per-generator heads follows (a click's hiding stands meanwhile).
    const bool owners = noOwnerNote(s, m_generators).isEmpty();
    if (!owners && p.legend->itemWithPlottable(m_ownerLayer)) {
        m_ownerLayer->setVisible(false);
        m_ownerLayer->removeFromLegend();
    } else if (owners && !p.legend->itemWithPlottable(m_ownerLayer)) {
        m_ownerLayer->addToLegend();
        m_ownerLayer->setVisible(p.display().owner);
        showInLegendAsVisible(&p, m_ownerLayer);
    }
    // The target's density is fixed for a run: its layer (and image) is made again only when it
    // changes. Hidden layers are filled when they are shown.
    if (s.dataDensity != m_filledData || m_dataLayer->data()->keySize() != int(s.grid.size())) {
        fillDataLayer(m_dataLayer, s);
        m_filledData = s.dataDensity;
    }
    if (m_dRealLayer->visible())
        fillDiscriminatorLayer(m_dRealLayer, s);
    if (m_ownerLayer->visible())
        fillOwnerLayer(m_ownerLayer, s);

    for (int i = 0; i < m_generators; ++i)
        setScatterPoints(p.graph(i), s.points[static_cast<size_t>(i)]);
    for (int i = 0; i < m_contours.size(); ++i)
        setContourSegments(m_contours[i],
            static_cast<size_t>(i) < s.contours.size() ? s.contours[static_cast<size_t>(i)]
                                                       : std::vector<double> {});
    if (!m_fitted && !s.grid.empty())
        fit();
    p.replot(QCustomPlot::rpQueuedReplot);
}

void MapView::showDiscriminator()
{
    DensityPlot& p = m_plot;
    if (m_dRealLayer) {
        m_dRealLayer->setVisible(p.display().discriminator);
        if (m_dRealLayer->visible())
            fillDiscriminatorLayer(m_dRealLayer, p.snapshot()); // not filled while hidden
    }
    showInLegendAsVisible(&p, m_dRealLayer);
    p.replot(QCustomPlot::rpQueuedReplot);
}

void MapView::showOwner()
{
    DensityPlot& p = m_plot;
    if (m_ownerLayer) {
        m_ownerLayer->setVisible(
            p.display().owner && noOwnerNote(p.snapshot(), m_generators).isEmpty());
        if (m_ownerLayer->visible())
            fillOwnerLayer(m_ownerLayer, p.snapshot()); // not filled while hidden
    }
    showInLegendAsVisible(&p, m_ownerLayer);
    p.replot(QCustomPlot::rpQueuedReplot);
}

void MapView::showContours()
{
    for (QCPCurve* contour : m_contours)
        contour->setVisible(m_plot.display().contours);
    m_plot.replot(QCustomPlot::rpQueuedReplot);
}

void MapView::fit()
{
    DensityPlot& p = m_plot;
    const Snapshot& s = p.snapshot();
    if (s.grid.empty() || s.gridY.empty())
        return;
    p.xAxis->setRange(s.grid.front(), s.grid.back());
    p.yAxis->setRange(s.gridY.front(), s.gridY.back());
    // Equal aspect, showing the whole box: widen whichever axis has room to spare.
    const QRect r = p.axisRect()->rect();
    if (r.width() > 0 && r.height() > 0) {
        const double xPerPixel = p.xAxis->range().size() / r.width();
        const double yPerPixel = p.yAxis->range().size() / r.height();
        if (xPerPixel > yPerPixel)
            p.yAxis->setScaleRatio(p.xAxis, 1.0);
        else
            p.xAxis->setScaleRatio(p.yAxis, 1.0);
    }
    m_fitted = true;
    p.replot(QCustomPlot::rpQueuedReplot);
}

void MapView::fitTo(const QSize& size)
{
    DensityPlot& p = m_plot;
    const QRect window = p.viewport();
    p.setViewport(QRect(QPoint(0, 0), size));
    p.updateLayout();
    const bool fitted = m_fitted;
    fit();
    m_fitted = fitted;
    p.setViewport(window);
    p.updateLayout();
}

void MapView::afterLayout()
{
    keepEqualAspect();
}

void MapView::keepEqualAspect()
{
    DensityPlot& p = m_plot;
    const QRect r = p.axisRect()->rect();
    if (r.width() <= 0 || r.height() <= 0)
        return;
    // x stays as the user set it; y follows at one unit per unit.
    const double wanted = p.xAxis->range().size() * r.height() / r.width();
    if (std::abs(p.yAxis->range().size() - wanted) > 1e-9 * wanted)
        p.yAxis->setScaleRatio(p.xAxis, 1.0);
}

} // namespace modescope::ui
