// The snapshot's density estimate: the cut kernels match the full sum, integrate to one, and
// Silverman's bandwidth matches a hand computation.
#include <QtTest>

#include <cmath>
#include <random>

#include "modescope/maths/Contour.h"
#include "modescope/maths/Kde.h"

using namespace modescope;

class TestKde : public QObject
{
    Q_OBJECT
private slots:
    void matchesTheFullSum();
    void integratesToOne();
    void silvermanByHand();
    void collapsedSamplesUseTheFloor();
    void twoDimensionsMatchTheDirectSum();
    void twoDimensionsIntegrateToOne();
    void massLevelByHand();
    void contourOfACircularBump();
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

void TestKde::twoDimensionsMatchTheDirectSum()
{
    std::mt19937_64 rng(5);
    std::normal_distribution<double> nx(1.0, 0.8), ny(-2.0, 0.3);
    std::vector<double> points;
    for (int s = 0; s < 300; ++s) {
        points.push_back(nx(rng));
        points.push_back(ny(rng));
    }
    std::vector<double> xs, ys;
    for (int p = 0; p < 40; ++p)
        xs.push_back(-3 + 8.0 * p / 39);
    for (int p = 0; p < 30; ++p)
        ys.push_back(-4 + 4.0 * p / 29);
    const double hx = 0.35, hy = 0.12;
    const std::vector<double> fast = gaussianKde2d(points, xs, ys, hx, hy);
    QCOMPARE(fast.size(), xs.size() * ys.size());
    const double peak = 1.0 / (2 * M_PI * hx * hy);
    double largest = 0;
    for (size_t iy = 0; iy < ys.size(); ++iy)
        for (size_t ix = 0; ix < xs.size(); ++ix) {
            double full = 0;
            for (size_t s = 0; s < points.size() / 2; ++s)
                full += std::exp(-0.5 * std::pow((xs[ix] - points[2 * s]) / hx, 2)
                    - 0.5 * std::pow((ys[iy] - points[2 * s + 1]) / hy, 2));
            full *= peak / (points.size() / 2);
            largest = std::max(largest, full);
            // y outer, x fastest; a kernel cut on either axis loses at most exp(-12.5) of its peak.
            QVERIFY2(std::abs(fast[iy * xs.size() + ix] - full) <= 2 * std::exp(-12.5) * peak,
                qPrintable(QString("(%1, %2): %3 vs %4")
                               .arg(xs[ix])
                               .arg(ys[iy])
                               .arg(fast[iy * xs.size() + ix])
                               .arg(full)));
        }
    QVERIFY(largest > 0.1); // the grid does cover the samples
}

void TestKde::twoDimensionsIntegrateToOne()
{
    const std::vector<double> points = { 0.0, 0.0, 1.0, -1.0, 2.0, 0.5 };
    std::vector<double> grid;
    const double step = 0.02;
    for (double v = -5; v <= 6; v += step)
        grid.push_back(v);
    const std::vector<double> density = gaussianKde2d(points, grid, grid, 0.4, 0.3);
    double volume = 0;
    for (double d : density)
        volume += d * step * step;
    QVERIFY2(std::abs(volume - 1.0) < 1e-3, qPrintable(QString::number(volume)));
    // A non-finite point is left out of the sums (it still counts in n: its mass is lost).
    const std::vector<double> withNan = { 0.0, 0.0, std::nan(""), 1.0 };
    double lost = 0;
    for (double d : gaussianKde2d(withNan, grid, grid, 0.4, 0.3))
        lost += d * step * step;
    QVERIFY2(std::abs(lost - 0.5) < 1e-3, qPrintable(QString::number(lost)));
}

void TestKde::massLevelByHand()
{
    // Mass 4 + 3 + 2 + 1 = 10: half of it needs the 4 and the 3, so the level is 3.
    QCOMPARE(massLevel({ 1, 4, 2, 3 }, 0.5), 3.0);
    QCOMPARE(massLevel({ 1, 4, 2, 3 }, 0.4), 4.0);
    QCOMPARE(massLevel({ 1, 4, 2, 3 }, 1.0), 1.0);
    QVERIFY(std::isinf(massLevel({ 0, 0 }, 0.5))); // nothing to enclose: no contour
    QVERIFY(contourSegments({ 0, 0, 0, 0 }, { 0, 1 }, { 0, 1 }, massLevel({ 0, 0, 0, 0 }, 0.5))
                .empty());
}

void TestKde::contourOfACircularBump()
{
    // f = exp(-r^2 / 2) on [-3, 3]^2: the level exp(-1/2) is crossed on the unit circle.
    std::vector<double> xs, ys, field;
    for (int p = 0; p < 61; ++p)
        xs.push_back(-3 + 0.1 * p);
    ys = xs;
    for (double y : ys)
        for (double x : xs) // y outer, x fastest
            field.push_back(std::exp(-0.5 * (x * x + y * y)));
    const std::vector<double> segments = contourSegments(field, xs, ys, std::exp(-0.5));
    QCOMPARE(segments.size() % 6, size_t(0)); // x0, y0, x1, y1, NaN, NaN
    const size_t count = segments.size() / 6;
    // The circle's length 2 pi over cells 0.1 wide: about 60 to 90 pieces.
    QVERIFY2(count > 50 && count < 120, qPrintable(QString::number(count)));
    double worst = 0;
    for (size_t s = 0; s < count; ++s) {
        const double* seg = &segments[6 * s];
        for (int end = 0; end < 2; ++end)
            worst = std::max(worst, std::abs(std::hypot(seg[2 * end], seg[2 * end + 1]) - 1.0));
        QVERIFY(std::isnan(seg[4]) && std::isnan(seg[5]));
    }
    // Linear interpolation along 0.1-wide edges: within a few thousandths of the circle.
    QVERIFY2(worst < 0.01, qPrintable(QString::number(worst)));
}

QTEST_MAIN(TestKde)
#include "tst_kde.moc"
