#include "FigureSize.h"

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

// From the whole points, as the renderer scales them: the PNG is exactly this size.
int FigureSize::widthPx() const
{
    return round(widthPt() * dpi / kPointsPerInch);
}

int FigureSize::heightPx() const
{
    return round(heightPt() * dpi / kPointsPerInch);
}

FigureSize FigureSize::atDpi(int newDpi) const
{
    FigureSize f = *this;
    f.dpi = newDpi;
    return f;
}

} // namespace modescope::ui
