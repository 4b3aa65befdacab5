#include "modescope/io/IdxFile.h"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <map>
#include <mutex>
#include <random>
#include <tuple>

#include "modescope/config/ConfigError.h"
#include "modescope/config/InputFile.h"

namespace modescope
{

namespace fs = std::filesystem;

namespace
{
constexpr unsigned char kUnsignedByte = 0x08;
constexpr int kMaxDimensions = 4;

std::uint32_t bigEndian(const std::string& bytes, std::size_t at)
{
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i)
        value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    return value;
}
} // namespace

IdxArray parseIdx(const std::string& bytes, const std::string& source, std::size_t maxValues)
{
    const auto refuse = [&source](const std::string& why) {
        return ConfigError(source + ": not an IDX file of bytes (" + why + ")");
    };
    if (bytes.size() < 4 || bytes[0] != 0 || bytes[1] != 0)
        throw refuse("it does not begin with the IDX magic number 00 00 08 0N");
    if (static_cast<unsigned char>(bytes[2]) != kUnsignedByte)
        throw refuse("element type " + std::to_string(static_cast<unsigned char>(bytes[2]))
            + ", where images and labels are unsigned bytes, type 8");
    const int dimensions = static_cast<unsigned char>(bytes[3]);
    if (dimensions < 1 || dimensions > kMaxDimensions)
        throw refuse(std::to_string(dimensions) + " dimensions, where 1 to 4 are read");
    const std::size_t header = 4 + 4 * static_cast<std::size_t>(dimensions);
    if (bytes.size() < header)
        throw refuse("it ends inside its sizes");
    IdxArray array;
    std::size_t values = 1;
    for (int d = 0; d < dimensions; ++d) {
        const std::uint32_t size = bigEndian(bytes, 4 + 4 * static_cast<std::size_t>(d));
        if (size == 0)
            throw refuse("dimension " + std::to_string(d + 1) + " has size 0");
        if (size > maxValues / values)
            throw refuse("its sizes make more than " + std::to_string(maxValues) + " values");
        values *= size;
        array.sizes.push_back(size);
    }
    if (bytes.size() - header != values)
        throw refuse("its sizes make " + std::to_string(values) + " values, and "
            + std::to_string(bytes.size() - header) + " bytes follow them: "
            + (bytes.size() - header < values ? "truncated" : "more than it says"));
    array.values.assign(bytes.begin() + static_cast<std::ptrdiff_t>(header), bytes.end());
    return array;
}

std::string gunzip(const std::string& packed, const std::string& source, std::size_t maxBytes)
{
    z_stream stream {};
    if (inflateInit2(&stream, 15 + 16) != Z_OK) // 16: a gzip header, not zlib's
        throw ConfigError(source + ": cannot be unpacked (zlib did not start)");
    std::string out;
    std::string chunk(std::size_t(1) << 16, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    stream.avail_in = static_cast<uInt>(packed.size());
    int status = Z_OK;
    std::string why;
    while (why.empty()) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
        stream.avail_out = static_cast<uInt>(chunk.size());
        status = inflate(&stream, Z_NO_FLUSH);
        const std::size_t produced = chunk.size() - stream.avail_out;
        if (out.size() + produced > maxBytes) {
            why = "it unpacks to more than " + std::to_string(maxBytes) + " bytes";
            break;
        }
        out.append(chunk.data(), produced);
        if (status == Z_STREAM_END) {
            if (stream.avail_in == 0)
                break;
            inflateReset(&stream); // another gzip member follows (as `cat a.gz b.gz` makes)
            continue;
        }
        if (status == Z_OK)
            continue;
        if (status == Z_BUF_ERROR && stream.avail_in == 0)
            why = "it is truncated";
        else
            why = std::string("damaged: ") + (stream.msg ? stream.msg : "zlib error");
    }
    inflateEnd(&stream);
    if (!why.empty())
        throw ConfigError(source + ": cannot be unpacked (" + why + ")");
    return out;
}

std::string readMaybeGzipped(const fs::path& file, std::size_t maxBytes)
{
    std::string bytes = readInputFile(file, maxBytes); // packed, it is smaller
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f
        && static_cast<unsigned char>(bytes[1]) == 0x8b)
        return gunzip(bytes, file.string(), maxBytes);
    return bytes;
}

ImageSet readImageSet(const fs::path& images, const fs::path& labels)
{
    const IdxArray pictures = parseIdx(readMaybeGzipped(images, kMaxIdxBytes), images.string());
    const IdxArray classes = parseIdx(readMaybeGzipped(labels, kMaxIdxBytes), labels.string());
    if (pictures.sizes.size() != 3)
        throw ConfigError(images.string() + ": holds " + std::to_string(pictures.sizes.size())
            + "-dimensional data, where images are 3-dimensional (count, rows, columns)");
    if (classes.sizes.size() != 1)
        throw ConfigError(labels.string() + ": holds " + std::to_string(classes.sizes.size())
            + "-dimensional data, where labels are 1-dimensional (count)");
    if (pictures.sizes[0] != classes.sizes[0])
        throw ConfigError(images.string() + " holds " + std::to_string(pictures.sizes[0])
            + " images and " + labels.string() + " " + std::to_string(classes.sizes[0])
            + " labels: they are not each other's");
    ImageSet set;
    set.rows = static_cast<int>(pictures.sizes[1]);
    set.cols = static_cast<int>(pictures.sizes[2]);
    set.pixels = pictures.values;
    set.labels = classes.values;
    set.classes = 1 + *std::max_element(set.labels.begin(), set.labels.end());
    return set;
}

namespace
{
// What identifies a file's content cheaply: where it is, its size, when it last changed.
using FileStamp = std::tuple<std::string, std::uintmax_t, long long>;

FileStamp stampOf(const fs::path& file)
{
    std::error_code ec;
    const fs::path where = fs::weakly_canonical(file, ec);
    const std::uintmax_t size = fs::file_size(file, ec);
    const auto changed = fs::last_write_time(file, ec);
    return { (ec ? file : where).string(), ec ? 0 : size,
        ec ? 0 : static_cast<long long>(changed.time_since_epoch().count()) };
}
} // namespace

std::shared_ptr<const ImageSet> sharedImageSet(const fs::path& images, const fs::path& labels)
{
    static std::mutex mutex;
    static std::map<std::pair<FileStamp, FileStamp>, std::weak_ptr<const ImageSet>> sets;
    const auto key = std::make_pair(stampOf(images), stampOf(labels));
    std::lock_guard<std::mutex> lock(mutex);
    if (auto kept = sets[key].lock())
        return kept;
    auto set = std::make_shared<const ImageSet>(readImageSet(images, labels));
    sets[key] = set; // weak: the set goes when its last user does
    return set;
}

StackedSet stackImages(const ImageSet& set, std::size_t count, std::uint64_t seed)
{
    StackedSet stacked;
    stacked.rows = set.rows;
    stacked.cols = set.cols;
    stacked.classes = set.classes * set.classes * set.classes;
    if (set.count() == 0)
        return stacked;
    const auto size = static_cast<std::size_t>(set.rows) * static_cast<std::size_t>(set.cols);
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, set.count() - 1);
    stacked.pixels.reserve(count * 3 * size);
    stacked.labels.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        int label = 0;
        for (int channel = 0; channel < 3; ++channel) {
            const std::size_t image = pick(rng);
            const auto first = set.pixels.begin() + static_cast<std::ptrdiff_t>(image * size);
            stacked.pixels.insert(
                stacked.pixels.end(), first, first + static_cast<std::ptrdiff_t>(size));
            label = label * set.classes + set.labels[image];
        }
        stacked.labels.push_back(label);
    }
    return stacked;
}

} // namespace modescope
