// The batched generator module computes exactly what k separate MLPs with the same weights
// compute: outputs, last hidden features and gradients; with a shared trunk, what k MLPs whose
// first layers are one set of weights compute (the trunk's gradient the sum of theirs).
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <QtTest>

#include "training/Networks.h"

using namespace modescope;
using namespace modescope::engine;

class TestBatchedGenerator : public QObject
{
    Q_OBJECT
private slots:
    void matchesSeparateNetworks_data();
    void matchesSeparateNetworks();
    void xavierInitialisationHasTheRightSpread();
};

void TestBatchedGenerator::matchesSeparateNetworks_data()
{
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("activation");
    QTest::addColumn<int>("shared");
    QTest::newRow("k=1 elu") << 1 << int(Activation::Elu) << 0;
    QTest::newRow("k=4 elu") << 4 << int(Activation::Elu) << 0;
    QTest::newRow("k=5 tanh") << 5 << int(Activation::Tanh) << 0;
    QTest::newRow("k=4, first layer shared") << 4 << int(Activation::Elu) << 1;
    QTest::newRow("k=3, both hidden layers shared") << 3 << int(Activation::Elu) << 2;
}

void TestBatchedGenerator::matchesSeparateNetworks()
{
    QFETCH(int, k);
    QFETCH(int, activation);
    QFETCH(int, shared);
    const NetworkConfig net { { 12, 8 }, static_cast<Activation>(activation), 0.1 };
    at::Generator rng = at::make_generator<at::CPUGeneratorImpl>(11);
    BatchedGenerator batched(k, 6, net, 1, shared);
    for (size_t l = 0; l < batched->weights().size(); ++l) // one copy of a trunk layer
        QCOMPARE(batched->weights()[l].size(0), static_cast<int64_t>(l) < shared ? 1 : k);
    batched->initialise(rng);
    {
        torch::NoGradGuard noGrad; // non-zero biases, so a wrong bias layout shows
        for (const auto& b : batched->biases())
            b.normal_(0, 0.5, rng);
    }
    batched->to(torch::kDouble);
    const torch::Tensor z = (torch::rand({ 9, 6 }, rng) * 2 - 1).to(torch::kDouble);

    const auto [features, out] = batched->forwardWithFeatures(z);
    (out * out).sum().backward();

    const size_t layers = batched->weights().size();
    std::vector<torch::Tensor> trunkW(layers), trunkB(layers); // the MLPs' gradients, summed
    for (int i = 0; i < k; ++i) {
        // Generator i as an ordinary MLP: x W_l[i] + b_l[i] per layer (W_l[0] in the trunk).
        auto own = [&](size_t l) { return static_cast<int>(l) < shared ? 0 : i; };
        std::vector<torch::Tensor> w, b;
        for (size_t l = 0; l < layers; ++l) {
            w.push_back(batched->weights()[l][own(l)].detach().clone().requires_grad_());
            b.push_back(batched->biases()[l][own(l)].detach().clone().requires_grad_());
        }
        torch::Tensor h = z;
        torch::Tensor hidden;
        for (size_t l = 0; l < w.size(); ++l) {
            h = torch::matmul(h, w[l]) + b[l];
            if (l + 1 < w.size())
                h = hidden = activate(h, net);
        }
        QVERIFY(torch::allclose(out[i], h, 1e-12, 1e-12));
        QVERIFY(torch::allclose(features[i], hidden, 1e-12, 1e-12));
        (h * h).sum().backward();
        for (size_t l = 0; l < w.size(); ++l) {
            if (static_cast<int>(l) < shared) {
                trunkW[l] = trunkW[l].defined() ? trunkW[l] + w[l].grad() : w[l].grad();
                trunkB[l] = trunkB[l].defined() ? trunkB[l] + b[l].grad() : b[l].grad();
                continue;
            }
            QVERIFY(torch::allclose(batched->weights()[l].grad()[i], w[l].grad(), 1e-10, 1e-12));
            QVERIFY(torch::allclose(batched->biases()[l].grad()[i], b[l].grad(), 1e-10, 1e-12));
        }
    }
    for (int l = 0; l < shared; ++l) {
        QVERIFY(torch::allclose(batched->weights()[l].grad()[0], trunkW[l], 1e-10, 1e-12));
        QVERIFY(torch::allclose(batched->biases()[l].grad()[0], trunkB[l], 1e-10, 1e-12));
    }
}

void TestBatchedGenerator::xavierInitialisationHasTheRightSpread()
{
    // Xavier normal: sd = sqrt(2 / (fan_in + fan_out)); 64 -> 128 gives 0.1021.
    at::Generator rng = at::make_generator<at::CPUGeneratorImpl>(5);
    BatchedGenerator batched(8, 64, NetworkConfig { { 128 }, Activation::Elu, 0.1 }, 1);
    batched->initialise(rng);
    const double sd = batched->weights()[0].std().item<double>();
    QVERIFY2(std::abs(sd - std::sqrt(2.0 / 192)) < 0.003, qPrintable(QString::number(sd)));
    QCOMPARE(batched->biases()[0].abs().max().item<double>(), 0.0);
}

QTEST_APPLESS_MAIN(TestBatchedGenerator)
#include "tst_batchedgenerator.moc"
