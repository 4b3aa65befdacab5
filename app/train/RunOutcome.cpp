#include "train/RunOutcome.h"

#include <cmath>
#include <cstdio>

#include "modescope/maths/CureTime.h"

namespace modescope::app
{

std::string Saved::describe(const std::optional<RunFolder>& folder) const
{
    if (!folder)
        return "nothing was saved (no --out)";
    if (!started)
        return "the run had not started: nothing of it is in " + folder->dir().string()
            + "; free space and run again";
    if (checkpointStep < 0)
        return "no checkpoint was written yet; metrics.csv in " + folder->dir().string()
            + " holds the rows logged so far; free space and start again with --overwrite";
    return "the last good checkpoint (step " + std::to_string(checkpointStep) + ") is kept in "
        + folder->dir().string();
}

RunRecord::RunRecord(const TrainConfig& config, std::optional<RunFolder> folder,
    std::vector<MetricsRow> kept, std::optional<long long> checkpointStep)
    : m_config(config)
    , m_folder(std::move(folder))
    , m_kept(std::move(kept))
{
    m_saved.checkpointStep = checkpointStep.value_or(-1);
}

void RunRecord::open(const Trainer& trainer)
{
    if (!m_folder)
        return;
    m_folder->writeConfig(m_config, trainer.deviceName());
    m_folder->openMetrics(m_config.effectiveGenerators(), m_kept);
    m_saved.started = true;
}

bool RunRecord::logs(long long step) const
{
    return step % m_config.logEvery == 0 || step == m_config.iterations;
}

const MetricsRow& RunRecord::log(Trainer& trainer)
{
    const long long step = trainer.iteration();
    const StepLosses losses = trainer.lastLosses(); // throws on a non-finite loss
    m_metrics = trainer.evaluate(m_config.samplesPerGenerator);
    m_metricsStep = step;
    m_kept.push_back({ losses, m_metrics });
    if (m_folder) {
        m_folder->appendMetrics(losses, m_metrics);
        if (step - std::max(m_saved.checkpointStep, 0LL) >= kCheckpointEvery) {
            trainer.saveCheckpoint(m_folder->checkpointPath());
            m_saved.checkpointStep = step;
        }
    }
    return m_kept.back();
}

void RunRecord::finish(Trainer& trainer)
{
    if (!m_folder)
        return;
    trainer.saveCheckpoint(m_folder->checkpointPath());
    m_saved.checkpointStep = trainer.iteration();
    const auto samples = trainer.sample(m_config.samplesPerGenerator);
    if (m_config.images) { // images, judged, and a row of real ones; no density of images
        m_folder->writeImageSamples(
            samples, trainer.judge(samples), trainer.realImages(), *m_config.images);
        return;
    }
    m_folder->writeSamples(samples, m_config.dimension());
    m_folder->writeDensity(trainer.snapshot());
}

std::string RunRecord::closingLines(Trainer& trainer)
{
    if (m_metricsStep != trainer.iteration()) // interrupted between two logged steps
        m_metrics = trainer.evaluate(m_config.samplesPerGenerator);
    const int modes = m_config.modeCount();
    char line[256];
    std::snprintf(line, sizeof line,
        "step %lld: modes captured %d/%d, balanced %d/%d, high quality %.1f%%, "
        "reverse KL %.4f\n",
        trainer.iteration(), m_metrics.modesCaptured, modes, m_metrics.modesBalanced, modes,
        100 * m_metrics.hqFraction, m_metrics.reverseKl);
    std::string text = line;
    const CureTime cure = cureTime(m_kept, modes);
    if (cure.reached() && std::isnan(cure.seconds)) // logged before the clock was kept
        std::snprintf(
            line, sizeof line, "all %d modes covered since step %lld\n", modes, cure.step);
    else if (cure.reached())
        std::snprintf(line, sizeof line,
            "all %d modes covered since step %lld (%.1f s of training)\n", modes, cure.step,
            cure.seconds);
    else
        std::snprintf(
            line, sizeof line, "not cured: a mode is left uncovered at the last logged step\n");
    return text + line;
}

} // namespace modescope::app
