// Presets and config.json: defaults, round trip, and one clear error per bad input.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "modescope/ConfigError.h"
#include "modescope/ConfigJson.h"

using namespace modescope;

class TestTrainConfig : public QObject
{
    Q_OBJECT
private slots:
    void emptyObjectGivesThePaperDefaults();
    void shippedPresetsLoad();
    void roundTripKeepsEverySetting();
    void badInputNamesTheField_data();
    void badInputNamesTheField();
    void unknownPresetListsTheKnownOnes();
    void missingFileIsNamed();
};

void TestTrainConfig::emptyObjectGivesThePaperDefaults()
{
    const TrainConfig c = configFromJson("{}", "test.json");
    QCOMPARE(c.mixture.size(), 5);
    QCOMPARE(c.generators, 4);
    QCOMPARE(c.noiseDim, 64);
    QCOMPARE(c.batch, 128);
    QCOMPARE(c.live.generatorLr, 1e-4);
    QCOMPARE(c.beta1, 0.5);
    QCOMPARE(c.live.simNu, 0.5);
    QCOMPARE(c.live.simLambda, 1.0);
    QCOMPARE(c.generator.hidden, std::vector<int>({ 128, 128 }));
    QCOMPARE(c.discriminator.hidden, std::vector<int>({ 128, 128, 128 }));
    QCOMPARE(int(c.discriminator.activation), int(Activation::LeakyRelu));
    QCOMPARE(int(c.phi), int(PhiSource::Discriminator));
}

void TestTrainConfig::shippedPresetsLoad()
{
    const std::vector<std::filesystem::path> dirs { MODESCOPE_PRESETS_DIR };
    const TrainConfig paper = loadPreset("paper-1d", dirs);
    QCOMPARE(paper.presetName, std::string("paper-1d"));
    QCOMPARE(paper.mixture.modes()[4].mean, 110.0);
    QCOMPARE(paper.mixture.modes()[4].sd, 1.0);
    QCOMPARE(paper.effectiveMetricRange(), std::make_pair(-10.0, 130.0));
    const TrainConfig seed = loadPreset("seed-3mode", dirs);
    QCOMPARE(seed.mixture.size(), 3);
    QVERIFY(presetNames(dirs).size() >= 2);
}

void TestTrainConfig::roundTripKeepsEverySetting()
{
    TrainConfig c;
    c.presetName = "mine";
    c.mixture = Mixture({ { 2, -3, 0.5 }, { 1, 4, 1.5 } });
    c.method = Method::MadGanSim;
    c.generators = 7;
    c.generator = { { 32, 16, 8 }, Activation::Tanh, 0.1 };
    c.discriminator = { { 20 }, Activation::LeakyRelu, 0.2 };
    c.noise = NoiseKind::Normal;
    c.noiseDim = 5;
    c.batch = 33;
    c.live = { false, 2.5, 0.25, 3e-4, 2e-4 };
    c.phi = PhiSource::Generator;
    c.iterations = 1234;
    c.seed = 99;
    c.device = DeviceChoice::Cpu;
    const TrainConfig back = configFromJson(configToJson(c, "cpu"), "config.json");
    QCOMPARE(configToJson(back, "cpu"), configToJson(c, "cpu"));
    QCOMPARE(back.generators, 7);
    QCOMPARE(back.live.simEnabled, false);
    QCOMPARE(back.live.discriminatorLr, 2e-4);
    QCOMPARE(int(back.phi), int(PhiSource::Generator));
    QCOMPARE(back.mixture.modes()[0].sd, 0.5);
}

void TestTrainConfig::badInputNamesTheField_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("malformed") << "{\"generators\": 4"
                               << "malformed JSON";
    QTest::newRow("wrong type") << "{\"generators\": \"four\"}"
                                << "generators must be a number";
    QTest::newRow("fraction for a count") << "{\"batch\": 1.5}"
                                          << "batch must be a whole number";
    QTest::newRow("sd zero") << "{\"mixture\": {\"modes\": [{\"mean\": 0, \"sd\": 0}]}}"
                             << "mixture.modes[0].sd";
    QTest::newRow("sd negative") << "{\"mixture\": {\"modes\": [{\"sd\": 1}, {\"sd\": -2}]}}"
                                 << "mixture.modes[1].sd";
    QTest::newRow("weight zero") << "{\"mixture\": {\"modes\": [{\"weight\": 0}]}}"
                                 << "mixture.modes[0].weight";
    QTest::newRow("no modes") << "{\"mixture\": {\"modes\": []}}"
                              << "at least one mode";
    QTest::newRow("k zero") << "{\"generators\": 0}"
                            << "generators: k must be between 1 and 64";
    QTest::newRow("k 65") << "{\"generators\": 65}"
                          << "generators: k must be between 1 and 64";
    QTest::newRow("iterations zero") << "{\"iterations\": 0}"
                                     << "iterations: must be at least 1";
    QTest::newRow("unknown method") << "{\"method\": \"wgan\"}"
                                    << "method must be one of";
    QTest::newRow("unknown field") << "{\"sim\": {\"lamda\": 1}}"
                                   << "sim.lamda is not a known field";
    QTest::newRow("mode field type") << "{\"mixture\": {\"modes\": [{\"mean\": \"x\"}]}}"
                                     << "mixture.modes[0].mean must be a number";
    QTest::newRow("bad range") << "{\"view_range\": [5, 1]}"
                               << "view_range";
    QTest::newRow("negative lr") << "{\"optimizer\": {\"g_lr\": -1}}"
                                 << "optimizer.g_lr";
}

void TestTrainConfig::badInputNamesTheField()
{
    QFETCH(QString, json);
    QFETCH(QString, mentions);
    try {
        configFromJson(json.toStdString(), "my.json");
        QFAIL("accepted bad input");
    } catch (const ConfigError& e) {
        const QString message = QString::fromStdString(e.what());
        QVERIFY2(message.startsWith("my.json: "), qPrintable(message));
        QVERIFY2(message.contains(mentions), qPrintable(message));
    }
}

void TestTrainConfig::unknownPresetListsTheKnownOnes()
{
    try {
        loadPreset("paper-2d", { MODESCOPE_PRESETS_DIR });
        QFAIL("accepted an unknown preset");
    } catch (const ConfigError& e) {
        const QString message = QString::fromStdString(e.what());
        QVERIFY2(message.contains("unknown preset \"paper-2d\""), qPrintable(message));
        QVERIFY2(message.contains("paper-1d"), qPrintable(message));
    }
}

void TestTrainConfig::missingFileIsNamed()
{
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/absent.json").toStdString();
    try {
        loadConfigFile(path);
        QFAIL("read a missing file");
    } catch (const ConfigError& e) {
        QVERIFY(QString::fromStdString(e.what()).contains("absent.json"));
    }
}

QTEST_APPLESS_MAIN(TestTrainConfig)
#include "tst_trainconfig.moc"
