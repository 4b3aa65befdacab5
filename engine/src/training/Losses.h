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

// Every function takes optional leading dimensions (a population's members, Population.h) and
// keeps them: one loss per member, each a function of that member's logits alone.

// Mean softmax cross-entropy over the B real and k*B fake samples.
// logitsReal: [..., B, H]; logitsFake: [..., k, B, H]. -> [...]
torch::Tensor discriminatorLoss(
    const torch::Tensor& logitsReal, const torch::Tensor& logitsFake, const HeadLayout& layout);

// Non-saturating loss of every generator: L_i = -mean_z log softmax(D(G_i(z)))[real].
// logitsFake: [..., k, B, H] -> [..., k]
torch::Tensor generatorLosses(const torch::Tensor& logitsFake, const HeadLayout& layout);

// The MAD-GAN-Sim hinge for each generator i (already summed over j != i, averaged over z)
// and the share of violated (i, j, z) triples.
struct SimTerms {
    torch::Tensor hinge; // [..., k], differentiable on generator i's side only
    torch::Tensor violationRate; // [...]
};
// logitsFake: [..., k, B, H]; features (phi): [..., k, B, F].
SimTerms simHinge(const torch::Tensor& logitsFake, const torch::Tensor& features,
    const HeadLayout& layout, double nu);

// The feature maps phi may be taken from (TrainConfig::phi), each [..., k, B, F].
struct PhiInputs {
    torch::Tensor discriminatorFeatures; // D's last hidden layer, after its activation
    torch::Tensor discriminatorPreActivation; // ...and before it
    torch::Tensor generatorFeatures; // each generator's own last hidden layer
};

struct SimSettings {
    bool applies = false; // the method has the hinge (the MAD-GAN family, k > 1)
    bool enabled = false; // the live switch: part of what is minimised
    double lambda = 0.0;
    double nu = 0.0;
    PhiSource source = PhiSource::Discriminator;
};

// What the generators' step minimises (SPEC section 1): the losses, plus lambda times the Sim
// hinge while Sim is on. The hinge is measured whenever it applies, on or off, so that a user
// sees what switching it would change; `hinge` and `violationRate` are undefined otherwise.
struct GeneratorObjective {
    torch::Tensor losses; // [..., k]: the logged g_loss_i, the same with Sim on or off
    torch::Tensor minimised; // [..., k]: what backward() is called on (summed)
    torch::Tensor hinge; // [..., k]: lambda * hinge_i, detached
    torch::Tensor violationRate; // [...]
};
GeneratorObjective generatorObjective(const torch::Tensor& logitsFake, const PhiInputs& phi,
    const HeadLayout& layout, const SimSettings& sim);

// WGAN-GP (Gulrajani et al. 2017), one run (no member dimensions): the critic minimises
// mean c(fake) - mean c(real) + lambda * penalty, the generator -mean c(G(z)).
// criticReal: [B, 1]; criticFake: [B, 1] -> [] (the penalty is added apart).
torch::Tensor criticLoss(const torch::Tensor& criticReal, const torch::Tensor& criticFake);
// mean over the rows of (||grad_x c(x)||_2 - 1)^2 at `points` [B, d], which must require grad
// and be what `criticAtPoints` [B, 1] was computed from; differentiable (create_graph) so that
// the critic's step minimises it.
torch::Tensor gradientPenalty(const torch::Tensor& criticAtPoints, const torch::Tensor& points);

} // namespace modescope::engine
