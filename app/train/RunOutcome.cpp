#include "train/RunOutcome.h"

#include <cmath>
#include <cstdio>

#include "modescope/maths/CureTime.h"

namespace modescope::app
{

std::string Saved::describe(const std::optional<RunFolder>& folder) const
{
    if (!folder)
        return "nothing was saved (no --out)";
    if (!started)
        return "the run had not started: nothing of it is in " + folder->dir().string()
            + "; free space and run again";
    if (checkpointStep < 0)
        return "no checkpoint was written yet; metrics.csv in " + folder->dir().string()
            + " holds the rows logged so far; free space and start again with --overwrite";
    return "the last good checkpoint (step " + std::to_string(checkpointStep) + ") is kept in "
        + folder->dir().string();
}

std::string closingLines(const TrainConfig& config, long long step, const Metrics& metrics,
    const std::vector<MetricsRow>& kept)
{
    char line[256];
    std::snprintf(line, sizeof line,
        "step %lld: modes captured %d/%d, balanced %d/%d, high quality %.1f%%, "
        "reverse KL %.4f\n",
        step, metrics.modesCaptured, config.mixture.size(), metrics.modesBalanced,
        config.mixture.size(), 100 * metrics.hqFraction, metrics.reverseKl);
    std::string text = line;
    const CureTime cure = cureTime(kept, config.mixture.size());
    if (cure.reached() && std::isnan(cure.seconds)) // logged before the clock was kept
        std::snprintf(line, sizeof line, "all %d modes covered since step %lld\n",
            config.mixture.size(), cure.step);
    else if (cure.reached())
        std::snprintf(line, sizeof line,
            "all %d modes covered since step %lld (%.1f s of training)\n", config.mixture.size(),
            cure.step, cure.seconds);
    else
        std::snprintf(
            line, sizeof line, "not cured: a mode is left uncovered at the last logged step\n");
    return text + line;
}

} // namespace modescope::app
