#include "modescope/machine/StepCost.h"

namespace modescope
{

namespace
{
// Sum of in * out over the layers of an MLP; `fromSecond` skips the first layer (its input
// gradient is not needed when the input needs none).
double products(int input, const std::vector<int>& hidden, int output, bool fromSecond = false)
{
    double sum = 0;
    int in = input;
    bool first = true;
    auto layer = [&](int out) {
        if (!(first && fromSecond))
            sum += static_cast<double>(in) * out;
        first = false;
        in = out;
    };
    for (int width : hidden)
        layer(width);
    layer(output);
    return sum;
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
    const double g = products(c.noiseDim, c.generator.hidden, 1);
    const double gAbove = products(c.noiseDim, c.generator.hidden, 1, true);
    const double d = products(static_cast<int>(m), c.discriminator.hidden, heads);
    const double dAbove = products(static_cast<int>(m), c.discriminator.hidden, heads, true);
    const double dStep = d + d + dAbove; // forward, weight and input gradients, per row

    if (c.method == Method::WganGp) {
        // Each critic step: G forward, the critic on real, fake and interpolated rows, and the
        // penalty's double backward on the interpolated ones (about two more passes).
        const double critic = 2 * b * g + 2 * 3 * b * dStep + 2 * b * 2 * dStep;
        return c.wganGp.criticSteps * critic + 2 * b * (d + d) + 2 * b * (g + gAbove) + 2 * b * g;
    }
    const double generatorForward = 2 * k * m * b * g;
    const double dPhase = 2 * (k + 1) * b * dStep;
    const double gPhase = 2 * k * b * (d + d) // D forward, D input gradients to the samples
        + 2 * k * m * b * (g + gAbove); // G weight and input gradients
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
