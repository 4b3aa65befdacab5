#include "modescope/machine/StepCost.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace modescope
{

namespace
{
// in * out of each layer of an MLP, first to last.
std::vector<double> layerProducts(int input, const std::vector<int>& hidden, int output)
{
    std::vector<double> layers;
    int in = input;
    for (int width : hidden) {
        layers.push_back(static_cast<double>(in) * width);
        in = width;
    }
    layers.push_back(static_cast<double>(in) * output);
    return layers;
}

// The layers from..to (exclusive) summed.
double sum(const std::vector<double>& layers, size_t from, size_t to)
{
    return std::accumulate(layers.begin() + static_cast<std::ptrdiff_t>(from),
        layers.begin() + static_cast<std::ptrdiff_t>(to), 0.0);
}
} // namespace

double matmulFlopsPerStep(const TrainConfig& c)
{
    const double k = c.effectiveGenerators();
    const double b = c.batch;
    const double m = c.packing(); // PacGAN: m samples per D input, m * B of each drawn
    const int heads = c.method == Method::WganGp ? 1
        : hasPerGeneratorHeads(c.method)         ? c.effectiveGenerators() + 1
                                                 : 2;
    const int x = c.dimension(); // a sample's numbers: 1, 2, or an image's pixels
    // Per row, in * out summed over every layer, and over all but the first (whose input
    // gradient is not needed: the input needs none).
    const std::vector<double> gLayers = layerProducts(c.noiseDim, c.generator.hidden, x);
    const std::vector<double> dLayers
        = layerProducts(static_cast<int>(m) * x, c.discriminator.hidden, heads);
    const double g = sum(gLayers, 0, gLayers.size());
    const double gAbove = g - gLayers.front();
    const double d = sum(dLayers, 0, dLayers.size());
    const double dAbove = d - dLayers.front();
    const double dStep = d + d + dAbove; // forward, weight and input gradients, per row

    if (c.method == Method::WganGp) {
        // Each critic step: G forward, the critic on real, fake and interpolated rows, and the
        // penalty's double backward on the interpolated ones (about two more passes).
        const double critic = 2 * b * g + 2 * 3 * b * dStep + 2 * b * 2 * dStep;
        return c.wganGp.criticSteps * critic + 2 * b * (d + d) + 2 * b * (g + gAbove) + 2 * b * g;
    }
    // The generators' first `generatorSharedLayers` layers are one trunk, run once on the B
    // noise rows (its gradient arrives summed over the k generators); the rest, k times.
    const size_t shared = static_cast<size_t>(
        std::clamp<int>(c.generatorSharedLayers, 0, static_cast<int>(c.generator.hidden.size())));
    const double trunk = sum(gLayers, 0, shared);
    const double rest = sum(gLayers, shared, gLayers.size());
    // Input gradients stop below the first layer, in the trunk or, without one, in the rest.
    const double trunkAbove = shared > 0 ? trunk - gLayers[0] : 0;
    const double restAbove = shared > 0 ? rest : rest - gLayers[0];
    const double generatorForward = 2 * m * b * (trunk + k * rest);
    const double dPhase = 2 * (k + 1) * b * dStep;
    const double gPhase = 2 * k * b * (d + d) // D forward, D input gradients to the samples
        + 2 * m * b * ((trunk + trunkAbove) + k * (rest + restAbove)); // G's weight and input
    double unrolled = 0;
    if (c.method == Method::Unrolled)
        // K more D steps on both batches; through them (second order) about three times each.
        unrolled = c.unrolled.steps * 2 * 2 * b * dStep * (c.unrolled.secondOrder ? 3 : 1);
    double sim = 0;
    if (hasPerGeneratorHeads(c.method) && k > 1) {
        const int features = c.phi != PhiSource::Generator
            ? (c.discriminator.hidden.empty() ? 1 : c.discriminator.hidden.back())
            : (c.generator.hidden.empty() ? c.noiseDim : c.generator.hidden.back());
        // The cosine products: measured every step (forward), trained through when Sim is on.
        sim = 2 * b * k * k * features * (c.live.simEnabled ? 2 : 1);
    }
    return generatorForward + dPhase + gPhase + unrolled + sim;
}

} // namespace modescope
