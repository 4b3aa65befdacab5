// metrics.csv written from rows reads back to the same numbers; a file of another shape or a
// malformed row is refused with the file and line named.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "modescope/ConfigError.h"
#include "modescope/RunFolder.h"

using namespace modescope;

class TestRunFolder : public QObject
{
    Q_OBJECT
private slots:
    void metricsRoundTrip();
    void foreignOrMalformedMetricsAreRefused();
};

namespace
{
MetricsRow row(long long iteration)
{
    MetricsRow r;
    r.losses.iteration = iteration;
    r.losses.dLoss = 1.25 + iteration;
    r.losses.gLosses = { 0.5, 0.75 };
    r.losses.simViolationRate = 0.125;
    r.metrics.hqFraction = 0.9375;
    r.metrics.modesCaptured = 3;
    r.metrics.modesBalanced = 2;
    r.metrics.reverseKl = 0.0625;
    r.metrics.chiSquare = 12.5;
    r.metrics.klHist = 0.25;
    return r;
}
} // namespace

void TestRunFolder::metricsRoundTrip()
{
    QTemporaryDir dir;
    const RunFolder folder(dir.path().toStdString());
    folder.writeMetrics(2, { row(100), row(200) });
    const auto rows = readMetrics(folder.dir() / "metrics.csv", 2);
    QCOMPARE(rows.size(), size_t(2));
    QCOMPARE(rows[1].losses.iteration, 200LL);
    QCOMPARE(rows[1].losses.dLoss, 201.25);
    QCOMPARE(rows[1].losses.gLosses, (std::vector<double> { 0.5, 0.75 }));
    QCOMPARE(rows[1].losses.simViolationRate, 0.125);
    QCOMPARE(rows[1].metrics.hqFraction, 0.9375);
    QCOMPARE(rows[1].metrics.modesCaptured, 3);
    QCOMPARE(rows[1].metrics.modesBalanced, 2);
    QCOMPARE(rows[1].metrics.reverseKl, 0.0625);
    QCOMPARE(rows[1].metrics.chiSquare, 12.5);
    QCOMPARE(rows[1].metrics.klHist, 0.25);
}

void TestRunFolder::foreignOrMalformedMetricsAreRefused()
{
    QTemporaryDir dir;
    const RunFolder folder(dir.path().toStdString());
    folder.writeMetrics(2, { row(1) });
    const auto file = folder.dir() / "metrics.csv";
    try {
        readMetrics(file, 3);
        QFAIL("a two-generator file read as three");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains("3 generators"), e.what());
    }
    std::ofstream(file, std::ios::app) << "2,0.5,oops,1,0,0,0,0,0,0,0\n";
    try {
        readMetrics(file, 2);
        QFAIL("a malformed row was read");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains("line 3"), e.what());
    }
}

QTEST_MAIN(TestRunFolder)
#include "tst_runfolder.moc"
