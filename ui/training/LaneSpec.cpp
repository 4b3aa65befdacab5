#include "training/LaneSpec.h"

#include <algorithm>
#include <sstream>

#include "modescope/config/ConfigError.h"

namespace modescope::ui
{

namespace
{
constexpr int kMaxLaneGenerators = 64; // the panel's limit for k
} // namespace

TrainConfig LaneSpec::applyTo(TrainConfig config) const
{
    // A lane starts as its method does in a preset: its rates (a preset may give a method its
    // own), madgan-sim with Sim on, madgan off (each lane then has its own switch).
    config.chooseMethod(method);
    if (generators)
        config.generators = *generators;
    return config;
}

std::string LaneSpec::name() const
{
    return toString(method) + (generators ? ":" + std::to_string(*generators) : std::string());
}

std::vector<LaneSpec> parseLaneSpecs(const std::string& text)
{
    std::vector<LaneSpec> lanes;
    std::stringstream items(text);
    std::string item;
    while (std::getline(items, item, ',')) {
        const auto colon = item.find(':');
        const std::string method = item.substr(0, colon);
        LaneSpec lane;
        const auto parsed = parseMethod(method);
        if (!parsed)
            throw ConfigError(
                "--compare: \"" + method + "\" is not a method (" + methodNames() + ")");
        lane.method = *parsed;
        if (colon != std::string::npos) {
            const std::string k = item.substr(colon + 1);
            int value = 0;
            std::size_t used = 0;
            const bool digits = !k.empty() && k.size() <= 2
                && std::all_of(k.begin(), k.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (digits)
                value = std::stoi(k, &used);
            if (!digits || used != k.size() || value < 1 || value > kMaxLaneGenerators)
                throw ConfigError("--compare: \"" + item + "\": k must be a whole number from 1 to "
                    + std::to_string(kMaxLaneGenerators));
            lane.generators = value;
        }
        lanes.push_back(lane);
    }
    if (lanes.empty() || lanes.size() > static_cast<std::size_t>(kMaxLanes) || text.back() == ',')
        throw ConfigError("--compare: give 1 to " + std::to_string(kMaxLanes)
            + " methods separated by commas, e.g. gan,madgan,madgan-sim:8");
    return lanes;
}

std::vector<LaneSpec> lanesBesides(const TrainConfig& first, const std::vector<LaneSpec>& others)
{
    std::vector<LaneSpec> kept;
    std::vector<std::pair<Method, int>> trained { { first.method, first.effectiveGenerators() } };
    for (const LaneSpec& lane : others) {
        const TrainConfig c = lane.applyTo(first);
        const std::pair<Method, int> what { c.method, c.effectiveGenerators() };
        if (std::find(trained.begin(), trained.end(), what) != trained.end())
            continue;
        trained.push_back(what);
        kept.push_back(lane);
    }
    return kept;
}

} // namespace modescope::ui
