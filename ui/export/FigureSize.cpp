#include "export/FigureSize.h"

#include <QImage>
#include <QRegularExpression>
#include <QtGlobal>

#include <cmath>

#include "modescope/config/ConfigError.h"

namespace modescope::ui
{

namespace
{
constexpr double kMetresPerInch = 0.0254;
int round(double v)
{
    return static_cast<int>(std::lround(v));
}
} // namespace

int FigureSize::widthPt() const
{
    return round(widthCm / kCmPerInch * kPointsPerInch);
}

int FigureSize::heightPt() const
{
    return round(heightCm / kCmPerInch * kPointsPerInch);
}

// From the whole points, rounded as the renderer does: the PNG is exactly this size.
int FigureSize::widthPx() const
{
    return qRound(pixelsPerPoint() * widthPt()); // QCustomPlot's toPixmap: qRound(scale * w)
}

int FigureSize::heightPx() const
{
    return qRound(pixelsPerPoint() * heightPt());
}

void FigureSize::stamp(QImage& image, const QString& caption) const
{
    const int dotsPerMetre = static_cast<int>(std::lround(dpi / kMetresPerInch));
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    image.setText("Title", caption);
    image.setText("Software", "ModeScope");
}

FigureSize withSize(FigureSize figure, const QString& text)
{
    for (const FigureSizePreset& p : kFigureSizePresets)
        if (text == QLatin1String(p.id)) {
            figure.widthCm = p.widthCm;
            figure.heightCm = p.heightCm;
            return figure;
        }
    const QRegularExpression size(R"(^(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)cm$)");
    const QRegularExpressionMatch m = size.match(text);
    const double width = m.hasMatch() ? m.captured(1).toDouble() : 0.0;
    const double height = m.hasMatch() ? m.captured(2).toDouble() : 0.0;
    if (width < kMinSideCm || height < kMinSideCm || width > kMaxSideCm || height > kMaxSideCm)
        throw ConfigError("--size: \"" + text.toStdString()
            + "\" is not one-column, full-width, slide or WxHcm (e.g. 12x8cm, each side 2 to "
              "100 cm, as in the Export dialog)");
    figure.widthCm = width;
    figure.heightCm = height;
    return figure;
}

FigureSize FigureSize::atDpi(int newDpi) const
{
    FigureSize f = *this;
    f.dpi = newDpi;
    return f;
}

} // namespace modescope::ui
