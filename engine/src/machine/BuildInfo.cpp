#include "modescope/machine/BuildInfo.h"

#include <torch/version.h>

namespace modescope
{

std::string torchVersion()
{
    return TORCH_VERSION;
}

} // namespace modescope
