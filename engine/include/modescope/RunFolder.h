#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "modescope/Snapshot.h"
#include "modescope/TrainConfig.h"

namespace modescope
{

// One row of metrics.csv: the losses of a logged step and the metrics at that step.
struct MetricsRow {
    StepLosses losses;
    Metrics metrics; // the scalar metrics only; ownership is not part of the file
};

// The run folder of SPEC section 5: config.json, metrics.csv, samples.csv, density.csv and
// checkpoint.pt. Files are written to a temporary name and renamed, so a crash never leaves a
// half-written file under the final name.
class RunFolder
{
public:
    // Creates the folder if needed. Throws ConfigError if it cannot be created or written.
    explicit RunFolder(std::filesystem::path dir);

    const std::filesystem::path& dir() const { return m_dir; }
    std::filesystem::path checkpointPath() const { return m_dir / "checkpoint.pt"; }

    void writeConfig(const TrainConfig& config, const std::string& deviceUsed) const;
    void writeSamples(const std::vector<std::vector<double>>& samples) const;
    void writeDensity(const Snapshot& snapshot) const;
    // Starts metrics.csv with its header (k generator loss columns), or, when `append`, keeps
    // the rows up to and including `upToIteration` (a resumed run continues the file).
    void openMetrics(int generators, bool append, long long upToIteration);
    void appendMetrics(const StepLosses& losses, const Metrics& metrics);
    // metrics.csv made anew from these rows (the GUI's history of a run).
    void writeMetrics(int generators, const std::vector<MetricsRow>& rows) const;

    // Throws ConfigError naming `dir` when it cannot be created or written to.
    static void checkWritable(const std::filesystem::path& dir);

private:
    std::filesystem::path m_dir;
    std::ofstream m_metrics;
};

// Writes `text` to `file` through a temporary file and a rename. Throws TrainingError.
void writeFileAtomically(const std::filesystem::path& file, const std::string& text);

// The metrics.csv header for k generators.
std::string metricsHeader(int generators);

// Reads a metrics.csv written for k generators. Throws ConfigError naming the file and the
// line when the header is not that of k generators or a row is malformed.
std::vector<MetricsRow> readMetrics(const std::filesystem::path& file, int generators);

} // namespace modescope
