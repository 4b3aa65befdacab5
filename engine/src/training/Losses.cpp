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
    return { 2, 1, false };
}

torch::Tensor discriminatorLoss(
    const torch::Tensor& logitsReal, const torch::Tensor& logitsFake, const HeadLayout& layout)
{
    const int64_t k = logitsFake.size(0);
    const int64_t batch = logitsFake.size(1);
    const torch::Tensor realLogp = torch::log_softmax(logitsReal, -1).select(-1, layout.realIndex);
    const torch::Tensor fakeLogp = torch::log_softmax(logitsFake, -1); // [k, B, H]
    torch::Tensor fakeTerms;
    if (layout.perGeneratorFakeLabels) {
        // Generator i's samples are class i: gather head i from block i.
        const auto labels = torch::arange(
            k, torch::TensorOptions().dtype(torch::kLong).device(logitsFake.device()))
                                .view({ k, 1, 1 })
                                .expand({ k, batch, 1 });
        fakeTerms = fakeLogp.gather(-1, labels);
    } else {
        fakeTerms = fakeLogp.select(-1, 0);
    }
    const double count = static_cast<double>(logitsReal.size(0) + k * batch);
    return -(realLogp.sum() + fakeTerms.sum()) / count;
}

torch::Tensor generatorLosses(const torch::Tensor& logitsFake, const HeadLayout& layout)
{
    return -torch::log_softmax(logitsFake, -1).select(-1, layout.realIndex).mean(1);
}

SimTerms simHinge(const torch::Tensor& logitsFake, const torch::Tensor& features,
    const HeadLayout& layout, double nu)
{
    const int64_t k = logitsFake.size(0);
    const int64_t batch = logitsFake.size(1);
    const torch::Tensor pReal
        = torch::softmax(logitsFake, -1).select(-1, layout.realIndex); // [k,B]
    const torch::Tensor unit = features / features.norm(2, -1, true).clamp_min(kNormaliseEps);
    // cosine[b, i, j] = <phi_i(z_b), phi_j(z_b)> with the j side detached: one batched product.
    const torch::Tensor cosine
        = torch::bmm(unit.transpose(0, 1), unit.detach().permute({ 1, 2, 0 })); // [B, k, k]
    const torch::Tensor pI = pReal.transpose(0, 1).unsqueeze(2); // [B, k, 1]
    const torch::Tensor pJ = pReal.detach().transpose(0, 1).unsqueeze(1); // [B, 1, k]
    const torch::Tensor offDiagonal
        = 1 - torch::eye(k, torch::TensorOptions().dtype(pReal.dtype()).device(pReal.device()));
    const torch::Tensor violation = (pJ + nu * cosine - pI) * offDiagonal; // [B, i, j]
    SimTerms terms;
    terms.hinge = torch::relu(violation).sum(2).mean(0);
    const double triples = static_cast<double>(batch * k * std::max<int64_t>(k - 1, 1));
    terms.violationRate = (violation > 0).sum().to(pReal.dtype()) / triples;
    return terms;
}

} // namespace modescope::engine
