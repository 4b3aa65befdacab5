#include "modescope/images/Judge.h"

#include <torch/torch.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <map>
#include <mutex>
#include <numeric>
#include <sstream>

#include "modescope/config/ConfigError.h"
#include "modescope/io/AtomicFile.h"

namespace modescope
{

namespace fs = std::filesystem;

namespace
{
// Part of the cache file's name: a judge of another architecture never loads as this one.
constexpr const char* kArchitecture = "cnn16-32-fc128-v2";

struct JudgeNetImpl : torch::nn::Module {
    JudgeNetImpl(int rows, int cols, int classes)
        : conv1(register_module(
            "conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 16, 5).padding(2))))
        , conv2(register_module(
              "conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(16, 32, 5).padding(2))))
        , flat(32 * (rows / 4) * (cols / 4))
        , hidden(register_module("hidden", torch::nn::Linear(flat, 128)))
        , out(register_module("out", torch::nn::Linear(128, classes)))
    {
    }
    torch::Tensor forward(torch::Tensor x)
    {
        x = torch::max_pool2d(torch::relu(conv1->forward(x)), 2);
        x = torch::max_pool2d(torch::relu(conv2->forward(x)), 2);
        return out->forward(torch::relu(hidden->forward(x.flatten(1))));
    }
    torch::nn::Conv2d conv1;
    torch::nn::Conv2d conv2;
    int64_t flat;
    torch::nn::Linear hidden;
    torch::nn::Linear out;
};
TORCH_MODULE(JudgeNet);

// FNV-1a, 64 bits: the data's fingerprint in the cache file's name.
std::uint64_t fnv1a(const std::uint8_t* bytes, std::size_t n, std::uint64_t hash)
{
    for (std::size_t i = 0; i < n; ++i)
        hash = (hash ^ bytes[i]) * 1099511628211ULL;
    return hash;
}

torch::Tensor batchOf(
    const std::vector<float>& pixels, std::size_t first, std::size_t count, int rows, int cols)
{
    const auto size = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
    return torch::from_blob(const_cast<float*>(pixels.data() + first * size),
        { static_cast<int64_t>(count), 1, rows, cols }, torch::kFloat32);
}
} // namespace

struct Judge::Impl {
    int rows = 0;
    int cols = 0;
    int classes = 0;
    JudgeNet net { nullptr };
};

std::vector<float> pixelsAsFloats(const ImageSet& set, std::size_t first, std::size_t count)
{
    const auto size = static_cast<std::size_t>(set.rows) * static_cast<std::size_t>(set.cols);
    std::vector<float> out(count * size);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<float>(set.pixels[first * size + i]) / 255.0f;
    return out;
}

std::vector<float> pixelsAsFloats(const StackedSet& set, std::size_t first, std::size_t count)
{
    const auto size = 3 * static_cast<std::size_t>(set.rows) * static_cast<std::size_t>(set.cols);
    std::vector<float> out(count * size);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<float>(set.pixels[first * size + i]) / 255.0f;
    return out;
}

Judge Judge::train(const ImageSet& set, const JudgeOptions& options,
    const std::function<void(std::size_t, std::size_t)>& progress)
{
    if (set.count() == 0 || set.rows < 16 || set.cols < 16)
        throw ConfigError("the judge needs images of at least 16 x 16 pixels to train on");
    torch::manual_seed(options.seed);
    Judge judge;
    judge.m_impl = std::make_shared<Impl>();
    Impl& s = *judge.m_impl;
    s.rows = set.rows;
    s.cols = set.cols;
    s.classes = set.classes;
    s.net = JudgeNet(set.rows, set.cols, set.classes);
    const std::size_t n = options.limit ? std::min(options.limit, set.count()) : set.count();
    const std::vector<float> pixels = pixelsAsFloats(set, 0, n);
    const torch::Tensor labels = torch::from_blob(
        const_cast<std::uint8_t*>(set.labels.data()), { static_cast<int64_t>(n) }, torch::kUInt8)
                                     .to(torch::kLong);
    const torch::Tensor images = batchOf(pixels, 0, n, s.rows, s.cols);
    torch::optim::Adam optimiser(
        s.net->parameters(), torch::optim::AdamOptions(options.learningRate));
    const auto batch = static_cast<std::size_t>(std::max(1, options.batch));
    const std::size_t batches = (n + batch - 1) / batch;
    const std::size_t total = batches * static_cast<std::size_t>(std::max(1, options.epochs));
    std::size_t done = 0;
    s.net->train();
    for (int epoch = 0; epoch < std::max(1, options.epochs); ++epoch) {
        const torch::Tensor order = torch::randperm(static_cast<int64_t>(n), torch::kLong);
        for (std::size_t b = 0; b < batches; ++b) {
            const int64_t from = static_cast<int64_t>(b * batch);
            const int64_t to = std::min<int64_t>(from + static_cast<int64_t>(batch), n);
            const torch::Tensor index = order.slice(0, from, to);
            optimiser.zero_grad();
            const torch::Tensor loss = torch::nn::functional::cross_entropy(
                s.net->forward(images.index_select(0, index)), labels.index_select(0, index));
            loss.backward();
            optimiser.step();
            if (progress)
                progress(++done, total);
        }
    }
    s.net->eval();
    return judge;
}

std::vector<JudgedImage> Judge::judge(
    const std::vector<float>& images, std::size_t count, const std::vector<int>& generators) const
{
    const Impl& s = *m_impl;
    const auto size = static_cast<std::size_t>(s.rows) * static_cast<std::size_t>(s.cols);
    if (images.size() < count * size)
        throw std::invalid_argument("Judge::judge: fewer pixels than images");
    std::vector<JudgedImage> out(count);
    JudgeNet net = s.net; // the module, shared: forward is not const
    torch::NoGradGuard noGrad;
    constexpr std::size_t kChunk = 1000; // bounded memory whatever the count
    for (std::size_t first = 0; first < count; first += kChunk) {
        const std::size_t n = std::min(kChunk, count - first);
        const torch::Tensor probabilities
            = torch::softmax(net->forward(batchOf(images, first, n, s.rows, s.cols)), 1);
        const auto [best, label] = probabilities.max(1);
        const auto bestAt = best.accessor<float, 1>();
        const auto labelAt = label.accessor<int64_t, 1>();
        for (std::size_t i = 0; i < n; ++i) {
            JudgedImage& image = out[first + i];
            image.generator = generators.empty() ? 0 : generators[first + i];
            image.label = static_cast<int>(labelAt[static_cast<int64_t>(i)]);
            image.probability = bestAt[static_cast<int64_t>(i)];
        }
    }
    return out;
}

std::vector<JudgedImage> Judge::judgeStacked(
    const std::vector<float>& images, std::size_t count, const std::vector<int>& generators) const
{
    // Channel c of image i is single-channel image 3i + c: all judged in one pass.
    const std::vector<JudgedImage> channels = judge(images, 3 * count);
    std::vector<JudgedImage> out(count);
    const int classes = m_impl->classes;
    for (std::size_t i = 0; i < count; ++i) {
        JudgedImage& image = out[i];
        image.generator = generators.empty() ? 0 : generators[i];
        image.probability = 1.0;
        for (std::size_t c = 0; c < 3; ++c) {
            image.label = image.label * classes + channels[3 * i + c].label;
            image.probability *= channels[3 * i + c].probability;
        }
    }
    return out;
}

double Judge::accuracy(const ImageSet& test) const
{
    if (test.count() == 0)
        return 0.0;
    const std::vector<JudgedImage> judged
        = judge(pixelsAsFloats(test, 0, test.count()), test.count());
    std::size_t right = 0;
    for (std::size_t i = 0; i < judged.size(); ++i)
        right += judged[i].label == test.labels[i];
    return static_cast<double>(right) / static_cast<double>(test.count());
}

int Judge::classes() const
{
    return m_impl->classes;
}

int Judge::rows() const
{
    return m_impl->rows;
}

int Judge::cols() const
{
    return m_impl->cols;
}

void Judge::save(const fs::path& file) const
{
    const Impl& s = *m_impl;
    torch::serialize::OutputArchive archive;
    archive.write("architecture", c10::IValue(std::string(kArchitecture)));
    archive.write("rows", c10::IValue(static_cast<int64_t>(s.rows)));
    archive.write("cols", c10::IValue(static_cast<int64_t>(s.cols)));
    archive.write("classes", c10::IValue(static_cast<int64_t>(s.classes)));
    torch::serialize::OutputArchive net;
    s.net->save(net);
    archive.write("net", net);
    std::ostringstream bytes(std::ios::binary); // in memory first: see Trainer::saveCheckpoint
    archive.save_to(bytes);
    writeFileAtomically(file, bytes.str());
}

Judge Judge::load(const fs::path& file)
{
    const std::string name = file.string();
    if (!fs::is_regular_file(file))
        throw ConfigError(name + ": no judge there");
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(name);
        c10::IValue value;
        const auto number = [&](const char* key) {
            if (!archive.try_read(key, value) || !value.isInt())
                throw ConfigError(name + ": not a ModeScope judge (no " + key + ")");
            return static_cast<int>(value.toInt());
        };
        if (!archive.try_read("architecture", value) || !value.isString()
            || value.toStringRef() != kArchitecture)
            throw ConfigError(name + ": a judge of another architecture than " + kArchitecture);
        Judge judge;
        judge.m_impl = std::make_shared<Impl>();
        Impl& s = *judge.m_impl;
        s.rows = number("rows");
        s.cols = number("cols");
        s.classes = number("classes");
        if (s.rows < 16 || s.cols < 16 || s.classes < 1 || s.rows > 4096 || s.cols > 4096)
            throw ConfigError(name + ": a judge of impossible shape");
        s.net = JudgeNet(s.rows, s.cols, s.classes);
        torch::serialize::InputArchive net;
        if (!archive.try_read("net", net))
            throw ConfigError(name + ": not a ModeScope judge (no net)");
        s.net->load(net);
        s.net->eval();
        return judge;
    } catch (const ConfigError&) {
        throw;
    } catch (const std::exception&) {
        throw ConfigError(name + ": unreadable judge (corrupt or not a ModeScope file)");
    }
}

std::string Judge::cacheName(const ImageSet& train, const JudgeOptions& options)
{
    std::uint64_t hash = 14695981039346656037ULL;
    const std::size_t n = options.limit ? std::min(options.limit, train.count()) : train.count();
    const auto size = static_cast<std::size_t>(train.rows) * static_cast<std::size_t>(train.cols);
    hash = fnv1a(train.pixels.data(), n * size, hash);
    hash = fnv1a(train.labels.data(), n, hash);
    std::ostringstream shape;
    shape << train.rows << "x" << train.cols << " n=" << n << " epochs=" << options.epochs
          << " batch=" << options.batch << " lr=" << options.learningRate
          << " seed=" << options.seed;
    const std::string text = shape.str();
    hash = fnv1a(reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), hash);
    std::ostringstream name;
    name << "judge-" << kArchitecture << "-" << std::hex << hash << ".pt";
    return name.str();
}

fs::path Judge::defaultCacheDir()
{
    if (const char* own = std::getenv("MODESCOPE_CACHE"); own && *own)
        return own;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return fs::path(xdg) / "modescope";
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : ".") / ".cache" / "modescope";
}

namespace
{
// An exclusive lock on `file` (made if need be) for as long as it lives, or nothing where the
// file cannot be made (a cache that cannot be written trains unlocked). Processes that want
// the same judge at once (a sweep's runs starting together) then train it once: the others
// wait, and load what the first one saved.
class CacheLock
{
public:
    explicit CacheLock(const fs::path& file)
        : m_fd(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644))
    {
        if (m_fd >= 0)
            while (::flock(m_fd, LOCK_EX) != 0 && errno == EINTR) { }
    }
    ~CacheLock()
    {
        if (m_fd >= 0)
            ::close(m_fd); // releases the lock
    }
    CacheLock(const CacheLock&) = delete;
    CacheLock& operator=(const CacheLock&) = delete;

private:
    int m_fd;
};
} // namespace

Judge Judge::trainOrLoad(const ImageSet& train, const fs::path& cacheDir,
    const JudgeOptions& options, const std::function<void(std::size_t, std::size_t)>& progress)
{
    const fs::path file = cacheDir / cacheName(train, options);
    std::error_code ec;
    fs::create_directories(cacheDir, ec);
    const CacheLock lock(fs::path(file).concat(".lock"));
    if (fs::is_regular_file(file, ec)) {
        try {
            return load(file);
        } catch (const ConfigError&) {
            // A damaged cache file: trained again below and replaced.
        }
    }
    Judge judge = Judge::train(train, options, progress);
    try {
        fs::create_directories(cacheDir, ec);
        judge.save(file);
    } catch (const std::exception&) {
        // A cache that cannot be written costs the next start a training, nothing more.
    }
    return judge;
}

std::shared_ptr<const Judge> Judge::shared(const ImageSet& train, const JudgeOptions& options,
    const std::function<void(std::size_t, std::size_t)>& progress)
{
    // One slot a judge, each with its own lock: a judge being trained holds up only the callers
    // that want that one.
    struct Slot {
        std::mutex mutex;
        std::shared_ptr<const Judge> judge;
    };
    static std::mutex mapMutex;
    static std::map<std::string, std::shared_ptr<Slot>> slots;
    std::shared_ptr<Slot> slot;
    {
        std::lock_guard<std::mutex> lock(mapMutex);
        std::shared_ptr<Slot>& entry = slots[cacheName(train, options)];
        if (!entry)
            entry = std::make_shared<Slot>();
        slot = entry;
    }
    std::lock_guard<std::mutex> lock(slot->mutex);
    if (!slot->judge)
        slot->judge = std::make_shared<const Judge>(
            trainOrLoad(train, defaultCacheDir(), options, progress));
    return slot->judge;
}

std::shared_ptr<const ImageSet> imageSetOf(const ImageTarget& target)
{
    std::shared_ptr<const ImageSet> set = sharedImageSet(target.images, target.labels);
    if (set->rows != target.rows || set->cols != target.cols)
        throw ConfigError(target.images + ": holds images of " + std::to_string(set->rows) + " x "
            + std::to_string(set->cols) + " pixels; images.rows and images.cols say "
            + std::to_string(target.rows) + " x " + std::to_string(target.cols));
    if (set->classes > target.classes)
        throw ConfigError(target.labels + ": holds labels up to " + std::to_string(set->classes - 1)
            + "; images.classes says " + std::to_string(target.classes) + " classes (labels 0 to "
            + std::to_string(target.classes - 1) + ")");
    return set;
}

std::shared_ptr<const Judge> judgeOf(
    const TrainConfig& config, const std::function<void(std::size_t, std::size_t)>& progress)
{
    if (!config.images)
        throw std::invalid_argument("judgeOf: the run's target is a mixture, not images");
    const std::shared_ptr<const ImageSet> set = imageSetOf(*config.images);
    JudgeOptions options;
    options.limit = static_cast<std::size_t>(config.images->limit);
    return Judge::shared(*set, options, progress);
}

} // namespace modescope
