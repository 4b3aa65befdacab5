#include "training/Losses.h"

namespace modescope::engine
{

namespace
{
constexpr double kNormaliseEps = 1e-8; // guards cosine similarity of all-zero features
}

HeadLayout headLayout(Method method, int generators)
{
    if (hasPerGeneratorHeads(method))
        return { generators + 1, generators, true };
    if (method == Method::WganGp)
        return { 1, 0, false }; // one critic score; "real" names no class
    return { 2, 1, false };
}

torch::Tensor discriminatorLoss(
    const torch::Tensor& logitsReal, const torch::Tensor& logitsFake, const HeadLayout& layout)
{
    const int64_t k = logitsFake.size(-3);
    const int64_t batch = logitsFake.size(-2);
    const int64_t realRows = logitsReal.size(-2);
    const torch::Tensor realLogp = torch::log_softmax(logitsReal, -1).select(-1, layout.realIndex);
    const torch::Tensor fakeLogp = torch::log_softmax(logitsFake, -1); // [..., k, B, H]
    torch::Tensor fakeTerms;
    if (layout.perGeneratorFakeLabels) {
        // Generator i's samples are class i: gather head i from block i.
        std::vector<int64_t> labelShape = logitsFake.sizes().vec();
        labelShape.back() = 1;
        const auto labels = torch::arange(
            k, torch::TensorOptions().dtype(torch::kLong).device(logitsFake.device()))
                                .view({ k, 1, 1 })
                                .expand(labelShape);
        fakeTerms = fakeLogp.gather(-1, labels).squeeze(-1); // [..., k, B]
    } else {
        fakeTerms = fakeLogp.select(-1, 0);
    }
    const double count = static_cast<double>(realRows + k * batch);
    return -(realLogp.sum(-1) + fakeTerms.sum(at::IntArrayRef { -2, -1 })) / count;
}

torch::Tensor generatorLosses(const torch::Tensor& logitsFake, const HeadLayout& layout)
{
    return -torch::log_softmax(logitsFake, -1).select(-1, layout.realIndex).mean(-1);
}

SimTerms simHinge(const torch::Tensor& logitsFake, const torch::Tensor& features,
    const HeadLayout& layout, double nu)
{
    const int64_t k = logitsFake.size(-3);
    const int64_t batch = logitsFake.size(-2);
    const torch::Tensor pReal
        = torch::softmax(logitsFake, -1).select(-1, layout.realIndex); // [..., k, B]
    const torch::Tensor unit = features / features.norm(2, -1, true).clamp_min(kNormaliseEps);
    // cosine[..., b, i, j] = <phi_i(z_b), phi_j(z_b)> with the j side detached: one batched
    // product. [..., k, B, F] -> [..., B, k, F] times [..., B, F, k].
    const torch::Tensor byRow = unit.transpose(-3, -2);
    const torch::Tensor cosine = torch::matmul(byRow, byRow.detach().transpose(-2, -1));
    const torch::Tensor pI = pReal.transpose(-2, -1).unsqueeze(-1); // [..., B, k, 1]
    const torch::Tensor pJ = pReal.detach().transpose(-2, -1).unsqueeze(-2); // [..., B, 1, k]
    const torch::Tensor offDiagonal
        = 1 - torch::eye(k, torch::TensorOptions().dtype(pReal.dtype()).device(pReal.device()));
    const torch::Tensor violation = (pJ + nu * cosine - pI) * offDiagonal; // [..., B, i, j]
    SimTerms terms;
    terms.hinge = torch::relu(violation).sum(-1).mean(-2); // [..., k]
    const double triples = static_cast<double>(batch * k * std::max<int64_t>(k - 1, 1));
    terms.violationRate
        = (violation > 0).sum(at::IntArrayRef { -3, -2, -1 }).to(pReal.dtype()) / triples;
    return terms;
}

torch::Tensor criticLoss(const torch::Tensor& criticReal, const torch::Tensor& criticFake)
{
    return criticFake.mean() - criticReal.mean();
}

torch::Tensor gradientPenalty(const torch::Tensor& criticAtPoints, const torch::Tensor& points)
{
    const torch::Tensor gradient = torch::autograd::grad({ criticAtPoints.sum() }, { points },
        /*grad_outputs=*/ {}, /*retain_graph=*/true, /*create_graph=*/true)[0];
    return (gradient.norm(2, -1) - 1).pow(2).mean();
}

GeneratorObjective generatorObjective(const torch::Tensor& logitsFake, const PhiInputs& phi,
    const HeadLayout& layout, const SimSettings& sim)
{
    GeneratorObjective out;
    out.losses = generatorLosses(logitsFake, layout);
    out.minimised = out.losses;
    if (!sim.applies)
        return out;
    torch::Tensor features;
    switch (sim.source) {
    case PhiSource::Discriminator:
        features = phi.discriminatorFeatures;
        break;
    case PhiSource::DiscriminatorPreActivation:
        features = phi.discriminatorPreActivation;
        break;
    case PhiSource::DiscriminatorCentred: {
        // Centred over every generated sample of the run: its k generators and B draws.
        const torch::Tensor& f = phi.discriminatorFeatures;
        features = f - f.mean(at::IntArrayRef { -3, -2 }, /*keepdim=*/true);
        break;
    }
    case PhiSource::Generator:
        features = phi.generatorFeatures;
        break;
    }
    if (sim.enabled) {
        const SimTerms terms = simHinge(logitsFake, features, layout, sim.nu);
        out.minimised = out.losses + sim.lambda * terms.hinge;
        out.hinge = sim.lambda * terms.hinge.detach();
        out.violationRate = terms.violationRate;
    } else {
        // Still measured, so a user sees what switching Sim on would change.
        torch::NoGradGuard noGrad;
        const SimTerms terms = simHinge(logitsFake, features, layout, sim.nu);
        out.hinge = sim.lambda * terms.hinge;
        out.violationRate = terms.violationRate;
    }
    return out;
}

} // namespace modescope::engine
