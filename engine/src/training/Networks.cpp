#include "training/Networks.h"

#include <cmath>

namespace modescope::engine
{

torch::Tensor activate(const torch::Tensor& x, const NetworkConfig& net)
{
    switch (net.activation) {
    case Activation::Elu:
        return torch::elu(x);
    case Activation::Relu:
        return torch::relu(x);
    case Activation::LeakyRelu:
        return torch::leaky_relu(x, net.negativeSlope);
    case Activation::Tanh:
        return torch::tanh(x);
    }
    return x;
}

void xavierNormal_(torch::Tensor& weight, int64_t fanIn, int64_t fanOut, at::Generator& rng)
{
    torch::NoGradGuard noGrad;
    const double sd = std::sqrt(2.0 / static_cast<double>(fanIn + fanOut));
    weight.normal_(0.0, sd, rng);
}

BatchedGeneratorImpl::BatchedGeneratorImpl(
    int generators, int noiseDim, const NetworkConfig& net, int outputDim, int sharedLayers)
    : m_generators(generators)
    , m_net(net)
{
    std::vector<int> widths { noiseDim };
    widths.insert(widths.end(), net.hidden.begin(), net.hidden.end());
    widths.push_back(outputDim);
    for (size_t l = 0; l + 1 < widths.size(); ++l) {
        const int64_t copies = static_cast<int>(l) < sharedLayers ? 1 : generators;
        m_weights.push_back(register_parameter(
            "w" + std::to_string(l), torch::empty({ copies, widths[l], widths[l + 1] })));
        m_biases.push_back(register_parameter(
            "b" + std::to_string(l), torch::zeros({ copies, 1, widths[l + 1] })));
    }
}

void BatchedGeneratorImpl::initialise(at::Generator& rng)
{
    torch::NoGradGuard noGrad;
    for (size_t l = 0; l < m_weights.size(); ++l) {
        xavierNormal_(m_weights[l], m_weights[l].size(1), m_weights[l].size(2), rng);
        m_biases[l].zero_();
    }
}

std::pair<torch::Tensor, torch::Tensor> BatchedGeneratorImpl::forwardWithFeatures(
    const torch::Tensor& z)
{
    // The first layer multiplies the shared z by every generator's weights at once.
    torch::Tensor h = torch::matmul(z, m_weights[0]) + m_biases[0];
    torch::Tensor features = h;
    for (size_t l = 1; l < m_weights.size(); ++l) {
        features = activate(h, m_net);
        if (features.size(0) != m_weights[l].size(0)) // the trunk ends: every generator's copy
            features
                = features.expand({ m_weights[l].size(0), features.size(1), features.size(2) });
        h = torch::baddbmm(m_biases[l], features, m_weights[l]);
    }
    return { features, h };
}

DiscriminatorImpl::DiscriminatorImpl(int inputDim, const NetworkConfig& net, int heads)
    : m_net(net)
    , m_heads(heads)
{
    int in = inputDim;
    for (size_t l = 0; l <= net.hidden.size(); ++l) {
        const int out = l < net.hidden.size() ? net.hidden[l] : heads;
        m_layers.push_back(register_module("fc" + std::to_string(l), torch::nn::Linear(in, out)));
        in = out;
    }
}

void DiscriminatorImpl::initialise(at::Generator& rng)
{
    torch::NoGradGuard noGrad;
    for (auto& layer : m_layers) {
        xavierNormal_(layer->weight, layer->weight.size(1), layer->weight.size(0), rng);
        layer->bias.zero_();
    }
}

DiscriminatorImpl::Output DiscriminatorImpl::forwardAll(const torch::Tensor& x)
{
    torch::Tensor pre = x;
    torch::Tensor h = x;
    for (size_t l = 0; l + 1 < m_layers.size(); ++l) {
        pre = m_layers[l]->forward(h);
        h = activate(pre, m_net);
    }
    return { pre, h, m_layers.back()->forward(h) };
}

} // namespace modescope::engine
