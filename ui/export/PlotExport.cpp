#include "export/PlotExport.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSvgGenerator>
#include <qcustomplot.h>

#include "export/FigureStyle.h"
#include "modescope/config/ConfigError.h"
#include "modescope/io/AtomicFile.h"

namespace modescope::ui
{

namespace
{
constexpr int kMinFigurePt = 36; // half an inch: anything smaller has no room for axes

QImage rasterise(QCustomPlot* plot, const FigureSize& figure, const QString& caption)
{
    QImage image;
    {
        const FigureStyle style(plot, figure, caption);
        image = plot->toPixmap(figure.widthPt(), figure.heightPt(), figure.pixelsPerPoint())
                    .toImage();
    }
    figure.stamp(image, caption);
    return image;
}

bool writeSvg(
    QCustomPlot* plot, const QString& file, const FigureSize& figure, const QString& caption)
{
    const FigureStyle style(plot, figure, caption);
    const int width = figure.widthPt();
    const int height = figure.heightPt();
    QSvgGenerator svg;
    svg.setFileName(file);
    svg.setResolution(
        static_cast<int>(FigureSize::kPointsPerInch)); // one unit a point: the size in mm
    svg.setSize(QSize(width, height));
    svg.setViewBox(QRect(0, 0, width, height));
    svg.setTitle(caption);
    svg.setDescription("ModeScope");
    QCPPainter painter;
    if (!painter.begin(&svg))
        return false;
    // Every group in the file states a font: let the ones without text state the figure's.
    painter.setFont(figureFont(plot->font(), figure.fontPt));
    plot->toPainter(&painter, width, height);
    return painter.end();
}

bool writePdf(
    QCustomPlot* plot, const QString& file, const FigureSize& figure, const QString& caption)
{
    const FigureStyle style(plot, figure, caption);
    return plot->savePdf(
        file, figure.widthPt(), figure.heightPt(), QCP::epAllowCosmetic, "ModeScope", caption);
}
} // namespace

QImage renderPlot(QCustomPlot* plot, const FigureSize& figure, const QString& caption)
{
    if (figure.pixels() > kMaxFigurePixels)
        return {};
    return rasterise(plot, figure, caption);
}

QString exportPlot(
    QCustomPlot* plot, const QString& file, const FigureSize& figure, const QString& caption)
{
    if (figure.widthPt() < kMinFigurePt || figure.heightPt() < kMinFigurePt)
        return QObject::tr("%1: the size %2 x %3 cm is too small")
            .arg(file)
            .arg(figure.widthCm)
            .arg(figure.heightCm);
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (suffix != "png" && suffix != "pdf" && suffix != "svg")
        return QObject::tr("%1: unknown format (use .png, .pdf or .svg)").arg(file);
    if (suffix == "png" && figure.pixels() > kMaxFigurePixels)
        return QObject::tr("%1: %2 x %3 px is more than %4 million pixels; choose a lower DPI or "
                           "a smaller size (PDF and SVG have no limit)")
            .arg(file)
            .arg(figure.widthPx())
            .arg(figure.heightPx())
            .arg(kMaxFigurePixels / 1000000);
    return replaceFile(file, [&](const QString& partial) {
        if (suffix == "png")
            return writePng(rasterise(plot, figure, caption), partial);
        if (suffix == "pdf")
            return writePdf(plot, partial, figure, caption);
        return writeSvg(plot, partial, figure, caption);
    });
}

bool writePng(const QImage& image, const QString& file)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    if (!buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG"))
        return false;
    QFile out(file);
    return out.open(QIODevice::WriteOnly | QIODevice::Truncate) && out.write(bytes) == bytes.size()
        && out.flush();
}

QString replaceFile(const QString& file, const std::function<bool(const QString& temporary)>& write)
{
    try {
        replaceFileAtomically(file.toStdString(), [&write](const std::filesystem::path& partial) {
            return write(QString::fromStdString(partial.string()));
        });
        return {};
    } catch (const IoError& e) {
        return QString::fromStdString(e.what());
    }
}

} // namespace modescope::ui
