#include "train/PopulationRun.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <memory>
#include <optional>

#include "shared/ExitCodes.h"
#include "train/RunOutcome.h"
#include "modescope/config/ConfigError.h"
#include "modescope/config/ConfigJson.h"
#include "modescope/io/AtomicFile.h"
#include "modescope/io/RunFolder.h"
#include "modescope/training/Population.h"

namespace modescope::app
{

namespace fs = std::filesystem;

namespace
{

constexpr long long kCheckpointEvery = 1000; // as a run alone (main.cpp)

struct Member {
    MemberSpec spec;
    TrainConfig config;
    bool resumes = false;
    long long startStep = 0;
    std::vector<MetricsRow> kept;
    std::optional<RunFolder> folder;
    Saved saved;
    Metrics metrics;
    long long metricsStep = -1;
    int exitCode = -1; // -1: still training
    long long endStep = 0;
    std::string message;
};

// Ends member `m` (its trainer about to leave the population) with `code` and `message`.
void end(Member& m, int code, long long step, const std::string& message)
{
    m.exitCode = code;
    m.endStep = step;
    m.message = message;
    std::fprintf(stderr, "%s: %s\n", m.spec.out.c_str(), message.c_str());
}

// The end of a member that reached its last step: checkpoint, samples, density, summary.
void finish(Member& m, Trainer& trainer)
{
    trainer.saveCheckpoint(m.folder->checkpointPath());
    m.saved.checkpointStep = trainer.iteration();
    m.folder->writeSamples(trainer.sample(m.config.samplesPerGenerator), m.config.dimension());
    m.folder->writeDensity(trainer.snapshot());
    if (m.metricsStep != trainer.iteration())
        m.metrics = trainer.evaluate(m.config.samplesPerGenerator);
    std::string lines = closingLines(m.config, trainer.iteration(), m.metrics, m.kept);
    lines.pop_back(); // the message is its last line
    const size_t last = lines.rfind('\n');
    std::fprintf(stderr, "%s: %s\n", m.spec.out.c_str(), lines.substr(0, last).c_str());
    end(m, kExitOk, trainer.iteration(), lines.substr(last + 1));
}

// One step's bookkeeping of member `m` (`trainer` its state): the logged row, checkpoints, and
// its end. Throws what the trainer and the run folder throw.
void afterStep(Member& m, Trainer& trainer)
{
    const long long it = trainer.iteration();
    if (it % m.config.logEvery == 0 || it == m.config.iterations) {
        const StepLosses losses = trainer.lastLosses(); // throws on a non-finite loss
        m.metrics = trainer.evaluate(m.config.samplesPerGenerator);
        m.metricsStep = it;
        m.kept.push_back({ losses, m.metrics });
        m.folder->appendMetrics(losses, m.metrics);
        if (it - std::max(m.saved.checkpointStep, 0LL) >= kCheckpointEvery) {
            trainer.saveCheckpoint(m.folder->checkpointPath());
            m.saved.checkpointStep = it;
        }
    }
    if (it >= m.config.iterations)
        finish(m, trainer);
}

// Trains `group` (members resuming from one step) as one population until each has ended or
// the run is interrupted. Returns true when interrupted.
bool trainGroup(std::vector<Member*> group, const std::atomic<bool>& interrupted)
{
    std::vector<TrainConfig> configs;
    for (const Member* m : group)
        configs.push_back(m->config);
    Population population(configs);
    for (size_t s = 0; s < group.size(); ++s)
        if (group[s]->resumes)
            population.loadCheckpoint(static_cast<int>(s), group[s]->spec.out / "checkpoint.pt");
    for (size_t s = 0; s < group.size(); ++s) {
        Member& m = *group[s];
        m.folder->writeConfig(m.config, population.member(static_cast<int>(s)).deviceName());
        m.folder->openMetrics(m.config.effectiveGenerators(), m.kept);
        m.saved.started = true;
    }
    if (group.size() > 1)
        std::fprintf(stderr, "training %zu runs as one population from step %lld\n", group.size(),
            population.iteration());
    else
        std::fprintf(stderr, "training %s alone from step %lld (no other run resumes there)\n",
            group.front()->spec.out.c_str(), population.iteration());
    while (population.size() > 0) {
        if (interrupted) {
            for (int s = population.size() - 1; s >= 0; --s) {
                Member& m = *group[s];
                try {
                    Trainer& trainer = population.member(s);
                    trainer.saveCheckpoint(m.folder->checkpointPath());
                    m.saved.checkpointStep = trainer.iteration();
                    end(m, kExitInterrupted, trainer.iteration(),
                        "interrupted at step " + std::to_string(trainer.iteration())
                            + ": saved; run again to resume");
                } catch (const std::exception& e) {
                    end(m, kExitIoFailure, population.iteration(),
                        std::string(e.what()) + "; " + m.saved.describe(m.folder));
                }
            }
            return true;
        }
        population.step();
        const long long it = population.iteration();
        // Backwards, so that a member leaving renumbers only those already seen. A member is
        // read (its state scattered from the batched one) only at its logged steps and its end.
        for (int s = population.size() - 1; s >= 0; --s) {
            Member& m = *group[s];
            if (it % m.config.logEvery != 0 && it < m.config.iterations)
                continue;
            try {
                afterStep(m, population.member(s));
            } catch (const TrainingError& e) {
                end(m, kExitDiverged, population.iteration(),
                    std::string(e.what()) + "; " + m.saved.describe(m.folder));
            } catch (const std::exception& e) { // IoError, out of memory
                end(m, kExitIoFailure, population.iteration(),
                    std::string(e.what()) + "; " + m.saved.describe(m.folder));
            }
            if (m.exitCode >= 0) {
                population.release(s);
                group.erase(group.begin() + s);
            }
        }
    }
    return false;
}

void writeReport(const fs::path& file, const std::vector<Member>& members)
{
    nlohmann::json list = nlohmann::json::array();
    for (const Member& m : members)
        list.push_back({ { "out", m.spec.out.string() }, { "exit", m.exitCode },
            { "step", m.endStep }, { "message", m.message } });
    writeFileAtomically(file, nlohmann::json { { "members", list } }.dump(2) + "\n");
}

} // namespace

int runPopulations(const std::vector<MemberSpec>& specs, bool overwrite, const fs::path& report,
    const std::atomic<bool>& interrupted)
{
    // Every input is read and checked before the first folder is written.
    std::vector<Member> members(specs.size());
    std::map<long long, std::vector<Member*>> byStep;
    for (size_t i = 0; i < specs.size(); ++i) {
        Member& m = members[i];
        m.spec = specs[i];
        for (size_t j = 0; j < i; ++j)
            if (fs::weakly_canonical(specs[j].out) == fs::weakly_canonical(m.spec.out))
                throw ConfigError(m.spec.out.string() + ": given for two members");
        m.config = loadConfigFile(m.spec.config);
        m.config.population = static_cast<int>(specs.size());
        m.resumes = fs::exists(m.spec.out / "checkpoint.pt");
        if (m.resumes) {
            Trainer probe(m.config); // the step it resumes from, and a checkpoint that fits
            probe.loadCheckpoint(m.spec.out / "checkpoint.pt");
            m.startStep = probe.iteration();
            m.saved.checkpointStep = m.startStep;
            if (fs::exists(m.spec.out / "metrics.csv"))
                m.kept = rowsUpTo(
                    readMetrics(m.spec.out / "metrics.csv", m.config.effectiveGenerators()),
                    m.startStep);
        }
        if (m.startStep >= m.config.iterations) {
            end(m, kExitOk, m.startStep,
                "already at step " + std::to_string(m.startStep) + "; nothing was changed");
            continue;
        }
        byStep[m.startStep].push_back(&m);
    }
    for (auto& [step, group] : byStep)
        for (size_t s = 1; s < group.size(); ++s)
            if (const std::string field = populationMismatch(group[0]->config, group[s]->config);
                !field.empty())
                throw ConfigError(group[s]->spec.config.string() + ": differs from "
                    + group[0]->spec.config.string() + " in " + field
                    + "; only runs of one shape train as a population");
    // Only now, with every input checked, may the run folders come into being.
    for (auto& [step, group] : byStep)
        for (Member* m : group)
            RunFolder::checkOutput(m->spec.out,
                m->resumes      ? RunFolder::Existing::Continue
                    : overwrite ? RunFolder::Existing::Overwrite
                                : RunFolder::Existing::Refuse);
    for (auto& [step, group] : byStep)
        for (Member* m : group)
            m->folder.emplace(m->spec.out);

    bool stopped = false;
    for (auto& [step, group] : byStep) {
        if (stopped || interrupted) {
            for (Member* m : group)
                end(*m, kExitInterrupted, m->startStep, "interrupted before it trained");
            continue;
        }
        try {
            stopped = trainGroup(group, interrupted);
        } catch (const std::exception& e) { // building the population, a device failure
            for (Member* m : group)
                if (m->exitCode < 0)
                    end(*m, kExitIoFailure, m->startStep,
                        std::string(e.what()) + "; " + m->saved.describe(m->folder));
        }
    }
    if (!report.empty())
        writeReport(report, members);
    if (stopped)
        return kExitInterrupted;
    for (const Member& m : members)
        if (m.exitCode != kExitOk)
            return m.exitCode;
    return kExitOk;
}

} // namespace modescope::app
