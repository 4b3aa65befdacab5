// metrics.csv written from rows reads back to the same numbers; a file of another shape or a
// malformed row is refused with the file and line named.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <sstream>

#include "modescope/config/ConfigError.h"
#include "modescope/io/RunFolder.h"
#include "modescope/maths/CureTime.h"
#include "modescope/training/Snapshot.h"

using namespace modescope;

class TestRunFolder : public QObject
{
    Q_OBJECT
private slots:
    void metricsRoundTrip();
    void foreignOrMalformedMetricsAreRefused();
    void methodsWithoutSimWriteNan();
    void filesOfVersion010AreStillRead();
    void filesBeforeTheClockAreStillRead();
    void aRowCutOffByACrashIsDropped();
    void negativeSecondsAreRefused();
    void cureIsTheFirstStepFromWhichEveryModeStays();
    void twoDimensionalSamplesAndDensity();
    void aReplacedRunOfTheOtherKindLeavesNoFiles();
    void malformedSamplesAreRefused_data();
    void malformedSamplesAreRefused();
};

namespace
{
MetricsRow row(long long iteration)
{
    MetricsRow r;
    r.losses.iteration = iteration;
    r.losses.dLoss = 1.25 + iteration;
    r.losses.gLosses = { 0.5, 0.75 };
    r.losses.simOn = iteration >= 200; // switched on between the two rows
    r.losses.simHinge = 0.03125;
    r.losses.simViolationRate = 0.125;
    r.metrics.samplesPerGenerator = iteration < 200 ? 500 : 2500; // window, then headless
    r.metrics.hqFraction = 0.9375;
    r.metrics.modesCaptured = 3;
    r.metrics.modesBalanced = 2;
    r.metrics.reverseKl = 0.0625;
    r.metrics.chiSquare = 12.5;
    r.metrics.klHist = 0.25;
    r.losses.seconds = iteration / 64.0; // exact in binary: 100 -> 1.5625
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
    QCOMPARE(rows[1].losses.simHinge, 0.03125);
    QCOMPARE(rows[0].losses.simOn, false);
    QCOMPARE(rows[1].losses.simOn, true);
    QCOMPARE(rows[0].metrics.samplesPerGenerator, 500);
    QCOMPARE(rows[1].metrics.samplesPerGenerator, 2500);
    QCOMPARE(rows[1].metrics.hqFraction, 0.9375);
    QCOMPARE(rows[1].metrics.modesCaptured, 3);
    QCOMPARE(rows[1].metrics.modesBalanced, 2);
    QCOMPARE(rows[1].metrics.reverseKl, 0.0625);
    QCOMPARE(rows[1].metrics.chiSquare, 12.5);
    QCOMPARE(rows[1].metrics.klHist, 0.25);
    QCOMPARE(rows[0].losses.seconds, 1.5625);
    QCOMPARE(rows[1].losses.seconds, 3.125);
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
    std::ofstream(file, std::ios::app) << "2,0.5,oops,1,0,0,0,0,0,0,0,0,0,0\n";
    try {
        readMetrics(file, 2);
        QFAIL("a malformed row was read");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains("line 3"), e.what());
    }
}

void TestRunFolder::methodsWithoutSimWriteNan()
{
    // gan and independent have no Sim terms: "nan" in the file (not a misleading 0), read back.
    QTemporaryDir dir;
    const RunFolder folder(dir.path().toStdString());
    MetricsRow r = row(10);
    r.losses.simHinge = kNotMeasured;
    r.losses.simViolationRate = kNotMeasured;
    folder.writeMetrics(2, { r });
    std::ifstream in(folder.dir() / "metrics.csv");
    std::string header, line;
    std::getline(in, header);
    std::getline(in, line);
    QCOMPARE(QString::fromStdString(header),
        QString("iteration,d_loss,g_loss_1,g_loss_2,sim_on,sim_hinge,sim_violation_rate,samples,"
                "hq_fraction,modes_captured,modes_balanced,reverse_kl,chi_square,kl_hist,seconds"));
    QVERIFY2(
        QString::fromStdString(line).startsWith("10,11.25,0.5,0.75,0,nan,nan,500,"), line.c_str());
    const auto rows = readMetrics(folder.dir() / "metrics.csv", 2);
    QVERIFY(std::isnan(rows[0].losses.simHinge));
    QVERIFY(std::isnan(rows[0].losses.simViolationRate));
}

void TestRunFolder::filesOfVersion010AreStillRead()
{
    // ModeScope 0.1.0 wrote no sim_on, sim_hinge or samples: read as off, nan and 0 (unknown).
    std::istringstream old("iteration,d_loss,g_loss_1,sim_violation_rate,hq_fraction,"
                           "modes_captured,modes_balanced,reverse_kl,chi_square,kl_hist\n"
                           "100,1.5,0.75,0.25,0.875,2,1,0.125,30.5,0.0625\n");
    const auto rows = readMetrics(old, 1, "old.csv");
    QCOMPARE(rows.size(), size_t(1));
    QCOMPARE(rows[0].losses.iteration, 100LL);
    QCOMPARE(rows[0].losses.gLosses, std::vector<double> { 0.75 });
    QCOMPARE(rows[0].losses.simViolationRate, 0.25);
    QCOMPARE(rows[0].losses.simOn, false);
    QVERIFY(std::isnan(rows[0].losses.simHinge));
    QCOMPARE(rows[0].metrics.samplesPerGenerator, 0);
    QCOMPARE(rows[0].metrics.hqFraction, 0.875);
    QCOMPARE(rows[0].metrics.modesBalanced, 1);
    QCOMPARE(rows[0].metrics.klHist, 0.0625);
    // A sim_on that is neither 0 nor 1 is a damaged row.
    std::istringstream bad(metricsHeader(1) + "\n100,1.5,0.75,2,0,0.5,2500,1,1,1,0,0,0\n");
    QVERIFY_THROWS_EXCEPTION(ConfigError, readMetrics(bad, 1, "bad.csv"));
}

void TestRunFolder::filesBeforeTheClockAreStillRead()
{
    // Written before the seconds column: every figure read, the seconds as not measured.
    std::istringstream old(
        "iteration,d_loss,g_loss_1,sim_on,sim_hinge,sim_violation_rate,samples,"
        "hq_fraction,modes_captured,modes_balanced,reverse_kl,chi_square,kl_hist\n"
        "100,1.5,0.75,1,0.5,0.25,2500,0.875,3,3,0.125,30.5,0.0625\n");
    const auto rows = readMetrics(old, 1, "before.csv");
    QCOMPARE(rows.size(), size_t(1));
    QCOMPARE(rows[0].metrics.modesBalanced, 3);
    QCOMPARE(rows[0].metrics.klHist, 0.0625);
    QVERIFY(std::isnan(rows[0].losses.seconds));
}

void TestRunFolder::negativeSecondsAreRefused()
{
    std::istringstream bad(
        "iteration,d_loss,g_loss_1,sim_on,sim_hinge,sim_violation_rate,samples,"
        "hq_fraction,modes_captured,modes_balanced,reverse_kl,chi_square,kl_hist,"
        "seconds\n"
        "100,1.5,0.75,1,0.5,0.25,2500,0.875,3,3,0.125,30.5,0.0625,-2\n");
    try {
        readMetrics(bad, 1, "bad.csv");
        QFAIL("a negative time was read");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains("bad.csv: line 2: seconds"), e.what());
    }
}

void TestRunFolder::cureIsTheFirstStepFromWhichEveryModeStays()
{
    auto rows = [](std::vector<int> balanced) {
        std::vector<MetricsRow> out;
        for (size_t i = 0; i < balanced.size(); ++i) {
            MetricsRow r = row(100 * static_cast<long long>(i + 1));
            r.metrics.modesBalanced = balanced[i];
            out.push_back(r);
        }
        return out;
    };
    // Covered at 100, lost at 200, covered again from 300 on: cured at 300, 300 / 64 s.
    const CureTime cure = cureTime(rows({ 3, 2, 3, 3 }), 3);
    QCOMPARE(cure.step, 300LL);
    QCOMPARE(cure.seconds, 300 / 64.0);
    // Covered, then lost at the end: not cured, however long it held them before.
    QVERIFY(!cureTime(rows({ 3, 3, 2 }), 3).reached());
    QVERIFY(!cureTime({}, 3).reached());
    // A history scrubbed back to step 200 sees rows 100 and 200 only: lost at 200.
    QVERIFY(!cureTime(rows({ 3, 2, 3, 3 }), 3, 200).reached());
    QCOMPARE(cureTime(rows({ 2, 3, 3, 2 }), 3, 300).step, 200LL);
}

void TestRunFolder::twoDimensionalSamplesAndDensity()
{
    QTemporaryDir tmp;
    const RunFolder folder(tmp.path().toStdString());
    // Two generators, two points each: x, y in turn.
    folder.writeSamples({ { 0.5, -1.0, 2.0, 3.0 }, { -4.0, 4.0, 0.25, 0.0 } }, 2);
    std::ifstream in(folder.dir() / "samples.csv");
    std::stringstream text;
    text << in.rdbuf();
    QCOMPARE(QString::fromStdString(text.str()),
        QString("generator,x,y\n1,0.5,-1\n1,2,3\n2,-4,4\n2,0.25,0\n"));
    const auto back = readSamples(folder.dir() / "samples.csv", 2, 2);
    QCOMPARE(back[1], std::vector<double>({ -4.0, 4.0, 0.25, 0.0 }));
    // density.csv: the grid x fastest, y outer.
    Snapshot s;
    s.dimension = 2;
    s.grid = { 0, 1 };
    s.gridY = { 10, 20, 30 };
    for (int p = 0; p < 6; ++p) {
        s.dataDensity.push_back(p);
        s.mixtureDensity.push_back(0.5);
        s.dReal.push_back(0.25);
    }
    s.generatorDensity = { std::vector<double>(6, 1.0) };
    folder.writeDensity(s);
    std::ifstream density(folder.dir() / "density.csv");
    std::string line;
    std::getline(density, line);
    QCOMPARE(line, std::string("x,y,data,g1,mixture,d_real"));
    std::getline(density, line);
    QCOMPARE(line, std::string("0,10,0,1,0.5,0.25"));
    std::getline(density, line);
    QCOMPARE(line, std::string("1,10,1,1,0.5,0.25"));
    std::getline(density, line);
    QCOMPARE(line, std::string("0,20,2,1,0.5,0.25"));
}

// --overwrite of a mixture run by an image run, or back, or of ten generators by two: the
// folder holds the new run's files only (a user's own file stays).
void TestRunFolder::aReplacedRunOfTheOtherKindLeavesNoFiles()
{
    QTemporaryDir tmp;
    const RunFolder folder(tmp.path().toStdString());
    const std::filesystem::path dir = folder.dir();
    auto touch = [](const std::filesystem::path& file) { std::ofstream(file) << "old"; };
    touch(dir / "density.csv"); // a mixture run's
    std::filesystem::create_directories(dir / "samples");
    for (const char* name : { "generator-01.png", "generator-02.png", "generator-03.png",
             "generator-10.png", "notes.txt" })
        touch(dir / "samples" / name);
    ImageTarget target;
    target.rows = 2;
    target.cols = 2;
    target.classes = 2;
    const std::vector<std::vector<double>> two { { -1, 1, -1, 1 }, { 1, 1, -1, -1 } };
    const std::vector<JudgedImage> judged { { 0, 1, 0.9 }, { 1, 0, 0.8 } };
    folder.writeImageSamples(two, judged, {}, target);
    QVERIFY(!std::filesystem::exists(dir / "density.csv"));
    QVERIFY(std::filesystem::exists(dir / "samples" / "generator-01.png"));
    QVERIFY(std::filesystem::exists(dir / "samples" / "generator-02.png"));
    QVERIFY(!std::filesystem::exists(dir / "samples" / "generator-03.png"));
    QVERIFY(!std::filesystem::exists(dir / "samples" / "generator-10.png"));
    QVERIFY(std::filesystem::exists(dir / "samples" / "notes.txt")); // not ours
    // Back to a mixture run: the pictures go, the folder stays for the user's file.
    folder.writeSamples({ { 0.5 } }, 1);
    QVERIFY(!std::filesystem::exists(dir / "samples" / "generator-01.png"));
    QVERIFY(std::filesystem::exists(dir / "samples" / "notes.txt"));
    std::filesystem::remove(dir / "samples" / "notes.txt");
    folder.writeImageSamples(two, judged, {}, target);
    folder.writeSamples({ { 0.5 } }, 1);
    QVERIFY(!std::filesystem::exists(dir / "samples")); // emptied, so removed
}

void TestRunFolder::malformedSamplesAreRefused_data()
{
    QTest::addColumn<int>("dimension");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");
    QTest::newRow("1-D header for a 2-D run") << 2 << "generator,x\n1,0\n"
                                              << "the header is not generator,x,y";
    QTest::newRow("a point without y") << 2 << "generator,x,y\n1,0.5\n"
                                       << "line 2 is not \"generator,x,y\"";
    QTest::newRow("three coordinates") << 2 << "generator,x,y\n1,0.5,1,2\n"
                                       << "line 2 is not \"generator,x,y\"";
    QTest::newRow("a word") << 1 << "generator,x\n1,0.5\n2,abc\n"
                            << "line 3 is not \"generator,x\"";
    QTest::newRow("no such generator") << 2 << "generator,x,y\n3,0,0\n"
                                       << "line 2: generator 3 is not one of 1..2";
    QTest::newRow("three dimensions") << 3 << "generator,x,y,z\n"
                                      << "1 or 2 coordinates";
}

void TestRunFolder::malformedSamplesAreRefused()
{
    QFETCH(int, dimension);
    QFETCH(QString, text);
    QFETCH(QString, reason);
    std::istringstream in(text.toStdString());
    try {
        readSamples(in, 2, dimension, "s.csv");
        QFAIL("accepted");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains(reason), e.what());
        QVERIFY(QString(e.what()).startsWith("s.csv: "));
    }
}

void TestRunFolder::aRowCutOffByACrashIsDropped()
{
    // A process killed (or a disk filled) while it appended a row leaves the row without its
    // line end: the run resumes from the rows before it, and the step trains again.
    const std::string row = "100,1.5,0.75,1,0.5,0.25,2500,0.875,2,1,0.125,30.5,0.0625,3.5\n";
    std::istringstream torn(metricsHeader(1) + "\n" + row + "200,1.4,0.7");
    const auto rows = readMetrics(torn, 1, "torn.csv");
    QCOMPARE(rows.size(), size_t(1));
    QCOMPARE(rows[0].losses.iteration, 100LL);
    QCOMPARE(rows[0].losses.seconds, 3.5);
    // A whole last row without its line end is still a row.
    std::string next = row;
    next.replace(0, 3, "300");
    std::istringstream complete(metricsHeader(1) + "\n" + row + next.substr(0, next.size() - 1));
    QCOMPARE(readMetrics(complete, 1, "complete.csv").size(), size_t(2));
    // The same cut-off row with its line end is damage inside the file: refused by line.
    std::istringstream damaged(metricsHeader(1) + "\n" + "200,1.4,0.7\n" + row);
    try {
        readMetrics(damaged, 1, "damaged.csv");
        QFAIL("a damaged row was accepted");
    } catch (const ConfigError& e) {
        QVERIFY2(std::string(e.what()).find("damaged.csv: line 2") == 0, e.what());
    }
}

QTEST_MAIN(TestRunFolder)
#include "tst_runfolder.moc"
