#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modescope/config/TrainConfig.h"
#include "modescope/io/ComparisonFolder.h"

namespace modescope::ui
{

// What one lane of a comparison trains: a method, and k when it says one ("madgan-sim:8");
// everything else comes from the window's settings, so lanes share target, seed and networks.
struct LaneSpec {
    Method method = Method::MadGan;
    std::optional<int> generators;

    TrainConfig applyTo(TrainConfig config) const; // the settings with this lane's method, k
    std::string name() const; // "madgan-sim:8", or "madgan-sim" with no k of its own
    bool operator==(const LaneSpec& other) const // one-generator methods' k is 1, given or not
    {
        return method == other.method
            && (hasSingleGenerator(method) || generators == other.generators);
    }
    bool operator!=(const LaneSpec& other) const { return !(*this == other); }
};

inline constexpr int kMaxLanes = kMaxComparisonLanes; // one limit: a window saves as one folder

// The two routes out of collapse side by side (docs/ROUTES.md): the plain GAN, route 1's
// unrolled GAN and route 2's MAD-GAN-Sim, each lane saying its route.
inline constexpr const char* kTwoRoutesLanes = "gan,unrolled,madgan-sim";

// Parses --compare's list, e.g. "gan,madgan,madgan-sim:8": 1 to kMaxLanes lanes. Throws
// ConfigError naming --compare and the item that is wrong.
std::vector<LaneSpec> parseLaneSpecs(const std::string& text);

// `others` less the lanes that, applied to `first` (lane 1's settings), would train what lane 1
// or an earlier kept lane trains: the same method and k (a new preset can make two lanes equal).
std::vector<LaneSpec> lanesBesides(const TrainConfig& first, const std::vector<LaneSpec>& others);

} // namespace modescope::ui
