#include "modescope/Mixture.h"

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
        const double u = (x - mode.mean) / mode.sd;
        p += mode.weight * kInvSqrtTwoPi / mode.sd * std::exp(-0.5 * u * u);
    }
    return p / m_weightSum;
}

std::pair<int, double> Mixture::nearestMode(double x) const
{
    int best = -1;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (int m = 0; m < size(); ++m) {
        const double d = std::abs(x - m_modes[m].mean) / m_modes[m].sd;
        if (d < bestDistance) {
            bestDistance = d;
            best = m;
        }
    }
    return { best, bestDistance };
}

std::pair<double, double> Mixture::defaultRange() const
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const Mode& mode : m_modes) {
        lo = std::min(lo, mode.mean - kRangeSigmas * mode.sd);
        hi = std::max(hi, mode.mean + kRangeSigmas * mode.sd);
    }
    return { lo, hi };
}

} // namespace modescope
