#pragma once

#include <string>

#include "modescope/config/TrainConfig.h"

namespace modescope
{

// Measured single-precision matrix-product speed on the device, in GFLOP/s, for products of
// an [m, inner] by an [inner, n] matrix, run for about `seconds` after a warm-up. Large square
// products give the ceiling any step made of matrix products can reach; the step's own shapes
// (a few hundred rows by 128) show how far below it small products stay.
double measureMatmulGflops(DeviceChoice device, int m, int inner, int n, double seconds = 1.0);

// The intra-op threads LibTorch uses in this process (for benchmark reports).
int computeThreads();

} // namespace modescope
