#pragma once

#include <cstdint>
#include <string>

#include "modescope/config/TrainConfig.h"

namespace modescope
{

// What a run needs in memory, in bytes, estimated from its shapes (an upper-side estimate:
// what the tensors hold, not what the allocator keeps around them).
struct MemoryEstimate {
    double parameters = 0; // G and D weights with their gradients, Adam moments, a checkpoint copy
    double step = 0; // one training step's activations and their gradients
    double evaluation = 0; // `samples` per generator through G, the metrics' host copies
    double total() const { return parameters + (step > evaluation ? step : evaluation); }
};

MemoryEstimate estimateMemory(const TrainConfig& config);

// This machine's physical memory in bytes (0 when unknown).
double physicalMemoryBytes();

// The share of physical memory a run may plan to use: the window, the OS and other runs need
// the rest.
inline constexpr double kMaxMemoryShare = 0.75;

// An empty string when the run fits in kMaxMemoryShare of `availableBytes`; otherwise the reason,
// with the estimate, naming the settings to lower.
std::string memoryRefusal(const TrainConfig& config, double availableBytes);

} // namespace modescope
