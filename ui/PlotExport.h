#pragma once

#include <QString>

#include <functional>

class QCustomPlot;

namespace modescope::ui
{

// Writes `plot` to `file` at width x height pixels (points for PDF); the suffix picks the
// format: .png (raster), .pdf and .svg (vector). The file appears whole or not at all: it is
// written under a temporary name first, so a failed export never spoils an earlier one.
// Returns an empty string on success, else what went wrong.
QString exportPlot(QCustomPlot* plot, const QString& file, int width, int height);

// The engine's one atomic replace (modescope/AtomicFile.h) for the window's writers: `write`
// writes the whole file at the temporary path it is given and returns false on failure.
// Returns an empty string on success, else the reason naming `file`.
QString replaceFile(
    const QString& file, const std::function<bool(const QString& temporary)>& write);

} // namespace modescope::ui
