#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace modescope
{

// Image data sets in IDX files, the format of MNIST and Fashion-MNIST (Debian's
// dataset-fashion-mnist installs them gzip'd under /usr/share/datasets/fashion-mnist/).

// The largest IDX file read, unpacked (bytes): Fashion-MNIST's training images are 47 MB.
inline constexpr std::size_t kMaxIdxBytes = std::size_t(1) << 30;

// An IDX array of unsigned bytes: its sizes, outermost first, and its values in row-major order.
struct IdxArray {
    std::vector<std::uint32_t> sizes;
    std::vector<std::uint8_t> values;
};

// Parses IDX bytes: two zero bytes, the element type (0x08, unsigned byte: the only one image
// sets use), the number of dimensions (1 to 4), each size as a big-endian 32-bit number, then
// the values. Refuses with a ConfigError naming `source` another beginning, another type, a
// size of 0, sizes whose product exceeds `maxValues`, and values that are fewer or more than
// the sizes say (a truncated or padded file).
IdxArray parseIdx(
    const std::string& bytes, const std::string& source, std::size_t maxValues = kMaxIdxBytes);

// Unpacks gzip'd bytes (one or more members), refusing with a ConfigError naming `source` a
// damaged or truncated stream and one that unpacks to more than `maxBytes`.
std::string gunzip(const std::string& packed, const std::string& source, std::size_t maxBytes);

// The bytes of `file`, unpacked when they are gzip'd (they begin 1f 8b). ConfigError naming it.
std::string readMaybeGzipped(const std::filesystem::path& file, std::size_t maxBytes);

// Images and their labels, as an IDX image file (3 dimensions: count, rows, columns) and its
// label file (1 dimension: count) hold them.
struct ImageSet {
    int rows = 0;
    int cols = 0;
    std::vector<std::uint8_t> pixels; // count x rows x cols, 0 (background) to 255
    std::vector<std::uint8_t> labels; // count, each below `classes`
    int classes = 0; // the largest label + 1
    std::size_t count() const { return labels.size(); }
};

// Reads both files (gzip'd or not). Refuses with a ConfigError naming the file an image file
// that is not 3-dimensional, a label file that is not 1-dimensional, and counts that disagree
// (naming both).
ImageSet readImageSet(const std::filesystem::path& images, const std::filesystem::path& labels);

// readImageSet, read once per process: lanes and population members that train on the same
// files share one copy (Fashion-MNIST's training set is 47 MB). A file changed since (its size
// or modification time) is read again. Thread-safe.
std::shared_ptr<const ImageSet> sharedImageSet(
    const std::filesystem::path& images, const std::filesystem::path& labels);

// Stacked images, the papers' Stacked MNIST built from any set: each image is three of the
// set's, drawn at random (seeded), one in each channel; its class the three labels read as one
// number in base `classes` (1000 classes from 10).
struct StackedSet {
    int rows = 0;
    int cols = 0;
    int classes = 0; // set.classes cubed
    std::vector<std::uint8_t> pixels; // count x 3 x rows x cols
    std::vector<int> labels; // count: label0 * C * C + label1 * C + label2
    std::size_t count() const { return labels.size(); }
};
StackedSet stackImages(const ImageSet& set, std::size_t count, std::uint64_t seed);

} // namespace modescope
