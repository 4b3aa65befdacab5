#include "shared/CommandLine.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "modescope/config/ConfigError.h"

namespace modescope::app
{

namespace
{
std::string shown(const std::string& text)
{
    return "\"" + text.substr(0, 40) + (text.size() > 40 ? "...\"" : "\"");
}

template <typename T> std::string str(T v)
{
    std::ostringstream out;
    out << v;
    return out.str();
}
} // namespace

long long wholeArgument(
    const std::string& flag, const std::string& text, long long min, long long max)
{
    const std::string range = "a whole number from " + str(min) + " to " + str(max);
    if (text.empty())
        throw ConfigError(flag + ": needs a value (" + range + ")");
    errno = 0;
    char* end = nullptr;
    const long long value = std::strtoll(text.c_str(), &end, 10);
    if (end != text.c_str() + text.size())
        throw ConfigError(flag + ": must be " + range + ", got " + shown(text));
    if (errno == ERANGE || value < min || value > max)
        throw ConfigError(flag + ": " + shown(text) + " is out of range: must be " + range);
    return value;
}

double realArgument(const std::string& flag, const std::string& text, double min, double max)
{
    const std::string range = "a number from " + str(min) + " to " + str(max);
    if (text.empty())
        throw ConfigError(flag + ": needs a value (" + range + ")");
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(value))
        throw ConfigError(flag + ": must be " + range + ", got " + shown(text));
    if (value < min || value > max)
        throw ConfigError(flag + ": " + shown(text) + " is out of range: must be " + range);
    return value;
}

} // namespace modescope::app
