#include "modescope/io/RunFolder.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <sstream>

#include "modescope/config/ConfigError.h"
#include "modescope/config/ConfigJson.h"
#include "modescope/config/InputFile.h"
#include "modescope/io/AtomicFile.h"
#include "modescope/io/PngFile.h"

namespace modescope
{

namespace fs = std::filesystem;

namespace
{

constexpr int kCsvPrecision = 9; // significant digits of every number in the CSV files

std::ostringstream csvStream()
{
    std::ostringstream out;
    out << std::setprecision(kCsvPrecision);
    return out;
}

std::string lossColumns(int generators)
{
    std::string header = "iteration,d_loss";
    for (int i = 1; i <= generators; ++i)
        header += ",g_loss_" + std::to_string(i);
    return header;
}

constexpr const char* kMetricColumns
    = "hq_fraction,modes_captured,modes_balanced,reverse_kl,chi_square,kl_hist";

// The header of ModeScope 0.1.0, before sim_on, sim_hinge and samples: still read.
std::string legacyMetricsHeader(int generators)
{
    return lossColumns(generators) + ",sim_violation_rate," + kMetricColumns;
}

// The header before the seconds column: still read (seconds as not measured).
std::string unclockedMetricsHeader(int generators)
{
    return lossColumns(generators) + ",sim_on,sim_hinge,sim_violation_rate,samples,"
        + kMetricColumns;
}
} // namespace

std::string metricsHeader(int generators)
{
    return unclockedMetricsHeader(generators) + ",seconds";
}

void RunFolder::checkWritable(const fs::path& dir)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw ConfigError(dir.string() + ": cannot create the run folder ("
            + (ec ? ec.message() : "not a directory") + ")");
    const fs::path probe = dir / ".modescope-write-test";
    {
        std::ofstream out(probe);
        if (!out)
            throw ConfigError(dir.string() + ": the run folder is not writable");
    }
    fs::remove(probe, ec);
}

bool RunFolder::isRunFolder(const fs::path& dir)
{
    std::error_code ec;
    return fs::exists(dir / "config.json", ec) || fs::exists(dir / "checkpoint.pt", ec);
}

void RunFolder::checkOutput(const fs::path& dir, Existing existing)
{
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw ConfigError(dir.string() + ": exists and is not a folder");
    if (fs::is_directory(dir, ec) && !fs::is_empty(dir, ec)) {
        if (!isRunFolder(dir))
            throw ConfigError(dir.string()
                + ": the folder is not empty and holds no run (no config.json or "
                  "checkpoint.pt); give a new or empty folder");
        if (existing == Existing::Refuse)
            throw ConfigError(dir.string()
                + ": holds a run already; --resume it, choose another folder, or "
                  "--overwrite to replace it");
    }
    checkWritable(dir);
}

RunFolder::RunFolder(fs::path dir)
    : m_dir(std::move(dir))
{
    checkWritable(m_dir);
}

void RunFolder::writeConfig(const TrainConfig& config, const std::string& deviceUsed) const
{
    writeFileAtomically(m_dir / "config.json", configToJson(config, deviceUsed));
}

void RunFolder::removeStaleImages(size_t keepGenerators, bool keepReal) const
{
    const fs::path folder = m_dir / "samples";
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        // "generator-NN.png", NN digits only: writeImageSamples' names
        const std::string prefix = "generator-", suffix = ".png";
        const bool generator = name.size() > prefix.size() + suffix.size()
            && name.compare(0, prefix.size(), prefix) == 0
            && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0
            && std::all_of(name.begin() + prefix.size(), name.end() - suffix.size(),
                [](char c) { return c >= '0' && c <= '9'; });
        const std::string digits = generator
            ? name.substr(prefix.size(), name.size() - prefix.size() - suffix.size())
            : std::string();
        const bool beyond
            = generator && (digits.size() > 18 || std::stoull(digits) > keepGenerators);
        if (beyond || (name == "real.png" && !keepReal))
            fs::remove(entry.path(), ec); // only files this class writes; a failure leaves it
    }
    if (fs::is_empty(folder, ec))
        fs::remove(folder, ec);
}

void RunFolder::writeSamples(const std::vector<std::vector<double>>& samples, int dimension) const
{
    removeStaleImages(0, false); // an image run's pictures, replaced by this run (--overwrite)
    auto out = csvStream();
    out << (dimension == 2 ? "generator,x,y\n" : "generator,x\n");
    const auto d = static_cast<size_t>(dimension);
    for (size_t i = 0; i < samples.size(); ++i)
        for (size_t s = 0; s + d <= samples[i].size(); s += d) {
            out << i + 1;
            for (size_t a = 0; a < d; ++a)
                out << ',' << samples[i][s + a];
            out << '\n';
        }
    writeFileAtomically(m_dir / "samples.csv", out.str());
}

void RunFolder::writeImageSamples(const std::vector<std::vector<double>>& samples,
    const std::vector<JudgedImage>& judged, const std::vector<float>& realImages,
    const ImageTarget& target) const
{
    auto out = csvStream();
    out << "generator,image,class,class_name,probability\n";
    std::vector<int> numbers(samples.size(), 0);
    for (const JudgedImage& image : judged) {
        std::string name = target.className(image.label);
        if (name.find_first_of(",\"\r\n") != std::string::npos) { // quoted, quotes doubled
            std::string quoted = "\"";
            for (char c : name)
                quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
            name = quoted + "\"";
        }
        out << image.generator + 1 << ',' << numbers.at(static_cast<size_t>(image.generator))++
            << ',' << image.label << ',' << name << ',' << image.probability << '\n';
    }
    writeFileAtomically(m_dir / "samples.csv", out.str());
    std::error_code gone;
    fs::remove(m_dir / "density.csv", gone); // a mixture run's, replaced by this one

    const fs::path folder = m_dir / "samples";
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec)
        throw IoError(folder.string() + ": cannot be created (" + ec.message() + ")");
    const int rows = target.rows;
    const int cols = target.cols;
    const int channels = target.channels();
    const auto size
        = static_cast<size_t>(channels) * static_cast<size_t>(rows) * static_cast<size_t>(cols);
    for (size_t i = 0; i < samples.size(); ++i) {
        const size_t count
            = std::min(samples[i].size() / size, static_cast<size_t>(kImagesPerFile));
        std::vector<float> pixels(count * size);
        for (size_t p = 0; p < pixels.size(); ++p)
            pixels[p] = static_cast<float>((samples[i][p] + 1.0) / 2.0);
        const ImageGrid grid = tileImages(pixels, count, rows, cols, 8, 2, channels);
        char name[40]; // "generator-" and up to 20 digits and ".png"
        std::snprintf(name, sizeof name, "generator-%02zu.png", i + 1);
        if (count > 0)
            writePng(folder / name, grid.pixels, grid.width, grid.height, grid.channels);
    }
    const size_t real = realImages.size() / size;
    removeStaleImages(samples.size(), real > 0); // a run of more generators, replaced
    if (real > 0) {
        const ImageGrid grid
            = tileImages(realImages, real, rows, cols, static_cast<int>(real), 2, channels);
        writePng(folder / "real.png", grid.pixels, grid.width, grid.height, grid.channels);
    }
}

void RunFolder::writeDensity(const Snapshot& snapshot) const
{
    auto out = csvStream();
    const bool map = snapshot.dimension == 2;
    out << (map ? "x,y,data" : "x,data");
    for (size_t i = 0; i < snapshot.generatorDensity.size(); ++i)
        out << ",g" << i + 1;
    out << ",mixture," << snapshot.reading.column << '\n';
    const size_t nx = snapshot.grid.size();
    const size_t cells = map ? nx * snapshot.gridY.size() : nx;
    for (size_t p = 0; p < cells; ++p) { // in 2-D, x runs fastest (Snapshot.h)
        out << snapshot.grid[p % nx] << ',';
        if (map)
            out << snapshot.gridY[p / nx] << ',';
        out << snapshot.dataDensity[p];
        for (const auto& density : snapshot.generatorDensity)
            out << ',' << density[p];
        out << ',' << snapshot.mixtureDensity[p] << ',' << snapshot.dReal[p] << '\n';
    }
    writeFileAtomically(m_dir / "density.csv", out.str());
}

void RunFolder::openMetrics(int generators, const std::vector<MetricsRow>& kept)
{
    writeMetrics(generators, kept);
    const fs::path file = m_dir / "metrics.csv";
    m_metrics.open(file, std::ios::app);
    if (!m_metrics)
        throw IoError(file.string() + ": cannot be appended to");
    std::error_code ec;
    m_metricsBytes = fs::file_size(file, ec);
}

namespace
{
void writeMetricsRow(std::ostream& out, const StepLosses& losses, const Metrics& metrics)
{
    out << losses.iteration << ',' << losses.dLoss;
    for (double g : losses.gLosses)
        out << ',' << g;
    out << ',' << (losses.simOn ? 1 : 0) << ',' << losses.simHinge << ',' << losses.simViolationRate
        << ',' << metrics.samplesPerGenerator << ',' << metrics.hqFraction << ','
        << metrics.modesCaptured << ',' << metrics.modesBalanced << ',' << metrics.reverseKl << ','
        << metrics.chiSquare << ',' << metrics.klHist << ',' << losses.seconds << '\n';
}
} // namespace

void RunFolder::appendMetrics(const StepLosses& losses, const Metrics& metrics)
{
    auto row = csvStream(); // whole, before any of it reaches the file
    writeMetricsRow(row, losses, metrics);
    const std::string text = row.str();
    m_metrics << text;
    m_metrics.flush(); // a crash loses at most the row being written (readMetrics drops it)
    const fs::path file = m_dir / "metrics.csv";
    if (!m_metrics) {
        // A disk that filled mid-row: cut the file back to its last whole row, so the run
        // resumes from it once space returns.
        m_metrics.close();
        std::error_code ec;
        fs::resize_file(file, m_metricsBytes, ec);
        throw IoError(file.string() + ": cannot be written (disk full?)");
    }
    m_metricsBytes += text.size();
}

void RunFolder::writeMetrics(int generators, const std::vector<MetricsRow>& rows) const
{
    auto out = csvStream();
    out << metricsHeader(generators) << '\n';
    for (const MetricsRow& row : rows)
        writeMetricsRow(out, row.losses, row.metrics);
    writeFileAtomically(m_dir / "metrics.csv", out.str());
}

std::vector<MetricsRow> readMetrics(const fs::path& file, int generators)
{
    checkInputFile(file, kMaxMetricsBytes);
    std::ifstream in(file, std::ios::binary);
    return readMetrics(in, generators, file.string());
}

namespace
{
// The next line of a CSV file without its line end, LF or CRLF (written on Windows, or by a
// spreadsheet). False at the end.
bool csvLine(std::istream& in, std::string& line)
{
    if (!std::getline(in, line))
        return false;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return true;
}

// One CSV field as a number: the whole field, no trailing text. NaN and infinities (a metric
// that could not be computed) are kept.
bool parseNumber(const std::string& field, double& value)
{
    if (field.empty())
        return false;
    char* end = nullptr;
    value = std::strtod(field.c_str(), &end);
    return end == field.c_str() + field.size();
}

bool isCount(double v)
{
    constexpr double kMaxCount = 9007199254740992.0; // 2^53: every whole number below is exact
    return v >= 0 && v <= kMaxCount && v == std::floor(v);
}
} // namespace

namespace
{
// Which columns a metrics.csv has: today's; those before seconds (read as not measured); or
// 0.1.0's (no sim_on, sim_hinge, samples: read as off, nan and 0).
struct MetricsLayout {
    int generators;
    bool legacy;
    bool clocked;
    size_t columns() const
    {
        return static_cast<size_t>(generators) + (legacy ? 9 : clocked ? 13 : 12);
    }
};

// One row of metrics.csv; `previous` is the row before it (nullptr for the first). Throws
// ConfigError naming `where` and what is wrong.
MetricsRow metricsRow(const std::string& line, const MetricsLayout& layout,
    const MetricsRow* previous, const std::string& where)
{
    const size_t columns = layout.columns();
    std::vector<double> v;
    std::istringstream fields(line);
    std::string field;
    double value = 0.0;
    while (v.size() <= columns && std::getline(fields, field, ',')) {
        if (!parseNumber(field, value))
            throw ConfigError(where + ": \"" + field.substr(0, 40) + "\" is not a number");
        v.push_back(value);
    }
    if (v.size() != columns)
        throw ConfigError(where + " is not a row of " + std::to_string(columns) + " numbers");
    MetricsRow row;
    const int generators = layout.generators;
    const double* sim = v.data() + 2 + generators; // sim_on, sim_hinge, sim_violation_rate
    if (layout.legacy) {
        row.losses.simViolationRate = sim[0];
    } else {
        if (sim[0] != 0 && sim[0] != 1)
            throw ConfigError(where + ": sim_on must be 0 or 1");
        row.losses.simOn = sim[0] == 1;
        row.losses.simHinge = sim[1];
        row.losses.simViolationRate = sim[2];
    }
    const double* m = sim + (layout.legacy ? 1 : 3); // [samples,] hq_fraction, modes_captured...
    if (!layout.legacy) {
        constexpr double kMaxSamples = 1 << 30;
        if (!isCount(m[0]) || m[0] > kMaxSamples)
            throw ConfigError(where + ": samples must be a whole number >= 0");
        row.metrics.samplesPerGenerator = static_cast<int>(m[0]);
        ++m;
    }
    if (!isCount(v[0]) || !isCount(m[1]) || !isCount(m[2]))
        throw ConfigError(where + ": the step and the mode counts must be whole numbers >= 0");
    row.losses.iteration = static_cast<long long>(v[0]);
    if (previous && row.losses.iteration <= previous->losses.iteration)
        throw ConfigError(where + ": step " + std::to_string(row.losses.iteration)
            + " does not follow step " + std::to_string(previous->losses.iteration));
    row.losses.dLoss = v[1];
    row.losses.gLosses.assign(v.begin() + 2, v.begin() + 2 + generators);
    row.metrics.hqFraction = m[0];
    constexpr double kMaxModes = 1 << 20; // a count beyond any mixture: a damaged row
    if (m[1] > kMaxModes || m[2] > kMaxModes)
        throw ConfigError(where + ": the mode counts are out of range");
    row.metrics.modesCaptured = static_cast<int>(m[1]);
    row.metrics.modesBalanced = static_cast<int>(m[2]);
    row.metrics.reverseKl = m[3];
    row.metrics.chiSquare = m[4];
    row.metrics.klHist = m[5];
    if (layout.clocked) {
        if (!std::isnan(m[6]) && !(std::isfinite(m[6]) && m[6] >= 0)) // NaN: not clocked
            throw ConfigError(where + ": seconds must be a number >= 0");
        row.losses.seconds = m[6];
    }
    return row;
}
} // namespace

std::vector<MetricsRow> readMetrics(std::istream& in, int generators, const std::string& source)
{
    if (generators < 1)
        throw ConfigError(source + ": a run has at least one generator");
    std::string line;
    auto next = [&]() { return csvLine(in, line); };
    if (!next())
        throw ConfigError(source + ": empty (no header)");
    const MetricsLayout layout { generators, line == legacyMetricsHeader(generators),
        line == metricsHeader(generators) };
    if (!layout.legacy && !layout.clocked && line != unclockedMetricsHeader(generators))
        throw ConfigError(source + ": the header is not that of a run with "
            + std::to_string(generators) + " generators");
    std::vector<MetricsRow> rows;
    for (long long lineNumber = 2; next(); ++lineNumber) {
        if (line.empty())
            continue;
        const std::string where = source + ": line " + std::to_string(lineNumber);
        const MetricsRow* previous = rows.empty() ? nullptr : &rows.back();
        try {
            rows.push_back(metricsRow(line, layout, previous, where));
        } catch (const ConfigError&) {
            // A last line with no line end is a row whose writing was cut off (a crash, or a
            // disk that filled): dropped when it does not read as a row; its step trains again.
            if (in.eof())
                break;
            throw;
        }
    }
    if (in.bad())
        throw ConfigError(source + ": cannot be read (I/O error)");
    return rows;
}

std::vector<std::vector<double>> readSamples(const fs::path& file, int generators, int dimension)
{
    checkInputFile(file, kMaxMetricsBytes);
    std::ifstream in(file, std::ios::binary);
    return readSamples(in, generators, dimension, file.string());
}

std::vector<std::vector<double>> readSamples(
    std::istream& in, int generators, int dimension, const std::string& source)
{
    if (generators < 1)
        throw ConfigError(source + ": a run has at least one generator");
    if (dimension != 1 && dimension != 2)
        throw ConfigError(source + ": samples have 1 or 2 coordinates");
    const std::string header = dimension == 2 ? "generator,x,y" : "generator,x";
    std::string line;
    auto next = [&]() { return csvLine(in, line); };
    if (!next() || line != header)
        throw ConfigError(source + ": the header is not " + header);
    std::vector<std::vector<double>> samples(static_cast<size_t>(generators));
    std::vector<double> fields;
    for (long long lineNumber = 2; next(); ++lineNumber) {
        if (line.empty())
            continue;
        const std::string where = source + ": line " + std::to_string(lineNumber);
        fields.clear();
        bool ok = true;
        for (size_t start = 0; ok;) {
            const size_t comma = line.find(',', start);
            double value = 0.0;
            ok = parseNumber(line.substr(start, comma - start), value);
            fields.push_back(value);
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
        if (!ok || fields.size() != static_cast<size_t>(dimension) + 1)
            throw ConfigError(where + " is not \"" + header + "\"");
        const double generator = fields.front();
        if (!isCount(generator) || generator < 1 || generator > generators)
            throw ConfigError(where + ": generator " + line.substr(0, line.find(','))
                + " is not one of 1.." + std::to_string(generators));
        auto& row = samples[static_cast<size_t>(generator) - 1];
        row.insert(row.end(), fields.begin() + 1, fields.end());
    }
    if (in.bad())
        throw ConfigError(source + ": cannot be read (I/O error)");
    return samples;
}

StoredRun readRunFolder(const fs::path& path)
{
    std::error_code ec;
    fs::path dir = path;
    if (!fs::is_directory(path, ec)) {
        const std::string name = path.filename().string();
        if (!fs::exists(path, ec))
            throw ConfigError(path.string() + ": no such folder");
        if (name != "config.json" && name != "checkpoint.pt")
            throw ConfigError(path.string()
                + ": not a run folder (give the folder, or its "
                  "config.json)");
        dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    }
    StoredRun run;
    run.config = loadConfigFile(dir / "config.json");
    run.checkpoint = dir / "checkpoint.pt";
    if (!fs::is_regular_file(run.checkpoint, ec))
        throw ConfigError(run.checkpoint.string()
            + ": missing (a run folder holds config.json and checkpoint.pt)");
    if (fs::exists(dir / "metrics.csv", ec))
        run.rows = readMetrics(dir / "metrics.csv", run.config.effectiveGenerators());
    return run;
}

std::vector<MetricsRow> rowsUpTo(std::vector<MetricsRow> rows, long long iteration)
{
    while (!rows.empty() && rows.back().losses.iteration > iteration)
        rows.pop_back();
    return rows;
}

} // namespace modescope
