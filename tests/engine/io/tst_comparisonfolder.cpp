// compare.json: written and read back to the same lanes; lane folder names; a damaged or
// hostile file refused with the file and the field named; where a comparison may be written.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "modescope/config/ConfigError.h"
#include "modescope/io/ComparisonFolder.h"

using namespace modescope;
namespace fs = std::filesystem;

class TestComparisonFolder : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip();
    void laneFolderNames();
    void damagedFilesAreRefusedNamingTheField_data();
    void damagedFilesAreRefusedNamingTheField();
    void missingLaneFolderIsNamed();
    void outputFolderRules();
};

namespace
{
Comparison threeLanes()
{
    Comparison c;
    c.preset = "seed-3mode";
    c.seed = 7;
    c.lockStep = false;
    c.lanes = { { "1-gan", Method::Gan, 1, false, 3000 },
        { "2-madgan-k3", Method::MadGan, 3, true, 3000 },
        { "3-madgan-sim-k8", Method::MadGanSim, 8, true, 2990 } };
    return c;
}

void touchFile(const fs::path& file)
{
    std::ofstream(file) << "{}";
}
} // namespace

void TestComparisonFolder::roundTrip()
{
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const Comparison c = threeLanes();
    for (const ComparisonLane& lane : c.lanes)
        fs::create_directory(dir / lane.folder);
    writeComparison(dir, c);
    QVERIFY(isComparisonFolder(dir));
    const Comparison back = readComparison(dir);
    QCOMPARE(back.preset, std::string("seed-3mode"));
    QCOMPARE(back.seed, std::uint64_t(7));
    QCOMPARE(back.lockStep, false);
    QCOMPARE(back.lanes.size(), size_t(3));
    QVERIFY(back.lanes[1].method == Method::MadGan);
    QCOMPARE(back.lanes[1].simOn, true); // a madgan lane with Sim switched on stays so
    QCOMPARE(back.lanes[2].folder, std::string("3-madgan-sim-k8"));
    QCOMPARE(back.lanes[2].generators, 8);
    QCOMPARE(back.lanes[2].step, 2990LL);
    // The file itself may be given too, and is plain JSON a reader can follow.
    QCOMPARE(readComparison(dir / kComparisonFile).lanes.size(), size_t(3));
    std::ifstream in(dir / kComparisonFile);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    QVERIFY(text.find("\"method\": \"madgan-sim\"") != std::string::npos);
    QVERIFY(text.find("\"format\": \"modescope-comparison\"") != std::string::npos);
}

void TestComparisonFolder::laneFolderNames()
{
    QCOMPARE(laneFolderName(1, Method::Gan, 1), std::string("1-gan"));
    QCOMPARE(laneFolderName(3, Method::MadGanSim, 8), std::string("3-madgan-sim-k8"));
    QCOMPARE(laneFolderName(2, Method::Independent, 4), std::string("2-independent-k4"));
}

void TestComparisonFolder::damagedFilesAreRefusedNamingTheField_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("named");
    const QString lane
        = R"({"folder": "1-gan", "method": "gan", "generators": 1, "sim_on": false, "step": 5})";
    auto doc = [](const QString& lanes, const QString& extra = {}) {
        return QString(R"({"format": "modescope-comparison", "version": 1, "preset": "p", "seed": 1,
                          "lock_step": true, "lanes": [%1]%2})")
            .arg(lanes, extra);
    };
    QTest::newRow("not json") << "{"
                              << "not valid JSON";
    QTest::newRow("not an object") << "[1]"
                                   << "must be a JSON object";
    QTest::newRow("other format") << R"({"format": "x"})"
                                  << "\"format\"";
    QTest::newRow("newer version")
        << QString(doc(lane)).replace("\"version\": 1", "\"version\": 2") << "newer";
    QTest::newRow("no lanes") << doc("") << "\"lanes\"";
    QTest::newRow("five lanes") << doc(QStringList(5, lane).join(',')) << "\"lanes\"";
    QTest::newRow("folder out of the comparison")
        << doc(QString(lane).replace("1-gan", "../elsewhere")) << "\"folder\"";
    QTest::newRow("folder is a path") << doc(QString(lane).replace("1-gan", "a/b")) << "\"folder\"";
    QTest::newRow("same folder twice") << doc(lane + "," + lane) << "another lane's";
    QTest::newRow("unknown method")
        << doc(QString(lane).replace("\"gan\"", "\"wgan\"")) << "lanes[0]: \"method\"";
    QTest::newRow("k zero") << doc(QString(lane).replace("\"generators\": 1", "\"generators\": 0"))
                            << "\"generators\"";
    QTest::newRow("negative step")
        << doc(QString(lane).replace("\"step\": 5", "\"step\": -5")) << "\"step\"";
    QTest::newRow("sim_on not a flag")
        << doc(QString(lane).replace("\"sim_on\": false", "\"sim_on\": 1")) << "\"sim_on\"";
    QTest::newRow("negative seed")
        << QString(doc(lane)).replace("\"seed\": 1", "\"seed\": -1") << "\"seed\"";
}

void TestComparisonFolder::damagedFilesAreRefusedNamingTheField()
{
    QFETCH(QString, json);
    QFETCH(QString, named);
    try {
        comparisonFromJson(json.toStdString(), "cmp/compare.json");
        QFAIL("accepted");
    } catch (const ConfigError& e) {
        const QString message = QString::fromStdString(e.what());
        QVERIFY2(message.startsWith("cmp/compare.json"), qPrintable(message));
        QVERIFY2(message.contains(named), qPrintable(message));
    }
}

void TestComparisonFolder::missingLaneFolderIsNamed()
{
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const Comparison c = threeLanes();
    fs::create_directory(dir / "1-gan");
    writeComparison(dir, c);
    try {
        readComparison(dir);
        QFAIL("accepted");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains("lanes[1]: the folder"), e.what());
        QVERIFY2(QString(e.what()).contains("2-madgan-k3 is missing"), e.what());
    }
}

void TestComparisonFolder::outputFolderRules()
{
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    checkComparisonOutput(root / "new", false); // a new folder is made
    QVERIFY(fs::is_directory(root / "new"));
    checkComparisonOutput(root / "new", false); // an empty one is fine

    fs::create_directory(root / "run");
    touchFile(root / "run" / "config.json");
    QVERIFY_THROWS_EXCEPTION(ConfigError, checkComparisonOutput(root / "run", true));

    fs::create_directory(root / "papers");
    touchFile(root / "papers" / "draft.tex");
    QVERIFY_THROWS_EXCEPTION(ConfigError, checkComparisonOutput(root / "papers", true));

    fs::create_directory(root / "cmp");
    touchFile(root / "cmp" / kComparisonFile);
    // An existing comparison is never replaced unless asked.
    try {
        checkComparisonOutput(root / "cmp", false);
        QFAIL("an existing comparison was accepted");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains("holds a comparison already"), e.what());
    }
    checkComparisonOutput(root / "cmp", true);
    touchFile(root / "file");
    QVERIFY_THROWS_EXCEPTION(ConfigError, checkComparisonOutput(root / "file", true));
}

QTEST_GUILESS_MAIN(TestComparisonFolder)
#include "tst_comparisonfolder.moc"
