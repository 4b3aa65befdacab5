// The flat-buffer Adam steps a network exactly as torch::optim::Adam does, keeps doing so
// after its parameters' storage is replaced (a checkpoint load), and zeroes gradients in one go.
#include <torch/torch.h>

#include <QtTest>

#include "training/FlatAdam.h"

using namespace modescope::engine;

class TestFlatAdam : public QObject
{
    Q_OBJECT
private slots:
    void matchesTorchAdam();
    void rebindAfterLoadKeepsTraining();
};

namespace
{
torch::nn::Sequential network()
{
    torch::manual_seed(5);
    return torch::nn::Sequential(torch::nn::Linear(3, 8), torch::nn::Tanh(),
        torch::nn::Linear(8, 8), torch::nn::Tanh(), torch::nn::Linear(8, 2));
}

torch::Tensor lossOf(torch::nn::Sequential& net, int step)
{
    torch::manual_seed(100 + step);
    const torch::Tensor x = torch::randn({ 16, 3 });
    return (net->forward(x) - torch::ones({ 16, 2 })).pow(2).mean();
}

bool sameParameters(torch::nn::Sequential& a, torch::nn::Sequential& b)
{
    const auto pa = a->parameters();
    const auto pb = b->parameters();
    for (size_t i = 0; i < pa.size(); ++i)
        if (!torch::equal(pa[i], pb[i]))
            return false;
    return true;
}
} // namespace

void TestFlatAdam::matchesTorchAdam()
{
    auto reference = network();
    auto flat = network();
    QVERIFY(sameParameters(reference, flat));
    torch::optim::Adam adam(
        reference->parameters(), torch::optim::AdamOptions(3e-3).betas({ 0.5, 0.999 }));
    FlatAdam flatAdam(flat->parameters(), 3e-3, 0.5, 0.999);
    for (int step = 0; step < 25; ++step) {
        adam.zero_grad();
        lossOf(reference, step).backward();
        adam.step();
        flatAdam.zeroGrad();
        lossOf(flat, step).backward();
        flatAdam.step();
        if (step == 10) { // a live learning-rate change
            for (auto& group : adam.param_groups())
                static_cast<torch::optim::AdamOptions&>(group.options()).lr(1e-3);
            flatAdam.setLr(1e-3);
        }
    }
    QVERIFY(sameParameters(reference, flat)); // bit for bit
    QVERIFY(!torch::equal(reference->parameters()[0], network()->parameters()[0])); // it trained
}

void TestFlatAdam::rebindAfterLoadKeepsTraining()
{
    auto net = network();
    FlatAdam adam(net->parameters(), 1e-2, 0.5, 0.999);
    // Replace the first weight's storage, as Module::load does, then rebind.
    {
        torch::NoGradGuard noGrad;
        net->parameters()[0].set_(torch::full({ 8, 3 }, 0.25));
    }
    adam.rebind();
    QCOMPARE(net->parameters()[0][0][0].item<float>(), 0.25f);
    adam.zeroGrad();
    lossOf(net, 0).backward();
    adam.step();
    // The step reached the rebound parameter through the flat buffer.
    QVERIFY(net->parameters()[0][0][0].item<float>() != 0.25f);
    adam.zeroGrad();
    QCOMPARE(net->parameters()[0].grad().abs().sum().item<float>(), 0.0f);
}

QTEST_MAIN(TestFlatAdam)
#include "tst_flatadam.moc"
