#pragma once

#include "modescope/config/TrainConfig.h"

namespace modescope
{

// Floating-point work of one training step in matrix products (2 per multiply-add), as the
// Trainer does it: one generator forward of k*B samples for both phases; the D phase's forward
// and backward over (k+1)*B samples (weight gradients, and input gradients below the first
// layer); the G phase's D forward and input backward over k*B samples (D frozen: no weight
// gradients) and the generators' backward (a shared trunk once, not k times); the Sim pairs'
// batched product when it is on. A sample is the data's dimension wide (an image: its pixels),
// as G's output and D's input.
// Element-wise work (activations, losses, Adam) is left out: it is small beside the products.
double matmulFlopsPerStep(const TrainConfig& config);

} // namespace modescope
