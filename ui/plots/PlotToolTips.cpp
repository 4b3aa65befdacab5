#include "plots/PlotToolTips.h"

#include <QHelpEvent>
#include <QToolTip>
#include <qcustomplot.h>

namespace modescope::ui
{

namespace
{
constexpr int kAxisReachPx = 48; // how far from the axis rect a point still belongs to an axis

// The axis whose tick labels and label lie at `pos`, outside the axis rect's inner rectangle.
QCPAxis* axisNear(QCustomPlot* plot, const QPointF& pos)
{
    for (QCPAxisRect* rect : plot->axisRects()) {
        const QRect inner = rect->rect();
        if (!rect->outerRect().contains(pos.toPoint()) || inner.contains(pos.toPoint()))
            continue;
        QCPAxis::AxisType type = QCPAxis::atBottom;
        if (pos.x() < inner.left() && pos.x() >= inner.left() - kAxisReachPx)
            type = QCPAxis::atLeft;
        else if (pos.x() > inner.right() && pos.x() <= inner.right() + kAxisReachPx)
            type = QCPAxis::atRight;
        else if (pos.y() < inner.top())
            type = QCPAxis::atTop;
        const QList<QCPAxis*> axes = rect->axes(type);
        for (QCPAxis* axis : axes)
            if (axis->visible())
                return axis;
    }
    return nullptr;
}
} // namespace

PlotToolTips::PlotToolTips(QCustomPlot* plot, const QString& general)
    : QObject(plot)
    , m_plot(plot)
    , m_general(general)
{
    setObjectName("plotToolTips");
    plot->setToolTip(general);
    plot->setWhatsThis(general);
    plot->installEventFilter(this);
}

PlotToolTips* PlotToolTips::of(const QCustomPlot* plot)
{
    return plot->findChild<PlotToolTips*>("plotToolTips", Qt::FindDirectChildrenOnly);
}

void PlotToolTips::setGeneralTip(const QString& tip)
{
    m_general = tip;
    m_plot->setToolTip(tip);
    m_plot->setWhatsThis(tip);
}

void PlotToolTips::setAxisTip(QCPAxis* axis, const QString& tip)
{
    m_axes.insert(axis, tip);
}

void PlotToolTips::removeAxisTip(QCPAxis* axis)
{
    m_axes.remove(axis);
}

void PlotToolTips::setLegendTip(const QString& curveName, const QString& tip)
{
    m_legend.insert(curveName, tip);
}

QString PlotToolTips::tipAt(const QPoint& pos) const
{
    QCPLayoutElement* element = m_plot->layoutElementAt(pos);
    if (auto* item = qobject_cast<QCPPlottableLegendItem*>(element)) {
        const QString name = item->plottable()->name();
        return m_legend.value(name, name);
    }
    if (auto* scale = qobject_cast<QCPColorScale*>(element);
        scale && m_axes.contains(scale->axis()))
        return m_axes.value(scale->axis());
    if (QCPAxis* axis = axisNear(m_plot, pos); axis && m_axes.contains(axis))
        return m_axes.value(axis);
    return m_general;
}

bool PlotToolTips::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        QToolTip::showText(help->globalPos(), tipAt(help->pos()), m_plot);
        return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace modescope::ui
