// Precompiled header for the engine's torch translation units: torch/torch.h costs ~15 s per file.
#pragma once
#include <torch/torch.h>
