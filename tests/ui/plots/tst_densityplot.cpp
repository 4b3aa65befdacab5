// A snapshot drawn into the density plot gives k + 2 curves of grid length.
#include <QtTest>

#include "export/DensityCsv.h"
#include "plots/DensityPlot.h"
#include "plots/MapLayers.h"
#include "plots/PlotToolTips.h"

using namespace modescope;
using namespace modescope::ui;

class TestDensityPlot : public QObject
{
    Q_OBJECT
private slots:
    void oneCurvePerGeneratorPlusDataAndAverage();
    void legendClickHidesACurve();
    void hidingDRealTakesItsLegendEntry();
    void legendTextKeepsItsDescenders();
    void fitKeepsACollapsedSpikeWhole();
    void ownerStripSaysWhyItIsEmpty();
    void theDiscriminatorCurveSaysWhatItShows();
    void curvesCsvHoldsWhatIsDrawn();
    void tooltipsNameTheirPart();
    void twoDimensionalSnapshotDrawsAMap();
    void mapLayersToggle();
    void mapKeepsEqualAspect();
    void mapCsvHoldsTheGrid();
    void mapGoesBackToCurves();
    void aKeptMapDrawsItsPoints();
    void ownerLayerFollowsTheMethod();
    void contoursToggle();
    void everyKindOfRunLeavesNothingOfItsOwnBehind();
    void aStackedGridInksEachChannelInItsOwnColour();
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
// A 2-D snapshot on a 4 x 3 grid over [0, 3] x [10, 12]: data density 1 + cell index, D_real
// 0.1 * cell index, owner = cell index % k; generator i holds 5 points at (i, 10 + i).
Snapshot mapSnapshot(int k, bool ownerHeads = true)
{
    Snapshot s;
    s.dimension = 2;
    s.grid = { 0, 1, 2, 3 };
    s.gridY = { 10, 11, 12 };
    for (int p = 0; p < 12; ++p) {
        s.dataDensity.push_back(1.0 + p);
        s.mixtureDensity.push_back(0.5);
        s.dReal.push_back(0.1 * p);
        s.owner.push_back(ownerHeads ? p % k : -1);
    }
    s.generatorDensity.assign(k, std::vector<double>(12, 0.5));
    for (int i = 0; i < k; ++i) {
        std::vector<double> points;
        for (int n = 0; n < 5; ++n)
            points.insert(points.end(), { double(i), 10.0 + i });
        s.points.push_back(points);
    }
    return s;
}
// An image run's snapshot: k generators' 3 images of 2 x 2 pixels, and 2 real ones.
Snapshot imageSnapshot(int k)
{
    Snapshot s;
    s.imageRows = 2;
    s.imageCols = 2;
    s.images.assign(k, std::vector<float>(3 * 4, 0.5f));
    s.realImages.assign(2 * 4, 1.0f);
    return s;
}
} // namespace

void TestDensityPlot::twoDimensionalSnapshotDrawsAMap()
{
    DensityPlot plot;
    plot.resize(600, 500);
    plot.setSnapshot(mapSnapshot(3));
    QVERIFY(plot.isMap());
    QCOMPARE(plot.curveCount(), 0);
    QCOMPARE(plot.graphCount(), 3); // one scatter per generator
    QCOMPARE(plot.graph(0)->dataCount(), 5);
    QCOMPARE(plot.graph(2)->name(), QString("G3"));
    QCOMPARE(plot.graph(2)->data()->at(0)->value, 12.0);
    QCPColorMapData* data = plot.dataLayer()->data();
    QCOMPARE(data->keySize(), 4);
    QCOMPARE(data->valueSize(), 3);
    // Cell (x = 2, y = 11) is grid index 1 * 4 + 2 = 6: density 7, D_real 0.6, owner 6 % 3 = 0.
    QCOMPARE(data->data(2.0, 11.0), 7.0);
    QCOMPARE(plot.discriminatorLayer()->data()->data(2.0, 11.0), 0.6);
    QCOMPARE(plot.ownerLayer()->data()->data(1.0, 12.0), double((2 * 4 + 1) % 3));
    QCOMPARE(plot.xAxis->label(), QString("x"));
    QCOMPARE(plot.yAxis->label(), QString("y"));
    QVERIFY(!plot.yAxis2->visible());
    // Every layer and generator is named in the legend.
    for (QCPAbstractPlottable* p : { static_cast<QCPAbstractPlottable*>(plot.dataLayer()),
             static_cast<QCPAbstractPlottable*>(plot.discriminatorLayer()),
             static_cast<QCPAbstractPlottable*>(plot.ownerLayer()),
             static_cast<QCPAbstractPlottable*>(plot.graph(0)) })
        QVERIFY2(plot.legend->itemWithPlottable(p), qPrintable(p->name()));
    // Eight generators: the palette's look-alikes (G1 blue / G6 sky blue, G2 vermillion / G5
    // orange) differ in shape as small dots.
    plot.setSnapshot(mapSnapshot(8));
    QCOMPARE(plot.graphCount(), 8);
    QCOMPARE(plot.graph(0)->scatterStyle().shape(), QCPScatterStyle::ssDisc);
    QCOMPARE(plot.graph(3)->scatterStyle().shape(), QCPScatterStyle::ssDisc);
    QCOMPARE(plot.graph(4)->scatterStyle().shape(), QCPScatterStyle::ssSquare);
    QCOMPARE(plot.graph(5)->scatterStyle().shape(), QCPScatterStyle::ssSquare);
}

void TestDensityPlot::mapLayersToggle()
{
    DensityPlot plot;
    plot.setSnapshot(mapSnapshot(2));
    QVERIFY(plot.discriminatorLayer()->visible());
    QVERIFY(plot.ownerLayer()->visible());
    plot.setShowDiscriminator(false); // D
    QVERIFY(!plot.discriminatorLayer()->visible());
    plot.setShowOwnerStrip(false); // O
    QVERIFY(!plot.ownerLayer()->visible());
    plot.setSnapshot(mapSnapshot(2)); // the next snapshot keeps the choice
    QVERIFY(!plot.discriminatorLayer()->visible());
    QVERIFY(!plot.ownerLayer()->visible());
    plot.setShowOwnerStrip(true);
    QVERIFY(plot.ownerLayer()->visible());
    // A 2-head D (gan, independent) names no owner: no layer, no legend entry, and the note.
    DensityPlot gan;
    gan.setSnapshot(mapSnapshot(1, false));
    QVERIFY(!gan.ownerLayer()->visible());
    QVERIFY(!gan.legend->itemWithPlottable(gan.ownerLayer()));
    QVERIFY(!gan.ownerStripNote().isEmpty());
}

void TestDensityPlot::mapKeepsEqualAspect()
{
    DensityPlot plot;
    plot.resize(800, 400); // wide: the box [0, 3] x [10, 12] keeps its y, x widens
    plot.setSnapshot(mapSnapshot(2));
    plot.replot();
    plot.fit();
    plot.replot();
    const QRect r = plot.axisRect()->rect();
    const double xPerPixel = plot.xAxis->range().size() / r.width();
    const double yPerPixel = plot.yAxis->range().size() / r.height();
    QVERIFY2(std::abs(xPerPixel - yPerPixel) < 1e-6 * xPerPixel,
        qPrintable(QString("%1 vs %2").arg(xPerPixel).arg(yPerPixel)));
    // The whole box shows.
    QVERIFY(plot.xAxis->range().lower <= 0 && plot.xAxis->range().upper >= 3);
    QVERIFY(plot.yAxis->range().lower <= 10 + 1e-9 && plot.yAxis->range().upper >= 12 - 1e-9);
    // A resize keeps one unit per unit.
    plot.resize(400, 600);
    plot.replot();
    const QRect tall = plot.axisRect()->rect();
    QVERIFY(std::abs(plot.xAxis->range().size() / tall.width()
                - plot.yAxis->range().size() / tall.height())
        < 1e-6 * plot.xAxis->range().size() / tall.width());
}

void TestDensityPlot::mapCsvHoldsTheGrid()
{
    DensityPlot plot;
    plot.setSnapshot(mapSnapshot(2));
    const QStringList lines
        = densityCsv(plot.snapshot(), plot.showsShares()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 12);
    QCOMPARE(lines[0], QString("x,y,data,g1,g2,average,d_real"));
    QCOMPARE(lines[7], QString("2,11,7,0.5,0.5,0.5,0.6")); // cell 6: x fastest
}

void TestDensityPlot::mapGoesBackToCurves()
{
    DensityPlot plot;
    plot.setSnapshot(mapSnapshot(2));
    plot.setSnapshot(fakeSnapshot(2, 50)); // a 1-D run in the same window
    QVERIFY(!plot.isMap());
    QCOMPARE(plot.curveCount(), 4);
    QCOMPARE(plot.plottableCount(), 4 + 1 + 2); // curves, D_real, owner bands: no layers left
    QVERIFY(plot.discriminatorCurve());
    QVERIFY(plot.yAxis2->visible());
    // The owner strip is back under the plot, with the x axis under it, and stays so however
    // often the run changes dimension.
    for (int round = 0; round < 3; ++round) {
        plot.setSnapshot(mapSnapshot(2));
        plot.setSnapshot(fakeSnapshot(2, 50));
    }
    QCOMPARE(plot.plotLayout()->rowCount(), 3); // legend, plot, strip
    QCPAxisRect* strip = plot.axisRects().value(1);
    QVERIFY(strip && strip->layout() == plot.plotLayout());
    QVERIFY(plot.plotLayout()->element(2, 0) == strip);
    QVERIFY(strip->axis(QCPAxis::atBottom)->tickLabels());
    QVERIFY(!plot.xAxis->tickLabels());
}

void TestDensityPlot::aKeptMapDrawsItsPoints()
{
    // The history keeps a map without the generators' grids: the points still draw, the
    // user's zoom stays, and the CSV says nan for the grids it does not have.
    DensityPlot plot;
    plot.resize(600, 500);
    plot.setSnapshot(mapSnapshot(3));
    plot.xAxis->setRange(0.5, 1.5); // zoomed in
    Snapshot kept = mapSnapshot(3);
    kept.generatorDensity.clear();
    plot.setSnapshot(kept);
    QCOMPARE(plot.graphCount(), 3);
    QCOMPARE(plot.graph(2)->dataCount(), 5);
    QCOMPARE(plot.xAxis->range(), QCPRange(0.5, 1.5));
    const QStringList lines
        = densityCsv(plot.snapshot(), plot.showsShares()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines[0], QString("x,y,data,g1,g2,g3,average,d_real"));
    QCOMPARE(lines[1], QString("0,10,1,nan,nan,nan,0.5,0"));
}

void TestDensityPlot::ownerLayerFollowsTheMethod()
{
    DensityPlot plot;
    plot.setSnapshot(mapSnapshot(2, false)); // independent, k = 2: no owner
    QVERIFY(!plot.ownerLayer()->visible());
    QVERIFY(!plot.legend->itemWithPlottable(plot.ownerLayer()));
    // No owner is transparent, never G1's colour.
    QCustomPlot other;
    QCPColorMap* layer = addOwnerLayer(other.xAxis, other.yAxis, 2);
    fillOwnerLayer(layer, mapSnapshot(2, false));
    QVERIFY(std::isnan(layer->data()->data(1.0, 11.0)));
    QCOMPARE(layer->gradient().nanHandling(), QCPColorGradient::nhTransparent);
    plot.setSnapshot(mapSnapshot(2, true)); // reset to madgan, the same k
    QVERIFY(plot.ownerLayer()->visible());
    QVERIFY(plot.legend->itemWithPlottable(plot.ownerLayer()));
    QCOMPARE(plot.ownerLayer()->data()->data(1.0, 11.0), double(5 % 2));
}

void TestDensityPlot::contoursToggle()
{
    DensityPlot plot;
    Snapshot s = mapSnapshot(2);
    s.contours = { { 0, 10, 1, 11, std::nan(""), std::nan("") }, {} };
    plot.setSnapshot(s);
    QCOMPARE(plot.contours().size(), 2);
    QVERIFY(!plot.contours()[0]->visible()); // off by default: the dots tell the story first
    QCOMPARE(plot.contours()[0]->dataCount(), 3);
    QCOMPARE(plot.contours()[1]->dataCount(), 0);
    QVERIFY(!plot.legend->itemWithPlottable(plot.contours()[0])); // the dots name G1
    plot.setShowContours(true); // C
    QVERIFY(plot.contours()[0]->visible());
    plot.setSnapshot(mapSnapshot(3)); // a new k keeps the choice
    QCOMPARE(plot.contours().size(), 3);
    QVERIFY(plot.contours()[2]->visible());
}

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
    QVERIFY(plot.graph(3)->visible());
    // One generator: its average is itself, and a dashed black copy would hide its colour.
    plot.setSnapshot(fakeSnapshot(1, 100));
    QCOMPARE(plot.curveCount(), 1 + 2);
    QVERIFY(plot.graph(1)->visible());
    QVERIFY(!plot.graph(2)->visible());
    QVERIFY(!plot.legend->itemWithPlottable(plot.graph(2)));
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

namespace
{
// The lowest row of dark ink inside a legend item, counted from the item's top; -1 if none.
int lowestInk(const QImage& image, const QRect& item)
{
    for (int y = item.bottom(); y >= item.top(); --y)
        for (int x = item.left(); x <= item.right(); ++x)
            if (qGray(image.pixel(x, y)) < 100)
                return y - item.top();
    return -1;
}
} // namespace

void TestDensityPlot::legendTextKeepsItsDescenders()
{
    // The window's legend once cut the underscore of "D_real" (it read "D real"): the item
    // clips its text to its rectangle. "D_real" must reach lower than "data", which has no
    // descender; both items are as tall, so their rows compare.
    DensityPlot plot;
    plot.resize(600, 400);
    plot.setSnapshot(fakeSnapshot(1, 50));
    plot.replot();
    const QImage image = plot.toPixmap(600, 400, 1.0).toImage();
    auto* data = plot.legend->itemWithPlottable(plot.graph(0));
    auto* dReal = plot.legend->itemWithPlottable(plot.discriminatorCurve());
    QVERIFY(data && dReal);
    QCOMPARE(plot.graph(0)->name(), QString("data"));
    QCOMPARE(dReal->rect().height(), data->rect().height());
    const int dataInk = lowestInk(image, data->rect());
    QVERIFY(dataInk > 0);
    QVERIFY2(lowestInk(image, dReal->rect()) > dataInk + 1,
        qPrintable(QString("D_real's ink ends at row %1, data's at %2")
                       .arg(lowestInk(image, dReal->rect()))
                       .arg(dataInk)));
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
    Snapshot independent = fakeSnapshot(3, 50);
    std::fill(independent.owner.begin(), independent.owner.end(), -1); // 2-head: no owner
    plot.setSnapshot(independent);
    QVERIFY(plot.ownerStripNote().contains("no head per generator"));
    Snapshot gan = fakeSnapshot(1, 50); // gan, unrolled, wgan-gp, pacgan
    std::fill(gan.owner.begin(), gan.owner.end(), -1);
    plot.setSnapshot(gan);
    QVERIFY2(plot.ownerStripNote().contains("one generator"), qPrintable(plot.ownerStripNote()));
}

// A WGAN critic's curve is named for what it is, on its axis, in its tooltip and in the CSV;
// back to a GAN's snapshot, D_real again.
void TestDensityPlot::theDiscriminatorCurveSaysWhatItShows()
{
    DensityPlot plot;
    Snapshot critic = fakeSnapshot(1, 3);
    critic.reading = { "critic_scaled", "critic (scaled)", "scaled to 0-1 over the view" };
    plot.setSnapshot(critic);
    QCOMPARE(plot.discriminatorCurve()->name(), QString("critic (scaled)"));
    QCOMPARE(plot.yAxis2->label(), QString("critic (scaled)"));
    QVERIFY(densityCsv(plot.snapshot(), plot.showsShares())
                .startsWith("x,data,g1_share,average,critic_scaled\n"));
    plot.setSnapshot(fakeSnapshot(1, 3));
    QCOMPARE(plot.discriminatorCurve()->name(), QString("D_real"));
    QCOMPARE(plot.yAxis2->label(), QString("D_real(x)"));
    QVERIFY(densityCsv(plot.snapshot(), plot.showsShares())
                .startsWith("x,data,g1_share,average,d_real\n"));
}

void TestDensityPlot::curvesCsvHoldsWhatIsDrawn()
{
    DensityPlot plot;
    plot.setSnapshot(fakeSnapshot(2, 3)); // each generator's density 0.25 everywhere
    QStringList lines
        = densityCsv(plot.snapshot(), plot.showsShares()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), QString("x,data,g1_share,g2_share,average,d_real"));
    QCOMPARE(lines.size(), 1 + 3);
    QCOMPARE(lines.value(2), QString("0.1,0.5,0.125,0.125,0.25,0.5")); // 0.25 / k, k = 2
    plot.setShowShares(false);
    lines = densityCsv(plot.snapshot(), plot.showsShares()).split('\n', Qt::SkipEmptyParts);
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
    QCPAbstractLegendItem* entry
        = plot.legend->itemWithPlottable(plot.graph(plot.curveCount() - 1));
    QVERIFY(tips->tipAt(entry->rect().center()).contains("generators' mixture"));
}

void TestDensityPlot::everyKindOfRunLeavesNothingOfItsOwnBehind()
{
    // A window shows runs of every kind in turn: each kind's curves, layers, strip, grid and
    // tips go when the next kind comes, so the plot ends as a fresh one showing the same run.
    DensityPlot fresh;
    fresh.setSnapshot(fakeSnapshot(2, 50));
    DensityPlot plot;
    for (const Snapshot& s : { fakeSnapshot(3, 50), imageSnapshot(3), mapSnapshot(2),
             imageSnapshot(2), mapSnapshot(3), fakeSnapshot(2, 50) }) {
        plot.setSnapshot(s);
        QCOMPARE(plot.isImages(), s.imageRows > 0);
        QCOMPARE(plot.isMap(), s.dimension == 2);
        QCOMPARE(plot.legend->visible(), s.imageRows == 0);
        QCOMPARE(plot.xAxis->visible(), s.imageRows == 0);
        // The curves' strip note, the grid, or nothing on a map: never two.
        QCOMPARE(plot.itemCount(), s.dimension == 2 ? 0 : 1);
        if (s.imageRows > 0)
            QCOMPARE(plot.plottableCount(), 0);
    }
    QCOMPARE(plot.plottableCount(), fresh.plottableCount());
    QCOMPARE(plot.axisRects().size(), fresh.axisRects().size());
    QCOMPARE(plot.plotLayout()->rowCount(), fresh.plotLayout()->rowCount());
    QCOMPARE(plot.legend->itemCount(), fresh.legend->itemCount());
    QCOMPARE(plot.yAxis->label(), fresh.yAxis->label());
    QCOMPARE(plot.yAxis2->visible(), fresh.yAxis2->visible());
    QCOMPARE(plot.xAxis->tickLabels(), fresh.xAxis->tickLabels());
    QCOMPARE(PlotToolTips::of(&plot)->generalTip(), PlotToolTips::of(&fresh)->generalTip());
}

void TestDensityPlot::aStackedGridInksEachChannelInItsOwnColour()
{
    // Counts the drawn pixels of exactly one colour.
    const auto pixelsOf = [](DensityPlot& plot, QRgb colour) {
        const QImage image = plot.toPixmap(400, 300, 1.0).toImage();
        int n = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                n += (image.pixel(x, y) & 0xffffff) == (colour & 0xffffff);
        return n;
    };
    // Generated images inked only in plane 0 (cyan), real ones only in plane 2 (yellow).
    Snapshot stacked = imageSnapshot(2);
    stacked.imageChannels = 3;
    std::vector<float> plane0(3 * 4, 0.0f);
    std::fill(plane0.begin(), plane0.begin() + 4, 1.0f);
    stacked.images.assign(2, std::vector<float>());
    for (auto& row : stacked.images)
        for (int n = 0; n < 3; ++n)
            row.insert(row.end(), plane0.begin(), plane0.end());
    stacked.realImages.assign(2 * 3 * 4, 0.0f);
    for (int n = 0; n < 2; ++n)
        std::fill(stacked.realImages.begin() + n * 12 + 8, stacked.realImages.begin() + n * 12 + 12,
            1.0f);
    DensityPlot plot;
    plot.setSnapshot(stacked);
    QVERIFY(plot.isImages());
    QVERIFY(pixelsOf(plot, qRgb(0, 255, 255)) > 0);
    QVERIFY(pixelsOf(plot, qRgb(255, 255, 0)) > 0);
    // A plain grid of the same size draws neither: its ink is each generator's colour.
    DensityPlot plain;
    plain.setSnapshot(imageSnapshot(2));
    QCOMPARE(pixelsOf(plain, qRgb(0, 255, 255)), 0);
    QCOMPARE(pixelsOf(plain, qRgb(255, 255, 0)), 0);
}

QTEST_MAIN(TestDensityPlot)
#include "tst_densityplot.moc"
