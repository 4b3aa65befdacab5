#include "plots/ImageGridView.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

#include "plots/DensityPlot.h"
#include "plots/PlotStyle.h"
#include "plots/PlotToolTips.h"

namespace modescope::ui
{

namespace
{
constexpr int kGap = 2; // pixels between images and around the grid
constexpr int kLabelWidth = 40; // the rows' names, left of the images ("data", "G10")

// Images of rows x cols in [0, 1] into `image` at (left, top), ink in `ink`. Stacked images
// (`channels` 3, three planes each) are drawn as the run folder's PNGs draw them (PngFile.h):
// plane 0's ink cyan, plane 1's magenta, plane 2's yellow, whatever `ink` says.
void paintTiles(QImage& image, const std::vector<float>& pixels, int rows, int cols, int channels,
    int left, int top, const QColor& ink)
{
    const auto plane = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
    const std::size_t size = plane * static_cast<std::size_t>(channels);
    const std::size_t count = size == 0 ? 0 : pixels.size() / size;
    const auto amount = [](float v) {
        return std::isfinite(v) ? std::clamp(static_cast<double>(v), 0.0, 1.0) : 0.0;
    };
    for (std::size_t n = 0; n < count; ++n) {
        const int x0 = left + static_cast<int>(n) * (cols + kGap);
        const float* first = pixels.data() + n * size;
        for (int r = 0; r < rows; ++r) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine(top + r));
            for (int c = 0; c < cols; ++c) {
                const auto at = static_cast<std::size_t>(r * cols + c);
                if (channels == 3) {
                    line[x0 + c] = qRgb(
                        static_cast<int>(std::lround(255 * (1 - amount(first[at])))),
                        static_cast<int>(std::lround(255 * (1 - amount(first[plane + at])))),
                        static_cast<int>(std::lround(255 * (1 - amount(first[2 * plane + at])))));
                    continue;
                }
                const double a = amount(first[at]);
                line[x0 + c] = qRgb(static_cast<int>(std::lround(255 * (1 - a) + ink.red() * a)),
                    static_cast<int>(std::lround(255 * (1 - a) + ink.green() * a)),
                    static_cast<int>(std::lround(255 * (1 - a) + ink.blue() * a)));
            }
        }
    }
}
} // namespace

ImageGridView::ImageGridView(DensityPlot& plot)
    : DensityView(plot)
    , m_grid(new QCPItemPixmap(&plot))
{
    for (QCPAxis* axis : { plot.xAxis, plot.yAxis, plot.xAxis2, plot.yAxis2 })
        axis->setVisible(false);
    plot.legend->setVisible(false);
    plot.axisRect()->setAutoMargins(QCP::msNone);
    plot.axisRect()->setMargins(QMargins(0, 0, 0, 0));
    // The whole widget, whatever the hidden axes' layout holds on to.
    m_grid->setClipToAxisRect(false);
    m_grid->topLeft->setType(QCPItemPosition::ptViewportRatio);
    m_grid->topLeft->setCoords(0, 0);
    m_grid->bottomRight->setType(QCPItemPosition::ptViewportRatio);
    m_grid->bottomRight->setCoords(1, 1);
    m_grid->setScaled(true, Qt::KeepAspectRatio, Qt::FastTransformation);
    if (auto* tips = PlotToolTips::of(&plot)) {
        m_otherTip = tips->generalTip();
        tips->setGeneralTip(DensityPlot::tr(
            "Each generator's latest images, one row per generator, its ink in its colour; the "
            "last row is one real image of each class. Mode collapse on images: a row of near "
            "copies, or rows that all draw the same kind while other kinds in the real row have "
            "no row of their own. Stacked images show their three channels in cyan, magenta "
            "and yellow ink (the real row: ten drawn at random)."));
    }
}

ImageGridView::~ImageGridView()
{
    m_plot.removeItem(m_grid);
    for (QCPAxis* axis : { m_plot.xAxis, m_plot.yAxis })
        axis->setVisible(true);
    m_plot.legend->setVisible(true);
    m_plot.axisRect()->setAutoMargins(QCP::msAll);
    if (auto* tips = PlotToolTips::of(&m_plot); tips && !m_otherTip.isEmpty())
        tips->setGeneralTip(m_otherTip);
}

void ImageGridView::draw()
{
    DensityPlot& p = m_plot;
    const Snapshot& s = p.snapshot();
    const int rows = s.imageRows;
    const int cols = s.imageCols;
    const int channels = s.imageChannels == 3 ? 3 : 1;
    const auto size = static_cast<std::size_t>(channels) * static_cast<std::size_t>(rows)
        * static_cast<std::size_t>(cols);
    if (size == 0)
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
        paintTiles(image, s.images[i], rows, cols, channels, kLabelWidth + kGap,
            kGap + i * (rows + kGap), generatorColor(i));
    paintTiles(image, s.realImages, rows, cols, channels, kLabelWidth + kGap,
        kGap + k * (rows + kGap), Qt::black);
    QPainter painter(&image);
    QFont font = painter.font();
    font.setPixelSize(std::max(8, rows / 2));
    painter.setFont(font);
    for (int i = 0; i <= k; ++i) {
        painter.setPen(i < k ? generatorColor(i) : QColor(Qt::black));
        painter.drawText(QRect(0, kGap + i * (rows + kGap), kLabelWidth - kGap, rows),
            Qt::AlignRight | Qt::AlignVCenter,
            i < k ? QString("G%1").arg(i + 1) : DensityPlot::tr("data"));
    }
    painter.end();
    m_grid->setPixmap(QPixmap::fromImage(image));
    m_generators = k;
    p.replot(QCustomPlot::rpQueuedReplot);
}

} // namespace modescope::ui
