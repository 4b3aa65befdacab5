#pragma once

#include <limits>
#include <string>
#include <vector>

#include "modescope/config/TrainConfig.h"
#include "modescope/maths/Metrics.h"

namespace modescope
{

// A figure that this method does not have (the Sim terms of gan and independent): NaN, written
// as "nan" in metrics.csv and shown as "n/a".
inline constexpr double kNotMeasured = std::numeric_limits<double>::quiet_NaN();

// Points per generator a 2-D snapshot keeps for its scatter.
inline constexpr int kScatterPoints = 500;
// Grid points per axis of a 2-D snapshot.
inline constexpr int kMapGridPoints = 128;
// Images each generator shows in an image run's snapshot.
inline constexpr int kSnapshotImages = 8;
// Real images in the row a stacked run shows (a plain run shows one of each class).
inline constexpr int kStackedRealImages = 10;

// What Snapshot::dReal means for a run's method: a probability of "real" for most methods, a
// critic score for WGAN-GP, a pack's probability for PacGAN.
struct DiscriminatorReading {
    std::string column = "d_real"; // density.csv's and the curves CSV's column
    std::string label = "D_real"; // a legend's or axis's words
    std::string explanation = "The discriminator's probability that a sample at this point is "
                              "real."; // a sentence for tooltips
};
DiscriminatorReading discriminatorReading(const TrainConfig& config);

// What the GUI draws: plain numbers, copied across threads, no tensors (SPEC sections 4, 6).
// In 1-D every field on the grid holds grid.size() values; in 2-D the grid is grid x gridY and
// each holds gridY.size() rows of grid.size() values, y outer: [iy * grid.size() + ix].
struct Snapshot {
    long long iteration = 0;
    int dimension = 1; // of the data: 1 or 2; rows x cols for images (then no grid fields)
    std::vector<double> grid; // x positions, ascending
    std::vector<double> gridY; // 2-D: y positions, ascending; empty in 1-D
    std::vector<double> dataDensity; // true density on the grid
    std::vector<std::vector<double>> generatorDensity; // [i][grid], KDE of G_i's samples
    std::vector<double> mixtureDensity; // (1/k) sum_i generatorDensity[i]
    std::vector<double> dReal; // D's probability of "real" on the grid, or as `reading` says
    DiscriminatorReading reading;
    std::vector<int> owner; // argmax_i D_i(x); -1 for 2-head methods
    // 2-D: up to kScatterPoints points of each generator for a scatter, [i][x0, y0, x1, ...].
    std::vector<std::vector<double>> points;
    // 2-D: each generator's density contour enclosing half its samples (the smallest such
    // region of its KDE), as segments x0, y0, x1, y1, NaN, NaN, ... (Contour.h).
    std::vector<std::vector<double>> contours;
    // Images (TrainConfig::images): kSnapshotImages of each generator's, and the data set's first
    // image of each class (stacked: ten real stacked images), as channels x rows x cols pixels
    // in [0, 1] one after another (each channel a rows x cols plane).
    int imageRows = 0;
    int imageCols = 0;
    int imageChannels = 1; // 3 for a stacked target
    std::vector<std::vector<float>> images; // [i][image * channels * rows * cols + pixel]
    std::vector<float> realImages; // [image * channels * rows * cols + pixel]
    double dLoss = 0.0;
    std::vector<double> gLosses; // per generator: the MAD-GAN loss, without the Sim hinge
    // The Sim hinge was part of the last step's objective (before a first step, at step 0 or
    // just opened: it will be part of the next one's).
    bool simOn = false;
    double simHinge = kNotMeasured; // mean over generators of lambda * hinge_i
    double simViolationRate = kNotMeasured; // share of violated (i, j, z) triples
    double stepsPerSecond = 0.0;
    double trainingSeconds = kNotMeasured; // StepLosses::seconds at this step
    // How long Trainer::snapshot took to make this one (an image run's ~0.25 s, most of it the
    // judge): the window spaces its snapshots by it.
    double makingSeconds = 0.0;
    Metrics metrics;
};

// Losses of the last step, read from the device only when asked.
struct StepLosses {
    long long iteration = 0;
    // Seconds the trainer has spent in its steps up to this one, over every resume (snapshots,
    // metrics and drawing not counted): the clock of "time to cure". kNotMeasured in a
    // metrics.csv written before it was recorded.
    double seconds = kNotMeasured;
    double dLoss = 0.0;
    std::vector<double> gLosses; // the MAD-GAN loss of each generator, hinge excluded
    bool simOn = false; // the hinge was added to the generators' objective at this step (see
                        // Snapshot::simOn before a first step)
    // The Sim terms are measured for madgan and madgan-sim with k > 1, with Sim on or off (so a
    // user sees what switching it on would do); the rest have none: kNotMeasured.
    double simHinge = kNotMeasured; // mean over generators of lambda * hinge_i
    double simViolationRate = kNotMeasured; // >= ~0.5 by construction with positive cosines
};

} // namespace modescope
