#pragma once

#include <qcustomplot.h>

#include <vector>

#include "modescope/config/TrainConfig.h"
#include "modescope/maths/Mixture.h"

namespace modescope::ui
{

// The generators x modes ownership matrix as a heat map: cell (m, i) is the share of
// generator i's samples whose nearest mode is m. Columns run in x order (the modes sorted by
// mean, whatever order the mixture lists them in); one generator (gan) or one mode draws as a
// single row or column like any other.
class OwnershipMap : public QCustomPlot
{
    Q_OBJECT
public:
    explicit OwnershipMap(QWidget* parent = nullptr);

    // ownership[i][m]; the mixture labels the mode axis with the modes' means.
    void setOwnership(const std::vector<std::vector<double>>& ownership, const Mixture& mixture);
    // The run's own: an image run's columns are its classes, in label order, named; a stacked
    // run's (1000 classes) are its classes pooled over the last channel, 100 columns 00x-99x.
    void setOwnership(const std::vector<std::vector<double>>& ownership, const TrainConfig& run);
    // The share drawn for generator i and mixture mode m (mixture order; a stacked run's
    // pooled column m); for tests.
    double cell(int generator, int mode) const;
    // The mixture index of each column, left to right.
    const std::vector<int>& columnModes() const { return m_columnModes; }
    int rows() const { return m_rows; }

private:
    // Columns in `order` (mixture indices, left to right), labelled `names`, rotated when `turn`.
    void draw(const std::vector<std::vector<double>>& ownership, std::vector<int> order,
        const QStringList& names, bool turn);
    // A stacked run's classes, pooled over the last channel's.
    void drawPooled(const std::vector<std::vector<double>>& ownership, const ImageTarget& target);

    QCPColorMap* m_map;
    std::vector<int> m_columnModes;
    std::vector<int> m_columnOfMode; // inverse of m_columnModes
    int m_rows = 0;
};

} // namespace modescope::ui
