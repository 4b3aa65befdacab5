#include "train/TrainProgress.h"

#include <unistd.h>

#include <string>

namespace modescope::app
{

namespace
{
constexpr int kBarWidth = 30; // characters of the progress bar

std::string clock(double seconds)
{
    const long s = static_cast<long>(seconds + 0.5);
    char text[32];
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    return text;
}
} // namespace

TrainProgress::TrainProgress(long long firstStep, long long lastStep, std::FILE* out)
    : m_firstStep(firstStep)
    , m_lastStep(lastStep)
    , m_out(out)
    , m_terminal(isatty(fileno(out)))
{
}

void TrainProgress::update(const StepLosses& losses, const Metrics& metrics, int modes)
{
    const double elapsed
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    const long long done = losses.iteration - m_firstStep;
    m_stepsPerSecond = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
    const double eta = m_stepsPerSecond > 0
        ? static_cast<double>(m_lastStep - losses.iteration) / m_stepsPerSecond
        : 0.0;
    if (m_terminal) {
        const double share = m_lastStep > m_firstStep
            ? static_cast<double>(done) / static_cast<double>(m_lastStep - m_firstStep)
            : 1.0;
        const int filled = static_cast<int>(share * kBarWidth);
        std::string bar(static_cast<size_t>(filled), '#');
        bar.resize(kBarWidth, '.');
        std::fprintf(m_out,
            "\r[%s] %3.0f%% step %lld/%lld  %.0f steps/s  ETA %s  modes %d/%d  HQ %.0f%% ",
            bar.c_str(), 100 * share, losses.iteration, m_lastStep, m_stepsPerSecond,
            clock(eta).c_str(), metrics.modesBalanced, modes, 100 * metrics.hqFraction);
    } else {
        std::fprintf(m_out,
            "step %lld/%lld  d_loss %.4f  steps/s %.1f  eta %s  modes_captured %d/%d  "
            "modes_balanced %d/%d  hq %.3f  sim_violation %.3f\n",
            losses.iteration, m_lastStep, losses.dLoss, m_stepsPerSecond, clock(eta).c_str(),
            metrics.modesCaptured, modes, metrics.modesBalanced, modes, metrics.hqFraction,
            losses.simViolationRate);
    }
    std::fflush(m_out);
}

void TrainProgress::finish()
{
    if (m_terminal)
        std::fputc('\n', m_out);
    std::fflush(m_out);
}

} // namespace modescope::app
