// modescope-train: the headless trainer. Same engine as the window, for batch runs and benchmarks.
#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <climits>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <unistd.h>
#include <optional>

#include "shared/CommandLine.h"
#include "shared/ExitCodes.h"
#include "train/PopulationRun.h"
#include "modescope/images/Judge.h"
#include "train/RunOutcome.h"
#include "train/TrainProgress.h"
#include "modescope/Version.h"
#include "modescope/config/ConfigError.h"
#include "modescope/config/ConfigJson.h"
#include "modescope/io/RunFolder.h"
#include "modescope/machine/Allocator.h"
#include "modescope/machine/BlasCore.h"
#include "modescope/machine/MatmulPeak.h"
#include "modescope/machine/StepCost.h"
#include "modescope/machine/TorchThreads.h"
#include "modescope/training/Population.h"
#include "modescope/training/Trainer.h"

namespace
{

using namespace modescope;
using app::TrainProgress;
namespace fs = std::filesystem;

using namespace modescope::app; // the exit codes (shared/ExitCodes.h)

constexpr int kBenchWarmupSteps = 50; // steps run before the benchmark's clock starts

std::atomic<bool> g_interrupted { false }; // set by the signal handler, read by the loop

// Every value flag is read as text and converted strictly (CommandLine.h), so that an empty,
// negative or overlong value is refused with the flag's name instead of wrapping.
struct Options {
    std::string preset = "paper-1d";
    std::optional<std::string> method;
    std::optional<std::string> generators;
    std::optional<std::string> iterations;
    std::optional<std::string> lr;
    std::optional<std::string> seed;
    std::optional<std::string> device;
    std::optional<std::string> batch;
    std::optional<std::string> logEvery;
    std::optional<std::string> samples;
    std::optional<std::string> dataScaling;
    std::optional<std::string> sharedLayers;
    bool presetGiven = false;
    bool sim = false; // --sim: force the Sim hinge on
    bool noSim = false; // --no-sim: force it off
    bool overwrite = false; // --overwrite: replace the run in --out
    std::string out;
    std::string resume;
    bool bench = false;
    std::string benchSteps = "500";
    std::optional<std::string> population; // --bench: S runs as one population
    std::vector<std::string> members; // --member CONFIG OUT, flattened
    std::string report; // --report FILE: the members' outcomes (JSON)
};

// Flags override the preset (or, with --resume, the run's own config.json).
TrainConfig buildConfig(const Options& o)
{
    using app::realArgument;
    using app::wholeArgument;
    if (!o.resume.empty() && o.presetGiven)
        throw ConfigError("--preset: cannot be given with --resume (the run's own config.json "
                          "holds its settings; flags such as -n still apply)");
    TrainConfig config = o.resume.empty() ? loadPreset(o.preset, defaultPresetDirs())
                                          : loadConfigFile(fs::path(o.resume) / "config.json");
    if (o.method) {
        const auto method = parseMethod(*o.method);
        if (!method)
            throw ConfigError(
                "--method: must be one of " + methodNames() + ", got \"" + *o.method + "\"");
        config.chooseMethod(*method); // as a preset starts it: its own rates, Sim for madgan-sim
    }
    if (o.device) {
        const auto device = parseDeviceChoice(*o.device);
        if (!device)
            throw ConfigError("--device: must be auto, cpu or cuda, got \"" + *o.device + "\"");
        config.device = *device;
    }
    if (o.dataScaling) {
        const auto scaling = parseDataScaling(*o.dataScaling);
        if (!scaling)
            throw ConfigError(
                "--data-scaling: must be standardize or none, got \"" + *o.dataScaling + "\"");
        config.dataScaling = *scaling;
    }
    if (o.sharedLayers) // validate() below names the field when it exceeds the hidden layers
        config.generatorSharedLayers
            = static_cast<int>(wholeArgument("--shared-layers", *o.sharedLayers, 0, 32));
    if (o.generators)
        config.generators = static_cast<int>(wholeArgument("--generators", *o.generators, 1, 64));
    if (o.iterations)
        config.iterations = wholeArgument("--iterations", *o.iterations, 1, 1'000'000'000'000LL);
    if (o.lr) { // both networks, whatever the method: a preset's per-method rates give way
        const double lr = realArgument("--lr", *o.lr, 1e-30, 3.4e38);
        config.setRatesForEveryMethod(lr, lr);
    }
    if (o.seed)
        config.seed
            = static_cast<unsigned long long>(wholeArgument("--seed", *o.seed, 0, LLONG_MAX));
    if (o.batch)
        config.batch = static_cast<int>(wholeArgument("--batch", *o.batch, 1, 1 << 20));
    if (o.logEvery)
        config.logEvery = static_cast<int>(wholeArgument("--log-every", *o.logEvery, 1, INT_MAX));
    if (o.samples)
        config.samplesPerGenerator
            = static_cast<int>(wholeArgument("--samples", *o.samples, 1, INT_MAX));
    if (o.sim && o.noSim)
        throw ConfigError("--sim and --no-sim: give one of them");
    if (o.sim || o.noSim)
        config.live.simEnabled = o.sim;
    validate(config);
    return config;
}

// This process's resident memory in bytes; 0 where /proc cannot tell.
double residentBytes()
{
    std::ifstream statm("/proc/self/statm");
    double pages = 0, resident = 0;
    if (!(statm >> pages >> resident))
        return 0;
    return resident * static_cast<double>(sysconf(_SC_PAGESIZE));
}

// `members` 0: one Trainer; S >= 1: a Population of S runs (seeds seed, seed + 1, ...).
int runBench(const TrainConfig& config, int members, int steps)
{
    const double residentBefore = residentBytes();
    std::unique_ptr<Trainer> single;
    std::unique_ptr<Population> population;
    if (members == 0) {
        single = std::make_unique<Trainer>(config);
    } else {
        std::vector<TrainConfig> configs(static_cast<size_t>(members), config);
        for (int s = 0; s < members; ++s) {
            configs[s].seed = config.seed + static_cast<unsigned long long>(s);
            configs[s].population = members;
        }
        population = std::make_unique<Population>(configs);
    }
    Trainer& first = single ? *single : population->member(0);
    const std::string deviceName = first.deviceName();
    auto step = [&] { single ? single->step() : population->step(); };
    auto wait = [&] { (single ? *single : population->member(0)).lastLosses(); };
    for (int s = 0; s < kBenchWarmupSteps; ++s)
        step();
    wait(); // for the device
    const double residentPerRun
        = (residentBytes() - residentBefore) / std::max(members, 1) / (1 << 20);
    const auto start = std::chrono::steady_clock::now();
    for (int s = 0; s < steps; ++s)
        step();
    wait();
    const double seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const TrainConfig& c = config;
    const int runs = std::max(members, 1);
    const double stepsPerSecond = steps / seconds;
    const double runStepsPerSecond = stepsPerSecond * runs;
    // The BLAS-bound limit: the step's matrix-product work at the device's measured peak.
    const double flopsPerStep = matmulFlopsPerStep(c);
    constexpr int kPeakSide = 1024; // square products for the device's peak
    const double peakGflops = measureMatmulGflops(c.device, kPeakSide, kPeakSide, kPeakSide);
    const int width = c.discriminator.hidden.empty() ? 1 : c.discriminator.hidden.front();
    const double stepShapeGflops
        = measureMatmulGflops(c.device, (c.effectiveGenerators() + 1) * c.batch, width, width, 0.5);
    const double boundRunStepsPerSecond = peakGflops * 1e9 / flopsPerStep;
    std::string blasCore = openBlasCore();
    std::printf("{\"steps_per_second\": %.2f, \"run_steps_per_second\": %.2f, "
                "\"population\": %d, \"samples_per_second\": %.0f, \"method\": \"%s\", "
                "\"generators\": %d, \"device\": \"%s\", \"batch\": %d, \"steps\": %d, "
                "\"preset\": \"%s\", \"mflop_per_step\": %.2f, \"achieved_gflops\": %.2f, "
                "\"matmul_peak_gflops\": %.1f, \"matmul_step_shape_gflops\": %.1f, "
                "\"blas_bound_steps_per_second\": %.1f, "
                "\"share_of_blas_bound\": %.3f, \"resident_mib_per_run\": %.1f, "
                "\"blas_core\": \"%s\", \"threads\": %d}\n",
        stepsPerSecond, runStepsPerSecond, members,
        runStepsPerSecond * c.batch * c.effectiveGenerators(), toString(c.method).c_str(),
        c.effectiveGenerators(), deviceName.c_str(), c.batch, steps, c.presetName.c_str(),
        flopsPerStep / 1e6, flopsPerStep * runStepsPerSecond / 1e9, peakGflops, stepShapeGflops,
        boundRunStepsPerSecond, runStepsPerSecond / boundRunStepsPerSecond, residentPerRun,
        blasCore.empty() ? "none" : blasCore.c_str(), computeThreads());
    return kExitOk;
}

// An image run's judge, loaded from the cache or trained once (about two minutes for
// Fashion-MNIST on two cores) before the first step, with its progress, so the run's own
// progress line does not stall at its first logged step. False when SIGINT, SIGTERM or SIGHUP
// stopped its training (within a batch; nothing of it is kept).
bool prepareJudge(Trainer& trainer)
{
    struct Interrupted {
    };
    int shown = -1; // tenths done, as last printed
    const std::string cache = Judge::defaultCacheDir().string();
    try {
        trainer.prepareJudge([&](std::size_t done, std::size_t total) {
            if (g_interrupted)
                throw Interrupted {};
            const int tenths = static_cast<int>(10 * done / std::max<std::size_t>(total, 1));
            if (tenths != shown) {
                shown = tenths;
                std::fprintf(stderr,
                    "\rtraining the judge of these images (once; kept in %s): %d%%", cache.c_str(),
                    10 * tenths);
            }
        });
    } catch (const Interrupted&) {
        std::fprintf(stderr, "\n");
        return false;
    }
    if (shown >= 0)
        std::fprintf(stderr, "\n");
    return true;
}

// `checkpointThere`: the folder holds the checkpoint the trainer was loaded from.
int runTraining(Trainer& trainer, std::optional<RunFolder> folder, std::vector<MetricsRow> kept,
    bool checkpointThere)
{
    const TrainConfig& config = trainer.config();
    RunRecord record(config, std::move(folder), std::move(kept),
        checkpointThere ? std::optional<long long>(trainer.iteration()) : std::nullopt);
    TrainProgress progress(trainer.iteration(), config.iterations, stderr);
    int status = kExitOk;
    try {
        record.open(trainer);
        while (trainer.iteration() < config.iterations) {
            if (g_interrupted) {
                std::fprintf(
                    stderr, "\ninterrupted at step %lld: saving the run\n", trainer.iteration());
                status = kExitInterrupted;
                break;
            }
            trainer.step();
            if (!record.logs(trainer.iteration()))
                continue;
            const MetricsRow& row = record.log(trainer);
            progress.update(row.losses, row.metrics, config.modeCount());
        }
        progress.finish();
        record.finish(trainer);
        if (record.folder())
            std::fprintf(stderr, "run written to %s\n", record.folder()->dir().c_str());
        std::fprintf(stderr, "%s", record.closingLines(trainer).c_str());
    } catch (const TrainingError& e) {
        progress.finish();
        std::fprintf(stderr, "modescope-train: %s; %s\n", e.what(), record.saved().c_str());
        return kExitDiverged;
    } catch (const std::exception& e) { // IoError, out of memory, a device failure
        progress.finish();
        std::fprintf(stderr, "modescope-train: %s; %s\n", e.what(), record.saved().c_str());
        return kExitIoFailure;
    }
    return status;
}

void onSignal(int)
{
    g_interrupted = true;
}

// --member CONFIG OUT ...: the runs trained as populations; no other run flags apply.
int runMembers(const Options& o, const std::vector<std::string>& given)
{
    if (!given.empty())
        throw ConfigError(given.front()
            + ": cannot be given with --member (each member's config file holds its settings)");
    std::vector<app::MemberSpec> members;
    for (size_t i = 0; i + 1 < o.members.size(); i += 2)
        members.push_back({ o.members[i], o.members[i + 1] });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGHUP, onSignal); // the terminal closed: saved like Ctrl-C, not lost
    return app::runPopulations(members, o.overwrite, o.report, g_interrupted);
}

int run(const Options& o)
{
    TrainConfig config = buildConfig(o);
    config.population = 1; // trained alone from here, whatever layout it resumes from
    const int benchSteps
        = static_cast<int>(app::wholeArgument("--bench-steps", o.benchSteps, 1, INT_MAX));
    if (o.population && !o.bench)
        throw ConfigError("--population: only with --bench (sweeps train populations with "
                          "modescope-sweep run --population)");
    if (o.bench)
        return runBench(config,
            o.population ? static_cast<int>(
                app::wholeArgument("--population", *o.population, 1, kMaxPopulation))
                         : 0,
            benchSteps);
    // From here an interrupt is noted, not fatal: before the first step nothing is written
    // (the judge's training stops within a batch), after it the run is saved.
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGHUP, onSignal); // the terminal closed: saved like Ctrl-C, not lost
    Trainer trainer(config);
    const bool judgeReady = !config.images || prepareJudge(trainer);
    if (!judgeReady || g_interrupted) {
        std::fprintf(stderr,
            "modescope-train: interrupted before the first step; nothing was written%s\n",
            judgeReady ? "" : " (the judge's training stopped; it trains again next time)");
        return kExitInterrupted;
    }

    std::vector<MetricsRow> kept; // rows a resumed run carries into its output folder
    const std::string out = o.out.empty() ? o.resume : o.out;
    if (!o.resume.empty()) {
        const fs::path from(o.resume);
        trainer.loadCheckpoint(from / "checkpoint.pt");
        if (trainer.iteration() >= config.iterations) {
            std::fprintf(stderr,
                "modescope-train: %s is already at step %lld; give --iterations above it to "
                "train on (nothing was changed)\n",
                o.resume.c_str(), trainer.iteration());
            return kExitOk;
        }
        if (fs::exists(from / "metrics.csv"))
            kept = rowsUpTo(readMetrics(from / "metrics.csv", config.effectiveGenerators()),
                trainer.iteration());
    }
    // Only now, with every input checked, may the run folder come into being.
    std::optional<RunFolder> folder;
    bool sameRun = false;
    if (!out.empty()) {
        std::error_code ec;
        sameRun = !o.resume.empty()
            && fs::weakly_canonical(fs::path(out), ec)
                == fs::weakly_canonical(fs::path(o.resume), ec);
        RunFolder::checkOutput(out,
            sameRun           ? RunFolder::Existing::Continue
                : o.overwrite ? RunFolder::Existing::Overwrite
                              : RunFolder::Existing::Refuse);
        folder.emplace(out);
    }
    return runTraining(trainer, std::move(folder), std::move(kept), sameRun);
}

} // namespace

int main(int argc, char** argv)
{
    modescope::restartWithBetterBlas(argv); // first: before any thread or file is opened
    constexpr std::size_t kKeepFreeBytes = std::size_t(512) << 20; // one thread: speed first
    modescope::keepFreedMemoryForReuse(kKeepFreeBytes);
    modescope::useOneTorchThread();
    Options o;
    CLI::App cli {
        "modescope-train: trains the MAD-GAN family on a 1-D or 2-D mixture without a window.\n"
        "Exit codes: 0 done, 2 bad input (one message naming the field or file; nothing "
        "written), 3 a loss became non-finite (the last good checkpoint is kept), 4 an I/O or "
        "resource failure during the run (cannot write, out of memory; what was saved is "
        "named), 130 interrupted (the run is saved)."
    };
    cli.set_version_flag("--version", std::string("modescope-train ") + modescope::kVersion);
    std::string presetNamesText;
    for (const auto& n : presetNames(defaultPresetDirs()))
        presetNamesText += (presetNamesText.empty() ? "" : ", ") + n;
    cli.add_option("--preset", o.preset,
           "Preset name (" + presetNamesText + ") or a path to a preset .json file")
        ->capture_default_str();
    cli.add_option("--method", o.method,
        "gan | independent | madgan | madgan-sim | unrolled | wgan-gp | pacgan");
    cli.add_option("--generators,-k", o.generators, "Number of generators k, 1..64 (gan uses 1)");
    cli.add_option("--iterations,-n", o.iterations,
        "Total training steps; with --resume, the step to stop at");
    cli.add_option("--lr", o.lr,
        "Adam learning rate of both networks, whatever the method (a preset's per-method rates "
        "give way)");
    cli.add_option("--seed", o.seed, "Random seed (networks, noise, data), 0..2^63-1");
    cli.add_option("--device", o.device, "auto | cpu | cuda (auto takes CUDA when present)");
    cli.add_option("--batch", o.batch, "Samples per generator (and real samples) per step");
    cli.add_option("--data-scaling", o.dataScaling,
        "standardize (D sees (x - m) / s, m and s the data's mean and sd) | none (raw x)");
    cli.add_option("--shared-layers", o.sharedLayers,
        "Hidden layers of the generators shared by all k as one trunk (0: separate networks)");
    cli.add_option("--out,-o", o.out,
        "Run folder to write (config.json, metrics.csv, samples.csv, density.csv, "
        "checkpoint.pt); a folder that holds a run already is refused without --overwrite");
    cli.add_option("--resume", o.resume,
        "Run folder to resume from; it is also the output unless --out is given (then its "
        "metrics rows are carried over)");
    cli.add_flag("--overwrite", o.overwrite, "Replace the run in --out if it holds one");
    cli.add_option("--log-every", o.logEvery, "Steps between metrics.csv rows and progress lines");
    cli.add_option(
        "--samples", o.samples, "Samples per generator for metrics and samples.csv (2500)");
    cli.add_flag("--sim", o.sim, "Switch the MAD-GAN-Sim hinge on (the presets' default)");
    cli.add_flag(
        "--no-sim", o.noSim, "Switch the MAD-GAN-Sim hinge off (violations still reported)");
    cli.add_flag("--bench", o.bench,
        "Run a fixed number of steps after a warm-up and print one JSON line of speed");
    cli.add_option("--bench-steps", o.benchSteps, "Timed steps of --bench (at least 1)")
        ->capture_default_str();
    cli.add_option("--population", o.population,
        "With --bench: train S runs of the preset (seeds seed .. seed + S - 1) as one population "
        "(batched steps) and report run-steps per second");
    cli.add_option("--member", o.members,
           "CONFIG OUT: train the run of config file CONFIG into run folder OUT (resumed from "
           "its checkpoint when it holds one); repeated, the runs train as one population "
           "(every setting a step reads alike, seeds apart): how modescope-sweep --population "
           "trains")
        ->type_size(2)
        ->allow_extra_args(false);
    cli.add_option("--report", o.report,
        "With --member: write each member's outcome (out, exit, step, message) to this JSON file");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::Success& e) { // --help, --version
        return cli.exit(e);
    } catch (const CLI::ParseError& e) {
        std::fprintf(stderr, "modescope-train: %s (see --help)\n", e.what());
        return kExitBadInput;
    }
    o.presetGiven = cli.count("--preset") > 0;
    // --resume takes the run folder, or a file in it (as the window's Open does).
    if (const fs::path given(o.resume); !o.resume.empty() && !fs::is_directory(given)
        && (given.filename() == "config.json" || given.filename() == "checkpoint.pt"))
        o.resume = given.parent_path().empty() ? "." : given.parent_path().string();

    std::vector<std::string> given; // the run flags on the command line, for --member's checks
    for (const char* flag :
        { "--preset", "--out", "--resume", "--bench", "--method", "--generators", "--iterations",
            "--lr", "--seed", "--device", "--batch", "--log-every", "--samples", "--data-scaling",
            "--shared-layers", "--sim", "--no-sim", "--population" })
        if (cli.count(flag) > 0)
            given.push_back(flag);
    // Nothing escapes main: bad input is 2; anything else that stops a run before it trains
    // (out of memory building the networks, a device error) is 4.
    try {
        if (!o.members.empty())
            return runMembers(o, given);
        if (!o.report.empty())
            throw ConfigError("--report: only with --member");
        return run(o);
    } catch (const ConfigError& e) {
        std::fprintf(stderr, "modescope-train: %s\n", e.what());
        return kExitBadInput;
    } catch (const TrainingError& e) {
        std::fprintf(stderr, "modescope-train: %s\n", e.what());
        return kExitDiverged;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr,
            "modescope-train: out of memory before training began; nothing "
            "was written\n");
        return kExitIoFailure;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "modescope-train: %s\n", e.what());
        return kExitIoFailure;
    } catch (...) {
        std::fprintf(stderr, "modescope-train: an unknown failure\n");
        return kExitIoFailure;
    }
}
