// Image targets (issue 25): a config names IDX files and is read, written and refused field by
// field; a trainer on Fashion-MNIST draws its generators' images in [-1, 1], judges them into
// class measures, shows a row of real images a class, refuses files of another size naming
// them, and resumes from a checkpoint exactly as if never stopped. Trains on the first few
// hundred images with small networks, so the judge trains in about a second (in a cache folder
// of the test's own).
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <set>

#include "modescope/config/ConfigError.h"
#include "modescope/config/ConfigJson.h"
#include "modescope/images/Judge.h"
#include "modescope/io/IdxFile.h"
#include "modescope/training/Trainer.h"

using namespace modescope;
namespace fs = std::filesystem;

class TestImageTraining : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void anImageConfigIsReadAndWrittenBack();
    void imageFieldsAreRefusedNamingThem_data();
    void imageFieldsAreRefusedNamingThem();
    void generatorsDrawImagesInTheDataRange();
    void imagesAreJudgedIntoClassMeasures();
    void aSnapshotShowsEachGeneratorsImagesAndOneRealImageAClass();
    void filesOfAnotherSizeOrMissingAreRefusedNamingThem();
    void aResumedImageRunIsTheUninterruptedOne();
    void aStackedTargetIsThreeImagesOfAThousandClasses();
    void aStackedRunDrawsThreeChannelsAndJudgesEachApart();

private:
    QTemporaryDir m_cache;
};

namespace
{
const fs::path kFashion = "/usr/share/datasets/fashion-mnist";

// Fashion-MNIST's first 300 training images, k = 2, small networks.
TrainConfig smallImageConfig(Method method = Method::MadGan)
{
    TrainConfig c;
    c.images = ImageTarget {};
    c.images->limit = 300;
    c.method = method;
    c.generators = 2;
    c.generator.hidden = { 32 };
    c.discriminator.hidden = { 32 };
    c.noiseDim = 8;
    c.batch = 16;
    c.samplesPerGenerator = 20;
    c.seed = 5;
    return c;
}
} // namespace

void TestImageTraining::initTestCase()
{
    if (!fs::exists(kFashion / "train-images-idx3-ubyte.gz"))
        QSKIP("Fashion-MNIST is not installed (Debian: dataset-fashion-mnist; tools/quickstart.sh "
              "installs it)");
    QVERIFY(m_cache.isValid());
    qputenv("MODESCOPE_CACHE", m_cache.path().toUtf8()); // judges trained here stay here
}

void TestImageTraining::anImageConfigIsReadAndWrittenBack()
{
    const TrainConfig read = configFromJson(R"({"images": {"images": "/data/x.idx",
        "labels": "/data/y.idx", "rows": 20, "cols": 24, "classes": 3,
        "class_names": ["a", "b", "c, d"], "limit": 50}, "method": "gan"})",
        "test.json");
    QVERIFY(read.images.has_value());
    QCOMPARE(read.images->images, std::string("/data/x.idx"));
    QCOMPARE(read.images->labels, std::string("/data/y.idx"));
    QCOMPARE(read.dimension(), 20 * 24);
    QCOMPARE(read.modeCount(), 3);
    QCOMPARE(read.images->className(2), std::string("c, d"));
    QCOMPARE(read.images->limit, 50LL);
    const TrainConfig again = configFromJson(configToJson(read), "again.json");
    QVERIFY(again.images.has_value());
    QCOMPARE(again.images->rows, 20);
    QCOMPARE(again.images->cols, 24);
    QCOMPARE(again.images->classNames, read.images->classNames);
    QCOMPARE(again.images->limit, 50LL);
    QVERIFY(configToJson(read).find("\"mixture\"") == std::string::npos);
    // Without names a class is its number.
    QCOMPARE(ImageTarget {}.className(7), std::string("7"));
    // The shipped preset is an image target of ten named classes.
    const TrainConfig preset = loadPreset("fashion-mnist", defaultPresetDirs());
    QVERIFY(preset.images.has_value());
    QCOMPARE(preset.modeCount(), 10);
    QCOMPARE(preset.images->className(9), std::string("Ankle boot"));
}

void TestImageTraining::imageFieldsAreRefusedNamingThem_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("named");
    QTest::newRow("both targets")
        << R"({"images": {}, "mixture": {"modes": [{"weight": 1, "mean": 0, "sd": 1}]}})"
        << "mixture";
    QTest::newRow("too small") << R"({"images": {"rows": 8}})"
                               << "images.rows";
    QTest::newRow("too wide") << R"({"images": {"cols": 1000}})"
                              << "images.cols";
    QTest::newRow("one class") << R"({"images": {"classes": 1}})"
                               << "images.classes";
    QTest::newRow("names short") << R"({"images": {"classes": 3, "class_names": ["a"]}})"
                                 << "images.class_names";
    QTest::newRow("names not strings") << R"({"images": {"class_names": [1, 2]}})"
                                       << "images.class_names";
    QTest::newRow("negative limit") << R"({"images": {"limit": -1}})"
                                    << "images.limit";
    QTest::newRow("no file") << R"({"images": {"images": ""}})"
                             << "images.images";
    QTest::newRow("unknown field") << R"({"images": {"colour": true}})"
                                   << "images.colour";
    QTest::newRow("stacked, 11 classes") << R"({"images": {"stacked": true, "classes": 11}})"
                                         << "images.stacked";
    QTest::newRow("stacked, not a flag") << R"({"images": {"stacked": "yes"}})"
                                         << "images.stacked";
}

void TestImageTraining::imageFieldsAreRefusedNamingThem()
{
    QFETCH(QString, json);
    QFETCH(QString, named);
    try {
        configFromJson(json.toStdString(), "bad.json");
        QFAIL("accepted");
    } catch (const ConfigError& e) {
        const QString message = QString::fromStdString(e.what());
        QVERIFY2(message.contains("bad.json") && message.contains(named), qPrintable(message));
    }
}

void TestImageTraining::generatorsDrawImagesInTheDataRange()
{
    Trainer trainer(smallImageConfig());
    for (int s = 0; s < 5; ++s)
        trainer.step();
    const auto samples = trainer.sample(7);
    QCOMPARE(samples.size(), size_t(2));
    for (const auto& images : samples) {
        QCOMPARE(images.size(), size_t(7 * 784));
        for (double v : images)
            QVERIFY2(v >= -1.0 && v <= 1.0, "a pixel outside tanh's range");
    }
}

void TestImageTraining::imagesAreJudgedIntoClassMeasures()
{
    Trainer trainer(smallImageConfig());
    trainer.step();
    const auto samples = trainer.sample(20);
    const std::vector<JudgedImage> judged = trainer.judge(samples);
    QCOMPARE(judged.size(), size_t(40));
    QCOMPARE(judged.front().generator, 0);
    QCOMPARE(judged.back().generator, 1);
    for (const JudgedImage& image : judged) {
        QVERIFY(image.label >= 0 && image.label < 10);
        QVERIFY(image.probability >= 0.1 - 1e-6 && image.probability <= 1.0 + 1e-6);
    }
    // evaluate() is the same images through the same judge, into ClassMetrics' measures.
    const Metrics metrics = trainer.evaluate(20);
    QCOMPARE(metrics.ownership.size(), size_t(2));
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(metrics.ownership[i].size(), size_t(10));
        double share = 0;
        int mostJudged = 0;
        std::vector<int> counts(10, 0);
        for (const JudgedImage& image : judged)
            if (image.generator == i)
                ++counts[image.label];
        for (int c = 0; c < 10; ++c) {
            share += metrics.ownership[i][c];
            QCOMPARE(metrics.ownership[i][c], counts[c] / 20.0);
            if (counts[c] > counts[mostJudged])
                mostJudged = c;
        }
        QCOMPARE(share, 1.0);
        QCOMPARE(metrics.dominantMode[i], mostJudged);
    }
    QVERIFY(std::isnan(metrics.chiSquare));
    QVERIFY(metrics.modesBalanced >= 0 && metrics.modesBalanced <= 10);
}

void TestImageTraining::aSnapshotShowsEachGeneratorsImagesAndOneRealImageAClass()
{
    Trainer trainer(smallImageConfig());
    trainer.step();
    const Snapshot snap = trainer.snapshot(512, 20);
    QCOMPARE(snap.imageRows, 28);
    QCOMPARE(snap.imageCols, 28);
    QVERIFY(snap.grid.empty());
    QCOMPARE(snap.images.size(), size_t(2));
    QCOMPARE(snap.images[0].size(), size_t(kSnapshotImages * 784));
    for (float v : snap.images[1])
        QVERIFY(v >= 0.0f && v <= 1.0f);
    // The first 300 images hold every class: the real row is the first image of each, in order.
    const ImageSet set = readImageSet(
        kFashion / "train-images-idx3-ubyte.gz", kFashion / "train-labels-idx1-ubyte.gz");
    QCOMPARE(snap.realImages.size(), size_t(10 * 784));
    for (int c = 0; c < 10; ++c) {
        size_t first = 0;
        while (set.labels[first] != c)
            ++first;
        for (size_t p = 0; p < 784; p += 97)
            QCOMPARE(snap.realImages[c * 784 + p], set.pixels[first * 784 + p] / 255.0f);
    }
    QCOMPARE(snap.metrics.ownership.size(), size_t(2));
}

void TestImageTraining::filesOfAnotherSizeOrMissingAreRefusedNamingThem()
{
    TrainConfig wrongSize = smallImageConfig();
    wrongSize.images->rows = 27;
    try {
        Trainer trainer(wrongSize);
        QFAIL("accepted images of another size");
    } catch (const ConfigError& e) {
        const QString message = e.what();
        QVERIFY2(message.contains("train-images-idx3-ubyte.gz") && message.contains("28 x 28"),
            qPrintable(message));
    }
    TrainConfig fewClasses = smallImageConfig();
    fewClasses.images->classes = 5;
    try {
        Trainer trainer(fewClasses);
        QFAIL("accepted labels beyond images.classes");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains("train-labels-idx1-ubyte.gz"), e.what());
    }
    // The first five images hold four classes of ten: the other six could never be covered.
    TrainConfig tooFew = smallImageConfig();
    tooFew.images->limit = 5;
    try {
        Trainer trainer(tooFew);
        QFAIL("accepted a subset without every class");
    } catch (const ConfigError& e) {
        const QString message = e.what();
        QVERIFY2(message.contains("train-labels-idx1-ubyte.gz") && message.contains("images.limit"),
            qPrintable(message));
    }
    TrainConfig missing = smallImageConfig();
    missing.images->images = (fs::path(m_cache.path().toStdString()) / "none.idx").string();
    try {
        Trainer trainer(missing);
        QFAIL("accepted a missing file");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains("none.idx"), e.what());
    }
}

void TestImageTraining::aResumedImageRunIsTheUninterruptedOne()
{
    const fs::path file = fs::path(m_cache.path().toStdString()) / "images.pt";
    const TrainConfig config = smallImageConfig(Method::MadGanSim);
    Trainer whole(config);
    for (int s = 0; s < 12; ++s)
        whole.step();
    Trainer first(config);
    for (int s = 0; s < 6; ++s)
        first.step();
    first.saveCheckpoint(file);
    Trainer resumed(config);
    resumed.loadCheckpoint(file);
    for (int s = 0; s < 6; ++s)
        resumed.step();
    QVERIFY(whole.flatParameters() == resumed.flatParameters());
    // ... and the same images come out.
    QVERIFY(whole.sample(3) == resumed.sample(3));
}

void TestImageTraining::aStackedTargetIsThreeImagesOfAThousandClasses()
{
    const TrainConfig read = configFromJson(R"({"images": {"stacked": true}})", "stacked.json");
    QVERIFY(read.images->stacked);
    QCOMPARE(read.images->channels(), 3);
    QCOMPARE(read.dimension(), 3 * 28 * 28);
    QCOMPARE(read.modeCount(), 1000);
    // A stacked class is its three channels' classes as digits, whatever the classes' names.
    QCOMPARE(read.images->className(318), std::string("318"));
    QCOMPARE(read.images->className(7), std::string("007"));
    const TrainConfig again = configFromJson(configToJson(read), "again.json");
    QVERIFY(again.images->stacked);
    // A plain target's file says nothing of stacking, as before it existed.
    QVERIFY(configToJson(smallImageConfig()).find("stacked") == std::string::npos);
    // The shipped stacked preset: Fashion-MNIST's classes cubed.
    const TrainConfig preset = loadPreset("stacked-fashion-mnist", defaultPresetDirs());
    QVERIFY(preset.images && preset.images->stacked);
    QCOMPARE(preset.modeCount(), 1000);
    QCOMPARE(preset.images->className(999), std::string("999"));
}

void TestImageTraining::aStackedRunDrawsThreeChannelsAndJudgesEachApart()
{
    TrainConfig config = smallImageConfig();
    config.images->stacked = true;
    Trainer trainer(config);
    trainer.step();
    const auto samples = trainer.sample(6);
    QCOMPARE(samples.size(), size_t(2));
    QCOMPARE(samples[0].size(), size_t(6 * 3 * 784));
    // Each image's class is its three planes' classes as judged one by one, read in base 10.
    const std::vector<JudgedImage> judged = trainer.judge(samples);
    QCOMPARE(judged.size(), size_t(12));
    const std::shared_ptr<const Judge> judge = judgeOf(config);
    for (size_t i = 0; i < 2; ++i) {
        std::vector<float> planes; // [-1, 1] -> [0, 1], as the trainer hands them to the judge
        for (double v : samples[i])
            planes.push_back(static_cast<float>((v + 1.0) / 2.0));
        const std::vector<JudgedImage> alone = judge->judge(planes, 18);
        for (size_t n = 0; n < 6; ++n) {
            const JudgedImage& image = judged[i * 6 + n];
            QCOMPARE(image.generator, static_cast<int>(i));
            QCOMPARE(image.label,
                alone[3 * n].label * 100 + alone[3 * n + 1].label * 10 + alone[3 * n + 2].label);
            QVERIFY(std::abs(image.probability
                        - alone[3 * n].probability * alone[3 * n + 1].probability
                            * alone[3 * n + 2].probability)
                < 1e-6);
        }
    }
    // evaluate() measures the same images over the 1000 stacked classes.
    const Metrics metrics = trainer.evaluate(6);
    QCOMPARE(metrics.samplesPerGenerator, 6);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(metrics.ownership[i].size(), size_t(1000));
        std::vector<int> counts(1000, 0);
        for (const JudgedImage& image : judged)
            if (image.generator == i)
                ++counts[image.label];
        for (int c = 0; c < 1000; ++c)
            QCOMPARE(metrics.ownership[i][c], counts[c] / 6.0);
    }

    // The snapshot says its images have three planes, and its real row is ten stacked images
    // whose every plane is one of the 300 images trained on.
    const Snapshot snap = trainer.snapshot(512, 6);
    QCOMPARE(snap.imageChannels, 3);
    QCOMPARE(snap.images[0].size(), size_t(6 * 3 * 784));
    QCOMPARE(snap.realImages.size(), size_t(kStackedRealImages * 3 * 784));
    const ImageSet set = readImageSet(
        kFashion / "train-images-idx3-ubyte.gz", kFashion / "train-labels-idx1-ubyte.gz");
    std::set<size_t> used;
    for (size_t plane = 0; plane < size_t(kStackedRealImages * 3); ++plane) {
        bool found = false;
        for (size_t i = 0; i < 300 && !found; ++i) {
            found = true;
            for (size_t p = 0; p < 784 && found; ++p)
                found = snap.realImages[plane * 784 + p] == set.pixels[i * 784 + p] / 255.0f;
            if (found)
                used.insert(i);
        }
        QVERIFY2(
            found, qPrintable(QString("plane %1 is none of the images trained on").arg(plane)));
    }
    // Drawn, not the same image thrice: 30 draws from 300 repeat little (the chance that they
    // come from 10 images or fewer is below 1e-20).
    QVERIFY(used.size() > 10);
}

QTEST_GUILESS_MAIN(TestImageTraining)
#include "tst_imagetraining.moc"
