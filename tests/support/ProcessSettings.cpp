// What `main` sets for the whole process in the programs, set here for every test that trains:
// the tests then train as the programs do (one LibTorch thread beside OpenBLAS's).
#include "modescope/machine/TorchThreads.h"

namespace
{
const bool kOneTorchThread = (modescope::useOneTorchThread(), true);
} // namespace
