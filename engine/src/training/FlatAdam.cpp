#include "training/FlatAdam.h"

#include <cmath>

namespace modescope::engine
{

FlatAdam::FlatAdam(
    std::vector<torch::Tensor> parameters, double lr, double beta1, double beta2, double eps)
    : m_parameters(std::move(parameters))
    , m_lr(lr)
    , m_beta1(beta1)
    , m_beta2(beta2)
    , m_eps(eps)
{
    int64_t total = 0;
    for (const torch::Tensor& p : m_parameters)
        total += p.numel();
    const auto options = m_parameters.front().options().requires_grad(false);
    m_values = torch::empty({ total }, options);
    m_grads = torch::zeros({ total }, options);
    m_expAvg = torch::zeros({ total }, options);
    m_expAvgSq = torch::zeros({ total }, options);
    rebind();
}

void FlatAdam::rebind()
{
    torch::NoGradGuard noGrad;
    int64_t offset = 0;
    for (torch::Tensor& p : m_parameters) {
        const int64_t n = p.numel();
        torch::Tensor values = m_values.narrow(0, offset, n).view(p.sizes());
        values.copy_(p.detach());
        p.set_data(values);
        // A defined gradient is accumulated into in place by autograd, so it stays a view.
        p.mutable_grad() = m_grads.narrow(0, offset, n).view(p.sizes());
        offset += n;
    }
}

std::vector<torch::Tensor> FlatAdam::viewsOf(const torch::Tensor& flat) const
{
    std::vector<torch::Tensor> views;
    int64_t offset = 0;
    for (const torch::Tensor& p : m_parameters) {
        views.push_back(flat.narrow(0, offset, p.numel()).view(p.sizes()));
        offset += p.numel();
    }
    return views;
}

void FlatAdam::zeroGrad()
{
    m_grads.zero_();
}

void FlatAdam::step()
{
    torch::NoGradGuard noGrad;
    ++m_step;
    const double biasCorrection1 = 1 - std::pow(m_beta1, static_cast<double>(m_step));
    const double biasCorrection2 = 1 - std::pow(m_beta2, static_cast<double>(m_step));
    m_expAvg.mul_(m_beta1).add_(m_grads, 1 - m_beta1);
    m_expAvgSq.mul_(m_beta2).addcmul_(m_grads, m_grads, 1 - m_beta2);
    const torch::Tensor denominator = (m_expAvgSq.sqrt() / std::sqrt(biasCorrection2)).add_(m_eps);
    m_values.addcdiv_(m_expAvg, denominator, -m_lr / biasCorrection1);
}

void FlatAdam::save(torch::serialize::OutputArchive& archive) const
{
    archive.write("step", c10::IValue(m_step));
    archive.write("exp_avg", m_expAvg);
    archive.write("exp_avg_sq", m_expAvgSq);
}

void FlatAdam::load(torch::serialize::InputArchive& archive)
{
    c10::IValue step;
    archive.read("step", step);
    torch::Tensor expAvg, expAvgSq;
    archive.read("exp_avg", expAvg);
    archive.read("exp_avg_sq", expAvgSq);
    TORCH_CHECK(expAvg.sizes() == m_expAvg.sizes() && expAvgSq.sizes() == m_expAvgSq.sizes(),
        "optimiser state of another size");
    torch::NoGradGuard noGrad;
    m_expAvg.copy_(expAvg);
    m_expAvgSq.copy_(expAvgSq);
    m_step = step.toInt();
}

} // namespace modescope::engine
