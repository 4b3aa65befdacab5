#include "FigureSize.h"

#include <QtGlobal>

#include <cmath>

namespace modescope::ui
{

namespace
{
constexpr double kPointsPerInch = 72.0;
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
    return qRound(dpi / kPointsPerInch * widthPt()); // QCustomPlot's toPixmap: qRound(scale * w)
}

int FigureSize::heightPx() const
{
    return qRound(dpi / kPointsPerInch * heightPt());
}

FigureSize FigureSize::atDpi(int newDpi) const
{
    FigureSize f = *this;
    f.dpi = newDpi;
    return f;
}

} // namespace modescope::ui
