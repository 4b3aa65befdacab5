#include "train/PopulationRun.h"

#include <nlohmann/json.hpp>

#include <algorithm>
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

struct Member {
    MemberSpec spec;
    TrainConfig config;
    bool resumes = false;
    long long startStep = 0;
    std::vector<MetricsRow> kept; // the rows a resumed member carries, until its record takes them
    std::optional<RunRecord> record; // from when its folder may be written
    int exitCode = -1; // -1: still training
    long long endStep = 0;
    std::string message;

    std::string saved() const { return record ? record->saved() : "nothing was written"; }
};

// Ends member `m` (its trainer about to leave the population) with `code` and `message`.
void end(Member& m, int code, long long step, const std::string& message)
{
    m.exitCode = code;
    m.endStep = step;
    m.message = message;
    std::fprintf(stderr, "%s: %s\n", m.spec.out.c_str(), message.c_str());
}

// The end of a member, finished or interrupted: its record's end, then its closing lines, the
// last of which is its message.
void finish(Member& m, Trainer& trainer, int code)
{
    m.record->finish(trainer);
    std::string lines = m.record->closingLines(trainer);
    lines.pop_back();
    const size_t last = lines.rfind('\n');
    std::fprintf(stderr, "%s: %s\n", m.spec.out.c_str(), lines.substr(0, last).c_str());
    end(m, code, trainer.iteration(),
        code == kExitInterrupted ? "interrupted at step " + std::to_string(trainer.iteration())
                + ": saved; run again to resume"
                                 : lines.substr(last + 1));
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
    for (size_t s = 0; s < group.size(); ++s)
        group[s]->record->open(population.member(static_cast<int>(s)));
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
                    finish(m, population.member(s), kExitInterrupted);
                } catch (const std::exception& e) {
                    end(m, kExitIoFailure, population.iteration(),
                        std::string(e.what()) + "; " + m.saved());
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
            if (!m.record->logs(it))
                continue;
            try {
                Trainer& trainer = population.member(s);
                m.record->log(trainer);
                if (it >= m.config.iterations)
                    finish(m, trainer, kExitOk);
            } catch (const TrainingError& e) {
                end(m, kExitDiverged, it, std::string(e.what()) + "; " + m.saved());
            } catch (const std::exception& e) { // IoError, out of memory
                end(m, kExitIoFailure, it, std::string(e.what()) + "; " + m.saved());
            }
            if (m.exitCode >= 0) {
                population.release(s);
                group.erase(group.begin() + s);
            }
        }
    }
    return false;
}

// One spelling per place: absolute, symbolic links and dots resolved where the path exists,
// no trailing separator ("o1", "./o1", "o1/" and "/abs/o1" are one folder).
fs::path placeOf(const fs::path& path)
{
    std::error_code ec;
    fs::path place = fs::weakly_canonical(fs::absolute(path, ec), ec).lexically_normal();
    return place.has_filename() ? place : place.parent_path();
}

// --report must land where it can be written and must not replace a member's own files.
void checkReport(const fs::path& report, const std::vector<MemberSpec>& specs)
{
    if (report.empty())
        return;
    const fs::path place = placeOf(report);
    std::error_code ec;
    if (fs::is_directory(place, ec))
        throw ConfigError(report.string() + " (--report): is a folder; give a file name");
    for (const MemberSpec& spec : specs) {
        const fs::path out = placeOf(spec.out);
        const auto [end, unused]
            = std::mismatch(out.begin(), out.end(), place.begin(), place.end());
        if (end == out.end() || place == placeOf(spec.config))
            throw ConfigError(report.string() + " (--report): would replace a file of member "
                + spec.out.string() + "; write it outside the run folders");
    }
    if (!fs::is_directory(place.parent_path(), ec))
        throw ConfigError(report.string() + " (--report): its folder "
            + place.parent_path().string() + " does not exist");
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
    if (static_cast<int>(specs.size()) > kMaxPopulation)
        throw ConfigError("--member: " + std::to_string(specs.size()) + " members, at most "
            + std::to_string(kMaxPopulation));
    checkReport(report, specs);
    std::vector<Member> members(specs.size());
    std::map<long long, std::vector<Member*>> byStep;
    for (size_t i = 0; i < specs.size(); ++i) {
        Member& m = members[i];
        m.spec = specs[i];
        for (size_t j = 0; j < i; ++j)
            if (placeOf(specs[j].out) == placeOf(m.spec.out))
                throw ConfigError(m.spec.out.string() + ": given for two members");
        m.config = loadConfigFile(m.spec.config);
        m.config.population = static_cast<int>(specs.size());
        m.resumes = fs::exists(m.spec.out / "checkpoint.pt");
        if (m.resumes) {
            Trainer probe(m.config); // the step it resumes from, and a checkpoint that fits
            probe.loadCheckpoint(m.spec.out / "checkpoint.pt");
            m.startStep = probe.iteration();
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
            m->record.emplace(m->config, RunFolder(m->spec.out), std::move(m->kept),
                m->resumes ? std::optional<long long>(m->startStep) : std::nullopt);

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
                        std::string(e.what()) + "; " + m->saved());
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
