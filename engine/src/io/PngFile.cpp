#include "modescope/io/PngFile.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "modescope/io/AtomicFile.h"

namespace modescope
{

namespace
{

void putBigEndian(std::string& out, std::uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((value >> shift) & 0xFF));
}

// A chunk: its length, its type, its data and the CRC-32 of type and data.
void putChunk(std::string& out, const char* type, const std::string& data)
{
    putBigEndian(out, static_cast<std::uint32_t>(data.size()));
    const std::string typed = std::string(type, 4) + data;
    out += typed;
    const auto crc
        = crc32(0L, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size()));
    putBigEndian(out, static_cast<std::uint32_t>(crc));
}

} // namespace

std::string encodePng(const std::vector<std::uint8_t>& pixels, int width, int height, int channels)
{
    if (width < 1 || height < 1 || (channels != 1 && channels != 3))
        throw std::invalid_argument("encodePng: a PNG is at least 1 x 1, grey or RGB");
    const auto stride = static_cast<std::size_t>(width) * static_cast<std::size_t>(channels);
    if (pixels.size() != stride * static_cast<std::size_t>(height))
        throw std::invalid_argument("encodePng: the pixels are not width x height x channels");
    // Every scanline begins with its filter type: 0, none.
    std::string raw;
    raw.reserve((stride + 1) * static_cast<std::size_t>(height));
    for (int y = 0; y < height; ++y) {
        raw.push_back('\0');
        raw.append(reinterpret_cast<const char*>(pixels.data()) + stride * y, stride);
    }
    uLongf packedSize = compressBound(static_cast<uLong>(raw.size()));
    std::string packed(packedSize, '\0');
    if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packedSize,
            reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()), 6)
        != Z_OK)
        throw std::runtime_error("encodePng: zlib could not compress the image");
    packed.resize(packedSize);

    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string header;
    putBigEndian(header, static_cast<std::uint32_t>(width));
    putBigEndian(header, static_cast<std::uint32_t>(height));
    header.push_back(8); // bits per sample
    header.push_back(channels == 1 ? 0 : 2); // colour type: grey, or RGB
    header.append(3, '\0'); // compression, filter and interlace methods: the only ones
    putChunk(png, "IHDR", header);
    putChunk(png, "IDAT", packed);
    putChunk(png, "IEND", {});
    return png;
}

void writePng(const std::filesystem::path& file, const std::vector<std::uint8_t>& pixels, int width,
    int height, int channels)
{
    writeFileAtomically(file, encodePng(pixels, width, height, channels));
}

ImageGrid tileImages(const std::vector<float>& images, std::size_t count, int rows, int cols,
    int perRow, int gap, int channels)
{
    ImageGrid grid;
    if (count == 0 || rows < 1 || cols < 1 || perRow < 1 || gap < 0)
        return grid;
    if (channels != 1 && channels != 3)
        throw std::invalid_argument("tileImages: 1 or 3 channels");
    const auto plane = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
    const auto bytes = static_cast<std::size_t>(channels);
    const std::size_t size = plane * bytes;
    if (images.size() < count * size)
        throw std::invalid_argument("tileImages: fewer pixels than images");
    const int across
        = static_cast<int>(std::min<std::size_t>(count, static_cast<std::size_t>(perRow)));
    const int down = static_cast<int>(
        (count + static_cast<std::size_t>(perRow) - 1) / static_cast<std::size_t>(perRow));
    grid.width = across * (cols + gap) + gap;
    grid.height = down * (rows + gap) + gap;
    grid.channels = channels;
    grid.pixels.assign(
        static_cast<std::size_t>(grid.width) * static_cast<std::size_t>(grid.height) * bytes, 255);
    for (std::size_t i = 0; i < count; ++i) {
        const int left
            = gap + static_cast<int>(i % static_cast<std::size_t>(perRow)) * (cols + gap);
        const int top = gap + static_cast<int>(i / static_cast<std::size_t>(perRow)) * (rows + gap);
        for (std::size_t channel = 0; channel < bytes; ++channel)
            for (int r = 0; r < rows; ++r)
                for (int c = 0; c < cols; ++c) {
                    const float v = images[i * size + channel * plane
                        + static_cast<std::size_t>(r * cols + c)];
                    const float ink = std::isfinite(v) ? std::clamp(v, 0.0f, 1.0f) : 0.0f;
                    const std::size_t at
                        = static_cast<std::size_t>(top + r) * static_cast<std::size_t>(grid.width)
                        + static_cast<std::size_t>(left + c);
                    grid.pixels[at * bytes + channel]
                        = static_cast<std::uint8_t>(std::lround(255.0f * (1.0f - ink)));
                }
    }
    return grid;
}

} // namespace modescope
