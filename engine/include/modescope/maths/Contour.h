#pragma once

#include <vector>

namespace modescope
{

// Contours of a 2-D field on a grid (y outer, x fastest, as Snapshot.h lays grids out).

// The density level whose superlevel set holds `share` of the field's mass: the boundary of the
// smallest region holding that share (a highest-density region). +infinity for an empty field.
double massLevel(const std::vector<double>& field, double share);

// Where the field crosses `level`, by marching squares with linear interpolation along cell
// edges: segments as x0, y0, x1, y1, then NaN, NaN before the next one (a plot draws each as a
// piece of line). A saddle cell's two crossings pairs are joined in edge order.
std::vector<double> contourSegments(const std::vector<double>& field, const std::vector<double>& xs,
    const std::vector<double>& ys, double level);

} // namespace modescope
