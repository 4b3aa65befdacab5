#include "PlotExport.h"

#include <QDir>
#include <QFileInfo>
#include <QSvgGenerator>
#include <qcustomplot.h>

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
    const QFileInfo info(file);
    const QString suffix = info.suffix().toLower();
    if (suffix != "png" && suffix != "pdf" && suffix != "svg")
        return QObject::tr("%1: unknown format (use .png, .pdf or .svg)").arg(file);
    const QString partial = info.dir().filePath(info.completeBaseName() + ".partial." + suffix);
    bool written = false;
    if (suffix == "png")
        written = plot->savePng(partial, width, height);
    else if (suffix == "pdf")
        written = plot->savePdf(partial, width, height);
    else
        written = writeSvg(plot, partial, width, height);
    if (!written || !QFileInfo(partial).isFile() || QFileInfo(partial).size() == 0) {
        QFile::remove(partial);
        return QObject::tr("%1: cannot write here").arg(file);
    }
    QFile::remove(file);
    if (!QFile::rename(partial, file)) {
        QFile::remove(partial);
        return QObject::tr("%1: cannot replace the file").arg(file);
    }
    return {};
}

} // namespace modescope::ui
