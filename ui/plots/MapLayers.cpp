#include "plots/MapLayers.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "plots/DensityPlot.h"
#include "plots/PlotStyle.h"

namespace modescope::ui
{

namespace
{
constexpr double kDataDecades = 4; // the data layer shows densities down to 1e-4 of its peak
constexpr int kLayerAlpha = 110; // of the owner layer, over the data
constexpr int kDiscriminatorAlpha = 170; // of D_real = 1
constexpr double kPointSize = 3.5; // of a generator's scatter points, in pixels

QCPColorMap* addLayer(QCPAxis* x, QCPAxis* y, const QString& name)
{
    auto* layer = new QCPColorMap(x, y);
    layer->setName(name);
    layer->setInterpolate(false); // cells as computed: a sharp mode is not smeared
    layer->setTightBoundary(false);
    return layer;
}

// Fills a layer from a grid field (y outer, x fastest); `value` maps a field entry.
template <typename T, typename F>
void fillLayer(QCPColorMap* layer, const Snapshot& s, const std::vector<T>& field, F value)
{
    const int nx = static_cast<int>(s.grid.size());
    const int ny = static_cast<int>(s.gridY.size());
    if (!layer || nx < 1 || ny < 1)
        return;
    layer->data()->setSize(nx, ny);
    layer->data()->setRange(
        QCPRange(s.grid.front(), s.grid.back()), QCPRange(s.gridY.front(), s.gridY.back()));
    for (int iy = 0; iy < ny; ++iy)
        for (int ix = 0; ix < nx; ++ix) {
            const size_t p
                = static_cast<size_t>(iy) * static_cast<size_t>(nx) + static_cast<size_t>(ix);
            layer->data()->setCell(ix, iy, p < field.size() ? value(field[p]) : 0.0);
        }
}
} // namespace

QCPColorMap* addDataLayer(QCPAxis* x, QCPAxis* y)
{
    QCPColorMap* layer = addLayer(x, y, "data");
    QCPColorGradient grey;
    grey.setColorStopAt(0, QColor(255, 255, 255, 0));
    grey.setColorStopAt(1, QColor(40, 40, 40));
    layer->setGradient(grey);
    layer->setDataScaleType(QCPAxis::stLogarithmic);
    return layer;
}

QCPColorMap* addDiscriminatorLayer(QCPAxis* x, QCPAxis* y)
{
    QCPColorMap* layer = addLayer(x, y, "D_real");
    QCPColorGradient purple;
    const QColor d = discriminatorColor();
    purple.setColorStopAt(0, QColor(d.red(), d.green(), d.blue(), 0));
    purple.setColorStopAt(1, QColor(d.red(), d.green(), d.blue(), kDiscriminatorAlpha));
    layer->setGradient(purple);
    layer->setDataRange(QCPRange(0, 1));
    return layer;
}

QCPColorMap* addOwnerLayer(QCPAxis* x, QCPAxis* y, int generators)
{
    QCPColorMap* layer = addLayer(x, y, "owner (argmax D_i)");
    QCPColorGradient owners;
    const int k = std::max(generators, 1);
    for (int i = 0; i < k; ++i) {
        QColor c = generatorColor(i);
        c.setAlpha(kLayerAlpha);
        owners.setColorStopAt(k == 1 ? 0.0 : double(i) / (k - 1), c);
        if (k == 1)
            owners.setColorStopAt(1.0, c);
    }
    owners.setLevelCount(std::max(k, 2)); // one flat colour per generator
    owners.setNanHandling(QCPColorGradient::nhTransparent);
    layer->setGradient(owners);
    layer->setDataRange(QCPRange(0, std::max(k - 1, 1)));
    return layer;
}

QCPScatterStyle::ScatterShape generatorShape(int i)
{
    // Four colours a shape: G5 (orange) beside G2 (vermillion) and G6 (sky blue) beside G1
    // (blue) looked alike as small discs; as squares they do not. Beyond eight the palette
    // repeats and the shape still tells G9 from G1.
    constexpr QCPScatterStyle::ScatterShape kShapes[] = { QCPScatterStyle::ssDisc,
        QCPScatterStyle::ssSquare, QCPScatterStyle::ssTriangle, QCPScatterStyle::ssDiamond };
    return kShapes[(std::max(i, 0) / 4) % std::size(kShapes)];
}

QCPGraph* addScatter(QCPAxis* x, QCPAxis* y, int i)
{
    auto* g = new QCPGraph(x, y);
    g->setName(QString("G%1").arg(i + 1));
    g->setLineStyle(QCPGraph::lsNone);
    const QColor c = generatorColor(i);
    g->setScatterStyle(QCPScatterStyle(generatorShape(i), c, c, kPointSize));
    g->setAdaptiveSampling(false); // every point is a sample: none may be merged away
    // Thousands of small discs: drawn without antialiasing they cost a fraction of the time,
    // which on a small machine is taken from training.
    g->setAntialiasedScatters(false);
    return g;
}

QCPCurve* addContour(QCPAxis* x, QCPAxis* y, int i)
{
    auto* contour = new QCPCurve(x, y);
    contour->setName(QString("G%1 contour").arg(i + 1));
    contour->setPen(QPen(generatorColor(i).darker(130), 1.5));
    contour->setLineStyle(QCPCurve::lsLine);
    contour->setScatterStyle(QCPScatterStyle::ssNone);
    contour->removeFromLegend();
    return contour;
}

void setContourSegments(QCPCurve* contour, const std::vector<double>& segments)
{
    QVector<double> t, x, y;
    const int n = static_cast<int>(segments.size() / 2);
    t.reserve(n);
    x.reserve(n);
    y.reserve(n);
    for (int p = 0; p < n; ++p) { // NaN pairs break the line between segments
        t.push_back(p);
        x.push_back(segments[static_cast<size_t>(2 * p)]);
        y.push_back(segments[static_cast<size_t>(2 * p + 1)]);
    }
    contour->setData(t, x, y, /*alreadySorted=*/true);
}

void fillDataLayer(QCPColorMap* layer, const Snapshot& s)
{
    const double peak = s.dataDensity.empty()
        ? 1.0
        : *std::max_element(s.dataDensity.begin(), s.dataDensity.end());
    const double floor = std::max(peak, 1e-300) * std::pow(10.0, -kDataDecades);
    fillLayer(layer, s, s.dataDensity, [floor](double v) { return std::max(v, floor); });
    if (layer)
        layer->setDataRange(QCPRange(floor, std::max(peak, floor * 10)));
}

void fillDiscriminatorLayer(QCPColorMap* layer, const Snapshot& s)
{
    fillLayer(layer, s, s.dReal, [](double v) { return v; });
}

void fillOwnerLayer(QCPColorMap* layer, const Snapshot& s)
{
    // No owner (-1, a 2-head D) is transparent, never generator 1's colour.
    fillLayer(layer, s, s.owner,
        [](int o) { return o >= 0 ? double(o) : std::numeric_limits<double>::quiet_NaN(); });
}

void setScatterPoints(QCPGraph* scatter, const std::vector<double>& points)
{
    QVector<double> x, y;
    x.reserve(static_cast<int>(points.size() / 2));
    y.reserve(static_cast<int>(points.size() / 2));
    for (size_t p = 0; p + 1 < points.size(); p += 2) {
        x.push_back(points[p]);
        y.push_back(points[p + 1]);
    }
    scatter->setData(x, y); // unsorted: a scatter's order is not x's
}

} // namespace modescope::ui
