#include "modescope/sweep/SweepPlan.h"

#include <cctype>
#include <algorithm>
#include <functional>
#include <set>

#include <nlohmann/json.hpp>

#include "modescope/config/ConfigError.h"
#include "modescope/config/ConfigJson.h"
#include "modescope/config/InputFile.h"

namespace modescope
{

namespace
{

using nlohmann::ordered_json;

// Characters a run name keeps; anything else becomes '_' (names are folder names).
bool safeInName(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'
        || c == '+' || c == '=';
}

std::string valueText(const ordered_json& value)
{
    return value.is_string() ? value.get<std::string>() : value.dump();
}

std::vector<std::string> splitPaths(const std::string& key)
{
    std::vector<std::string> paths;
    size_t start = 0;
    for (size_t plus = key.find('+');; plus = key.find('+', start)) {
        paths.push_back(key.substr(start, plus - start));
        if (plus == std::string::npos)
            break;
        start = plus + 1;
    }
    return paths;
}

// Sets the field at `path` ("optimizer.g_lr") in `doc`, creating objects on the way.
void setPath(
    ordered_json& doc, const std::string& path, const ordered_json& value, const std::string& where)
{
    ordered_json* node = &doc;
    size_t start = 0;
    while (true) {
        const size_t dot = path.find('.', start);
        const std::string part = path.substr(start, dot - start);
        if (part.empty())
            throw ConfigError(where + ": \"" + path + "\" is not a field path (like sim.nu)");
        if (node->is_null()) // a settings object the base leaves out (pacgan.packing on a gan)
            *node = ordered_json::object();
        if (!node->is_object())
            throw ConfigError(
                where + ": \"" + path + "\" goes through a field that is not an " + "object");
        node = &(*node)[part];
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    *node = value;
}

// Every field path the plan's "set" and axes give ("optimizer.g_lr", "sim.nu", ...).
std::set<std::string> planPaths(const ordered_json& doc)
{
    std::set<std::string> paths;
    std::function<void(const ordered_json&, const std::string&)> walk
        = [&](const ordered_json& node, const std::string& at) {
              if (!node.is_object() || node.empty()) {
                  paths.insert(at);
                  return;
              }
              for (const auto& item : node.items())
                  walk(item.value(), at.empty() ? item.key() : at + "." + item.key());
          };
    if (doc.contains("set") && doc["set"].is_object())
        walk(doc["set"], "");
    if (doc.contains("axes") && doc["axes"].is_object())
        for (const auto& item : doc["axes"].items())
            for (const std::string& path : splitPaths(item.key()))
                paths.insert(path);
    return paths;
}

// A plan that sets optimizer.g_lr or d_lr sets that rate for every method: each entry of the
// base's optimizer.per_method takes it too (else a method with its own rates would keep them
// and the sweep vary nothing), unless the plan sets that entry's rate by its own path.
void giveEveryMethodThePlansRates(ordered_json& config, const std::set<std::string>& paths)
{
    if (!config.contains("optimizer") || !config["optimizer"].is_object())
        return;
    ordered_json& optimizer = config["optimizer"];
    if (!optimizer.contains("per_method") || !optimizer["per_method"].is_object())
        return;
    for (const char* rate : { "g_lr", "d_lr" }) {
        if (!paths.count(std::string("optimizer.") + rate) || !optimizer.contains(rate))
            continue;
        for (auto& entry : optimizer["per_method"].items())
            if (entry.value().is_object()
                && !paths.count("optimizer.per_method." + entry.key() + "." + rate))
                entry.value()[rate] = optimizer[rate];
    }
}

std::string plainName(const ordered_json& doc, const std::string& source)
{
    if (!doc.contains("name") || !doc["name"].is_string() || doc["name"].get<std::string>().empty())
        throw ConfigError(source + ": \"name\" must be a non-empty string");
    const std::string name = doc["name"].get<std::string>();
    for (char c : name)
        if (!safeInName(c) || c == '=' || c == '+')
            throw ConfigError(
                source + ": \"name\" may hold letters, digits, '.', '_' and '-' only");
    return name;
}

} // namespace

SweepPlan parseSweepPlan(const std::string& text, const std::string& source,
    const std::filesystem::path& planDir, const std::vector<std::filesystem::path>& presetDirs)
{
    ordered_json doc;
    try {
        doc = ordered_json::parse(text);
    } catch (const ordered_json::exception& e) {
        throw ConfigError(source + ": malformed JSON (" + std::string(e.what()) + ")");
    }
    if (!doc.is_object())
        throw ConfigError(source + ": a plan is a JSON object");
    for (const auto& item : doc.items())
        if (item.key() != "name" && item.key() != "description" && item.key() != "base"
            && item.key() != "set" && item.key() != "axes" && item.key() != "base_config"
            && item.key() != "population")
            throw ConfigError(source + ": \"" + item.key()
                + "\" is not a known field (name, description, base, set, axes, population)");

    SweepPlan plan;
    plan.name = plainName(doc, source);
    if (doc.contains("population")) {
        const ordered_json& given = doc["population"];
        if (!given.is_number_integer() || given.get<long long>() < 1
            || given.get<long long>() > kMaxPopulation)
            throw ConfigError(source + ": \"population\" must be a whole number from 1 to "
                + std::to_string(kMaxPopulation));
        plan.population = given.get<int>();
    }

    // The base: written whole into plan.json, or a preset name or file to read now.
    ordered_json base;
    if (doc.contains("base_config")) {
        if (!doc["base_config"].is_object())
            throw ConfigError(source + ": \"base_config\" must be an object");
        base = doc["base_config"];
    } else {
        if (!doc.contains("base") || !doc["base"].is_string())
            throw ConfigError(source + ": \"base\" must name a preset or a .json file");
        std::string given = doc["base"].get<std::string>();
        const std::filesystem::path asPath(given);
        if ((asPath.extension() == ".json" || given.find('/') != std::string::npos)
            && asPath.is_relative())
            given = (planDir / asPath).string();
        TrainConfig baseConfig;
        try {
            baseConfig = loadPreset(given, presetDirs);
        } catch (const ConfigError& e) {
            throw ConfigError(source + ": \"base\": " + e.what());
        }
        base = ordered_json::parse(configToJson(baseConfig));
        base.erase("version"); // a run's config.json names the program that ran it
        // Where Sim starts says nothing beyond the base's method: leave it to each run's method
        // (a method axis over madgan and madgan-sim starts them as their presets would).
        if (baseConfig.live.simEnabled == (baseConfig.method == Method::MadGanSim))
            base["sim"].erase("enabled");
    }
    const ordered_json baseOnly = base; // plan.json keeps base and set apart
    if (doc.contains("set") && !doc["set"].is_object())
        throw ConfigError(source + ": \"set\" must be an object of preset fields");
    const std::set<std::string> paths = planPaths(doc);
    if (doc.contains("set"))
        base.merge_patch(doc["set"]);

    if (!doc.contains("axes") || !doc["axes"].is_object() || doc["axes"].empty())
        throw ConfigError(source
            + ": \"axes\" must map at least one field path to a list of values, e.g. "
              "{\"seed\": [1, 2, 3]}");
    std::vector<std::vector<std::string>> axisPaths;
    std::vector<std::vector<ordered_json>> axisValues;
    long long total = 1;
    std::set<std::string> pathsSet; // a field on two axes would make names that lie
    for (const auto& item : doc["axes"].items()) {
        const std::string where = source + ": axes \"" + item.key() + "\"";
        if (!item.value().is_array() || item.value().empty())
            throw ConfigError(where + " must be a non-empty list of values");
        SweepAxis axis;
        axis.key = item.key();
        const std::vector<std::string> paths = splitPaths(item.key());
        for (const std::string& path : paths) {
            if (!pathsSet.insert(path).second)
                throw ConfigError(where + ": \"" + path + "\" is set by another axis too");
            const size_t dot = path.rfind('.');
            axis.label += (axis.label.empty() ? "" : "+")
                + (dot == std::string::npos ? path : path.substr(dot + 1));
        }
        for (const auto& value : item.value())
            axis.values.push_back(valueText(value));
        if (axis.key == "seed")
            plan.seedAxis = static_cast<int>(plan.axes.size());
        total *= static_cast<long long>(axis.values.size());
        if (total > kMaxSweepRuns)
            throw ConfigError(
                source + ": the axes make more than " + std::to_string(kMaxSweepRuns) + " runs");
        plan.axes.push_back(axis);
        axisPaths.push_back(paths);
        axisValues.emplace_back(item.value().begin(), item.value().end());
    }

    // The Cartesian product, the first axis slowest (an odometer).
    std::vector<size_t> at(plan.axes.size(), 0);
    std::set<std::string> names;
    for (int index = 0; index < total; ++index) {
        SweepRun run;
        run.index = index;
        ordered_json config = base;
        for (size_t a = 0; a < plan.axes.size(); ++a) {
            const SweepAxis& axis = plan.axes[a];
            run.values.push_back(axis.values[at[a]]);
            std::string part = axis.label + "=" + axis.values[at[a]];
            for (char& c : part)
                if (!safeInName(c))
                    c = '_';
            run.name += (run.name.empty() ? "" : ",") + part;
            for (const std::string& path : axisPaths[a])
                setPath(config, path, axisValues[a][at[a]], source + ": axes \"" + axis.key + "\"");
        }
        giveEveryMethodThePlansRates(config, paths);
        if (!names.insert(run.name).second)
            throw ConfigError(source + ": two runs would share the folder name \"" + run.name
                + "\"; give values that differ in letters or digits");
        run.configJson = config.dump(2) + "\n";
        run.config = configFromJson(run.configJson, source + ": run " + run.name);
        plan.runs.push_back(std::move(run));
        for (size_t a = plan.axes.size(); a-- > 0;) {
            if (++at[a] < plan.axes[a].values.size())
                break;
            at[a] = 0;
        }
    }

    ordered_json asRun;
    asRun["name"] = plan.name;
    if (doc.contains("description"))
        asRun["description"] = doc["description"];
    if (doc.contains("base"))
        asRun["base"] = doc["base"];
    if (doc.contains("set"))
        asRun["set"] = doc["set"];
    asRun["axes"] = doc["axes"];
    if (doc.contains("population"))
        asRun["population"] = doc["population"];
    asRun["base_config"] = baseOnly;
    plan.asRunJson = asRun.dump(2) + "\n";
    return plan;
}

std::vector<std::vector<int>> populationGroups(
    const SweepPlan& plan, const std::vector<int>& indices, int cap)
{
    std::vector<std::vector<int>> groups;
    for (int index : indices) {
        const TrainConfig& config = plan.runs.at(static_cast<size_t>(index)).config;
        // A method whose step is not batched gains nothing from company: it runs alone.
        auto fits = [&](const std::vector<int>& group) {
            return static_cast<int>(group.size()) < cap && trainsBatched(config.method)
                && populationMismatch(plan.runs[static_cast<size_t>(group.front())].config, config)
                       .empty();
        };
        auto open = std::find_if(groups.begin(), groups.end(), fits);
        if (open == groups.end())
            groups.push_back({ index });
        else
            open->push_back(index);
    }
    return groups;
}

SweepPlan loadSweepPlan(
    const std::filesystem::path& file, const std::vector<std::filesystem::path>& presetDirs)
{
    return parseSweepPlan(readInputFile(file, kMaxConfigBytes), file.string(),
        file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path(), presetDirs);
}

} // namespace modescope
