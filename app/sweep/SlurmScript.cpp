#include "sweep/SlurmScript.h"

#include <sstream>

namespace modescope::app
{

std::string shellQuoted(const std::string& word)
{
    std::string quoted = "'";
    for (char c : word)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string arrayList(const std::vector<int>& indices)
{
    std::string list;
    for (size_t i = 0; i < indices.size();) {
        size_t j = i;
        while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1)
            ++j;
        list += (list.empty() ? "" : ",") + std::to_string(indices[i]);
        if (j > i)
            list += "-" + std::to_string(indices[j]);
        i = j + 1;
    }
    return list;
}

std::string sbatchScript(const std::string& jobName, const std::string& sweepProgram,
    const std::string& sweepDir, const std::vector<int>& indices, const SlurmOptions& options)
{
    std::ostringstream out;
    out << "#!/bin/bash\n"
        << "# Written by modescope-sweep: one array task per run still to do. Each task runs its\n"
        << "# run by index; everything it writes stays in the sweep folder (a shared filesystem).\n"
        << "#SBATCH --job-name=" << jobName << '\n'
        << "#SBATCH --array=" << arrayList(indices);
    if (options.maxConcurrent > 0)
        out << '%' << options.maxConcurrent;
    out << '\n'
        << "#SBATCH --output=" << sweepDir << "/logs/slurm-%A_%a.out\n"
        << "#SBATCH --cpus-per-task=" << options.cpusPerTask << '\n'
        << "#SBATCH --ntasks=1\n";
    if (!options.partition.empty())
        out << "#SBATCH --partition=" << options.partition << '\n';
    if (!options.time.empty())
        out << "#SBATCH --time=" << options.time << '\n';
    if (!options.gres.empty())
        out << "#SBATCH --gres=" << options.gres << '\n';
    for (const std::string& line : options.extraLines)
        out << "#SBATCH " << line << '\n';
    out << "\nexec " << shellQuoted(sweepProgram) << " task " << shellQuoted(sweepDir)
        << " \"$SLURM_ARRAY_TASK_ID\"";
    if (options.population > 1)
        out << " --population " << options.population;
    out << '\n';
    return out.str();
}

} // namespace modescope::app
