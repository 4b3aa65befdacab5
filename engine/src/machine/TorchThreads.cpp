#include "modescope/machine/TorchThreads.h"

#include <ATen/Parallel.h>

#include <cstdlib>

namespace modescope
{

void useOneTorchThread()
{
    if (!std::getenv("OMP_NUM_THREADS"))
        at::set_num_threads(1);
}

} // namespace modescope
