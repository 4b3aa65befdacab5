#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "modescope/config/TrainConfig.h"

namespace modescope
{

// Preset files and config.json share one schema: a JSON object whose every field is optional.

// Parses JSON text; `source` names the file in error messages. Throws ConfigError.
TrainConfig configFromJson(const std::string& text, const std::string& source);
// Reads and parses a file. Throws ConfigError when it is missing or malformed.
TrainConfig loadConfigFile(const std::filesystem::path& file);
// Resolves NAME (searched as NAME.json in `searchDirs`) or a path to a .json file.
TrainConfig loadPreset(
    const std::string& nameOrFile, const std::vector<std::filesystem::path>& searchDirs);
// The names of the presets found in `searchDirs`, sorted.
std::vector<std::string> presetNames(const std::vector<std::filesystem::path>& searchDirs);
// Every field, pretty-printed; `extra` entries (device, version) are added at the top level.
std::string configToJson(const TrainConfig& config, const std::string& deviceUsed = {});
// The first field of `b` that keeps it from training in one population with `a`
// (Population.h): every setting a step reads must match; the seed, the schedule (iterations,
// log_every), evaluation (samples), the names and views may differ. Empty when none does.
std::string populationMismatch(const TrainConfig& a, const TrainConfig& b);

// Where presets are looked for: $MODESCOPE_PRESETS, then ../share/modescope/presets beside
// the running program (an install, wherever its prefix now is), then, for a program that runs
// from the build folder, the source tree's resources/presets.
std::vector<std::filesystem::path> defaultPresetDirs();

} // namespace modescope
