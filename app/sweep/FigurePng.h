#pragma once

#include <filesystem>
#include <string>

#include "modescope/sweep/SweepFigure.h"

namespace modescope::app
{

// Rasterises a figure to a PNG file through OpenCV (written under a temporary name and
// renamed). Returns an empty string on success, else the reason.
std::string writeFigurePng(const Figure& figure, const std::filesystem::path& file);

} // namespace modescope::app
