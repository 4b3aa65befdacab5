// The snapshot's density estimate: the cut kernels match the full sum, integrate to one, and
// Silverman's bandwidth matches a hand computation.
#include <QtTest>

#include <cmath>
#include <random>

#include "modescope/Kde.h"

using namespace modescope;

class TestKde : public QObject
{
    Q_OBJECT
private slots:
    void matchesTheFullSum();
    void integratesToOne();
    void silvermanByHand();
    void collapsedSamplesUseTheFloor();
};

void TestKde::matchesTheFullSum()
{
    std::mt19937_64 rng(3);
    std::normal_distribution<double> normal(2.0, 1.5);
    std::vector<double> samples(400);
    for (double& x : samples)
        x = normal(rng);
    std::sort(samples.begin(), samples.end());
    std::vector<double> grid;
    for (int p = 0; p < 200; ++p)
        grid.push_back(-6 + 16.0 * p / 199);
    const double h = 0.4;
    const std::vector<double> fast = gaussianKde(samples, grid, h);
    for (size_t p = 0; p < grid.size(); ++p) {
        double full = 0;
        for (double x : samples)
            full += std::exp(-0.5 * std::pow((grid[p] - x) / h, 2));
        full /= samples.size() * h * std::sqrt(2 * M_PI);
        // A cut kernel loses at most exp(-12.5) of its peak height 1 / (h sqrt(2 pi)).
        QVERIFY2(std::abs(fast[p] - full) <= std::exp(-12.5) / (h * std::sqrt(2 * M_PI)),
            qPrintable(QString("x=%1: %2 vs %3").arg(grid[p]).arg(fast[p]).arg(full)));
    }
}

void TestKde::integratesToOne()
{
    const std::vector<double> samples = { -1.0, 0.0, 0.5, 3.0 };
    std::vector<double> grid;
    const double step = 0.01;
    for (double x = -10; x <= 13; x += step)
        grid.push_back(x);
    const std::vector<double> density = gaussianKde(samples, grid, 0.7);
    double area = 0;
    for (double d : density)
        area += d * step;
    QVERIFY2(std::abs(area - 1.0) < 1e-3, qPrintable(QString::number(area)));
    // The peak between -1 and 0.5 is higher than at the lone sample 3.
    QVERIFY(density[static_cast<size_t>((0.0 + 10) / step)]
        > density[static_cast<size_t>((3.0 + 10) / step)]);
}

void TestKde::silvermanByHand()
{
    // 1..8: mean 4.5, sample sd sqrt(6) = 2.449; IQR = x[6] - x[2] = 7 - 3 = 4, /1.34 = 2.985;
    // min 2.449 * 0.9 * 8^(-1/5) = 2.449 * 0.9 * 0.65975 = 1.4545.
    const std::vector<double> sorted = { 1, 2, 3, 4, 5, 6, 7, 8 };
    QVERIFY(std::abs(silvermanBandwidth(sorted, 0.0) - 1.4545) < 1e-3);
}

void TestKde::collapsedSamplesUseTheFloor()
{
    const std::vector<double> same(50, 4.0);
    QCOMPARE(silvermanBandwidth(same, 0.25), 0.25);
    const std::vector<double> density = gaussianKde(same, { 4.0 }, 0.25);
    QVERIFY(std::abs(density[0] - 1 / (0.25 * std::sqrt(2 * M_PI))) < 1e-9);
}

QTEST_MAIN(TestKde)
#include "tst_kde.moc"
