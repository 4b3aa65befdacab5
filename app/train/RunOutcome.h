// What one run of modescope-train has saved, and how it ended, in the words both the one-run
// loop (main.cpp) and the population loop (PopulationRun.cpp) print.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modescope/config/TrainConfig.h"
#include "modescope/io/RunFolder.h"
#include "modescope/maths/Metrics.h"

namespace modescope::app
{

// What the run folder holds at any moment, so a failure can say it truthfully.
struct Saved {
    long long checkpointStep = -1; // -1: no checkpoint in the folder
    bool started = false; // config.json and metrics.csv are in the folder
    std::string describe(const std::optional<RunFolder>& folder) const;
};

// The closing lines of a run: its last metrics, then when all modes were covered ("not cured"
// when a mode is left). `kept`: every logged row, for the time to cure.
std::string closingLines(const TrainConfig& config, long long step, const Metrics& metrics,
    const std::vector<MetricsRow>& kept);

} // namespace modescope::app
