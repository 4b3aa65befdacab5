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

BatchedGeneratorImpl::BatchedGeneratorImpl(int generators, int noiseDim, const NetworkConfig& net,
    int outputDim, int sharedLayers, int members, bool tanhOutput)
    : m_generators(generators)
    , m_members(members)
    , m_tanhOutput(tanhOutput)
    , m_net(net)
{
    std::vector<int> widths { noiseDim };
    widths.insert(widths.end(), net.hidden.begin(), net.hidden.end());
    widths.push_back(outputDim);
    for (size_t l = 0; l + 1 < widths.size(); ++l) {
        const int64_t copies = (static_cast<int>(l) < sharedLayers ? 1 : generators) * members;
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
    torch::Tensor h;
    if (z.dim() == 2) {
        // The first layer multiplies the shared z by every generator's weights at once.
        h = torch::matmul(z, m_weights[0]) + m_biases[0];
    } else {
        // Member s's noise [1, B, n] times its copies' weights [c, n, out]: [M * c, B, out].
        const int64_t members = m_members;
        const int64_t copies = m_weights[0].size(0) / members;
        const torch::Tensor w = m_weights[0].view({ members, copies, m_weights[0].size(1), -1 });
        h = (torch::matmul(z.unsqueeze(1), w) + m_biases[0].view({ members, copies, 1, -1 }))
                .view({ members * copies, z.size(1), -1 });
    }
    torch::Tensor features = h;
    for (size_t l = 1; l < m_weights.size(); ++l) {
        features = activate(h, m_net);
        if (features.size(0) != m_weights[l].size(0)) { // the trunk ends: every generator's copy
            const int64_t members = m_members;
            const int64_t copies = m_weights[l].size(0) / members;
            const torch::Tensor each = features.unsqueeze(1).expand(
                { members, copies, features.size(1), features.size(2) });
            // One member's copies stay views of its trunk; several are laid out member by member.
            features = members == 1
                ? each.select(0, 0)
                : each.reshape({ members * copies, features.size(1), features.size(2) });
        }
        h = torch::baddbmm(m_biases[l], features, m_weights[l]);
    }
    return { features, m_tanhOutput ? torch::tanh(h) : h };
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

torch::Tensor discriminatorLogits(
    const std::vector<torch::Tensor>& parameters, const torch::Tensor& x, const NetworkConfig& net)
{
    torch::Tensor h = x;
    const size_t layers = parameters.size() / 2;
    for (size_t l = 0; l < layers; ++l) {
        h = torch::linear(h, parameters[2 * l], parameters[2 * l + 1]);
        if (l + 1 < layers)
            h = activate(h, net);
    }
    return h;
}

BatchedDiscriminatorImpl::BatchedDiscriminatorImpl(
    int members, int inputDim, const NetworkConfig& net, int heads)
    : m_net(net)
{
    int in = inputDim;
    for (size_t l = 0; l <= net.hidden.size(); ++l) {
        const int out = l < net.hidden.size() ? net.hidden[l] : heads;
        m_weights.push_back(
            register_parameter("w" + std::to_string(l), torch::empty({ members, out, in })));
        m_biases.push_back(
            register_parameter("b" + std::to_string(l), torch::zeros({ members, 1, out })));
        in = out;
    }
}

DiscriminatorImpl::Output BatchedDiscriminatorImpl::forwardAll(const torch::Tensor& x)
{
    torch::Tensor pre = x;
    torch::Tensor h = x;
    const size_t last = m_weights.size() - 1;
    for (size_t l = 0; l < last; ++l) {
        pre = torch::baddbmm(m_biases[l], h, m_weights[l].transpose(1, 2));
        h = activate(pre, m_net);
    }
    return { pre, h, torch::baddbmm(m_biases[last], h, m_weights[last].transpose(1, 2)) };
}

} // namespace modescope::engine
