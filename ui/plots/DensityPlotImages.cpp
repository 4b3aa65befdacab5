// DensityPlot for an image run (issue 25): no axes, a grid of images. Row i holds generator
// i's latest kSnapshotImages images with its ink in its colour (pixel value v drawn as
// white * (1 - v) + colour * v), the last row one real image of each class in black; each row
// is named on its left. The grid is one pixmap, scaled to the plot at its aspect, so figures
// and the video draw it as the window does.
#include "plots/DensityPlot.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

#include "plots/PlotStyle.h"
#include "plots/PlotToolTips.h"

namespace modescope::ui
{

namespace
{
constexpr int kGap = 2; // pixels between images and around the grid
constexpr int kLabelWidth = 40; // the rows' names, left of the images ("data", "G10")

// Images of rows x cols in [0, 1] into `image` at (left, top), ink in `ink`.
void paintTiles(QImage& image, const std::vector<float>& pixels, int rows, int cols, int left,
    int top, const QColor& ink)
{
    const auto size = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
    const std::size_t count = size == 0 ? 0 : pixels.size() / size;
    for (std::size_t n = 0; n < count; ++n) {
        const int x0 = left + static_cast<int>(n) * (cols + kGap);
        for (int r = 0; r < rows; ++r) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine(top + r));
            for (int c = 0; c < cols; ++c) {
                const float v = pixels[n * size + static_cast<std::size_t>(r * cols + c)];
                const double a
                    = std::isfinite(v) ? std::clamp(static_cast<double>(v), 0.0, 1.0) : 0.0;
                line[x0 + c] = qRgb(static_cast<int>(std::lround(255 * (1 - a) + ink.red() * a)),
                    static_cast<int>(std::lround(255 * (1 - a) + ink.green() * a)),
                    static_cast<int>(std::lround(255 * (1 - a) + ink.blue() * a)));
            }
        }
    }
}
} // namespace

void DensityPlot::setImageMode(bool images)
{
    m_images = images;
    auto* tips = PlotToolTips::of(this);
    if (images) {
        clearGraphs();
        clearPlottables();
        m_dReal = nullptr;
        m_ownerBands.clear();
        m_dataLayer = m_dRealLayer = m_ownerLayer = nullptr;
        m_contours.clear();
        m_filledData.clear();
        if (m_stripRect->layout())
            plotLayout()->take(m_stripRect);
        plotLayout()->simplify();
        m_stripRect->setVisible(false);
        m_stripNote->setVisible(false);
        for (QCPAxis* axis : { xAxis, yAxis, xAxis2, yAxis2 })
            axis->setVisible(false);
        legend->setVisible(false);
        axisRect()->setAutoMargins(QCP::msNone);
        axisRect()->setMargins(QMargins(0, 0, 0, 0));
        // The whole widget, whatever the hidden axes' layout holds on to.
        m_imageGrid = new QCPItemPixmap(this);
        m_imageGrid->setClipToAxisRect(false);
        m_imageGrid->topLeft->setType(QCPItemPosition::ptViewportRatio);
        m_imageGrid->topLeft->setCoords(0, 0);
        m_imageGrid->bottomRight->setType(QCPItemPosition::ptViewportRatio);
        m_imageGrid->bottomRight->setCoords(1, 1);
        m_imageGrid->setScaled(true, Qt::KeepAspectRatio, Qt::FastTransformation);
        if (tips) {
            m_curvesTip = tips->generalTip();
            tips->setGeneralTip(
                tr("Each generator's latest images, one row per generator, its ink in its "
                   "colour; the last row is one real image of each class. Mode collapse on "
                   "images: a row of near copies, or rows that all draw the same kind while "
                   "other kinds in the real row have no row of their own."));
        }
        return;
    }
    if (m_imageGrid) {
        removeItem(m_imageGrid);
        m_imageGrid = nullptr;
    }
    for (QCPAxis* axis : { xAxis, yAxis })
        axis->setVisible(true);
    legend->setVisible(true);
    axisRect()->setAutoMargins(QCP::msAll);
    if (tips && !m_curvesTip.isEmpty())
        tips->setGeneralTip(m_curvesTip);
    setMapMode(m_map); // the line's or the map's furniture, rebuilt at the next snapshot
}

void DensityPlot::drawImages()
{
    const Snapshot& s = m_snapshot;
    const int rows = s.imageRows;
    const int cols = s.imageCols;
    const auto size = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
    if (!m_imageGrid || size == 0)
        return;
    const int k = static_cast<int>(s.images.size());
    const int real = static_cast<int>(s.realImages.size() / size);
    int across = real;
    for (const auto& images : s.images)
        across = std::max(across, static_cast<int>(images.size() / size));
    const int width = kLabelWidth + std::max(across, 1) * (cols + kGap) + kGap;
    const int height = (k + 1) * (rows + kGap) + kGap;
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    for (int i = 0; i < k; ++i)
        paintTiles(image, s.images[i], rows, cols, kLabelWidth + kGap, kGap + i * (rows + kGap),
            generatorColor(i));
    paintTiles(
        image, s.realImages, rows, cols, kLabelWidth + kGap, kGap + k * (rows + kGap), Qt::black);
    QPainter painter(&image);
    QFont font = painter.font();
    font.setPixelSize(std::max(8, rows / 2));
    painter.setFont(font);
    for (int i = 0; i <= k; ++i) {
        painter.setPen(i < k ? generatorColor(i) : QColor(Qt::black));
        painter.drawText(QRect(0, kGap + i * (rows + kGap), kLabelWidth - kGap, rows),
            Qt::AlignRight | Qt::AlignVCenter, i < k ? QString("G%1").arg(i + 1) : tr("data"));
    }
    painter.end();
    m_imageGrid->setPixmap(QPixmap::fromImage(image));
    m_generators = k;
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace modescope::ui
