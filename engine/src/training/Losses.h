// The losses of SPEC section 1, as pure functions of logits and features so that tests can
// check them against hand computations. Internal to the engine: includes torch.
#pragma once

#include <torch/torch.h>

#include "modescope/config/TrainConfig.h"

namespace modescope::engine
{

// How a method lays out the discriminator's heads.
struct HeadLayout {
    int heads; // number of logits
    int realIndex; // the "real" class
    bool perGeneratorFakeLabels; // fake from G_i is class i (else class 0)
};
HeadLayout headLayout(Method method, int generators);

// Mean softmax cross-entropy over the B real and k*B fake samples.
// logitsReal: [B, H]; logitsFake: [k, B, H].
torch::Tensor discriminatorLoss(
    const torch::Tensor& logitsReal, const torch::Tensor& logitsFake, const HeadLayout& layout);

// Non-saturating loss of every generator: L_i = -mean_z log softmax(D(G_i(z)))[real]. -> [k]
torch::Tensor generatorLosses(const torch::Tensor& logitsFake, const HeadLayout& layout);

// The MAD-GAN-Sim hinge for each generator i (already summed over j != i, averaged over z)
// and the share of violated (i, j, z) triples.
struct SimTerms {
    torch::Tensor hinge; // [k], differentiable on generator i's side only
    torch::Tensor violationRate; // scalar
};
// logitsFake: [k, B, H]; features (phi): [k, B, F].
SimTerms simHinge(const torch::Tensor& logitsFake, const torch::Tensor& features,
    const HeadLayout& layout, double nu);

} // namespace modescope::engine
