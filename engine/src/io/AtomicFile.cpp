#include "modescope/io/AtomicFile.h"

#include <fstream>

#include "modescope/config/ConfigError.h"

namespace modescope
{

namespace fs = std::filesystem;

fs::path partialPath(const fs::path& file)
{
    return file.parent_path() / (file.stem().string() + ".partial" + file.extension().string());
}

void replaceFileAtomically(
    const fs::path& file, const std::function<bool(const fs::path& temporary)>& writeTemporary)
{
    const fs::path temporary = partialPath(file);
    std::error_code ec;
    std::string why;
    try {
        if (!writeTemporary(temporary) || !fs::is_regular_file(temporary, ec))
            why = "the write failed";
    } catch (const std::exception& e) {
        why = e.what();
    }
    if (why.empty()) {
        fs::rename(temporary, file, ec);
        if (!ec)
            return;
        why = "cannot replace it: " + ec.message();
    }
    fs::remove(temporary, ec);
    throw IoError(file.string() + ": cannot be written (" + why + ")");
}

void writeFileAtomically(const fs::path& file, const std::string& text)
{
    replaceFileAtomically(file, [&text](const fs::path& temporary) {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        return static_cast<bool>(out);
    });
}

} // namespace modescope
