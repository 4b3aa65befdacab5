// The window's memory of a run: one metrics row per new trained step, snapshots under a
// byte budget (thinned, never losing the newest), and a step back drops what came after it.
#include <QtTest>

#include <random>

#include "training/RunHistory.h"

using namespace modescope;
using namespace modescope::ui;

class TestRunHistory : public QObject
{
    Q_OBJECT
private slots:
    void rowsOnlyForTrainedNewSteps();
    void budgetThinsButKeepsTheNewest();
    void fullItDropsOneSnapshotAtATime();
    void theLiveCureIsTheWalkedOne();
    void goingBackDropsTheFuture();
    void rowsUpToTheCheckpoint();
    void heldSnapshotsOutliveThinning();
    void mapsAreKeptWithoutGeneratorGrids();
    void aFullHistoryReusesTheDroppedSnapshotsMemory();
};

namespace
{
Snapshot snapshotAt(long long iteration, int points = 100)
{
    Snapshot s;
    s.iteration = iteration;
    s.grid.assign(points, 0.0);
    s.dataDensity.assign(points, 0.0);
    s.mixtureDensity.assign(points, 0.0);
    s.dReal.assign(points, 0.0);
    s.generatorDensity.assign(2, std::vector<double>(points, 0.0));
    if (iteration > 0)
        s.gLosses = { 1.0, 2.0 };
    s.dLoss = 0.5 + iteration;
    s.metrics.modesCaptured = static_cast<int>(iteration % 5);
    return s;
}
} // namespace

void TestRunHistory::rowsOnlyForTrainedNewSteps()
{
    RunHistory history;
    history.add(snapshotAt(0)); // untrained: a snapshot but no row
    history.add(snapshotAt(10));
    history.add(snapshotAt(10)); // a paused window's repeat
    history.add(snapshotAt(20));
    QCOMPARE(history.snapshotCount(), size_t(3));
    QCOMPARE(history.rows().size(), size_t(2));
    QCOMPARE(history.rows()[1].losses.iteration, 20LL);
    QCOMPARE(history.rows()[1].losses.dLoss, 20.5);
}

void TestRunHistory::budgetThinsButKeepsTheNewest()
{
    const size_t one = snapshotBytes(snapshotAt(1));
    RunHistory history(10 * one + one / 2); // room for ten snapshots
    for (int i = 1; i <= 100; ++i)
        history.add(snapshotAt(i));
    QVERIFY(history.bytes() <= 10 * one + one / 2);
    QVERIFY(history.snapshotCount() >= 5);
    QCOMPARE(history.snapshot(0).iteration, 1LL); // the start of the run stays
    QCOMPARE(history.snapshot(history.snapshotCount() - 1).iteration, 100LL); // and the newest
    for (size_t i = 1; i < history.snapshotCount(); ++i)
        QVERIFY(history.snapshot(i).iteration > history.snapshot(i - 1).iteration);
    QCOMPARE(history.rows().size(), size_t(100)); // rows are not thinned
}

void TestRunHistory::fullItDropsOneSnapshotAtATime()
{
    // Once the budget is full each new snapshot costs one old one, every other in a sweep: the
    // slider never halves at once, and the memory freed is what the next snapshot takes (half
    // the history freed at once stalled the GUI thread when given back to the system).
    const size_t one = snapshotBytes(snapshotAt(1));
    RunHistory history(10 * one + one / 2); // room for ten snapshots
    for (int i = 1; i <= 10; ++i)
        history.add(snapshotAt(i));
    QCOMPARE(history.snapshotCount(), size_t(10));
    std::vector<long long> steps;
    for (int i = 11; i <= 14; ++i) {
        history.add(snapshotAt(i));
        QCOMPARE(history.snapshotCount(), size_t(10)); // one in, one out
    }
    for (size_t s = 0; s < history.snapshotCount(); ++s)
        steps.push_back(history.snapshot(s).iteration);
    // Steps 2, 4, 6 and 8 went (every other one from the oldest but the first).
    QCOMPARE(steps, (std::vector<long long> { 1, 3, 5, 7, 9, 10, 11, 12, 13, 14 }));
}

void TestRunHistory::goingBackDropsTheFuture()
{
    RunHistory history;
    for (int i = 1; i <= 5; ++i)
        history.add(snapshotAt(i * 10));
    Snapshot restored = snapshotAt(30); // a restored last good state at step 30
    restored.gLosses.clear();
    history.add(restored);
    QCOMPARE(history.rows().back().losses.iteration, 30LL);
    QCOMPARE(history.snapshot(history.snapshotCount() - 1).iteration, 30LL);
    QCOMPARE(history.snapshotCount(), size_t(3));
}

void TestRunHistory::rowsUpToTheCheckpoint()
{
    RunHistory history;
    for (int i = 1; i <= 5; ++i)
        history.add(snapshotAt(i * 10));
    QCOMPARE(history.rowsUpTo(35).size(), size_t(3));
    QCOMPARE(history.rowsUpTo(50).size(), size_t(5));
    QCOMPARE(history.rowsUpTo(5).size(), size_t(0));
}

void TestRunHistory::heldSnapshotsOutliveThinning()
{
    // The video export holds the snapshots it renders while new ones arrive (processEvents)
    // and thinning halves the history under it: what it holds stays whole and in order.
    const std::size_t one = snapshotBytes(snapshotAt(1));
    RunHistory history(one * 10);
    for (long long i = 1; i <= 9; ++i)
        history.add(snapshotAt(i));
    const auto held = history.snapshots();
    QCOMPARE(held.size(), size_t(9));
    for (long long i = 10; i <= 40; ++i)
        history.add(snapshotAt(i));
    QVERIFY(history.snapshot(1).iteration != 2); // thinned meanwhile
    for (size_t f = 0; f < held.size(); ++f) {
        QCOMPARE(held[f]->iteration, static_cast<long long>(f + 1));
        QCOMPARE(held[f]->grid.size(), size_t(100));
    }
}

void TestRunHistory::mapsAreKeptWithoutGeneratorGrids()
{
    // A grid-25 snapshot: 128 x 128 cells, 25 generators' grids, 500 points each.
    Snapshot map = snapshotAt(5, 128 * 128);
    map.dimension = 2;
    map.grid.assign(128, 0.0);
    map.gridY.assign(128, 0.0);
    map.generatorDensity.assign(25, std::vector<double>(128 * 128, 0.1));
    map.points.assign(25, std::vector<double>(1000, 0.0));
    const size_t whole = snapshotBytes(map);
    RunHistory history;
    history.add(map);
    QCOMPARE(history.snapshot(0).generatorDensity.size(), size_t(0));
    QCOMPARE(history.snapshot(0).points.size(), size_t(25)); // what the map draws stays
    QCOMPARE(history.snapshot(0).dataDensity.size(), size_t(128 * 128));
    // Over five times as many steps fit in the budget.
    QVERIFY2(history.bytes() * 5 < whole,
        qPrintable(QString("%1 of %2").arg(history.bytes()).arg(whole)));
    // A 1-D snapshot keeps its curves.
    history.add(snapshotAt(6));
    QCOMPARE(history.snapshot(1).generatorDensity.size(), size_t(2));
}

void TestRunHistory::theLiveCureIsTheWalkedOne()
{
    // Kept row by row at the live end, the cure is what walking every row says (CureTime.h),
    // through covered streaks, losses, a step back and another mode count; scrubbed back, too.
    std::mt19937 rng(7); // a fixed sequence: this test has no chance in it
    RunHistory history;
    for (int i = 1; i <= 400; ++i) {
        Snapshot s = snapshotAt(i * 10);
        s.metrics.modesBalanced = rng() % 4 == 0 ? 2 : 3; // 3 of 3 covered, now and then lost
        if (i > 300)
            s.metrics.modesBalanced = 3; // a cured tail
        if (i == 200) { // a restored state: a step back drops the rows after it
            s.iteration = 1500;
            s.gLosses.assign(2, 0.5);
        }
        history.add(s);
        const long long live = history.rows().back().losses.iteration;
        for (int modes : { 3, 2 })
            QCOMPARE(history.cureAt(live, modes).step, cureTime(history.rows(), modes).step);
    }
    QVERIFY(history.cureAt(history.rows().back().losses.iteration, 3).reached());
    const long long back = history.rows()[100].losses.iteration;
    QCOMPARE(history.cureAt(back, 3).step, cureTime(history.rows(), 3, back).step);
}

void TestRunHistory::aFullHistoryReusesTheDroppedSnapshotsMemory()
{
    // Full, each new 1-D snapshot is copied into the one it drops (same object, same vector
    // buffers): nothing is freed or taken, so the heap does not fill with holes over an hour.
    const size_t one = snapshotBytes(snapshotAt(1));
    RunHistory history(10 * one + one / 2);
    for (int i = 1; i <= 10; ++i)
        history.add(snapshotAt(i));
    const Snapshot* second = &history.snapshot(1); // step 2: the next one thinning drops
    const double* secondGrid = second->grid.data();
    Snapshot incoming = snapshotAt(11);
    incoming.dataDensity.assign(100, 7.0);
    history.add(incoming);
    QCOMPARE(history.snapshotCount(), size_t(10));
    const Snapshot& newest = history.snapshot(9);
    QCOMPARE(&newest, second); // step 2's storage now holds step 11
    QCOMPARE(newest.grid.data(), secondGrid);
    QCOMPARE(newest.iteration, 11LL);
    QCOMPARE(newest.dataDensity, std::vector<double>(100, 7.0));
    QCOMPARE(history.snapshot(1).iteration, 3LL);
    QVERIFY(history.bytes() <= 10 * one + one / 2);

    // A snapshot a reader holds (an export in progress) is never written over.
    const std::vector<std::shared_ptr<const Snapshot>> held = history.snapshots();
    const Snapshot* heldNext = held[2].get(); // step 4: the next one to go
    history.add(snapshotAt(12));
    QCOMPARE(heldNext->iteration, 4LL);
    QVERIFY(&history.snapshot(9) != heldNext);
    QCOMPARE(history.snapshot(9).iteration, 12LL);
}

QTEST_MAIN(TestRunHistory)
#include "tst_runhistory.moc"
