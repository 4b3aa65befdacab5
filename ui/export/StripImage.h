#pragma once

#include <QColor>
#include <QImage>
#include <QString>

#include <utility>
#include <vector>

#include "export/FigureSize.h"

namespace modescope::ui
{

// A strip image of generated samples: one band per generator, each x column shaded by how
// many of that generator's samples fall in it, over `range`; a data band on top when `data` is
// not empty; an x axis with ticks and its label. Drawn at the figure's width and DPI, with
// its fonts in points (the band count sets the height), in the plots' font.
QImage stripImage(const std::vector<std::vector<double>>& samples, const std::vector<double>& data,
    std::pair<double, double> range, const std::vector<QColor>& colors, const FigureSize& figure,
    const QString& caption);

// stripImage written as PNG, whole or not at all. Returns an empty string on success, else
// the reason naming `file`.
QString writeStripImage(const QString& file, const QImage& image);

} // namespace modescope::ui
