#pragma once

#include <string>
#include <vector>

namespace modescope
{

// A figure as a list of marks in pixel coordinates (origin top left), so one description is
// written as SVG here and rasterised to PNG where OpenCV is at hand (modescope-sweep).
struct FigureMark {
    enum class Kind { Line, Circle, Text };
    Kind kind = Kind::Line;
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0; // a line's ends; a circle's or text's anchor in x1, y1
    double radius = 0; // circles
    double width = 1; // lines' stroke (px)
    std::string text; // texts
    double size = 12; // texts' height (px)
    int anchor = 0; // texts: -1 starts at x1, 0 centred on it, 1 ends at it
    unsigned rgb = 0x000000;
};

struct Figure {
    int width = 640;
    int height = 400;
    std::vector<FigureMark> marks;
};

// The sweep report's figure for one metric: a column per cell, every run a point (spread
// sideways so equal values stay visible), the cell's median a bar, and a y axis with ticks.
Figure stripPlot(const std::string& title, const std::vector<std::string>& cells,
    const std::vector<std::vector<double>>& values);

// Tick values (1, 2 or 5 times a power of ten apart) covering [low, high], about `count`.
std::vector<double> niceTicks(double low, double high, int count = 5);

// The figure as a standalone SVG document.
std::string toSvg(const Figure& figure);

} // namespace modescope
