#include "modescope/training/Trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <cstdlib>
#include <mutex>
#include <random>
#include <stdexcept>

#include <cmath>

#include "training/Routes.h"
#include "training/TrainerImpl.h"
#include "modescope/config/ConfigError.h"

namespace modescope
{

namespace
{

torch::Device chooseDevice(DeviceChoice choice)
{
    switch (choice) {
    case DeviceChoice::Cpu:
        return torch::kCPU;
    case DeviceChoice::Cuda:
        if (!torch::cuda::is_available())
            throw ConfigError("device: cuda was asked for, but this LibTorch has no CUDA or no "
                              "GPU is present (use --device auto or cpu)");
        return { torch::kCUDA, 0 };
    case DeviceChoice::Auto:
        break;
    }
    return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0)
                                       : torch::Device(torch::kCPU);
}

// Each trainer has a generator of its own: on CUDA a clone of the device's default one (its
// kind, created without CUDA headers here), so that building a second trainer (a session being
// opened, a checkpoint loaded aside) never reseeds the stream a running one draws from.
at::Generator makeRng(const torch::Device& device, uint64_t seed)
{
    if (device.is_cuda()) {
        at::Generator global = at::globalContext().defaultGenerator(device);
        at::Generator rng;
        {
            std::lock_guard<std::mutex> lock(global.mutex());
            rng = global.clone();
        }
        rng.set_current_seed(seed);
        return rng;
    }
    return at::make_generator<at::CPUGeneratorImpl>(seed);
}

} // namespace

std::vector<double> toVector(const torch::Tensor& t)
{
    const torch::Tensor host = t.to(torch::kCPU, torch::kDouble).contiguous();
    return { host.data_ptr<double>(), host.data_ptr<double>() + host.numel() };
}

std::vector<std::vector<double>> toRows(const torch::Tensor& t)
{
    const torch::Tensor host = t.to(torch::kCPU, torch::kDouble).contiguous();
    std::vector<std::vector<double>> rows(static_cast<size_t>(host.size(0)));
    for (int64_t i = 0; i < host.size(0); ++i) {
        const double* p = host[i].data_ptr<double>();
        rows[i].assign(p, p + host.size(1));
    }
    return rows;
}

bool cudaAvailable()
{
    return torch::cuda::is_available();
}

Trainer::Impl::Impl(const TrainConfig& cfg)
    : config(cfg)
    , k(cfg.effectiveGenerators())
    , d(cfg.dimension())
    , layout(engine::headLayout(cfg.method, k))
    , device(chooseDevice(cfg.device))
    , rng(makeRng(device, cfg.seed))
    , pendingLive(cfg.live)
    , live(cfg.live)
{
    at::Generator initRng = at::make_generator<at::CPUGeneratorImpl>(cfg.seed);
    generator = engine::BatchedGenerator(k, cfg.noiseDim, cfg.generator, d,
        cfg.generatorSharedLayers, 1, /*tanhOutput=*/cfg.images.has_value());
    discriminator = engine::Discriminator(d * cfg.packing(), cfg.discriminator, layout.heads);
    generator->initialise(initRng);
    discriminator->initialise(initRng);
    generator->to(device);
    discriminator->to(device);

    generatorOptimiser = std::make_unique<engine::FlatAdam>(
        generator->parameters(), live.generatorLr, cfg.beta1, cfg.beta2);
    discriminatorOptimiser = std::make_unique<engine::FlatAdam>(
        discriminator->parameters(), live.discriminatorLr, cfg.beta1, cfg.beta2);

    if (cfg.images) {
        loadImages();
        return;
    }
    // The real batches are drawn straight in the networks' space: each mode's mean and sd mapped
    // once here, so a standardized step costs nothing more than a raw one.
    scaled = cfg.dataScaling == DataScaling::Standardize;
    dataScale = scaled ? estimateDataScale(cfg.mixture, cfg.seed)
                       : DataScale { std::vector<double>(d, 0.0), 1.0 };
    std::vector<double> weights, means, sds;
    for (const Mode& mode : cfg.mixture.modes()) {
        weights.push_back(mode.weight);
        for (int a = 0; a < d; ++a)
            means.push_back((mode.mean[a] - dataScale.shift[a]) / dataScale.scale);
        sds.push_back(mode.sd / dataScale.scale);
    }
    const auto options = torch::TensorOptions().dtype(torch::kDouble);
    modeWeights = torch::tensor(weights, options).to(device, torch::kFloat);
    modeMeans = torch::tensor(means, options).view({ -1, d }).to(device, torch::kFloat);
    modeSds = torch::tensor(sds, options).to(device, torch::kFloat);
    dataShift = torch::tensor(dataScale.shift, options).view({ 1, d }).to(device, torch::kFloat);
}

void Trainer::Impl::loadImages()
{
    // Pixels are scaled to [-1, 1] as they are drawn, in both directions the same map, so the
    // networks' space is the data space: no data scaling (docs/IMAGES.md).
    scaled = false;
    dataScale = DataScale { std::vector<double>(d, 0.0), 1.0 };
    const ImageTarget& target = *config.images;
    imageSet = imageSetOf(target);
    const long long limit = target.limit;
    const auto count = static_cast<std::size_t>(limit > 0
            ? std::min<std::size_t>(static_cast<std::size_t>(limit), imageSet->count())
            : imageSet->count());
    const auto size = static_cast<std::size_t>(target.rows) * static_cast<std::size_t>(target.cols);
    // A view of the shared bytes on the CPU (imageSet keeps them alive); a copy on a GPU. One
    // row per image: a stacked sample is three rows drawn apart (sampleData).
    imagePixels = torch::from_blob(const_cast<std::uint8_t*>(imageSet->pixels.data()),
        { static_cast<int64_t>(count), static_cast<int64_t>(size) }, torch::kUInt8)
                      .to(device);
    std::vector<double> shares(static_cast<std::size_t>(target.classes), 0.0);
    for (std::size_t i = 0; i < count; ++i)
        shares[imageSet->labels[i]] += 1.0 / static_cast<double>(count);
    // Every class must be among the images trained on: one that is not could never be covered,
    // and a run would never count as cured.
    for (int c = 0; c < target.classes; ++c)
        if (shares[static_cast<std::size_t>(c)] == 0.0) {
            ImageTarget plain = target; // the class's own name, not a stacked number
            plain.stacked = false;
            throw ConfigError(target.labels + ": no image of class " + plain.className(c)
                + " (label " + std::to_string(c) + ") among the " + std::to_string(count)
                + " images trained on; raise images.limit or lower images.classes");
        }
    const auto appendImage = [&](std::size_t i) {
        const std::uint8_t* from = imageSet->pixels.data() + i * size;
        for (std::size_t p = 0; p < size; ++p)
            realRow.push_back(static_cast<float>(from[p]) / 255.0f);
    };
    if (!target.stacked) {
        classShares = shares;
        for (int c = 0; c < target.classes; ++c)
            for (std::size_t i = 0; i < count; ++i)
                if (imageSet->labels[i] == c) {
                    appendImage(i);
                    break;
                }
        return;
    }
    // Stacked: the channels are drawn independently, so a class's share is the product of its
    // three channels' shares, and the real row is a draw like any batch's.
    const auto c = static_cast<std::size_t>(target.classes);
    classShares.assign(c * c * c, 0.0);
    for (std::size_t a = 0; a < c; ++a)
        for (std::size_t b = 0; b < c; ++b)
            for (std::size_t e = 0; e < c; ++e)
                classShares[(a * c + b) * c + e] = shares[a] * shares[b] * shares[e];
    std::mt19937_64 draw(config.seed);
    std::uniform_int_distribution<std::size_t> pick(0, count - 1);
    for (int n = 0; n < kStackedRealImages; ++n)
        for (int channel = 0; channel < 3; ++channel)
            appendImage(pick(draw));
}

torch::Tensor Trainer::Impl::toModel(const torch::Tensor& x) const
{
    return scaled ? (x - dataShift) / dataScale.scale : x;
}

torch::Tensor Trainer::Impl::toData(const torch::Tensor& g) const
{
    return scaled ? g * dataScale.scale + dataShift : g;
}

bool Trainer::Impl::simWouldApply() const
{
    std::lock_guard<std::mutex> lock(liveMutex);
    return simApplies() && pendingLive.simEnabled;
}

void Trainer::Impl::applyLiveSettings()
{
    {
        std::lock_guard<std::mutex> lock(liveMutex);
        live = pendingLive;
    }
    generatorOptimiser->setLr(live.generatorLr);
    discriminatorOptimiser->setLr(live.discriminatorLr);
}

// Draws happen where the generator lives: the training stream on the training device (no
// copy in the hot loop), the evaluation streams on the CPU (then moved; snapshots only).
torch::Tensor Trainer::Impl::noise(int64_t rows, at::Generator& draw) const
{
    const auto options = torch::TensorOptions().device(draw.device());
    const torch::Tensor z = config.noise == NoiseKind::Normal
        ? torch::randn({ rows, config.noiseDim }, draw, options)
        : torch::rand({ rows, config.noiseDim }, draw, options) * 2 - 1;
    return z.to(device);
}

torch::Tensor Trainer::Impl::sampleData(int64_t rows, at::Generator& draw) const
{
    const torch::Device where = draw.device();
    if (imagePixels.defined()) { // images drawn uniformly, with replacement; stacked, each
        // channel's image drawn on its own: a sample is `channels` consecutive rows
        const int64_t channels = config.images->channels();
        const torch::Tensor index = torch::randint(imagePixels.size(0), { rows * channels }, draw,
            torch::TensorOptions().dtype(torch::kLong).device(where));
        return (imagePixels.to(where).index_select(0, index).to(torch::kFloat) / 127.5 - 1.0)
            .view({ rows, d })
            .to(device);
    }
    const torch::Tensor mode
        = torch::multinomial(modeWeights.to(where), rows, /*replacement=*/true, draw);
    const torch::Tensor eps = torch::randn({ rows, d }, draw, torch::TensorOptions().device(where));
    const torch::Tensor x = modeMeans.to(where).index_select(0, mode)
        + modeSds.to(where).index_select(0, mode).unsqueeze(1) * eps;
    return x.to(device);
}

torch::Tensor Trainer::Impl::uniform(int64_t rows, at::Generator& draw) const
{
    return torch::rand({ rows, 1 }, draw, torch::TensorOptions().device(draw.device())).to(device);
}

at::Generator Trainer::Impl::evaluationRng() const
{
    constexpr uint64_t kStride = 0x9E3779B97F4A7C15ull; // spreads nearby steps' seeds apart
    return at::make_generator<at::CPUGeneratorImpl>(
        config.seed * kStride + static_cast<uint64_t>(iteration));
}

Trainer::Trainer(const TrainConfig& config)
{
    validate(config);
    m_impl = std::make_unique<Impl>(config);
}

Trainer::~Trainer() = default;

void Trainer::step()
{
    Impl& s = *m_impl;
    const auto started = std::chrono::steady_clock::now();
    s.applyLiveSettings();
    const engine::StepNetworks networks { *s.generator,
        [&s](const torch::Tensor& x) { return s.discriminator->forwardAll(x); }, *s.discriminator,
        *s.generatorOptimiser, *s.discriminatorOptimiser };
    engine::StepResult result;
    switch (s.config.method) {
    case Method::WganGp: {
        const engine::StepDraws draws { [&s](int64_t rows) { return s.noise(rows, s.rng); },
            [&s](int64_t rows) { return s.sampleData(rows, s.rng); },
            [&s](int64_t rows) { return s.uniform(rows, s.rng); } };
        result = engine::trainWganGpStep(networks, draws, s.config.batch, s.config.wganGp);
        break;
    }
    case Method::Unrolled: {
        const torch::Tensor z = s.noise(s.config.batch, s.rng);
        const torch::Tensor real = s.sampleData(s.config.batch, s.rng);
        result = engine::trainUnrolledStep(
            networks, s.config.discriminator, z, real, s.layout, s.config.unrolled);
        break;
    }
    default: {
        // PacGAN's D sees packs of m samples: m times the rows, drawn as a plain GAN draws them.
        const int64_t rows = static_cast<int64_t>(s.config.batch) * s.config.packing();
        const torch::Tensor z = s.noise(rows, s.rng);
        const torch::Tensor real = s.sampleData(rows, s.rng);
        result = engine::trainStep(
            networks, z, real, s.k, s.layout, s.simSettings(), s.config.packing());
        break;
    }
    }
    // The time the step took to be queued: on the CPU its whole cost; on CUDA, where kernels run
    // on, the queue stays a few steps deep, so the sum is right to within those steps.
    s.recordStep(
        result, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

void Trainer::Impl::recordStep(const engine::StepResult& result, double seconds)
{
    lastDLoss = result.dLoss;
    lastGLosses = result.gLosses;
    lastHinge = result.hinge;
    lastViolation = result.violationRate;
    lastSimOn = result.simOn;
    ++iteration;
    trainingSeconds += seconds;
}

engine::SimSettings Trainer::Impl::simSettings() const
{
    return { simApplies(), live.simEnabled, live.simLambda, live.simNu, config.phi };
}

long long Trainer::iteration() const
{
    return m_impl->iteration;
}

void Trainer::setLiveSettings(const LiveSettings& settings)
{
    std::lock_guard<std::mutex> lock(m_impl->liveMutex);
    m_impl->pendingLive = settings;
}

LiveSettings Trainer::liveSettings() const
{
    std::lock_guard<std::mutex> lock(m_impl->liveMutex);
    return m_impl->pendingLive;
}

StepLosses Trainer::lastLosses() const
{
    const Impl& s = *m_impl;
    StepLosses losses;
    losses.iteration = s.iteration;
    losses.seconds = s.trainingSeconds;
    losses.simOn = s.lastSimOn ? *s.lastSimOn : s.simWouldApply();
    if (!s.lastDLoss.defined())
        return losses;
    losses.dLoss = s.lastDLoss.item<double>();
    const torch::Tensor g = s.lastGLosses.to(torch::kCPU, torch::kDouble).contiguous();
    losses.gLosses.assign(g.data_ptr<double>(), g.data_ptr<double>() + g.numel());
    if (s.lastViolation.defined())
        losses.simViolationRate = s.lastViolation.item<double>();
    if (s.lastHinge.defined())
        losses.simHinge = s.lastHinge.item<double>();
    bool finite = std::isfinite(losses.dLoss);
    for (double v : losses.gLosses)
        finite = finite && std::isfinite(v);
    if (!finite)
        throw TrainingError("the loss became non-finite at step " + std::to_string(s.iteration)
            + " (try a smaller learning rate)");
    return losses;
}

std::vector<std::vector<double>> Trainer::sample(int perGenerator)
{
    Impl& s = *m_impl;
    torch::NoGradGuard noGrad;
    at::Generator draw = s.evaluationRng();
    const torch::Tensor z = s.noise(perGenerator, draw);
    return toRows(s.toData(s.generator->forward(z))
                      .reshape({ s.k, static_cast<int64_t>(perGenerator) * s.d })); // [k, n * d]
}

Metrics Trainer::Impl::metricsOf(const std::vector<std::vector<double>>& samples)
{
    if (config.images)
        return classMetrics(judgeSamples(samples), classShares, k);
    return evaluateAtStep(samples, config, iteration);
}

std::vector<JudgedImage> Trainer::Impl::judgeSamples(
    const std::vector<std::vector<double>>& samples)
{
    if (!judge)
        judge = judgeOf(config); // prepareJudge was not called
    std::vector<float> pixels; // [-1, 1] -> [0, 1], the judge's scale
    std::vector<int> generators;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        for (double v : samples[i])
            pixels.push_back(static_cast<float>((v + 1.0) / 2.0));
        generators.insert(
            generators.end(), samples[i].size() / static_cast<std::size_t>(d), static_cast<int>(i));
    }
    return config.images->stacked ? judge->judgeStacked(pixels, generators.size(), generators)
                                  : judge->judge(pixels, generators.size(), generators);
}

void Trainer::prepareJudge(const std::function<void(std::size_t, std::size_t)>& progress)
{
    if (m_impl->config.images && !m_impl->judge)
        m_impl->judge = judgeOf(m_impl->config, progress);
}

const std::vector<float>& Trainer::realImages() const
{
    return m_impl->realRow;
}

std::vector<JudgedImage> Trainer::judge(const std::vector<std::vector<double>>& samples)
{
    if (!m_impl->config.images)
        throw std::invalid_argument("Trainer::judge: the run's target is a mixture, not images");
    return m_impl->judgeSamples(samples);
}

Metrics Trainer::evaluate(int perGenerator)
{
    return m_impl->metricsOf(sample(perGenerator));
}

const TrainConfig& Trainer::config() const
{
    return m_impl->config;
}

std::string Trainer::deviceName() const
{
    return m_impl->device.str();
}

std::vector<float> Trainer::flatParameters() const
{
    std::vector<float> flat;
    for (const auto* module : { static_cast<const torch::nn::Module*>(m_impl->generator.get()),
             static_cast<const torch::nn::Module*>(m_impl->discriminator.get()) }) {
        for (const auto& p : module->parameters()) {
            const torch::Tensor host = p.detach().to(torch::kCPU).contiguous().view(-1);
            flat.insert(flat.end(), host.data_ptr<float>(), host.data_ptr<float>() + host.numel());
        }
    }
    return flat;
}

} // namespace modescope
