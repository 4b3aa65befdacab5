#pragma once

#include <string>
#include <vector>

namespace modescope::app
{

// What `modescope-sweep run --executor slurm` asks of the scheduler.
struct SlurmOptions {
    std::string partition; // empty: the cluster's default
    std::string time; // per task, Slurm's format ("1:00:00"); empty: the partition's default
    int cpusPerTask = 1; // also the BLAS threads of each run
    std::string gres; // e.g. "gpu:1"
    int maxConcurrent = 0; // the array's %M cap; 0: no cap
    std::vector<std::string> extraLines; // more #SBATCH options, e.g. "--account=lab"
    int population = 1; // runs per task (populationGroups); above 1 the tasks name populations
};

// A word quoted for bash (single quotes; a ' inside is closed, escaped and reopened).
std::string shellQuoted(const std::string& word);

// Slurm's --array list for these 0-based indices, ranges folded: {0,1,2,5,7,8} -> "0-2,5,7-8".
std::string arrayList(const std::vector<int>& indices);

// The sbatch script of ONE array job over `indices`, each task running
// `sweepProgram task SWEEP_DIR $SLURM_ARRAY_TASK_ID [--population S]` with its output under
// logs/.
std::string sbatchScript(const std::string& jobName, const std::string& sweepProgram,
    const std::string& sweepDir, const std::vector<int>& indices, const SlurmOptions& options);

} // namespace modescope::app
