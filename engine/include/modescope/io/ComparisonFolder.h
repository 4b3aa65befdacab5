#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "modescope/config/TrainConfig.h"
#include "modescope/io/RunFolder.h"

namespace modescope
{

// A comparison (the window's lanes) saved as one folder: compare.json, and beside it one
// ordinary run folder (SPEC section 5) per lane, named by lane: "1-gan", "2-madgan-k3",
// "3-madgan-sim-k8". compare.json says which folder is which lane:
//   {"format": "modescope-comparison", "version": 1, "preset": "seed-3mode", "seed": 1,
//    "lock_step": true,
//    "lanes": [{"folder": "1-gan", "method": "gan", "generators": 1, "sim_on": false,
//               "step": 3000}, ...]}
// Each lane's folder opens alone as one run, too.
struct ComparisonLane {
    std::string folder; // a plain name inside the comparison folder
    Method method = Method::MadGan;
    int generators = 1;
    bool simOn = false;
    long long step = 0; // the step of the lane's checkpoint
};

struct Comparison {
    std::string preset;
    std::uint64_t seed = 0;
    bool lockStep = true;
    std::vector<ComparisonLane> lanes; // the window's own lane first
};

// Runs side by side, the window's own included: the window's limit and a comparison folder's.
inline constexpr int kMaxComparisonLanes = 4;
inline constexpr const char* kComparisonFile = "compare.json";

// "1-gan", "3-madgan-sim-k8": the lane's number (from 1), its method and its k (but for gan,
// whose k is always 1).
std::string laneFolderName(int number, Method method, int generators);

// True when `dir` holds a compare.json.
bool isComparisonFolder(const std::filesystem::path& dir);

// Checks, before anything is written, that `dir` may receive a comparison: it is or can be
// made a writable folder, and it is empty or a comparison folder (replaced only when
// `replace`). A run folder or any other non-empty folder is refused. Throws ConfigError naming
// the folder.
void checkComparisonOutput(const std::filesystem::path& dir, bool replace);

// compare.json as text, and written atomically into `dir` (throws IoError).
std::string comparisonToJson(const Comparison& comparison);
void writeComparison(const std::filesystem::path& dir, const Comparison& comparison);

// Reads `dir`/compare.json (or the file itself when given). Throws ConfigError naming the file
// and the field that is missing or wrong: 1 to kMaxComparisonLanes lanes, folder names without
// separators, distinct, and existing folders.
Comparison readComparison(const std::filesystem::path& dirOrFile);
// The same from text; `source` names it in messages; folders are not looked for.
Comparison comparisonFromJson(const std::string& text, const std::string& source);

// A comparison read back to be opened: compare.json and every lane's run folder, in order.
struct StoredComparison {
    std::filesystem::path dir; // the comparison folder
    Comparison comparison;
    std::vector<StoredRun> runs;
};
// Reads compare.json and every lane's run folder, checking each holds the method and k
// compare.json names. Throws ConfigError naming the file or folder that is wrong.
StoredComparison readComparisonFolder(const std::filesystem::path& dirOrFile);

} // namespace modescope
