// The trainer through its public API: exact resume, live settings at step boundaries,
// checkpoints of another shape, the snapshot's shape, device selection.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "support/SmallConfig.h"
#include "modescope/config/ConfigError.h"
#include "modescope/maths/DataScale.h"
#include "modescope/training/Trainer.h"

using namespace modescope;

using test::smallConfig;

class TestTrainer : public QObject
{
    Q_OBJECT
private slots:
    void resumeIsExact_data();
    void resumeIsExact();
    void standardizedSamplesAreTheRawOnesMappedBack();
    void checkpointOfAnotherScalingOrTrunkIsRefused();
    void liveSettingsApplyAtTheNextStep();
    void checkpointOfAnotherShapeIsRefused_data();
    void checkpointOfAnotherShapeIsRefused();
    void snapshotHasOneCurvePerGenerator();
    void cudaWithoutCudaIsAClearError();
    void sameSeedSameRun();
    void twoHeadMethodsTrain_data();
    void twoHeadMethodsTrain();
    void liveNuAndLambdaChangeTheNextStep_data();
    void liveNuAndLambdaChangeTheNextStep();
    void discriminatorGetsNoUpdateInTheGeneratorPhase();
    void simSwitchesLiveInAMadganRun();
    void everyPhiTrainsAndChangesTheStep_data();
    void everyPhiTrainsAndChangesTheStep();
    void twoDimensionalSnapshotAndSamples();
    void twoDimensionalResumeIsExact();
    void wganGpTrainsACriticWithoutProbabilities();
    void pacganWithPacksOfOneIsThePlainGan();
    void checkpointOfAnotherPackingIsRefused();
};

void TestTrainer::resumeIsExact_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<int>("scaling");
    QTest::addColumn<int>("shared");
    const int sim = int(Method::MadGanSim);
    const int standardize = int(DataScaling::Standardize);
    QTest::newRow("standardized, separate generators") << sim << standardize << 0;
    QTest::newRow("raw x") << sim << int(DataScaling::None) << 0;
    QTest::newRow("standardized, shared trunk") << sim << standardize << 2;
    // The route methods keep more state per step (the unrolled D copies, n_critic batches and
    // the interpolation draws): all of it is re-created from the checkpoint's.
    QTest::newRow("unrolled") << int(Method::Unrolled) << standardize << 0;
    QTest::newRow("wgan-gp") << int(Method::WganGp) << standardize << 0;
    QTest::newRow("pacgan") << int(Method::PacGan) << standardize << 0;
}

void TestTrainer::resumeIsExact()
{
    QFETCH(int, method);
    QFETCH(int, scaling);
    QFETCH(int, shared);
    TrainConfig config = smallConfig(static_cast<Method>(method));
    config.dataScaling = static_cast<DataScaling>(scaling);
    config.generatorSharedLayers = shared;
    QTemporaryDir dir;
    const std::string checkpoint = (dir.path() + "/checkpoint.pt").toStdString();
    Trainer straight(config);
    for (int s = 0; s < 30; ++s)
        straight.step();

    Trainer first(config);
    for (int s = 0; s < 18; ++s)
        first.step();
    first.saveCheckpoint(checkpoint);
    const double clockAtSave = first.lastLosses().seconds;
    QVERIFY(clockAtSave > 0);
    Trainer resumed(config);
    resumed.loadCheckpoint(checkpoint);
    QCOMPARE(resumed.iteration(), 18LL);
    for (int s = 0; s < 12; ++s)
        resumed.step();
    QCOMPARE(resumed.iteration(), 30LL);
    QVERIFY(resumed.flatParameters() == straight.flatParameters());
    QVERIFY(first.flatParameters() != straight.flatParameters());
    // The training clock goes on from the checkpoint's (time to cure spans resumes).
    QVERIFY(resumed.lastLosses().seconds > clockAtSave);
}

void TestTrainer::standardizedSamplesAreTheRawOnesMappedBack()
{
    // The same seed builds the same networks whatever the scaling, and draws the same noise: a
    // standardized run's fresh samples are the raw run's mapped by x = m + s * g, with m and s
    // the data's mean and pooled sd (DataScale.h). The paper's mixture: m about 56, s about 37.3
    // (sqrt(6920 / 5 + 27 / 5)), where a raw generator starts near 0, far below every mode.
    TrainConfig raw = smallConfig();
    raw.dataScaling = DataScaling::None;
    TrainConfig scaled = raw;
    scaled.dataScaling = DataScaling::Standardize;
    const DataScale map = estimateDataScale(scaled.mixture, scaled.seed);
    QVERIFY2(std::abs(map.shift[0] - 56) < 3 && std::abs(map.scale - 37.3) < 2,
        qPrintable(QString("m %1, s %2").arg(map.shift[0]).arg(map.scale)));
    Trainer rawTrainer(raw);
    Trainer scaledTrainer(scaled);
    const auto g = rawTrainer.sample(200);
    const auto x = scaledTrainer.sample(200);
    for (size_t i = 0; i < g.size(); ++i)
        for (size_t p = 0; p < g[i].size(); ++p)
            QVERIFY2(std::abs(x[i][p] - (map.shift[0] + map.scale * g[i][p])) < 1e-4 * map.scale,
                qPrintable(QString("G%1 sample %2: %3 vs %4")
                               .arg(i + 1)
                               .arg(p)
                               .arg(x[i][p])
                               .arg(map.shift[0] + map.scale * g[i][p])));
}

void TestTrainer::checkpointOfAnotherScalingOrTrunkIsRefused()
{
    QTemporaryDir dir;
    const std::string checkpoint = (dir.path() + "/c.pt").toStdString();
    TrainConfig config = smallConfig(); // standardized, separate generators
    Trainer(config).saveCheckpoint(checkpoint);
    TrainConfig raw = config;
    raw.dataScaling = DataScaling::None;
    TrainConfig shared = config;
    shared.generatorSharedLayers = 1;
    for (const TrainConfig& other : { raw, shared }) {
        Trainer trainer(other);
        try {
            trainer.loadCheckpoint(checkpoint);
            QFAIL("a checkpoint of another scaling or trunk was loaded");
        } catch (const ConfigError& e) {
            QVERIFY2(QString(e.what()).contains("of another shape"), e.what());
        }
    }
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
    const auto before = std::chrono::steady_clock::now();
    const Snapshot snap = trainer.snapshot(256, 400);
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - before).count();
    QCOMPARE(snap.iteration, 1LL);
    // It says how long it took to make (the window spaces its snapshots by it).
    QVERIFY2(snap.makingSeconds > 0 && snap.makingSeconds <= wall,
        qPrintable(QString("%1 of %2 s").arg(snap.makingSeconds).arg(wall)));
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

void TestTrainer::twoHeadMethodsTrain_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<int>("k"); // as trained
    QTest::newRow("gan (asked for 3, trains 1)") << int(Method::Gan) << 1;
    QTest::newRow("independent") << int(Method::Independent) << 3;
    QTest::newRow("unrolled (asked for 3, trains 1)") << int(Method::Unrolled) << 1;
    QTest::newRow("pacgan (asked for 3, trains 1)") << int(Method::PacGan) << 1;
}

void TestTrainer::twoHeadMethodsTrain()
{
    QFETCH(int, method);
    QFETCH(int, k);
    Trainer trainer(smallConfig(static_cast<Method>(method), 3));
    const std::vector<float> start = trainer.flatParameters();
    for (int s = 0; s < 20; ++s)
        trainer.step();
    const StepLosses losses = trainer.lastLosses();
    QCOMPARE(losses.iteration, 20LL);
    QCOMPARE(int(losses.gLosses.size()), k);
    for (double g : losses.gLosses)
        QVERIFY(std::isfinite(g) && g > 0); // -log of a probability
    QVERIFY(std::isfinite(losses.dLoss) && losses.dLoss > 0);
    // No Sim terms for two-head methods: not measured (nan), never a misleading 0.
    QVERIFY(std::isnan(losses.simViolationRate));
    QVERIFY(std::isnan(losses.simHinge));
    QCOMPARE(losses.simOn, false);
    QVERIFY(trainer.flatParameters() != start);
    const Snapshot snap = trainer.snapshot(64, 200);
    QCOMPARE(int(snap.generatorDensity.size()), k);
    // D has two heads (real, fake): it cannot say which generator owns x.
    for (int owner : snap.owner)
        QCOMPARE(owner, -1);
    QCOMPARE(int(trainer.evaluate(100).ownership.size()), k);
}

void TestTrainer::liveNuAndLambdaChangeTheNextStep_data()
{
    QTest::addColumn<double>("nu");
    QTest::addColumn<double>("lambda");
    QTest::newRow("nu 0.5 -> 2") << 2.0 << 1.0;
    QTest::newRow("lambda 1 -> 3") << 0.5 << 3.0;
}

void TestTrainer::liveNuAndLambdaChangeTheNextStep()
{
    QFETCH(double, nu);
    QFETCH(double, lambda);
    Trainer trainer(smallConfig());
    for (int s = 0; s < 5; ++s)
        trainer.step();
    QVERIFY(trainer.lastLosses().simViolationRate > 0); // the hinge is active
    QTemporaryDir dir;
    const std::string checkpoint = (dir.path() + "/c.pt").toStdString();
    trainer.saveCheckpoint(checkpoint);

    LiveSettings changed = trainer.liveSettings();
    changed.simNu = nu;
    changed.simLambda = lambda;
    trainer.setLiveSettings(changed);
    trainer.step();

    // A twin started with the new values from the same state takes the same step...
    TrainConfig changedConfig = smallConfig();
    changedConfig.live.simNu = nu;
    changedConfig.live.simLambda = lambda;
    Trainer twin(changedConfig);
    twin.loadCheckpoint(checkpoint);
    twin.step();
    QVERIFY(twin.flatParameters() == trainer.flatParameters());
    // ...and one that kept the old values does not: the change was not a no-op.
    Trainer unchanged(smallConfig());
    unchanged.loadCheckpoint(checkpoint);
    unchanged.step();
    QVERIFY(unchanged.flatParameters() != trainer.flatParameters());
}

void TestTrainer::discriminatorGetsNoUpdateInTheGeneratorPhase()
{
    // D's own step made negligible (lr 1e-37), G's large: whatever moves D now moves it in
    // the G phase, which SPEC section 1 forbids.
    TrainConfig config = smallConfig();
    config.live.discriminatorLr = 1e-37;
    config.live.generatorLr = 1e-2;
    Trainer trainer(config);
    // flatParameters: G's parameters first. Each of the 3 generators: 8x16+16, 16x16+16, 16+1.
    const size_t generatorCount = 3 * (8 * 16 + 16 + 16 * 16 + 16 + 16 + 1);
    const std::vector<float> before = trainer.flatParameters();
    for (int s = 0; s < 5; ++s)
        trainer.step();
    const std::vector<float> after = trainer.flatParameters();
    QCOMPARE(after.size(), before.size());
    double generatorMove = 0.0;
    double discriminatorMove = 0.0;
    for (size_t p = 0; p < after.size(); ++p) {
        const double move = std::abs(double(after[p]) - double(before[p]));
        (p < generatorCount ? generatorMove : discriminatorMove) += move;
    }
    QVERIFY2(generatorMove > 1e-3, qPrintable(QString::number(generatorMove)));
    QVERIFY2(discriminatorMove < 1e-30, qPrintable(QString::number(discriminatorMove)));

    // The control: with its usual rate D does move, so the measure above can fail.
    config.live.discriminatorLr = 1e-4;
    Trainer moving(config);
    for (int s = 0; s < 5; ++s)
        moving.step();
    const std::vector<float> moved = moving.flatParameters();
    double control = 0.0;
    for (size_t p = generatorCount; p < moved.size(); ++p)
        control += std::abs(double(moved[p]) - double(before[p]));
    QVERIFY(control > 1e-4);
}

void TestTrainer::simSwitchesLiveInAMadganRun()
{
    // madgan starts with Sim off; a twin switched on at step 0 shares the first step's D update
    // and its logged losses (g_loss_i is the MAD-GAN loss, the hinge logged apart), then its
    // generators move differently: the switch is not a no-op in a madgan run.
    Trainer plain(smallConfig(Method::MadGan, 3));
    Trainer switched(smallConfig(Method::MadGan, 3));
    QCOMPARE(plain.liveSettings().simEnabled, false);
    LiveSettings on = switched.liveSettings();
    on.simEnabled = true;
    switched.setLiveSettings(on);
    plain.step();
    switched.step();
    const StepLosses a = plain.lastLosses();
    const StepLosses b = switched.lastLosses();
    QCOMPARE(a.simOn, false);
    QCOMPARE(b.simOn, true);
    QCOMPARE(a.gLosses, b.gLosses);
    QCOMPARE(a.dLoss, b.dLoss);
    // The hinge is measured with Sim off too, so a user sees what switching it on would add.
    QVERIFY(a.simHinge > 0);
    QCOMPARE(a.simHinge, b.simHinge);
    QVERIFY(a.simViolationRate > 0 && a.simViolationRate <= 1);
    QVERIFY(plain.flatParameters() != switched.flatParameters());

    // And off again: the next step is what a twin that never had it on takes from that state.
    QTemporaryDir dir;
    const std::string checkpoint = (dir.path() + "/c.pt").toStdString();
    switched.saveCheckpoint(checkpoint);
    on.simEnabled = false;
    switched.setLiveSettings(on);
    switched.step();
    QCOMPARE(switched.lastLosses().simOn, false);
    Trainer twin(smallConfig(Method::MadGan, 3));
    twin.loadCheckpoint(checkpoint);
    twin.step();
    QVERIFY(twin.flatParameters() == switched.flatParameters());
}

void TestTrainer::everyPhiTrainsAndChangesTheStep_data()
{
    QTest::addColumn<QString>("phi");
    QTest::newRow("discriminator-preactivation") << "discriminator-preactivation";
    QTest::newRow("discriminator-centred") << "discriminator-centred";
    QTest::newRow("generator") << "generator";
}

void TestTrainer::everyPhiTrainsAndChangesTheStep()
{
    // Each feature map trains with finite losses and a measured hinge, and takes a step of its
    // own: the same seed with the default phi (D's activated features) ends elsewhere.
    QFETCH(QString, phi);
    TrainConfig config = smallConfig(Method::MadGanSim, 3);
    config.phi = *parsePhiSource(phi.toStdString());
    QCOMPARE(QString::fromStdString(toString(config.phi)), phi);
    Trainer trainer(config);
    Trainer standard(smallConfig(Method::MadGanSim, 3));
    for (int s = 0; s < 3; ++s) {
        trainer.step();
        standard.step();
    }
    const StepLosses losses = trainer.lastLosses();
    QVERIFY(std::isfinite(losses.simHinge) && losses.simHinge >= 0);
    QVERIFY(losses.simViolationRate >= 0 && losses.simViolationRate <= 1);
    QVERIFY(trainer.flatParameters() != standard.flatParameters());
}

namespace
{
// smallConfig on four 2-D modes, the view box [-3, 3] x [-2, 4].
TrainConfig mapConfig(Method method = Method::MadGanSim, int k = 3)
{
    TrainConfig c = smallConfig(method, k);
    c.mixture = Mixture(
        { { 1, std::vector<double> { -2, 0 }, 0.3 }, { 1, std::vector<double> { 2, 0 }, 0.3 },
            { 1, std::vector<double> { 0, 2 }, 0.3 }, { 1, std::vector<double> { 0, -1 }, 0.3 } });
    c.viewRange = { -3, 3 };
    c.viewRangeY = { -2, 4 };
    return c;
}
} // namespace

void TestTrainer::twoDimensionalSnapshotAndSamples()
{
    Trainer trainer(mapConfig());
    trainer.step();
    const auto samples = trainer.sample(70);
    QCOMPARE(samples.size(), size_t(3));
    QCOMPARE(samples[0].size(), size_t(140)); // x, y in turn
    const Snapshot snap = trainer.snapshot(512, 600); // the map grid, whatever 512 says
    QCOMPARE(snap.dimension, 2);
    QCOMPARE(snap.grid.size(), size_t(kMapGridPoints));
    QCOMPARE(snap.gridY.size(), size_t(kMapGridPoints));
    QCOMPARE(snap.grid.front(), -3.0);
    QCOMPARE(snap.grid.back(), 3.0);
    QCOMPARE(snap.gridY.front(), -2.0);
    QCOMPARE(snap.gridY.back(), 4.0);
    const size_t cells = size_t(kMapGridPoints) * kMapGridPoints;
    QCOMPARE(snap.dataDensity.size(), cells);
    QCOMPARE(snap.dReal.size(), cells);
    QCOMPARE(snap.owner.size(), cells);
    QCOMPARE(snap.mixtureDensity.size(), cells);
    QCOMPARE(snap.generatorDensity.size(), size_t(3));
    QCOMPARE(snap.generatorDensity[2].size(), cells);
    QCOMPARE(snap.points.size(), size_t(3));
    QCOMPARE(snap.points[0].size(), size_t(2 * kScatterPoints)); // 500 of the 600
    // Cell (ix, iy) is [iy * 128 + ix]: the data density there is the mixture's at (x, y).
    const size_t ix = 21, iy = 64;
    const double at[] = { snap.grid[ix], snap.gridY[iy] };
    QCOMPARE(snap.dataDensity[iy * kMapGridPoints + ix], mapConfig().mixture.density(at));
    // The density integrates to ~1 over the box (its modes lie well inside).
    const double cell = (6.0 / 127) * (6.0 / 127);
    double mass = 0;
    for (double v : snap.dataDensity)
        mass += v * cell;
    QVERIFY2(std::abs(mass - 1.0) < 0.02, qPrintable(QString::number(mass)));
    // D's probabilities on the grid, and owners among the 3 generators.
    for (double d : snap.dReal)
        QVERIFY(d >= 0 && d <= 1);
    for (int owner : snap.owner)
        QVERIFY(owner >= 0 && owner < 3);
    QVERIFY(std::isnan(snap.metrics.chiSquare)); // 1-D only
    QCOMPARE(snap.metrics.ownership[0].size(), size_t(4));
    // A 2-head D names no owner.
    Trainer gan(mapConfig(Method::Gan, 1));
    for (int owner : gan.snapshot().owner)
        QCOMPARE(owner, -1);
}

void TestTrainer::twoDimensionalResumeIsExact()
{
    QTemporaryDir dir;
    const std::string checkpoint = (dir.path() + "/checkpoint.pt").toStdString();
    Trainer straight(mapConfig());
    for (int s = 0; s < 20; ++s)
        straight.step();
    Trainer first(mapConfig());
    for (int s = 0; s < 12; ++s)
        first.step();
    first.saveCheckpoint(checkpoint);
    Trainer resumed(mapConfig());
    resumed.loadCheckpoint(checkpoint);
    for (int s = 0; s < 8; ++s)
        resumed.step();
    QVERIFY(resumed.flatParameters() == straight.flatParameters());
    // A 1-D run of otherwise the same shape does not take a 2-D checkpoint.
    Trainer line(smallConfig());
    try {
        line.loadCheckpoint(checkpoint);
        QFAIL("a 1-D run took a 2-D checkpoint");
    } catch (const ConfigError& e) { // the message tells the two shapes apart by d
        QVERIFY2(QString(e.what()).contains(" d=2) than this run (")
                && QString(e.what()).endsWith(" d=1)"),
            e.what());
    }
}

// WGAN-GP: one generator, a critic of one output whose scores are no probabilities. The logged
// D loss is the critic's objective (it may be negative); G's is -mean c(G(z)); the snapshot's
// D curve is the critic scaled to [0, 1] over the view and says so.
void TestTrainer::wganGpTrainsACriticWithoutProbabilities()
{
    TrainConfig config = smallConfig(Method::WganGp, 3);
    config.wganGp.criticSteps = 3;
    Trainer trainer(config);
    const std::vector<float> start = trainer.flatParameters();
    for (int s = 0; s < 10; ++s)
        trainer.step();
    const StepLosses losses = trainer.lastLosses();
    QCOMPARE(losses.iteration, 10LL);
    QCOMPARE(int(losses.gLosses.size()), 1);
    QVERIFY(std::isfinite(losses.dLoss) && std::isfinite(losses.gLosses[0]));
    QVERIFY(std::isnan(losses.simViolationRate));
    QVERIFY(trainer.flatParameters() != start);
    const Snapshot snap = trainer.snapshot(64, 200);
    QCOMPARE(snap.reading.column, std::string("critic_scaled"));
    QCOMPARE(int(snap.generatorDensity.size()), 1);
    const auto [lo, hi] = std::minmax_element(snap.dReal.begin(), snap.dReal.end());
    QCOMPARE(*lo, 0.0); // scaled over the view: its lowest point is 0, its highest 1
    QCOMPARE(*hi, 1.0);
    for (int owner : snap.owner)
        QCOMPARE(owner, -1);
}

// PacGAN with m = 1 is the plain GAN (issue 22): the same draws, networks and steps, to the bit.
// With m = 2 the same seed trains another run: D's first layer sees two samples.
void TestTrainer::pacganWithPacksOfOneIsThePlainGan()
{
    TrainConfig pac = smallConfig(Method::PacGan, 1);
    pac.pacGan.packing = 1;
    const TrainConfig gan = smallConfig(Method::Gan, 1);
    Trainer a(pac), b(gan);
    for (int s = 0; s < 15; ++s) {
        a.step();
        b.step();
    }
    QVERIFY(a.flatParameters() == b.flatParameters());
    QCOMPARE(a.lastLosses().dLoss, b.lastLosses().dLoss);

    pac.pacGan.packing = 2;
    Trainer packed(pac);
    QVERIFY(packed.flatParameters().size() > b.flatParameters().size()); // D's wider first layer
    for (int s = 0; s < 15; ++s)
        packed.step();
    QVERIFY(std::isfinite(packed.lastLosses().dLoss));
    QCOMPARE(packed.snapshot(64, 200).reading.label, std::string("D_real (pack)"));
}

void TestTrainer::checkpointOfAnotherPackingIsRefused()
{
    QTemporaryDir dir;
    const std::string checkpoint = (dir.path() + "/c.pt").toStdString();
    TrainConfig two = smallConfig(Method::PacGan, 1);
    Trainer(two).saveCheckpoint(checkpoint);
    TrainConfig three = two;
    three.pacGan.packing = 3;
    Trainer trainer(three);
    try {
        trainer.loadCheckpoint(checkpoint);
        QFAIL("a checkpoint packing 2 samples was loaded into a run packing 3");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains("pack=2"), e.what());
    }
}

QTEST_APPLESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
