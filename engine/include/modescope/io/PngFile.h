#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace modescope
{

// PNG files without a drawing library (the engine has none): 8-bit grey or RGB, one IDAT
// chunk compressed with zlib, no filters. For a run folder's image samples (issue 25).

// The bytes of a PNG of width x height pixels; `pixels` holds height rows of width x channels
// bytes (channels 1: grey, 3: RGB). std::invalid_argument when the sizes disagree.
std::string encodePng(
    const std::vector<std::uint8_t>& pixels, int width, int height, int channels = 1);

// encodePng written through the one atomic write (AtomicFile.h): IoError naming the file.
void writePng(const std::filesystem::path& file, const std::vector<std::uint8_t>& pixels, int width,
    int height, int channels = 1);

// Images of rows x cols pixels in [0, 1] (one after another, `count` of them) laid out as a
// grid of `perRow` columns with a `gap`-pixel white border between and around them, as grey
// bytes (0 black); the grid is (gap + cols) * perRow + gap wide. Dark pixels show ink, as the
// data sets draw it: value 1 is drawn black. With `channels` 3 each image is three rows x cols
// planes (a stacked image) and the grid is RGB, each plane inverted into its own colour byte:
// plane 0's ink is cyan, plane 1's magenta, plane 2's yellow, and all three together black.
struct ImageGrid {
    int width = 0;
    int height = 0;
    int channels = 1; // bytes a pixel: 1 grey, 3 RGB
    std::vector<std::uint8_t> pixels;
};
ImageGrid tileImages(const std::vector<float>& images, std::size_t count, int rows, int cols,
    int perRow, int gap = 2, int channels = 1);

} // namespace modescope
