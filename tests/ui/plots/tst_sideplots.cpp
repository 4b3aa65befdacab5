// The side plots draw a long run from a bounded number of points: every curve holds at most
// kMaxPlotPoints, ends at the newest row, and the smoothed loss still averages every row.
#include <QtTest>

#include <cmath>

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
    void rowsAddedAtTheEndDrawAsTheWholeList();
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
    // Redrawn with the same switches (a long run's every redraw), the marks are the same
    // items, not made anew; without switches they go.
    QCPAbstractItem* first = losses.item(0);
    losses.setRows(r);
    QCOMPARE(losses.itemCount(), 4);
    QCOMPARE(losses.item(0), first);
    for (MetricsRow& row : r)
        row.losses.simOn = false;
    metrics.setRows(r, 5);
    QCOMPARE(metrics.itemCount(), 0);
}

void TestSidePlots::rowsAddedAtTheEndDrawAsTheWholeList()
{
    // Losses that wander (a sine and a ramp), two generators.
    auto wandering = [](int n, double phase) {
        std::vector<MetricsRow> out(static_cast<size_t>(n));
        for (int r = 0; r < n; ++r) {
            out[r].losses.iteration = 10 * (r + 1);
            out[r].losses.dLoss = std::sin(0.01 * r + phase);
            out[r].losses.gLosses = { 0.001 * r, std::cos(0.02 * r + phase) };
        }
        return out;
    };
    auto sameCurves = [](LossPlot& a, LossPlot& b) {
        if (a.graphCount() != b.graphCount() || a.graphCount() == 0)
            return false;
        for (int c = 0; c < a.graphCount(); ++c) {
            const auto da = a.graph(c)->data();
            const auto db = b.graph(c)->data();
            if (da->size() != db->size())
                return false;
            for (int i = 0; i < da->size(); ++i)
                if (da->at(i)->key != db->at(i)->key || da->at(i)->value != db->at(i)->value)
                    return false;
        }
        return true;
    };
    const std::vector<MetricsRow> all = wandering(5000, 0.0);
    LossPlot grown; // as a run's redraws give them: the list growing at the end
    for (int n : { 1, 100, 2500, 4999, 5000, 5000 })
        grown.setRows(std::vector<MetricsRow>(all.begin(), all.begin() + n));
    LossPlot whole;
    whole.setRows(all);
    QVERIFY(sameCurves(grown, whole));

    // Cut back and grown again with other losses (a history scrubbed back, then trained on):
    // drawn as the new list, not as the old one continued.
    std::vector<MetricsRow> other = wandering(3000, 1.0);
    other.resize(2000);
    grown.setRows(other);
    LossPlot fresh;
    fresh.setRows(other);
    QVERIFY(sameCurves(grown, fresh));
    // ... and a list of the same length whose last row changed.
    other.back().losses.dLoss += 1.0;
    grown.setRows(other);
    fresh.setRows(other);
    QVERIFY(sameCurves(grown, fresh));

    // Another smoothing averages every row again.
    grown.setSmoothing(0.5);
    LossPlot smoothed;
    smoothed.setSmoothing(0.5);
    smoothed.setRows(other);
    QVERIFY(sameCurves(grown, smoothed));

    // A row with a third generator (another run's rows) draws three generator curves.
    std::vector<MetricsRow> wider = other;
    wider.push_back(wider.back());
    wider.back().losses.iteration += 10;
    wider.back().losses.gLosses = { 1.0, 2.0, 3.0 };
    grown.setRows(wider);
    QCOMPARE(grown.graphCount(), 1 + 3);
}

QTEST_MAIN(TestSidePlots)
#include "tst_sideplots.moc"
