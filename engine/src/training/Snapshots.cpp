#include <algorithm>
#include <chrono>
#include <cmath>

#include "training/TrainerImpl.h"
#include "modescope/maths/Contour.h"
#include "modescope/maths/Kde.h"

namespace modescope
{

namespace
{
// n points evenly over [lo, hi], both ends included.
std::vector<double> gridOver(double lo, double hi, int n)
{
    std::vector<double> grid(static_cast<size_t>(std::max(n, 1)), lo);
    for (int p = 1; p < n; ++p)
        grid[static_cast<size_t>(p)] = lo + (hi - lo) * p / (n - 1);
    if (n > 1)
        grid.back() = hi; // exactly, whatever the rounding of the step
    return grid;
}

// Smallest KDE bandwidth, as a share of the view range: keeps a collapsed generator (all
// samples equal, so Silverman's rule gives 0) a visible spike instead of a division by zero.
constexpr double kMinBandwidthShare = 1e-3;
constexpr double kContourMass = 0.5; // a generator's contour encloses half its samples
} // namespace

DiscriminatorReading discriminatorReading(const TrainConfig& config)
{
    if (config.method == Method::WganGp)
        return { "critic_scaled", "critic (scaled)",
            "WGAN-GP's critic gives a score, not a probability: higher means \"more like the "
            "data\". It is drawn scaled to 0-1 over the view (0 at its lowest, 1 at its highest "
            "there), so only its shape is meaningful, not its level." };
    if (config.packing() > 1)
        return { "d_real", "D_real (pack)",
            "PacGAN's discriminator judges packs of " + std::to_string(config.packing())
                + " samples; drawn here is its probability of \"real\" for a pack of "
                + std::to_string(config.packing()) + " copies of the same point." };
    return {};
}

Snapshot Trainer::snapshot(int gridPoints, int samplesPerGenerator)
{
    Impl& s = *m_impl;
    const auto making = std::chrono::steady_clock::now();
    torch::NoGradGuard noGrad;
    Snapshot snap;
    snap.iteration = s.iteration;
    snap.dimension = s.d;
    snap.reading = discriminatorReading(s.config);
    const std::vector<std::vector<double>> rows = sample(samplesPerGenerator); // [k][n * d]
    if (s.config.images)
        s.imageSnapshot(snap, rows);
    else if (s.d == 2)
        s.mapSnapshot(snap, rows);
    else
        s.lineSnapshot(snap, rows, gridPoints);

    // Losses, metrics and speed.
    const StepLosses losses = lastLosses();
    snap.dLoss = losses.dLoss;
    snap.gLosses = losses.gLosses;
    snap.simOn = losses.simOn;
    snap.simHinge = losses.simHinge;
    snap.simViolationRate = losses.simViolationRate;
    snap.trainingSeconds = losses.seconds;
    snap.metrics = s.metricsOf(rows);

    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - s.rateTime).count();
    if (seconds > 0 && s.iteration > s.rateIteration)
        snap.stepsPerSecond = static_cast<double>(s.iteration - s.rateIteration) / seconds;
    s.rateTime = now;
    s.rateIteration = s.iteration;
    snap.makingSeconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - making).count();
    return snap;
}

void Trainer::Impl::imageSnapshot(Snapshot& snap, const std::vector<std::vector<double>>& rows)
{
    snap.imageRows = config.images->rows;
    snap.imageCols = config.images->cols;
    snap.imageChannels = config.images->channels();
    const auto size = static_cast<std::size_t>(d);
    for (const std::vector<double>& row : rows) {
        const std::size_t shown = std::min(row.size(), kSnapshotImages * size);
        std::vector<float> pixels(shown);
        for (std::size_t p = 0; p < shown; ++p) // [-1, 1] -> [0, 1]
            pixels[p] = static_cast<float>(std::clamp((row[p] + 1.0) / 2.0, 0.0, 1.0));
        snap.images.push_back(std::move(pixels));
    }
    snap.realImages = realRow; // the same row at every snapshot, made once (loadImages)
}

void Trainer::Impl::lineSnapshot(
    Snapshot& snap, const std::vector<std::vector<double>>& rows, int gridPoints)
{
    const auto [lo, hi] = config.effectiveViewRange();
    // In single precision on the device, as the 1-D grid has always been (density.csv's x).
    snap.grid
        = toVector(torch::linspace(lo, hi, gridPoints, torch::TensorOptions().device(device)));
    snap.dataDensity.reserve(snap.grid.size());
    for (double x : snap.grid)
        snap.dataDensity.push_back(config.mixture.density(x));

    // Generator densities: Gaussian KDE of each generator's samples, on the host with kernels
    // cut at a few bandwidths (a tenth of the cost of every sample at every grid point).
    snap.generatorDensity.reserve(k);
    snap.mixtureDensity.assign(snap.grid.size(), 0.0);
    for (const std::vector<double>& row : rows) {
        std::vector<double> sorted = row;
        std::sort(sorted.begin(), sorted.end());
        const double h = silvermanBandwidth(sorted, kMinBandwidthShare * (hi - lo));
        snap.generatorDensity.push_back(gaussianKde(sorted, snap.grid, h));
        for (size_t p = 0; p < snap.grid.size(); ++p)
            snap.mixtureDensity[p] += snap.generatorDensity.back()[p] / k;
    }
    discriminatorOnGrid(snap, snap.grid);
}

void Trainer::Impl::mapSnapshot(Snapshot& snap, const std::vector<std::vector<double>>& rows)
{
    const auto [xLo, xHi] = config.effectiveViewRange(0);
    const auto [yLo, yHi] = config.effectiveViewRange(1);
    snap.grid = gridOver(xLo, xHi, kMapGridPoints);
    snap.gridY = gridOver(yLo, yHi, kMapGridPoints);
    const size_t nx = snap.grid.size();
    const size_t cells = nx * snap.gridY.size();
    // Every cell's (x, y), x fastest, and the target's density there: fixed for a run (the view
    // box is), so made at the first snapshot only.
    if (mapPoints.size() != 2 * cells) {
        mapPoints.resize(2 * cells);
        mapDataDensity.resize(cells);
        for (size_t p = 0; p < cells; ++p) {
            mapPoints[2 * p] = snap.grid[p % nx];
            mapPoints[2 * p + 1] = snap.gridY[p / nx];
            mapDataDensity[p] = config.mixture.density(&mapPoints[2 * p]);
        }
    }
    snap.dataDensity = mapDataDensity;

    // Per axis Silverman bandwidths, as in 1-D; the scatter keeps the first points.
    snap.mixtureDensity.assign(cells, 0.0);
    for (const std::vector<double>& row : rows) {
        std::vector<double> xs, ys;
        for (size_t i = 0; i + 1 < row.size(); i += 2) {
            xs.push_back(row[i]);
            ys.push_back(row[i + 1]);
        }
        std::sort(xs.begin(), xs.end());
        std::sort(ys.begin(), ys.end());
        const double hx = silvermanBandwidth(xs, kMinBandwidthShare * (xHi - xLo));
        const double hy = silvermanBandwidth(ys, kMinBandwidthShare * (yHi - yLo));
        snap.generatorDensity.push_back(gaussianKde2d(row, snap.grid, snap.gridY, hx, hy));
        const std::vector<double>& own = snap.generatorDensity.back();
        snap.contours.push_back(
            contourSegments(own, snap.grid, snap.gridY, massLevel(own, kContourMass)));
        for (size_t p = 0; p < cells; ++p)
            snap.mixtureDensity[p] += snap.generatorDensity.back()[p] / k;
        const size_t kept = std::min(row.size(), static_cast<size_t>(2 * kScatterPoints));
        snap.points.emplace_back(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(kept));
    }
    discriminatorOnGrid(snap, mapPoints);
}

void Trainer::Impl::discriminatorOnGrid(Snapshot& snap, const std::vector<double>& points)
{
    torch::NoGradGuard noGrad;
    torch::Tensor input
        = toModel(torch::tensor(points, torch::TensorOptions().dtype(torch::kDouble))
                      .to(device, torch::kFloat)
                      .view({ -1, d }));
    // PacGAN's D judges packs: a pack of m copies of the point (discriminatorReading).
    if (config.packing() > 1)
        input = input.repeat({ 1, config.packing() });
    const torch::Tensor logits = discriminator->forward(input).to(torch::kCPU, torch::kDouble);
    if (layout.heads == 1) {
        // A critic's score, scaled to [0, 1] over the view (discriminatorReading).
        const torch::Tensor score = logits.select(1, 0);
        const double lo = score.min().item<double>();
        const double hi = score.max().item<double>();
        snap.dReal = hi > lo ? toVector((score - lo) / (hi - lo))
                             : std::vector<double>(static_cast<size_t>(score.numel()), 0.5);
        snap.owner.assign(snap.dReal.size(), -1);
        return;
    }
    const torch::Tensor probabilities = torch::softmax(logits, -1);
    const std::vector<double> real = toVector(probabilities.select(1, layout.realIndex));
    snap.dReal = real;
    if (layout.perGeneratorFakeLabels) {
        const std::vector<double> owner = toVector(probabilities.narrow(1, 0, k).argmax(1));
        snap.owner.assign(owner.begin(), owner.end());
    } else {
        snap.owner.assign(real.size(), -1);
    }
}

} // namespace modescope
