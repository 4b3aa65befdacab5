#include "modescope/sweep/SweepReport.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "modescope/config/ConfigError.h"
#include "modescope/config/InputFile.h"
#include "modescope/io/AtomicFile.h"
#include "modescope/io/RunFolder.h"

namespace modescope
{

namespace fs = std::filesystem;
using nlohmann::json;

namespace
{

constexpr int kCsvPrecision = 6; // significant digits in results and summaries

const std::vector<std::pair<SweepRunState::Status, const char*>> kStatusNames {
    { SweepRunState::Status::Pending, "pending" },
    { SweepRunState::Status::Running, "running" },
    { SweepRunState::Status::Done, "done" },
    { SweepRunState::Status::Failed, "failed" },
    { SweepRunState::Status::Interrupted, "interrupted" },
};

// The summarised metrics: name in files, and how to read it from a result.
struct MetricColumn {
    const char* name;
    double (*value)(const SweepRunResult&);
};
const MetricColumn kSummaryMetrics[] = {
    { "modes_balanced", [](const SweepRunResult& r) { return double(r.metrics.modesBalanced); } },
    { "modes_captured", [](const SweepRunResult& r) { return double(r.metrics.modesCaptured); } },
    { "hq_fraction", [](const SweepRunResult& r) { return r.metrics.hqFraction; } },
    { "reverse_kl", [](const SweepRunResult& r) { return r.metrics.reverseKl; } },
    { "chi_square", [](const SweepRunResult& r) { return r.metrics.chiSquare; } },
    { "kl_hist", [](const SweepRunResult& r) { return r.metrics.klHist; } },
};

std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

// The runs of each cell (the non-seed axes' values), cells in the plan's order.
std::vector<std::pair<std::vector<std::string>, std::vector<const SweepRunResult*>>> cells(
    const SweepPlan& plan, const std::vector<SweepRunResult>& results)
{
    std::vector<std::pair<std::vector<std::string>, std::vector<const SweepRunResult*>>> out;
    std::map<std::vector<std::string>, size_t> where;
    for (const SweepRun& run : plan.runs) { // every cell, even one with no finished run
        std::vector<std::string> key;
        for (size_t a = 0; a < plan.axes.size(); ++a)
            if (static_cast<int>(a) != plan.seedAxis)
                key.push_back(run.values[a]);
        if (where.emplace(key, out.size()).second)
            out.push_back({ key, {} });
    }
    for (const SweepRunResult& r : results) {
        std::vector<std::string> key;
        for (size_t a = 0; a < plan.axes.size(); ++a)
            if (static_cast<int>(a) != plan.seedAxis)
                key.push_back(plan.runs[static_cast<size_t>(r.run)].values[a]);
        out[where.at(key)].second.push_back(&r);
    }
    return out;
}

std::string number(double v, int precision = kCsvPrecision)
{
    if (std::isnan(v))
        return "nan";
    std::ostringstream out;
    out << std::setprecision(precision) << v;
    return out.str();
}

} // namespace

std::string toString(SweepRunState::Status status)
{
    for (const auto& [s, name] : kStatusNames)
        if (s == status)
            return name;
    return "pending";
}

SweepRunState readRunState(const SweepFolder& folder, const SweepRun& run)
{
    const fs::path file = folder.state(run);
    std::error_code ec;
    if (!fs::exists(file, ec))
        return {};
    const std::string text = readInputFile(file, kMaxConfigBytes);
    SweepRunState state;
    try {
        const json doc = json::parse(text);
        const std::string status = doc.at("status").get<std::string>();
        bool known = false;
        for (const auto& [s, name] : kStatusNames)
            if (status == name) {
                state.status = s;
                known = true;
            }
        if (!known)
            throw ConfigError(file.string() + ": unknown status \"" + status + "\"");
        state.exitCode = doc.value("exit_code", 0);
        state.message = doc.value("message", std::string());
        state.wallSeconds = doc.value("wall_seconds", 0.0);
        state.host = doc.value("host", std::string());
    } catch (const json::exception& e) {
        throw ConfigError(file.string() + ": damaged (" + std::string(e.what()) + ")");
    }
    return state;
}

void writeRunState(const SweepFolder& folder, const SweepRun& run, const SweepRunState& state)
{
    std::error_code ec;
    fs::create_directories(folder.state(run).parent_path(), ec);
    const json doc { { "run", run.name }, { "status", toString(state.status) },
        { "exit_code", state.exitCode }, { "message", state.message },
        { "wall_seconds", state.wallSeconds }, { "host", state.host } };
    writeFileAtomically(folder.state(run), doc.dump(2) + "\n");
}

SweepRunResult readRunResult(const SweepFolder& folder, const SweepPlan& plan, int index)
{
    const SweepRun& run = plan.runs.at(static_cast<size_t>(index));
    const fs::path dir = folder.run(run);
    const int k = run.config.effectiveGenerators();
    const std::vector<MetricsRow> rows = readMetrics(dir / "metrics.csv", k);
    if (rows.empty())
        throw ConfigError((dir / "metrics.csv").string() + ": holds no rows");
    SweepRunResult result;
    result.run = index;
    result.step = rows.back().losses.iteration;
    if (run.config.images) {
        // An image run's samples were judged as they were written, by the judge its metrics.csv
        // rows were: its last row is the same images' measures (the same evaluation draw).
        std::error_code ec;
        if (!fs::is_regular_file(dir / "samples.csv", ec))
            throw ConfigError((dir / "samples.csv").string() + ": no such file");
        result.metrics = rows.back().metrics;
    } else {
        const auto samples = readSamples(dir / "samples.csv", k, run.config.dimension());
        for (size_t i = 0; i < samples.size(); ++i)
            if (samples[i].empty())
                throw ConfigError((dir / "samples.csv").string()
                    + ": holds no samples of generator " + std::to_string(i + 1));
        result.metrics = evaluateAtStep(samples, run.config, result.step);
    }
    result.modes = run.config.modeCount();
    result.cure = cureTime(rows, result.modes);
    result.wallSeconds = readRunState(folder, run).wallSeconds;
    return result;
}

double quantile(std::vector<double> values, double p)
{
    values.erase(
        std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
        values.end());
    if (values.empty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const double at = p * static_cast<double>(values.size() - 1);
    const auto below = static_cast<size_t>(std::floor(at));
    const size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (at - static_cast<double>(below)) * (values[above] - values[below]);
}

std::string resultsCsv(const SweepPlan& plan, const std::vector<SweepRunResult>& results)
{
    std::ostringstream out;
    out << "run";
    for (const SweepAxis& axis : plan.axes)
        out << ',' << csvField(axis.key);
    out << ",step,wall_seconds,samples,modes,hq_fraction,modes_captured,modes_balanced,"
           "reverse_kl,chi_square,kl_hist,cure_step,cure_seconds\n";
    for (const SweepRunResult& r : results) {
        const SweepRun& run = plan.runs[static_cast<size_t>(r.run)];
        out << csvField(run.name);
        for (const std::string& value : run.values)
            out << ',' << csvField(value);
        out << ',' << r.step << ',' << number(r.wallSeconds) << ',' << r.metrics.samplesPerGenerator
            << ',' << r.modes << ',' << number(r.metrics.hqFraction) << ','
            << r.metrics.modesCaptured << ',' << r.metrics.modesBalanced << ','
            << number(r.metrics.reverseKl) << ',' << number(r.metrics.chiSquare) << ','
            << number(r.metrics.klHist) << ','
            << (r.cure.reached() ? std::to_string(r.cure.step) : std::string("nan")) << ','
            << number(r.cure.seconds) << '\n';
    }
    return out.str();
}

std::string summaryCsv(const SweepPlan& plan, const std::vector<SweepRunResult>& results)
{
    std::ostringstream out;
    bool first = true;
    for (size_t a = 0; a < plan.axes.size(); ++a)
        if (static_cast<int>(a) != plan.seedAxis) {
            out << (first ? "" : ",") << csvField(plan.axes[a].key);
            first = false;
        }
    out << (first ? "" : ",") << "runs,all_balanced_share,cured_share,cure_step_median";
    for (const MetricColumn& m : kSummaryMetrics)
        for (const char* stat : { "median", "q1", "q3", "min", "max" })
            out << ',' << m.name << '_' << stat;
    out << '\n';
    for (const auto& [key, runs] : cells(plan, results)) {
        for (size_t i = 0; i < key.size(); ++i)
            out << (i ? "," : "") << csvField(key[i]);
        int allBalanced = 0;
        for (const SweepRunResult* r : runs)
            allBalanced += r->metrics.modesBalanced == r->modes ? 1 : 0;
        std::vector<double> cureSteps; // of the cured runs
        for (const SweepRunResult* r : runs)
            if (r->cure.reached())
                cureSteps.push_back(static_cast<double>(r->cure.step));
        out << (key.empty() ? "" : ",") << runs.size() << ','
            << number(runs.empty() ? std::nan("") : double(allBalanced) / double(runs.size()))
            << ','
            << number(runs.empty() ? std::nan("") : double(cureSteps.size()) / double(runs.size()))
            << ',' << number(quantile(cureSteps, 0.5));
        for (const MetricColumn& m : kSummaryMetrics) {
            std::vector<double> v;
            for (const SweepRunResult* r : runs)
                v.push_back(m.value(*r));
            for (double p : { 0.5, 0.25, 0.75, 0.0, 1.0 })
                out << ',' << number(quantile(v, p));
        }
        out << '\n';
    }
    return out.str();
}

std::string summaryMarkdown(const SweepPlan& plan, const std::vector<SweepRunResult>& results,
    const std::vector<std::string>& notFinished)
{
    std::ostringstream out;
    out << "# Sweep " << plan.name << "\n\n"
        << results.size() << " of " << plan.runs.size() << " runs finished";
    if (plan.seedAxis >= 0)
        out << "; each cell pools its runs over `seed` ("
            << plan.axes[static_cast<size_t>(plan.seedAxis)].values.size() << " values)";
    out << ". Figures are the median [q1, q3] over the cell's runs, computed from each run's own "
           "samples. Cured: the runs whose every mode stayed covered from some logged step to the "
           "end, and the median [q1, q3] of that step.\n\n";
    out << "|";
    for (size_t a = 0; a < plan.axes.size(); ++a)
        if (static_cast<int>(a) != plan.seedAxis)
            out << ' ' << plan.axes[a].key << " |";
    out << " runs | modes balanced | every mode balanced | cured: runs, step | HQ | reverse KL | "
           "chi-square |\n|";
    for (size_t a = 0; a < plan.axes.size(); ++a)
        if (static_cast<int>(a) != plan.seedAxis)
            out << "---|";
    out << "---:|---:|---:|---:|---:|---:|---:|\n";
    auto spread = [](std::vector<double> v, int precision) {
        if (v.empty())
            return std::string("-");
        // A metric the runs do not have (chi-square of a 2-D mixture) is not applicable.
        v.erase(
            std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
        if (v.empty())
            return std::string("n/a");
        return number(quantile(v, 0.5), precision) + " [" + number(quantile(v, 0.25), precision)
            + ", " + number(quantile(v, 0.75), precision) + "]";
    };
    for (const auto& [key, runs] : cells(plan, results)) {
        out << "|";
        for (const std::string& value : key)
            out << ' ' << value << " |";
        std::vector<double> balanced, hq, rkl, chi, cureSteps;
        int allBalanced = 0;
        int modes = 0;
        for (const SweepRunResult* r : runs) {
            balanced.push_back(r->metrics.modesBalanced);
            hq.push_back(100 * r->metrics.hqFraction);
            rkl.push_back(r->metrics.reverseKl);
            chi.push_back(r->metrics.chiSquare);
            allBalanced += r->metrics.modesBalanced == r->modes ? 1 : 0;
            modes = r->modes;
            if (r->cure.reached())
                cureSteps.push_back(static_cast<double>(r->cure.step));
        }
        // Cured runs, then the median [q1, q3] of their cure steps.
        const std::string cured = runs.empty()
            ? "-"
            : std::to_string(cureSteps.size()) + "/" + std::to_string(runs.size())
                + (cureSteps.empty() ? "" : ", " + spread(cureSteps, 4));
        out << ' ' << runs.size() << " | " << spread(balanced, 3)
            << (runs.empty() ? "" : " / " + std::to_string(modes)) << " | "
            << (runs.empty() ? "-"
                             : std::to_string(allBalanced) + "/" + std::to_string(runs.size()))
            << " | " << cured << " | " << spread(hq, 3) << (runs.empty() ? "" : "%") << " | "
            << spread(rkl, 3) << " | " << spread(chi, 4) << " |\n";
    }
    if (!notFinished.empty()) {
        out << "\nNot finished (left out above):\n\n";
        for (const std::string& line : notFinished)
            out << "- " << line << '\n';
    }
    return out.str();
}

std::vector<std::pair<std::string, Figure>> summaryFigures(
    const SweepPlan& plan, const std::vector<SweepRunResult>& results)
{
    const auto byCell = cells(plan, results);
    std::vector<std::string> labels;
    for (const auto& [key, runs] : byCell) {
        std::string label;
        for (const std::string& value : key)
            label += (label.empty() ? "" : ", ") + value;
        labels.push_back(label.empty() ? plan.name : label);
    }
    std::vector<std::pair<std::string, Figure>> figures;
    for (const MetricColumn& m : kSummaryMetrics) {
        std::vector<std::vector<double>> values;
        for (const auto& [key, runs] : byCell) {
            values.emplace_back();
            for (const SweepRunResult* r : runs)
                values.back().push_back(m.value(*r));
        }
        const bool measured = std::any_of(values.begin(), values.end(), [](const auto& cell) {
            return std::any_of(cell.begin(), cell.end(), [](double x) { return !std::isnan(x); });
        });
        if (measured || results.empty()) // no figure of NaNs (chi-square in 2-D)
            figures.emplace_back(m.name, stripPlot(plan.name + ": " + m.name, labels, values));
    }
    return figures;
}

} // namespace modescope
