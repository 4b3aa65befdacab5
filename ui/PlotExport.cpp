#include "PlotExport.h"

#include <QDir>
#include <QFileInfo>
#include <QSvgGenerator>
#include <qcustomplot.h>

#include "modescope/AtomicFile.h"
#include "modescope/ConfigError.h"

namespace modescope::ui
{

namespace
{
bool writeSvg(QCustomPlot* plot, const QString& file, int width, int height)
{
    QSvgGenerator svg;
    svg.setFileName(file);
    svg.setSize(QSize(width, height));
    svg.setViewBox(QRect(0, 0, width, height));
    svg.setTitle(plot->windowTitle());
    QCPPainter painter;
    if (!painter.begin(&svg))
        return false;
    plot->toPainter(&painter, width, height);
    return painter.end();
}
} // namespace

QString exportPlot(QCustomPlot* plot, const QString& file, int width, int height)
{
    if (width < 16 || height < 16)
        return QObject::tr("%1: the size %2 x %3 is too small").arg(file).arg(width).arg(height);
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (suffix != "png" && suffix != "pdf" && suffix != "svg")
        return QObject::tr("%1: unknown format (use .png, .pdf or .svg)").arg(file);
    return replaceFile(file, [&](const QString& partial) {
        if (suffix == "png")
            return plot->savePng(partial, width, height);
        if (suffix == "pdf")
            return plot->savePdf(partial, width, height);
        return writeSvg(plot, partial, width, height);
    });
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
