#pragma once

#include <torch/torch.h>

#include <vector>

namespace modescope::engine
{

// Adam (no weight decay, no amsgrad) over all of a network's parameters at once. The
// parameters and their gradients become views into one flat buffer each, so a step is six
// tensor operations instead of about seven per parameter tensor, and zeroing the gradients
// is one. Element for element it computes what torch::optim::Adam computes, in the same order.
class FlatAdam
{
public:
    FlatAdam(std::vector<torch::Tensor> parameters, double lr, double beta1, double beta2,
        double eps = 1e-8);

    void zeroGrad();
    void step();
    void setLr(double lr) { m_lr = lr; }

    // After something replaced the parameters' storage (Module::load): copies their values into
    // the flat buffer and makes them views of it again.
    void rebind();
    void save(torch::serialize::OutputArchive& archive) const;
    // The state parameter by parameter, for moving it between a run and a population
    // (Population.cpp): writable views of the moments, shaped like the parameters.
    const std::vector<torch::Tensor>& parameters() const { return m_parameters; }
    std::vector<torch::Tensor> firstMoments() const { return viewsOf(m_expAvg); }
    std::vector<torch::Tensor> secondMoments() const { return viewsOf(m_expAvgSq); }
    int64_t steps() const { return m_step; }
    double lr() const { return m_lr; }
    double beta1() const { return m_beta1; }
    double beta2() const { return m_beta2; }
    double eps() const { return m_eps; }
    void setSteps(int64_t steps) { m_step = steps; }
    void load(torch::serialize::InputArchive& archive);

private:
    std::vector<torch::Tensor> viewsOf(const torch::Tensor& flat) const;

    std::vector<torch::Tensor> m_parameters;
    torch::Tensor m_values; // every parameter, flattened, in m_parameters' order
    torch::Tensor m_grads; // their gradients, the same layout
    torch::Tensor m_expAvg;
    torch::Tensor m_expAvgSq;
    int64_t m_step = 0;
    double m_lr;
    double m_beta1;
    double m_beta2;
    double m_eps;
};

} // namespace modescope::engine
