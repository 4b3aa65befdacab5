// MAD-GAN-Sim: the hinge of SPEC section 1 against hand computations, its gradient routing,
// and sim_violation_rate.
#include <torch/torch.h>

#include <ATen/CPUGeneratorImpl.h>

#include <QtTest>

#include "training/Losses.h"
#include "training/Networks.h"

using namespace modescope;
using namespace modescope::engine;

namespace
{
// Logits over 3 heads (k = 2, real = 2) whose softmax real probability is p: [0, 0, log(2p/(1-p))].
torch::Tensor logitsWithReal(const std::vector<double>& p)
{
    std::vector<torch::Tensor> rows;
    for (double v : p)
        rows.push_back(torch::tensor({ 0.0, 0.0, std::log(2 * v / (1 - v)) }, torch::kDouble));
    return torch::stack(rows); // [B, 3]
}

double maxAbs(const torch::Tensor& t)
{
    return t.abs().max().item<double>();
}
} // namespace

class TestSimHinge : public QObject
{
    Q_OBJECT
private slots:
    void constraintsThatHoldAddNothing();
    void violatedConstraintAddsTheHinge();
    void hingeMovesOnlyItsGenerator();
    void violationRateOnHandBuiltCase();
};

void TestSimHinge::constraintsThatHoldAddNothing()
{
    // k = 2, B = 1, D_real = 0.6 and 0.4, features anti-parallel (cosine -1), nu = 0.5:
    // 0.4 - 0.5 - 0.6 < 0 and 0.6 - 0.5 - 0.4 < 0, so both constraints hold.
    const HeadLayout layout = headLayout(Method::MadGanSim, 2);
    auto logits
        = torch::stack({ logitsWithReal({ 0.6 }), logitsWithReal({ 0.4 }) }).requires_grad_();
    auto features = torch::tensor({ 1.0, 2.0, -1.0, -2.0 }, torch::kDouble)
                        .view({ 2, 1, 2 })
                        .requires_grad_();
    const SimTerms sim = simHinge(logits, features, layout, 0.5);
    QCOMPARE(sim.hinge[0].item<double>(), 0.0);
    QCOMPARE(sim.hinge[1].item<double>(), 0.0);
    QCOMPARE(sim.violationRate.item<double>(), 0.0);

    // The generators' gradients are exactly MAD-GAN's.
    (generatorLosses(logits, layout).sum() + sim.hinge.sum()).backward();
    const torch::Tensor withSim = logits.grad().clone();
    logits.grad().zero_();
    generatorLosses(logits, layout).sum().backward();
    QVERIFY(torch::equal(withSim, logits.grad()));
}

void TestSimHinge::violatedConstraintAddsTheHinge()
{
    // k = 2, B = 2. z0: D_real 0.6 / 0.4, parallel features (cosine 1).
    //               z1: D_real 0.3 / 0.9, orthogonal features (cosine 0).
    // Generator 0: z0: max(0, 0.4 + 0.5*1 - 0.6) = 0.3; z1: max(0, 0.9 + 0 - 0.3) = 0.6 -> mean
    // 0.45 Generator 1: z0: max(0, 0.6 + 0.5 - 0.4) = 0.7; z1: max(0, 0.3 + 0 - 0.9) = 0   -> mean
    // 0.35
    const HeadLayout layout = headLayout(Method::MadGanSim, 2);
    auto logits = torch::stack({ logitsWithReal({ 0.6, 0.3 }), logitsWithReal({ 0.4, 0.9 }) });
    auto features = torch::tensor({ 3.0, 0.0, 1.0, 0.0, 2.0, 0.0, 0.0, 5.0 }, torch::kDouble)
                        .view({ 2, 2, 2 });
    const SimTerms sim = simHinge(logits, features, layout, 0.5);
    QVERIFY(std::abs(sim.hinge[0].item<double>() - 0.45) < 1e-12);
    QVERIFY(std::abs(sim.hinge[1].item<double>() - 0.35) < 1e-12);
    // 3 of the 4 (i, j, z) triples are violated.
    QVERIFY(std::abs(sim.violationRate.item<double>() - 0.75) < 1e-12);
}

void TestSimHinge::hingeMovesOnlyItsGenerator()
{
    // Real networks: generator 0's hinge must put gradient on generator 0's slice only.
    torch::manual_seed(7);
    const int k = 3;
    NetworkConfig gNet { { 16, 16 }, Activation::Elu, 0.1 };
    NetworkConfig dNet { { 16, 16 }, Activation::LeakyRelu, 0.1 };
    BatchedGenerator generator(k, 4, gNet, 1);
    Discriminator discriminator(1, dNet, k + 1);
    at::Generator rng = at::make_generator<at::CPUGeneratorImpl>(3);
    generator->initialise(rng);
    discriminator->initialise(rng);
    const HeadLayout layout = headLayout(Method::MadGanSim, k);
    const auto z = torch::rand({ 32, 4 }, rng) * 2 - 1;
    const auto fake = generator->forward(z);
    const auto [features, logits] = discriminator->forwardWithFeatures(fake.reshape({ k * 32, 1 }));
    // nu = 5 makes every constraint between similar samples fail.
    const SimTerms sim
        = simHinge(logits.view({ k, 32, -1 }), features.view({ k, 32, -1 }), layout, 5.0);
    QVERIFY(sim.hinge[0].item<double>() > 0);
    sim.hinge[0].backward();
    for (const auto& w : generator->weights()) {
        QVERIFY(maxAbs(w.grad()[0]) > 0);
        QCOMPARE(maxAbs(w.grad()[1]), 0.0);
        QCOMPARE(maxAbs(w.grad()[2]), 0.0);
    }
}

void TestSimHinge::violationRateOnHandBuiltCase()
{
    // k = 3, B = 1, D_real = 0.5, 0.5, 0.2, all features equal (cosine 1), nu = 0.1.
    // (i, j): (0,1) 0.5+0.1-0.5 > 0; (0,2) 0.2+0.1-0.5 < 0; (1,0) > 0; (1,2) < 0;
    //         (2,0) 0.5+0.1-0.2 > 0; (2,1) > 0  -> 4 of 6 violated.
    const HeadLayout layout = headLayout(Method::MadGanSim, 3);
    auto row = [](double p) { // 4 heads, real = 3
        return torch::tensor({ 0.0, 0.0, 0.0, std::log(3 * p / (1 - p)) }, torch::kDouble)
            .view({ 1, 1, 4 });
    };
    const auto logits = torch::cat({ row(0.5), row(0.5), row(0.2) });
    const auto features = torch::ones({ 3, 1, 2 }, torch::kDouble);
    const SimTerms sim = simHinge(logits, features, layout, 0.1);
    QVERIFY(std::abs(sim.violationRate.item<double>() - 4.0 / 6.0) < 1e-12);
    QVERIFY(std::abs(sim.hinge[2].item<double>() - 2 * 0.4) < 1e-12);
}

QTEST_APPLESS_MAIN(TestSimHinge)
#include "tst_simhinge.moc"
