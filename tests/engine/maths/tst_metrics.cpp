// Metrics of SPEC section 3 on hand-built sample sets.
#include <QtTest>

#include <cmath>
#include <limits>

#include "modescope/maths/Metrics.h"

using namespace modescope;

class TestMetrics : public QObject
{
    Q_OBJECT
private slots:
    void nearestModeUsesSdUnits();
    void coverageAndOwnership();
    void starvedModeIsCapturedButNotBalanced();
    void reverseKl();
    void histogramMetrics();
    void identicalHistogramsGiveZero();
    void samplesOutsideTheRangeAreAMiss();
    void partlyOutsideTheRangeUsesTheOverflowBin();
    void rowsRecordTheirSampleCount();
    void twoDimensionalPerfectGrid();
    void twoDimensionalGridMissingModes();
    void twoDimensionalPointsBetweenModes();
    void twoDimensionalNearestModeAndDensity();
    void twoDimensionalSampling();
};

namespace
{
// Modes at 0 (sd 1) and 10 (sd 2), weights 3:1.
Mixture twoModes()
{
    return Mixture({ { 3, 0, 1 }, { 1, 10, 2 } });
}
} // namespace

void TestMetrics::nearestModeUsesSdUnits()
{
    // x = 4: 4 sd from mode 0, 3 sd from mode 1 -> mode 1, although 4 < 6 in plain distance.
    const auto [mode, distance] = twoModes().nearestMode(4.0);
    QCOMPARE(mode, 1);
    QCOMPARE(distance, 3.0);
}

void TestMetrics::coverageAndOwnership()
{
    // G1: three samples on mode 0 and one far off (x = 30: 10 sd from mode 1, low quality).
    // G2: four samples on mode 1.
    const std::vector<std::vector<double>> samples { { 0.0, 0.5, -1.0, 30.0 },
        { 9.0, 10.0, 11.0, 12.0 } };
    const Metrics m = computeMetrics(samples, twoModes(), { -5, 20 }, {});
    QCOMPARE(m.hqFraction, 7.0 / 8.0);
    QCOMPARE(m.modesCaptured, 2);
    // Mode 0 needs 3/4 / 2 = 0.375 of all samples: it has 3/8. Mode 1 needs 0.125: it has 4/8.
    QCOMPARE(m.modesBalanced, 2);
    QCOMPARE(m.ownership[0][0], 0.75);
    QCOMPARE(m.ownership[0][1], 0.25); // x = 30 is nearest to mode 1
    QCOMPARE(m.ownership[1][1], 1.0);
    QCOMPARE(m.dominantMode[0], 0);
    QCOMPARE(m.dominantMode[1], 1);
    QCOMPARE(m.purity[0], 0.75);
    QCOMPARE(m.purity[1], 1.0);
}

void TestMetrics::starvedModeIsCapturedButNotBalanced()
{
    // One HQ sample of mode 0 out of ten: captured, but 0.1 < 0.375, so not balanced.
    const std::vector<std::vector<double>> samples { { 0.2, 10, 10, 10, 10, 10, 10, 10, 10, 10 } };
    const Metrics m = computeMetrics(samples, twoModes(), { -5, 20 }, {});
    QCOMPARE(m.modesCaptured, 2);
    QCOMPARE(m.modesBalanced, 1);
}

void TestMetrics::reverseKl()
{
    // p_gen = (0.5, 0.5) against w = (0.75, 0.25).
    const std::vector<std::vector<double>> samples { { 0.0, 10.0 } };
    const Metrics m = computeMetrics(samples, twoModes(), { -5, 20 }, {});
    const double expected = 0.5 * std::log(0.5 / 0.75) + 0.5 * std::log(0.5 / 0.25);
    QVERIFY(std::abs(m.reverseKl - expected) < 1e-12);
}

void TestMetrics::histogramMetrics()
{
    // Bins of 0.5 over [0, 2): [0,0.5) [0.5,1) [1,1.5) [1.5,2).
    // data counts (2, 1, 1, 0); generated counts (1, 3, 0, 0); 2.5 is outside the range.
    const Mixture mixture({ { 1, 1, 1 } });
    const std::vector<double> data { 0.1, 0.2, 0.7, 1.2 };
    const std::vector<std::vector<double>> samples { { 0.3, 0.6, 0.8, 0.9 } };
    const Metrics m = computeMetrics(samples, mixture, { 0, 2 }, data);
    // chi^2 = (1-2)^2/2 + (3-1)^2/1 + (0-1)^2/1 = 0.5 + 4 + 1.
    QVERIFY(std::abs(m.chiSquare - 5.5) < 1e-12);
    // KL(P_gen || P_data) with a 1e-10 floor: 0.25 ln(0.25/0.5) + 0.75 ln(0.75/0.25) + 1e-10
    // ln(1e-10/0.25) + 1e-10 ln(1)
    const double expected
        = 0.25 * std::log(0.5) + 0.75 * std::log(3.0) + 1e-10 * std::log(1e-10 / 0.25);
    QVERIFY(std::abs(m.klHist - expected) < 1e-12);
    QCOMPARE(histogram({ 0.0, 0.49, 0.5, 1.99, 2.0, -0.01 }, { 0, 2 }),
        std::vector<double>({ 2, 1, 0, 1 }));
}

void TestMetrics::identicalHistogramsGiveZero()
{
    const Mixture mixture({ { 1, 0, 1 } });
    const std::vector<double> data { -1.2, -0.3, 0.1, 0.4, 2.2 };
    const Metrics m = computeMetrics({ data }, mixture, mixture.defaultRange(), data);
    QCOMPARE(m.chiSquare, 0.0);
    QVERIFY(std::abs(m.klHist) < 1e-12);
    QCOMPARE(m.hqFraction, 1.0);
}

void TestMetrics::samplesOutsideTheRangeAreAMiss()
{
    // A generator that left the metric range [0, 2) altogether. Data bins (0.5, 0.25, 0.25, 0)
    // and overflow 0; generated: every in-range bin empty, overflow 1. Normalised by all N with
    // the overflow bin, KL is about ln(1e10) = 23.03, not the ~0 of in-range normalisation.
    const Mixture mixture({ { 1, 1, 1 } });
    const std::vector<double> data { 0.1, 0.2, 0.7, 1.2 };
    const std::vector<std::vector<double>> samples { { 5, 6, 7, 8 } };
    const Metrics m = computeMetrics(samples, mixture, { 0, 2 }, data);
    const double floor = 1e-10;
    const double expected = floor * std::log(floor / 0.5) + 2 * floor * std::log(floor / 0.25)
        + 0.0 /* empty in both */ + 1.0 * std::log(1.0 / floor);
    QVERIFY2(std::abs(m.klHist - expected) < 1e-9, qPrintable(QString::number(m.klHist)));
    QVERIFY(m.klHist > 23);
    // chi_square counts only bins that hold data: every data sample is missed.
    QVERIFY(std::abs(m.chiSquare - (4.0 / 2 + 1.0 + 1.0 + 0.0)) < 1e-12);
}

void TestMetrics::partlyOutsideTheRangeUsesTheOverflowBin()
{
    // Half the samples in range (one each in the first two bins), half outside; one of those
    // not even finite. P_gen = (0.25, 0.25, 0, 0 | 0.5), P_data = (0.5, 0.25, 0.25, 0 | 0).
    const Mixture mixture({ { 1, 1, 1 } });
    const std::vector<double> data { 0.1, 0.2, 0.7, 1.2 };
    const std::vector<std::vector<double>> samples { { 0.3, 0.6, 5.0,
        std::numeric_limits<double>::quiet_NaN() } };
    const Metrics m = computeMetrics(samples, mixture, { 0, 2 }, data);
    const double floor = 1e-10;
    const double expected = 0.25 * std::log(0.25 / 0.5) + 0.25 * std::log(0.25 / 0.25)
        + floor * std::log(floor / 0.25) + 0.0 + 0.5 * std::log(0.5 / floor);
    QVERIFY2(std::abs(m.klHist - expected) < 1e-9, qPrintable(QString::number(m.klHist)));
}

void TestMetrics::rowsRecordTheirSampleCount()
{
    const std::vector<std::vector<double>> samples { { 0, 0, 10 }, { 10, 10, 0 } };
    QCOMPARE(computeMetrics(samples, twoModes(), { -5, 20 }, {}).samplesPerGenerator, 3);
}

namespace
{
// PacGAN's grid: modes at {-4, -2, 0, 2, 4}^2, sd 0.05, equal weights; y outer, x fastest.
Mixture grid25()
{
    std::vector<Mode> modes;
    for (double y : { -4.0, -2.0, 0.0, 2.0, 4.0 })
        for (double x : { -4.0, -2.0, 0.0, 2.0, 4.0 })
            modes.emplace_back(1.0, std::vector<double> { x, y }, 0.05);
    return Mixture(modes);
}
} // namespace

void TestMetrics::twoDimensionalPerfectGrid()
{
    // One generator, 4 points on each mode (all within 2.6 sd of its mean).
    const Mixture grid = grid25();
    std::vector<double> points;
    for (const Mode& mode : grid.modes())
        for (double dx : { -0.09, 0.0, 0.05, 0.07 }) {
            points.push_back(mode.mean[0] + dx);
            points.push_back(mode.mean[1] - dx);
        }
    const Metrics m = computeMetrics({ points }, grid25(), { -10, 10 }, {});
    QCOMPARE(m.samplesPerGenerator, 100);
    QCOMPARE(m.hqFraction, 1.0);
    QCOMPARE(m.modesCaptured, 25);
    QCOMPARE(m.modesBalanced, 25);
    QVERIFY(std::abs(m.reverseKl) < 1e-12); // exactly uniform over the modes
    QCOMPARE(m.ownership[0].size(), size_t(25));
    QCOMPARE(m.ownership[0][7], 0.04);
    // The histogram metrics are 1-D only: not measured.
    QVERIFY(std::isnan(m.chiSquare));
    QVERIFY(std::isnan(m.klHist));
}

void TestMetrics::twoDimensionalGridMissingModes()
{
    // G1: 10 points on (-4,-4) (mode 0) and 5 on (0, 0) (mode 12); G2: 10 on (4, 4) (mode 24)
    // and 5 on (0, 0). Three modes captured, each with >= (1/25) / 2 of all samples, so
    // balanced too. Reverse KL: shares 1/3 each against 1/25: log(25/3).
    std::vector<double> g1, g2;
    for (int s = 0; s < 10; ++s) {
        g1.insert(g1.end(), { -4.0, -4.0 });
        g2.insert(g2.end(), { 4.0, 4.0 });
    }
    for (int s = 0; s < 5; ++s) {
        g1.insert(g1.end(), { 0.0, 0.0 });
        g2.insert(g2.end(), { 0.0, 0.0 });
    }
    const Metrics m = computeMetrics({ g1, g2 }, grid25(), { -10, 10 }, {});
    QCOMPARE(m.modesCaptured, 3);
    QCOMPARE(m.modesBalanced, 3);
    QCOMPARE(m.hqFraction, 1.0);
    QVERIFY(std::abs(m.reverseKl - std::log(25.0 / 3.0)) < 1e-12);
    QCOMPARE(m.dominantMode[0], 0);
    QCOMPARE(m.dominantMode[1], 24);
    QCOMPARE(m.ownership[0][12], 5.0 / 15.0);
    QCOMPARE(m.purity[1], 10.0 / 15.0);
}

void TestMetrics::twoDimensionalPointsBetweenModes()
{
    // (1, 0) and (-3, 2) lie half way between neighbours, 20 sd from both: low quality.
    // (0.1, 0.1) is sqrt(2) * 2 = 2.83 sd from (0, 0): high quality; (0.12, 0.1) is
    // sqrt(2.4^2 + 2^2) = 3.12 sd: not.
    const std::vector<double> points { 1.0, 0.0, -3.0, 2.0, 0.1, 0.1, 0.12, 0.1 };
    const Metrics m = computeMetrics({ points }, grid25(), { -10, 10 }, {});
    QCOMPARE(m.hqFraction, 0.25);
    QCOMPARE(m.modesCaptured, 1);
    QCOMPARE(m.modesBalanced, 1); // its 1 of 4 samples is more than 1/50
    // A tie goes to the first mode: (1, 0) to (0, 0) [index 12], not (2, 0).
    QCOMPARE(m.ownership[0][12], 0.75);
}

void TestMetrics::twoDimensionalNearestModeAndDensity()
{
    const Mixture mixture(
        { { 1, std::vector<double> { 0, 0 }, 1 }, { 3, std::vector<double> { 4, 0 }, 2 } });
    QCOMPARE(mixture.dimension(), 2);
    // (2.5, 0): 2.5 sd from mode 0, 0.75 sd from mode 1.
    const double point[] = { 2.5, 0.0 };
    const auto [mode, distance] = mixture.nearestMode(point);
    QCOMPARE(mode, 1);
    QCOMPARE(distance, 0.75);
    // The density at (0, 3) by hand: 1/4 N((0,3); 0, I) + 3/4 N((0,3); (4,0), 4 I).
    const double at[] = { 0.0, 3.0 };
    const double expected = 0.25 * std::exp(-4.5) / (2 * M_PI)
        + 0.75 * std::exp(-0.5 * (16.0 + 9.0) / 4.0) / (2 * M_PI * 4.0);
    QVERIFY(std::abs(mixture.density(at) - expected) < 1e-15);
    QCOMPARE(mixture.defaultRange(1), std::make_pair(-10.0, 10.0));
}

void TestMetrics::twoDimensionalSampling()
{
    std::mt19937_64 rng(9);
    const std::vector<double> points = sampleMixture(grid25(), 5000, rng);
    QCOMPARE(points.size(), size_t(10000)); // x, y in turn
    // Drawn from the mixture itself: every mode captured; within 3 sd in 2-D is
    // 1 - exp(-4.5) = 98.9% of the mass.
    const Metrics m = computeMetrics({ points }, grid25(), { -10, 10 }, {});
    QCOMPARE(m.modesCaptured, 25);
    QCOMPARE(m.modesBalanced, 25);
    QVERIFY2(std::abs(m.hqFraction - (1 - std::exp(-4.5))) < 0.005,
        qPrintable(QString::number(m.hqFraction)));
    QVERIFY2(m.reverseKl < 0.01, qPrintable(QString::number(m.reverseKl)));
}

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
