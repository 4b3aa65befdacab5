// modescope-sweep: many modescope-train runs from one plan, on this machine or as one Slurm
// array job, and the report that summarises them (SPEC section 7).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <thread>

#include "shared/CommandLine.h"
#ifdef MODESCOPE_SWEEP_PNG
#include "sweep/FigurePng.h"
#endif
#include "sweep/SlurmScript.h"
#include "sweep/SweepExecutor.h"
#include "modescope/Version.h"
#include "modescope/config/ConfigError.h"
#include "modescope/config/ConfigJson.h"
#include "modescope/config/InputFile.h"
#include "modescope/io/AtomicFile.h"
#include "modescope/sweep/SweepReport.h"

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using namespace modescope;
using namespace modescope::app;

namespace
{

std::atomic<bool> g_interrupted { false };

void onSignal(int)
{
    g_interrupted = true;
}

struct Options {
    std::string plan;
    std::string out;
    std::string dir;
    std::string jobs;
    std::string executor = "local";
    bool retryFailed = false;
    bool dryRun = false;
    std::string index;
    std::string population; // --population: runs of one shape per process
    std::string partition, time, gres, cpusPerTask = "1", maxConcurrent;
    std::vector<std::string> sbatchLines;
};

int cores()
{
    return std::max(1u, std::thread::hardware_concurrency());
}

// The runs per process: --population, else the plan's "population", else 1 (measured: no
// faster on a CPU, docs/PERFORMANCE.md).
int populationCap(const Options& o, const SweepPlan& plan)
{
    if (!o.population.empty())
        return static_cast<int>(wholeArgument("--population", o.population, 1, kMaxPopulation));
    return plan.population > 0 ? plan.population : 1;
}

// Every run of the plan grouped as `run` groups them: a Slurm task's index names one group.
std::vector<std::vector<int>> allGroups(const SweepPlan& plan, int cap)
{
    std::vector<int> all;
    for (const SweepRun& run : plan.runs)
        all.push_back(run.index);
    return populationGroups(plan, all, cap);
}

SweepPlan planOfFolder(const fs::path& dir)
{
    const fs::path file = dir / "plan.json";
    std::error_code ec;
    if (!fs::exists(file, ec))
        throw ConfigError(dir.string() + ": not a sweep folder (no plan.json)");
    return parseSweepPlan(readInputFile(file, kMaxConfigBytes), file.string(), dir, {});
}

std::string capture(const std::string& command)
{
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe)
        return {};
    std::string out;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe.get()))
        out += buffer;
    return out;
}

bool onPath(const std::string& program)
{
    return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

int submitToSlurm(const SweepFolder& folder, const SweepPlan& plan, const Options& o)
{
    SlurmOptions slurm;
    slurm.partition = o.partition;
    slurm.time = o.time;
    slurm.gres = o.gres;
    slurm.extraLines = o.sbatchLines;
    slurm.cpusPerTask = static_cast<int>(wholeArgument("--cpus-per-task", o.cpusPerTask, 1, 4096));
    if (!o.maxConcurrent.empty())
        slurm.maxConcurrent
            = static_cast<int>(wholeArgument("--max-concurrent", o.maxConcurrent, 1, 1 << 20));
    slurm.population = populationCap(o, plan);
    // One task per group with a run still to do; a group's index is stable (allGroups).
    const std::vector<std::vector<int>> groups = allGroups(plan, slurm.population);
    std::vector<int> indices;
    int failed = 0; // runs failed (left out unless --retry-failed)
    for (size_t g = 0; g < groups.size(); ++g) {
        bool toDo = false;
        for (int index : groups[g]) {
            const SweepRunState state = readRunState(folder, plan.runs[static_cast<size_t>(index)]);
            failed += state.status == SweepRunState::Status::Failed;
            toDo = toDo || needsRunning(state, o.retryFailed);
        }
        if (toDo)
            indices.push_back(static_cast<int>(g));
    }
    const fs::path script = folder.dir / "sweep.sbatch";
    if (indices.empty()) {
        // An earlier submission's script names runs now done, or failed (which only
        // --retry-failed submits again): it goes, so that it is not submitted again by mistake.
        std::error_code ec;
        if (fs::remove(script, ec); ec)
            std::fprintf(stderr, "sweep %s: %s: cannot be removed (%s)\n", plan.name.c_str(),
                script.c_str(), ec.message().c_str());
        if (failed > 0)
            std::fprintf(stderr,
                "sweep %s: nothing to submit: every run is done but %d failed "
                "(--retry-failed submits those again)\n",
                plan.name.c_str(), failed);
        else
            std::fprintf(
                stderr, "sweep %s: every run is done; nothing to submit\n", plan.name.c_str());
        return kExitOk;
    }
    const fs::path self = fs::read_symlink("/proc/self/exe");
    writeFileAtomically(script,
        sbatchScript("modescope-" + plan.name, self.string(), fs::absolute(folder.dir).string(),
            indices, slurm));
    std::fprintf(stderr, "sweep %s: %s holds one array job of %zu tasks\n", plan.name.c_str(),
        script.c_str(), indices.size());
    if (o.dryRun)
        return kExitOk;
    if (!onPath("sbatch"))
        throw ConfigError("sbatch: not found (run this on a Slurm login node; --dry-run writes "
                          "the script only)");
    const std::string answer
        = capture("sbatch --parsable " + shellQuoted(script.string()) + " 2>&1");
    const std::string jobId = answer.substr(0, answer.find_first_of(";\n"));
    if (jobId.empty() || jobId.find_first_not_of("0123456789") != std::string::npos)
        throw IoError("sbatch refused " + script.string() + ": " + answer);
    writeFileAtomically(folder.dir / "slurm.json",
        nlohmann::json { { "job_id", jobId }, { "tasks", indices.size() } }.dump(2) + "\n");
    std::printf("%s\n", jobId.c_str());
    std::fprintf(stderr, "submitted job %s; `modescope-sweep status %s` follows it\n",
        jobId.c_str(), folder.dir.c_str());
    return kExitOk;
}

int run(const Options& o)
{
    const SweepPlan plan = loadSweepPlan(o.plan, defaultPresetDirs());
    const SweepFolder folder { o.out };
    if (o.executor != "local" && o.executor != "slurm")
        throw ConfigError("--executor: must be local or slurm, got \"" + o.executor + "\"");
    if (o.executor == "local") {
        LocalOptions local;
        local.jobs
            = o.jobs.empty() ? cores() : static_cast<int>(wholeArgument("--jobs", o.jobs, 1, 4096));
        local.blasThreads = std::max(1, cores() / local.jobs);
        local.retryFailed = o.retryFailed;
        local.population = populationCap(o, plan);
        if (o.dryRun) {
            for (const SweepRun& r : plan.runs)
                std::printf("%d %s\n", r.index, r.name.c_str());
            return kExitOk;
        }
        prepareSweepFolder(folder, plan);
        lockSweepFolder(folder);
        return runLocal(folder, plan, local, g_interrupted);
    }
    prepareSweepFolder(folder, plan);
    return submitToSlurm(folder, plan, o);
}

int task(const Options& o)
{
    const SweepFolder folder { o.dir };
    const SweepPlan plan = planOfFolder(folder.dir);
    std::string index = o.index;
    if (index.empty())
        if (const char* fromSlurm = std::getenv("SLURM_ARRAY_TASK_ID"))
            index = fromSlurm;
    if (index.empty())
        throw ConfigError("task: give the run's index (or run it as a Slurm array task)");
    const std::vector<std::vector<int>> groups = allGroups(plan, populationCap(o, plan));
    const auto i = static_cast<size_t>(
        wholeArgument(groups.size() == plan.runs.size() ? "run index" : "population index", index,
            0, static_cast<long long>(groups.size()) - 1));
    int threads = cores();
    if (const char* cpus = std::getenv("SLURM_CPUS_PER_TASK"))
        threads = static_cast<int>(wholeArgument("SLURM_CPUS_PER_TASK", cpus, 1, 4096));
    std::signal(SIGTERM, SIG_IGN); // the trainer gets it too, saves, and we record that
    std::vector<const SweepRun*> group;
    for (int run : groups[i])
        if (readRunState(folder, plan.runs[static_cast<size_t>(run)]).status
            != SweepRunState::Status::Done)
            group.push_back(&plan.runs[static_cast<size_t>(run)]);
    if (group.empty()) {
        std::fprintf(stderr, "sweep %s: %s is done already; nothing to do\n", plan.name.c_str(),
            groups[i].size() == 1 ? plan.runs[static_cast<size_t>(groups[i][0])].name.c_str()
                                  : "every run of this population");
        return kExitOk;
    }
    return runGroup(folder, group, threads);
}

int status(const Options& o)
{
    const SweepFolder folder { o.dir };
    const SweepPlan plan = planOfFolder(folder.dir);
    std::map<SweepRunState::Status, int> counts;
    std::vector<std::string> lines;
    for (const SweepRun& run : plan.runs) {
        const SweepRunState state = readRunState(folder, run);
        if (stoppedWithoutRecord(folder, state)) { // killed mid-run: resumable, as interrupted
            ++counts[SweepRunState::Status::Interrupted];
            lines.push_back("interrupted: " + run.name + " (stopped while running on " + state.host
                + ", its modescope-sweep gone; `run` resumes it)");
            continue;
        }
        ++counts[state.status];
        if (state.status == SweepRunState::Status::Failed)
            lines.push_back("failed: " + run.name + " (exit " + std::to_string(state.exitCode)
                + "): " + state.message);
        else if (state.status == SweepRunState::Status::Running)
            lines.push_back("running: " + run.name + " on " + state.host);
        else if (state.status == SweepRunState::Status::Interrupted)
            lines.push_back("interrupted: " + run.name + " (`run` resumes it)");
    }
    std::printf("sweep %s: %zu runs: %d done, %d running, %d failed, %d interrupted, %d pending\n",
        plan.name.c_str(), plan.runs.size(), counts[SweepRunState::Status::Done],
        counts[SweepRunState::Status::Running], counts[SweepRunState::Status::Failed],
        counts[SweepRunState::Status::Interrupted], counts[SweepRunState::Status::Pending]);
    for (const std::string& line : lines)
        std::printf("  %s\n", line.c_str());
    std::error_code ec;
    if (fs::exists(folder.dir / "slurm.json", ec)) {
        const auto job = nlohmann::json::parse(readInputFile(folder.dir / "slurm.json", 4096));
        const std::string id = job.value("job_id", std::string());
        if (!id.empty() && id.find_first_not_of("0123456789") == std::string::npos) {
            std::printf("slurm job %s:\n", id.c_str());
            if (onPath("squeue"))
                std::printf(
                    "%s", capture("squeue -h -j " + id + " -o '  %i %T %M %R' 2>&1").c_str());
            if (onPath("sacct"))
                std::printf("%s",
                    capture("sacct -n -X -j " + id + " -o JobID,State,Elapsed 2>/dev/null")
                        .c_str());
        }
    }
    return kExitOk;
}

int report(const Options& o)
{
    const SweepFolder folder { o.dir };
    const SweepPlan plan = planOfFolder(folder.dir);
    std::vector<SweepRunResult> results;
    std::vector<std::string> notFinished;
    for (const SweepRun& run : plan.runs) {
        const SweepRunState state = readRunState(folder, run);
        if (state.status != SweepRunState::Status::Done) {
            std::string line = run.name + ": " + toString(state.status);
            if (state.status == SweepRunState::Status::Failed)
                line += " (exit " + std::to_string(state.exitCode) + ": " + state.message + ")";
            notFinished.push_back(line);
            continue;
        }
        try {
            results.push_back(readRunResult(folder, plan, run.index));
        } catch (const ConfigError& e) { // a damaged run is named, the others reported
            notFinished.push_back(
                run.name + ": done, but its files are damaged (" + e.what() + ")");
        }
    }
    writeFileAtomically(folder.dir / "results.csv", resultsCsv(plan, results));
    std::error_code ec;
    fs::create_directories(folder.dir / "figures", ec);
    for (const auto& [name, figure] : summaryFigures(plan, results)) {
        writeFileAtomically(folder.dir / "figures" / (name + ".svg"), toSvg(figure));
#ifdef MODESCOPE_SWEEP_PNG
        const std::string refusal
            = writeFigurePng(figure, folder.dir / "figures" / (name + ".png"));
        if (!refusal.empty())
            throw IoError((folder.dir / "figures" / (name + ".png")).string() + ": " + refusal);
#endif
    }
    writeFileAtomically(folder.dir / "summary.csv", summaryCsv(plan, results));
    const std::string markdown = summaryMarkdown(plan, results, notFinished);
    writeFileAtomically(folder.dir / "summary.md", markdown);
    std::printf("%s", markdown.c_str());
#ifdef MODESCOPE_SWEEP_PNG
    std::fprintf(stderr, "report: %s/{results.csv,summary.csv,summary.md,figures/*.png,*.svg}\n",
        folder.dir.c_str());
#else
    std::fprintf(stderr,
        "report: %s/{results.csv,summary.csv,summary.md,figures/*.svg} (no PNG: built without "
        "OpenCV)\n",
        folder.dir.c_str());
#endif
    return kExitOk;
}

} // namespace

int main(int argc, char** argv)
{
    // First: a Ctrl-C that comes while the plan is still being read is not lost.
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    Options o;
    CLI::App cli { "modescope-sweep: many modescope-train runs from one plan, on this machine or "
                   "as a Slurm array job, and their summary.\n"
                   "Exit codes: 0 done, 1 some runs failed (the others went on), 2 bad input "
                   "(the message names the field, flag or folder; nothing ran), 4 an I/O "
                   "failure, 130 interrupted (running runs saved; `run` again resumes them)." };
    cli.set_version_flag("--version", std::string("modescope-sweep ") + kVersion);
    cli.require_subcommand(1);
    CLI::App* runCmd = cli.add_subcommand("run", "Run a plan's runs (skips finished ones)");
    runCmd->add_option("plan", o.plan, "The plan (JSON): name, base, set, axes")->required();
    runCmd->add_option("--out,-o", o.out, "The sweep folder")->required();
    runCmd->add_option("--jobs,-j", o.jobs, "Runs at once on this machine (default: one per core)");
    runCmd->add_option("--executor", o.executor, "local (default) or slurm");
    runCmd->add_option("--population", o.population,
        "Runs of one shape (seeds apart) trained by one process as one population, batched "
        "steps; 1 (the default unless the plan sets \"population\"): one process per run");
    runCmd->add_flag("--retry-failed", o.retryFailed, "Run failed runs again too");
    runCmd->add_flag("--dry-run", o.dryRun,
        "local: list the runs; slurm: write sweep.sbatch without submitting it");
    runCmd->add_option("--partition", o.partition, "slurm: the partition");
    runCmd->add_option("--time", o.time, "slurm: time limit per run (e.g. 1:00:00)");
    runCmd->add_option("--cpus-per-task", o.cpusPerTask, "slurm: cores (BLAS threads) per run");
    runCmd->add_option("--gres", o.gres, "slurm: generic resources per run (e.g. gpu:1)");
    runCmd->add_option("--max-concurrent", o.maxConcurrent, "slurm: array tasks running at once");
    runCmd->add_option("--sbatch-line", o.sbatchLines,
        "slurm: one more #SBATCH option (e.g. --account=lab); repeatable");
    CLI::App* taskCmd = cli.add_subcommand("task", "Run one run of a sweep folder (a Slurm task)");
    taskCmd->add_option("dir", o.dir, "The sweep folder")->required();
    taskCmd->add_option("index", o.index,
        "The run's index, or with --population above 1 the population's (default: "
        "$SLURM_ARRAY_TASK_ID)");
    taskCmd->add_option("--population", o.population,
        "As given to `run`: the tasks are populations of up to this many runs");
    CLI::App* statusCmd = cli.add_subcommand("status", "Done / running / failed runs of a sweep");
    statusCmd->add_option("dir", o.dir, "The sweep folder")->required();
    CLI::App* reportCmd
        = cli.add_subcommand("report", "Write results.csv, summary.csv and summary.md");
    reportCmd->add_option("dir", o.dir, "The sweep folder")->required();
    try {
        cli.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return cli.exit(e);
    } catch (const CLI::ParseError& e) {
        std::fprintf(stderr, "modescope-sweep: %s (see --help)\n", e.what());
        return kExitBadInput;
    }
    try {
        if (*runCmd)
            return run(o);
        if (*taskCmd)
            return task(o);
        if (*statusCmd)
            return status(o);
        return report(o);
    } catch (const ConfigError& e) {
        std::fprintf(stderr, "modescope-sweep: %s\n", e.what());
        return kExitBadInput;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "modescope-sweep: %s\n", e.what());
        return kExitIoFailure;
    }
}
