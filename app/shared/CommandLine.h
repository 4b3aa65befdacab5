#pragma once

#include <string>

namespace modescope::app
{

// Strict readers of command-line values, shared by both executables. A value must be the whole
// text (no trailing junk, no empty string) and lie within [min, max]; otherwise ConfigError
// names the flag and the accepted range. Nothing wraps: "-1" is not a huge unsigned number.
long long wholeArgument(
    const std::string& flag, const std::string& text, long long min, long long max);
double realArgument(const std::string& flag, const std::string& text, double min, double max);

} // namespace modescope::app
