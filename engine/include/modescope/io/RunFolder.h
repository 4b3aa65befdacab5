#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iosfwd>
#include <string>
#include <vector>

#include "modescope/config/TrainConfig.h"
#include "modescope/maths/ClassMetrics.h"
#include "modescope/training/Snapshot.h"

namespace modescope
{

// One row of metrics.csv: the losses of a logged step and the metrics at that step.
struct MetricsRow {
    StepLosses losses;
    Metrics metrics; // the scalar metrics only; ownership is not part of the file
};

// The run folder of SPEC section 5: config.json, metrics.csv, samples.csv, density.csv and
// checkpoint.pt. Files are written to a temporary name and renamed (AtomicFile.h), so a crash
// never leaves a half-written file under the final name.
class RunFolder
{
public:
    // What may be done with a folder that already holds a run.
    enum class Existing {
        Refuse, // a new run: an existing run folder is never overwritten
        Overwrite, // replace the run in it (asked for explicitly)
        Continue, // the run being resumed, or a session saved over itself
    };

    // Creates the folder if needed. Throws ConfigError if it cannot be created or written.
    explicit RunFolder(std::filesystem::path dir);

    // Checks, before anything is written, that `dir` may receive a run: it is or can be made a
    // writable folder; it is empty, or a run folder and `existing` allows it. A non-empty folder
    // that is not a run folder is always refused. Throws ConfigError naming the folder.
    static void checkOutput(const std::filesystem::path& dir, Existing existing);
    // True when `dir` holds a run (config.json or checkpoint.pt).
    static bool isRunFolder(const std::filesystem::path& dir);

    const std::filesystem::path& dir() const { return m_dir; }
    std::filesystem::path checkpointPath() const { return m_dir / "checkpoint.pt"; }

    void writeConfig(const TrainConfig& config, const std::string& deviceUsed) const;
    // samples[i]: generator i's points, `dimension` coordinates each in turn (Mixture.h).
    void writeSamples(const std::vector<std::vector<double>>& samples, int dimension = 1) const;
    void writeDensity(const Snapshot& snapshot) const;
    // An image run's samples (docs/IMAGES.md): samples.csv with each image's generator, its
    // number among that generator's, the judge's class, that class's name and the judge's
    // probability; samples/generator-NN.png with the first kImagesPerFile images of generator NN
    // in rows of 8 (image n at row n / 8, column n % 8); samples/real.png, `realImages` (rows x
    // cols pixels in [0, 1] each, Trainer::realImages) side by side. A stacked target's PNGs are
    // RGB (tileImages: its channels in cyan, magenta and yellow ink). `samples` as Trainer::sample
    // returns them (pixels in [-1, 1]); `judged` in the same order. Throws IoError naming the file.
    // Both remove what a run of the other kind (or of more generators) left in the folder
    // when this run replaced it: density.csv, samples/generator-NN.png past k, samples/real.png.
    void writeImageSamples(const std::vector<std::vector<double>>& samples,
        const std::vector<JudgedImage>& judged, const std::vector<float>& realImages,
        const ImageTarget& target) const;
    // Starts metrics.csv with its header (k generator loss columns) and the `kept` rows (those a
    // resumed run carries over), then keeps it open for appendMetrics. Throws IoError.
    void openMetrics(int generators, const std::vector<MetricsRow>& kept = {});
    void appendMetrics(const StepLosses& losses, const Metrics& metrics); // throws IoError
    // metrics.csv made anew from these rows (the GUI's history of a run).
    void writeMetrics(int generators, const std::vector<MetricsRow>& rows) const;

    // Throws ConfigError naming `dir` when it cannot be created or written to.
    static void checkWritable(const std::filesystem::path& dir);

private:
    // Removes samples/generator-NN.png for NN > keepGenerators, samples/real.png unless
    // keepReal, and samples/ if that leaves it empty.
    void removeStaleImages(size_t keepGenerators, bool keepReal) const;

    std::filesystem::path m_dir;
    std::ofstream m_metrics;
    std::uintmax_t m_metricsBytes = 0; // metrics.csv's length after its last whole row
};

// A run folder read back to be resumed or opened.
struct StoredRun {
    TrainConfig config; // config.json
    std::vector<MetricsRow> rows; // metrics.csv (empty when the folder has none)
    std::filesystem::path checkpoint; // checkpoint.pt, checked to be a file (not yet loaded)
};
// Reads `dir` (a run folder, or its config.json or checkpoint.pt). Throws ConfigError naming
// the folder or file that is missing or damaged.
StoredRun readRunFolder(const std::filesystem::path& dir);

// Reads samples.csv (`generator,x` in 1-D, `generator,x,y` in 2-D) of a run with k generators:
// samples[i] holds generator i+1's points, coordinates in turn. Throws ConfigError naming the
// file and line when it is malformed.
std::vector<std::vector<double>> readSamples(
    const std::filesystem::path& file, int generators, int dimension = 1);
// The same from a stream; `source` names it in messages.
std::vector<std::vector<double>> readSamples(
    std::istream& in, int generators, int dimension, const std::string& source);

// Images in each samples/generator-NN.png of an image run.
inline constexpr int kImagesPerFile = 64;

// The metrics.csv header for k generators.
std::string metricsHeader(int generators);

// Reads a metrics.csv written for k generators (LF or CRLF line ends). Throws ConfigError naming
// the file and the line when the header is not that of k generators, a row is malformed or the
// steps do not ascend. Reads nothing past kMaxInputBytes.
std::vector<MetricsRow> readMetrics(const std::filesystem::path& file, int generators);
// The same from a stream; `source` names it in messages.
std::vector<MetricsRow> readMetrics(std::istream& in, int generators, const std::string& source);
// The rows a checkpoint at `iteration` has seen: later rows belong to a run that was lost.
std::vector<MetricsRow> rowsUpTo(std::vector<MetricsRow> rows, long long iteration);

} // namespace modescope
