#pragma once

#include <QImage>
#include <QString>

#include <functional>

#include "export/FigureSize.h"

class QCustomPlot;

namespace modescope::ui
{

// Writes `plot` to `file` at the figure's printed size; the suffix picks the format: .png
// (pixels at the figure's DPI, the DPI recorded), .pdf (a page of the figure's size in
// points) and .svg (the size in mm). Fonts are set in points for the file only (labels at
// fontPt, ticks and legend one smaller) and the window's plot is left as it was. `caption`
// is drawn above the figure when the figure asks for it, and is stored as the file's title
// either way. The file appears whole or not at all: it is written under a temporary name
// first, so a failed export never spoils an earlier one. Returns an empty string on success,
// else what went wrong.
QString exportPlot(
    QCustomPlot* plot, const QString& file, const FigureSize& figure, const QString& caption);

// The plot drawn as exportPlot draws a PNG, as an image (video frames).
QImage renderPlot(QCustomPlot* plot, const FigureSize& figure, const QString& caption);

// The engine's one atomic replace (modescope/AtomicFile.h) for the window's writers: `write`
// writes the whole file at the temporary path it is given and returns false on failure.
// Returns an empty string on success, else the reason naming `file`.
QString replaceFile(
    const QString& file, const std::function<bool(const QString& temporary)>& write);

// `image` encoded as PNG in memory, then written to `file`; false when the file could not be
// written whole. Qt's PNG writer, given a file that fails mid-write (a full disk), jumps out of
// libpng past its own buffers and leaks them; encoding in memory keeps its path off the disk.
bool writePng(const QImage& image, const QString& file);

} // namespace modescope::ui
