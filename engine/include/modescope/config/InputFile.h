#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace modescope
{

// The largest preset or config.json read (bytes): a real one is a few kilobytes.
inline constexpr std::uintmax_t kMaxConfigBytes = 1u << 20;
// The largest metrics.csv read (bytes): ~5 million rows, days of logging.
inline constexpr std::uintmax_t kMaxMetricsBytes = 1u << 30;

// Checks that `file` is a regular file of at most `maxBytes` that can be opened: a folder, a
// device (/dev/zero), a missing file or a huge one is refused. Throws ConfigError naming it.
void checkInputFile(const std::filesystem::path& file, std::uintmax_t maxBytes);

// checkInputFile, then the whole content. Throws ConfigError naming the file.
std::string readInputFile(const std::filesystem::path& file, std::uintmax_t maxBytes);

} // namespace modescope
