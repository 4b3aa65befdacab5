// One run's record as modescope-train keeps it, the same for a run trained alone (main.cpp)
// and for each member of a population (PopulationRun.cpp): its logged rows and folder, its
// checkpoints, its end, and what it says when it stops.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modescope/config/TrainConfig.h"
#include "modescope/io/RunFolder.h"
#include "modescope/maths/Metrics.h"
#include "modescope/training/Trainer.h"

namespace modescope::app
{

// What the run folder holds at any moment, so a failure can say it truthfully.
struct Saved {
    long long checkpointStep = -1; // -1: no checkpoint in the folder
    bool started = false; // config.json and metrics.csv are in the folder
    std::string describe(const std::optional<RunFolder>& folder) const;
};

class RunRecord
{
public:
    static constexpr long long kCheckpointEvery = 1000; // steps between checkpoints (and the end)

    // `kept`: the rows a resumed run carries; `checkpointStep`: the step of the checkpoint the
    // folder holds already (the one the trainer resumed from), if any. No folder: nothing is
    // written (a run without --out).
    RunRecord(const TrainConfig& config, std::optional<RunFolder> folder,
        std::vector<MetricsRow> kept, std::optional<long long> checkpointStep);

    // Writes config.json and opens metrics.csv with the kept rows.
    void open(const Trainer& trainer);
    // Whether `step` is logged: every log_every steps, and the last.
    bool logs(long long step) const;
    // A logged step: its losses (throws TrainingError when one is not finite) and metrics, a row
    // in metrics.csv, a checkpoint every kCheckpointEvery steps. Returns the row.
    const MetricsRow& log(Trainer& trainer);
    // The end, finished or interrupted: a last checkpoint, samples.csv and density.csv.
    void finish(Trainer& trainer);
    // The closing lines: the last metrics (evaluated now if the last step was not logged), then
    // when every mode was covered.
    std::string closingLines(Trainer& trainer);
    // What the folder holds, for a failure's message.
    std::string saved() const { return m_saved.describe(m_folder); }
    const std::optional<RunFolder>& folder() const { return m_folder; }

private:
    TrainConfig m_config;
    std::optional<RunFolder> m_folder;
    std::vector<MetricsRow> m_kept; // every logged row, for the time to cure
    Saved m_saved;
    Metrics m_metrics;
    long long m_metricsStep = -1; // the step m_metrics describes
};

} // namespace modescope::app
