// libFuzzer harness for the readers of user files: presets / config.json, metrics.csv,
// samples.csv, a comparison's compare.json and IDX image files (gzip'd or not).
//
// Input layout: byte 0 'I' reads the rest as an IDX file (unpacked first when it begins with
// gzip's 1f 8b, to at most 1 MiB); any other byte 0 chooses the reader by its value modulo 3,
// so corpus files stay readable:
//   'J' (2)  configFromJson on the rest of the input
//   'C' (1)  readMetrics on the input after byte 1, for 1 + (byte 1 % 8) generators
//            ('0' is 1 generator, '1' is 2, ... '7' is 8); with byte 1's high bit set,
//            readSamples (samples.csv) instead, in 1 + (byte 1 bit 3) dimensions
//   'K' (0)  comparisonFromJson on the rest of the input
// The contract: a reader returns or throws ConfigError. Anything else (another exception, a
// crash, a sanitizer finding) is a bug, and __builtin_trap() makes libFuzzer report it.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <sstream>
#include <string>
#include <typeinfo>

#include "modescope/config/ConfigError.h"
#include "modescope/config/ConfigJson.h"
#include "modescope/io/ComparisonFolder.h"
#include "modescope/io/IdxFile.h"
#include "modescope/io/RunFolder.h"

namespace
{

constexpr int kMaxGenerators = 8; // generator counts tried for metrics.csv: 1..8
constexpr std::size_t kMaxIdxFuzzBytes = std::size_t(1) << 20; // keeps each input fast

void readInput(const std::uint8_t* data, std::size_t size)
{
    if (data[0] == 'I') {
        std::string bytes(data + 1, data + size);
        if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f
            && static_cast<unsigned char>(bytes[1]) == 0x8b)
            bytes = modescope::gunzip(bytes, "fuzz", kMaxIdxFuzzBytes);
        modescope::parseIdx(bytes, "fuzz", kMaxIdxFuzzBytes);
        return;
    }
    const int reader = data[0] % 3;
    if (reader == 2) {
        modescope::configFromJson(std::string(data + 1, data + size), "fuzz");
        return;
    }
    if (reader == 0) {
        modescope::comparisonFromJson(std::string(data + 1, data + size), "fuzz");
        return;
    }
    if (size < 2)
        return;
    const int generators = 1 + data[1] % kMaxGenerators;
    std::istringstream in(std::string(data + 2, data + size));
    if (data[1] & 0x80)
        modescope::readSamples(in, generators, 1 + ((data[1] >> 3) & 1), "fuzz");
    else
        modescope::readMetrics(in, generators, "fuzz");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    try {
        readInput(data, size);
    } catch (const modescope::ConfigError&) {
        // The documented way to refuse bad input.
    } catch (const std::exception& e) {
        std::fprintf(
            stderr, "fuzz_parsers: %s escaped the reader: %s\n", typeid(e).name(), e.what());
        __builtin_trap();
    } catch (...) {
        std::fprintf(stderr, "fuzz_parsers: a non-std exception escaped the reader\n");
        __builtin_trap();
    }
    return 0;
}
