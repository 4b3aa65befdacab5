#include "modescope/config/TrainConfig.h"

#include <array>
#include <cfloat>
#include <cmath>
#include <sstream>

#include "modescope/config/ConfigError.h"
#include "modescope/config/MemoryEstimate.h"
#include "modescope/maths/Metrics.h"

namespace modescope
{

namespace
{

template <typename Enum, size_t N> using Names = std::array<std::pair<Enum, const char*>, N>;

constexpr Names<Method, 7> kMethodNames { { { Method::Gan, "gan" },
    { Method::Independent, "independent" }, { Method::MadGan, "madgan" },
    { Method::MadGanSim, "madgan-sim" }, { Method::Unrolled, "unrolled" },
    { Method::WganGp, "wgan-gp" }, { Method::PacGan, "pacgan" } } };
constexpr Names<Activation, 4> kActivationNames { { { Activation::Elu, "elu" },
    { Activation::Relu, "relu" }, { Activation::LeakyRelu, "leaky_relu" },
    { Activation::Tanh, "tanh" } } };
constexpr Names<NoiseKind, 2> kNoiseNames { { { NoiseKind::Uniform, "uniform" },
    { NoiseKind::Normal, "normal" } } };
constexpr Names<PhiSource, 4> kPhiNames { { { PhiSource::Discriminator, "discriminator" },
    { PhiSource::DiscriminatorPreActivation, "discriminator-preactivation" },
    { PhiSource::DiscriminatorCentred, "discriminator-centred" },
    { PhiSource::Generator, "generator" } } };
constexpr Names<DataScaling, 2> kScalingNames { { { DataScaling::None, "none" },
    { DataScaling::Standardize, "standardize" } } };
constexpr Names<DeviceChoice, 3> kDeviceNames { { { DeviceChoice::Auto, "auto" },
    { DeviceChoice::Cpu, "cpu" }, { DeviceChoice::Cuda, "cuda" } } };

template <typename Enum, size_t N> std::string nameOf(const Names<Enum, N>& names, Enum value)
{
    for (const auto& [v, name] : names)
        if (v == value)
            return name;
    return "?";
}

template <typename Enum, size_t N>
std::optional<Enum> parse(const Names<Enum, N>& names, const std::string& text)
{
    for (const auto& [v, name] : names)
        if (text == name)
            return v;
    return std::nullopt;
}

// Limits of what a run may ask for: beyond them a setting is a typo or cannot be trained.
constexpr int kMaxLayers = 32; // hidden layers per network
constexpr int kMaxWidth = 8192; // units per hidden layer
constexpr long long kMaxIterations = 1'000'000'000'000LL; // steps: far beyond any real run
constexpr unsigned long long kMaxSeed = 9223372036854775807ULL; // 2^63 - 1
constexpr int kMaxDimension = 2; // of the data: the window draws a line or a map
constexpr double kMaxAbsMean = 1e6; // a mode's mean; beyond it single precision loses the modes
// A mode's sd relative to max(1, |mean|): a float resolves about 1e-7 of a value, so an sd
// smaller than this is a spike no generator in single precision can draw.
constexpr double kMinRelativeSd = 1e-5;
constexpr double kMaxHistogramBins = 1e6; // bins of the metric range (0.5 wide): memory and time
// The route settings' ranges: beyond them a step costs more than a user would wait for, or (the
// packing) leaves what PacGAN's paper measured.
constexpr int kMaxUnrolledSteps = 100;
constexpr int kMaxCriticSteps = 100;
constexpr int kMaxPacking = 4;
// An image's side: the judge's two poolings need 16 pixels; 256 keeps a generator's output
// layer (rows x cols units) within memory on a laptop.
constexpr int kMinImageSide = 16;
constexpr int kMaxImageSide = 256;

void require(bool ok, const std::string& message)
{
    if (!ok)
        throw ConfigError(message);
}

std::string number(double v)
{
    std::ostringstream text;
    text << v;
    return text.str();
}

// Learning rates, lambda and nu multiply single-precision tensors.
bool fitsFloat(double v)
{
    return std::isfinite(v) && std::abs(v) <= FLT_MAX;
}

void validateNetwork(const NetworkConfig& net, const std::string& field)
{
    require(!net.hidden.empty(), field + ".hidden: at least one hidden layer is needed");
    require(net.hidden.size() <= kMaxLayers,
        field + ".hidden: at most " + std::to_string(kMaxLayers) + " hidden layers, got "
            + std::to_string(net.hidden.size()));
    for (int width : net.hidden)
        require(width >= 1 && width <= kMaxWidth,
            field + ".hidden: every width must be between 1 and " + std::to_string(kMaxWidth)
                + ", got " + std::to_string(width));
    require(fitsFloat(net.negativeSlope), field + ".negative_slope: must be a finite number");
}

void validateRange(const std::optional<std::pair<double, double>>& range, const std::string& field)
{
    if (range)
        require(std::isfinite(range->first) && std::isfinite(range->second)
                && range->first < range->second,
            field + ": needs two finite numbers [low, high] with low < high");
}

} // namespace

std::string toString(Method method)
{
    return nameOf(kMethodNames, method);
}
std::string toString(Activation activation)
{
    return nameOf(kActivationNames, activation);
}
std::string toString(NoiseKind kind)
{
    return nameOf(kNoiseNames, kind);
}
std::string toString(PhiSource source)
{
    return nameOf(kPhiNames, source);
}
std::string toString(DeviceChoice device)
{
    return nameOf(kDeviceNames, device);
}
std::string toString(DataScaling scaling)
{
    return nameOf(kScalingNames, scaling);
}
std::optional<DataScaling> parseDataScaling(const std::string& text)
{
    return parse(kScalingNames, text);
}
std::optional<Method> parseMethod(const std::string& text)
{
    return parse(kMethodNames, text);
}
std::optional<Activation> parseActivation(const std::string& text)
{
    return parse(kActivationNames, text);
}
std::optional<NoiseKind> parseNoiseKind(const std::string& text)
{
    return parse(kNoiseNames, text);
}
std::optional<PhiSource> parsePhiSource(const std::string& text)
{
    return parse(kPhiNames, text);
}
std::string phiSourceNames()
{
    std::string names;
    for (const auto& [value, name] : kPhiNames)
        names += (names.empty() ? "" : ", ") + std::string(name);
    return names;
}
std::optional<DeviceChoice> parseDeviceChoice(const std::string& text)
{
    return parse(kDeviceNames, text);
}

std::string methodNames()
{
    std::string names;
    for (const auto& [value, name] : kMethodNames)
        names += (names.empty() ? "" : ", ") + std::string(name);
    return names;
}

bool hasPerGeneratorHeads(Method method)
{
    return method == Method::MadGan || method == Method::MadGanSim;
}

bool hasSingleGenerator(Method method)
{
    return method == Method::Gan || method == Method::Unrolled || method == Method::WganGp
        || method == Method::PacGan;
}

bool trainsBatched(Method method)
{
    return method != Method::Unrolled && method != Method::WganGp;
}

std::string routeOf(Method method)
{
    switch (method) {
    case Method::Gan:
    case Method::Independent:
        return "baseline: no cure";
    case Method::Unrolled:
    case Method::WganGp:
        return "route 1: better optimisation";
    case Method::MadGan:
    case Method::MadGanSim:
    case Method::PacGan:
        return "route 2: architecture";
    }
    return {};
}

void TrainConfig::chooseMethod(Method chosen)
{
    method = chosen;
    live.simEnabled = chosen == Method::MadGanSim;
    if (!methodRates.empty()) {
        const AdamRates rates = ratesFor(chosen);
        live.generatorLr = rates.generator;
        live.discriminatorLr = rates.discriminator;
    }
}

AdamRates TrainConfig::ratesFor(Method m) const
{
    if (methodRates.empty())
        return { live.generatorLr, live.discriminatorLr };
    const auto it = methodRates.find(m);
    return it == methodRates.end() ? presetRates : it->second;
}

void TrainConfig::setRatesForEveryMethod(
    std::optional<double> generatorLr, std::optional<double> discriminatorLr)
{
    auto give = [&](AdamRates& rates) {
        rates.generator = generatorLr.value_or(rates.generator);
        rates.discriminator = discriminatorLr.value_or(rates.discriminator);
    };
    if (methodRates.empty())
        presetRates = { live.generatorLr, live.discriminatorLr };
    give(presetRates);
    for (auto& entry : methodRates)
        give(entry.second);
    if (generatorLr && discriminatorLr)
        methodRates.clear();
    live.generatorLr = generatorLr.value_or(live.generatorLr);
    live.discriminatorLr = discriminatorLr.value_or(live.discriminatorLr);
}

std::pair<double, double> TrainConfig::effectiveMetricRange() const
{
    return metricRange ? *metricRange : mixture.defaultRange();
}

std::pair<double, double> TrainConfig::effectiveViewRange(int axis) const
{
    if (axis == 0)
        return viewRange ? *viewRange
                         : (dimension() == 1 ? effectiveMetricRange() : mixture.defaultRange(0));
    // One [low, high] for a 2-D mixture spans both axes, as a preset's view_range does.
    if (viewRangeY)
        return *viewRangeY;
    return viewRange && dimension() == 2 ? *viewRange : mixture.defaultRange(axis);
}

std::string ImageTarget::className(int c) const
{
    if (!stacked)
        return c >= 0 && c < static_cast<int>(classNames.size()) ? classNames[c]
                                                                 : std::to_string(c);
    if (c < 0 || c >= modes())
        return std::to_string(c);
    // Three digits: validate() keeps a stacked target at 10 classes or fewer.
    return std::to_string(c / (classes * classes)) + std::to_string(c / classes % classes)
        + std::to_string(c % classes);
}

namespace
{

void validateImages(const ImageTarget& images)
{
    require(!images.images.empty(), "images.images: the IDX image file must be named");
    require(!images.labels.empty(), "images.labels: the IDX label file must be named");
    require(images.rows >= kMinImageSide && images.rows <= kMaxImageSide,
        "images.rows: must be between " + std::to_string(kMinImageSide) + " and "
            + std::to_string(kMaxImageSide) + ", got " + std::to_string(images.rows));
    require(images.cols >= kMinImageSide && images.cols <= kMaxImageSide,
        "images.cols: must be between " + std::to_string(kMinImageSide) + " and "
            + std::to_string(kMaxImageSide) + ", got " + std::to_string(images.cols));
    require(images.classes >= 2 && images.classes <= 256,
        "images.classes: must be between 2 and 256, got " + std::to_string(images.classes));
    require(
        images.classNames.empty() || static_cast<int>(images.classNames.size()) == images.classes,
        "images.class_names: one name a class: " + std::to_string(images.classes) + " names, got "
            + std::to_string(images.classNames.size()));
    require(images.limit >= 0, "images.limit: must be 0 (every image) or more");
    require(!images.stacked || images.classes <= kMaxStackedClasses,
        "images.stacked: a stacked target has classes^3 modes; at most "
            + std::to_string(kMaxStackedClasses) + " classes (1000 modes), got "
            + std::to_string(images.classes));
}

} // namespace

void validate(const TrainConfig& config)
{
    if (config.images)
        validateImages(*config.images);
    const auto& modes = config.mixture.modes();
    require(!modes.empty(), "mixture.modes: at least one mode is needed");
    const int d = modes.front().dimension();
    require(d >= 1 && d <= kMaxDimension,
        "mixture.modes[0].mean: a mean has 1 or 2 coordinates (a number, or [x, y]), got "
            + std::to_string(d));
    double weightSum = 0.0;
    for (size_t m = 0; m < modes.size(); ++m) {
        const std::string field = "mixture.modes[" + std::to_string(m) + "]";
        const Mode& mode = modes[m];
        require(mode.dimension() == d,
            field + ".mean: has " + std::to_string(mode.dimension()) + " coordinates where mode 0 "
                + "has " + std::to_string(d) + " (every mode of a mixture has the same dimension)");
        double largest = 0.0; // the largest |coordinate|
        for (double c : mode.mean) {
            require(std::isfinite(c) && std::abs(c) <= kMaxAbsMean,
                field + ".mean: every coordinate must be a number between -1e6 and 1e6, got "
                    + number(c));
            largest = std::max(largest, std::abs(c));
        }
        const double minSd = kMinRelativeSd * std::max(1.0, largest);
        require(std::isfinite(mode.sd) && mode.sd >= minSd && mode.sd <= kMaxAbsMean,
            field + ".sd: must be between " + number(minSd)
                + " (what single precision resolves at this mean) and 1e6, got " + number(mode.sd));
        require(std::isfinite(mode.weight) && mode.weight > 0,
            field + ".weight: must be greater than 0, got " + number(mode.weight));
        weightSum += mode.weight;
    }
    require(std::isfinite(weightSum) && weightSum <= FLT_MAX,
        "mixture.modes: the weights must add up to a finite number (they are relative: 1, 2, "
        "1 is the same as 0.25, 0.5, 0.25)");
    validateRange(config.metricRange, "metric_range");
    // A range per axis names the axis: view_range[0] is x, view_range[1] is y.
    validateRange(config.viewRange, config.viewRangeY ? "view_range[0]" : "view_range");
    validateRange(config.viewRangeY, "view_range[1]");
    require(!config.viewRangeY || d == 2,
        "view_range: a range per axis is for a 2-D mixture; this one is 1-D: give [low, high]");
    const auto metricRange = config.effectiveMetricRange();
    const double bins = (metricRange.second - metricRange.first) / kHistogramBinWidth;
    require(d != 1 || bins <= kMaxHistogramBins, // the histogram measures are 1-D only
        std::string("metric_range: ") + (config.metricRange ? "" : "the modes' default range ")
            + "[" + number(metricRange.first) + ", " + number(metricRange.second) + "] needs "
            + number(std::ceil(bins)) + " histogram bins of 0.5; at most 1e6 (a range 5e5 "
            + "wide): give a narrower metric_range");
    require(config.generators >= 1 && config.generators <= 64,
        "generators: k must be between 1 and 64, got " + std::to_string(config.generators));
    validateNetwork(config.generator, "generator");
    validateNetwork(config.discriminator, "discriminator");
    require(config.generatorSharedLayers >= 0
            && config.generatorSharedLayers <= static_cast<int>(config.generator.hidden.size()),
        "generator.shared_layers: between 0 (separate generators) and the "
            + std::to_string(config.generator.hidden.size())
            + " hidden layers of generator.hidden, got "
            + std::to_string(config.generatorSharedLayers));
    require(
        config.noiseDim >= 1 && config.noiseDim <= 4096, "noise.dim: must be between 1 and 4096");
    require(config.batch >= 1 && config.batch <= 1 << 20, "batch: must be between 1 and 1048576");
    require(config.beta1 >= 0 && config.beta1 < 1, "optimizer.beta1: must be in [0, 1)");
    require(config.beta2 >= 0 && config.beta2 < 1, "optimizer.beta2: must be in [0, 1)");
    auto requireRate = [](double rate, const std::string& field) {
        require(rate >= FLT_MIN && fitsFloat(rate),
            field
                + ": the learning rate must be greater than 0 and at most 3.4e38 (single "
                  "precision), got "
                + number(rate));
    };
    // The preset's rates first (an entry that leaves a rate out copies it), then each entry's:
    // the run's own are one of these, and the message names where the bad one is written.
    if (!config.methodRates.empty()) {
        requireRate(config.presetRates.generator, "optimizer.g_lr");
        requireRate(config.presetRates.discriminator, "optimizer.d_lr");
    }
    for (const auto& [m, rates] : config.methodRates) {
        requireRate(rates.generator, "optimizer.per_method." + toString(m) + ".g_lr");
        requireRate(rates.discriminator, "optimizer.per_method." + toString(m) + ".d_lr");
    }
    requireRate(config.live.generatorLr, "optimizer.g_lr");
    requireRate(config.live.discriminatorLr, "optimizer.d_lr");
    require(config.live.simLambda >= 0 && fitsFloat(config.live.simLambda),
        "sim.lambda: must be a finite number >= 0");
    require(fitsFloat(config.live.simNu), "sim.nu: must be a finite number");
    require(config.iterations >= 1 && config.iterations <= kMaxIterations,
        "iterations: must be between 1 and 1e12, got " + std::to_string(config.iterations));
    require(config.seed <= kMaxSeed,
        "seed: must be between 0 and 9223372036854775807 (2^63 - 1), got "
            + std::to_string(config.seed));
    require(config.logEvery >= 1, "log_every: must be at least 1");
    require(config.samplesPerGenerator >= 1, "samples: must be at least 1 per generator");
    require(config.unrolled.steps >= 1 && config.unrolled.steps <= kMaxUnrolledSteps,
        "unrolled.steps: K must be between 1 and " + std::to_string(kMaxUnrolledSteps) + ", got "
            + std::to_string(config.unrolled.steps));
    require(config.wganGp.criticSteps >= 1 && config.wganGp.criticSteps <= kMaxCriticSteps,
        "wgan_gp.critic_steps: n_critic must be between 1 and " + std::to_string(kMaxCriticSteps)
            + ", got " + std::to_string(config.wganGp.criticSteps));
    require(config.wganGp.lambda >= 0 && fitsFloat(config.wganGp.lambda),
        "wgan_gp.lambda: must be a finite number >= 0, got " + number(config.wganGp.lambda));
    require(config.pacGan.packing >= 1 && config.pacGan.packing <= kMaxPacking,
        "pacgan.packing: m must be between 1 (the plain GAN) and " + std::to_string(kMaxPacking)
            + ", got " + std::to_string(config.pacGan.packing));
    require(config.population >= 1 && config.population <= kMaxPopulation,
        "population: must be 1 to " + std::to_string(kMaxPopulation));
    const std::string memory = memoryRefusal(config, physicalMemoryBytes());
    require(memory.empty(), "generators, hidden, batch, samples: " + memory);
}

} // namespace modescope
