// The route-1 maths by hand (issue 22): WGAN-GP's critic loss and gradient penalty against hand
// computations, and the unrolled generator loss's gradient against finite differences on a tiny
// network in double precision, its value against K steps of the real optimiser.
#include <torch/torch.h>

#include <QtTest>

#include <cmath>

#include "training/FlatAdam.h"
#include "training/Losses.h"
#include "training/Networks.h"
#include "training/Routes.h"

using namespace modescope;
using namespace modescope::engine;

namespace
{
const auto kDouble = torch::TensorOptions().dtype(torch::kDouble);

// A tiny problem: a generator x = a * z + b (parameters a, b), a 1-8-2 tanh discriminator with
// fixed weights, a real batch, and Adam's state part way through training.
struct Tiny {
    NetworkConfig net { { 8 }, Activation::Tanh, 0.1 };
    Discriminator discriminator { nullptr };
    torch::Tensor z, real;
    AdamState adam;
    HeadLayout layout = headLayout(Method::Unrolled, 1);

    Tiny()
    {
        torch::manual_seed(3);
        discriminator = Discriminator(1, net, 2);
        discriminator->to(torch::kDouble);
        z = torch::linspace(-1, 1, 6, kDouble).view({ 6, 1 });
        real = torch::tensor({ -1.2, -0.9, 0.1, 0.8, 1.1, 1.4 }, kDouble).view({ 6, 1 });
        for (const torch::Tensor& p : discriminator->parameters()) {
            adam.firstMoments.push_back(0.01 * torch::randn(p.sizes(), kDouble));
            adam.secondMoments.push_back(1e-4 * torch::rand(p.sizes(), kDouble) + 1e-5);
        }
        adam.steps = 3;
        adam.lr = 0.05; // large enough that D moves and the second-order term matters
        adam.beta1 = 0.5;
        adam.beta2 = 0.999;
    }
    std::vector<torch::Tensor> parameters() const { return discriminator->parameters(); }
    // f_K at generator parameters (a, b).
    torch::Tensor loss(const torch::Tensor& ab, int steps, bool secondOrder) const
    {
        const torch::Tensor fake = ab[0] * z + ab[1];
        return unrolledGeneratorLoss(
            parameters(), adam, net, real, fake, layout, steps, secondOrder);
    }
    torch::Tensor gradient(const torch::Tensor& at, int steps, bool secondOrder) const
    {
        const torch::Tensor ab = at.clone().requires_grad_(true);
        return torch::autograd::grad({ loss(ab, steps, secondOrder) }, { ab })[0];
    }
};
} // namespace

class TestRoutes : public QObject
{
    Q_OBJECT
private slots:
    void criticLossIsTheMeanDifference();
    void gradientPenaltyByHand();
    void unrolledGradientMatchesFiniteDifferences_data();
    void unrolledGradientMatchesFiniteDifferences();
    void firstOrderIsTheLossAgainstTheUnrolledDiscriminator();
    void unrolledLayoutsAndPacking();
};

void TestRoutes::criticLossIsTheMeanDifference()
{
    const torch::Tensor real = torch::tensor({ 1.0, 2.0, 6.0 }, kDouble).view({ 3, 1 });
    const torch::Tensor fake = torch::tensor({ -1.0, 0.5, 0.0 }, kDouble).view({ 3, 1 });
    // mean c(fake) - mean c(real) = -0.5/3 - 3 = -19/6.
    QVERIFY(std::abs(criticLoss(real, fake).item<double>() - (-19.0 / 6.0)) < 1e-12);
}

// c(x) = a * |x|^2 has gradient 2 a x, norm 2 a |x|. At the points (0.3, 0.4), (1, 0), (0.6,
// 0.8) (norms 0.5, 1, 1) and a = 1 the norms are 1, 2, 2: the penalty mean((n - 1)^2) is 2/3,
// and its derivative in a, mean(2 (2 a |x| - 1) 2 |x|), is (0 + 4 + 4) / 3 = 8/3: what the
// critic's step follows.
void TestRoutes::gradientPenaltyByHand()
{
    const torch::Tensor a = torch::tensor(1.0, kDouble).requires_grad_(true);
    const torch::Tensor points = torch::tensor({ 0.3, 0.4, 1.0, 0.0, 0.6, 0.8 }, kDouble)
                                     .view({ 3, 2 })
                                     .requires_grad_(true);
    const torch::Tensor critic = (a * points.pow(2).sum(-1)).unsqueeze(-1); // [3, 1]
    const torch::Tensor penalty = gradientPenalty(critic, points);
    QVERIFY2(std::abs(penalty.item<double>() - 2.0 / 3.0) < 1e-12,
        qPrintable(QString::number(penalty.item<double>(), 'g', 17)));
    const torch::Tensor slope = torch::autograd::grad({ penalty }, { a })[0];
    QVERIFY2(std::abs(slope.item<double>() - 8.0 / 3.0) < 1e-12,
        qPrintable(QString::number(slope.item<double>(), 'g', 17)));
}

void TestRoutes::unrolledGradientMatchesFiniteDifferences_data()
{
    QTest::addColumn<int>("steps");
    QTest::newRow("K = 1") << 1;
    QTest::newRow("K = 3") << 3;
    QTest::newRow("K = 5") << 5;
}

// The second-order gradient of f_K in G's parameters equals central differences of f_K itself
// (double precision, h = 1e-6: truncation ~1e-12, rounding ~1e-10), and differs from the
// first-order surrogate's: the term through D's updates is really there.
void TestRoutes::unrolledGradientMatchesFiniteDifferences()
{
    QFETCH(int, steps);
    const Tiny tiny;
    const torch::Tensor at = torch::tensor({ 0.7, 0.2 }, kDouble);
    const torch::Tensor analytic = tiny.gradient(at, steps, /*secondOrder=*/true);
    const double h = 1e-6;
    double largestTerm = 0;
    for (int i = 0; i < 2; ++i) {
        torch::Tensor up = at.clone(), down = at.clone();
        up[i] += h;
        down[i] -= h;
        const double numeric = (tiny.loss(up, steps, true).item<double>()
                                   - tiny.loss(down, steps, true).item<double>())
            / (2 * h);
        const double got = analytic[i].item<double>();
        QVERIFY2(std::abs(got - numeric) < 1e-6 * (1 + std::abs(numeric)),
            qPrintable(QString("d/d%1: autograd %2, finite difference %3")
                           .arg(i ? "b" : "a")
                           .arg(got, 0, 'g', 12)
                           .arg(numeric, 0, 'g', 12)));
        largestTerm = std::max(largestTerm, std::abs(numeric));
    }
    const torch::Tensor firstOrder = tiny.gradient(at, steps, /*secondOrder=*/false);
    const double gap = (firstOrder - analytic).abs().max().item<double>();
    QVERIFY2(gap > 1e-3 * largestTerm,
        qPrintable(QString("first and second order agree to %1").arg(gap)));
}

// The same loss value either way, equal to K steps of the real optimiser (FlatAdam, state
// copied) on D's loss followed by G's loss against that D; and the first-order gradient is that
// last loss's gradient with D held fixed.
void TestRoutes::firstOrderIsTheLossAgainstTheUnrolledDiscriminator()
{
    const Tiny tiny;
    const int steps = 4;
    const torch::Tensor at = torch::tensor({ 0.7, 0.2 }, kDouble);

    Discriminator copy(1, tiny.net, 2);
    copy->to(torch::kDouble);
    {
        torch::NoGradGuard noGrad;
        for (size_t i = 0; i < copy->parameters().size(); ++i)
            copy->parameters()[i].copy_(tiny.parameters()[i]);
    }
    FlatAdam optimiser(copy->parameters(), tiny.adam.lr, tiny.adam.beta1, tiny.adam.beta2);
    {
        torch::NoGradGuard noGrad;
        for (size_t i = 0; i < tiny.adam.firstMoments.size(); ++i) {
            optimiser.firstMoments()[i].copy_(tiny.adam.firstMoments[i]);
            optimiser.secondMoments()[i].copy_(tiny.adam.secondMoments[i]);
        }
    }
    optimiser.setSteps(tiny.adam.steps);
    const torch::Tensor fixedFake = (at[0] * tiny.z + at[1]).detach();
    for (int s = 0; s < steps; ++s) {
        optimiser.zeroGrad();
        const torch::Tensor logits = copy->forward(torch::cat({ tiny.real, fixedFake }, 0));
        discriminatorLoss(logits.narrow(0, 0, 6), logits.narrow(0, 6, 6).unsqueeze(0), tiny.layout)
            .backward();
        optimiser.step();
    }
    for (auto& p : copy->parameters())
        p.requires_grad_(false);
    const torch::Tensor ab = at.clone().requires_grad_(true);
    const torch::Tensor against
        = generatorLosses(copy->forward(ab[0] * tiny.z + ab[1]).unsqueeze(0), tiny.layout)[0];
    const torch::Tensor expected = torch::autograd::grad({ against }, { ab })[0];

    for (bool secondOrder : { false, true }) {
        const double value = tiny.loss(at, steps, secondOrder).item<double>();
        QVERIFY2(std::abs(value - against.item<double>()) < 1e-9,
            qPrintable(
                QString("f_K %1 vs K Adam steps %2").arg(value).arg(against.item<double>())));
    }
    const torch::Tensor firstOrder = tiny.gradient(at, steps, false);
    QVERIFY2((firstOrder - expected).abs().max().item<double>() < 1e-9,
        qPrintable(QString("first order (%1, %2) vs (%3, %4)")
                       .arg(firstOrder[0].item<double>())
                       .arg(firstOrder[1].item<double>())
                       .arg(expected[0].item<double>())
                       .arg(expected[1].item<double>())));
}

void TestRoutes::unrolledLayoutsAndPacking()
{
    // A critic has one output, naming no class; unrolled and pacgan keep the GAN's two.
    const HeadLayout critic = headLayout(Method::WganGp, 1);
    QCOMPARE(critic.heads, 1);
    QCOMPARE(critic.perGeneratorFakeLabels, false);
    for (Method m : { Method::Unrolled, Method::PacGan }) {
        const HeadLayout layout = headLayout(m, 4);
        QCOMPARE(layout.heads, 2);
        QCOMPARE(layout.realIndex, 1);
    }
    TrainConfig pac;
    pac.method = Method::PacGan;
    pac.pacGan.packing = 3;
    pac.generators = 4;
    QCOMPARE(pac.packing(), 3);
    QCOMPARE(pac.effectiveGenerators(), 1);
    pac.method = Method::Gan; // the packing is PacGAN's alone
    QCOMPARE(pac.packing(), 1);
}

QTEST_APPLESS_MAIN(TestRoutes)
#include "tst_routes.moc"
