#include <cmath>

#include "TrainerImpl.h"

namespace modescope
{

namespace
{

constexpr double kInvSqrtTwoPi = 0.3989422804014327;
// Smallest KDE bandwidth, as a share of the view range: keeps a collapsed generator (all
// samples equal, so Silverman's rule gives 0) a visible spike instead of a division by zero.
constexpr double kMinBandwidthShare = 1e-3;

// Silverman's rule of thumb per row: 0.9 * min(sd, IQR / 1.34) * n^(-1/5). samples: [k, n].
torch::Tensor silvermanBandwidth(const torch::Tensor& samples, double floor)
{
    const int64_t n = samples.size(1);
    const torch::Tensor sorted = std::get<0>(samples.sort(1));
    const torch::Tensor iqr = sorted.select(1, (3 * n) / 4) - sorted.select(1, n / 4);
    const torch::Tensor spread = torch::minimum(samples.std(1), iqr / 1.34);
    return (0.9 * spread * std::pow(static_cast<double>(n), -0.2)).clamp_min(floor);
}

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

    // Generator densities: Gaussian KDE of each generator's samples.
    at::Generator draw = s.evaluationRng();
    const torch::Tensor samples
        = s.generator->forward(s.noise(samplesPerGenerator, draw)).squeeze(-1); // [k, n]
    const torch::Tensor h = silvermanBandwidth(samples, kMinBandwidthShare * (hi - lo)); // [k]
    snap.generatorDensity.reserve(s.k);
    torch::Tensor sum = torch::zeros({ gridPoints }, options);
    for (int i = 0; i < s.k; ++i) { // one [P, n] block per generator bounds the memory
        const torch::Tensor u = (grid.unsqueeze(1) - samples[i].unsqueeze(0)) / h[i];
        const torch::Tensor density = torch::exp(-0.5 * u * u).mean(1) * kInvSqrtTwoPi / h[i];
        sum += density;
        snap.generatorDensity.push_back(toVector(density));
    }
    snap.mixtureDensity = toVector(sum / s.k);

    // What D believes on the grid.
    const torch::Tensor probabilities
        = torch::softmax(s.discriminator->forward(grid.unsqueeze(1)), -1);
    snap.dReal = toVector(probabilities.select(1, s.layout.realIndex));
    if (s.layout.perGeneratorFakeLabels) {
        const torch::Tensor owner = probabilities.narrow(1, 0, s.k).argmax(1).to(torch::kCPU);
        for (int64_t p = 0; p < owner.size(0); ++p)
            snap.owner.push_back(static_cast<int>(owner[p].item<int64_t>()));
    } else {
        snap.owner.assign(snap.grid.size(), -1);
    }

    // Losses, metrics and speed.
    const StepLosses losses = lastLosses();
    snap.dLoss = losses.dLoss;
    snap.gLosses = losses.gLosses;
    snap.simViolationRate = losses.simViolationRate;
    snap.metrics = s.metricsOf(toRows(samples));

    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - s.rateTime).count();
    if (seconds > 0 && s.iteration > s.rateIteration)
        snap.stepsPerSecond = static_cast<double>(s.iteration - s.rateIteration) / seconds;
    s.rateTime = now;
    s.rateIteration = s.iteration;
    return snap;
}

} // namespace modescope
