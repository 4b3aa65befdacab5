// modescope-train --member: several runs of one shape trained as populations (issue 24).
#pragma once

#include <atomic>
#include <filesystem>
#include <vector>

namespace modescope::app
{

struct MemberSpec {
    std::filesystem::path config; // the run's preset or config.json
    std::filesystem::path out; // its run folder: resumed from its checkpoint when it holds one
};

// Trains every member into its run folder, each folder exactly as `modescope-train --preset
// CONFIG --out OUT` (or --resume OUT) writes it, as one Population per step the members resume
// from. A member that fails (a non-finite loss, a write that fails) is recorded and leaves; the
// others go on. `report`, when not empty, receives one JSON object per member (out, exit, step,
// message) and is written last. Throws ConfigError before anything is written when an input is
// bad. Returns 0 when every member finished, 130 when interrupted (every member saved), else the
// exit code of the first member that failed.
int runPopulations(const std::vector<MemberSpec>& members, bool overwrite,
    const std::filesystem::path& report, const std::atomic<bool>& interrupted);

} // namespace modescope::app
