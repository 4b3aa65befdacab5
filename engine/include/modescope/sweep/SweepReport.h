#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "modescope/maths/CureTime.h"
#include "modescope/maths/Metrics.h"
#include "modescope/sweep/SweepFigure.h"
#include "modescope/sweep/SweepPlan.h"

namespace modescope
{

// Where a run of a sweep stands, kept in DIR/state/<run>.json by whoever runs it (this
// machine's executor, or a Slurm task on a node sharing the folder).
struct SweepRunState {
    enum class Status { Pending, Running, Done, Failed, Interrupted };
    Status status = Status::Pending;
    int exitCode = 0; // modescope-train's exit code once it ended
    std::string message; // the last line it printed (a failure's reason)
    double wallSeconds = 0.0; // of the last attempt
    std::string host; // where it ran
};

std::string toString(SweepRunState::Status status);

// The sweep folder's layout (SPEC section 7, plus state/, logs/ and configs/).
struct SweepFolder {
    std::filesystem::path dir;
    std::filesystem::path plan() const { return dir / "plan.json"; }
    std::filesystem::path run(const SweepRun& r) const { return dir / "runs" / r.name; }
    std::filesystem::path config(const SweepRun& r) const
    {
        return dir / "configs" / (r.name + ".json");
    }
    std::filesystem::path state(const SweepRun& r) const
    {
        return dir / "state" / (r.name + ".json");
    }
    std::filesystem::path log(const SweepRun& r) const { return dir / "logs" / (r.name + ".log"); }
};

// Pending when the run has no state file yet. Throws ConfigError when the file is damaged.
SweepRunState readRunState(const SweepFolder& folder, const SweepRun& run);
// Written atomically. Throws IoError.
void writeRunState(const SweepFolder& folder, const SweepRun& run, const SweepRunState& state);

// A finished run's outcome: its final metrics recomputed from its own samples.csv.
struct SweepRunResult {
    int run = 0; // index into SweepPlan::runs
    long long step = 0;
    double wallSeconds = 0.0;
    Metrics metrics;
    int modes = 0; // modes of its mixture
    CureTime cure; // from metrics.csv's rows: when every mode came to stay covered
};

// Reads runs/<name>/ (metrics.csv's last step, samples.csv) and recomputes the metrics there.
// Throws ConfigError naming the file that is missing or damaged.
SweepRunResult readRunResult(const SweepFolder& folder, const SweepPlan& plan, int run);

// The p-quantile (0..1) with linear interpolation between order statistics (numpy's default).
// NaN for no values.
double quantile(std::vector<double> values, double p);

// One row per finished run: run, every axis, step, wall_seconds, samples, the metrics, and the
// time to cure (cure_step, cure_seconds: nan for a run not cured).
std::string resultsCsv(const SweepPlan& plan, const std::vector<SweepRunResult>& results);
// Per cell of the non-seed axes: runs, median, q1, q3, min, max of each metric, the share of
// runs with every mode balanced, the share cured and the cured runs' median cure step.
std::string summaryCsv(const SweepPlan& plan, const std::vector<SweepRunResult>& results);
// The same as a Markdown table (median [q1, q3]), with the failed and missing runs named.
std::string summaryMarkdown(const SweepPlan& plan, const std::vector<SweepRunResult>& results,
    const std::vector<std::string>& notFinished);

// One strip plot per summarised metric (file name stem, figure): every finished run a point in
// its cell's column, the median marked.
std::vector<std::pair<std::string, Figure>> summaryFigures(
    const SweepPlan& plan, const std::vector<SweepRunResult>& results);

} // namespace modescope
