#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "shared/ExitCodes.h"
#include "modescope/sweep/SweepPlan.h"
#include "modescope/sweep/SweepReport.h"

namespace modescope::app
{

// Prepares DIR for `plan`: refuses a folder that holds another sweep (its plan.json differs)
// or other files, then writes plan.json and every run's preset under configs/. Throws
// ConfigError naming the folder.
void prepareSweepFolder(const SweepFolder& folder, const SweepPlan& plan);

// Holds an exclusive lock on DIR/.lock for the rest of the process, so two `run`s never train
// the same runs at once. Throws ConfigError naming the folder when another process holds it.
void lockSweepFolder(const SweepFolder& folder);

// Whether a run whose `state` says "running" has in fact stopped: it was started on this
// machine by a local `run` (a sweep with a slurm.json is left alone: its tasks hold no lock),
// and no `run` holds DIR/.lock now, so the process that ran it ended (SIGKILL, a crash, a
// restart) before it could record how. `run` resumes such a run from its checkpoint.
bool stoppedWithoutRecord(const SweepFolder& folder, const SweepRunState& state);

// Whether `run` should be started by a `run` of the sweep: not done, and not failed unless
// `retryFailed`.
bool needsRunning(const SweepRunState& state, bool retryFailed);

// Runs `group` in the foreground (a Slurm task): one run, or several of one shape as one
// population (populationGroups), by modescope-train with `blasThreads` BLAS threads, output to
// the first run's logs/<run>.log, each state/<run>.json kept up to date. A run with a
// checkpoint resumes. Returns 0 when every run finished, else the first failed run's exit code.
int runGroup(const SweepFolder& folder, const std::vector<const SweepRun*>& group, int blasThreads);

struct LocalOptions {
    int jobs = 1; // processes at once
    int blasThreads = 1; // per process
    int population = 1; // runs of one shape trained by one process (populationGroups)
    bool retryFailed = false;
};

// Runs every run that needs it, `jobs` at a time, drawing a progress line on stderr (done /
// running / failed, ETA). When `interrupted` becomes true, stops starting runs, asks the
// running ones to save (SIGINT) and waits for them. Returns a kSweep* code.
int runLocal(const SweepFolder& folder, const SweepPlan& plan, const LocalOptions& options,
    const std::atomic<bool>& interrupted);

// The path of modescope-train: beside this program, else found on PATH.
std::string trainerPath();

} // namespace modescope::app
