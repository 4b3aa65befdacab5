#include "plots/DensityPlot.h"

#include <algorithm>

#include "plots/CurveView.h"
#include "plots/ImageGridView.h"
#include "plots/MapView.h"
#include "plots/PlotStyle.h"
#include "plots/PlotToolTips.h"

namespace modescope::ui
{

namespace
{
constexpr int kLegendColumns = 6; // legend entries per row above the plot, at most

std::unique_ptr<DensityView> makeView(DensityView::Kind kind, DensityPlot& plot)
{
    switch (kind) {
    case DensityView::Kind::Map:
        return std::make_unique<MapView>(plot);
    case DensityView::Kind::Images:
        return std::make_unique<ImageGridView>(plot);
    case DensityView::Kind::Curves:
        break;
    }
    return std::make_unique<CurveView>(plot);
}
} // namespace

DensityView::Kind DensityView::kindOf(const Snapshot& snapshot)
{
    if (snapshot.imageRows > 0)
        return Kind::Images;
    return snapshot.dimension == 2 ? Kind::Map : Kind::Curves;
}

QString noOwnerNote(const Snapshot& snapshot, int generators)
{
    if (generators <= 0)
        return {};
    const bool anyOwner
        = std::any_of(snapshot.owner.begin(), snapshot.owner.end(), [](int o) { return o >= 0; });
    if (anyOwner)
        return {};
    if (generators == 1)
        return DensityPlot::tr("no owner: one generator, nothing to share out");
    return DensityPlot::tr("no owner: this D has one real/fake output, no head per generator");
}

DensityPlot::DensityPlot(QWidget* parent)
    : QCustomPlot(parent)
    , m_snapshot(std::make_shared<const Snapshot>())
{
    drawCurvesFast(this);
    yAxis2->setLabel("D_real(x)");
    yAxis2->setRange(0, 1.05);
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
    placeLegendAbove(this, kLegendColumns); // rows 0 legend, 1 plot (2 a view's strip)
    makeLegendToggleCurves(this);
    connect(this, &QCustomPlot::mouseDoubleClick, this, [this] { fit(); });
    connect(this, &QCustomPlot::afterLayout, this, [this] {
        if (m_view)
            m_view->afterLayout();
    });

    auto* tips = new PlotToolTips(this,
        tr("The true density (grey, filled) and each generator's density G_i (a Gaussian KDE of "
           "500 of its samples), drawn as its share p_i / k so the curves add up to the dashed "
           "average (K: each p_i whole). Mode collapse looks like every curve piled on one peak "
           "while other grey peaks stay empty. Drag to pan, wheel to zoom, F or double-click to "
           "fit; click a legend entry to hide its curve."));
    tips->setAxisTip(yAxis2,
        tr("D_real(x): the discriminator's probability that a sample at x is real (D toggles). "
           "Near 0.5 where it cannot tell; high where data has no generated mass"));
    tips->setLegendTip("data", tr("The target mixture's true density"));
    tips->setLegendTip("average of G",
        tr("The generators' mixture (1/k) sum_i p_i: what the whole model generates"));
    tips->setLegendTip("D_real", tr("D's probability that x is real (right axis)"));
    m_view = std::make_unique<CurveView>(*this); // until a run says otherwise
}

DensityPlot::~DensityPlot() = default;

void DensityPlot::setSnapshot(const Snapshot& snapshot)
{
    setSnapshot(std::make_shared<const Snapshot>(snapshot));
}

void DensityPlot::setSnapshot(std::shared_ptr<const Snapshot> snapshot)
{
    if (!snapshot)
        return;
    m_snapshot = std::move(snapshot);
    const DensityView::Kind kind = DensityView::kindOf(*m_snapshot);
    if (kind != m_view->kind()) {
        m_view.reset(); // the old furniture down before the new goes up
        m_view = makeView(kind, *this);
    }
    m_view->draw();
}

int DensityPlot::curveCount() const
{
    return m_view->curveCount();
}

const CurveView* DensityPlot::curves() const
{
    return dynamic_cast<const CurveView*>(m_view.get());
}

const MapView* DensityPlot::map() const
{
    return dynamic_cast<const MapView*>(m_view.get());
}

const ImageGridView* DensityPlot::images() const
{
    return dynamic_cast<const ImageGridView*>(m_view.get());
}

const QCPItemPixmap* DensityPlot::imageGrid() const
{
    return images() ? images()->grid() : nullptr;
}

QCPColorMap* DensityPlot::dataLayer() const
{
    return map() ? map()->dataLayer() : nullptr;
}

QCPColorMap* DensityPlot::discriminatorLayer() const
{
    return map() ? map()->discriminatorLayer() : nullptr;
}

QCPColorMap* DensityPlot::ownerLayer() const
{
    return map() ? map()->ownerLayer() : nullptr;
}

QCPGraph* DensityPlot::discriminatorCurve() const
{
    return curves() ? curves()->discriminatorCurve() : nullptr;
}

const QVector<QCPCurve*>& DensityPlot::contours() const
{
    static const QVector<QCPCurve*> none;
    return map() ? map()->contours() : none;
}

void DensityPlot::setShowDiscriminator(bool show)
{
    m_display.discriminator = show;
    m_view->showDiscriminator();
}

void DensityPlot::setShowOwnerStrip(bool show)
{
    m_display.owner = show;
    m_view->showOwner();
}

void DensityPlot::setShowShares(bool shares)
{
    m_display.shares = shares;
    m_view->showShares();
}

void DensityPlot::setShowContours(bool show)
{
    m_display.contours = show;
    m_view->showContours();
}

void DensityPlot::fit()
{
    m_view->fit();
}

void DensityPlot::fitNextSnapshot()
{
    m_view->fitNext();
}

void DensityPlot::fitMapTo(const QSize& size)
{
    if (auto* view = dynamic_cast<MapView*>(m_view.get()))
        view->fitTo(size);
}

QString DensityPlot::ownerStripNote() const
{
    return noOwnerNote(*m_snapshot, m_view->generators());
}

} // namespace modescope::ui
