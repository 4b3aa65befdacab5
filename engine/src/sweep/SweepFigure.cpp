#include "modescope/sweep/SweepFigure.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "modescope/sweep/SweepReport.h"

namespace modescope
{

namespace
{
constexpr int kColumnPixels = 120; // width of one cell's column
constexpr int kLeftMargin = 70; // room for the tick labels
constexpr int kRightMargin = 20;
constexpr int kTopMargin = 40; // the title
constexpr int kBottomMargin = 50; // the cell labels
constexpr int kPlotHeight = 300;
constexpr double kPointRadius = 4;
constexpr double kMedianHalfWidth = 30;
constexpr int kJitterSlots = 7; // points of equal value spread over this many offsets
constexpr double kJitterPixels = 5;
constexpr unsigned kPointColour = 0x0072B2; // the first generator's blue
constexpr unsigned kMedianColour = 0xD55E00;
constexpr unsigned kAxisColour = 0x3C3C3C;
constexpr unsigned kGridColour = 0xDDDDDD;

std::string tickText(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", std::abs(v) < 1e-12 ? 0.0 : v);
    return text;
}

std::string escaped(const std::string& text)
{
    std::string out;
    for (char c : text) {
        if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '&')
            out += "&amp;";
        else if (c == '"')
            out += "&quot;";
        else
            out += c;
    }
    return out;
}

std::string colour(unsigned rgb)
{
    char text[8];
    std::snprintf(text, sizeof text, "#%06X", rgb & 0xFFFFFFu);
    return text;
}
} // namespace

std::vector<double> niceTicks(double low, double high, int count)
{
    if (!std::isfinite(low) || !std::isfinite(high))
        return {};
    if (high <= low) {
        const double pad = std::max(1.0, std::abs(low) * 0.1);
        low -= pad;
        high += pad;
    }
    const double rough = (high - low) / std::max(1, count);
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    double step = power;
    for (double m : { 1.0, 2.0, 5.0, 10.0 })
        if (m * power >= rough) {
            step = m * power;
            break;
        }
    // Multiples of the step, from the one at or below `low` to the one at or above `high`.
    const double first = std::floor(low / step + 1e-9);
    const double last = std::ceil(high / step - 1e-9);
    std::vector<double> ticks;
    for (double i = first; i <= last; ++i)
        ticks.push_back(i * step);
    return ticks;
}

Figure stripPlot(const std::string& title, const std::vector<std::string>& cells,
    const std::vector<std::vector<double>>& values)
{
    Figure f;
    const int columns = std::max<int>(1, static_cast<int>(cells.size()));
    f.width = kLeftMargin + columns * kColumnPixels + kRightMargin;
    f.height = kTopMargin + kPlotHeight + kBottomMargin;
    double low = INFINITY, high = -INFINITY;
    for (const auto& column : values)
        for (double v : column)
            if (std::isfinite(v)) {
                low = std::min(low, v);
                high = std::max(high, v);
            }
    std::vector<double> ticks = niceTicks(low, high);
    if (ticks.empty())
        ticks = { 0.0, 1.0 };
    const double bottom = ticks.front(), top = ticks.back();
    const double plotTop = kTopMargin, plotBottom = kTopMargin + kPlotHeight;
    auto y = [&](double v) { return plotBottom - (v - bottom) / (top - bottom) * kPlotHeight; };
    auto line = [&](double x1, double y1, double x2, double y2, unsigned rgb, double width) {
        FigureMark m;
        m.x1 = x1, m.y1 = y1, m.x2 = x2, m.y2 = y2, m.rgb = rgb, m.width = width;
        f.marks.push_back(m);
    };
    auto text = [&](double x, double yy, const std::string& s, int anchor, double size) {
        FigureMark m;
        m.kind = FigureMark::Kind::Text;
        m.x1 = x, m.y1 = yy, m.text = s, m.anchor = anchor, m.size = size, m.rgb = kAxisColour;
        f.marks.push_back(m);
    };
    const double plotRight = f.width - kRightMargin;
    for (double t : ticks) {
        line(kLeftMargin, y(t), plotRight, y(t), kGridColour, 1);
        text(kLeftMargin - 6, y(t) + 4, tickText(t), 1, 11);
    }
    line(kLeftMargin, plotTop, kLeftMargin, plotBottom, kAxisColour, 1);
    line(kLeftMargin, plotBottom, plotRight, plotBottom, kAxisColour, 1);
    text(f.width / 2.0, 22, title, 0, 14);
    for (size_t c = 0; c < values.size(); ++c) {
        const double centre = kLeftMargin + (c + 0.5) * kColumnPixels;
        text(centre, plotBottom + 20, c < cells.size() ? cells[c] : std::string(), 0, 11);
        std::vector<double> column;
        for (size_t i = 0; i < values[c].size(); ++i) {
            const double v = values[c][i];
            if (!std::isfinite(v))
                continue;
            column.push_back(v);
            FigureMark point;
            point.kind = FigureMark::Kind::Circle;
            point.x1 = centre
                + (static_cast<double>(i % kJitterSlots) - kJitterSlots / 2) * kJitterPixels;
            point.y1 = y(v);
            point.radius = kPointRadius;
            point.rgb = kPointColour;
            f.marks.push_back(point);
        }
        if (!column.empty()) {
            const double median = quantile(column, 0.5);
            line(centre - kMedianHalfWidth, y(median), centre + kMedianHalfWidth, y(median),
                kMedianColour, 3);
        }
    }
    text(plotRight, f.height - 8, "points: runs; bar: median", 1, 10);
    return f;
}

std::string toSvg(const Figure& f)
{
    std::ostringstream out;
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << f.width << "\" height=\""
        << f.height << "\" viewBox=\"0 0 " << f.width << ' ' << f.height
        << "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
        << "  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    for (const FigureMark& m : f.marks) {
        switch (m.kind) {
        case FigureMark::Kind::Line:
            out << "  <line x1=\"" << m.x1 << "\" y1=\"" << m.y1 << "\" x2=\"" << m.x2 << "\" y2=\""
                << m.y2 << "\" stroke=\"" << colour(m.rgb) << "\" stroke-width=\"" << m.width
                << "\"/>\n";
            break;
        case FigureMark::Kind::Circle:
            out << "  <circle cx=\"" << m.x1 << "\" cy=\"" << m.y1 << "\" r=\"" << m.radius
                << "\" fill=\"" << colour(m.rgb) << "\" fill-opacity=\"0.7\"/>\n";
            break;
        case FigureMark::Kind::Text:
            out << "  <text x=\"" << m.x1 << "\" y=\"" << m.y1 << "\" font-size=\"" << m.size
                << "\" fill=\"" << colour(m.rgb) << "\" text-anchor=\""
                << (m.anchor < 0          ? "start"
                           : m.anchor > 0 ? "end"
                                          : "middle")
                << "\">" << escaped(m.text) << "</text>\n";
            break;
        }
    }
    out << "</svg>\n";
    return out.str();
}

} // namespace modescope
