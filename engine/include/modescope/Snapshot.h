#pragma once

#include <vector>

#include "modescope/Metrics.h"

namespace modescope
{

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
    std::vector<double> gLosses; // per generator, hinge included
    double simViolationRate = 0.0;
    double stepsPerSecond = 0.0;
    Metrics metrics;
};

// Losses of the last step, read from the device only when asked.
struct StepLosses {
    long long iteration = 0;
    double dLoss = 0.0;
    std::vector<double> gLosses;
    double simViolationRate = 0.0;
};

} // namespace modescope
