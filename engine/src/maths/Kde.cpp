#include "modescope/maths/Kde.h"

#include <algorithm>
#include <cmath>

namespace modescope
{

namespace
{
constexpr double kInvSqrtTwoPi = 0.3989422804014327;
}

double silvermanBandwidth(const std::vector<double>& sorted, double floor)
{
    const size_t n = sorted.size();
    if (n < 2)
        return floor;
    double mean = 0;
    for (double x : sorted)
        mean += x;
    mean /= static_cast<double>(n);
    double squares = 0;
    for (double x : sorted)
        squares += (x - mean) * (x - mean);
    const double sd = std::sqrt(squares / static_cast<double>(n - 1));
    const double iqr = sorted[(3 * n) / 4] - sorted[n / 4];
    const double spread = std::min(sd, iqr / 1.34);
    return std::max(floor, 0.9 * spread * std::pow(static_cast<double>(n), -0.2));
}

std::vector<double> gaussianKde(
    const std::vector<double>& sorted, const std::vector<double>& grid, double h)
{
    std::vector<double> density(grid.size(), 0.0);
    if (sorted.empty() || !(h > 0))
        return density;
    const double reach = kKdeCutoff * h;
    const double norm = kInvSqrtTwoPi / (h * static_cast<double>(sorted.size()));
    size_t lo = 0, hi = 0; // the samples within reach of the current grid point: [lo, hi)
    for (size_t p = 0; p < grid.size(); ++p) {
        const double x = grid[p];
        while (lo < sorted.size() && sorted[lo] < x - reach)
            ++lo;
        hi = std::max(hi, lo);
        while (hi < sorted.size() && sorted[hi] <= x + reach)
            ++hi;
        double sum = 0;
        for (size_t i = lo; i < hi; ++i) {
            const double u = (x - sorted[i]) / h;
            sum += std::exp(-0.5 * u * u);
        }
        density[p] = sum * norm;
    }
    return density;
}

std::vector<double> gaussianKde2d(const std::vector<double>& points, const std::vector<double>& xs,
    const std::vector<double>& ys, double hx, double hy)
{
    std::vector<double> density(xs.size() * ys.size(), 0.0);
    const size_t n = points.size() / 2;
    if (n == 0 || !(hx > 0) || !(hy > 0) || xs.empty() || ys.empty())
        return density;
    // Each point adds the outer product of its x and y kernels, over the grid cells within
    // reach of it only (the grids ascend, so those are one window per axis).
    std::vector<double> kx, ky;
    for (size_t s = 0; s < n; ++s) {
        const double x = points[2 * s];
        const double y = points[2 * s + 1];
        if (!std::isfinite(x) || !std::isfinite(y))
            continue;
        const auto x0 = std::lower_bound(xs.begin(), xs.end(), x - kKdeCutoff * hx) - xs.begin();
        const auto x1 = std::upper_bound(xs.begin(), xs.end(), x + kKdeCutoff * hx) - xs.begin();
        const auto y0 = std::lower_bound(ys.begin(), ys.end(), y - kKdeCutoff * hy) - ys.begin();
        const auto y1 = std::upper_bound(ys.begin(), ys.end(), y + kKdeCutoff * hy) - ys.begin();
        if (x0 >= x1 || y0 >= y1)
            continue;
        kx.resize(static_cast<size_t>(x1 - x0));
        for (auto ix = x0; ix < x1; ++ix) {
            const double u = (xs[static_cast<size_t>(ix)] - x) / hx;
            kx[static_cast<size_t>(ix - x0)] = std::exp(-0.5 * u * u);
        }
        ky.resize(static_cast<size_t>(y1 - y0));
        for (auto iy = y0; iy < y1; ++iy) {
            const double u = (ys[static_cast<size_t>(iy)] - y) / hy;
            ky[static_cast<size_t>(iy - y0)] = std::exp(-0.5 * u * u);
        }
        for (auto iy = y0; iy < y1; ++iy) {
            double* row = density.data() + static_cast<size_t>(iy) * xs.size();
            const double wy = ky[static_cast<size_t>(iy - y0)];
            for (auto ix = x0; ix < x1; ++ix)
                row[ix] += wy * kx[static_cast<size_t>(ix - x0)];
        }
    }
    const double norm = kInvSqrtTwoPi * kInvSqrtTwoPi / (hx * hy * static_cast<double>(n));
    for (double& v : density)
        v *= norm;
    return density;
}

} // namespace modescope
