// The product's headline claim, judged as a rate over seeds and never on one seed: on seed-3mode
// (the preset's settings: standardized data, k = 3, lr 5e-4) MAD-GAN-Sim covers every mode by
// kSteps in at least kMinCovered of kSeeds seeds, and a plain GAN on the same seeds misses a mode
// in at least kMinCollapsed of them. In 2-D the same on four modes at the ends of a cross.
//
// The seeds were never used to choose a setting (the defaults were chosen on seeds 1-20,
// sweeps/cure-seed-3mode.json); MODESCOPE_CONVERGENCE_SEED moves the first one, so anyone can
// try seeds this file has never seen. A run is reproducible for one BLAS kernel set and thread
// count only, so each seed is a fresh draw on a machine the test was not tuned on.
//
// The chance of a false failure: with each seed succeeding independently with probability p,
// a check fails when fewer than m of its n seeds succeed, P(Bin(n, p) < m). Measured
// (docs/RESULTS.md, "The cure"): on seed-3mode madgan-sim covered every mode by step 2100 in 20
// of 20 tuning seeds and by step 1700 in 10 of 10 fresh ones, and gan missed a mode in 30 of 30;
// on cross-4 (k = 4) madgan-sim covered all four modes in 16 of 20 seeds (the rest stuck at
// three from the start) and gan missed modes in 20 of 20. Taking p = 0.95 for every rate
// measured at 100% and p = 0.8 for cross-4's madgan-sim: P(Bin(8, 0.95) < 5) = 0.04% for each
// 1-D check, P(Bin(5, 0.8) < 2) = 0.67% and P(Bin(5, 0.95) < 3) = 0.12% for the 2-D checks:
// 0.87% for the whole file.
#include <QtTest>

#include <cstdlib>
#include <set>
#include <string>

#include "modescope/config/ConfigJson.h"
#include "modescope/training/Trainer.h"

using namespace modescope;

namespace
{
constexpr int kSteps = 2500; // every seed measured was cured by 2100 (~18 s a run on two cores)
constexpr int kSeeds = 8;
constexpr int kMinCovered = 5; // of kSeeds: MAD-GAN-Sim covers every mode
constexpr int kMinCollapsed = 5; // of kSeeds: the plain GAN misses a mode
constexpr unsigned long long kFirstSeed = 1001; // never used to choose a default

constexpr int kSeeds2d = 5;
constexpr int kMinCovered2d = 2; // of kSeeds2d: MAD-GAN-Sim covers all four modes
constexpr int kMinCollapsed2d = 3; // of kSeeds2d: the plain GAN misses a mode
constexpr unsigned long long kFirstSeed2d = 2001;

unsigned long long firstSeed(unsigned long long fallback)
{
    const char* env = std::getenv("MODESCOPE_CONVERGENCE_SEED");
    return env && *env ? std::stoull(env) : fallback;
}

Metrics train(TrainConfig config, Method method, unsigned long long seed)
{
    config.method = method;
    config.live.simEnabled = method == Method::MadGanSim;
    config.seed = seed;
    config.device = DeviceChoice::Cpu;
    Trainer trainer(config);
    for (long long s = 0; s < config.iterations; ++s)
        trainer.step();
    return trainer.evaluate(2000);
}

// How many of `seeds` seeds from `first` end with every mode covered (modes_balanced).
int seedsCoveringEveryMode(
    const TrainConfig& config, Method method, unsigned long long first, int seeds, const char* name)
{
    int covered = 0;
    for (int s = 0; s < seeds; ++s) {
        const Metrics m = train(config, method, first + s);
        const bool all = m.modesBalanced == config.mixture.size();
        covered += all ? 1 : 0;
        qInfo("%s seed %llu: %d of %d modes covered, HQ %.3f", name, first + s, m.modesBalanced,
            config.mixture.size(), m.hqFraction);
    }
    return covered;
}
} // namespace

class TestConvergence : public QObject
{
    Q_OBJECT
private slots:
    void madganSimCoversEveryModeOnMostSeeds();
    void plainGanMissesAModeOnMostSeeds();
    void twoDimensionsGanMissesModesMadganSimCovers();
};

void TestConvergence::madganSimCoversEveryModeOnMostSeeds()
{
    TrainConfig config = loadPreset("seed-3mode", { MODESCOPE_PRESETS_DIR });
    config.iterations = kSteps;
    const unsigned long long first = firstSeed(kFirstSeed);
    const int covered
        = seedsCoveringEveryMode(config, Method::MadGanSim, first, kSeeds, "madgan-sim");
    QVERIFY2(covered >= kMinCovered,
        qPrintable(QString("madgan-sim covered every mode in %1 of %2 seeds (from %3); at least "
                           "%4 expected")
                       .arg(covered)
                       .arg(kSeeds)
                       .arg(first)
                       .arg(kMinCovered)));
}

void TestConvergence::plainGanMissesAModeOnMostSeeds()
{
    TrainConfig config = loadPreset("seed-3mode", { MODESCOPE_PRESETS_DIR });
    config.iterations = kSteps;
    const unsigned long long first = firstSeed(kFirstSeed);
    const int covered = seedsCoveringEveryMode(config, Method::Gan, first, kSeeds, "gan");
    QVERIFY2(kSeeds - covered >= kMinCollapsed,
        qPrintable(QString("gan covered every mode in %1 of %2 seeds (from %3): no collapse to "
                           "show beside the cure")
                       .arg(covered)
                       .arg(kSeeds)
                       .arg(first)));
}

void TestConvergence::twoDimensionsGanMissesModesMadganSimCovers()
{
    // sweeps/cure-cross-4.json: four modes of sd 0.3 at (+-4, 0) and (0, +-4), k = 4; the cured
    // runs there were cured by step 700 but one (1800), so 2000 steps (~15 s a madgan-sim run).
    const TrainConfig config = configFromJson(R"({
        "mixture": {"modes": [{"mean": [-4, 0], "sd": 0.3}, {"mean": [4, 0], "sd": 0.3},
                              {"mean": [0, -4], "sd": 0.3}, {"mean": [0, 4], "sd": 0.3}]},
        "view_range": [-7, 7], "method": "madgan-sim", "generators": 4,
        "optimizer": {"g_lr": 5e-4, "d_lr": 5e-4}, "iterations": 2000})",
        "cross-4");
    const unsigned long long first = firstSeed(kFirstSeed2d);
    const int sim
        = seedsCoveringEveryMode(config, Method::MadGanSim, first, kSeeds2d, "madgan-sim");
    const int gan = seedsCoveringEveryMode(config, Method::Gan, first, kSeeds2d, "gan");
    QVERIFY2(sim >= kMinCovered2d,
        qPrintable(
            QString("madgan-sim covered all four modes in %1 of %2 seeds").arg(sim).arg(kSeeds2d)));
    QVERIFY2(kSeeds2d - gan >= kMinCollapsed2d,
        qPrintable(QString("gan covered all four modes in %1 of %2 seeds").arg(gan).arg(kSeeds2d)));
}

QTEST_APPLESS_MAIN(TestConvergence)
#include "tst_convergence.moc"
