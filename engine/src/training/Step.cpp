#include "training/Step.h"

#include <vector>

namespace modescope::engine
{

void setTrainable(torch::nn::Module& module, bool trainable)
{
    for (auto& p : module.parameters())
        p.requires_grad_(trainable);
}

StepResult StepResult::member(int64_t s) const
{
    StepResult one;
    one.dLoss = dLoss.select(0, s);
    one.gLosses = gLosses.select(0, s);
    if (hinge.defined())
        one.hinge = hinge.select(0, s);
    if (violationRate.defined())
        one.violationRate = violationRate.select(0, s);
    one.simOn = simOn;
    return one;
}

StepResult trainStep(const StepNetworks& networks, const torch::Tensor& z,
    const torch::Tensor& real, int generators, const HeadLayout& layout, const SimSettings& sim,
    int packing)
{
    const int64_t k = generators;
    const int64_t batch = real.size(-2) / packing; // D's inputs per source
    const int64_t width = real.size(-1) * packing; // one input: m samples side by side
    // The leading (member) dimensions followed by `tail`.
    const std::vector<int64_t> lead(real.sizes().begin(), real.sizes().end() - 2);
    auto shape = [&lead](std::initializer_list<int64_t> tail) {
        std::vector<int64_t> out = lead;
        out.insert(out.end(), tail);
        return out;
    };
    // One generator pass serves both phases: G's parameters do not change until its own step.
    const auto [genFeatures, fake] = networks.generator.forwardWithFeatures(z); // [.k, B, H|d]
    const torch::Tensor fakeRows = fake.reshape(shape({ k * batch, width }));

    // Discriminator phase: real and every generator's detached samples in one forward pass.
    setTrainable(networks.discriminatorModule, true);
    networks.discriminatorOptimiser.zeroGrad();
    const torch::Tensor logits
        = networks
              .discriminator(
                  torch::cat({ real.reshape(shape({ batch, width })), fakeRows.detach() }, -2))
              .logits;
    const torch::Tensor dLoss = discriminatorLoss(logits.narrow(-2, 0, batch),
        logits.narrow(-2, batch, k * batch).view(shape({ k, batch, -1 })), layout);
    dLoss.sum().backward();
    networks.discriminatorOptimiser.step();

    // Generator phase: D is frozen, so its weight gradients are not even computed.
    setTrainable(networks.discriminatorModule, false);
    networks.generatorOptimiser.zeroGrad();
    const DiscriminatorImpl::Output dFake = networks.discriminator(fakeRows);
    auto byGenerator = [&](const torch::Tensor& t) { return t.reshape(shape({ k, batch, -1 })); };
    const torch::Tensor fakeLogits = byGenerator(dFake.logits);
    // g_loss_i as logged is the MAD-GAN loss; the Sim hinge is added to what is minimised only
    // while Sim is on, and logged on its own, so losses compare across methods (SPEC 1).
    const GeneratorObjective objective = generatorObjective(fakeLogits,
        { byGenerator(dFake.features), byGenerator(dFake.preActivation), byGenerator(genFeatures) },
        layout, sim);
    objective.minimised.sum().backward();
    networks.generatorOptimiser.step(); // D stays frozen until the next D phase unfreezes it

    StepResult result;
    result.dLoss = dLoss.detach();
    result.gLosses = objective.losses.detach();
    if (objective.hinge.defined())
        result.hinge = objective.hinge.mean(-1);
    if (objective.violationRate.defined())
        result.violationRate = objective.violationRate.detach();
    result.simOn = sim.applies && sim.enabled;
    return result;
}

} // namespace modescope::engine
