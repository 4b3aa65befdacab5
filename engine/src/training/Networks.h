// The generator and discriminator networks. Internal to the engine: includes torch.
#pragma once

#include <torch/torch.h>

#include <utility>
#include <vector>

#include "modescope/config/TrainConfig.h"

namespace modescope::engine
{

torch::Tensor activate(const torch::Tensor& x, const NetworkConfig& net);

// A Linear layer's Xavier-normal draw (fan_in + fan_out), drawn from `rng` so that a run is
// reproducible from its seed alone.
void xavierNormal_(torch::Tensor& weight, int64_t fanIn, int64_t fanOut, at::Generator& rng);

// k generators held as one module: layer l has weights [k, in, out] and biases [k, 1, out],
// so each layer is one batched matrix product for all k networks (same maths as k MLPs). The
// first `sharedLayers` layers are one trunk ([1, in, out], computed once for all k).
//
// With `members` M > 1 it holds the generators of M runs of the same shape (a population,
// Population.h): every layer's copies are stacked member by member, [M * k, in, out] (M * 1 for
// the trunk), and each member's generators see that member's own noise.
class BatchedGeneratorImpl : public torch::nn::Module
{
public:
    // `tanhOutput`: the output passes through tanh, into [-1, 1] (image targets' pixels).
    BatchedGeneratorImpl(int generators, int noiseDim, const NetworkConfig& net, int outputDim,
        int sharedLayers = 0, int members = 1, bool tanhOutput = false);

    // z: [B, noiseDim] shared by all generators (members = 1), or [M, B, noiseDim], one noise
    // batch per member. Returns {last hidden [M * k, B, H], out [M * k, B, d]}.
    std::pair<torch::Tensor, torch::Tensor> forwardWithFeatures(const torch::Tensor& z);
    torch::Tensor forward(const torch::Tensor& z) { return forwardWithFeatures(z).second; }

    void initialise(at::Generator& rng);
    int generators() const { return m_generators; }
    int members() const { return m_members; }
    // Layer l's weights [k, in, out] and biases [k, 1, out] ([1, ...] for a shared layer), times
    // the members.
    const std::vector<torch::Tensor>& weights() const { return m_weights; }
    const std::vector<torch::Tensor>& biases() const { return m_biases; }

private:
    int m_generators;
    int m_members;
    bool m_tanhOutput;
    NetworkConfig m_net;
    std::vector<torch::Tensor> m_weights;
    std::vector<torch::Tensor> m_biases;
};
TORCH_MODULE(BatchedGenerator);

// An MLP with `heads` logits; its last hidden layer is the Sim feature map phi by default.
class DiscriminatorImpl : public torch::nn::Module
{
public:
    DiscriminatorImpl(int inputDim, const NetworkConfig& net, int heads);

    struct Output {
        torch::Tensor preActivation; // the last hidden layer before its activation [N, H]
        torch::Tensor features; // ...and after it [N, H]
        torch::Tensor logits; // [N, heads]
    };
    // x: [N, inputDim]. Without hidden layers both feature tensors are x.
    Output forwardAll(const torch::Tensor& x);
    // Returns {last hidden [N, H], logits [N, heads]}.
    std::pair<torch::Tensor, torch::Tensor> forwardWithFeatures(const torch::Tensor& x)
    {
        Output out = forwardAll(x);
        return { out.features, out.logits };
    }
    torch::Tensor forward(const torch::Tensor& x) { return forwardAll(x).logits; }

    void initialise(at::Generator& rng);
    int heads() const { return m_heads; }

private:
    NetworkConfig m_net;
    int m_heads;
    std::vector<torch::nn::Linear> m_layers; // hidden layers, then the head
};
TORCH_MODULE(Discriminator);

// A Discriminator's logits with its parameters given as tensors, in the order it registers them
// (weight [out, in] then bias [out], layer by layer): what an unrolled update differentiates
// through (Routes.h).
torch::Tensor discriminatorLogits(
    const std::vector<torch::Tensor>& parameters, const torch::Tensor& x, const NetworkConfig& net);

// The discriminators of M runs of the same shape (a population, Population.h): layer l holds
// every member's Linear weight and bias, [M, out, in] and [M, 1, out], in the order a
// Discriminator registers them, so member s's slice of each is its Discriminator's tensor.
class BatchedDiscriminatorImpl : public torch::nn::Module
{
public:
    BatchedDiscriminatorImpl(int members, int inputDim, const NetworkConfig& net, int heads);

    // x: [M, N, inputDim], member s's rows through member s's network. Output as Discriminator's,
    // with the member first: [M, N, ...].
    DiscriminatorImpl::Output forwardAll(const torch::Tensor& x);

private:
    NetworkConfig m_net;
    std::vector<torch::Tensor> m_weights; // [M, out, in]
    std::vector<torch::Tensor> m_biases; // [M, 1, out]
};
TORCH_MODULE(BatchedDiscriminator);

} // namespace modescope::engine
