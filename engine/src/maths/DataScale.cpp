#include "modescope/maths/DataScale.h"

#include <cmath>
#include <random>

#include "modescope/maths/Metrics.h"

namespace modescope
{

DataScale dataScaleOf(const std::vector<double>& points, int d)
{
    DataScale result;
    result.shift.assign(static_cast<size_t>(d), 0.0);
    const size_t n = d > 0 ? points.size() / static_cast<size_t>(d) : 0;
    if (n == 0)
        return result;
    for (size_t p = 0; p < n; ++p)
        for (int a = 0; a < d; ++a)
            result.shift[a] += points[p * d + a];
    for (double& m : result.shift)
        m /= static_cast<double>(n);
    double variance = 0.0; // summed over axes
    for (size_t p = 0; p < n; ++p)
        for (int a = 0; a < d; ++a) {
            const double dev = points[p * d + a] - result.shift[a];
            variance += dev * dev;
        }
    variance /= static_cast<double>(n) * d;
    const double sd = std::sqrt(variance);
    result.scale = sd > 0 && std::isfinite(sd) ? sd : 1.0;
    return result;
}

DataScale estimateDataScale(const Mixture& mixture, std::uint64_t seed)
{
    // Its own stream: drawing the estimate never shifts the training or the metrics draws.
    constexpr std::uint64_t kSalt = 0xD1B54A32D192ED03ull;
    std::mt19937_64 rng(seed ^ kSalt);
    return dataScaleOf(sampleMixture(mixture, kDataScaleSamples, rng), mixture.dimension());
}

} // namespace modescope
