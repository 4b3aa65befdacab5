#pragma once

namespace modescope
{

// A step's tensors are small, and OpenBLAS runs its own threads for the products: a second
// pool of LibTorch intra-op threads only fights it (paper-1d madgan k=4 on two cores: 99-119
// steps/s with one intra-op thread, 44-48 with two). Process-wide, so `main` calls it once,
// before the first Trainer. A user's OMP_NUM_THREADS stands.
void useOneTorchThread();

} // namespace modescope
