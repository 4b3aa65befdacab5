#include <cmath>
#include <filesystem>
#include <sstream>

#include "training/TrainerImpl.h"
#include "modescope/config/ConfigError.h"
#include "modescope/io/AtomicFile.h"

namespace modescope
{

namespace
{

// Bump when the archive's layout changes. 2: flat Adam state (step, exp_avg, exp_avg_sq).
constexpr int64_t kCheckpointFormat = 2;

std::string describe(const NetworkConfig& net)
{
    std::string text = toString(net.activation) + "[";
    for (size_t l = 0; l < net.hidden.size(); ++l)
        text += (l ? "," : "") + std::to_string(net.hidden[l]);
    return text + "]";
}

c10::IValue readValue(
    torch::serialize::InputArchive& archive, const std::string& key, const std::string& file)
{
    c10::IValue value;
    if (!archive.try_read(key, value))
        throw ConfigError(file + ": not a ModeScope checkpoint (no \"" + key + "\")");
    return value;
}

} // namespace

std::string Trainer::Impl::shapeSignature() const
{
    // The trunk and the scaling appear only where they differ from the first format, and d only
    // in 2-D, so older checkpoints still match; d stays last (the refusal's message adds d=1).
    return "method=" + toString(config.method) + " k=" + std::to_string(k)
        + " noise=" + std::to_string(config.noiseDim) + " G=" + describe(config.generator)
        + (config.generatorSharedLayers ? " shared=" + std::to_string(config.generatorSharedLayers)
                                        : "")
        + " D=" + describe(config.discriminator)
        + (config.packing() > 1 ? " pack=" + std::to_string(config.packing()) : "")
        + (scaled ? " data=standardized" : "") + (d == 1 ? "" : " d=" + std::to_string(d));
}

void Trainer::saveCheckpoint(const std::filesystem::path& file) const
{
    // Serialised in memory first: LibTorch's file writer reports a full disk by throwing from
    // its destructor, which aborts the process whatever catches it (issue 26). A stream in
    // memory cannot fail that way; the bytes then go through the one atomic write, which
    // reports a failed write as IoError and keeps the last good checkpoint.
    std::string bytes;
    checkpointInto(bytes);
    writeFileAtomically(file, bytes);
}

void Trainer::checkpointInto(std::string& bytes) const
{
    const Impl& s = *m_impl;
    torch::serialize::OutputArchive archive;
    archive.write("format", c10::IValue(kCheckpointFormat));
    archive.write("shape", c10::IValue(s.shapeSignature()));
    archive.write("iteration", c10::IValue(static_cast<int64_t>(s.iteration)));
    archive.write("rng_state", s.rng.get_state());
    archive.write("training_seconds", c10::IValue(s.trainingSeconds));

    torch::serialize::OutputArchive generator, discriminator, gOptimiser, dOptimiser;
    s.generator->save(generator);
    s.discriminator->save(discriminator);
    s.generatorOptimiser->save(gOptimiser);
    s.discriminatorOptimiser->save(dOptimiser);
    archive.write("generator", generator);
    archive.write("discriminator", discriminator);
    archive.write("generator_optimiser", gOptimiser);
    archive.write("discriminator_optimiser", dOptimiser);
    bytes.clear(); // appended to as the archive writes (a stream's buffer costs 2x)
    try {
        archive.save_to([&bytes](const void* data, std::size_t size) {
            bytes.append(static_cast<const char*>(data), size);
            return size;
        });
    } catch (...) {
        bytes.clear();
        throw;
    }
}

void Trainer::loadCheckpoint(const std::filesystem::path& file)
{
    const std::string name = file.string();
    if (!std::filesystem::is_regular_file(file))
        throw ConfigError(name + ": no checkpoint there");
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(name, m_impl->device);
    } catch (const std::exception&) {
        throw ConfigError(name + ": unreadable checkpoint (corrupt or not a ModeScope file)");
    }
    m_impl->loadArchive(archive, name);
}

void Trainer::loadCheckpointBytes(const std::string& bytes, const std::string& name)
{
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(bytes.data(), bytes.size(), m_impl->device);
    } catch (const std::exception&) {
        throw ConfigError(name + ": unreadable checkpoint (corrupt or not a ModeScope file)");
    }
    m_impl->loadArchive(archive, name);
}

void Trainer::Impl::loadArchive(torch::serialize::InputArchive& archive, const std::string& name)
{
    Impl& s = *this;
    try {
        if (readValue(archive, "format", name).toInt() != kCheckpointFormat)
            throw ConfigError(name + ": checkpoint format is not one this version reads");
        const std::string shape = readValue(archive, "shape", name).toStringRef();
        if (shape != s.shapeSignature()) {
            // A 1-D signature leaves d out (checkpoints from before 2-D still load); a message
            // names it, or a 2-D checkpoint against a 1-D run reads as the same shape.
            auto named = [](const std::string& signature) {
                return signature.find(" d=") == std::string::npos ? signature + " d=1" : signature;
            };
            throw ConfigError(name + ": the checkpoint is of another shape (" + named(shape)
                + ") than this run (" + named(s.shapeSignature()) + ")");
        }
        const int64_t iteration = readValue(archive, "iteration", name).toInt();
        if (iteration < 0)
            throw ConfigError(name + ": the checkpoint's step is negative");

        // All or nothing: the state is loaded into networks and optimisers of its own, and
        // only moved in when every part has loaded, so a checkpoint that fails half-way leaves
        // the running state (and G's tie to its optimiser's flat buffer) as it was.
        Impl aside(s.config);
        torch::serialize::InputArchive generator, discriminator, gOptimiser, dOptimiser;
        archive.read("generator", generator);
        archive.read("discriminator", discriminator);
        archive.read("generator_optimiser", gOptimiser);
        archive.read("discriminator_optimiser", dOptimiser);
        aside.generator->load(generator);
        aside.discriminator->load(discriminator);
        // Module::load gave the parameters new storage: gather them back into the flat buffers.
        aside.generatorOptimiser->rebind();
        aside.discriminatorOptimiser->rebind();
        aside.generatorOptimiser->load(gOptimiser);
        aside.discriminatorOptimiser->load(dOptimiser);
        torch::Tensor rngState;
        archive.read("rng_state", rngState);
        aside.rng.set_state(rngState.to(torch::kCPU));

        s.generator = std::move(aside.generator);
        s.discriminator = std::move(aside.discriminator);
        s.generatorOptimiser = std::move(aside.generatorOptimiser);
        s.discriminatorOptimiser = std::move(aside.discriminatorOptimiser);
        s.rng = std::move(aside.rng);
        s.iteration = iteration;
        // Absent from checkpoints written before it was kept: the clock then starts at 0.
        c10::IValue seconds;
        const bool kept = archive.try_read("training_seconds", seconds) && seconds.isDouble()
            && std::isfinite(seconds.toDouble()) && seconds.toDouble() >= 0;
        s.trainingSeconds = kept ? seconds.toDouble() : 0.0;
    } catch (const ConfigError&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const c10::Error& e) {
        throw ConfigError(
            name + ": checkpoint does not match this run: " + e.what_without_backtrace());
    } catch (const std::exception& e) {
        throw ConfigError(name + ": checkpoint does not match this run: " + e.what());
    }
    s.rateIteration = s.iteration;
    // The losses in memory belong to the state being replaced (perhaps non-finite ones).
    s.lastDLoss = s.lastGLosses = s.lastViolation = s.lastHinge = torch::Tensor();
    s.lastSimOn.reset();
}

} // namespace modescope
