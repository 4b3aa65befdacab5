// A snapshot drawn into the density plot gives k + 2 curves of grid length.
#include <QtTest>

#include "DensityPlot.h"

using namespace modescope;
using namespace modescope::ui;

class TestDensityPlot : public QObject
{
    Q_OBJECT
private slots:
    void oneCurvePerGeneratorPlusDataAndAverage();
    void legendClickHidesACurve();
};

namespace
{
Snapshot fakeSnapshot(int k, int points)
{
    Snapshot s;
    for (int p = 0; p < points; ++p) {
        s.grid.push_back(p * 0.1);
        s.dataDensity.push_back(0.5);
        s.mixtureDensity.push_back(0.25);
        s.dReal.push_back(0.5);
        s.owner.push_back(0);
    }
    s.generatorDensity.assign(k, std::vector<double>(points, 0.25));
    return s;
}
} // namespace

void TestDensityPlot::oneCurvePerGeneratorPlusDataAndAverage()
{
    DensityPlot plot;
    plot.setSnapshot(fakeSnapshot(4, 512));
    QCOMPARE(plot.curveCount(), 4 + 2);
    for (int g = 0; g < plot.graphCount(); ++g)
        QCOMPARE(plot.graph(g)->dataCount(), 512);
    QCOMPARE(plot.graph(1)->name(), QString("G1"));
    // A new k rebuilds the curves.
    plot.setSnapshot(fakeSnapshot(2, 100));
    QCOMPARE(plot.curveCount(), 2 + 2);
    QCOMPARE(plot.graph(3)->dataCount(), 100);
}

void TestDensityPlot::legendClickHidesACurve()
{
    DensityPlot plot;
    plot.resize(600, 400);
    plot.setSnapshot(fakeSnapshot(2, 50));
    plot.replot();
    QCPAbstractLegendItem* item = plot.legend->itemWithPlottable(plot.graph(1));
    QVERIFY(item);
    emit plot.legendClick(plot.legend, item, nullptr);
    QVERIFY(!plot.graph(1)->visible());
    emit plot.legendClick(plot.legend, item, nullptr);
    QVERIFY(plot.graph(1)->visible());
}

QTEST_MAIN(TestDensityPlot)
#include "tst_densityplot.moc"
