#pragma once

#include <limits>
#include <vector>

#include "modescope/Metrics.h"

namespace modescope
{

// A figure that this method does not have (the Sim terms of gan and independent): NaN, written
// as "nan" in metrics.csv and shown as "n/a".
inline constexpr double kNotMeasured = std::numeric_limits<double>::quiet_NaN();

// What the GUI draws: plain numbers, copied across threads, no tensors (SPEC section 4).
struct Snapshot {
    long long iteration = 0;
    std::vector<double> grid; // x positions, ascending
    std::vector<double> dataDensity; // true density on the grid
    std::vector<std::vector<double>> generatorDensity; // [i][grid], KDE of G_i's samples
    std::vector<double> mixtureDensity; // (1/k) sum_i generatorDensity[i]
    std::vector<double> dReal; // D's probability of "real" on the grid
    std::vector<int> owner; // argmax_i D_i(x); -1 for 2-head methods
    double dLoss = 0.0;
    std::vector<double> gLosses; // per generator: the MAD-GAN loss, without the Sim hinge
    bool simOn = false; // the Sim hinge was part of the last step's objective
    double simHinge = kNotMeasured; // mean over generators of lambda * hinge_i
    double simViolationRate = kNotMeasured; // share of violated (i, j, z) triples
    double stepsPerSecond = 0.0;
    Metrics metrics;
};

// Losses of the last step, read from the device only when asked.
struct StepLosses {
    long long iteration = 0;
    double dLoss = 0.0;
    std::vector<double> gLosses; // the MAD-GAN loss of each generator, hinge excluded
    bool simOn = false; // the hinge was added to the generators' objective at this step
    // The Sim terms are measured for madgan and madgan-sim with k > 1, with Sim on or off (so a
    // user sees what switching it on would do); the rest have none: kNotMeasured.
    double simHinge = kNotMeasured; // mean over generators of lambda * hinge_i
    double simViolationRate = kNotMeasured; // >= ~0.5 by construction with positive cosines
};

} // namespace modescope
