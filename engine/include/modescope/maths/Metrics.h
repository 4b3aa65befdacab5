#pragma once

#include <random>
#include <utility>
#include <vector>

#include "modescope/maths/Mixture.h"

namespace modescope
{

// Mode-coverage and histogram metrics of SPEC section 3, on generated samples.
struct Metrics {
    double hqFraction = 0.0; // share of samples within 3 sd of their nearest mode
    int modesCaptured = 0; // modes nearest to at least one high-quality sample
    int modesBalanced = 0; // modes whose HQ samples make up >= w_m / 2 of all samples
    double reverseKl = 0.0; // KL(p_gen || w) over modes, nearest-mode assignment
    // The histogram metrics, 1-D only (NaN for a 2-D mixture):
    double chiSquare = 0.0; // histogram chi-square against as many data samples
    double klHist = 0.0; // KL(P_gen || P_data) over 0.5-wide bins + an overflow bin, 1e-10 floor
    // N: samples per generator the row was computed on (0: not recorded). Rows at different N
    // do not compare (chi_square grows with N).
    int samplesPerGenerator = 0;
    // ownership[i][m]: share of generator i's samples whose nearest mode is m.
    std::vector<std::vector<double>> ownership;
    std::vector<int> dominantMode; // per generator: argmax_m ownership[i][m]
    std::vector<double> purity; // per generator: ownership[i][dominantMode[i]]
};

// The width of a histogram bin for chi_square and kl_hist (x units).
inline constexpr double kHistogramBinWidth = 0.5;
// A sample is high quality if it lies within this many sd of its nearest mode.
inline constexpr double kHighQualitySigmas = 3.0;

// Counts of samples in bins of kHistogramBinWidth over [range.first, range.second);
// samples outside the range are dropped.
std::vector<double> histogram(const std::vector<double>& samples, std::pair<double, double> range);

// `samples[i]` holds generator i's samples (as many for each), each point d coordinates one
// after another (Mixture.h); `dataSamples` the same total number drawn from the mixture (for
// the 1-D histogram metrics; pass empty to skip them).
Metrics computeMetrics(const std::vector<std::vector<double>>& samples, const Mixture& mixture,
    std::pair<double, double> histogramRange, const std::vector<double>& dataSamples);

struct TrainConfig;

// The metrics of a run's samples at `iteration`, as the trainer logs them: against as many data
// samples drawn with the seed `config.seed + iteration`, so a run's last metrics.csv row and a
// report computed later from its samples.csv agree.
Metrics evaluateAtStep(const std::vector<std::vector<double>>& samples, const TrainConfig& config,
    long long iteration);

// Draws n points from the mixture, n * d numbers (host side; for metrics and tests).
std::vector<double> sampleMixture(const Mixture& mixture, int n, std::mt19937_64& rng);

} // namespace modescope
