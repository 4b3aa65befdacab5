// The ownership heat map draws every method: one generator (gan) as one row, one mode as one
// column, and its columns in x order whatever order the mixture lists its modes in.
#include <QtTest>

#include "plots/OwnershipMap.h"

using namespace modescope;
using namespace modescope::ui;

class TestOwnershipMap : public QObject
{
    Q_OBJECT
private slots:
    void oneGeneratorIsOneDrawnRow();
    void oneModeIsOneDrawnColumn();
    void columnsRunInXOrder();
    void aStackedRunsThousandClassesArePooledIntoColumnsOneCanSee();
};

void TestOwnershipMap::oneGeneratorIsOneDrawnRow()
{
    // gan collapsed onto the mode at -10: its single row must show it, not an empty map.
    OwnershipMap map;
    map.resize(400, 200);
    const Mixture mixture({ { 1, -10, 1 }, { 1, 0, 1 }, { 1, 10, 1 } });
    map.setOwnership({ { 0.96, 0.03, 0.01 } }, mixture);
    QCOMPARE(map.rows(), 1);
    QCOMPARE(map.cell(0, 0), 0.96);
    QCOMPARE(map.cell(0, 1), 0.03);
    QCOMPARE(map.cell(0, 2), 0.01);
    // What a user sees: the rendered map is dark where the generator sits.
    const QImage image = map.toPixmap(400, 200).toImage();
    const QCPAxisRect* rect = map.axisRect();
    const QPoint dark(
        static_cast<int>(map.xAxis->coordToPixel(0)), static_cast<int>(map.yAxis->coordToPixel(1)));
    const QPoint light(
        static_cast<int>(map.xAxis->coordToPixel(2)), static_cast<int>(map.yAxis->coordToPixel(1)));
    QVERIFY(rect->rect().contains(dark));
    QVERIFY2(qGray(image.pixel(dark)) < 100, qPrintable(QString::number(qGray(image.pixel(dark)))));
    QVERIFY2(
        qGray(image.pixel(light)) > 200, qPrintable(QString::number(qGray(image.pixel(light)))));
}

void TestOwnershipMap::oneModeIsOneDrawnColumn()
{
    OwnershipMap map;
    map.setOwnership({ { 1.0 }, { 1.0 } }, Mixture({ { 1, 0, 1 } }));
    QCOMPARE(map.cell(0, 0), 1.0);
    QCOMPARE(map.cell(1, 0), 1.0);
    QCOMPARE(map.columnModes(), std::vector<int>({ 0 }));
}

void TestOwnershipMap::columnsRunInXOrder()
{
    // The tester's mixture: a mode added at 40 after the one at 110.
    const Mixture mixture(
        { { 1, 10, 3 }, { 1, 20, 3 }, { 1, 60, 2 }, { 1, 80, 2 }, { 1, 110, 1 }, { 1, 40, 2 } });
    OwnershipMap map;
    std::vector<std::vector<double>> ownership(2, std::vector<double>(6, 0.0));
    ownership[0][5] = 1.0; // G1 owns the mode at 40 (the mixture's sixth)
    ownership[1][4] = 1.0; // G2 the mode at 110
    map.setOwnership(ownership, mixture);
    QCOMPARE(map.columnModes(), std::vector<int>({ 0, 1, 5, 2, 3, 4 }));
    QCOMPARE(map.cell(0, 5), 1.0); // still addressed by the mixture's index
    QCOMPARE(map.cell(1, 4), 1.0);
    QCOMPARE(map.cell(0, 4), 0.0);
    // The tick under the third column reads 40.
    auto* ticker = dynamic_cast<QCPAxisTickerText*>(map.xAxis->ticker().data());
    QVERIFY(ticker);
    QCOMPARE(ticker->ticks().value(2), QString("40"));
}

void TestOwnershipMap::aStackedRunsThousandClassesArePooledIntoColumnsOneCanSee()
{
    // G1 collapsed onto class 318; G2 split between 005 and 009 (both in column 00x) and 990.
    TrainConfig run;
    run.images = ImageTarget {};
    run.images->stacked = true;
    std::vector<std::vector<double>> ownership(2, std::vector<double>(1000, 0.0));
    ownership[0][318] = 1.0;
    ownership[1][5] = 0.25;
    ownership[1][9] = 0.25;
    ownership[1][990] = 0.5;
    OwnershipMap map;
    map.resize(400, 200);
    map.setOwnership(ownership, run);
    QCOMPARE(map.columnModes().size(), size_t(100));
    QCOMPARE(map.cell(0, 31), 1.0);
    QCOMPARE(map.cell(1, 0), 0.5);
    QCOMPARE(map.cell(1, 99), 0.5);
    QCOMPARE(map.cell(0, 0), 0.0);
    auto* ticker = dynamic_cast<QCPAxisTickerText*>(map.xAxis->ticker().data());
    QVERIFY(ticker);
    QCOMPARE(ticker->ticks().value(30), QString("30x")); // every tenth column named
    QVERIFY(!ticker->ticks().contains(31));
    // What a user sees: G1's column is dark in the drawn map.
    const QImage image = map.toPixmap(400, 200).toImage();
    const QPoint dark(static_cast<int>(map.xAxis->coordToPixel(31)),
        static_cast<int>(map.yAxis->coordToPixel(1)));
    QVERIFY2(qGray(image.pixel(dark)) < 100, qPrintable(QString::number(qGray(image.pixel(dark)))));
}

QTEST_MAIN(TestOwnershipMap)
#include "tst_ownershipmap.moc"
