#include "modescope/TrainConfig.h"

#include <array>
#include <cmath>

#include "modescope/ConfigError.h"

namespace modescope
{

namespace
{

template <typename Enum, size_t N> using Names = std::array<std::pair<Enum, const char*>, N>;

constexpr Names<Method, 4> kMethodNames { { { Method::Gan, "gan" },
    { Method::Independent, "independent" }, { Method::MadGan, "madgan" },
    { Method::MadGanSim, "madgan-sim" } } };
constexpr Names<Activation, 4> kActivationNames { { { Activation::Elu, "elu" },
    { Activation::Relu, "relu" }, { Activation::LeakyRelu, "leaky_relu" },
    { Activation::Tanh, "tanh" } } };
constexpr Names<NoiseKind, 2> kNoiseNames { { { NoiseKind::Uniform, "uniform" },
    { NoiseKind::Normal, "normal" } } };
constexpr Names<PhiSource, 2> kPhiNames { { { PhiSource::Discriminator, "discriminator" },
    { PhiSource::Generator, "generator" } } };
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

void require(bool ok, const std::string& message)
{
    if (!ok)
        throw ConfigError(message);
}

void validateNetwork(const NetworkConfig& net, const std::string& field)
{
    require(!net.hidden.empty(), field + ".hidden: at least one hidden layer is needed");
    for (int width : net.hidden)
        require(width >= 1 && width <= 8192,
            field + ".hidden: every width must be between 1 and 8192, got "
                + std::to_string(width));
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
std::optional<DeviceChoice> parseDeviceChoice(const std::string& text)
{
    return parse(kDeviceNames, text);
}

bool hasPerGeneratorHeads(Method method)
{
    return method == Method::MadGan || method == Method::MadGanSim;
}

std::pair<double, double> TrainConfig::effectiveMetricRange() const
{
    return metricRange ? *metricRange : mixture.defaultRange();
}

std::pair<double, double> TrainConfig::effectiveViewRange() const
{
    return viewRange ? *viewRange : effectiveMetricRange();
}

void validate(const TrainConfig& config)
{
    const auto& modes = config.mixture.modes();
    require(!modes.empty(), "mixture.modes: at least one mode is needed");
    for (size_t m = 0; m < modes.size(); ++m) {
        const std::string field = "mixture.modes[" + std::to_string(m) + "]";
        require(std::isfinite(modes[m].mean), field + ".mean: must be a finite number");
        require(std::isfinite(modes[m].sd) && modes[m].sd > 0,
            field + ".sd: must be greater than 0, got " + std::to_string(modes[m].sd));
        require(std::isfinite(modes[m].weight) && modes[m].weight > 0,
            field + ".weight: must be greater than 0, got " + std::to_string(modes[m].weight));
    }
    validateRange(config.metricRange, "metric_range");
    validateRange(config.viewRange, "view_range");
    require(config.generators >= 1 && config.generators <= 64,
        "generators: k must be between 1 and 64, got " + std::to_string(config.generators));
    validateNetwork(config.generator, "generator");
    validateNetwork(config.discriminator, "discriminator");
    require(
        config.noiseDim >= 1 && config.noiseDim <= 4096, "noise.dim: must be between 1 and 4096");
    require(config.batch >= 1 && config.batch <= 1 << 20, "batch: must be between 1 and 1048576");
    require(config.beta1 >= 0 && config.beta1 < 1, "optimizer.beta1: must be in [0, 1)");
    require(config.beta2 >= 0 && config.beta2 < 1, "optimizer.beta2: must be in [0, 1)");
    require(config.live.generatorLr > 0 && std::isfinite(config.live.generatorLr),
        "optimizer.g_lr: the learning rate must be greater than 0");
    require(config.live.discriminatorLr > 0 && std::isfinite(config.live.discriminatorLr),
        "optimizer.d_lr: the learning rate must be greater than 0");
    require(config.live.simLambda >= 0, "sim.lambda: must be >= 0");
    require(std::isfinite(config.live.simNu), "sim.nu: must be a finite number");
    require(config.iterations >= 1,
        "iterations: must be at least 1, got " + std::to_string(config.iterations));
    require(config.logEvery >= 1, "log_every: must be at least 1");
    require(config.samplesPerGenerator >= 1, "samples: must be at least 1 per generator");
}

} // namespace modescope
