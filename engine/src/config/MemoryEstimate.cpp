#include "modescope/config/MemoryEstimate.h"

#include <unistd.h>

#include <cstdio>

namespace modescope
{

namespace
{
constexpr double kFloatBytes = 4; // tensors are single precision
constexpr double kHostBytes = 8; // host-side samples and metrics are doubles
// Parameter copies: the weights, their gradients, Adam's two moments, and a checkpoint's copy.
constexpr double kParameterCopies = 5;
// Activations kept per layer in a step: the product's output, the activation's output, and
// their gradients in the backward pass.
constexpr double kActivationCopies = 4;

struct Mlp {
    double parameters = 0; // weights and biases
    double widthSum = 0; // sum of the layers' output widths (activations per row)
};

Mlp measure(int input, const NetworkConfig& net, int output)
{
    Mlp mlp;
    double in = input;
    for (int width : net.hidden) {
        mlp.parameters += in * width + width;
        mlp.widthSum += width;
        in = width;
    }
    mlp.parameters += in * output + output;
    mlp.widthSum += output;
    return mlp;
}

std::string gib(double bytes)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
    return text;
}
} // namespace

MemoryEstimate estimateMemory(const TrainConfig& c)
{
    const int kDataDim = c.dimension();
    const double k = c.effectiveGenerators();
    const int heads = hasPerGeneratorHeads(c.method) ? c.effectiveGenerators() + 1 : 2;
    const Mlp g = measure(c.noiseDim, c.generator, kDataDim);
    const Mlp d = measure(kDataDim * c.packing(), c.discriminator, heads);
    // What a step keeps alive beyond a GAN's: PacGAN draws m times the rows; an unrolled step's
    // graph holds K more D passes over both batches; WGAN-GP's a third (interpolated) batch.
    const double rows = c.packing();
    const double extraDPasses = c.method == Method::Unrolled ? 2.0 * c.unrolled.steps
        : c.method == Method::WganGp                         ? 1.0
                                                             : 0.0;
    MemoryEstimate e;
    e.parameters = (k * g.parameters + d.parameters) * kParameterCopies * kFloatBytes;

    const double b = c.batch;
    const double generatorRows = k * b * rows; // every generator's batch, from one noise batch
    const double noise = b * rows * c.noiseDim;
    const double sim = c.method == Method::MadGanSim ? k * k * b * 4 : 0; // pairwise hinge terms
    e.step = kFloatBytes
        * (noise + generatorRows * g.widthSum * kActivationCopies
            + (k * b + b) * d.widthSum * kActivationCopies * (2 + extraDPasses) // D and G phase
            + sim);

    const double n = c.samplesPerGenerator;
    e.evaluation = kFloatBytes * (n * c.noiseDim + k * n * g.widthSum * 2)
        + kHostBytes * k * n * kDataDim * 4; // samples, pooled copy, data draws, histogram input
    if (kDataDim == 2) // a map's snapshot: D over every cell of the 128 x 128 grid
        e.evaluation += kFloatBytes * 128.0 * 128.0 * d.widthSum * kActivationCopies;
    return e;
}

double physicalMemoryBytes()
{
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    return pages > 0 && pageSize > 0 ? static_cast<double>(pages) * pageSize : 0.0;
}

std::string memoryRefusal(const TrainConfig& config, double availableBytes)
{
    if (availableBytes <= 0)
        return {};
    const MemoryEstimate e = estimateMemory(config);
    if (e.total() <= kMaxMemoryShare * availableBytes)
        return {};
    return "the run would need about " + gib(e.total()) + " of memory (networks "
        + gib(e.parameters) + ", one step " + gib(e.step) + ", evaluating `samples` "
        + gib(e.evaluation) + "), more than " + gib(kMaxMemoryShare * availableBytes)
        + " (3/4 of this machine's " + gib(availableBytes)
        + "); lower generators, the hidden widths, batch or samples";
}

} // namespace modescope
