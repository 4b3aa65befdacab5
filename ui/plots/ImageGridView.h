#pragma once

#include <qcustomplot.h>

#include "plots/DensityView.h"

namespace modescope::ui
{

// An image run on the DensityPlot (issue 25): no axes, a grid of images. Row i holds generator
// i's latest images with its ink in its colour (pixel value v drawn as white * (1 - v) +
// colour * v), the last row one real image of each class in black; each row is named on its
// left. The grid is one pixmap, scaled to the plot at its aspect, so figures and the video draw
// it as the window does.
class ImageGridView : public DensityView
{
public:
    explicit ImageGridView(DensityPlot& plot);
    ~ImageGridView() override; // the axes, the legend and the curves' tip come back

    Kind kind() const override { return Kind::Images; }
    void draw() override;
    const QCPItemPixmap* grid() const { return m_grid; }

private:
    QCPItemPixmap* m_grid;
    QString m_otherTip; // the plot's general tip before the grid
};

} // namespace modescope::ui
