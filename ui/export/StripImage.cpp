#include "export/StripImage.h"

#include <QFont>
#include <QObject>
#include <QPainter>

#include <algorithm>
#include <cmath>

#include "export/PlotExport.h"
#include "modescope/sweep/SweepFigure.h"

namespace modescope::ui
{

namespace
{
constexpr double kBandInFonts = 2.2; // a band's height, in font sizes
constexpr double kLabelInFonts = 3.2; // the band-name column's width ("G12", "data")
constexpr double kAxisInFonts = 3.4; // ticks, tick labels and the axis label under the bands
constexpr int kColumnsPerPoint = 2; // shading resolution along x
} // namespace

QImage stripImage(const std::vector<std::vector<double>>& samples, const std::vector<double>& data,
    std::pair<double, double> range, const std::vector<QColor>& colors, const FigureSize& figure,
    const QString& caption)
{
    const auto [lo, hi] = range;
    if (samples.empty() || !(hi > lo) || colors.empty())
        return {};
    const double font = figure.fontPt;
    const double captionHeight = figure.caption && !caption.isEmpty() ? 1.8 * font : 0.0;
    const int bands = static_cast<int>(samples.size()) + (data.empty() ? 0 : 1);
    const double band = kBandInFonts * font;
    const double left = kLabelInFonts * font;
    const double right = 1.5 * font; // room for the last tick label's right half
    const double width = figure.widthPt();
    const double height = captionHeight + bands * band + kAxisInFonts * font;
    const double plotWidth = width - left - right;
    if (plotWidth < 2 * font)
        return {};

    const double scale = figure.pixelsPerPoint();
    if (width * scale * height * scale > kMaxFigurePixels)
        return {};
    QImage image(static_cast<int>(std::lround(width * scale)),
        static_cast<int>(std::lround(height * scale)), QImage::Format_RGB32);
    image.fill(Qt::white);
    figure.stamp(image, caption);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(scale, scale); // from here on one unit is one point
    QFont text;
    text.setPixelSize(figure.fontPt);
    QFont small;
    small.setPixelSize(std::max(figure.fontPt - 1, kMinFontPt));

    if (captionHeight > 0) {
        painter.setFont(text);
        painter.setPen(Qt::black);
        painter.drawText(QRectF(0, 0, width, captionHeight), Qt::AlignCenter, caption);
    }
    const int columns = std::max(1, static_cast<int>(plotWidth * kColumnsPerPoint));
    const double columnWidth = plotWidth / columns;
    auto drawBand = [&](int b, const std::vector<double>& xs, const QColor& color,
                        const QString& label) {
        std::vector<double> counts(static_cast<size_t>(columns), 0.0);
        for (double x : xs) {
            const double c = std::floor((x - lo) / (hi - lo) * columns);
            if (c >= 0 && c < columns)
                counts[static_cast<size_t>(c)] += 1;
        }
        // Shade relative to the band's busiest column, square-rooted so thin tails show.
        const double top = std::max(1.0, *std::max_element(counts.begin(), counts.end()));
        const double y0 = captionHeight + b * band;
        for (int c = 0; c < columns; ++c) {
            const double a = std::sqrt(counts[static_cast<size_t>(c)] / top);
            if (a <= 0)
                continue;
            QColor shade = color;
            shade.setAlphaF(a);
            painter.fillRect(
                QRectF(left + c * columnWidth, y0 + 0.1 * band, columnWidth, 0.8 * band), shade);
        }
        painter.setFont(text);
        painter.setPen(color);
        painter.drawText(
            QRectF(0, y0, left - 0.4 * font, band), Qt::AlignRight | Qt::AlignVCenter, label);
    };
    int b = 0;
    if (!data.empty())
        drawBand(b++, data, QColor(60, 60, 60), QObject::tr("data"));
    for (size_t i = 0; i < samples.size(); ++i)
        drawBand(b++, samples[i], colors[i % colors.size()], QString("G%1").arg(i + 1));

    // The x axis: a base line, ticks 1, 2 or 5 times a power of ten apart, and its label.
    const double axisY = captionHeight + bands * band;
    painter.setPen(QPen(Qt::black, 0.75));
    painter.drawLine(QPointF(left, axisY), QPointF(left + plotWidth, axisY));
    painter.setFont(small);
    for (double t : niceTicks(lo, hi, 6)) {
        if (t < lo || t > hi)
            continue;
        const double px = left + (t - lo) / (hi - lo) * plotWidth;
        painter.drawLine(QPointF(px, axisY), QPointF(px, axisY + 0.4 * font));
        painter.drawText(QRectF(px - 3 * font, axisY + 0.5 * font, 6 * font, 1.3 * font),
            Qt::AlignHCenter | Qt::AlignTop, QString::number(t, 'g', 6));
    }
    painter.setFont(text);
    painter.drawText(QRectF(left, axisY + 1.8 * font, plotWidth, 1.5 * font),
        Qt::AlignHCenter | Qt::AlignTop, QObject::tr("x (samples per column, darker: more)"));
    return image;
}

QString writeStripImage(const QString& file, const QImage& image)
{
    if (image.isNull())
        return QObject::tr("%1: nothing to draw (no samples, no room at this size, or more than "
                           "%2 million pixels at this DPI)")
            .arg(file)
            .arg(kMaxFigurePixels / 1000000);
    return replaceFile(file, [&image](const QString& partial) { return writePng(image, partial); });
}

} // namespace modescope::ui
