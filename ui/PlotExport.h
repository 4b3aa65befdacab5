#pragma once

#include <QString>

class QCustomPlot;

namespace modescope::ui
{

// Writes `plot` to `file` at width x height pixels (points for PDF); the suffix picks the
// format: .png (raster), .pdf and .svg (vector). The file appears whole or not at all: it is
// written under a temporary name first, so a failed export never spoils an earlier one.
// Returns an empty string on success, else what went wrong.
QString exportPlot(QCustomPlot* plot, const QString& file, int width, int height);

} // namespace modescope::ui
