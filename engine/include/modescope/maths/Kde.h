#pragma once

#include <vector>

namespace modescope
{

// Silverman's rule of thumb, 0.9 * min(sd, IQR / 1.34) * n^(-1/5), floored at `floor` (a
// collapsed generator has sd 0). `sorted` ascending, at least two samples.
double silvermanBandwidth(const std::vector<double>& sorted, double floor);

// Gaussian kernel density estimate of `sorted` (ascending) at each point of `grid`
// (ascending) with bandwidth h. Kernels are cut at kKdeCutoff bandwidths (the estimate is
// off by under exp(-12.5) ~ 4e-6 of one kernel's peak height), so the cost is the samples
// near each point, not grid x samples.
std::vector<double> gaussianKde(
    const std::vector<double>& sorted, const std::vector<double>& grid, double h);

// The 2-D estimate on the grid xs x ys of `points` (x0, y0, x1, y1, ...) with a product
// Gaussian kernel of bandwidths hx and hy, cut at kKdeCutoff bandwidths on each axis.
// Returns ys.size() rows of xs.size() values, y outer: density[iy * xs.size() + ix].
std::vector<double> gaussianKde2d(const std::vector<double>& points, const std::vector<double>& xs,
    const std::vector<double>& ys, double hx, double hy);

inline constexpr double kKdeCutoff = 5.0; // kernel support, in bandwidths

} // namespace modescope
