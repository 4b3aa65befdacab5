#include "modescope/io/StagedFolder.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <string>
#include <unistd.h>
#include <vector>

#include "modescope/config/ConfigError.h"

namespace modescope
{

namespace fs = std::filesystem;

namespace
{

// ".run.saving-<host>-": a stage names the machine and process that writes it, so that only
// this machine's dead processes' stages are ever removed (a shared home seen from two hosts).
std::string prefixOf(const fs::path& target)
{
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0')
        std::strcpy(host, "host");
    for (char* c = host; *c; ++c)
        if (*c == '/' || *c == '-')
            *c = '_';
    return "." + target.filename().string() + ".saving-" + host + "-";
}

// This machine's stages of processes that are gone (a save killed before or after its swap):
// either way the stage holds nothing the target lacks (carried files are links), so it goes.
// Only names that are exactly a stage's (<prefix><pid>-<n>) are touched.
void removeStaleStages(const fs::path& target)
{
    std::error_code ec;
    const std::string prefix = prefixOf(target);
    for (fs::directory_iterator it(target.parent_path(), ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0)
            continue;
        const std::string rest = name.substr(prefix.size());
        const std::size_t dash = rest.find('-');
        const auto digits = [](const std::string& text) {
            return !text.empty() && text.size() <= 18
                && text.find_first_not_of("0123456789") == std::string::npos;
        };
        if (dash == std::string::npos || !digits(rest.substr(0, dash))
            || !digits(rest.substr(dash + 1)))
            continue; // not a stage: a user's folder that only looks like one
        const long long pid = std::stoll(rest.substr(0, dash));
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
    }
}

// True when `dir` is a mount point (its device differs from its parent's): it cannot be swapped.
bool isMountPoint(const fs::path& dir)
{
    struct stat own {
    };
    struct stat above {
    };
    return ::stat(dir.c_str(), &own) == 0 && ::stat(dir.parent_path().c_str(), &above) == 0
        && own.st_dev != above.st_dev;
}

// Links (or copies) into `stage` every entry of `old` the stage does not hold.
void carryOver(const fs::path& old, const fs::path& stage, const fs::path& relative,
    const std::function<bool(const fs::path&)>& skip)
{
    std::error_code ec;
    for (fs::directory_iterator it(old / relative, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path entry = relative / it->path().filename();
        if (skip && skip(entry))
            continue;
        const fs::path into = stage / entry;
        const fs::file_status status = it->symlink_status();
        std::error_code exists;
        if (fs::is_directory(status)) {
            if (fs::is_symlink(fs::symlink_status(into, exists)))
                continue;
            if (!fs::exists(into, exists))
                fs::create_directory(into, it->path()); // its permissions too
            if (fs::is_directory(into))
                carryOver(old, stage, entry, skip);
            continue;
        }
        if (fs::exists(fs::symlink_status(into, exists)))
            continue; // the new folder's own file
        if (fs::is_symlink(status)) {
            fs::copy_symlink(it->path(), into);
            continue;
        }
        std::error_code linked;
        fs::create_hard_link(it->path(), into, linked);
        if (linked)
            fs::copy_file(it->path(), into);
    }
    if (ec)
        throw fs::filesystem_error("cannot list", old / relative, ec);
}

bool exchange(const fs::path& a, const fs::path& b, int& error)
{
    if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0)
        return true;
    error = errno;
    return false;
}

} // namespace

StagedFolder::StagedFolder(fs::path target)
    : m_target(std::move(target))
{
    std::error_code ec;
    m_target = fs::absolute(m_target, ec).lexically_normal();
    if (m_target.filename().empty()) // "dir/": the link check below needs the name itself
        m_target = m_target.parent_path();
    // A link to a folder is saved through: the folder it names is replaced, the link stays.
    if (fs::is_symlink(m_target, ec)) {
        const fs::path real = fs::canonical(m_target, ec);
        if (!ec)
            m_target = real;
    }
    const fs::path parent = m_target.parent_path();
    fs::create_directories(parent, ec);
    if (ec)
        throw IoError(parent.string() + ": cannot be created (" + ec.message() + ")");
    removeStaleStages(m_target);
    static std::atomic<int> count { 0 };
    m_stage = parent
        / (prefixOf(m_target) + std::to_string(::getpid()) + "-" + std::to_string(++count));
    // A mount point cannot be swapped (and its stage would be on another file system), nor can
    // a folder whose parent we may not write to: those are saved into file by file.
    const bool exists = fs::is_directory(m_target, ec);
    if (exists && isMountPoint(m_target))
        m_stage = m_target;
    else if (!fs::create_directory(m_stage, ec) || ec)
        m_stage = m_target;
    else if (exists) // the new folder keeps the old one's permissions (0700 stays private)
        fs::permissions(m_stage, fs::status(m_target, ec).permissions(), ec);
    if (!staged()) {
        fs::create_directories(m_target, ec);
        if (ec)
            throw IoError(m_target.string() + ": cannot be created (" + ec.message() + ")");
    }
}

StagedFolder::~StagedFolder()
{
    if (!staged())
        return;
    std::error_code ec;
    fs::remove_all(m_stage, ec); // the old folder after a commit, the unfinished new one before
}

std::string StagedFolder::stagePrefix(const fs::path& target)
{
    return prefixOf(target);
}

fs::path StagedFolder::inTarget(const fs::path& staged) const
{
    const fs::path relative = staged.lexically_relative(m_stage);
    return relative.empty() || *relative.begin() == ".." ? staged : m_target / relative;
}

void StagedFolder::commit(const std::function<bool(const fs::path&)>& skip)
{
    if (!staged() || m_committed)
        return;
    std::error_code ec;
    try {
        if (fs::is_directory(m_target, ec))
            carryOver(m_target, m_stage, {}, skip);
    } catch (const fs::filesystem_error& e) {
        throw IoError(m_target.string() + ": cannot be saved (" + e.what() + ")");
    }
    int error = 0;
    if (!fs::exists(m_target, ec)) {
        fs::rename(m_stage, m_target, ec);
        if (ec)
            throw IoError(m_target.string() + ": cannot be saved (" + ec.message() + ")");
        m_stage = m_target; // nothing old to remove
        m_committed = true;
        return;
    }
    if (exchange(m_stage, m_target, error)) {
        m_committed = true;
        return;
    }
    if (error != EINVAL && error != ENOSYS && error != ENOTSUP && error != EXDEV && error != EBUSY)
        throw IoError(m_target.string() + ": cannot be saved (" + std::strerror(error) + ")");
    // No exchange on this file system: the stage's entries one by one, each atomically.
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(m_stage, ec), end; !ec && it != end; it.increment(ec))
        entries.push_back(it->path());
    for (const fs::path& entry : entries) {
        const fs::path into = m_target / entry.filename();
        std::error_code gone;
        if (fs::is_directory(fs::symlink_status(entry, gone)))
            fs::remove_all(into, gone);
        std::error_code moved;
        fs::rename(entry, into, moved);
        if (moved)
            throw IoError(into.string() + ": cannot be saved (" + moved.message() + ")");
    }
    m_committed = true;
}

} // namespace modescope
