// Metrics of SPEC section 3 on hand-built sample sets.
#include <QtTest>

#include <cmath>
#include <limits>

#include "modescope/Metrics.h"

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

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
