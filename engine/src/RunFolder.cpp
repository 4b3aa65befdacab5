#include "modescope/RunFolder.h"

#include <cstdio>
#include <iomanip>
#include <sstream>

#include "modescope/ConfigError.h"
#include "modescope/ConfigJson.h"

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

} // namespace

void writeFileAtomically(const fs::path& file, const std::string& text)
{
    const fs::path temporary = file.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out)
            throw TrainingError("cannot write " + temporary.string());
    }
    std::error_code ec;
    fs::rename(temporary, file, ec);
    if (ec)
        throw TrainingError(
            "cannot rename " + temporary.string() + " to " + file.string() + ": " + ec.message());
}

std::string metricsHeader(int generators)
{
    std::string header = "iteration,d_loss";
    for (int i = 1; i <= generators; ++i)
        header += ",g_loss_" + std::to_string(i);
    header += ",sim_violation_rate,hq_fraction,modes_captured,modes_balanced,reverse_kl,chi_square,"
              "kl_hist";
    return header;
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

RunFolder::RunFolder(fs::path dir)
    : m_dir(std::move(dir))
{
    checkWritable(m_dir);
}

void RunFolder::writeConfig(const TrainConfig& config, const std::string& deviceUsed) const
{
    writeFileAtomically(m_dir / "config.json", configToJson(config, deviceUsed));
}

void RunFolder::writeSamples(const std::vector<std::vector<double>>& samples) const
{
    auto out = csvStream();
    out << "generator,x\n";
    for (size_t i = 0; i < samples.size(); ++i)
        for (double x : samples[i])
            out << i + 1 << ',' << x << '\n';
    writeFileAtomically(m_dir / "samples.csv", out.str());
}

void RunFolder::writeDensity(const Snapshot& snapshot) const
{
    auto out = csvStream();
    out << "x,data";
    for (size_t i = 0; i < snapshot.generatorDensity.size(); ++i)
        out << ",g" << i + 1;
    out << ",mixture,d_real\n";
    for (size_t p = 0; p < snapshot.grid.size(); ++p) {
        out << snapshot.grid[p] << ',' << snapshot.dataDensity[p];
        for (const auto& density : snapshot.generatorDensity)
            out << ',' << density[p];
        out << ',' << snapshot.mixtureDensity[p] << ',' << snapshot.dReal[p] << '\n';
    }
    writeFileAtomically(m_dir / "density.csv", out.str());
}

void RunFolder::openMetrics(int generators, bool append, long long upToIteration)
{
    const fs::path file = m_dir / "metrics.csv";
    std::string kept = metricsHeader(generators) + "\n";
    if (append) {
        // Keep the rows the checkpoint has seen; later ones belong to a run that was lost.
        std::ifstream in(file);
        std::string line;
        if (std::getline(in, line) && line == metricsHeader(generators)) {
            while (std::getline(in, line)) {
                if (line.empty())
                    continue;
                if (std::stoll(line.substr(0, line.find(','))) > upToIteration)
                    break;
                kept += line + "\n";
            }
        }
    }
    writeFileAtomically(file, kept);
    m_metrics.open(file, std::ios::app);
    if (!m_metrics)
        throw TrainingError("cannot append to " + file.string());
    m_metrics << std::setprecision(kCsvPrecision);
}

namespace
{
void writeMetricsRow(std::ostream& out, const StepLosses& losses, const Metrics& metrics)
{
    out << losses.iteration << ',' << losses.dLoss;
    for (double g : losses.gLosses)
        out << ',' << g;
    out << ',' << losses.simViolationRate << ',' << metrics.hqFraction << ','
        << metrics.modesCaptured << ',' << metrics.modesBalanced << ',' << metrics.reverseKl << ','
        << metrics.chiSquare << ',' << metrics.klHist << '\n';
}
} // namespace

void RunFolder::appendMetrics(const StepLosses& losses, const Metrics& metrics)
{
    writeMetricsRow(m_metrics, losses, metrics);
    m_metrics.flush(); // a crash loses at most the row being written
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
    std::ifstream in(file);
    if (!in)
        throw ConfigError(file.string() + ": cannot be read");
    std::string line;
    if (!std::getline(in, line) || line != metricsHeader(generators))
        throw ConfigError(file.string() + ": the header is not that of a run with "
            + std::to_string(generators) + " generators");
    const size_t columns = static_cast<size_t>(generators) + 9;
    std::vector<MetricsRow> rows;
    for (int lineNumber = 2; std::getline(in, line); ++lineNumber) {
        if (line.empty())
            continue;
        std::vector<double> v;
        std::istringstream fields(line);
        std::string field;
        try {
            while (std::getline(fields, field, ','))
                v.push_back(std::stod(field));
        } catch (const std::exception&) {
            v.clear();
        }
        if (v.size() != columns)
            throw ConfigError(file.string() + ": line " + std::to_string(lineNumber)
                + " is not a row of " + std::to_string(columns) + " numbers");
        MetricsRow row;
        row.losses.iteration = static_cast<long long>(v[0]);
        row.losses.dLoss = v[1];
        row.losses.gLosses.assign(v.begin() + 2, v.begin() + 2 + generators);
        const double* m = v.data() + 2 + generators;
        row.losses.simViolationRate = m[0];
        row.metrics.hqFraction = m[1];
        row.metrics.modesCaptured = static_cast<int>(m[2]);
        row.metrics.modesBalanced = static_cast<int>(m[3]);
        row.metrics.reverseKl = m[4];
        row.metrics.chiSquare = m[5];
        row.metrics.klHist = m[6];
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace modescope
