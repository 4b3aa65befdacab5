#pragma once

#include <QHash>
#include <QObject>
#include <QPoint>
#include <QString>

class QCPAxis;
class QCustomPlot;

namespace modescope::ui
{

// Tooltips for a plot's parts: each axis and each legend entry (by its curve's name) can have
// its own text; anywhere else the plot's general text shows (also its What's This text).
class PlotToolTips : public QObject
{
    Q_OBJECT
public:
    PlotToolTips(QCustomPlot* plot, const QString& general);

    void setAxisTip(QCPAxis* axis, const QString& tip);
    void removeAxisTip(QCPAxis* axis); // before the axis is deleted
    // The text anywhere else (a plot that changes what it draws says so).
    void setGeneralTip(const QString& tip);
    QString generalTip() const { return m_general; }
    void setLegendTip(const QString& curveName, const QString& tip);
    // The text shown at `pos` (widget coordinates); for tests.
    QString tipAt(const QPoint& pos) const;
    static PlotToolTips* of(const QCustomPlot* plot); // the plot's, or nullptr

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QCustomPlot* m_plot;
    QString m_general;
    QHash<const QCPAxis*, QString> m_axes;
    QHash<QString, QString> m_legend;
};

} // namespace modescope::ui
