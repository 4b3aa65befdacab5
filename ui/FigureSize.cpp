#include "FigureSize.h"

#include <QImage>
#include <QtGlobal>

#include <cmath>

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

FigureSize FigureSize::atDpi(int newDpi) const
{
    FigureSize f = *this;
    f.dpi = newDpi;
    return f;
}

} // namespace modescope::ui
