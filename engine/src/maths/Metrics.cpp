#include "modescope/maths/Metrics.h"

#include "modescope/config/TrainConfig.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace modescope
{

namespace
{
constexpr double kProbabilityFloor = 1e-10; // kl_hist: empty bins count as this probability
}

std::vector<double> histogram(const std::vector<double>& samples, std::pair<double, double> range)
{
    const double width = range.second - range.first;
    if (!(width > 0) || !std::isfinite(width)) // an empty or broken range has no bins
        return {};
    // At least one bin, however narrow the range (validate() bounds how many there may be).
    const auto bins
        = static_cast<size_t>(std::max(1.0, std::ceil(width / kHistogramBinWidth - 1e-9)));
    std::vector<double> counts(bins, 0.0);
    for (double x : samples) {
        if (!(x >= range.first && x < range.second))
            continue;
        const auto bin = static_cast<size_t>((x - range.first) / kHistogramBinWidth);
        counts[std::min(bin, bins - 1)] += 1.0;
    }
    return counts;
}

Metrics computeMetrics(const std::vector<std::vector<double>>& samples, const Mixture& mixture,
    std::pair<double, double> histogramRange, const std::vector<double>& dataSamples)
{
    const int k = static_cast<int>(samples.size());
    const int modes = mixture.size();
    const int d = mixture.dimension();
    Metrics result;
    result.ownership.assign(k, std::vector<double>(modes, 0.0));
    result.dominantMode.assign(k, -1);
    result.purity.assign(k, 0.0);

    std::vector<double> nearestCount(modes, 0.0); // all samples, by nearest mode
    std::vector<double> hqCount(modes, 0.0); // high-quality samples, by nearest mode
    double total = 0.0;
    double highQuality = 0.0;
    std::vector<double> pooled;
    for (int i = 0; i < k; ++i) {
        const size_t points = samples[i].size() / static_cast<size_t>(d);
        for (size_t s = 0; s < points; ++s) {
            const double* x = samples[i].data() + s * static_cast<size_t>(d);
            if (!std::all_of(x, x + d, [](double c) { return std::isfinite(c); }))
                continue; // counted in n: a miss
            const auto [mode, distance] = mixture.nearestMode(x);
            if (mode < 0)
                continue;
            result.ownership[i][mode] += 1.0;
            nearestCount[mode] += 1.0;
            if (distance <= kHighQualitySigmas) {
                hqCount[mode] += 1.0;
                highQuality += 1.0;
            }
        }
        const double n = static_cast<double>(points);
        total += n;
        for (double& share : result.ownership[i])
            share = n > 0 ? share / n : 0.0;
        const auto best = std::max_element(result.ownership[i].begin(), result.ownership[i].end());
        if (best != result.ownership[i].end() && n > 0) {
            result.dominantMode[i] = static_cast<int>(best - result.ownership[i].begin());
            result.purity[i] = *best;
        }
        if (d == 1)
            pooled.insert(pooled.end(), samples[i].begin(), samples[i].end());
    }
    if (d != 1) // the histogram metrics are 1-D only (SPEC section 6)
        result.chiSquare = result.klHist = std::numeric_limits<double>::quiet_NaN();
    if (total <= 0)
        return result;

    result.samplesPerGenerator = static_cast<int>(samples.front().size() / static_cast<size_t>(d));
    result.hqFraction = highQuality / total;
    for (int m = 0; m < modes; ++m) {
        const double w = mixture.normalisedWeight(m);
        if (hqCount[m] > 0)
            ++result.modesCaptured;
        if (hqCount[m] / total >= w / 2)
            ++result.modesBalanced;
        const double p = nearestCount[m] / total;
        if (p > 0)
            result.reverseKl += p * std::log(p / w);
    }

    if (d == 1 && !dataSamples.empty()) {
        // Bins over the metric range plus one overflow bin for everything outside it (and any
        // non-finite sample), each side normalised by ALL its samples: a generator that left
        // the range is a miss, never a perfect score.
        std::vector<double> gen = histogram(pooled, histogramRange);
        std::vector<double> data = histogram(dataSamples, histogramRange);
        for (size_t b = 0; b < gen.size(); ++b)
            if (data[b] > 0)
                result.chiSquare += (gen[b] - data[b]) * (gen[b] - data[b]) / data[b];
        const double genTotal = static_cast<double>(pooled.size());
        const double dataTotal = static_cast<double>(dataSamples.size());
        gen.push_back(genTotal - std::accumulate(gen.begin(), gen.end(), 0.0));
        data.push_back(dataTotal - std::accumulate(data.begin(), data.end(), 0.0));
        for (size_t b = 0; b < gen.size(); ++b) {
            const double p = std::max(gen[b] / genTotal, kProbabilityFloor);
            const double q = std::max(data[b] / dataTotal, kProbabilityFloor);
            result.klHist += p * std::log(p / q);
        }
    }
    return result;
}

Metrics evaluateAtStep(
    const std::vector<std::vector<double>>& samples, const TrainConfig& config, long long iteration)
{
    size_t total = 0; // points
    for (const auto& row : samples)
        total += row.size() / static_cast<size_t>(config.mixture.dimension());
    std::mt19937_64 dataRng(config.seed + static_cast<uint64_t>(iteration));
    // The data samples serve the 1-D histogram metrics only.
    return computeMetrics(samples, config.mixture, config.effectiveMetricRange(),
        config.mixture.dimension() == 1
            ? sampleMixture(config.mixture, static_cast<int>(total), dataRng)
            : std::vector<double> {});
}

std::vector<double> sampleMixture(const Mixture& mixture, int n, std::mt19937_64& rng)
{
    std::vector<double> weights;
    for (const Mode& mode : mixture.modes())
        weights.push_back(mode.weight);
    std::discrete_distribution<int> pick(weights.begin(), weights.end());
    std::normal_distribution<double> normal(0.0, 1.0);
    const int d = mixture.dimension();
    std::vector<double> out;
    out.reserve(static_cast<size_t>(n) * static_cast<size_t>(d));
    for (int s = 0; s < n; ++s) {
        const Mode& mode = mixture.modes()[pick(rng)];
        for (int a = 0; a < d; ++a)
            out.push_back(mode.mean[a] + mode.sd * normal(rng));
    }
    return out;
}

} // namespace modescope
