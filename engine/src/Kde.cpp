#include "modescope/Kde.h"

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

} // namespace modescope
