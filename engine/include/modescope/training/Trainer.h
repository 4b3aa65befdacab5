#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "modescope/config/TrainConfig.h"
#include "modescope/maths/ClassMetrics.h"
#include "modescope/training/Snapshot.h"

namespace modescope
{

// One training run of the MAD-GAN family on a 1-D or 2-D mixture. Owns the networks, the optimisers
// and the random generator; all methods are called from one thread, except setLiveSettings
// which any thread may call (it takes effect at the next step boundary).
class Trainer
{
public:
    // Builds the networks on the chosen device. Throws ConfigError for an invalid config or
    // for DeviceChoice::Cuda where LibTorch has no CUDA.
    explicit Trainer(const TrainConfig& config);
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    // One discriminator step, then one generator step. No host-device synchronisation.
    void step();
    long long iteration() const;

    void setLiveSettings(const LiveSettings& settings); // thread-safe
    LiveSettings liveSettings() const; // thread-safe

    // The last step's losses (synchronises with the device). Throws TrainingError when a
    // loss is not finite.
    StepLosses lastLosses() const;
    // n samples per generator, gradients off: [i][n * d], each point's d coordinates in turn.
    std::vector<std::vector<double>> sample(int perGenerator);
    // n samples per generator and as many data samples, then SPEC section 3's metrics.
    Metrics evaluate(int perGenerator);
    // Images: each of `samples` (as sample() returns them) as the run's judge sees it, in
    // order, generator by generator. The judge is loaded, or trained once, at the first call
    // (Judge.h); std::invalid_argument for a mixture run.
    std::vector<JudgedImage> judge(const std::vector<std::vector<double>>& samples);
    // Images: loads or trains the judge now (Judge.h's judgeOf), `progress(done, total)` after
    // each training batch, so that the first evaluation does not stall on it. Nothing for a
    // mixture run or a judge already there.
    void prepareJudge(const std::function<void(std::size_t, std::size_t)>& progress = {});
    // Images: the first image of each class trained on, rows x cols pixels in [0, 1] each, one
    // after another (the row a snapshot shows as "data"); stacked, kStackedRealImages stacked
    // images drawn with the run's seed, channels x rows x cols each; empty for a mixture run.
    const std::vector<float>& realImages() const;
    // Densities on a grid over the view range (SPEC section 4); in 2-D on kMapGridPoints per
    // axis over the view box, whatever `gridPoints` says, with the scatter (SPEC section 6).
    Snapshot snapshot(int gridPoints = 512, int samplesPerGenerator = 1000);

    // Networks, optimisers, step, live settings and RNG state. Throws TrainingError on I/O
    // failure; load throws ConfigError when the file is missing or of another shape.
    void saveCheckpoint(const std::filesystem::path& file) const;
    void loadCheckpoint(const std::filesystem::path& file);
    // The same checkpoint kept in memory (the window's state to fall back on when a loss turns
    // non-finite: an image run's is ~37 MB, which took 100-470 ms to write to disk and ~35 ms
    // to keep here). checkpointInto replaces `bytes` with it, reusing its capacity (a buffer
    // kept from one call to the next allocates nothing once its size is steady); on a throw
    // `bytes` holds no checkpoint. Loading names the bytes `name` in its ConfigErrors.
    void checkpointInto(std::string& bytes) const;
    void loadCheckpointBytes(const std::string& bytes, const std::string& name);

    const TrainConfig& config() const;
    std::string deviceName() const; // "cpu" or "cuda:0"
    // Every parameter of G and D, flattened in a fixed order (for comparisons and tests).
    std::vector<float> flatParameters() const;

    struct Impl;

private:
    friend class Population; // trains its members' state in one batched step
    std::unique_ptr<Impl> m_impl;
};

// True when this LibTorch build can run on CUDA and a device is present.
bool cudaAvailable();

} // namespace modescope
