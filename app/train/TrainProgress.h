#pragma once

#include <chrono>
#include <cstdio>

#include "modescope/maths/Metrics.h"
#include "modescope/training/Snapshot.h"

namespace modescope::app
{

// Reports the headless trainer's progress: a redrawn bar on a terminal, plain lines in a pipe.
class TrainProgress
{
public:
    TrainProgress(long long firstStep, long long lastStep, std::FILE* out);

    // Called at every logged step.
    void update(const StepLosses& losses, const Metrics& metrics, int modes);
    void finish();
    double stepsPerSecond() const { return m_stepsPerSecond; }

private:
    long long m_firstStep;
    long long m_lastStep;
    std::FILE* m_out;
    bool m_terminal;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    double m_stepsPerSecond = 0.0;
};

} // namespace modescope::app
