#pragma once

#include <cstddef>
#include <vector>

#include "modescope/io/RunFolder.h"

#include <QColor>

class QCustomPlot;
class QCPAbstractPlottable;

namespace modescope::ui
{

// Generator i's colour everywhere it is drawn: a colour-blind-safe palette (Okabe-Ito), cycled
// for k above its eight (on maps the shape then tells them apart, MapLayers.h).
QColor generatorColor(int i);
// D_real's curve, layer and axis: a colour no generator and not the data has.
QColor discriminatorColor();

// The most points a side plot's curve holds: over it, rows are taken at an even stride (the
// newest always kept), so redrawing costs the same after an hour as after a minute.
inline constexpr int kMaxPlotPoints = 2000;
// The stride that keeps `rows` rows within kMaxPlotPoints; a plot draws row r when
// r % stride == 0 or r is the last.
inline std::size_t plotStride(std::size_t rows)
{
    return rows <= kMaxPlotPoints ? 1 : (rows + kMaxPlotPoints - 1) / kMaxPlotPoints;
}
inline bool drawnRow(std::size_t r, std::size_t rows, std::size_t stride)
{
    return r % stride == 0 || r + 1 == rows;
}

// On screen, curves wider than a pixel are drawn segment by segment (QCP::phFastPolylines):
// the window's redraws stay short; figures for files keep exact joins (FigureStyle).
void drawCurvesFast(QCustomPlot* plot);

// Shows the plot's legend in rows of up to `columns` entries above the axes, in a small font,
// where it hides no curve (an inset legend covers data at some size or other).
void placeLegendAbove(QCustomPlot* plot, int columns = 3);

// Wraps the legend into as many columns (up to `most`) as fit in `width` (the plot's units:
// pixels on screen, points in an exported figure), measured with the legend's fonts.
void fitLegendColumns(QCustomPlot* plot, int width, int most);
// fitLegendColumns at the plot's width: after its curves change.
void refitLegend(QCustomPlot* plot);
// The most columns placeLegendAbove was given for the plot.
int legendMostColumns(const QCustomPlot* plot);

// A property set (true) on an axis rect that is a band under a plot (the owner strip): an
// exported figure draws it one line of text tall.
inline constexpr const char* kBandProperty = "modescopeBand";

// Clicking a legend entry hides its curve (the entry greys) and clicking again shows it; the
// entry is never left highlighted.
void makeLegendToggleCurves(QCustomPlot* plot);
// Greys or blackens the legend entry of `curve` to match whether it is shown.
void showInLegendAsVisible(QCustomPlot* plot, QCPAbstractPlottable* curve);

// The most Sim switches marked on a plot (the latest ones): a user flicking it stays readable.
inline constexpr int kMaxSimMarks = 20;

// Marks each step where the Sim hinge was switched (rows' sim_on changes) with a vertical line
// labelled "Sim on" or "Sim off", replacing the plot's earlier marks. `shown` is the caller's
// record of the switches marked (each as step * 2 + on): when the rows hold the same ones, the
// marks are left as they are, so a redraw of a long run makes and destroys no items.
void markSimSwitches(
    QCustomPlot* plot, const std::vector<MetricsRow>& rows, std::vector<long long>& shown);

} // namespace modescope::ui
