#pragma once

#include <QFont>
#include <QString>

#include <functional>
#include <vector>

#include "export/FigureSize.h"

class QCustomPlot;
class QCPTextElement;

namespace modescope::ui
{

// A font of `points` points, drawn where one unit is one point: a pixel size in those units.
QFont figureFont(const QFont& base, int points);

// Sets a plot up as a figure of a printed size for as long as it lives, and puts the window's
// plot back as it was afterwards: text at the figure's points (labels fontPt; ticks, legend and
// caption one smaller), lines, ticks and paddings in proportion to the figure's width, no more
// ticks than each axis has room for, a compact legend (beside a 2-D map, which shows its whole
// view box at equal aspect), and the caption above, wrapped to the width.
class FigureStyle
{
public:
    FigureStyle(QCustomPlot* plot, const FigureSize& figure, const QString& caption);
    ~FigureStyle();
    FigureStyle(const FigureStyle&) = delete;
    FigureStyle& operator=(const FigureStyle&) = delete;

private:
    void remember(std::function<void()> restore) { m_restore.push_back(std::move(restore)); }
    // Curves, axes, grids, ticks and paddings drawn in proportion to the figure's width; the
    // view ranges kept to put back.
    void scaleLines(QCustomPlot* plot, const FigureSize& figure);
    // Moves the legend from above the axes into a column on their right.
    void putLegendBeside(QCustomPlot* plot, int spacing);
    // No more ticks than an axis has room for at the figure's size.
    void thinTicks(QCustomPlot* plot, const FigureSize& figure);

    QCustomPlot* m_plot;
    QCPTextElement* m_caption = nullptr;
    std::vector<std::function<void()>> m_restore; // last changed, first restored
};

} // namespace modescope::ui
