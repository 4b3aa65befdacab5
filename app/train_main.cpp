// modescope-train: the headless trainer. Same engine as the window, for batch runs and benchmarks.
#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <optional>

#include "TrainProgress.h"
#include "modescope/BlasCore.h"
#include "modescope/ConfigError.h"
#include "modescope/ConfigJson.h"
#include "modescope/MatmulPeak.h"
#include "modescope/StepCost.h"
#include "modescope/RunFolder.h"
#include "modescope/Trainer.h"

namespace
{

using namespace modescope;
using app::TrainProgress;
namespace fs = std::filesystem;

// Exit codes, documented in --help.
constexpr int kExitOk = 0;
constexpr int kExitBadInput = 2;
constexpr int kExitTrainingFailed = 3;
constexpr int kExitInterrupted = 130;

constexpr long long kCheckpointEvery = 1000; // steps between checkpoints (and at the end)
constexpr int kBenchWarmupSteps = 50; // steps run before the benchmark's clock starts

std::atomic<bool> g_interrupted { false }; // set by the signal handler, read by the loop

struct Options {
    std::string preset = "paper-1d";
    std::optional<std::string> method;
    std::optional<int> generators;
    std::optional<long long> iterations;
    std::optional<double> lr;
    std::optional<unsigned long long> seed;
    std::optional<std::string> device;
    std::optional<int> batch;
    std::optional<int> logEvery;
    std::optional<int> samples;
    bool sim = false; // --sim: force the Sim hinge on
    bool noSim = false; // --no-sim: force it off
    std::string out;
    std::string resume;
    bool bench = false;
    int benchSteps = 500;
};

// Flags override the preset (or, with --resume, the run's own config.json).
TrainConfig buildConfig(const Options& o)
{
    TrainConfig config = o.resume.empty() ? loadPreset(o.preset, defaultPresetDirs())
                                          : loadConfigFile(fs::path(o.resume) / "config.json");
    if (o.method) {
        const auto method = parseMethod(*o.method);
        if (!method)
            throw ConfigError(
                "--method: must be one of gan, independent, madgan, madgan-sim, got \"" + *o.method
                + "\"");
        config.method = *method;
    }
    if (o.device) {
        const auto device = parseDeviceChoice(*o.device);
        if (!device)
            throw ConfigError("--device: must be auto, cpu or cuda, got \"" + *o.device + "\"");
        config.device = *device;
    }
    if (o.generators)
        config.generators = *o.generators;
    if (o.iterations)
        config.iterations = *o.iterations;
    if (o.lr)
        config.live.generatorLr = config.live.discriminatorLr = *o.lr;
    if (o.seed)
        config.seed = *o.seed;
    if (o.batch)
        config.batch = *o.batch;
    if (o.logEvery)
        config.logEvery = *o.logEvery;
    if (o.samples)
        config.samplesPerGenerator = *o.samples;
    if (o.sim && o.noSim)
        throw ConfigError("--sim and --no-sim: give one of them");
    if (o.sim || o.noSim)
        config.live.simEnabled = o.sim;
    validate(config);
    return config;
}

int runBench(Trainer& trainer, int steps)
{
    for (int s = 0; s < kBenchWarmupSteps; ++s)
        trainer.step();
    trainer.lastLosses(); // waits for the device
    const auto start = std::chrono::steady_clock::now();
    for (int s = 0; s < steps; ++s)
        trainer.step();
    trainer.lastLosses();
    const double seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const TrainConfig& c = trainer.config();
    const double stepsPerSecond = steps / seconds;
    // The BLAS-bound limit: the step's matrix-product work at the device's measured peak.
    const double flopsPerStep = matmulFlopsPerStep(c);
    constexpr int kPeakSide = 1024; // square products for the device's peak
    const double peakGflops = measureMatmulGflops(c.device, kPeakSide, kPeakSide, kPeakSide);
    const int width = c.discriminator.hidden.empty() ? 1 : c.discriminator.hidden.front();
    const double stepShapeGflops
        = measureMatmulGflops(c.device, (c.effectiveGenerators() + 1) * c.batch, width, width, 0.5);
    const double boundStepsPerSecond = peakGflops * 1e9 / flopsPerStep;
    std::string blasCore = openBlasCore();
    std::printf("{\"steps_per_second\": %.2f, \"samples_per_second\": %.0f, \"method\": \"%s\", "
                "\"generators\": %d, \"device\": \"%s\", \"batch\": %d, \"steps\": %d, "
                "\"preset\": \"%s\", \"mflop_per_step\": %.2f, \"achieved_gflops\": %.2f, "
                "\"matmul_peak_gflops\": %.1f, \"matmul_step_shape_gflops\": %.1f, "
                "\"blas_bound_steps_per_second\": %.1f, "
                "\"share_of_blas_bound\": %.3f, \"blas_core\": \"%s\", \"threads\": %d}\n",
        stepsPerSecond, stepsPerSecond * c.batch * c.effectiveGenerators(),
        toString(c.method).c_str(), c.effectiveGenerators(), trainer.deviceName().c_str(), c.batch,
        steps, c.presetName.c_str(), flopsPerStep / 1e6, flopsPerStep * stepsPerSecond / 1e9,
        peakGflops, stepShapeGflops, boundStepsPerSecond, stepsPerSecond / boundStepsPerSecond,
        blasCore.empty() ? "none" : blasCore.c_str(), computeThreads());
    return kExitOk;
}

int runTraining(Trainer& trainer, const Options& o)
{
    const TrainConfig& config = trainer.config();
    std::optional<RunFolder> folder;
    if (!o.out.empty()) {
        folder.emplace(o.out);
        folder->writeConfig(config, trainer.deviceName());
        folder->openMetrics(
            trainer.config().effectiveGenerators(), !o.resume.empty(), trainer.iteration());
    }
    TrainProgress progress(trainer.iteration(), config.iterations, stderr);
    int status = kExitOk;
    long long lastCheckpoint = trainer.iteration();
    Metrics metrics;
    long long metricsIteration = -1; // the step `metrics` describes
    try {
        while (trainer.iteration() < config.iterations) {
            if (g_interrupted) {
                std::fprintf(
                    stderr, "\ninterrupted at step %lld: saving the run\n", trainer.iteration());
                status = kExitInterrupted;
                break;
            }
            trainer.step();
            const long long it = trainer.iteration();
            if (it % config.logEvery != 0 && it != config.iterations)
                continue;
            const StepLosses losses = trainer.lastLosses(); // throws on a non-finite loss
            metrics = trainer.evaluate(config.samplesPerGenerator);
            metricsIteration = it;
            progress.update(losses, metrics, config.mixture.size());
            if (folder) {
                folder->appendMetrics(losses, metrics);
                if (it - lastCheckpoint >= kCheckpointEvery) {
                    trainer.saveCheckpoint(folder->checkpointPath());
                    lastCheckpoint = it;
                }
            }
        }
    } catch (const TrainingError& e) {
        progress.finish();
        std::fprintf(stderr, "modescope-train: %s; the last good checkpoint (step %lld) is kept\n",
            e.what(), lastCheckpoint);
        return kExitTrainingFailed;
    }
    progress.finish();
    if (folder) {
        trainer.saveCheckpoint(folder->checkpointPath());
        folder->writeSamples(trainer.sample(config.samplesPerGenerator));
        folder->writeDensity(trainer.snapshot());
        std::fprintf(stderr, "run written to %s\n", folder->dir().c_str());
    }
    if (metricsIteration != trainer.iteration()) // interrupted between two logged steps
        metrics = trainer.evaluate(config.samplesPerGenerator);
    std::fprintf(stderr,
        "step %lld: modes captured %d/%d, balanced %d/%d, high quality %.1f%%, "
        "reverse KL %.4f\n",
        trainer.iteration(), metrics.modesCaptured, config.mixture.size(), metrics.modesBalanced,
        config.mixture.size(), 100 * metrics.hqFraction, metrics.reverseKl);
    return status;
}

} // namespace

int main(int argc, char** argv)
{
    modescope::restartWithBetterBlas(argv); // first: before any thread or file is opened
    Options o;
    CLI::App cli {
        "modescope-train: trains the MAD-GAN family on a 1-D mixture without a window.\n"
        "Exit codes: 0 done, 2 bad input (nothing written), 3 training failed "
        "(non-finite loss; the last good checkpoint is kept), 130 interrupted (run saved)."
    };
    cli.add_option(
           "--preset", o.preset,
           "Preset name (" +
               [] {
                   std::string names;
                   for (const auto& n : presetNames(defaultPresetDirs()))
                       names += (names.empty() ? "" : ", ") + n;
                   return names;
               }()
               + ") or a path to a preset .json file")
        ->capture_default_str();
    cli.add_option("--method", o.method, "gan | independent | madgan | madgan-sim");
    cli.add_option("--generators,-k", o.generators, "Number of generators k, 1..64 (gan uses 1)");
    cli.add_option("--iterations,-n", o.iterations,
        "Total training steps; with --resume, the step to stop at");
    cli.add_option("--lr", o.lr, "Adam learning rate of both networks");
    cli.add_option("--seed", o.seed, "Random seed (networks, noise, data)");
    cli.add_option("--device", o.device, "auto | cpu | cuda (auto takes CUDA when present)");
    cli.add_option("--batch", o.batch, "Samples per generator (and real samples) per step");
    cli.add_option("--out,-o", o.out,
        "Run folder to write (config.json, metrics.csv, samples.csv, "
        "density.csv, checkpoint.pt)");
    cli.add_option("--resume", o.resume,
        "Run folder to resume from; it is also the output unless --out is given");
    cli.add_option("--log-every", o.logEvery, "Steps between metrics.csv rows and progress lines");
    cli.add_option(
        "--samples", o.samples, "Samples per generator for metrics and samples.csv (2500)");
    cli.add_flag("--sim", o.sim, "Switch the MAD-GAN-Sim hinge on (the presets' default)");
    cli.add_flag(
        "--no-sim", o.noSim, "Switch the MAD-GAN-Sim hinge off (violations still reported)");
    cli.add_flag("--bench", o.bench,
        "Run a fixed number of steps after a warm-up and print one JSON line of speed");
    cli.add_option("--bench-steps", o.benchSteps, "Timed steps of --bench")->capture_default_str();
    try {
        cli.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return cli.exit(e);
    } catch (const CLI::ParseError& e) {
        std::fprintf(stderr, "modescope-train: %s (see --help)\n", e.what());
        return kExitBadInput;
    }
    if (!o.resume.empty() && o.out.empty())
        o.out = o.resume;

    try {
        const TrainConfig config = buildConfig(o);
        Trainer trainer(config);
        if (!o.resume.empty())
            trainer.loadCheckpoint(fs::path(o.resume) / "checkpoint.pt");
        // Only now, with every input checked, may the run folder come into being.
        if (!o.out.empty() && !o.bench)
            RunFolder::checkWritable(o.out);
        if (o.bench)
            return runBench(trainer, o.benchSteps);
        std::signal(SIGINT, [](int) { g_interrupted = true; });
        std::signal(SIGTERM, [](int) { g_interrupted = true; });
        return runTraining(trainer, o);
    } catch (const ConfigError& e) {
        std::fprintf(stderr, "modescope-train: %s\n", e.what());
        return kExitBadInput;
    } catch (const TrainingError& e) {
        std::fprintf(stderr, "modescope-train: %s\n", e.what());
        return kExitTrainingFailed;
    }
}
