#pragma once

#include <qcustomplot.h>

#include "modescope/Snapshot.h"

namespace modescope::ui
{

// The main plot: the true density filled, one curve per generator, their average dashed;
// optionally D_real(x) on a second axis and, under the plot, a strip coloured by the generator
// D believes owns each x. Legend entries toggle their curve; drag pans, the wheel zooms, a
// double-click fits.
class DensityPlot : public QCustomPlot
{
    Q_OBJECT
public:
    explicit DensityPlot(QWidget* parent = nullptr);

    void setSnapshot(const Snapshot& snapshot);
    // The density curves: data, G1..Gk, average (k + 2); graph(i) for i below this count.
    int curveCount() const { return m_generators < 0 ? 0 : m_generators + 2; }
    QCPGraph* discriminatorCurve() const { return m_dReal; }
    void setShowDiscriminator(bool show);
    void setShowOwnerStrip(bool show);
    // Generator curves as p_i / k, their share of the generators' mixture, so they add up to
    // the average and sit inside the data's modes (on by default); off: each p_i whole.
    void setShowShares(bool shares);
    bool showsShares() const { return m_shares; }
    bool showsDiscriminator() const { return m_showDiscriminator; }
    bool showsOwnerStrip() const { return m_showOwnerStrip; }
    void fit();

    static QColor generatorColor(int i);

private:
    void rebuild(int generators);
    void drawSnapshot();

    QCPAxisRect* m_stripRect; // the owner strip, under the main axis rect
    QCPGraph* m_dReal = nullptr;
    QVector<QCPGraph*> m_ownerBands; // one per generator, in the strip
    int m_generators = -1;
    bool m_fitted = false;
    bool m_showDiscriminator = true;
    bool m_showOwnerStrip = true;
    bool m_shares = true;
    Snapshot m_snapshot; // the one drawn, kept to redraw when the display changes
};

} // namespace modescope::ui
