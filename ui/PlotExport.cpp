#include "PlotExport.h"

#include <QDir>
#include <QFileInfo>
#include <QSvgGenerator>
#include <qcustomplot.h>

#include <vector>

#include "PlotStyle.h"
#include "modescope/AtomicFile.h"
#include "modescope/ConfigError.h"

namespace modescope::ui
{

namespace
{
constexpr int kMinAxisRectPt = 24; // the smallest plot area a figure keeps, in points
constexpr int kMinFigurePt = 36; // half an inch: anything smaller has no room for axes

// A font of `points` points, drawn where one unit is one point: a pixel size in those units.
QFont fontOf(const QFont& base, int points)
{
    QFont f = base;
    f.setPixelSize(std::max(points, kMinFontPt));
    return f;
}

// Sets every text of the plot to the figure's point sizes (and adds the caption above the
// figure) for as long as it lives; puts back the window's fonts and layout afterwards.
class FigureFonts
{
public:
    FigureFonts(QCustomPlot* plot, const FigureSize& figure, const QString& caption)
        : m_plot(plot)
    {
        const int label = figure.fontPt;
        const int small = figure.fontPt - 1;
        std::vector<QCPAxis*> axes;
        for (QCPAxisRect* rect : plot->axisRects())
            for (QCPAxis* axis : rect->axes())
                axes.push_back(axis);
        for (QCPLayoutElement* element : plot->plotLayout()->elements(true))
            if (auto* scale = qobject_cast<QCPColorScale*>(element))
                axes.push_back(scale->axis());
        for (QCPAxis* axis : axes) {
            remember([axis, f = axis->labelFont()] { axis->setLabelFont(f); });
            remember([axis, f = axis->tickLabelFont()] { axis->setTickLabelFont(f); });
            axis->setLabelFont(fontOf(axis->labelFont(), label));
            axis->setTickLabelFont(fontOf(axis->tickLabelFont(), small));
        }
        QCPLegend* legend = plot->legend;
        // The legend's setFont sets its entries' fonts too: keep theirs first, restore them last.
        remember([legend, f = legend->font()] { legend->setFont(f); });
        for (int i = 0; i < legend->itemCount(); ++i)
            if (QCPAbstractLegendItem* item = legend->item(i)) // null: an empty wrapped cell
                remember([item, f = item->font()] { item->setFont(f); });
        legend->setFont(fontOf(legend->font(), small));
        remember([legend, size = legend->iconSize()] { legend->setIconSize(size); });
        legend->setIconSize(2 * small, small); // a line sample as long as two letters are tall
        for (int i = 0; i < legend->itemCount(); ++i)
            if (QCPAbstractLegendItem* item = legend->item(i))
                item->setFont(fontOf(item->font(), small));
        remember([legend, wrap = legend->wrap(), order = legend->fillOrder()] {
            legend->setWrap(wrap);
            legend->setFillOrder(order, true);
        });
        fitLegendColumns(plot, figure.widthPt(), legendMostColumns(plot));
        for (int i = 0; i < plot->itemCount(); ++i)
            if (auto* text = qobject_cast<QCPItemText*>(plot->item(i))) {
                remember([text, f = text->font()] { text->setFont(f); });
                text->setFont(fontOf(text->font(), small));
            }
        // Titles in the layout (a comparison's lane titles) at the tick size: they are long.
        for (QCPLayoutElement* element : plot->plotLayout()->elements(true))
            if (auto* title = qobject_cast<QCPTextElement*>(element)) {
                remember([title, f = title->font()] { title->setFont(f); });
                title->setFont(fontOf(title->font(), small));
            }
        // QCustomPlot's axis rect wants 50 x 50 inside: in a small figure with a caption and a
        // legend that squeezes every row, legend included. The plots take what is left; a
        // band under a plot (the owner strip) is one line of text tall.
        for (QCPAxisRect* rect : plot->axisRects()) {
            remember([rect, lo = rect->minimumSize(), hi = rect->maximumSize()] {
                rect->setMinimumSize(lo);
                rect->setMaximumSize(hi);
            });
            if (rect->property(kBandProperty).toBool()) {
                rect->setMinimumSize(0, label);
                rect->setMaximumSize(QWIDGETSIZE_MAX, label);
            } else {
                rect->setMinimumSize(kMinAxisRectPt, kMinAxisRectPt);
            }
        }
        if (figure.caption && !caption.isEmpty()) {
            plot->plotLayout()->insertRow(0);
            m_caption = new QCPTextElement(plot, caption, fontOf(plot->font(), label));
            plot->plotLayout()->addElement(0, 0, m_caption);
            plot->plotLayout()->setRowStretchFactor(0, 0.001);
        }
    }

    ~FigureFonts()
    {
        if (m_caption) {
            m_plot->plotLayout()->remove(m_caption);
            m_plot->plotLayout()->simplify();
        }
        // Last changed, first restored: each value goes back to what it was before the export.
        for (auto restore = m_restore.rbegin(); restore != m_restore.rend(); ++restore)
            (*restore)();
        m_plot->replot(QCustomPlot::rpQueuedReplot); // the window's layout, fonts back
    }

private:
    void remember(std::function<void()> restore) { m_restore.push_back(std::move(restore)); }

    QCustomPlot* m_plot;
    QCPTextElement* m_caption = nullptr;
    std::vector<std::function<void()>> m_restore;
};

QImage rasterise(QCustomPlot* plot, const FigureSize& figure, const QString& caption)
{
    QImage image;
    {
        const FigureFonts fonts(plot, figure, caption);
        image = plot->toPixmap(figure.widthPt(), figure.heightPt(), figure.pixelsPerPoint())
                    .toImage();
    }
    figure.stamp(image, caption);
    return image;
}

bool writeSvg(
    QCustomPlot* plot, const QString& file, const FigureSize& figure, const QString& caption)
{
    const FigureFonts fonts(plot, figure, caption);
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
    painter.setFont(fontOf(plot->font(), figure.fontPt));
    plot->toPainter(&painter, width, height);
    return painter.end();
}

bool writePdf(
    QCustomPlot* plot, const QString& file, const FigureSize& figure, const QString& caption)
{
    const FigureFonts fonts(plot, figure, caption);
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
            return rasterise(plot, figure, caption).save(partial, "PNG");
        if (suffix == "pdf")
            return writePdf(plot, partial, figure, caption);
        return writeSvg(plot, partial, figure, caption);
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
