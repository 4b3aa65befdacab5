#pragma once

#include <qcustomplot.h>

#include <vector>

#include "modescope/Mixture.h"

namespace modescope::ui
{

// The generators x modes ownership matrix as a heat map: cell (m, i) is the share of
// generator i's samples whose nearest mode is m.
class OwnershipMap : public QCustomPlot
{
    Q_OBJECT
public:
    explicit OwnershipMap(QWidget* parent = nullptr);

    // ownership[i][m]; the mixture labels the mode axis with the modes' means.
    void setOwnership(const std::vector<std::vector<double>>& ownership, const Mixture& mixture);
    // The share drawn in cell (generator i, mode m); for tests.
    double cell(int generator, int mode) const;

private:
    QCPColorMap* m_map;
};

} // namespace modescope::ui
