// The optimal discriminator: with the generators replaced by fixed samplers of known 1-D
// densities, D trained alone with the MAD-GAN loss approaches
//   D_real(x) = p_data / (p_data + sum_i p_gi)  and  D_i(x) = p_gi / (p_data + sum_j p_gj).
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <QtTest>

#include <cmath>

#include "Losses.h"
#include "Networks.h"

using namespace modescope;
using namespace modescope::engine;

namespace
{
constexpr int kSteps = 1500; // D updates; the error stops shrinking well before
constexpr int kBatch = 512; // samples per source per step
constexpr double kMeanTolerance = 0.03; // mean |D - D*| over the grid
constexpr double kMaxTolerance = 0.08; // worst point of the grid

struct Gaussian {
    double mean, sd;
    double pdf(double x) const
    {
        const double u = (x - mean) / sd;
        return std::exp(-0.5 * u * u) / (sd * std::sqrt(2 * M_PI));
    }
    torch::Tensor sample(int n, at::Generator& rng) const
    {
        return (mean + sd * torch::randn({ n, 1 }, rng));
    }
};
} // namespace

class TestOptimalDiscriminator : public QObject
{
    Q_OBJECT
private slots:
    void madganDiscriminatorMatchesTheory();
};

void TestOptimalDiscriminator::madganDiscriminatorMatchesTheory()
{
    const Gaussian data { 0.0, 1.0 };
    const std::vector<Gaussian> generators { { 1.5, 1.0 }, { -1.5, 0.7 } };
    const int k = static_cast<int>(generators.size());
    const HeadLayout layout = headLayout(Method::MadGan, k);

    at::Generator rng = at::make_generator<at::CPUGeneratorImpl>(21);
    Discriminator d(1, NetworkConfig { { 64, 64 }, Activation::LeakyRelu, 0.1 }, layout.heads);
    d->initialise(rng);
    torch::optim::Adam optimiser(
        d->parameters(), torch::optim::AdamOptions(2e-3).betas({ 0.5, 0.999 }));
    for (int step = 0; step < kSteps; ++step) {
        std::vector<torch::Tensor> fakes;
        for (const auto& g : generators)
            fakes.push_back(g.sample(kBatch, rng));
        const torch::Tensor logits
            = d->forward(torch::cat({ data.sample(kBatch, rng), torch::cat(fakes) }));
        optimiser.zero_grad();
        discriminatorLoss(logits.narrow(0, 0, kBatch),
            logits.narrow(0, kBatch, k * kBatch).view({ k, kBatch, -1 }), layout)
            .backward();
        optimiser.step();
    }

    torch::NoGradGuard noGrad;
    const torch::Tensor grid = torch::linspace(-2.0, 2.0, 81).unsqueeze(1);
    const torch::Tensor probabilities = torch::softmax(d->forward(grid), -1);
    double sumError = 0, maxError = 0;
    for (int p = 0; p < grid.size(0); ++p) {
        const double x = grid[p][0].item<double>();
        double total = data.pdf(x);
        for (const auto& g : generators)
            total += g.pdf(x);
        std::vector<double> expected { generators[0].pdf(x) / total, generators[1].pdf(x) / total,
            data.pdf(x) / total };
        for (int h = 0; h < layout.heads; ++h) {
            const double error = std::abs(probabilities[p][h].item<double>() - expected[h]);
            sumError += error;
            maxError = std::max(maxError, error);
        }
    }
    const double meanError = sumError / (grid.size(0) * layout.heads);
    qInfo("mean |D - D*| = %.4f, max = %.4f", meanError, maxError);
    QVERIFY(meanError < kMeanTolerance);
    QVERIFY(maxError < kMaxTolerance);
}

QTEST_APPLESS_MAIN(TestOptimalDiscriminator)
#include "tst_optimaldiscriminator.moc"
