// A snapshot drawn into the density plot gives k + 2 curves of grid length.
#include <QtTest>

#include "DensityPlot.h"
#include "PlotToolTips.h"

using namespace modescope;
using namespace modescope::ui;

class TestDensityPlot : public QObject
{
    Q_OBJECT
private slots:
    void oneCurvePerGeneratorPlusDataAndAverage();
    void legendClickHidesACurve();
    void hidingDRealTakesItsLegendEntry();
    void fitKeepsACollapsedSpikeWhole();
    void ownerStripSaysWhyItIsEmpty();
    void curvesCsvHoldsWhatIsDrawn();
    void tooltipsNameTheirPart();
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
    QCPPlottableLegendItem* item = plot.legend->itemWithPlottable(plot.graph(1));
    QVERIFY(item);
    emit plot.legendClick(plot.legend, item, nullptr);
    QVERIFY(!plot.graph(1)->visible());
    QCOMPARE(item->textColor(), QColor(Qt::gray)); // the entry says its curve is hidden
    QVERIFY(!item->selected()); // and is not left highlighted
    emit plot.legendClick(plot.legend, item, nullptr);
    QVERIFY(plot.graph(1)->visible());
    QCOMPARE(item->textColor(), QColor(Qt::black));
}

void TestDensityPlot::hidingDRealTakesItsLegendEntry()
{
    DensityPlot plot;
    plot.setSnapshot(fakeSnapshot(2, 50));
    QVERIFY(plot.legend->itemWithPlottable(plot.discriminatorCurve()));
    plot.setShowDiscriminator(false); // the D key
    QVERIFY(!plot.discriminatorCurve()->visible());
    QVERIFY(!plot.legend->itemWithPlottable(plot.discriminatorCurve()));
    QVERIFY(!plot.yAxis2->visible());
    plot.setShowDiscriminator(true);
    QVERIFY(plot.legend->itemWithPlottable(plot.discriminatorCurve()));
}

void TestDensityPlot::fitKeepsACollapsedSpikeWhole()
{
    // A generator collapsed to a spike 20 times the data's height: the first view fits the
    // data (the spikes of step 0 must not flatten it); F fits everything shown.
    Snapshot s = fakeSnapshot(2, 50);
    s.generatorDensity[0][25] = 20.0;
    DensityPlot plot;
    plot.setSnapshot(s);
    QVERIFY(plot.yAxis->range().upper < 1.0); // data 0.5, headroom
    plot.fit();
    QVERIFY2(plot.yAxis->range().upper >= 20.0 / 2, // drawn as a share: 20 / k
        qPrintable(QString::number(plot.yAxis->range().upper)));
    plot.graph(1)->setVisible(false); // hidden curves do not count
    plot.fit();
    QVERIFY(plot.yAxis->range().upper < 1.0);
}

void TestDensityPlot::ownerStripSaysWhyItIsEmpty()
{
    DensityPlot plot;
    plot.setSnapshot(fakeSnapshot(3, 50));
    QVERIFY(plot.ownerStripNote().isEmpty()); // owners drawn
    Snapshot gan = fakeSnapshot(1, 50);
    std::fill(gan.owner.begin(), gan.owner.end(), -1); // 2-head methods have no owner
    plot.setSnapshot(gan);
    QVERIFY(plot.ownerStripNote().contains("no head per generator"));
}

void TestDensityPlot::curvesCsvHoldsWhatIsDrawn()
{
    DensityPlot plot;
    plot.setSnapshot(fakeSnapshot(2, 3)); // each generator's density 0.25 everywhere
    QStringList lines = plot.curvesCsv().split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), QString("x,data,g1_share,g2_share,average,d_real"));
    QCOMPARE(lines.size(), 1 + 3);
    QCOMPARE(lines.value(2), QString("0.1,0.5,0.125,0.125,0.25,0.5")); // 0.25 / k, k = 2
    plot.setShowShares(false);
    lines = plot.curvesCsv().split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), QString("x,data,g1,g2,average,d_real"));
    QCOMPARE(lines.value(2), QString("0.1,0.5,0.25,0.25,0.25,0.5"));
}

void TestDensityPlot::tooltipsNameTheirPart()
{
    DensityPlot plot;
    plot.resize(700, 450);
    plot.setSnapshot(fakeSnapshot(2, 50));
    plot.replot();
    const PlotToolTips* tips = PlotToolTips::of(&plot);
    QVERIFY(tips);
    const QPoint centre = plot.axisRect()->rect().center();
    QVERIFY(tips->tipAt(centre).contains("Mode collapse looks like"));
    const QPoint rightAxis(plot.axisRect()->rect().right() + 20, centre.y());
    QVERIFY2(tips->tipAt(rightAxis).startsWith("D_real(x)"), qPrintable(tips->tipAt(rightAxis)));
    QCPAbstractLegendItem* entry = plot.legend->itemWithPlottable(plot.graph(plot.curveCount() - 1));
    QVERIFY(tips->tipAt(entry->rect().center()).contains("generators' mixture"));
}

QTEST_MAIN(TestDensityPlot)
#include "tst_densityplot.moc"
