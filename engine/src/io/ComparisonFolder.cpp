#include "modescope/io/ComparisonFolder.h"

#include <limits>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "modescope/config/ConfigError.h"
#include "modescope/config/InputFile.h"
#include "modescope/io/AtomicFile.h"
#include "modescope/io/RunFolder.h"

namespace fs = std::filesystem;

namespace modescope
{

namespace
{
using nlohmann::json;
constexpr const char* kFormat = "modescope-comparison";
constexpr int kVersion = 1;

const json& field(const json& object, const char* name, const std::string& where)
{
    if (!object.contains(name))
        throw ConfigError(where + ": \"" + name + "\" is missing");
    return object.at(name);
}

std::string text(const json& object, const char* name, const std::string& where)
{
    const json& v = field(object, name, where);
    if (!v.is_string())
        throw ConfigError(where + ": \"" + name + "\" must be a string");
    return v.get<std::string>();
}

long long whole(
    const json& object, const char* name, const std::string& where, long long lo, long long hi)
{
    const json& v = field(object, name, where);
    if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi)
        throw ConfigError(where + ": \"" + name + "\" must be a whole number from "
            + std::to_string(lo) + " to " + std::to_string(hi));
    return v.get<long long>();
}

bool flag(const json& object, const char* name, const std::string& where)
{
    const json& v = field(object, name, where);
    if (!v.is_boolean())
        throw ConfigError(where + ": \"" + name + "\" must be true or false");
    return v.get<bool>();
}

// A lane's folder: one plain name inside the comparison folder, never a path out of it.
bool plainFolderName(const std::string& name)
{
    if (name.empty() || name == "." || name == ".." || name.size() > 255)
        return false;
    for (char c : name)
        if (c == '/' || c == '\\' || c == '\0')
            return false;
    return true;
}
} // namespace

std::string laneFolderName(int number, Method method, int generators)
{
    std::string name = std::to_string(number) + "-" + toString(method);
    if (!hasSingleGenerator(method))
        name += "-k" + std::to_string(generators);
    return name;
}

bool isComparisonFolder(const fs::path& dir)
{
    std::error_code ec;
    return fs::is_regular_file(dir / kComparisonFile, ec);
}

void checkComparisonOutput(const fs::path& dir, bool replace)
{
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw ConfigError(dir.string() + ": exists and is not a folder");
    if (fs::is_directory(dir, ec) && !fs::is_empty(dir, ec)) {
        if (RunFolder::isRunFolder(dir))
            throw ConfigError(dir.string()
                + ": holds a single run (config.json); a comparison needs a new or empty folder");
        if (!isComparisonFolder(dir))
            throw ConfigError(dir.string()
                + ": the folder is not empty and holds no comparison (no compare.json); give a "
                  "new or empty folder");
        if (!replace)
            throw ConfigError(
                dir.string() + ": holds a comparison already; choose another folder or replace it");
    }
    RunFolder::checkWritable(dir);
}

std::string comparisonToJson(const Comparison& c)
{
    json lanes = json::array();
    for (const ComparisonLane& lane : c.lanes)
        lanes.push_back({ { "folder", lane.folder }, { "method", toString(lane.method) },
            { "generators", lane.generators }, { "sim_on", lane.simOn }, { "step", lane.step } });
    const json doc = { { "format", kFormat }, { "version", kVersion }, { "preset", c.preset },
        { "seed", c.seed }, { "lock_step", c.lockStep }, { "lanes", lanes } };
    return doc.dump(2) + "\n";
}

void writeComparison(const fs::path& dir, const Comparison& comparison)
{
    writeFileAtomically(dir / kComparisonFile, comparisonToJson(comparison));
}

Comparison comparisonFromJson(const std::string& content, const std::string& source)
{
    json doc;
    try {
        doc = json::parse(content);
    } catch (const json::exception& e) {
        throw ConfigError(source + ": not valid JSON (" + e.what() + ")");
    }
    if (!doc.is_object())
        throw ConfigError(source + ": must be a JSON object");
    if (text(doc, "format", source) != kFormat)
        throw ConfigError(source + ": \"format\" must be \"" + kFormat + "\"");
    if (whole(doc, "version", source, 1, 1000) > kVersion)
        throw ConfigError(source + ": \"version\" " + doc["version"].dump()
            + " is newer than this ModeScope reads (" + std::to_string(kVersion) + ")");
    Comparison c;
    c.preset = text(doc, "preset", source);
    const json& seed = field(doc, "seed", source);
    if (!seed.is_number_unsigned() && !(seed.is_number_integer() && seed.get<long long>() >= 0))
        throw ConfigError(source + ": \"seed\" must be a whole number of at least 0");
    c.seed = seed.get<std::uint64_t>();
    c.lockStep = flag(doc, "lock_step", source);
    const json& lanes = field(doc, "lanes", source);
    if (!lanes.is_array() || lanes.empty() || lanes.size() > kMaxComparisonLanes)
        throw ConfigError(source + ": \"lanes\" must be a list of 1 to "
            + std::to_string(kMaxComparisonLanes) + " lanes");
    std::set<std::string> folders;
    for (size_t i = 0; i < lanes.size(); ++i) {
        const std::string where = source + ": lanes[" + std::to_string(i) + "]";
        const json& l = lanes[i];
        if (!l.is_object())
            throw ConfigError(where + " must be an object");
        ComparisonLane lane;
        lane.folder = text(l, "folder", where);
        if (!plainFolderName(lane.folder))
            throw ConfigError(where
                + ": \"folder\" must be a folder name inside the "
                  "comparison (no '/', not \".\" or \"..\")");
        if (!folders.insert(lane.folder).second)
            throw ConfigError(where + ": \"folder\" \"" + lane.folder + "\" is another lane's");
        const std::string method = text(l, "method", where);
        const std::optional<Method> parsed = parseMethod(method);
        if (!parsed)
            throw ConfigError(where + ": \"method\" \"" + method
                + "\" is not one of gan, independent, madgan, madgan-sim");
        lane.method = *parsed;
        lane.generators = static_cast<int>(whole(l, "generators", where, 1, 64));
        lane.simOn = flag(l, "sim_on", where);
        lane.step = whole(l, "step", where, 0, std::numeric_limits<long long>::max());
        c.lanes.push_back(lane);
    }
    return c;
}

Comparison readComparison(const fs::path& dirOrFile)
{
    std::error_code ec;
    const fs::path file = fs::is_directory(dirOrFile, ec) ? dirOrFile / kComparisonFile : dirOrFile;
    Comparison c = comparisonFromJson(readInputFile(file, kMaxConfigBytes), file.string());
    const fs::path dir = file.parent_path();
    for (size_t i = 0; i < c.lanes.size(); ++i)
        if (!fs::is_directory(dir / c.lanes[i].folder, ec))
            throw ConfigError(file.string() + ": lanes[" + std::to_string(i) + "]: the folder "
                + (dir / c.lanes[i].folder).string() + " is missing");
    return c;
}

StoredComparison readComparisonFolder(const fs::path& dirOrFile)
{
    std::error_code ec;
    StoredComparison stored;
    const fs::path dir = fs::is_directory(dirOrFile, ec) ? dirOrFile : dirOrFile.parent_path();
    stored.dir = fs::absolute(dir.empty() ? fs::path(".") : dir, ec).lexically_normal();
    if (!stored.dir.empty() && stored.dir.filename().empty())
        stored.dir = stored.dir.parent_path(); // no trailing separator
    stored.comparison = readComparison(dirOrFile);
    const Comparison& c = stored.comparison;
    for (const ComparisonLane& lane : c.lanes) {
        const fs::path folder = stored.dir / lane.folder;
        StoredRun run = readRunFolder(folder);
        if (run.config.method != lane.method || run.config.effectiveGenerators() != lane.generators)
            throw ConfigError(folder.string()
                + ": its config.json is not the lane compare.json names (method "
                + toString(lane.method) + ", k = " + std::to_string(lane.generators) + ")");
        if (run.config.seed != c.seed || run.config.presetName != c.preset)
            throw ConfigError(folder.string() + ": holds a run of preset \"" + run.config.presetName
                + "\", seed " + std::to_string(run.config.seed) + ", not the comparison's (\""
                + c.preset + "\", seed " + std::to_string(c.seed) + ")");
        stored.runs.push_back(std::move(run));
    }
    return stored;
}

} // namespace modescope
