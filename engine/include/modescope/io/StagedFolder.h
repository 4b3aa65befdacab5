#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace modescope
{

// A folder replaced whole, so that a process killed at any moment leaves the old folder or the
// new one, never a mix of the two (a new config.json beside an old checkpoint would not open).
// A save writes everything into stage(), a hidden folder beside the target; commit() carries
// over what the stage lacks of the old folder (figures exported there, notes of the user's),
// as hard links, then swaps stage and target in one step (renameat2's RENAME_EXCHANGE). The
// old folder, now under the stage's name, is removed when the StagedFolder goes.
//
// Where no stage can be made beside the target (a parent one may not write to) stage() is the
// target itself and commit() does nothing: each file is still replaced atomically, the folder
// as a whole is not. On a file system without RENAME_EXCHANGE (NFS) commit() moves the stage's
// entries into the target one by one: each atomic, the folder again not.
class StagedFolder
{
public:
    // Creates the stage (and the target's parent folders), first removing stages that a killed
    // save left beside `target`. Throws IoError naming the folder.
    explicit StagedFolder(std::filesystem::path target);
    ~StagedFolder();
    StagedFolder(const StagedFolder&) = delete;
    StagedFolder& operator=(const StagedFolder&) = delete;

    const std::filesystem::path& target() const { return m_target; }
    const std::filesystem::path& stage() const { return m_stage; }
    bool staged() const { return m_stage != m_target; }

    // `skip(relative)`: an entry of the old folder not to carry over (a replaced comparison's
    // lanes that the new one does not have). Throws IoError naming the target; the target is
    // then as it was.
    void commit(const std::function<bool(const std::filesystem::path& relative)>& skip = {});

    // The path in the target of something written into the stage (for messages).
    std::filesystem::path inTarget(const std::filesystem::path& staged) const;

    // The names of `target`'s stages begin with this (".run.saving-<host>-"), then
    // "<pid>-<n>": a stage of this machine whose process is gone is removed by the next save.
    static std::string stagePrefix(const std::filesystem::path& target);

private:
    std::filesystem::path m_target;
    std::filesystem::path m_stage;
    bool m_committed = false;
};

} // namespace modescope
