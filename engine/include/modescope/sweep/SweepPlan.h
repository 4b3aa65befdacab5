#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "modescope/config/TrainConfig.h"

namespace modescope
{

// One axis of a sweep: the values one or more config fields take in turn. A key names a field
// by its path in a preset ("optimizer.g_lr"); "a+b" sets several fields to the same value
// ("optimizer.g_lr+optimizer.d_lr").
struct SweepAxis {
    std::string key;
    std::string label; // for run names: each path's last part ("g_lr+d_lr")
    std::vector<std::string> values; // as shown in run names and results.csv
};

// One run of the Cartesian product.
struct SweepRun {
    int index = 0; // 0-based, the Slurm array index
    std::string name; // "method=madgan-sim,seed=3": the run folder's name under runs/
    std::vector<std::string> values; // the value of each axis, as SweepAxis::values
    TrainConfig config; // validated
    std::string configJson; // the preset modescope-train runs
};

// A sweep plan (SPEC section 7), expanded: every run's config built and validated, so a bad
// plan is refused before anything runs.
struct SweepPlan {
    std::string name;
    std::vector<SweepAxis> axes;
    std::vector<SweepRun> runs; // first axis slowest
    int seedAxis = -1; // the axis keyed "seed", or -1: summaries pool the runs over it
    // The plan's "population": at most this many runs of one shape train as one process
    // (Population.h); 0 when the plan leaves it to `run --population`.
    int population = 0;
    // The plan as run, with its base preset written in whole ("base_config"), so the sweep
    // folder alone rebuilds every run (on a cluster node, in a later `report`).
    std::string asRunJson;
};

// The most runs one plan may expand to.
inline constexpr int kMaxSweepRuns = 100000;

// Parses and expands a plan: {"name", "description"?, "base", "set"?, "axes"} where base is a
// preset name or a .json path (relative to `planDir`), set holds overrides for every run (a
// preset's schema) and axes maps a field path to a non-empty list of values. A plan.json
// written by `asRunJson` is read back too. Throws ConfigError naming `source` and the field,
// or the run whose config is refused.
SweepPlan parseSweepPlan(const std::string& text, const std::string& source,
    const std::filesystem::path& planDir, const std::vector<std::filesystem::path>& presetDirs);

// The runs `indices` (in that order) grouped into populations of at most `cap` runs that share
// every setting a step reads (populationMismatch, ConfigJson.h): each run joins the first open
// group it fits, else starts one. `cap` 1: one group per run.
std::vector<std::vector<int>> populationGroups(
    const SweepPlan& plan, const std::vector<int>& indices, int cap);

// Reads and parses a plan file. Throws ConfigError.
SweepPlan loadSweepPlan(
    const std::filesystem::path& file, const std::vector<std::filesystem::path>& presetDirs);

} // namespace modescope
