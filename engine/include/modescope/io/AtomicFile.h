#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace modescope
{

// The one way ModeScope replaces a file: write a temporary beside it, then rename it over the
// file, so a crash or a failed write never leaves a half-written file under the final name and
// never spoils the earlier one. On failure the temporary is removed.

// The temporary's name: "name.partial.ext" in the same folder (the extension stays last, as
// writers that choose their format by extension need).
std::filesystem::path partialPath(const std::filesystem::path& file);

// Calls `writeTemporary` with the temporary's path; it writes the whole file there and throws
// (any exception) or returns false on failure. Then renames it over `file`. Throws IoError
// naming `file` when writing or renaming fails.
void replaceFileAtomically(const std::filesystem::path& file,
    const std::function<bool(const std::filesystem::path& temporary)>& writeTemporary);

// Writes `text` to `file` the same way. Throws IoError.
void writeFileAtomically(const std::filesystem::path& file, const std::string& text);

} // namespace modescope
