// A population (Population.h) against runs trained alone: the same numbers within float
// rounding, members that do not see each other, and state that moves both ways (checkpoints,
// release) without loss.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "support/SmallConfig.h"
#include "modescope/config/ConfigError.h"
#include "modescope/training/Population.h"
#include "modescope/training/Trainer.h"

using namespace modescope;

namespace
{

// The tolerance of "the same numbers": the batched products add in another order than a run's
// own, so values differ in the last bits of a float (relative 1e-7) and the difference grows
// slowly over steps.
constexpr double kStepOneTolerance = 1e-5;

TrainConfig configFor(Method method, unsigned long long seed, int dimension = 1, int shared = 0)
{
    TrainConfig c = test::smallConfig(method, method == Method::Gan ? 1 : 3);
    c.seed = seed;
    c.generatorSharedLayers = shared;
    if (dimension == 2)
        c.mixture = Mixture({ Mode(1, { -2.0, 0.0 }, 0.2), Mode(1, { 2.0, 0.0 }, 0.2),
            Mode(1, { 0.0, 2.0 }, 0.2) });
    return c;
}

double largestDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    double worst = a.size() == b.size() ? 0.0 : INFINITY;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        worst = std::max(worst, std::abs(static_cast<double>(a[i]) - b[i]));
    return worst;
}

void compareLosses(const StepLosses& got, const StepLosses& want, double tolerance)
{
    QVERIFY2(std::abs(got.dLoss - want.dLoss) <= tolerance * std::abs(want.dLoss),
        qPrintable(
            QString("d_loss %1 vs %2").arg(got.dLoss, 0, 'g', 9).arg(want.dLoss, 0, 'g', 9)));
    QCOMPARE(got.gLosses.size(), want.gLosses.size());
    for (size_t i = 0; i < want.gLosses.size(); ++i)
        QVERIFY2(
            std::abs(got.gLosses[i] - want.gLosses[i]) <= tolerance * std::abs(want.gLosses[i]),
            qPrintable(QString("g_loss_%1 %2 vs %3")
                           .arg(i)
                           .arg(got.gLosses[i], 0, 'g', 9)
                           .arg(want.gLosses[i], 0, 'g', 9)));
    QCOMPARE(got.simOn, want.simOn);
    QCOMPARE(std::isnan(got.simHinge), std::isnan(want.simHinge));
    if (!std::isnan(want.simHinge))
        QVERIFY(std::abs(got.simHinge - want.simHinge) <= tolerance * (1 + want.simHinge));
    QCOMPARE(got.iteration, want.iteration);
}

} // namespace

class TestPopulation : public QObject
{
    Q_OBJECT
private slots:
    void eachMemberMatchesItsRunAlone_data();
    void eachMemberMatchesItsRunAlone();
    void aPopulationOfOneMatchesARunAlone();
    void membersDoNotSeeEachOther();
    void aMemberCheckpointResumesAlone();
    void checkpointsLoadIntoMembers();
    void aReleasedMemberLeavesTheOthersAsTheyWere();
    void runsOfAnotherShapeAreRefused();
    void membersAtDifferentStepsAreRefused();
    void liveSettingsReachEveryMember();
    void aMemberThatDivergesLeavesTheOthersUntouched();
};

void TestPopulation::eachMemberMatchesItsRunAlone_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<int>("dimension");
    QTest::addColumn<int>("shared");
    QTest::newRow("gan") << int(Method::Gan) << 1 << 0;
    QTest::newRow("independent") << int(Method::Independent) << 1 << 0;
    QTest::newRow("madgan") << int(Method::MadGan) << 1 << 0;
    QTest::newRow("madgan-sim") << int(Method::MadGanSim) << 1 << 0;
    QTest::newRow("madgan-sim 2-D") << int(Method::MadGanSim) << 2 << 0;
    QTest::newRow("madgan shared trunk") << int(Method::MadGan) << 1 << 1;
    QTest::newRow("pacgan") << int(Method::PacGan) << 1 << 0; // batched, packs of 2
    // Not batched: each member steps alone, in turn (trainsBatched).
    QTest::newRow("unrolled") << int(Method::Unrolled) << 1 << 0;
    QTest::newRow("wgan-gp") << int(Method::WganGp) << 1 << 0;
}

// Step 1 of every member equals step 1 of its seed trained alone: the same draws, the same
// initial networks, the same losses and the same updated parameters.
void TestPopulation::eachMemberMatchesItsRunAlone()
{
    QFETCH(int, method);
    QFETCH(int, dimension);
    QFETCH(int, shared);
    std::vector<TrainConfig> configs;
    for (unsigned long long seed : { 11ull, 12ull, 13ull, 14ull })
        configs.push_back(configFor(Method(method), seed, dimension, shared));
    Population population(configs);
    QCOMPARE(population.size(), 4);
    population.step();
    for (int s = 0; s < 4; ++s) {
        Trainer alone(configs[s]);
        alone.step();
        compareLosses(population.member(s).lastLosses(), alone.lastLosses(), kStepOneTolerance);
        QVERIFY2(
            largestDifference(population.member(s).flatParameters(), alone.flatParameters()) < 1e-6,
            qPrintable(QString("member %1").arg(s)));
    }
}

// S = 1 over many steps: the difference stays at float rounding (measured: 2e-5 in a parameter
// after 200 steps; the bound leaves room for another BLAS's order of addition).
void TestPopulation::aPopulationOfOneMatchesARunAlone()
{
    const TrainConfig config = configFor(Method::MadGanSim, 21);
    Population population({ config });
    Trainer alone(config);
    for (int step = 0; step < 200; ++step) {
        population.step();
        alone.step();
    }
    compareLosses(population.member(0).lastLosses(), alone.lastLosses(), 1e-3);
    const double difference
        = largestDifference(population.member(0).flatParameters(), alone.flatParameters());
    QVERIFY2(difference < 1e-3, qPrintable(QString("largest difference %1").arg(difference)));
    QCOMPARE(population.member(0).evaluate(500).modesCaptured, alone.evaluate(500).modesCaptured);
}

// Changing one member's seed changes nothing of the others: their parameters after 30 steps
// are the same to the bit.
void TestPopulation::membersDoNotSeeEachOther()
{
    Population a({ configFor(Method::MadGanSim, 1), configFor(Method::MadGanSim, 2),
        configFor(Method::MadGanSim, 3) });
    Population b({ configFor(Method::MadGanSim, 1), configFor(Method::MadGanSim, 99),
        configFor(Method::MadGanSim, 3) });
    for (int step = 0; step < 30; ++step) {
        a.step();
        b.step();
    }
    QVERIFY(a.member(0).flatParameters() == b.member(0).flatParameters());
    QVERIFY(a.member(2).flatParameters() == b.member(2).flatParameters());
    QVERIFY(a.member(1).flatParameters() != b.member(1).flatParameters());
    QCOMPARE(a.member(2).lastLosses().dLoss, b.member(2).lastLosses().dLoss);
}

// A member's checkpoint is an ordinary run's: a Trainer alone loads it and trains on as the
// population would have.
void TestPopulation::aMemberCheckpointResumesAlone()
{
    QTemporaryDir dir;
    const std::string file = (dir.path() + "/member1.pt").toStdString();
    Population population({ configFor(Method::MadGan, 7), configFor(Method::MadGan, 8) });
    for (int step = 0; step < 20; ++step)
        population.step();
    population.member(1).saveCheckpoint(file);

    Trainer alone(configFor(Method::MadGan, 8));
    alone.loadCheckpoint(file);
    QCOMPARE(alone.iteration(), 20LL);
    QVERIFY(alone.flatParameters() == population.member(1).flatParameters());
    for (int step = 0; step < 10; ++step) {
        population.step();
        alone.step();
    }
    compareLosses(population.member(1).lastLosses(), alone.lastLosses(), 1e-4);
    QVERIFY(
        largestDifference(population.member(1).flatParameters(), alone.flatParameters()) < 1e-4);
}

// Runs trained alone join a population from their checkpoints (a sweep resumed with
// populations) and train on as they would have alone.
void TestPopulation::checkpointsLoadIntoMembers()
{
    QTemporaryDir dir;
    std::vector<TrainConfig> configs { configFor(Method::MadGanSim, 31),
        configFor(Method::MadGanSim, 32) };
    std::vector<std::unique_ptr<Trainer>> alone;
    Population population(configs);
    for (int s = 0; s < 2; ++s) {
        alone.push_back(std::make_unique<Trainer>(configs[s]));
        for (int step = 0; step < 15; ++step)
            alone[s]->step();
        const std::string file = (dir.path() + QString("/%1.pt").arg(s)).toStdString();
        alone[s]->saveCheckpoint(file);
        population.loadCheckpoint(s, file);
    }
    QCOMPARE(population.iteration(), 15LL);
    for (int step = 0; step < 5; ++step) {
        population.step();
        alone[0]->step();
        alone[1]->step();
    }
    for (int s = 0; s < 2; ++s) {
        QCOMPARE(population.member(s).iteration(), 20LL);
        compareLosses(population.member(s).lastLosses(), alone[s]->lastLosses(), 1e-4);
    }
}

// Releasing member 1 of three hands it over at its current step, and members 0 and 2 go on as
// a population of just those two would have (to the bit: a member never sees the others).
void TestPopulation::aReleasedMemberLeavesTheOthersAsTheyWere()
{
    Population three({ configFor(Method::MadGan, 41), configFor(Method::MadGan, 42),
        configFor(Method::MadGan, 43) });
    Population two({ configFor(Method::MadGan, 41), configFor(Method::MadGan, 43) });
    for (int step = 0; step < 5; ++step) {
        three.step();
        two.step();
    }
    const std::vector<float> before = three.member(1).flatParameters();
    std::unique_ptr<Trainer> released = three.release(1);
    QCOMPARE(three.size(), 2);
    QCOMPARE(released->iteration(), 5LL);
    QCOMPARE(released->config().seed, 42ull);
    QVERIFY(released->flatParameters() == before);
    for (int step = 0; step < 5; ++step) {
        three.step();
        two.step();
    }
    QCOMPARE(three.member(1).config().seed, 43ull);
    QVERIFY(three.member(0).flatParameters() == two.member(0).flatParameters());
    QVERIFY(three.member(1).flatParameters() == two.member(1).flatParameters());
    QCOMPARE(released->iteration(), 5LL); // it left: the population's steps are not its own
}

void TestPopulation::runsOfAnotherShapeAreRefused()
{
    TrainConfig other = configFor(Method::MadGan, 2);
    other.batch = 64;
    try {
        Population population({ configFor(Method::MadGan, 1), other });
        QFAIL("a member of another batch size was taken");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains("member 1") && QString(e.what()).contains("batch"),
            e.what());
    }
    // The schedule and the seed may differ.
    TrainConfig longer = configFor(Method::MadGan, 3);
    longer.iterations = 5 * longer.iterations;
    longer.logEvery = 7;
    Population fine({ configFor(Method::MadGan, 1), longer });
    QCOMPARE(fine.size(), 2);
    QVERIFY_THROWS_EXCEPTION(ConfigError, Population(std::vector<TrainConfig> {}));
}

void TestPopulation::membersAtDifferentStepsAreRefused()
{
    QTemporaryDir dir;
    const std::string file = (dir.path() + "/ahead.pt").toStdString();
    Trainer ahead(configFor(Method::MadGan, 52));
    for (int step = 0; step < 3; ++step)
        ahead.step();
    ahead.saveCheckpoint(file);
    Population population({ configFor(Method::MadGan, 51), configFor(Method::MadGan, 52) });
    population.loadCheckpoint(1, file);
    QVERIFY_THROWS_EXCEPTION(std::logic_error, population.step());
    QCOMPARE(population.member(0).iteration(), 0LL); // nothing trained
}

void TestPopulation::liveSettingsReachEveryMember()
{
    Population population({ configFor(Method::MadGanSim, 61), configFor(Method::MadGanSim, 62) });
    LiveSettings off = population.member(0).liveSettings();
    off.simEnabled = false;
    population.setLiveSettings(off);
    population.step();
    for (int s = 0; s < 2; ++s) {
        QCOMPARE(population.member(s).liveSettings().simEnabled, false);
        QCOMPARE(population.member(s).lastLosses().simOn, false);
        QVERIFY(std::isfinite(population.member(s).lastLosses().simHinge)); // still measured
    }
}

// A member whose state is ruined (a run stepped once at an absurd learning rate) fails alone:
// its losses are not finite, and its neighbour trains as it would without it, to the bit.
void TestPopulation::aMemberThatDivergesLeavesTheOthersUntouched()
{
    QTemporaryDir dir;
    const std::string good = (dir.path() + "/good.pt").toStdString();
    const std::string ruined = (dir.path() + "/ruined.pt").toStdString();
    {
        Trainer a(configFor(Method::MadGanSim, 71));
        a.step();
        a.saveCheckpoint(good);
        TrainConfig absurd = configFor(Method::MadGanSim, 72);
        absurd.live.generatorLr = absurd.live.discriminatorLr = 1e30;
        Trainer b(absurd);
        b.step();
        b.saveCheckpoint(ruined); // the same shape: only the state is absurd
    }
    Population both({ configFor(Method::MadGanSim, 71), configFor(Method::MadGanSim, 72) });
    both.loadCheckpoint(0, good);
    both.loadCheckpoint(1, ruined);
    Population alone({ configFor(Method::MadGanSim, 71) });
    alone.loadCheckpoint(0, good);
    for (int step = 0; step < 5; ++step) {
        both.step();
        alone.step();
    }
    QVERIFY_THROWS_EXCEPTION(TrainingError, both.member(1).lastLosses());
    QVERIFY(std::isfinite(both.member(0).lastLosses().dLoss));
    QVERIFY(both.member(0).flatParameters() == alone.member(0).flatParameters());
    both.release(1);
    both.step();
    QVERIFY(std::isfinite(both.member(0).lastLosses().dLoss));
}

QTEST_APPLESS_MAIN(TestPopulation)
#include "tst_population.moc"
