#pragma once

#include <qcustomplot.h>

#include "modescope/Snapshot.h"

namespace modescope::ui
{

// The main plot: the true density filled, one curve per generator, their average dashed.
// Legend entries toggle their curve; drag pans, the wheel zooms, a double-click fits.
class DensityPlot : public QCustomPlot
{
    Q_OBJECT
public:
    explicit DensityPlot(QWidget* parent = nullptr);

    void setSnapshot(const Snapshot& snapshot);
    int curveCount() const { return graphCount(); }
    static QColor generatorColor(int i);

private:
    void rebuild(int generators);
    void fit();

    int m_generators = -1;
    bool m_fitted = false;
};

} // namespace modescope::ui
