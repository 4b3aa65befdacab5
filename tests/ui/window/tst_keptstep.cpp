// Asking before a trained run is lost: a run is safe at the step it started, opened or was
// saved at, and only a run that has trained past that step is worth a question.
#include <QtTest>

#include "window/KeptStep.h"

using namespace modescope::ui;

class TestKeptStep : public QObject
{
    Q_OBJECT
private slots:
    void aRunIsSafeUntilItTrainsPastItsStart();
    void aSaveKeepsItsStepAndNeverGoesBack();
    void aNewRunHasNothingToLoseBeforeItsFirstSnapshot();
};

void TestKeptStep::aRunIsSafeUntilItTrainsPastItsStart()
{
    KeptStep kept;
    kept.runStarts();
    kept.snapshotArrived(0); // a fresh run
    QVERIFY(!kept.wouldLose(0));
    kept.snapshotArrived(40); // later snapshots do not move what is kept
    QVERIFY(kept.wouldLose(40));
    kept.runStarts();
    kept.snapshotArrived(1200); // an opened checkpoint at step 1200
    QVERIFY(!kept.wouldLose(1200));
    QVERIFY(kept.wouldLose(1201));
}

void TestKeptStep::aSaveKeepsItsStepAndNeverGoesBack()
{
    KeptStep kept;
    kept.runStarts();
    kept.snapshotArrived(0);
    kept.saved(500);
    QVERIFY(!kept.wouldLose(500));
    QVERIFY(kept.wouldLose(501));
    kept.saved(300); // an older save finishing late keeps the newer one's step
    QVERIFY(!kept.wouldLose(500));
}

void TestKeptStep::aNewRunHasNothingToLoseBeforeItsFirstSnapshot()
{
    KeptStep kept;
    kept.runStarts();
    kept.snapshotArrived(0);
    QVERIFY(kept.wouldLose(9000)); // trained to 9000, unsaved
    kept.runStarts(); // Reset: the old run's step is still the latest seen
    QVERIFY(!kept.wouldLose(9000));
    kept.snapshotArrived(0);
    QVERIFY(!kept.wouldLose(0));
}

QTEST_MAIN(TestKeptStep)
#include "tst_keptstep.moc"
