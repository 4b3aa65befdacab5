// One training step of SPEC section 1, written once for a run and for a population of runs
// (Population.h): every tensor may carry leading member dimensions, and each member's losses
// depend on its own networks and draws alone. Internal to the engine: includes torch.
#pragma once

#include <torch/torch.h>

#include <functional>

#include "training/FlatAdam.h"
#include "training/Losses.h"
#include "training/Networks.h"

namespace modescope::engine
{

struct StepNetworks {
    BatchedGeneratorImpl& generator;
    // D's forwardAll on [..., N, d] rows (a Discriminator's or a BatchedDiscriminator's).
    std::function<DiscriminatorImpl::Output(const torch::Tensor&)> discriminator;
    torch::nn::Module& discriminatorModule; // frozen during the generators' phase
    FlatAdam& generatorOptimiser;
    FlatAdam& discriminatorOptimiser;
};

// The step's losses, detached and left on the device: [...] per member (no dimension for a run).
struct StepResult {
    torch::Tensor dLoss; // [...]
    torch::Tensor gLosses; // [..., k]
    torch::Tensor hinge; // [...]: mean over generators of lambda * hinge_i; undefined without Sim
    torch::Tensor violationRate; // [...]; undefined without Sim
    bool simOn = false; // the hinge was part of what the generators minimised

    // Member s's share of a population's result.
    StepResult member(int64_t s) const;
};

// One discriminator step on the real rows and every generator's (detached) samples, then one
// step of the generators against the updated, frozen D. z: [..., m * B, noiseDim] (a run's
// [m * B, noiseDim] is shared by its k generators); real: [..., m * B, d], already in the
// networks' space. `packing` m > 1 is PacGAN: D sees B packs, each m consecutive samples of one
// source side by side ([..., B, m * d]); m = 1 is every other method of this step.
StepResult trainStep(const StepNetworks& networks, const torch::Tensor& z,
    const torch::Tensor& real, int generators, const HeadLayout& layout, const SimSettings& sim,
    int packing = 1);

// Turns D's parameters on (its own phase) or off (the generators'): frozen, its weight
// gradients are not even computed.
void setTrainable(torch::nn::Module& module, bool trainable);

} // namespace modescope::engine
