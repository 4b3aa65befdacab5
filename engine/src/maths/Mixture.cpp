#include "modescope/maths/Mixture.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace modescope
{

namespace
{
constexpr double kInvSqrtTwoPi = 0.3989422804014327;
constexpr double kRangeSigmas = 5.0; // default plot/metric range: every mode +- this many sd
} // namespace

Mixture::Mixture(std::vector<Mode> modes)
    : m_modes(std::move(modes))
{
    for (const Mode& mode : m_modes)
        m_weightSum += mode.weight;
}

double Mixture::normalisedWeight(int m) const
{
    return m_modes.at(static_cast<size_t>(m)).weight / m_weightSum;
}

double Mixture::density(double x) const
{
    double p = 0.0;
    for (const Mode& mode : m_modes) {
        const double u = (x - mode.mean[0]) / mode.sd;
        p += mode.weight * kInvSqrtTwoPi / mode.sd * std::exp(-0.5 * u * u);
    }
    return p / m_weightSum;
}

double Mixture::density(const double* point) const
{
    const int d = dimension();
    if (d == 1)
        return density(point[0]);
    double p = 0.0;
    for (const Mode& mode : m_modes) {
        double squares = 0.0;
        for (int a = 0; a < d; ++a) {
            const double u = (point[a] - mode.mean[a]) / mode.sd;
            squares += u * u;
        }
        // An isotropic Gaussian: the 1-D normalisation once per axis.
        p += mode.weight * std::pow(kInvSqrtTwoPi / mode.sd, d) * std::exp(-0.5 * squares);
    }
    return p / m_weightSum;
}

std::pair<int, double> Mixture::nearestMode(double x) const
{
    return nearestMode(&x);
}

std::pair<int, double> Mixture::nearestMode(const double* point) const
{
    const int d = dimension();
    int best = -1;
    double bestSquares = std::numeric_limits<double>::infinity();
    for (int m = 0; m < size(); ++m) {
        double squares = 0.0;
        for (int a = 0; a < d; ++a) {
            const double u = (point[a] - m_modes[m].mean[a]) / m_modes[m].sd;
            squares += u * u;
        }
        if (squares < bestSquares) {
            bestSquares = squares;
            best = m;
        }
    }
    return { best, std::sqrt(bestSquares) };
}

std::pair<double, double> Mixture::defaultRange(int axis) const
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const Mode& mode : m_modes) {
        const double centre = mode.mean.at(static_cast<size_t>(axis));
        lo = std::min(lo, centre - kRangeSigmas * mode.sd);
        hi = std::max(hi, centre + kRangeSigmas * mode.sd);
    }
    return { lo, hi };
}

} // namespace modescope
