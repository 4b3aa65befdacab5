// Loss wiring: the D and G losses on hand-built logits equal hand-computed values for every
// method's label layout (SPEC section 1).
#include <torch/torch.h>

#include <QtTest>

#include <cmath>

#include "training/Losses.h"
#include "modescope/config/TrainConfig.h"

using namespace modescope;
using namespace modescope::engine;

namespace
{
// -log softmax(row)[c], by hand.
double nll(const std::vector<double>& row, int c)
{
    double sum = 0;
    for (double v : row)
        sum += std::exp(v);
    return -(row[c] - std::log(sum));
}

torch::Tensor tensor3(const std::vector<std::vector<std::vector<double>>>& v)
{
    std::vector<torch::Tensor> blocks;
    for (const auto& block : v) {
        std::vector<torch::Tensor> rows;
        for (const auto& row : block)
            rows.push_back(torch::tensor(row, torch::kDouble));
        blocks.push_back(torch::stack(rows));
    }
    return torch::stack(blocks);
}
} // namespace

class TestLosses : public QObject
{
    Q_OBJECT
private slots:
    void layouts_data();
    void layouts();
    void madganDiscriminatorLoss();
    void twoHeadDiscriminatorLoss();
    void generatorLossIsNonSaturating();
    void populationLossesAreEachMembersOwn_data();
    void populationLossesAreEachMembersOwn();
};

void TestLosses::layouts_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("heads");
    QTest::addColumn<int>("realIndex");
    QTest::addColumn<bool>("perGenerator");
    QTest::newRow("gan") << int(Method::Gan) << 1 << 2 << 1 << false;
    QTest::newRow("independent") << int(Method::Independent) << 4 << 2 << 1 << false;
    QTest::newRow("madgan") << int(Method::MadGan) << 4 << 5 << 4 << true;
    QTest::newRow("madgan-sim") << int(Method::MadGanSim) << 3 << 4 << 3 << true;
}

void TestLosses::layouts()
{
    QFETCH(int, method);
    QFETCH(int, k);
    const HeadLayout layout = headLayout(static_cast<Method>(method), k);
    QTEST(layout.heads, "heads");
    QTEST(layout.realIndex, "realIndex");
    QTEST(layout.perGeneratorFakeLabels, "perGenerator");
}

void TestLosses::madganDiscriminatorLoss()
{
    // k = 2, B = 2, heads = 3 (fake-from-G0, fake-from-G1, real).
    const std::vector<std::vector<double>> real { { 0.1, -0.3, 1.2 }, { 0.5, 0.2, -0.7 } };
    const std::vector<std::vector<std::vector<double>>> fake {
        { { 2.0, 0.1, -1.0 }, { -0.4, 0.3, 0.9 } }, // from G0: label 0
        { { 0.0, 1.5, 0.2 }, { 1.1, -2.0, 0.6 } }
    }; // from G1: label 1
    double expected = 0;
    for (const auto& row : real)
        expected += nll(row, 2);
    for (int i = 0; i < 2; ++i)
        for (const auto& row : fake[i])
            expected += nll(row, i);
    expected /= 6; // (k + 1) * B samples
    const auto logitsReal = torch::stack(
        { torch::tensor(real[0], torch::kDouble), torch::tensor(real[1], torch::kDouble) });
    const double got = discriminatorLoss(logitsReal, tensor3(fake), headLayout(Method::MadGan, 2))
                           .item<double>();
    QVERIFY(std::abs(got - expected) < 1e-12);
}

void TestLosses::twoHeadDiscriminatorLoss()
{
    // independent, k = 2, B = 1: every fake is class 0, real is class 1.
    const std::vector<double> real { 0.3, 1.1 };
    const std::vector<std::vector<std::vector<double>>> fake { { { 0.9, -0.2 } },
        { { -1.0, 0.5 } } };
    const double expected = (nll(real, 1) + nll(fake[0][0], 0) + nll(fake[1][0], 0)) / 3;
    const double got = discriminatorLoss(torch::tensor(real, torch::kDouble).unsqueeze(0),
        tensor3(fake), headLayout(Method::Independent, 2))
                           .item<double>();
    QVERIFY(std::abs(got - expected) < 1e-12);
}

void TestLosses::generatorLossIsNonSaturating()
{
    // L_i = -mean_z log softmax(D(G_i(z)))[real], one value per generator.
    const std::vector<std::vector<std::vector<double>>> fake {
        { { 2.0, 0.1, -1.0 }, { -0.4, 0.3, 0.9 } }, { { 0.0, 1.5, 0.2 }, { 1.1, -2.0, 0.6 } }
    };
    const torch::Tensor losses = generatorLosses(tensor3(fake), headLayout(Method::MadGan, 2));
    QCOMPARE(losses.size(0), int64_t(2));
    for (int i = 0; i < 2; ++i) {
        const double expected = (nll(fake[i][0], 2) + nll(fake[i][1], 2)) / 2;
        QVERIFY(std::abs(losses[i].item<double>() - expected) < 1e-12);
    }
}

void TestLosses::populationLossesAreEachMembersOwn_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<int>("phi");
    QTest::newRow("madgan-sim, D features")
        << int(Method::MadGanSim) << int(PhiSource::Discriminator);
    QTest::newRow("madgan-sim, centred")
        << int(Method::MadGanSim) << int(PhiSource::DiscriminatorCentred);
    QTest::newRow("independent") << int(Method::Independent) << int(PhiSource::Discriminator);
}

// A population's losses (a leading member dimension) are, member by member, the losses of
// that member's logits alone: the same as three separate calls, to float rounding.
void TestLosses::populationLossesAreEachMembersOwn()
{
    QFETCH(int, method);
    QFETCH(int, phi);
    constexpr int64_t kMembers = 3, kGenerators = 4, kBatch = 6, kFeatures = 5;
    const HeadLayout layout = headLayout(Method(method), kGenerators);
    torch::manual_seed(3);
    const torch::Tensor real = torch::randn({ kMembers, kBatch, layout.heads }, torch::kDouble);
    const torch::Tensor fake
        = torch::randn({ kMembers, kGenerators, kBatch, layout.heads }, torch::kDouble);
    const torch::Tensor features
        = torch::randn({ kMembers, kGenerators, kBatch, kFeatures }, torch::kDouble);
    const SimSettings sim { hasPerGeneratorHeads(Method(method)), true, 0.5, 0.3, PhiSource(phi) };
    const torch::Tensor dAll = discriminatorLoss(real, fake, layout);
    const GeneratorObjective all
        = generatorObjective(fake, { features, features, features }, layout, sim);
    QCOMPARE(dAll.sizes().vec(), std::vector<int64_t> { kMembers });
    QCOMPARE(all.losses.sizes().vec(), (std::vector<int64_t> { kMembers, kGenerators }));
    for (int64_t s = 0; s < kMembers; ++s) {
        const double d = discriminatorLoss(real[s], fake[s], layout).item<double>();
        QVERIFY(std::abs(dAll[s].item<double>() - d) < 1e-12);
        const GeneratorObjective one
            = generatorObjective(fake[s], { features[s], features[s], features[s] }, layout, sim);
        QVERIFY(torch::allclose(all.losses[s], one.losses, 0, 1e-12));
        QVERIFY(torch::allclose(all.minimised[s], one.minimised, 0, 1e-12));
        QCOMPARE(all.hinge.defined(), sim.applies);
        if (sim.applies) {
            QVERIFY(torch::allclose(all.hinge[s], one.hinge, 0, 1e-12));
            QVERIFY(one.hinge.abs().sum().item<double>() > 0); // the hinge is there to compare
            QVERIFY(std::abs(all.violationRate[s].item<double>() - one.violationRate.item<double>())
                < 1e-12);
        }
    }
}

QTEST_APPLESS_MAIN(TestLosses)
#include "tst_losses.moc"
