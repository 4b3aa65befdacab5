#include "training/Routes.h"

#include <cmath>

namespace modescope::engine
{

namespace
{

// Added to Adam's second moment under the square root of an unrolled update: the derivative of
// sqrt(v) is infinite at v = 0 (a parameter whose gradient is exactly zero so far), and times a
// zero it would be NaN. sqrt(1e-30) = 1e-15 is far below eps (1e-8), so the values are Adam's.
constexpr double kSecondMomentFloor = 1e-30;

// D's optimiser state, detached, as an unrolled update continues it.
AdamState continuing(const FlatAdam& optimiser)
{
    AdamState state;
    for (const torch::Tensor& m : optimiser.firstMoments())
        state.firstMoments.push_back(m.detach());
    for (const torch::Tensor& v : optimiser.secondMoments())
        state.secondMoments.push_back(v.detach());
    state.steps = optimiser.steps();
    state.lr = optimiser.lr();
    state.beta1 = optimiser.beta1();
    state.beta2 = optimiser.beta2();
    state.eps = optimiser.eps();
    return state;
}

} // namespace

torch::Tensor unrolledGeneratorLoss(const std::vector<torch::Tensor>& discriminator,
    const AdamState& adam, const NetworkConfig& net, const torch::Tensor& real,
    const torch::Tensor& fake, const HeadLayout& layout, int steps, bool secondOrder)
{
    const int64_t realRows = real.size(0);
    std::vector<torch::Tensor> theta, m, v;
    for (size_t i = 0; i < discriminator.size(); ++i) {
        theta.push_back(discriminator[i].detach().clone().requires_grad_(true));
        m.push_back(adam.firstMoments[i]);
        v.push_back(adam.secondMoments[i]);
    }
    // First order: D's updates see the samples as constants, so G's gradient comes only through
    // the last D's input.
    const torch::Tensor input = torch::cat({ real, secondOrder ? fake : fake.detach() }, 0);
    for (int step = 1; step <= steps; ++step) {
        const torch::Tensor logits = discriminatorLogits(theta, input, net);
        const torch::Tensor loss = discriminatorLoss(logits.narrow(0, 0, realRows),
            logits.narrow(0, realRows, fake.size(0)).unsqueeze(0), layout);
        const std::vector<torch::Tensor> gradients = torch::autograd::grad({ loss }, theta,
            /*grad_outputs=*/ {}, /*retain_graph=*/secondOrder, /*create_graph=*/secondOrder);
        // FlatAdam::step, element for element, as a function of theta, m and v.
        const double t = static_cast<double>(adam.steps + step);
        const double biasCorrection1 = 1 - std::pow(adam.beta1, t);
        const double biasCorrection2 = 1 - std::pow(adam.beta2, t);
        for (size_t i = 0; i < theta.size(); ++i) {
            const torch::Tensor& g = gradients[i];
            m[i] = adam.beta1 * m[i] + (1 - adam.beta1) * g;
            v[i] = adam.beta2 * v[i] + (1 - adam.beta2) * g * g;
            const torch::Tensor denominator
                = (v[i] + kSecondMomentFloor).sqrt() / std::sqrt(biasCorrection2) + adam.eps;
            theta[i] = theta[i] - (adam.lr / biasCorrection1) * m[i] / denominator;
            if (!secondOrder) {
                theta[i] = theta[i].detach().requires_grad_(true);
                m[i] = m[i].detach();
                v[i] = v[i].detach();
            }
        }
    }
    if (!secondOrder)
        for (torch::Tensor& p : theta)
            p = p.detach();
    const torch::Tensor logitsFake = discriminatorLogits(theta, fake, net).unsqueeze(0);
    return generatorLosses(logitsFake, layout).select(0, 0);
}

StepResult trainUnrolledStep(const StepNetworks& networks, const NetworkConfig& dNet,
    const torch::Tensor& z, const torch::Tensor& real, const HeadLayout& layout,
    const UnrolledSettings& settings)
{
    const int64_t batch = real.size(0);
    const torch::Tensor fake = networks.generator.forward(z).reshape({ batch, real.size(1) });

    // D's step: the plain GAN's.
    setTrainable(networks.discriminatorModule, true);
    networks.discriminatorOptimiser.zeroGrad();
    const torch::Tensor logits
        = networks.discriminator(torch::cat({ real, fake.detach() }, 0)).logits;
    const torch::Tensor dLoss = discriminatorLoss(
        logits.narrow(0, 0, batch), logits.narrow(0, batch, batch).unsqueeze(0), layout);
    dLoss.backward();
    networks.discriminatorOptimiser.step();

    // G's step against the D that K more steps would make; D itself stays where it is.
    setTrainable(networks.discriminatorModule, false);
    networks.generatorOptimiser.zeroGrad();
    const torch::Tensor gLoss = unrolledGeneratorLoss(networks.discriminatorOptimiser.parameters(),
        continuing(networks.discriminatorOptimiser), dNet, real, fake, layout, settings.steps,
        settings.secondOrder);
    gLoss.backward();
    networks.generatorOptimiser.step();

    StepResult result;
    result.dLoss = dLoss.detach();
    result.gLosses = gLoss.detach().view({ 1 });
    return result;
}

StepResult trainWganGpStep(const StepNetworks& networks, const StepDraws& draws, int64_t batch,
    const WganGpSettings& settings)
{
    setTrainable(networks.discriminatorModule, true);
    torch::Tensor criticObjective;
    for (int c = 0; c < settings.criticSteps; ++c) {
        const torch::Tensor z = draws.noise(batch);
        const torch::Tensor real = draws.data(batch);
        const torch::Tensor eps = draws.uniform(batch);
        torch::Tensor fake;
        {
            torch::NoGradGuard noGrad; // the critic's step leaves G alone
            fake = networks.generator.forward(z).reshape({ batch, real.size(1) });
        }
        // A point on the line between each real and generated sample: where the penalty holds
        // the critic's gradient norm to 1.
        const torch::Tensor between = (eps * real + (1 - eps) * fake).requires_grad_(true);
        networks.discriminatorOptimiser.zeroGrad();
        const torch::Tensor scores
            = networks.discriminator(torch::cat({ real, fake, between }, 0)).logits; // [3B, 1]
        const torch::Tensor loss
            = criticLoss(scores.narrow(0, 0, batch), scores.narrow(0, batch, batch))
            + settings.lambda * gradientPenalty(scores.narrow(0, 2 * batch, batch), between);
        loss.backward();
        networks.discriminatorOptimiser.step();
        criticObjective = loss.detach();
    }

    setTrainable(networks.discriminatorModule, false);
    networks.generatorOptimiser.zeroGrad();
    const torch::Tensor z = draws.noise(batch);
    const torch::Tensor fake = networks.generator.forward(z).reshape({ batch, -1 });
    const torch::Tensor gLoss = -networks.discriminator(fake).logits.mean();
    gLoss.backward();
    networks.generatorOptimiser.step();

    StepResult result;
    result.dLoss = criticObjective;
    result.gLosses = gLoss.detach().view({ 1 });
    return result;
}

} // namespace modescope::engine
