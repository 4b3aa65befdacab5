#include "modescope/config/ConfigJson.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "modescope/Version.h"
#include "modescope/config/ConfigError.h"
#include "modescope/config/InputFile.h"

namespace modescope
{

namespace
{

using nlohmann::json;

// Reads one JSON object, naming every field by its path ("sim.nu") in errors.
class Reader
{
public:
    Reader(const json& object, std::string path, std::string source)
        : m_object(object)
        , m_path(std::move(path))
        , m_source(std::move(source))
    {
        if (!m_object.is_object())
            fail(m_path.empty() ? "the top level" : m_path, "must be a JSON object");
    }

    // Refuses keys this schema does not know, so a typo is not silently ignored.
    void allowOnly(const std::set<std::string>& keys) const
    {
        for (const auto& item : m_object.items())
            if (!keys.count(item.key()))
                fail(field(item.key()), "is not a known field");
    }

    template <typename T> void read(const std::string& key, T& target) const
    {
        const auto it = m_object.find(key);
        if (it == m_object.end())
            return;
        if constexpr (std::is_same_v<T, bool>) {
            if (!it->is_boolean())
                fail(field(key), "must be true or false");
            target = it->template get<bool>();
        } else if constexpr (std::is_integral_v<T>) {
            target = wholeNumber<T>(*it, field(key));
        } else if constexpr (std::is_floating_point_v<T>) {
            if (!it->is_number())
                fail(field(key), "must be a number");
            target = it->template get<T>();
        } else {
            static_assert(std::is_same_v<T, std::string>);
            if (!it->is_string())
                fail(field(key), "must be a string");
            target = it->template get<std::string>();
        }
    }

    // A JSON number as T, refused (never wrapped) when it is not whole or does not fit.
    template <typename T> T wholeNumber(const json& v, const std::string& name) const
    {
        using Limits = std::numeric_limits<T>;
        if (v.is_number_unsigned()) {
            const auto u = v.template get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(Limits::max()))
                fail(name, "is too large: at most " + std::to_string(Limits::max()));
            return static_cast<T>(u);
        }
        if (v.is_number_integer()) {
            const auto i = v.template get<std::int64_t>();
            if constexpr (std::is_unsigned_v<T>) {
                if (i < 0)
                    fail(name, "must not be negative");
            } else if (i < static_cast<std::int64_t>(Limits::min())
                || i > static_cast<std::int64_t>(Limits::max())) {
                fail(name,
                    "is out of range: between " + std::to_string(Limits::min()) + " and "
                        + std::to_string(Limits::max()));
            }
            return static_cast<T>(i);
        }
        if (!v.is_number())
            fail(name, "must be a whole number");
        const double d = v.template get<double>();
        if (!std::isfinite(d) || d != std::floor(d))
            fail(name, "must be a whole number, got " + v.dump());
        // Compared in long double, where both limits of a 64-bit type are exact.
        if (static_cast<long double>(d) < static_cast<long double>(Limits::min())
            || static_cast<long double>(d) > static_cast<long double>(Limits::max()))
            fail(name,
                "is out of range: between " + std::to_string(Limits::min()) + " and "
                    + std::to_string(Limits::max()) + ", got " + v.dump());
        return static_cast<T>(d);
    }

    template <typename Enum>
    void readEnum(const std::string& key, Enum& target,
        std::optional<Enum> (*parser)(const std::string&), const char* choices) const
    {
        std::string text;
        if (!has(key))
            return;
        read(key, text);
        const auto value = parser(text);
        if (!value)
            fail(field(key), "must be one of " + std::string(choices) + ", got \"" + text + "\"");
        target = *value;
    }

    void readRange(const std::string& key, std::optional<std::pair<double, double>>& target) const
    {
        if (!has(key))
            return;
        const json& v = m_object.at(key);
        if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number())
            fail(field(key), "must be an array of two numbers [low, high]");
        target = std::make_pair(v[0].get<double>(), v[1].get<double>());
    }

    // A point: a number (1-D) or an array of one or two numbers ([x, y]).
    void readPoint(const std::string& key, std::vector<double>& target) const
    {
        if (!has(key))
            return;
        const json& v = m_object.at(key);
        if (v.is_number()) {
            target = { v.get<double>() };
            return;
        }
        if (!v.is_array() || v.empty() || v.size() > 2)
            fail(field(key), "must be a number (1-D) or an array [x, y] (2-D)");
        target.clear();
        for (const json& c : v) {
            if (!c.is_number())
                fail(field(key), "must hold numbers only, got " + c.dump());
            target.push_back(c.get<double>());
        }
    }

    // [low, high] (x, or every axis of a 2-D mixture), or one [low, high] per axis.
    void readViewBox(const std::string& key, std::optional<std::pair<double, double>>& x,
        std::optional<std::pair<double, double>>& y) const
    {
        if (!has(key))
            return;
        const json& v = m_object.at(key);
        auto pair = [](const json& r) {
            return r.is_array() && r.size() == 2 && r[0].is_number() && r[1].is_number();
        };
        if (pair(v)) {
            x = std::make_pair(v[0].get<double>(), v[1].get<double>());
            return;
        }
        if (!v.is_array() || v.size() != 2 || !pair(v[0]) || !pair(v[1]))
            fail(field(key),
                "must be [low, high], or [[x low, x high], [y low, y high]] for a 2-D mixture");
        x = std::make_pair(v[0][0].get<double>(), v[0][1].get<double>());
        y = std::make_pair(v[1][0].get<double>(), v[1][1].get<double>());
    }

    void readWidths(const std::string& key, std::vector<int>& target) const
    {
        if (!has(key))
            return;
        const json& v = m_object.at(key);
        if (!v.is_array())
            fail(field(key), "must be an array of layer widths");
        target.clear();
        for (const json& w : v)
            target.push_back(wholeNumber<int>(w, field(key)));
    }

    bool has(const std::string& key) const { return m_object.contains(key); }
    const std::string& source() const { return m_source; }
    Reader child(const std::string& key) const
    {
        return Reader(m_object.at(key), field(key), m_source);
    }
    const json& at(const std::string& key) const { return m_object.at(key); }
    std::string field(const std::string& key) const
    {
        return m_path.empty() ? key : m_path + "." + key;
    }
    [[noreturn]] void fail(const std::string& field, const std::string& what) const
    {
        throw ConfigError(m_source + ": " + field + " " + what);
    }

private:
    const json& m_object;
    std::string m_path;
    std::string m_source;
};

// `sharedLayers`: where the network has them (the generators' trunk), else null.
void readNetwork(
    const Reader& parent, const std::string& key, NetworkConfig& net, int* sharedLayers = nullptr)
{
    if (!parent.has(key))
        return;
    const Reader r = parent.child(key);
    if (sharedLayers) {
        r.allowOnly({ "hidden", "activation", "negative_slope", "shared_layers" });
        r.read("shared_layers", *sharedLayers);
    } else {
        r.allowOnly({ "hidden", "activation", "negative_slope" });
    }
    r.readWidths("hidden", net.hidden);
    r.readEnum("activation", net.activation, parseActivation, "elu, relu, leaky_relu, tanh");
    r.read("negative_slope", net.negativeSlope);
}

// "per_method": {"gan": {"g_lr": 4e-4, "d_lr": 4e-4}, ...}: each entry's rates replace the
// preset's g_lr and d_lr for that method (a rate an entry leaves out is the preset's).
void readMethodRates(const Reader& optimizer, TrainConfig& config)
{
    const Reader perMethod = optimizer.child("per_method");
    config.presetRates = { config.live.generatorLr, config.live.discriminatorLr };
    for (const auto& item : optimizer.at("per_method").items()) {
        const auto method = parseMethod(item.key());
        if (!method)
            perMethod.fail(perMethod.field(item.key()),
                "is not a method: the keys of per_method are method names (" + methodNames() + ")");
        const Reader entry = perMethod.child(item.key());
        entry.allowOnly({ "g_lr", "d_lr" });
        AdamRates rates = config.presetRates;
        entry.read("g_lr", rates.generator);
        entry.read("d_lr", rates.discriminator);
        config.methodRates[*method] = rates;
    }
    // The config's own method at its rates ({} says nothing: one set of rates, as without it);
    // Sim's start is the method's, as above, until "sim" (read next) says otherwise.
    config.chooseMethod(config.method);
}

void readMixture(const Reader& top, TrainConfig& config)
{
    if (!top.has("mixture"))
        return;
    const Reader mixture = top.child("mixture");
    mixture.allowOnly({ "modes" });
    if (!mixture.has("modes"))
        return;
    const json& modes = mixture.at("modes");
    if (!modes.is_array())
        mixture.fail("mixture.modes",
            "must be an array of {weight, mean, sd} objects (mean: a number, or [x, y])");
    std::vector<Mode> parsed;
    for (size_t m = 0; m < modes.size(); ++m) {
        const Reader mode(modes[m], "mixture.modes[" + std::to_string(m) + "]", top.source());
        mode.allowOnly({ "weight", "mean", "sd" });
        Mode value;
        mode.read("weight", value.weight);
        mode.readPoint("mean", value.mean);
        mode.read("sd", value.sd);
        parsed.push_back(value);
    }
    config.mixture = Mixture(std::move(parsed));
}

void readImages(const Reader& top, TrainConfig& config)
{
    if (!top.has("images"))
        return;
    const Reader images = top.child("images");
    images.allowOnly(
        { "images", "labels", "rows", "cols", "classes", "class_names", "limit", "stacked" });
    ImageTarget target;
    images.read("images", target.images);
    images.read("labels", target.labels);
    images.read("rows", target.rows);
    images.read("cols", target.cols);
    images.read("classes", target.classes);
    images.read("limit", target.limit);
    images.read("stacked", target.stacked);
    if (images.has("class_names")) {
        const json& names = images.at("class_names");
        if (!names.is_array())
            images.fail("images.class_names", "must be an array of strings, one a class");
        for (const json& name : names) {
            if (!name.is_string())
                images.fail("images.class_names", "must be an array of strings, one a class");
            target.classNames.push_back(name.get<std::string>());
        }
    }
    config.images = std::move(target);
}

} // namespace

TrainConfig configFromJson(const std::string& text, const std::string& source)
{
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception& e) { // parse_error, and out_of_range for 1e400
        throw ConfigError(source + ": malformed JSON (" + std::string(e.what()) + ")");
    }
    TrainConfig config;
    const Reader top(doc, "", source);
    top.allowOnly({ "name", "description", "mixture", "metric_range", "view_range", "method",
        "generators", "generator", "discriminator", "noise", "batch", "optimizer", "sim",
        "iterations", "seed", "device", "log_every", "samples", "version", "device_used",
        "data_scaling", "population", "unrolled", "wgan_gp", "pacgan", "images" });
    top.read("name", config.presetName);
    top.read("description", config.description);
    readMixture(top, config);
    readImages(top, config);
    if (config.images && top.has("mixture"))
        top.fail("mixture",
            "cannot be given with \"images\": an image target has no mixture; give one or the "
            "other");
    top.readRange("metric_range", config.metricRange);
    top.readViewBox("view_range", config.viewRange, config.viewRangeY);
    top.readEnum("method", config.method, parseMethod, methodNames().c_str());
    config.live.simEnabled = config.method == Method::MadGanSim; // unless "sim" says otherwise
    top.read("generators", config.generators);
    readNetwork(top, "generator", config.generator, &config.generatorSharedLayers);
    readNetwork(top, "discriminator", config.discriminator);
    if (top.has("noise")) {
        const Reader noise = top.child("noise");
        noise.allowOnly({ "kind", "dim" });
        noise.readEnum("kind", config.noise, parseNoiseKind, "uniform, normal");
        noise.read("dim", config.noiseDim);
    }
    top.read("batch", config.batch);
    if (top.has("optimizer")) {
        const Reader opt = top.child("optimizer");
        opt.allowOnly({ "g_lr", "d_lr", "beta1", "beta2", "per_method" });
        opt.read("g_lr", config.live.generatorLr);
        opt.read("d_lr", config.live.discriminatorLr);
        opt.read("beta1", config.beta1);
        opt.read("beta2", config.beta2);
        if (opt.has("per_method"))
            readMethodRates(opt, config);
    }
    if (top.has("sim")) {
        const Reader sim = top.child("sim");
        sim.allowOnly({ "enabled", "lambda", "nu", "phi" });
        sim.read("enabled", config.live.simEnabled);
        sim.read("lambda", config.live.simLambda);
        sim.read("nu", config.live.simNu);
        sim.readEnum("phi", config.phi, parsePhiSource, phiSourceNames().c_str());
    }
    // Each method's own settings; a method that does not use them ignores them, so a preset
    // may carry them all and a method axis of a sweep switch between them.
    if (top.has("unrolled")) {
        const Reader unrolled = top.child("unrolled");
        unrolled.allowOnly({ "steps", "second_order" });
        unrolled.read("steps", config.unrolled.steps);
        unrolled.read("second_order", config.unrolled.secondOrder);
    }
    if (top.has("wgan_gp")) {
        const Reader wgan = top.child("wgan_gp");
        wgan.allowOnly({ "lambda", "critic_steps" });
        wgan.read("lambda", config.wganGp.lambda);
        wgan.read("critic_steps", config.wganGp.criticSteps);
    }
    if (top.has("pacgan")) {
        const Reader pac = top.child("pacgan");
        pac.allowOnly({ "packing" });
        pac.read("packing", config.pacGan.packing);
    }
    // A run's config.json written before data_scaling existed (it has a "version") was trained
    // on raw x; a preset or file without the field takes the default.
    if (top.has("version") && !top.has("data_scaling"))
        config.dataScaling = DataScaling::None;
    top.readEnum("data_scaling", config.dataScaling, parseDataScaling, "standardize, none");
    top.read("iterations", config.iterations);
    top.read("seed", config.seed);
    top.readEnum("device", config.device, parseDeviceChoice, "auto, cpu, cuda");
    top.read("log_every", config.logEvery);
    top.read("samples", config.samplesPerGenerator);
    top.read("population", config.population);
    try {
        validate(config);
    } catch (const ConfigError& e) {
        throw ConfigError(source + ": " + e.what());
    }
    return config;
}

TrainConfig loadConfigFile(const std::filesystem::path& file)
{
    return configFromJson(readInputFile(file, kMaxConfigBytes), file.string());
}

TrainConfig loadPreset(
    const std::string& nameOrFile, const std::vector<std::filesystem::path>& searchDirs)
{
    const std::filesystem::path asPath(nameOrFile);
    if (asPath.extension() == ".json" || nameOrFile.find('/') != std::string::npos)
        return loadConfigFile(asPath);
    for (const auto& dir : searchDirs) {
        const auto candidate = dir / (nameOrFile + ".json");
        if (std::filesystem::exists(candidate))
            return loadConfigFile(candidate);
    }
    std::string known;
    for (const auto& name : presetNames(searchDirs))
        known += (known.empty() ? "" : ", ") + name;
    if (known.empty()) {
        std::string searched;
        for (const auto& dir : searchDirs)
            searched += (searched.empty() ? "" : ", ") + dir.string();
        throw ConfigError("unknown preset \"" + nameOrFile
            + "\": no presets found (searched: " + (searched.empty() ? "no folders" : searched)
            + "; set MODESCOPE_PRESETS or give a path to a .json file)");
    }
    throw ConfigError("unknown preset \"" + nameOrFile + "\" (known: " + known
        + "; or give a path to a .json file)");
}

std::vector<std::string> presetNames(const std::vector<std::filesystem::path>& searchDirs)
{
    std::set<std::string> names;
    for (const auto& dir : searchDirs) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
            if (entry.path().extension() == ".json")
                names.insert(entry.path().stem().string());
    }
    return { names.begin(), names.end() };
}

namespace
{

// g_lr and d_lr are the rates the run trains with, unless the config has per-method rates:
// then they are the preset's for the methods it does not name, and per_method keeps every
// entry, the run's own method's at the rates it trains with now (a rate changed live in the
// window), so reading the file back gives the same run and a sweep's method axis each its own.
json optimizerJson(const TrainConfig& config)
{
    json optimizer = { { "g_lr", config.live.generatorLr }, { "d_lr", config.live.discriminatorLr },
        { "beta1", config.beta1 }, { "beta2", config.beta2 } };
    if (config.methodRates.empty())
        return optimizer;
    optimizer["g_lr"] = config.presetRates.generator;
    optimizer["d_lr"] = config.presetRates.discriminator;
    std::map<Method, AdamRates> rates = config.methodRates;
    const AdamRates running { config.live.generatorLr, config.live.discriminatorLr };
    if (!(running == config.ratesFor(config.method)))
        rates[config.method] = running;
    json perMethod = json::object();
    for (const auto& [m, r] : rates)
        perMethod[toString(m)] = { { "g_lr", r.generator }, { "d_lr", r.discriminator } };
    optimizer["per_method"] = perMethod;
    return optimizer;
}

json configDocument(const TrainConfig& config, const std::string& deviceUsed)
{
    auto network = [](const NetworkConfig& net) {
        return json { { "hidden", net.hidden }, { "activation", toString(net.activation) },
            { "negative_slope", net.negativeSlope } };
    };
    json generator = network(config.generator);
    generator["shared_layers"] = config.generatorSharedLayers;
    json modes = json::array();
    for (const Mode& mode : config.mixture.modes())
        modes.push_back({ { "weight", mode.weight },
            { "mean", mode.dimension() == 1 ? json(mode.mean.front()) : json(mode.mean) },
            { "sd", mode.sd } });
    const auto metricRange = config.effectiveMetricRange();
    const auto viewRange = config.effectiveViewRange();
    json view = { viewRange.first, viewRange.second };
    if (config.dimension() == 2) {
        const auto viewY = config.effectiveViewRange(1);
        view = json::array({ view, { viewY.first, viewY.second } });
    }
    json doc = {
        { "name", config.presetName },
        { "description", config.description },
        { "mixture", { { "modes", modes } } },
        { "metric_range", { metricRange.first, metricRange.second } },
        { "view_range", view },
        { "method", toString(config.method) },
        { "generators", config.effectiveGenerators() },
        { "generator", generator },
        { "discriminator", network(config.discriminator) },
        { "noise", { { "kind", toString(config.noise) }, { "dim", config.noiseDim } } },
        { "batch", config.batch },
        { "data_scaling", toString(config.dataScaling) },
        { "optimizer", optimizerJson(config) },
        { "sim",
            { { "enabled", config.live.simEnabled }, { "lambda", config.live.simLambda },
                { "nu", config.live.simNu }, { "phi", toString(config.phi) } } },
        { "iterations", config.iterations },
        { "seed", config.seed },
        { "device", toString(config.device) },
        { "log_every", config.logEvery },
        { "samples", config.samplesPerGenerator },
        { "version", kVersion },
    };
    // A method's own settings, only where the method reads them (so every earlier config.json
    // and a population's comparison of two configs stay as they were).
    if (config.method == Method::Unrolled)
        doc["unrolled"] = { { "steps", config.unrolled.steps },
            { "second_order", config.unrolled.secondOrder } };
    if (config.method == Method::WganGp)
        doc["wgan_gp"]
            = { { "lambda", config.wganGp.lambda }, { "critic_steps", config.wganGp.criticSteps } };
    if (config.method == Method::PacGan)
        doc["pacgan"] = { { "packing", config.pacGan.packing } };
    if (config.images) { // an image target replaces the mixture and its ranges
        const ImageTarget& images = *config.images;
        doc.erase("mixture");
        doc.erase("metric_range");
        doc.erase("view_range");
        doc["images"] = { { "images", images.images }, { "labels", images.labels },
            { "rows", images.rows }, { "cols", images.cols }, { "classes", images.classes },
            { "limit", images.limit } };
        if (!images.classNames.empty())
            doc["images"]["class_names"] = images.classNames;
        if (images.stacked) // absent for a plain image target, as before stacking
            doc["images"]["stacked"] = true;
    }
    if (config.population > 1) // absent for a run trained alone, as before populations
        doc["population"] = config.population;
    if (!deviceUsed.empty())
        doc["device_used"] = deviceUsed;
    return doc;
}

} // namespace

std::string configToJson(const TrainConfig& config, const std::string& deviceUsed)
{
    return configDocument(config, deviceUsed).dump(2) + "\n";
}

std::string populationMismatch(const TrainConfig& a, const TrainConfig& b)
{
    json first = configDocument(a, {});
    json second = configDocument(b, {});
    // What a step never reads: names, views, the schedule, evaluation and the seed.
    for (const char* key : { "name", "description", "metric_range", "view_range", "iterations",
             "seed", "log_every", "samples", "population" }) {
        first.erase(key);
        second.erase(key);
    }
    for (const auto& [key, value] : first.items())
        if (!second.contains(key) || second[key] != value)
            return key;
    return {};
}

namespace
{
// Whether `inner` lies inside `outer` (both absolute).
bool isWithin(const std::filesystem::path& inner, const std::filesystem::path& outer)
{
    const auto [end, unused]
        = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
    return end == outer.end();
}
} // namespace

std::vector<std::filesystem::path> defaultPresetDirs()
{
    std::vector<std::filesystem::path> dirs;
    if (const char* env = std::getenv("MODESCOPE_PRESETS"); env && *env)
        dirs.emplace_back(env);
    // /proc/self/exe is the running program's real path.
    std::error_code ec;
    const auto program = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec)
        return dirs;
    // Installed: share/modescope/presets relative to the program's bin folder, so a prefix can
    // be moved and a package unpacked anywhere.
    const auto installed
        = (program.parent_path() / MODESCOPE_PRESETS_FROM_BINDIR).lexically_normal();
    if (std::filesystem::is_directory(installed, ec))
        dirs.push_back(installed);
#if defined(MODESCOPE_BUILD_DIR) && defined(MODESCOPE_SOURCE_PRESETS)
    // Running from the build folder: the source tree's presets. An installed copy never looks
    // there, so a package cannot come to depend on the machine it was built on.
    const auto buildDir = std::filesystem::weakly_canonical(MODESCOPE_BUILD_DIR, ec);
    if (!ec && isWithin(program, buildDir))
        dirs.emplace_back(MODESCOPE_SOURCE_PRESETS);
#endif
    return dirs;
}

} // namespace modescope
