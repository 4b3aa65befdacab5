// Image metrics over the judge's classes (ClassMetrics.h), against a hand computation.
#include <QtTest>

#include <cmath>
#include <stdexcept>

#include "modescope/maths/ClassMetrics.h"

using namespace modescope;

class TestClassMetrics : public QObject
{
    Q_OBJECT
private slots:
    void tenImagesByHand();
    void oneGeneratorOnOneClassIsCollapse();
    void outOfRangeImagesAreRefused();
    void aClassTheDataLackIsNeverCovered();
};

void TestClassMetrics::tenImagesByHand()
{
    // Three classes of shares 0.5, 0.25, 0.25; two generators of five images each.
    std::vector<JudgedImage> images;
    for (int i = 0; i < 4; ++i)
        images.push_back({ 0, 0, 0.95 });
    images.push_back({ 0, 1, 0.5 }); // judged 1, not confidently
    images.push_back({ 1, 1, 0.99 });
    images.push_back({ 1, 1, 0.99 });
    images.push_back({ 1, 0, 0.95 });
    images.push_back({ 1, 2, 0.8 });
    images.push_back({ 1, 2, 0.8 });
    const Metrics m = classMetrics(images, { 0.5, 0.25, 0.25 }, 2);
    QCOMPARE(m.hqFraction, 0.7); // 7 of 10 judged with p >= 0.9
    QCOMPARE(m.modesCaptured, 2); // classes 0 and 1 have a confident image; 2 has none
    // Confident shares of all images: 0.5 >= 0.25, 0.2 >= 0.125, 0 < 0.125.
    QCOMPARE(m.modesBalanced, 2);
    // p_gen = (0.5, 0.3, 0.2): 0.3 ln(0.3 / 0.25) + 0.2 ln(0.2 / 0.25) = 0.0100670.
    QVERIFY(std::abs(m.reverseKl - (0.3 * std::log(1.2) + 0.2 * std::log(0.8))) < 1e-12);
    QVERIFY(std::abs(m.reverseKl - 0.0100670) < 1e-6);
    QCOMPARE(
        m.ownership, (std::vector<std::vector<double>> { { 0.8, 0.2, 0.0 }, { 0.2, 0.4, 0.4 } }));
    QCOMPARE(m.dominantMode, (std::vector<int> { 0, 1 })); // a tie goes to the first class
    QCOMPARE(m.purity, (std::vector<double> { 0.8, 0.4 }));
    QVERIFY(std::isnan(m.chiSquare) && std::isnan(m.klHist));
    QCOMPARE(m.samplesPerGenerator, 5); // metrics.csv's `samples`: each generator drew five
}

void TestClassMetrics::oneGeneratorOnOneClassIsCollapse()
{
    // Ten balanced classes, every image confidently a 3: one class covered, KL = ln 10.
    std::vector<JudgedImage> images(100, JudgedImage { 0, 3, 0.99 });
    const Metrics m = classMetrics(images, std::vector<double>(10, 0.1), 1);
    QCOMPARE(m.modesBalanced, 1);
    QCOMPARE(m.modesCaptured, 1);
    QCOMPARE(m.hqFraction, 1.0);
    QVERIFY(std::abs(m.reverseKl - std::log(10.0)) < 1e-12);
}

void TestClassMetrics::outOfRangeImagesAreRefused()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
        classMetrics({ { 2, 0, 0.9 } }, { 0.5, 0.5 }, 2)); // generator 2 of k = 2
    QVERIFY_THROWS_EXCEPTION(
        std::invalid_argument, classMetrics({ { 0, 2, 0.9 } }, { 0.5, 0.5 }, 2)); // class 2 of 2
}

void TestClassMetrics::aClassTheDataLackIsNeverCovered()
{
    // Shares 0.5, 0.5, 0: four images confidently class 0, four class 1. Classes 0 and 1 hold
    // 4/8 >= 0.25 each: covered; class 2 has no data, so none of its (zero) images covers it.
    std::vector<JudgedImage> images(4, JudgedImage { 0, 0, 0.95 });
    images.insert(images.end(), 4, JudgedImage { 0, 1, 0.95 });
    const Metrics m = classMetrics(images, { 0.5, 0.5, 0.0 }, 1);
    QCOMPARE(m.modesBalanced, 2);
    QCOMPARE(m.modesCaptured, 2);
    QCOMPARE(m.reverseKl, 0.0);
}

QTEST_GUILESS_MAIN(TestClassMetrics)
#include "tst_classmetrics.moc"
