#include "export/DensityCsv.h"

#include <QStringList>

namespace modescope::ui
{

namespace
{
QString at(const std::vector<double>& v, size_t p)
{
    return p < v.size() ? QString::number(v[p], 'g', 10) : QString("nan");
}

QString curvesCsv(const Snapshot& s, bool shares)
{
    const int k = static_cast<int>(s.generatorDensity.size());
    QStringList header { "x", "data" };
    for (int i = 0; i < k; ++i)
        header << (shares ? QString("g%1_share").arg(i + 1) : QString("g%1").arg(i + 1));
    header << "average" << QString::fromStdString(s.reading.column);
    QString csv = header.join(',') + '\n';
    const double scale = shares && k > 0 ? 1.0 / k : 1.0;
    for (size_t p = 0; p < s.grid.size(); ++p) {
        QStringList row { at(s.grid, p), at(s.dataDensity, p) };
        for (int i = 0; i < k; ++i)
            row << (p < s.generatorDensity[i].size()
                    ? QString::number(s.generatorDensity[i][p] * scale, 'g', 10)
                    : QString("nan"));
        row << at(s.mixtureDensity, p) << at(s.dReal, p);
        csv += row.join(',') + '\n';
    }
    return csv;
}

QString mapCsv(const Snapshot& s)
{
    const int k = static_cast<int>(s.points.size());
    QStringList header { "x", "y", "data" };
    for (int i = 0; i < k; ++i)
        header << QString("g%1").arg(i + 1);
    header << "average" << QString::fromStdString(s.reading.column);
    QString csv = header.join(',') + '\n';
    const size_t nx = s.grid.size();
    const size_t cells = nx * s.gridY.size();
    for (size_t p = 0; p < cells; ++p) {
        QStringList row { at(s.grid, p % nx), at(s.gridY, p / nx), at(s.dataDensity, p) };
        for (int i = 0; i < k; ++i)
            row << (static_cast<size_t>(i) < s.generatorDensity.size()
                    ? at(s.generatorDensity[static_cast<size_t>(i)], p)
                    : QString("nan"));
        row << at(s.mixtureDensity, p) << at(s.dReal, p);
        csv += row.join(',') + '\n';
    }
    return csv;
}
} // namespace

QString densityCsv(const Snapshot& snapshot, bool shares)
{
    if (snapshot.imageRows > 0)
        return {};
    return snapshot.dimension == 2 ? mapCsv(snapshot) : curvesCsv(snapshot, shares);
}

} // namespace modescope::ui
