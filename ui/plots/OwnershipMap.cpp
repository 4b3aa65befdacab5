#include "plots/OwnershipMap.h"

#include <algorithm>
#include <numeric>

#include "plots/PlotToolTips.h"

namespace modescope::ui
{

namespace
{
// QCPColorMap centres its first and last cells on the ends of the key (value) range, so n
// cells need a range of n - 1 cells' width. With one cell that range would be empty and
// nothing is drawn: the cell is then stored twice, half as wide, over the same span.
// The most columns that each get a name on the axis.
constexpr int kNamedColumns = 40;

int storedCells(int cells)
{
    return std::max(cells, 2);
}
QCPRange storedRange(int cells, double first)
{
    return cells >= 2 ? QCPRange(first, first + cells - 1) : QCPRange(first - 0.25, first + 0.25);
}
} // namespace

OwnershipMap::OwnershipMap(QWidget* parent)
    : QCustomPlot(parent)
    , m_map(new QCPColorMap(xAxis, yAxis))
{
    xAxis->setLabel(tr("mode (mean), in x order"));
    yAxis->setLabel("generator");
    yAxis->setRangeReversed(true); // G1 on top, as in a matrix
    QCPColorGradient gradient;
    gradient.setColorStopAt(0, Qt::white);
    gradient.setColorStopAt(1, QColor(0, 70, 140));
    m_map->setGradient(gradient);
    m_map->setDataRange(QCPRange(0, 1));
    m_map->setInterpolate(false);
    auto* scale = new QCPColorScale(this);
    scale->setGradient(gradient);
    scale->setDataRange(QCPRange(0, 1));
    scale->axis()->setLabel("share of G_i's samples");
    // Map and scale in one cell of their own, so a caption row above spans the whole width.
    auto* body = new QCPLayoutGrid;
    QCPAxisRect* map = axisRect();
    plotLayout()->take(map);
    plotLayout()->simplify();
    plotLayout()->addElement(0, 0, body);
    body->addElement(0, 0, map);
    body->addElement(0, 1, scale);
    m_map->setColorScale(scale);
    auto* margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    scale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);

    auto* tips = new PlotToolTips(this,
        tr("Ownership: row G_i shows where generator i's samples land, as the share nearest to "
           "each mode. A dark cell per row in different columns: the generators split the "
           "modes. A column with no dark cell: a mode nobody generates. One row dark in one "
           "cell only (gan): collapse onto that mode."));
    tips->setAxisTip(xAxis, tr("The target's modes by their means, left to right in x"));
    tips->setAxisTip(yAxis, tr("One row per generator (gan has one)"));
    tips->setAxisTip(scale->axis(),
        tr("Share of the generator's samples (500 in the window) whose nearest mode is the "
           "column's"));
}

void OwnershipMap::setOwnership(
    const std::vector<std::vector<double>>& ownership, const Mixture& mixture)
{
    const int modes = ownership.empty() ? 0 : static_cast<int>(ownership[0].size());
    std::vector<int> order(static_cast<size_t>(modes));
    std::iota(order.begin(), order.end(), 0);
    if (modes == mixture.size())
        std::stable_sort(order.begin(), order.end(),
            [&mixture](int a, int b) { return mixture.modes()[a].mean < mixture.modes()[b].mean; });
    // A column is labelled by its mode's mean: "x" in 1-D, "x,y" in 2-D (in x, then y order).
    QStringList names;
    for (int c = 0; c < modes && order[c] < mixture.size(); ++c) {
        QStringList coordinates;
        for (double v : mixture.modes()[order[c]].mean)
            coordinates << QString::number(v, 'g', mixture.dimension() == 2 ? 2 : 3);
        names << coordinates.join(',');
    }
    xAxis->setLabel(tr("mode (mean), in x order"));
    draw(ownership, std::move(order), names, mixture.dimension() == 2);
}

void OwnershipMap::setOwnership(
    const std::vector<std::vector<double>>& ownership, const TrainConfig& run)
{
    if (!run.images) {
        setOwnership(ownership, run.mixture);
        return;
    }
    if (run.images->stacked) {
        drawPooled(ownership, *run.images);
        return;
    }
    const int classes = ownership.empty() ? 0 : static_cast<int>(ownership[0].size());
    std::vector<int> order(static_cast<size_t>(classes));
    std::iota(order.begin(), order.end(), 0);
    QStringList names;
    for (int c = 0; c < classes; ++c)
        names << QString::fromStdString(run.images->className(c));
    xAxis->setLabel(tr("class, as the judge sees it"));
    draw(ownership, std::move(order), names, true);
}

void OwnershipMap::drawPooled(
    const std::vector<std::vector<double>>& ownership, const ImageTarget& target)
{
    // A stacked run's C^3 classes are too many columns to see one (1000 in a few hundred
    // pixels): each column pools the C classes that differ in the last channel only, so a
    // generator collapsed onto class 318 darkens column 31x.
    const int pool = std::max(target.classes, 1);
    const int classes = ownership.empty() ? 0 : static_cast<int>(ownership[0].size());
    const int columns = (classes + pool - 1) / pool;
    std::vector<std::vector<double>> pooled(
        ownership.size(), std::vector<double>(static_cast<size_t>(columns), 0.0));
    for (size_t i = 0; i < ownership.size(); ++i)
        for (int c = 0; c < classes; ++c)
            pooled[i][static_cast<size_t>(c / pool)] += ownership[i][static_cast<size_t>(c)];
    std::vector<int> order(static_cast<size_t>(columns));
    std::iota(order.begin(), order.end(), 0);
    QStringList names;
    for (int b = 0; b < columns; ++b) {
        QString name = QString::fromStdString(target.className(b * pool));
        name.chop(1);
        names << name + "x";
    }
    xAxis->setLabel(tr("stacked class, pooled over the last channel (31x: 310-319)"));
    draw(pooled, std::move(order), names, true);
}

void OwnershipMap::draw(const std::vector<std::vector<double>>& ownership, std::vector<int> order,
    const QStringList& names, bool turn)
{
    const int k = static_cast<int>(ownership.size());
    const int modes = static_cast<int>(order.size());
    m_columnModes = std::move(order);
    m_columnOfMode.assign(static_cast<size_t>(modes), 0);
    for (int c = 0; c < modes; ++c)
        m_columnOfMode[m_columnModes[c]] = c;
    m_rows = k;

    const int columns = storedCells(modes);
    const int rows = storedCells(k);
    m_map->data()->setSize(columns, rows);
    m_map->data()->setRange(storedRange(modes, 0), storedRange(k, 1));
    m_map->data()->fill(0);
    for (int cx = 0; cx < columns; ++cx)
        for (int cy = 0; cy < rows; ++cy) {
            const int i = std::min(cy, k - 1);
            const int c = std::min(cx, modes - 1);
            if (i >= 0 && c >= 0)
                m_map->data()->setCell(cx, cy, ownership[i][m_columnModes[c]]);
        }

    // Every column named up to kNamedColumns; past that (a stacked target's 1000 classes) one
    // in ten of the range, so that the names stay legible.
    QSharedPointer<QCPAxisTickerText> modeTicks(new QCPAxisTickerText);
    const int every = modes <= kNamedColumns ? 1 : (modes + 9) / 10;
    for (int c = 0; c < modes && c < names.size(); c += every)
        modeTicks->addTick(c, names[c]);
    xAxis->setTicker(modeTicks);
    xAxis->setTickLabelRotation(turn ? 90 : 0);
    QSharedPointer<QCPAxisTickerText> generatorTicks(new QCPAxisTickerText);
    for (int i = 0; i < k; ++i)
        generatorTicks->addTick(i + 1, QString("G%1").arg(i + 1));
    yAxis->setTicker(generatorTicks);
    xAxis->setRange(-0.5, std::max(modes, 1) - 0.5);
    yAxis->setRange(0.5, std::max(k, 1) + 0.5);
    replot(QCustomPlot::rpQueuedReplot);
}

double OwnershipMap::cell(int generator, int mode) const
{
    if (generator < 0 || generator >= m_rows || mode < 0
        || mode >= static_cast<int>(m_columnOfMode.size()))
        return 0.0;
    // Through the plot's coordinates: the value drawn where the row and the column are.
    int cx = 0;
    int cy = 0;
    m_map->data()->coordToCell(m_columnOfMode[mode], generator + 1, &cx, &cy);
    return m_map->data()->cell(cx, cy);
}

} // namespace modescope::ui
