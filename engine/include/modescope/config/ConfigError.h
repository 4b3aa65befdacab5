#pragma once

#include <stdexcept>
#include <string>

namespace modescope
{

// Bad input from a user: a preset, a flag, a run folder. The message names the field or file
// and is meant to be shown as it is.
class ConfigError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// A training run that cannot go on because a loss became non-finite.
class TrainingError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// A file that cannot be written, or a resource (memory, disk) that ran out during a run. The
// message names the file or the resource.
class IoError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace modescope
