// The optimal discriminator: with the generators replaced by fixed samplers of known 1-D and
// 2-D densities, D trained alone with the MAD-GAN loss approaches
//   D_real(x) = p_data / (p_data + sum_i p_gi)  and  D_i(x) = p_gi / (p_data + sum_j p_gj).
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <QtTest>

#include <cmath>

#include "training/Losses.h"
#include "training/Networks.h"

using namespace modescope;
using namespace modescope::engine;

namespace
{
constexpr int kSteps = 1500; // D updates; the error stops shrinking well before
constexpr int kBatch = 512; // samples per source per step
constexpr double kMeanTolerance = 0.03; // mean |D - D*| over the grid
constexpr double kMaxTolerance = 0.08; // worst point of the grid

// An isotropic Gaussian in d = mean.size() dimensions.
struct Gaussian {
    std::vector<double> mean;
    double sd;
    double pdf(const std::vector<double>& x) const
    {
        double p = 1.0;
        for (size_t a = 0; a < mean.size(); ++a) {
            const double u = (x[a] - mean[a]) / sd;
            p *= std::exp(-0.5 * u * u) / (sd * std::sqrt(2 * M_PI));
        }
        return p;
    }
    torch::Tensor sample(int n, at::Generator& rng) const
    {
        const auto d = static_cast<int64_t>(mean.size());
        const torch::Tensor centre = torch::tensor(mean, torch::kDouble).to(torch::kFloat);
        return centre + sd * torch::randn({ n, d }, rng);
    }
};
} // namespace

class TestOptimalDiscriminator : public QObject
{
    Q_OBJECT
private slots:
    void madganDiscriminatorMatchesTheory_data();
    void madganDiscriminatorMatchesTheory();
};

void TestOptimalDiscriminator::madganDiscriminatorMatchesTheory_data()
{
    QTest::addColumn<int>("dimension");
    QTest::newRow("1-D") << 1;
    QTest::newRow("2-D") << 2;
}

void TestOptimalDiscriminator::madganDiscriminatorMatchesTheory()
{
    QFETCH(int, dimension);
    const bool map = dimension == 2;
    const Gaussian data { map ? std::vector<double> { 0.0, 0.0 } : std::vector<double> { 0.0 },
        1.0 };
    const std::vector<Gaussian> generators {
        { map ? std::vector<double> { 1.5, 0.5 } : std::vector<double> { 1.5 }, 1.0 },
        { map ? std::vector<double> { -1.5, -0.5 } : std::vector<double> { -1.5 }, 0.7 }
    };
    const int k = static_cast<int>(generators.size());
    const HeadLayout layout = headLayout(Method::MadGan, k);

    at::Generator rng = at::make_generator<at::CPUGeneratorImpl>(21);
    Discriminator d(
        dimension, NetworkConfig { { 64, 64 }, Activation::LeakyRelu, 0.1 }, layout.heads);
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
    // 81 points on [-2, 2] in 1-D; 17 x 17 on [-1.5, 1.5]^2 in 2-D (the box's corners hold too
    // little of any density for D to have learnt them from its batches).
    std::vector<std::vector<double>> points;
    const int perAxis = map ? 17 : 81;
    const double reach = map ? 1.5 : 2.0;
    for (int i = 0; i < perAxis; ++i)
        for (int j = 0; j < (map ? perAxis : 1); ++j) {
            std::vector<double> x { -reach + 2 * reach * i / (perAxis - 1) };
            if (map)
                x.push_back(-reach + 2 * reach * j / (perAxis - 1));
            points.push_back(x);
        }
    std::vector<double> flat;
    for (const auto& x : points)
        flat.insert(flat.end(), x.begin(), x.end());
    const torch::Tensor grid
        = torch::tensor(flat, torch::kDouble).to(torch::kFloat).view({ -1, dimension });
    const torch::Tensor probabilities = torch::softmax(d->forward(grid), -1);
    double sumError = 0, maxError = 0;
    for (int p = 0; p < grid.size(0); ++p) {
        const std::vector<double>& x = points[static_cast<size_t>(p)];
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
