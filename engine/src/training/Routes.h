// The route-1 steps (docs/ROUTES.md): the unrolled GAN (Metz et al. 2017) and WGAN-GP (Gulrajani
// et al. 2017). Each trains one run of one generator; unlike Step.h they draw their own batches,
// since WGAN-GP's critic takes n_critic fresh batches per generator step. Internal to the engine:
// includes torch.
#pragma once

#include <torch/torch.h>

#include <functional>
#include <vector>

#include "training/Step.h"

namespace modescope::engine
{

// Where a step's random draws come from, in the networks' space (a Trainer's training stream).
struct StepDraws {
    std::function<torch::Tensor(int64_t rows)> noise; // [rows, noiseDim]
    std::function<torch::Tensor(int64_t rows)> data; // [rows, d]
    std::function<torch::Tensor(int64_t rows)> uniform; // [rows, 1], in [0, 1)
};

// An Adam optimiser's state and settings as an unrolled update continues it (FlatAdam.h).
struct AdamState {
    std::vector<torch::Tensor> firstMoments; // shaped like the parameters
    std::vector<torch::Tensor> secondMoments;
    int64_t steps = 0; // taken so far: the next is step steps + 1
    double lr = 1e-4;
    double beta1 = 0.5;
    double beta2 = 0.999;
    double eps = 1e-8;
};

// The unrolled generator loss f_K: D's parameters `discriminator` (a Discriminator's order,
// Networks.h) taken K Adam steps further on the discriminator loss of `real` and `fake` (the same
// batch at every step), then the non-saturating generator loss of `fake` against that D. With
// `secondOrder` the result is differentiable in `fake` through the K updates as well (Metz et
// al.'s gradient); without, only through the last D's input (the first-order surrogate).
// real, fake: [B, width]. Returns a scalar.
torch::Tensor unrolledGeneratorLoss(const std::vector<torch::Tensor>& discriminator,
    const AdamState& adam, const NetworkConfig& net, const torch::Tensor& real,
    const torch::Tensor& fake, const HeadLayout& layout, int steps, bool secondOrder);

// One step of the unrolled GAN: D's step as the plain GAN's, then one generator step on the loss
// against D unrolled K steps further from there with D's own optimiser state (the unrolled
// copies are discarded). z: [B, noiseDim]; real: [B, d].
StepResult trainUnrolledStep(const StepNetworks& networks, const NetworkConfig& dNet,
    const torch::Tensor& z, const torch::Tensor& real, const HeadLayout& layout,
    const UnrolledSettings& settings);

// One step of WGAN-GP: n_critic critic steps, each on a fresh real batch, fresh noise and fresh
// interpolation weights, then one generator step on fresh noise. `batch`: rows per draw.
StepResult trainWganGpStep(const StepNetworks& networks, const StepDraws& draws, int64_t batch,
    const WganGpSettings& settings);

} // namespace modescope::engine
