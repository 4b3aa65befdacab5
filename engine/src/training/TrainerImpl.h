// The state behind modescope::Trainer, shared by Trainer.cpp, Snapshots.cpp and Checkpoint.cpp.
#pragma once

#include <torch/torch.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

#include "training/FlatAdam.h"
#include "training/Losses.h"
#include "training/Networks.h"
#include "training/Step.h"
#include "modescope/images/Judge.h"
#include "modescope/maths/DataScale.h"
#include "modescope/training/Trainer.h"

namespace modescope
{

// [k, n] -> k host vectors; [n] -> one host vector.
std::vector<std::vector<double>> toRows(const torch::Tensor& t);
std::vector<double> toVector(const torch::Tensor& t);

struct Trainer::Impl {
    explicit Impl(const TrainConfig& config);

    // Applies the live settings another thread may have set (step boundary only).
    void applyLiveSettings();
    torch::Tensor noise(int64_t rows, at::Generator& rng) const;
    // [rows, d] data points in the networks' space (standardized when the config says so).
    torch::Tensor sampleData(int64_t rows, at::Generator& rng) const;
    // [rows, 1] uniform in [0, 1): WGAN-GP's interpolation weights.
    torch::Tensor uniform(int64_t rows, at::Generator& rng) const;
    // Between data space and the networks' space (DataScale.h); the identity for raw data.
    torch::Tensor toModel(const torch::Tensor& x) const;
    torch::Tensor toData(const torch::Tensor& g) const;
    // A generator for evaluation draws, seeded from the run's seed and the step, so that
    // looking at a run (snapshots, metrics) never changes its training stream.
    at::Generator evaluationRng() const;
    // What the step's generators minimise beside their losses (the live Sim settings).
    engine::SimSettings simSettings() const;
    // Keeps a step's losses (on the device) and counts it; `seconds`: the time it took.
    void recordStep(const engine::StepResult& result, double seconds);
    std::string shapeSignature() const;
    // Loads a checkpoint's archive (`name` in messages), all or nothing (Trainer::loadCheckpoint).
    void loadArchive(torch::serialize::InputArchive& archive, const std::string& name);
    // The snapshot's grid fields: 1-D on gridPoints points, 2-D on the map grid (Snapshot.h).
    void lineSnapshot(Snapshot& snap, const std::vector<std::vector<double>>& rows, int gridPoints);
    void mapSnapshot(Snapshot& snap, const std::vector<std::vector<double>>& rows);
    void imageSnapshot(Snapshot& snap, const std::vector<std::vector<double>>& rows);
    // D_real and the owner at `points` (d coordinates each, in turn).
    void discriminatorOnGrid(Snapshot& snap, const std::vector<double>& points);
    // SPEC section 3's metrics of these samples against as many fresh data samples.
    // Images: through the judge (loaded at the first call).
    Metrics metricsOf(const std::vector<std::vector<double>>& samples);
    // Images: reads the set, checks it against the config, and keeps its pixels and class shares.
    void loadImages();

    TrainConfig config;
    int k;
    int d; // of the data
    engine::HeadLayout layout;
    torch::Device device;
    at::Generator rng; // training draws: noise and real batches

    engine::BatchedGenerator generator { nullptr };
    engine::Discriminator discriminator { nullptr };
    std::unique_ptr<engine::FlatAdam> generatorOptimiser;
    std::unique_ptr<engine::FlatAdam> discriminatorOptimiser;

    // Data space <-> the networks' space; scaled is false for DataScaling::None.
    bool scaled = false;
    DataScale dataScale;
    torch::Tensor dataShift; // [1, d] on device, when scaled
    // On device, in the networks' space: [M], [M, d], [M].
    torch::Tensor modeWeights, modeMeans, modeSds;
    // An image target (TrainConfig::images): the set, shared by every trainer on the same files
    // (IdxFile.h), its first `limit` images as [n, d] bytes on the device (a view of the shared
    // pixels on the CPU), each class's share of them, and the judge (loaded or trained at the
    // first evaluation: ImageJudging.h).
    std::shared_ptr<const ImageSet> imageSet;
    torch::Tensor imagePixels;
    std::vector<double> classShares;
    // The first image of each class trained on (stacked: kStackedRealImages stacked images
    // drawn with the run's seed), pixels in [0, 1].
    std::vector<float> realRow;
    std::shared_ptr<const Judge> judge;
    // Images: `samples` (as sample() returns them, pixels in [-1, 1]) through the judge.
    std::vector<JudgedImage> judgeSamples(const std::vector<std::vector<double>>& samples);
    long long iteration = 0;
    double trainingSeconds = 0.0; // in step(), over every resume (the checkpoint keeps it)

    // Written by any thread under liveMutex; copied into `live` by the training thread.
    mutable std::mutex liveMutex;
    LiveSettings pendingLive;
    LiveSettings live;

    // The last step's losses, left on the device until someone asks.
    torch::Tensor lastDLoss, lastGLosses, lastViolation;
    torch::Tensor lastHinge; // mean over generators of lambda * hinge_i; undefined without Sim
    // Whether the hinge was part of the last step's objective; none before the first step since
    // the trainer was built or a checkpoint loaded.
    std::optional<bool> lastSimOn;
    // The method has a Sim hinge at all: the MAD-GAN family with k > 1.
    bool simApplies() const { return hasPerGeneratorHeads(config.method) && k > 1; }
    // Whether the next step's objective holds the hinge: what a run at step 0, or one just
    // opened, reports as its Sim state.
    bool simWouldApply() const;

    // The 2-D snapshots' cells (x, y in turn) and the data density there (the view box is fixed).
    std::vector<double> mapPoints, mapDataDensity;

    // For steps per second between snapshots (training thread).
    std::chrono::steady_clock::time_point rateTime = std::chrono::steady_clock::now();
    long long rateIteration = 0;
};

} // namespace modescope
