#include "modescope/maths/Contour.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

namespace modescope
{

double massLevel(const std::vector<double>& field, double share)
{
    std::vector<double> sorted;
    sorted.reserve(field.size());
    for (double v : field)
        if (v > 0 && std::isfinite(v))
            sorted.push_back(v);
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    const double total = std::accumulate(sorted.begin(), sorted.end(), 0.0);
    if (!(total > 0))
        return std::numeric_limits<double>::infinity();
    double held = 0;
    for (double v : sorted) {
        held += v;
        if (held >= share * total)
            return v;
    }
    return sorted.back();
}

std::vector<double> contourSegments(const std::vector<double>& field, const std::vector<double>& xs,
    const std::vector<double>& ys, double level)
{
    std::vector<double> out;
    const size_t nx = xs.size();
    const size_t ny = ys.size();
    if (nx < 2 || ny < 2 || field.size() < nx * ny || !std::isfinite(level))
        return out;
    const double gap = std::numeric_limits<double>::quiet_NaN();
    auto at = [&](size_t ix, size_t iy) { return field[iy * nx + ix]; };
    double crossing[8]; // up to four (x, y) points where the cell's edges cross the level
    for (size_t iy = 0; iy + 1 < ny; ++iy)
        for (size_t ix = 0; ix + 1 < nx; ++ix) {
            // Corners counter-clockwise from the lower left; edge e runs from corner e to e + 1.
            const double x[4] = { xs[ix], xs[ix + 1], xs[ix + 1], xs[ix] };
            const double y[4] = { ys[iy], ys[iy], ys[iy + 1], ys[iy + 1] };
            const double v[4] = { at(ix, iy), at(ix + 1, iy), at(ix + 1, iy + 1), at(ix, iy + 1) };
            int points = 0;
            for (int e = 0; e < 4; ++e) {
                const int f = (e + 1) % 4;
                if ((v[e] >= level) == (v[f] >= level))
                    continue;
                const double t = (level - v[e]) / (v[f] - v[e]);
                crossing[2 * points] = x[e] + t * (x[f] - x[e]);
                crossing[2 * points + 1] = y[e] + t * (y[f] - y[e]);
                ++points;
            }
            for (int p = 0; p + 1 < points; p += 2) {
                out.insert(out.end(),
                    { crossing[2 * p], crossing[2 * p + 1], crossing[2 * p + 2],
                        crossing[2 * p + 3], gap, gap });
            }
        }
    return out;
}

} // namespace modescope
