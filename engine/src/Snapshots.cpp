#include <algorithm>
#include <cmath>

#include "modescope/Kde.h"
#include "TrainerImpl.h"

namespace modescope
{

namespace
{
// Smallest KDE bandwidth, as a share of the view range: keeps a collapsed generator (all
// samples equal, so Silverman's rule gives 0) a visible spike instead of a division by zero.
constexpr double kMinBandwidthShare = 1e-3;
} // namespace

Snapshot Trainer::snapshot(int gridPoints, int samplesPerGenerator)
{
    Impl& s = *m_impl;
    torch::NoGradGuard noGrad;
    Snapshot snap;
    snap.iteration = s.iteration;

    const auto [lo, hi] = s.config.effectiveViewRange();
    const auto options = torch::TensorOptions().device(s.device);
    const torch::Tensor grid = torch::linspace(lo, hi, gridPoints, options); // [P]
    snap.grid = toVector(grid);
    snap.dataDensity.reserve(snap.grid.size());
    for (double x : snap.grid)
        snap.dataDensity.push_back(s.config.mixture.density(x));

    // Generator densities: Gaussian KDE of each generator's samples, on the host with kernels
    // cut at a few bandwidths (a tenth of the cost of every sample at every grid point).
    const std::vector<std::vector<double>> rows = sample(samplesPerGenerator); // [k][n]
    snap.generatorDensity.reserve(s.k);
    snap.mixtureDensity.assign(snap.grid.size(), 0.0);
    for (const std::vector<double>& row : rows) {
        std::vector<double> sorted = row;
        std::sort(sorted.begin(), sorted.end());
        const double h = silvermanBandwidth(sorted, kMinBandwidthShare * (hi - lo));
        snap.generatorDensity.push_back(gaussianKde(sorted, snap.grid, h));
        for (size_t p = 0; p < snap.grid.size(); ++p)
            snap.mixtureDensity[p] += snap.generatorDensity.back()[p] / s.k;
    }

    // What D believes on the grid.
    const std::vector<std::vector<double>> probabilities
        = discriminatorProbabilities(snap.grid); // [P][heads]
    snap.dReal.reserve(snap.grid.size());
    snap.owner.reserve(snap.grid.size());
    for (const std::vector<double>& heads : probabilities) {
        snap.dReal.push_back(heads[s.layout.realIndex]);
        snap.owner.push_back(s.layout.perGeneratorFakeLabels
                ? static_cast<int>(
                    std::max_element(heads.begin(), heads.begin() + s.k) - heads.begin())
                : -1);
    }

    // Losses, metrics and speed.
    const StepLosses losses = lastLosses();
    snap.dLoss = losses.dLoss;
    snap.gLosses = losses.gLosses;
    snap.simOn = losses.simOn;
    snap.simHinge = losses.simHinge;
    snap.simViolationRate = losses.simViolationRate;
    snap.metrics = s.metricsOf(rows);

    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - s.rateTime).count();
    if (seconds > 0 && s.iteration > s.rateIteration)
        snap.stepsPerSecond = static_cast<double>(s.iteration - s.rateIteration) / seconds;
    s.rateTime = now;
    s.rateIteration = s.iteration;
    return snap;
}

} // namespace modescope
