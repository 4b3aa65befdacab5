// The trainer through its public API: exact resume, live settings at step boundaries,
// checkpoints of another shape, the snapshot's shape, device selection.
#include <QTemporaryDir>
#include <QtTest>

#include "modescope/ConfigError.h"
#include "modescope/Trainer.h"

using namespace modescope;

namespace
{
// A small, fast configuration: the paper's mixture with narrow networks.
TrainConfig smallConfig(Method method = Method::MadGanSim, int k = 3)
{
    TrainConfig c;
    c.method = method;
    c.generators = k;
    c.generator.hidden = { 16, 16 };
    c.discriminator.hidden = { 16, 16 };
    c.noiseDim = 8;
    c.batch = 32;
    c.device = DeviceChoice::Cpu;
    c.seed = 5;
    return c;
}
} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT
private slots:
    void resumeIsExact();
    void liveSettingsApplyAtTheNextStep();
    void checkpointOfAnotherShapeIsRefused_data();
    void checkpointOfAnotherShapeIsRefused();
    void snapshotHasOneCurvePerGenerator();
    void cudaWithoutCudaIsAClearError();
    void sameSeedSameRun();
};

void TestTrainer::resumeIsExact()
{
    QTemporaryDir dir;
    const std::string checkpoint = (dir.path() + "/checkpoint.pt").toStdString();
    Trainer straight(smallConfig());
    for (int s = 0; s < 30; ++s)
        straight.step();

    Trainer first(smallConfig());
    for (int s = 0; s < 18; ++s)
        first.step();
    first.saveCheckpoint(checkpoint);
    Trainer resumed(smallConfig());
    resumed.loadCheckpoint(checkpoint);
    QCOMPARE(resumed.iteration(), 18LL);
    for (int s = 0; s < 12; ++s)
        resumed.step();
    QCOMPARE(resumed.iteration(), 30LL);
    QVERIFY(resumed.flatParameters() == straight.flatParameters());
    QVERIFY(first.flatParameters() != straight.flatParameters());
}

void TestTrainer::liveSettingsApplyAtTheNextStep()
{
    Trainer trainer(smallConfig());
    for (int s = 0; s < 5; ++s)
        trainer.step();
    QVERIFY(trainer.lastLosses().simViolationRate > 0);

    // Switching Sim off keeps the step count and the networks; the next step trains without
    // the hinge, which a twin trainer that never had it on reproduces from the same state.
    QTemporaryDir dir;
    const std::string checkpoint = (dir.path() + "/c.pt").toStdString();
    trainer.saveCheckpoint(checkpoint);
    LiveSettings off = trainer.liveSettings();
    off.simEnabled = false;
    trainer.setLiveSettings(off);
    QCOMPARE(trainer.iteration(), 5LL);
    trainer.step();
    QCOMPARE(trainer.iteration(), 6LL);

    TrainConfig offConfig = smallConfig();
    offConfig.live.simEnabled = false;
    Trainer twin(offConfig);
    twin.loadCheckpoint(checkpoint);
    twin.step();
    QVERIFY(twin.flatParameters() == trainer.flatParameters());

    // And a trainer that kept Sim on took a different step.
    Trainer on(smallConfig());
    on.loadCheckpoint(checkpoint);
    on.step();
    QVERIFY(on.flatParameters() != trainer.flatParameters());
}

void TestTrainer::checkpointOfAnotherShapeIsRefused_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("width");
    QTest::newRow("other k") << int(Method::MadGanSim) << 4 << 16;
    QTest::newRow("other method") << int(Method::MadGan) << 3 << 16;
    QTest::newRow("other width") << int(Method::MadGanSim) << 3 << 24;
}

void TestTrainer::checkpointOfAnotherShapeIsRefused()
{
    QFETCH(int, method);
    QFETCH(int, k);
    QFETCH(int, width);
    QTemporaryDir dir;
    const std::string checkpoint = (dir.path() + "/c.pt").toStdString();
    Trainer(smallConfig()).saveCheckpoint(checkpoint);
    TrainConfig other = smallConfig(static_cast<Method>(method), k);
    other.generator.hidden = { width, 16 };
    Trainer trainer(other);
    QVERIFY_THROWS_EXCEPTION(ConfigError, trainer.loadCheckpoint(checkpoint));
    QVERIFY_THROWS_EXCEPTION(
        ConfigError, trainer.loadCheckpoint((dir.path() + "/none.pt").toStdString()));
}

void TestTrainer::snapshotHasOneCurvePerGenerator()
{
    Trainer trainer(smallConfig(Method::MadGan, 3));
    trainer.step();
    const Snapshot snap = trainer.snapshot(256, 400);
    QCOMPARE(snap.iteration, 1LL);
    QCOMPARE(snap.grid.size(), size_t(256));
    QCOMPARE(snap.generatorDensity.size(), size_t(3));
    for (const auto& density : snap.generatorDensity)
        QCOMPARE(density.size(), size_t(256));
    QCOMPARE(snap.owner.size(), size_t(256));
    QCOMPARE(snap.dReal.size(), size_t(256));
    // The true density integrates to ~1 over the +-5 sd range (trapezoid rule).
    double integral = 0;
    for (size_t p = 1; p < snap.grid.size(); ++p)
        integral += 0.5 * (snap.dataDensity[p] + snap.dataDensity[p - 1])
            * (snap.grid[p] - snap.grid[p - 1]);
    QVERIFY2(std::abs(integral - 1.0) < 0.01, qPrintable(QString::number(integral)));
    // The mixture curve is the average of the generators' curves.
    const size_t mid = 128;
    double mean = 0;
    for (const auto& density : snap.generatorDensity)
        mean += density[mid] / 3;
    QVERIFY(std::abs(mean - snap.mixtureDensity[mid]) < 1e-12);
    for (int owner : snap.owner)
        QVERIFY(owner >= 0 && owner < 3);
}

void TestTrainer::cudaWithoutCudaIsAClearError()
{
    TrainConfig c = smallConfig();
    if (cudaAvailable()) {
        c.device = DeviceChoice::Cuda;
        QCOMPARE(QString::fromStdString(Trainer(c).deviceName()), QString("cuda:0"));
        return;
    }
    c.device = DeviceChoice::Cuda;
    QVERIFY_THROWS_EXCEPTION(ConfigError, Trainer trainer(c));
    c.device = DeviceChoice::Auto;
    QCOMPARE(QString::fromStdString(Trainer(c).deviceName()), QString("cpu"));
}

void TestTrainer::sameSeedSameRun()
{
    Trainer a(smallConfig());
    Trainer b(smallConfig());
    for (int s = 0; s < 10; ++s) {
        a.step();
        b.step();
    }
    // Looking at a run (snapshots, samples) must not change how it trains.
    a.snapshot(64, 100);
    a.sample(50);
    a.step();
    b.step();
    QVERIFY(a.flatParameters() == b.flatParameters());
}

QTEST_APPLESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
