#pragma once

#include <string>

namespace modescope
{

// The LibTorch version the engine was compiled against, e.g. "1.13.1" (for the About box).
std::string torchVersion();

} // namespace modescope
