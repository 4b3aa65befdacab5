// DensityPlot for a 2-D snapshot: a map at equal aspect (SPEC section 6). The layers are colour
// maps over the snapshot's grid, under one scatter graph per generator.
#include "plots/DensityPlot.h"

#include <algorithm>
#include <cmath>

#include "plots/MapLayers.h"
#include "plots/PlotStyle.h"
#include "plots/PlotToolTips.h"

namespace modescope::ui
{

namespace
{
} // namespace

void DensityPlot::setMapMode(bool map)
{
    m_map = map;
    clearGraphs();
    clearPlottables(); // the other mode's curves, bands and layers
    m_dReal = nullptr;
    m_ownerBands.clear();
    m_dataLayer = m_dRealLayer = m_ownerLayer = nullptr;
    m_contours.clear();
    m_filledData.clear();
    m_fitted = false;
    setAxisTips();
    yAxis2->setVisible(!map && m_showDiscriminator);
    if (map) {
        if (m_stripRect->layout())
            plotLayout()->take(m_stripRect);
        plotLayout()->simplify();
        m_stripRect->setVisible(false);
        m_stripNote->setVisible(false);
        axisRect()->setAutoMargins(QCP::msAll);
        xAxis->setTickLabels(true);
        xAxis->setLabel("x");
        yAxis->setLabel("y");
    } else {
        yAxis->setLabel(m_shares ? "density (G: p_i / k)" : "density");
        setShowOwnerStrip(m_showOwnerStrip);
    }
}

void DensityPlot::rebuildMap(int generators)
{
    clearGraphs();
    clearPlottables();
    m_dataLayer = addDataLayer(xAxis, yAxis);
    m_filledData.clear();
    m_dRealLayer = addDiscriminatorLayer(xAxis, yAxis);
    m_dRealLayer->setVisible(m_showDiscriminator);
    m_ownerLayer = addOwnerLayer(xAxis, yAxis, generators);
    m_ownerLayer->setVisible(m_showOwnerStrip);
    showInLegendAsVisible(this, m_dRealLayer);
    showInLegendAsVisible(this, m_ownerLayer);
    for (int i = 0; i < generators; ++i)
        addScatter(xAxis, yAxis, i); // graph(i)
    m_contours.clear();
    for (int i = 0; i < generators; ++i) {
        m_contours.push_back(addContour(xAxis, yAxis, i));
        m_contours.back()->setVisible(m_showContours);
    }
    m_generators = generators;
    m_fitted = false;
    if (auto* tips = PlotToolTips::of(this)) {
        for (int i = 0; i < generators; ++i)
            tips->setLegendTip(QString("G%1").arg(i + 1),
                tr("Generator %1's samples, up to 500 (click to hide)").arg(i + 1));
        tips->setLegendTip("owner (argmax D_i)",
            tr("Where D credits each generator: the colour of the G_i whose head of D is largest "
               "(O toggles)"));
    }
    refitLegend(this);
}

void DensityPlot::drawMap()
{
    const Snapshot& s = m_snapshot;
    // A 2-head D (gan, independent) names no owner: no layer, no legend entry; it comes back
    // when a run with per-generator heads follows (a click's hiding stands meanwhile).
    const bool owners = ownerStripNote().isEmpty();
    if (!owners && legend->itemWithPlottable(m_ownerLayer)) {
        m_ownerLayer->setVisible(false);
        m_ownerLayer->removeFromLegend();
    } else if (owners && !legend->itemWithPlottable(m_ownerLayer)) {
        m_ownerLayer->addToLegend();
        m_ownerLayer->setVisible(m_showOwnerStrip);
        showInLegendAsVisible(this, m_ownerLayer);
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

    for (int i = 0; i < m_generators && i < static_cast<int>(s.points.size()); ++i)
        setScatterPoints(graph(i), s.points[static_cast<size_t>(i)]);
    for (int i = 0; i < m_contours.size(); ++i)
        setContourSegments(m_contours[i],
            static_cast<size_t>(i) < s.contours.size() ? s.contours[static_cast<size_t>(i)]
                                                       : std::vector<double> {});
    if (!m_fitted && !s.grid.empty())
        fitMap();
    replot(QCustomPlot::rpQueuedReplot);
}

void DensityPlot::setShowContours(bool show)
{
    m_showContours = show;
    for (QCPCurve* contour : m_contours)
        contour->setVisible(show);
    replot(QCustomPlot::rpQueuedReplot);
}

void DensityPlot::fitMap()
{
    const Snapshot& s = m_snapshot;
    if (s.grid.empty() || s.gridY.empty())
        return;
    xAxis->setRange(s.grid.front(), s.grid.back());
    yAxis->setRange(s.gridY.front(), s.gridY.back());
    // Equal aspect, showing the whole box: widen whichever axis has room to spare.
    const QRect r = axisRect()->rect();
    if (r.width() > 0 && r.height() > 0) {
        const double xPerPixel = xAxis->range().size() / r.width();
        const double yPerPixel = yAxis->range().size() / r.height();
        if (xPerPixel > yPerPixel)
            yAxis->setScaleRatio(xAxis, 1.0);
        else
            xAxis->setScaleRatio(yAxis, 1.0);
    }
    m_fitted = true;
    replot(QCustomPlot::rpQueuedReplot);
}

void DensityPlot::fitMapTo(const QSize& size)
{
    const QRect window = viewport();
    setViewport(QRect(QPoint(0, 0), size));
    updateLayout();
    const bool fitted = m_fitted;
    fitMap();
    m_fitted = fitted;
    setViewport(window);
    updateLayout();
}

void DensityPlot::keepEqualAspect()
{
    const QRect r = axisRect()->rect();
    if (r.width() <= 0 || r.height() <= 0)
        return;
    // x stays as the user set it; y follows at one unit per unit.
    const double wanted = xAxis->range().size() * r.height() / r.width();
    if (std::abs(yAxis->range().size() - wanted) > 1e-9 * wanted)
        yAxis->setScaleRatio(xAxis, 1.0);
}

QString DensityPlot::mapCsv() const
{
    const Snapshot& s = m_snapshot;
    const int k = m_generators; // a kept snapshot has its points but not the G grids: nan
    QStringList header { "x", "y", "data" };
    for (int i = 0; i < k; ++i)
        header << QString("g%1").arg(i + 1);
    header << "average" << QString::fromStdString(s.reading.column);
    QString csv = header.join(',') + '\n';
    auto at = [](const std::vector<double>& v, size_t p) {
        return p < v.size() ? QString::number(v[p], 'g', 10) : QString("nan");
    };
    const size_t nx = s.grid.size();
    const size_t cells = nx * s.gridY.size();
    for (size_t p = 0; p < cells; ++p) {
        QStringList row { at(s.grid, p % nx), at(s.gridY, p / nx), at(s.dataDensity, p) };
        for (int i = 0; i < k; ++i)
            row << (static_cast<size_t>(i) < s.generatorDensity.size()
                    ? at(s.generatorDensity[static_cast<size_t>(i)], p)
                    : QString("nan"));
        row << at(s.mixtureDensity, p) << at(s.dReal, p);
        csv += row.join(',') + '\n';
    }
    return csv;
}

} // namespace modescope::ui
