#pragma once

#include <QString>

class QImage;

namespace modescope::ui
{

// A figure's printed size and type: what a paper's column needs. Drawing happens in points
// (1/72 inch), so fonts given in points print at that size whatever the DPI; PNG adds pixels
// at `dpi`, PDF and SVG keep the points.
struct FigureSize {
    double widthCm = 17.0; // about a two-column figure's width
    double heightCm = 9.0;
    int dpi = 300; // PNG pixels per inch
    int fontPt = 9; // axis labels; ticks and legend one point smaller
    bool caption = true; // a line above the figure: preset, method, k, step, seed

    int widthPt() const;
    int heightPt() const;
    int widthPx() const; // PNG
    int heightPx() const;
    double pixels() const { return double(widthPx()) * heightPx(); } // PNG: width x height
    // The same figure at another pixel density (video frames at a screen's density).
    FigureSize atDpi(int newDpi) const;
    double pixelsPerPoint() const { return dpi / kPointsPerInch; } // PNG's scale from points
    // Records the DPI (so it prints at the figure's size), the caption as its title and the
    // program in `image`'s PNG metadata.
    void stamp(QImage& image, const QString& caption) const;

    static constexpr double kPointsPerInch = 72.0;
};

inline constexpr double kCmPerInch = 2.54;
// The largest PNG the window draws (its memory is 4 bytes a pixel, on the GUI thread): 100
// million pixels, e.g. 100 x 56 cm at 300 dpi; more is refused with a message.
inline constexpr double kMaxFigurePixels = 100e6;
inline constexpr int kMinFontPt = 5;
inline constexpr int kMaxFontPt = 36;

} // namespace modescope::ui
