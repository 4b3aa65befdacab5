// The side plots draw a long run from a bounded number of points: every curve holds at most
// kMaxPlotPoints, ends at the newest row, and the smoothed loss still averages every row.
#include <QtTest>

#include "plots/LossPlot.h"
#include "plots/MetricsPlot.h"
#include "plots/PlotStyle.h"

using namespace modescope;
using namespace modescope::ui;

class TestSidePlots : public QObject
{
    Q_OBJECT
private slots:
    void longRunsAreDrawnFromBoundedPoints();
    void simSwitchesAreMarked();
};

namespace
{
std::vector<MetricsRow> rows(int n)
{
    std::vector<MetricsRow> out(static_cast<size_t>(n));
    for (int r = 0; r < n; ++r) {
        out[r].losses.iteration = 10 * (r + 1);
        out[r].losses.dLoss = r % 2; // alternates 0, 1: its running average tends to 0.5
        out[r].losses.gLosses = { 2.0 };
        out[r].metrics.modesBalanced = r == n - 1 ? 5 : 3;
    }
    return out;
}
} // namespace

void TestSidePlots::longRunsAreDrawnFromBoundedPoints()
{
    const int n = 72000; // an hour of rows at 20 snapshots a second
    LossPlot losses;
    losses.setSmoothing(0.99);
    losses.setRows(rows(n));
    QVERIFY(losses.graphCount() > 0); // the loops below check something
    for (int c = 0; c < losses.graphCount(); ++c) {
        const auto data = losses.graph(c)->data();
        QVERIFY(data->size() > 0);
        QVERIFY(data->size() <= kMaxPlotPoints + 1);
        QCOMPARE((data->constEnd() - 1)->key, 10.0 * n); // the newest row is drawn
    }
    // The average ran over every row (alternating 0 and 1), not over the drawn ones only.
    const double last = (losses.graph(0)->data()->constEnd() - 1)->value;
    QVERIFY2(std::abs(last - 0.5) < 0.02, qPrintable(QString::number(last)));

    MetricsPlot metrics;
    metrics.setRows(rows(n), 5);
    QVERIFY(metrics.graphCount() > 0);
    for (int c = 0; c < metrics.graphCount(); ++c)
        QVERIFY(metrics.graph(c)->data()->size() <= kMaxPlotPoints + 1);
    bool newestShown = false;
    for (int c = 0; c < metrics.graphCount(); ++c)
        newestShown = newestShown || (metrics.graph(c)->data()->constEnd() - 1)->value == 5.0;
    QVERIFY(newestShown); // the last row's 5 balanced modes
}

void TestSidePlots::simSwitchesAreMarked()
{
    // Sim switched on at step 300 and off at step 700: both plots mark those steps, labelled.
    std::vector<MetricsRow> r = rows(100);
    for (MetricsRow& row : r)
        row.losses.simOn = row.losses.iteration >= 300 && row.losses.iteration < 700;
    LossPlot losses;
    MetricsPlot metrics;
    losses.setRows(r);
    metrics.setRows(r, 5);
    for (QCustomPlot* plot :
        { static_cast<QCustomPlot*>(&losses), static_cast<QCustomPlot*>(&metrics) }) {
        QList<double> lines;
        QStringList labels;
        for (int i = 0; i < plot->itemCount(); ++i) {
            if (auto* line = qobject_cast<QCPItemStraightLine*>(plot->item(i)))
                lines << line->point1->coords().x();
            if (auto* text = qobject_cast<QCPItemText*>(plot->item(i)))
                labels << text->text();
        }
        QCOMPARE(lines, (QList<double> { 300, 700 }));
        QCOMPARE(labels, (QStringList { "Sim on", "Sim off" }));
    }
    // Redrawn without switches: the marks go.
    for (MetricsRow& row : r)
        row.losses.simOn = false;
    metrics.setRows(r, 5);
    QCOMPARE(metrics.itemCount(), 0);
}

QTEST_MAIN(TestSidePlots)
#include "tst_sideplots.moc"
