#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "modescope/config/TrainConfig.h"
#include "modescope/training/Trainer.h"

namespace modescope
{

// S runs of one shape (populationMismatch in ConfigJson.h: every setting a step reads is the
// same; the seeds differ) trained as one. A step draws each member's noise and data from that
// member's own stream, then makes one batched forward and backward pass for all S: every
// operator is dispatched once for S runs, and its matrix products are S times larger
// (docs/POPULATION.md). Member s is an ordinary run of its seed: its Trainer reports, samples,
// evaluates and checkpoints as one trained alone does, and its checkpoint resumes alone. Its
// numbers equal those of the run trained alone up to float rounding (the batched products add
// in another order); for a given S, device and BLAS thread count they are reproducible.
//
// One thread drives a population; setLiveSettings may be called from any thread.
class Population
{
public:
    // Builds every member as Trainer(config) would, so each starts from its seed's networks.
    // Throws ConfigError naming the member and the first field that keeps it out.
    explicit Population(const std::vector<TrainConfig>& members);
    ~Population();
    Population(const Population&) = delete;
    Population& operator=(const Population&) = delete;

    int size() const;
    // One step of every member. Throws std::logic_error when the members stand at different
    // steps (a checkpoint of another step was loaded into one).
    void step();
    long long iteration() const; // of the members (all alike once step() has run)

    // Member s, brought up to date with the population, to be read: lastLosses, evaluate,
    // sample, snapshot, saveCheckpoint, config. Train or load it through the population only.
    Trainer& member(int s);
    // Loads member s's checkpoint (Trainer::loadCheckpoint, with its errors; a failure leaves
    // the member as it was). Before the next step every member must stand at the same step.
    void loadCheckpoint(int s, const std::filesystem::path& file);
    // Takes member s out, up to date (a run that finished, or failed): the others train on
    // without it, the later ones renumbered one down.
    std::unique_ptr<Trainer> release(int s);
    // Every member's live settings (Trainer::setLiveSettings); a step uses member 0's.
    void setLiveSettings(const LiveSettings& settings);

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace modescope
