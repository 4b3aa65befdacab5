#pragma once

#include <QString>
#include <QtGlobal>

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
inline constexpr double kMinSideCm = 2.0; // a figure's width or height
inline constexpr double kMaxSideCm = 100.0;
inline constexpr int kMinDpi = 50;
inline constexpr int kMaxDpi = 1200;

// Sizes a paper or a talk asks for: one column of a two-column paper, a full width, a slide.
// `id` is the command line's name (--size), `name` the Export dialog's.
struct FigureSizePreset {
    const char* id;
    const char* name;
    double widthCm;
    double heightCm;
};
inline constexpr FigureSizePreset kFigureSizePresets[] = {
    { "one-column", QT_TRANSLATE_NOOP("ExportDialog", "One column, 8.5 x 6 cm"), 8.5, 6.0 },
    { "full-width", QT_TRANSLATE_NOOP("ExportDialog", "Full width, 17 x 9 cm"), 17.0, 9.0 },
    { "slide", QT_TRANSLATE_NOOP("ExportDialog", "Slide, 25.4 x 14.3 cm"), 25.4, 14.3 },
};

// `figure` at the size `text` names: a preset's id, or "WxHcm" ("12x8cm", "12.5x8cm"). Throws
// ConfigError naming --size and what it accepts.
FigureSize withSize(FigureSize figure, const QString& text);

} // namespace modescope::ui
