#include "sweep/SweepExecutor.h"

#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "modescope/config/ConfigError.h"
#include "modescope/config/InputFile.h"
#include "modescope/io/AtomicFile.h"
#include "modescope/io/RunFolder.h"
#include "modescope/machine/StepCost.h"

extern char** environ;

namespace modescope::app
{

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace
{

using Group = std::vector<const SweepRun*>; // runs trained by one process

constexpr auto kPollInterval = std::chrono::milliseconds(200);
constexpr int kBarWidth = 30;
constexpr std::streamoff kLogTailBytes = 4096; // read for a failed run's last message

std::string hostName()
{
    char name[256] = {};
    return gethostname(name, sizeof name - 1) == 0 ? std::string(name) : std::string();
}

// The last non-empty line of a log: a failed run's reason.
std::string lastLine(const fs::path& log)
{
    std::ifstream in(log, std::ios::binary);
    if (!in)
        return {};
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(std::max<std::streamoff>(0, size - kLogTailBytes));
    std::string line, last;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.pop_back();
        if (const size_t cr = line.rfind('\r'); cr != std::string::npos)
            line = line.substr(cr + 1);
        if (!line.empty())
            last = line;
    }
    return last;
}

// Where a population's modescope-train writes each member's outcome (PopulationRun.h).
fs::path reportOf(const SweepFolder& folder, const Group& group)
{
    return folder.log(*group.front()).replace_extension(".report.json");
}

std::vector<std::string> trainerArguments(const SweepFolder& folder, const Group& group)
{
    std::error_code ec;
    if (group.size() == 1) {
        const SweepRun& run = *group.front();
        const fs::path out = folder.run(run);
        if (fs::exists(out / "checkpoint.pt", ec))
            return { trainerPath(), "--resume", out.string() };
        std::vector<std::string> args { trainerPath(), "--preset", folder.config(run).string(),
            "--out", out.string() };
        // A run folder with no checkpoint was stopped before its first: nothing to keep.
        if (RunFolder::isRunFolder(out))
            args.push_back("--overwrite");
        return args;
    }
    // Members with a checkpoint resume from it; --overwrite reaches only those without one.
    std::vector<std::string> args { trainerPath() };
    for (const SweepRun* run : group) {
        args.insert(
            args.end(), { "--member", folder.config(*run).string(), folder.run(*run).string() });
    }
    args.insert(args.end(), { "--overwrite", "--report", reportOf(folder, group).string() });
    return args;
}

// Starts modescope-train for `group` with its output appended to the first run's log (the
// others' logs say where it is). Throws IoError.
pid_t spawnGroup(const SweepFolder& folder, const Group& group, int blasThreads)
{
    const SweepRun& run = *group.front();
    std::error_code ec;
    fs::create_directories(folder.log(run).parent_path(), ec);
    fs::remove(reportOf(folder, group), ec); // an earlier attempt's
    const std::vector<std::string> args = trainerArguments(folder, group);
    for (size_t m = 1; m < group.size(); ++m) {
        std::ofstream log(folder.log(*group[m]), std::ios::app);
        log << "== modescope-sweep: " << hostName() << ": trained in one population of "
            << group.size() << " runs; their output: " << folder.log(run).string() << '\n';
    }
    {
        std::ofstream log(folder.log(run), std::ios::app);
        log << "== modescope-sweep: " << hostName() << ":";
        for (const std::string& a : args)
            log << ' ' << a;
        log << '\n';
    }
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(
        &files, STDOUT_FILENO, folder.log(run).c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
    posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
        if (std::string(*e).rfind("OPENBLAS_NUM_THREADS=", 0) != 0)
            env.emplace_back(*e);
    env.push_back("OPENBLAS_NUM_THREADS=" + std::to_string(blasThreads));
    std::vector<char*> argv, envp;
    for (const std::string& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    for (const std::string& e : env)
        envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    pid_t pid = 0;
    const int error = posix_spawn(&pid, argv[0], &files, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&files);
    if (error != 0)
        throw IoError(args[0] + ": cannot be started (" + std::strerror(error) + ")");
    return pid;
}

int exitCodeOf(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 255;
}

// Records how a run ended; its wall time adds to that of the attempts it resumed. `message`:
// the reason to record, else the last line of the run's log.
SweepRunState ended(const SweepFolder& folder, const SweepRun& run, int exitCode, double seconds,
    const std::optional<std::string>& message = std::nullopt)
{
    SweepRunState state;
    state.exitCode = exitCode;
    state.wallSeconds = readRunState(folder, run).wallSeconds + seconds;
    state.host = hostName();
    state.message = message ? *message : lastLine(folder.log(run));
    state.status = exitCode == 0       ? SweepRunState::Status::Done
        : exitCode == kExitInterrupted ? SweepRunState::Status::Interrupted
                                       : SweepRunState::Status::Failed;
    writeRunState(folder, run, state);
    return state;
}

// Before a start: a run that resumes from its checkpoint carries its earlier wall time.
void markRunning(const SweepFolder& folder, const SweepRun& run)
{
    SweepRunState state;
    std::error_code ec;
    if (fs::exists(folder.run(run) / "checkpoint.pt", ec))
        state.wallSeconds = readRunState(folder, run).wallSeconds;
    state.status = SweepRunState::Status::Running;
    state.host = hostName();
    writeRunState(folder, run, state);
}

// How each run of `group` ended, from the process's exit status and, for a population, the
// outcomes its trainer reported (a member it did not report, say after a SIGKILL, takes the
// process's exit code). Each member is charged its share of the wall time.
std::vector<SweepRunState> groupEnded(
    const SweepFolder& folder, const Group& group, int exitCode, double seconds)
{
    if (group.size() == 1)
        return { ended(folder, *group.front(), exitCode, seconds) };
    std::map<std::string, std::pair<int, std::string>> outcomes; // by run folder
    try {
        const auto report = nlohmann::json::parse(readInputFile(reportOf(folder, group), 1 << 20));
        for (const auto& member : report.at("members"))
            outcomes[member.at("out").get<std::string>()]
                = { member.at("exit").get<int>(), member.at("message").get<std::string>() };
    } catch (const std::exception&) { // no report: the process did not get to write it
    }
    const std::string processMessage = lastLine(folder.log(*group.front()));
    std::vector<SweepRunState> states;
    for (const SweepRun* run : group) {
        const auto found = outcomes.find(folder.run(*run).string());
        states.push_back(found == outcomes.end()
                ? ended(folder, *run, exitCode == 0 ? 255 : exitCode, seconds / group.size(),
                    "the population's trainer ended (exit " + std::to_string(exitCode)
                        + ") without reporting this run: " + processMessage)
                : ended(folder, *run, found->second.first, seconds / group.size(),
                    found->second.second));
    }
    return states;
}

// spawnGroup, recording a start that failed as failed runs (not ones left "running").
pid_t startOrRecord(const SweepFolder& folder, const Group& group, int blasThreads)
{
    try {
        return spawnGroup(folder, group, blasThreads);
    } catch (const std::exception& e) {
        for (const SweepRun* run : group) {
            SweepRunState state;
            state.status = SweepRunState::Status::Failed;
            state.exitCode = 127; // the shell's "could not run"
            state.message = e.what();
            state.host = hostName();
            writeRunState(folder, *run, state);
        }
        throw;
    }
}

std::string clock(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return "--:--";
    const long long s = std::llround(seconds);
    char text[32];
    if (s >= 3600)
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%lld:%02lld", s / 60, s % 60);
    return text;
}

} // namespace

std::string trainerPath()
{
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path beside = self.parent_path() / "modescope-train";
        if (fs::exists(beside, ec))
            return beside.string();
    }
    if (const char* path = std::getenv("PATH")) {
        std::string dirs = path;
        for (size_t start = 0; start <= dirs.size();) {
            const size_t colon = std::min(dirs.find(':', start), dirs.size());
            const fs::path candidate
                = fs::path(dirs.substr(start, colon - start)) / "modescope-train";
            if (colon > start && access(candidate.c_str(), X_OK) == 0)
                return candidate.string();
            start = colon + 1;
        }
    }
    throw ConfigError("modescope-train: not found beside modescope-sweep or on PATH");
}

void prepareSweepFolder(const SweepFolder& folder, const SweepPlan& plan)
{
    std::error_code ec;
    if (fs::exists(folder.dir, ec) && !fs::is_directory(folder.dir, ec))
        throw ConfigError(folder.dir.string() + ": exists and is not a folder");
    if (fs::exists(folder.plan(), ec)) {
        if (readInputFile(folder.plan(), kMaxConfigBytes) != plan.asRunJson)
            throw ConfigError(folder.dir.string()
                + ": holds another sweep (its plan.json differs from this plan); give a new "
                  "--out, or run that sweep's own plan.json");
    } else if (fs::is_directory(folder.dir, ec)) {
        // Empty but for our own lock: a folder whose first `run` failed before its plan.json.
        for (const fs::directory_entry& entry : fs::directory_iterator(folder.dir, ec))
            if (entry.path().filename() != ".lock")
                throw ConfigError(folder.dir.string()
                    + ": the folder is not empty and holds no sweep (no plan.json); give a new "
                      "or empty folder");
    }
    fs::create_directories(folder.dir, ec);
    // plan.json first: once it is there the folder is this sweep's, and a `run` that failed
    // after it (a full disk, say) is taken up again by the same command.
    writeFileAtomically(folder.plan(), plan.asRunJson);
    for (const char* sub : { "runs", "configs", "state", "logs" }) {
        fs::create_directories(folder.dir / sub, ec);
        if (ec)
            throw ConfigError(
                (folder.dir / sub).string() + ": cannot be created (" + ec.message() + ")");
    }
    for (const SweepRun& run : plan.runs)
        writeFileAtomically(folder.config(run), run.configJson);
}

void lockSweepFolder(const SweepFolder& folder)
{
    const fs::path file = folder.dir / ".lock";
    const int fd = open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644); // kept open: the lock
    if (fd < 0)
        throw IoError(file.string() + ": cannot be opened (" + std::strerror(errno) + ")");
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        throw ConfigError(folder.dir.string()
            + ": another modescope-sweep is running this sweep; wait for it, or stop it first");
    }
}

bool stoppedWithoutRecord(const SweepFolder& folder, const SweepRunState& state)
{
    std::error_code ec;
    if (state.status != SweepRunState::Status::Running || state.host != hostName()
        || fs::exists(folder.dir / "slurm.json", ec))
        return false;
    const int fd = open((folder.dir / ".lock").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false; // no local `run` ever held it: not ours to judge
    const bool free = flock(fd, LOCK_EX | LOCK_NB) == 0; // closing releases it
    close(fd);
    return free;
}

bool needsRunning(const SweepRunState& state, bool retryFailed)
{
    return state.status != SweepRunState::Status::Done
        && (state.status != SweepRunState::Status::Failed || retryFailed);
}

int runGroup(const SweepFolder& folder, const Group& group, int blasThreads)
{
    for (const SweepRun* run : group)
        markRunning(folder, *run);
    const auto start = Clock::now();
    const pid_t pid = startOrRecord(folder, group, blasThreads);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        // SIGTERM from Slurm at the time limit reaches the trainer too; it saves and exits.
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    int code = kExitOk;
    for (const SweepRunState& state : groupEnded(folder, group, exitCodeOf(status), seconds))
        if (code == kExitOk)
            code = state.exitCode;
    return code;
}

int runLocal(const SweepFolder& folder, const SweepPlan& plan, const LocalOptions& options,
    const std::atomic<bool>& interrupted)
{
    std::vector<int> toRun;
    int done = 0;
    int failed = 0;
    for (const SweepRun& run : plan.runs) {
        const SweepRunState state = readRunState(folder, run);
        if (state.status == SweepRunState::Status::Done)
            ++done;
        else if (!needsRunning(state, options.retryFailed))
            ++failed;
        else
            toRun.push_back(run.index);
    }
    // The longest work first (its matrix products over its steps), so that a long group does
    // not start last and leave the other cores idle at the end; ties keep the plan's order.
    std::vector<std::pair<double, Group>> byWork;
    for (const std::vector<int>& indices : populationGroups(plan, toRun, options.population)) {
        std::pair<double, Group> entry { 0.0, {} };
        for (int index : indices) {
            const SweepRun& run = plan.runs[static_cast<size_t>(index)];
            entry.first
                += matmulFlopsPerStep(run.config) * static_cast<double>(run.config.iterations);
            entry.second.push_back(&run);
        }
        byWork.push_back(std::move(entry));
    }
    std::stable_sort(byWork.begin(), byWork.end(),
        [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<Group> queue;
    for (auto& [work, group] : byWork)
        queue.push_back(std::move(group));
    const int total = static_cast<int>(plan.runs.size());
    const bool terminal = isatty(STDERR_FILENO);
    std::fprintf(stderr, "sweep %s: %d runs, %d done, %d failed, %zu to run, %d at once%s\n",
        plan.name.c_str(), total, done, failed, toRun.size(), options.jobs,
        options.population > 1 ? (" (in " + std::to_string(queue.size()) + " populations of up to "
            + std::to_string(options.population) + ")")
                                     .c_str()
                               : "");

    struct Running {
        Group group;
        Clock::time_point start;
    };
    std::map<pid_t, Running> running;
    size_t next = 0;
    double finishedSeconds = 0.0;
    int finishedHere = 0;
    bool stopping = false;
    auto drawBar = [&] {
        if (!terminal)
            return;
        const double average = finishedHere ? finishedSeconds / finishedHere : NAN;
        const double remaining = static_cast<double>(queue.size() - next + running.size())
            * static_cast<double>(toRun.size())
            / static_cast<double>(std::max<size_t>(queue.size(), 1));
        const double eta = average * remaining / std::max(1, options.jobs);
        const int filled = total ? (done + failed) * kBarWidth / total : kBarWidth;
        std::string bar(static_cast<size_t>(filled), '#');
        bar.resize(kBarWidth, '.');
        std::fprintf(stderr, "\r[%s] %d/%d done, %zu running, %d failed, ETA %s ", bar.c_str(),
            done, total, running.size(), failed, clock(eta).c_str());
        std::fflush(stderr);
    };
    auto say = [&](const std::string& line) {
        std::fprintf(stderr, terminal ? "\r%-100s\n" : "%s\n", line.c_str());
    };
    while (next < queue.size() || !running.empty()) {
        if (interrupted && !stopping) {
            stopping = true;
            say("interrupted: asking the running runs to save; `run` again resumes them");
            for (const auto& [pid, r] : running)
                kill(pid, SIGINT);
        }
        while (
            !stopping && next < queue.size() && static_cast<int>(running.size()) < options.jobs) {
            const Group& group = queue[next++];
            for (const SweepRun* run : group)
                markRunning(folder, *run);
            running[startOrRecord(folder, group, options.blasThreads)] = { group, Clock::now() };
        }
        if (stopping)
            next = queue.size();
        int status = 0;
        const pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid > 0 && running.count(pid)) {
            const Running r = running[pid];
            running.erase(pid);
            const double seconds = std::chrono::duration<double>(Clock::now() - r.start).count();
            const std::vector<SweepRunState> states
                = groupEnded(folder, r.group, exitCodeOf(status), seconds);
            for (size_t m = 0; m < r.group.size(); ++m) {
                const SweepRun& run = *r.group[m];
                const double share = seconds / static_cast<double>(r.group.size());
                if (states[m].status == SweepRunState::Status::Done) {
                    ++done;
                    ++finishedHere;
                    finishedSeconds += share;
                    if (!terminal)
                        say("done " + std::to_string(done) + "/" + std::to_string(total) + ": "
                            + run.name + " (" + clock(share) + ")");
                } else if (states[m].status == SweepRunState::Status::Failed) {
                    ++failed;
                    say("failed: " + run.name + ": exit " + std::to_string(states[m].exitCode)
                        + ": " + states[m].message + " (log: " + folder.log(run).string() + ")");
                }
            }
            drawBar();
            continue;
        }
        drawBar();
        std::this_thread::sleep_for(kPollInterval);
    }
    if (terminal)
        std::fprintf(stderr, "\n");
    std::fprintf(stderr, "sweep %s: %d/%d done, %d failed%s\n", plan.name.c_str(), done, total,
        failed, stopping ? ", interrupted" : "");
    if (stopping)
        return kExitInterrupted;
    return failed ? kExitFailed : kExitOk;
}

} // namespace modescope::app
