#include "modescope/config/InputFile.h"

#include <fstream>
#include <sstream>

#include "modescope/config/ConfigError.h"

namespace modescope
{

namespace fs = std::filesystem;

void checkInputFile(const fs::path& file, std::uintmax_t maxBytes)
{
    std::error_code ec;
    const fs::file_status status = fs::status(file, ec);
    const std::string name = file.string();
    if (!fs::exists(status))
        throw ConfigError(name + ": no such file");
    if (fs::is_directory(status))
        throw ConfigError(name + ": is a folder, not a file");
    if (!fs::is_regular_file(status))
        throw ConfigError(name + ": is not a regular file (a device or a pipe?)");
    const std::uintmax_t size = fs::file_size(file, ec);
    if (ec)
        throw ConfigError(name + ": cannot be read (" + ec.message() + ")");
    if (size > maxBytes)
        throw ConfigError(name + ": is " + std::to_string(size) + " bytes, more than the "
            + std::to_string(maxBytes) + " this file may have");
    std::ifstream probe(file, std::ios::binary);
    if (!probe)
        throw ConfigError(name + ": cannot be read (no permission?)");
}

std::string readInputFile(const fs::path& file, std::uintmax_t maxBytes)
{
    checkInputFile(file, maxBytes);
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        throw ConfigError(file.string() + ": cannot be read (I/O error)");
    return text.str();
}

} // namespace modescope
