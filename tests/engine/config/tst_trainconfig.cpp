// Presets and config.json: defaults, round trip, and one clear error per bad input.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <set>

#include "modescope/config/ConfigError.h"
#include "modescope/config/ConfigJson.h"
#include "modescope/config/MemoryEstimate.h"
#include "modescope/maths/DataScale.h"

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
    void noPresetsNamesTheFoldersSearched();
    void largestSeedRoundTrips();
    void memoryRefusalGivesTheEstimate();
    void presetThatIsNotAFileIsRefused_data();
    void presetThatIsNotAFileIsRefused();
    void missingFileIsNamed();
    void twoDimensionalPresetsLoad();
    void twoDimensionalRoundTrip();
    void dataScalingAndSharedLayers();
    void routeSettingsAreWrittenForTheirMethodAndReadBack();
    void dataScaleMatchesAHandComputation();
    void perMethodRatesGiveEachMethodItsOwn();
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
    QCOMPARE(paper.mixture.modes()[4].mean, std::vector<double> { 110.0 });
    QCOMPARE(paper.mixture.modes()[4].sd, 1.0);
    QCOMPARE(paper.effectiveMetricRange(), std::make_pair(-10.0, 130.0));
    const TrainConfig seed = loadPreset("seed-3mode", dirs);
    QCOMPARE(seed.mixture.size(), 3);
    QVERIFY(presetNames(dirs).size() >= 2);
    // Sim starts as the method says: madgan off, madgan-sim on.
    QCOMPARE(paper.live.simEnabled, false);
    QCOMPARE(loadPreset("paper-1d-sim", dirs).live.simEnabled, true);
    QCOMPARE(seed.live.simEnabled, true);
    // A madgan run whose Sim was switched on keeps it on (a saved session, say).
    const TrainConfig switched = configFromJson(
        R"({"method": "madgan", "sim": {"enabled": true}})", "session/config.json");
    QCOMPARE(switched.live.simEnabled, true);
    QCOMPARE(configFromJson(R"({"method": "madgan-sim", "sim": {"enabled": false}})", "x")
                 .live.simEnabled,
        false);
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
    c.dataScaling = DataScaling::None;
    c.generatorSharedLayers = 2;
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
    QCOMPARE(int(back.dataScaling), int(DataScaling::None));
    QCOMPARE(back.generatorSharedLayers, 2);
}

void TestTrainConfig::badInputNamesTheField_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("malformed") << "{\"generators\": 4"
                               << "malformed JSON";
    QTest::newRow("wrong type") << "{\"generators\": \"four\"}"
                                << "generators must be a whole number";
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
                                     << "iterations: must be between 1 and 1e12, got 0";
    QTest::newRow("unknown scaling") << "{\"data_scaling\": \"minmax\"}"
                                     << "data_scaling must be one of standardize, none";
    QTest::newRow("scaling not a string") << "{\"data_scaling\": true}"
                                          << "data_scaling";
    QTest::newRow("shared beyond the hidden layers")
        << "{\"generator\": {\"hidden\": [8, 8], \"shared_layers\": 3}}"
        << "generator.shared_layers: between 0";
    QTest::newRow("shared negative") << "{\"generator\": {\"shared_layers\": -1}}"
                                     << "generator.shared_layers";
    QTest::newRow("shared in D") << "{\"discriminator\": {\"shared_layers\": 1}}"
                                 << "discriminator.shared_layers is not a known field";
    QTest::newRow("unknown method") << "{\"method\": \"wgan\"}"
                                    << "method must be one of gan, independent, madgan, "
                                       "madgan-sim, unrolled, wgan-gp, pacgan";
    QTest::newRow("K 0") << "{\"unrolled\": {\"steps\": 0}}"
                         << "unrolled.steps: K must be between 1 and 100, got 0";
    QTest::newRow("K 101") << "{\"method\": \"unrolled\", \"unrolled\": {\"steps\": 101}}"
                           << "unrolled.steps: K must be between 1 and 100, got 101";
    QTest::newRow("second order not a bool") << "{\"unrolled\": {\"second_order\": 2}}"
                                             << "unrolled.second_order";
    QTest::newRow("n_critic 0") << "{\"wgan_gp\": {\"critic_steps\": 0}}"
                                << "wgan_gp.critic_steps: n_critic must be between 1 and 100";
    QTest::newRow("gp lambda negative") << "{\"wgan_gp\": {\"lambda\": -1}}"
                                        << "wgan_gp.lambda: must be a finite number >= 0";
    QTest::newRow("packing 5") << "{\"pacgan\": {\"packing\": 5}}"
                               << "pacgan.packing: m must be between 1 (the plain GAN) and 4, "
                                  "got 5";
    QTest::newRow("packing 0") << "{\"pacgan\": {\"packing\": 0}}"
                               << "pacgan.packing";
    QTest::newRow("route typo") << "{\"pacgan\": {\"packs\": 2}}"
                                << "pacgan.packs is not a known field";
    QTest::newRow("unknown field") << "{\"sim\": {\"lamda\": 1}}"
                                   << "sim.lamda is not a known field";
    QTest::newRow("mode field type") << "{\"mixture\": {\"modes\": [{\"mean\": \"x\"}]}}"
                                     << "mixture.modes[0].mean must be a number";
    QTest::newRow("three coordinates")
        << "{\"mixture\": {\"modes\": [{\"mean\": [1, 2, 3]}]}}"
        << "mixture.modes[0].mean must be a number (1-D) or an array [x, y] (2-D)";
    QTest::newRow("coordinate not a number")
        << "{\"mixture\": {\"modes\": [{\"mean\": [1, \"y\"]}]}}"
        << "mixture.modes[0].mean must hold numbers only";
    QTest::newRow("mixed dimensions")
        << "{\"mixture\": {\"modes\": [{\"mean\": [1, 2]}, {\"mean\": 3}]}}"
        << "mixture.modes[1].mean: has 1 coordinates where mode 0 has 2";
    QTest::newRow("2-D coordinate beyond float")
        << "{\"mixture\": {\"modes\": [{\"mean\": [0, 1e300]}]}}"
        << "mixture.modes[0].mean: every coordinate must be a number between -1e6 and 1e6";
    QTest::newRow("a box for a line") << "{\"view_range\": [[0, 1], [0, 1]]}"
                                      << "view_range: a range per axis is for a 2-D mixture";
    QTest::newRow("bad y range")
        << "{\"mixture\": {\"modes\": [{\"mean\": [0, 0]}]}, \"view_range\": [[0, 1], [2, 1]]}"
        << "view_range[1]: needs two finite numbers";
    QTest::newRow("bad x range")
        << "{\"mixture\": {\"modes\": [{\"mean\": [0, 0]}]}, \"view_range\": [[1, 0], [0, 1]]}"
        << "view_range[0]: needs two finite numbers";
    QTest::newRow("three axes")
        << "{\"mixture\": {\"modes\": [{\"mean\": [0, 0]}]}, \"view_range\": [[0, 1], [0, "
           "1], [0, 1]]}"
        << "view_range must be [low, high], or [[x low, x high], [y low, y high]]";
    QTest::newRow("bad range") << "{\"view_range\": [5, 1]}"
                               << "view_range";
    QTest::newRow("negative lr") << "{\"optimizer\": {\"g_lr\": -1}}"
                                 << "optimizer.g_lr";
    QTest::newRow("per_method: not a method")
        << "{\"optimizer\": {\"per_method\": {\"dcgan\": {\"g_lr\": 1e-3}}}}"
        << "optimizer.per_method.dcgan is not a method";
    QTest::newRow("per_method: unknown field")
        << "{\"optimizer\": {\"per_method\": {\"gan\": {\"lr\": 1e-3}}}}"
        << "optimizer.per_method.gan.lr is not a known field";
    QTest::newRow("per_method: not an object") << "{\"optimizer\": {\"per_method\": [1]}}"
                                               << "optimizer.per_method must be a JSON object";
    // Named even when the run's method is another: a sweep's method axis would meet it.
    QTest::newRow("per_method: the preset's rate, copied")
        << "{\"optimizer\": {\"g_lr\": 0, \"per_method\": {\"gan\": {\"d_lr\": 1e-4}}}}"
        << "my.json: optimizer.g_lr: the learning rate";
    QTest::newRow("per_method: zero rate")
        << "{\"method\": \"madgan\", \"optimizer\": {\"per_method\": {\"gan\": {\"d_lr\": 0}}}}"
        << "optimizer.per_method.gan.d_lr: the learning rate must be greater than 0";
    // Hostile values that crashed or wrapped before (issue 8): each is refused, by name.
    QTest::newRow("number beyond double") << "{\"optimizer\": {\"g_lr\": 1e400}}"
                                          << "malformed JSON";
    QTest::newRow("k wraps to 4") << "{\"generators\": 4294967300}"
                                  << "generators is too large";
    QTest::newRow("batch wraps to 128") << "{\"batch\": 4294967424}"
                                        << "batch is too large";
    QTest::newRow("width wraps") << "{\"generator\": {\"hidden\": [4294967297]}}"
                                 << "generator.hidden is too large";
    QTest::newRow("negative seed") << "{\"seed\": -1}"
                                   << "seed must not be negative";
    QTest::newRow("seed 2^63") << "{\"seed\": 9223372036854775808}"
                               << "seed: must be between 0 and 9223372036854775807";
    QTest::newRow("1e30 steps") << "{\"iterations\": 1e30}"
                                << "iterations is out of range";
    QTest::newRow("float lr too big") << "{\"optimizer\": {\"d_lr\": 1e300}}"
                                      << "optimizer.d_lr";
    QTest::newRow("lambda too big") << "{\"sim\": {\"lambda\": 1e300}}"
                                    << "sim.lambda";
    QTest::newRow("sd negligible") << "{\"mixture\": {\"modes\": [{\"mean\": 0, \"sd\": 1e-11}]}}"
                                   << "mixture.modes[0].sd";
    QTest::newRow("weights sum to infinity")
        << "{\"mixture\": {\"modes\": [{\"weight\": 1e308}, {\"weight\": 1e308}]}}"
        << "weights must add up to a finite number";
    QTest::newRow("metric range of 1e308") << "{\"metric_range\": [-1e308, 1e308]}"
                                           << "metric_range";
    QTest::newRow("metric range of 1e12") << "{\"metric_range\": [-1e12, 1e12]}"
                                          << "histogram bins";
    QTest::newRow("modes far apart")
        << "{\"mixture\": {\"modes\": [{\"mean\": -900000, \"sd\": 100}, "
           "{\"mean\": 900000, \"sd\": 100}]}}"
        << "the modes' default range";
    QTest::newRow("mean beyond float") << "{\"mixture\": {\"modes\": [{\"mean\": 1e300}]}}"
                                       << "mixture.modes[0].mean";
    QTest::newRow("too deep") << "{\"discriminator\": {\"hidden\": [8,8,8,8,8,8,8,8,8,8,8,8,8,"
                                 "8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8]}}"
                              << "at most 32 hidden layers";
    QTest::newRow("samples beyond memory") << "{\"samples\": 1000000000}"
                                           << "would need about";
    QTest::newRow("networks beyond memory")
        << "{\"generators\": 64, \"generator\": {\"hidden\": [8192, 8192]}, \"batch\": 65536}"
        << "would need about";
}

void TestTrainConfig::dataScalingAndSharedLayers()
{
    // The defaults: standardized data, separate generators; paper-1d keeps the authors' raw x.
    const TrainConfig plain = configFromJson("{}", "x.json");
    QCOMPARE(int(plain.dataScaling), int(DataScaling::Standardize));
    QCOMPARE(plain.generatorSharedLayers, 0);
    QCOMPARE(
        int(loadPreset("paper-1d", { MODESCOPE_PRESETS_DIR }).dataScaling), int(DataScaling::None));
    QCOMPARE(int(loadPreset("seed-3mode", { MODESCOPE_PRESETS_DIR }).dataScaling),
        int(DataScaling::Standardize));
    // A run folder's config.json from before the field (it has a version) was trained raw.
    const TrainConfig old = configFromJson(R"({"version": "0.6.0"})", "run/config.json");
    QCOMPARE(int(old.dataScaling), int(DataScaling::None));
    const TrainConfig shared = configFromJson(
        R"({"generator": {"hidden": [16, 16], "shared_layers": 2}, "data_scaling": "none"})", "x");
    QCOMPARE(shared.generatorSharedLayers, 2);
    QCOMPARE(int(shared.dataScaling), int(DataScaling::None));
    // Written by configToJson, both are read back as written.
    const std::string written = configToJson(shared, "cpu");
    QVERIFY(QString::fromStdString(written).contains("\"data_scaling\": \"none\""));
    QVERIFY(QString::fromStdString(written).contains("\"shared_layers\": 2"));
}

void TestTrainConfig::dataScaleMatchesAHandComputation()
{
    // 1-D: 1 and 3 have mean 2 and population sd 1.
    const DataScale line = dataScaleOf({ 1, 3 }, 1);
    QCOMPARE(line.shift, std::vector<double> { 2.0 });
    QCOMPARE(line.scale, 1.0);
    // 2-D: (0, 0) and (4, 0): mean (2, 0), variances 4 and 0, pooled sd sqrt((4 + 0) / 2).
    const DataScale plane = dataScaleOf({ 0, 0, 4, 0 }, 2);
    QCOMPARE(plane.shift, std::vector<double>({ 2.0, 0.0 }));
    QCOMPARE(plane.scale, std::sqrt(2.0));
    // One point has no spread: scale 1, never a division by zero.
    QCOMPARE(dataScaleOf({ 5 }, 1).scale, 1.0);
    // seed-3mode (-10, 0, 10, sd 1, equal weights): mean 0, variance 200 / 3 + 1. The estimate's
    // sd error over 10000 draws is about 0.8% of the sd, so 4% is 5 of its sd (p < 1e-6).
    const Mixture three({ { 1, -10, 1 }, { 1, 0, 1 }, { 1, 10, 1 } });
    const DataScale estimated = estimateDataScale(three, 7);
    const double sd = std::sqrt(200.0 / 3.0 + 1.0);
    QVERIFY2(
        std::abs(estimated.shift[0]) < 0.04 * sd, qPrintable(QString::number(estimated.shift[0])));
    QVERIFY2(
        std::abs(estimated.scale / sd - 1) < 0.04, qPrintable(QString::number(estimated.scale)));
    // The same seed, the same map: a resumed run trains in the space it started in.
    QCOMPARE(estimateDataScale(three, 7).scale, estimated.scale);
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

void TestTrainConfig::noPresetsNamesTheFoldersSearched()
{
    // An install whose share folder went missing: the message says where it looked.
    QTemporaryDir empty;
    try {
        loadPreset("paper-1d", { empty.path().toStdString() });
        QFAIL("found a preset in an empty folder");
    } catch (const ConfigError& e) {
        const QString message = QString::fromStdString(e.what());
        QVERIFY2(message.contains("no presets found"), qPrintable(message));
        QVERIFY2(message.contains(empty.path()), qPrintable(message));
        QVERIFY2(message.contains("MODESCOPE_PRESETS"), qPrintable(message));
    }
}

void TestTrainConfig::largestSeedRoundTrips()
{
    // 2^63 - 1 survives config.json: written as an integer, read back exactly.
    TrainConfig config;
    config.seed = 9223372036854775807ULL;
    config.iterations = 1'000'000'000'000LL;
    const TrainConfig back = configFromJson(configToJson(config), "config.json");
    QCOMPARE(back.seed, config.seed);
    QCOMPARE(back.iterations, config.iterations);
}

void TestTrainConfig::memoryRefusalGivesTheEstimate()
{
    TrainConfig config;
    QVERIFY(memoryRefusal(config, 24.0 * (1 << 30)).empty()); // paper-1d fits easily
    config.samplesPerGenerator = 10'000'000; // 4 x 1e7 samples through 128-wide layers
    const MemoryEstimate e = estimateMemory(config);
    // By hand: noise 1e7 x 64 floats, G's layers 4 x 1e7 x 257 activations x 2, host copies
    // 4 x 1e7 x 8 bytes x 4.
    const double expected = 4.0 * (1e7 * 64 + 4 * 1e7 * 257 * 2) + 8.0 * 4 * 1e7 * 4;
    QCOMPARE(e.evaluation, expected);
    const std::string why = memoryRefusal(config, 8.0 * (1 << 30));
    QVERIFY2(QString::fromStdString(why).contains("GiB"), why.c_str());
    QVERIFY2(QString::fromStdString(why).contains("samples"), why.c_str());
}

void TestTrainConfig::presetThatIsNotAFileIsRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("a folder") << "@DIR@"
                              << "is a folder";
    QTest::newRow("a device") << "/dev/zero"
                              << "not a regular file";
    QTest::newRow("too large") << "@BIG@"
                               << "bytes, more than";
}

void TestTrainConfig::presetThatIsNotAFileIsRefused()
{
    QFETCH(QString, path);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    QFile big(dir.filePath("big.json"));
    QVERIFY(big.open(QIODevice::WriteOnly));
    big.write(QByteArray(2 << 20, ' '));
    big.close();
    path.replace("@DIR@", dir.path()).replace("@BIG@", big.fileName());
    try {
        loadPreset(path.toStdString(), {});
        QFAIL("read something that is not a preset file");
    } catch (const ConfigError& e) {
        const QString message = QString::fromStdString(e.what());
        QVERIFY2(message.contains(mentions), qPrintable(message));
        QVERIFY2(message.startsWith(path), qPrintable(message));
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

void TestTrainConfig::twoDimensionalPresetsLoad()
{
    const std::vector<std::filesystem::path> dirs { MODESCOPE_PRESETS_DIR };
    const TrainConfig ring = loadPreset("ring-8", dirs);
    QCOMPARE(ring.dimension(), 2);
    QCOMPARE(ring.mixture.size(), 8);
    for (int m = 0; m < 8; ++m) { // PacGAN's ring: angle 2 pi m / 8 on the unit circle, sd 0.01
        const Mode& mode = ring.mixture.modes()[m];
        QVERIFY(std::abs(mode.mean[0] - std::cos(2 * M_PI * m / 8)) < 1e-9);
        QVERIFY(std::abs(mode.mean[1] - std::sin(2 * M_PI * m / 8)) < 1e-9);
        QCOMPARE(mode.sd, 0.01);
    }
    const TrainConfig grid = loadPreset("grid-25", dirs);
    QCOMPARE(grid.dimension(), 2);
    QCOMPARE(grid.mixture.size(), 25);
    std::set<std::pair<double, double>> means;
    for (const Mode& mode : grid.mixture.modes()) {
        means.insert({ mode.mean[0], mode.mean[1] });
        QCOMPARE(mode.sd, 0.05);
    }
    for (double x : { -4.0, -2.0, 0.0, 2.0, 4.0 })
        for (double y : { -4.0, -2.0, 0.0, 2.0, 4.0 })
            QVERIFY2(means.count({ x, y }), qPrintable(QString("(%1, %2)").arg(x).arg(y)));
    QCOMPARE(grid.effectiveViewRange(0), std::make_pair(-6.0, 6.0));
    QCOMPARE(grid.effectiveViewRange(1), std::make_pair(-6.0, 6.0));
    QCOMPARE(grid.generators, 10);
    QCOMPARE(ring.generators, 8);
}

void TestTrainConfig::twoDimensionalRoundTrip()
{
    // [low, high] in 2-D is both axes; written back as one range per axis.
    const TrainConfig c = configFromJson(
        R"({"mixture": {"modes": [{"weight": 2, "mean": [1, -1], "sd": 0.5}, {"mean": [3, 4]}]},
            "view_range": [-5, 5]})",
        "2d.json");
    QCOMPARE(c.dimension(), 2);
    QCOMPARE(c.mixture.modes()[0].mean, std::vector<double>({ 1.0, -1.0 }));
    QCOMPARE(c.effectiveViewRange(1), std::make_pair(-5.0, 5.0));
    const TrainConfig back = configFromJson(configToJson(c, "cpu"), "back.json");
    QCOMPARE(back.mixture.modes()[1].mean, std::vector<double>({ 3.0, 4.0 }));
    QCOMPARE(back.mixture.modes()[0].weight, 2.0);
    QCOMPARE(back.effectiveViewRange(0), std::make_pair(-5.0, 5.0));
    QCOMPARE(back.effectiveViewRange(1), std::make_pair(-5.0, 5.0));
    // Without a view range the box is every mode +-5 sd on each axis.
    const TrainConfig bare
        = configFromJson(R"({"mixture": {"modes": [{"mean": [0, 10], "sd": 1}]}})", "b");
    QCOMPARE(bare.effectiveViewRange(0), std::make_pair(-5.0, 5.0));
    QCOMPARE(bare.effectiveViewRange(1), std::make_pair(5.0, 15.0));
}

// Each route setting is read from its own object and written only for the method that reads it,
// so an earlier run's config.json (and two configs a population compares) stay as they were.
void TestTrainConfig::routeSettingsAreWrittenForTheirMethodAndReadBack()
{
    const TrainConfig unrolled = configFromJson(
        R"({"method": "unrolled", "unrolled": {"steps": 7, "second_order": false}})", "u.json");
    QCOMPARE(unrolled.unrolled.steps, 7);
    QCOMPARE(unrolled.unrolled.secondOrder, false);
    QCOMPARE(unrolled.effectiveGenerators(), 1);
    const TrainConfig back = configFromJson(configToJson(unrolled, "cpu"), "back.json");
    QCOMPARE(back.unrolled.steps, 7);
    QCOMPARE(back.unrolled.secondOrder, false);
    QVERIFY(configToJson(unrolled, "cpu").find("\"unrolled\"") != std::string::npos);

    const TrainConfig wgan = configFromJson(
        R"({"method": "wgan-gp", "wgan_gp": {"lambda": 0.1, "critic_steps": 3}})", "w.json");
    const TrainConfig wganBack = configFromJson(configToJson(wgan, "cpu"), "back.json");
    QCOMPARE(wganBack.wganGp.lambda, 0.1);
    QCOMPARE(wganBack.wganGp.criticSteps, 3);

    const TrainConfig pac
        = configFromJson(R"({"method": "pacgan", "pacgan": {"packing": 4}})", "p.json");
    QCOMPARE(configFromJson(configToJson(pac, "cpu"), "back.json").pacGan.packing, 4);
    QCOMPARE(pac.packing(), 4);

    // A madgan run's config.json has none of them; two pacgan runs of another m differ in
    // "pacgan" for a population.
    const std::string madgan = configToJson(configFromJson(R"({"method": "madgan"})", "m"), "");
    for (const char* key : { "\"unrolled\"", "\"wgan_gp\"", "\"pacgan\"" })
        QVERIFY2(madgan.find(key) == std::string::npos, key);
    TrainConfig pac2 = pac;
    pac2.pacGan.packing = 2;
    QCOMPARE(populationMismatch(pac, pac2), std::string("pacgan"));
    // The defaults: the papers' (WGAN-GP's lambda 10 and n_critic 5; PacGAN's m = 2).
    const TrainConfig plain = configFromJson("{}", "x.json");
    QCOMPARE(plain.unrolled.steps, 5);
    QCOMPARE(plain.unrolled.secondOrder, true);
    QCOMPARE(plain.wganGp.lambda, 10.0);
    QCOMPARE(plain.wganGp.criticSteps, 5);
    QCOMPARE(plain.pacGan.packing, 2);
}

// A preset that gives the plain GAN its own rates (as the image presets do, docs/IMAGES.md):
// the method chosen, by the preset, chooseMethod or a config read back, trains at its own.
void TestTrainConfig::perMethodRatesGiveEachMethodItsOwn()
{
    const char* preset = R"({"method": "madgan", "optimizer": {"g_lr": 1e-4, "d_lr": 8e-4,
        "per_method": {"gan": {"g_lr": 4e-4, "d_lr": 4e-4}, "pacgan": {"d_lr": 2e-4}}}})";
    TrainConfig config = configFromJson(preset, "p.json");
    // madgan is not named: the preset's g_lr and d_lr.
    QCOMPARE(config.live.generatorLr, 1e-4);
    QCOMPARE(config.live.discriminatorLr, 8e-4);
    config.chooseMethod(Method::Gan);
    QCOMPARE(config.live.generatorLr, 4e-4);
    QCOMPARE(config.live.discriminatorLr, 4e-4);
    // An entry that leaves a rate out takes the preset's.
    config.chooseMethod(Method::PacGan);
    QCOMPARE(config.live.generatorLr, 1e-4);
    QCOMPARE(config.live.discriminatorLr, 2e-4);
    config.chooseMethod(Method::MadGanSim);
    QCOMPARE(config.live.generatorLr, 1e-4);
    QCOMPARE(config.live.discriminatorLr, 8e-4);
    QVERIFY(config.live.simEnabled);

    // The preset's own method named: its rates from the start.
    const TrainConfig gan = configFromJson(
        R"({"method": "gan", "optimizer": {"g_lr": 1e-4, "per_method": {"gan": {"g_lr": 3e-4}}}})",
        "g.json");
    QCOMPARE(gan.live.generatorLr, 3e-4);
    QCOMPARE(gan.presetRates.generator, 1e-4);

    // Written and read back: the same rates for every method, and a sweep's method axis (which
    // sets "method" in the written JSON) gives each its own.
    const std::string written = configToJson(config, "");
    TrainConfig back = configFromJson(written, "back.json");
    QCOMPARE(back.live.generatorLr, 1e-4);
    QCOMPARE(back.live.discriminatorLr, 8e-4);
    back.chooseMethod(Method::Gan);
    QCOMPARE(back.live.generatorLr, 4e-4);
    // A rate changed live (the window's field) is the run's own in its config.json.
    TrainConfig edited = config;
    edited.live.discriminatorLr = 5e-4;
    const TrainConfig editedBack = configFromJson(configToJson(edited, ""), "e.json");
    QCOMPARE(editedBack.live.discriminatorLr, 5e-4);
    QCOMPARE(editedBack.ratesFor(Method::Gan).discriminator, 4e-4);

    // One rate for every method (typed in the window): the other stays each method's own.
    TrainConfig typed = config;
    typed.setRatesForEveryMethod(std::nullopt, 6e-4);
    QCOMPARE(typed.live.discriminatorLr, 6e-4);
    typed.chooseMethod(Method::Gan);
    QCOMPARE(typed.live.generatorLr, 4e-4);
    QCOMPARE(typed.live.discriminatorLr, 6e-4);
    QCOMPARE(typed.ratesFor(Method::MadGan).discriminator, 6e-4);
    // --lr's way: both rates for every method, the per-method ones gone.
    config.setRatesForEveryMethod(2e-4, 3e-4);
    config.chooseMethod(Method::Gan);
    QCOMPARE(config.live.generatorLr, 2e-4);
    QCOMPARE(config.live.discriminatorLr, 3e-4);
    QVERIFY(configToJson(config, "").find("per_method") == std::string::npos);

    // Without per_method, choosing a method leaves the rates alone.
    TrainConfig plain = configFromJson(R"({"optimizer": {"g_lr": 7e-4}})", "x.json");
    plain.chooseMethod(Method::Gan);
    QCOMPARE(plain.live.generatorLr, 7e-4);
    QVERIFY(configToJson(plain, "").find("per_method") == std::string::npos);

    // The image presets ship the plain GAN's own rates beside MAD-GAN's.
    for (const char* name : { "fashion-mnist", "stacked-fashion-mnist" }) {
        TrainConfig shipped = loadPreset(name, { MODESCOPE_PRESETS_DIR });
        QVERIFY(shipped.method == Method::MadGan);
        QCOMPARE(shipped.live.discriminatorLr, 8e-4);
        shipped.chooseMethod(Method::Gan);
        QCOMPARE(shipped.live.generatorLr, 2e-4);
        QCOMPARE(shipped.live.discriminatorLr, 1e-4);
    }
}

QTEST_APPLESS_MAIN(TestTrainConfig)
#include "tst_trainconfig.moc"
