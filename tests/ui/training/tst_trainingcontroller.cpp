// The training controller as the window uses it: start, pause, one step, reset and live
// settings, observed through its signals; closing while training returns promptly.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QDir>
#include <QFile>
#include <QtTest>

#include <sys/resource.h>

#include <cmath>
#include <memory>

#include "support/SmallConfig.h"
#include "training/TrainingController.h"

using namespace modescope;
using namespace modescope::ui;

using test::smallConfig;

namespace
{
constexpr int kWaitMs = 20000; // generous: a shared CI machine may be slow
} // namespace

class TestTrainingController : public QObject
{
    Q_OBJECT
private slots:
    void resetGivesAStepZeroSnapshot();
    void startRunsAndPauseStops();
    void stepOnceAdvancesExactlyOneStep();
    void liveSimToggleKeepsTheStepCount();
    void badConfigIsReportedNotThrown();
    void nonFiniteLossPausesAtTheLastGoodState();
    void destroyingWhileTrainingReturnsPromptly();
    void trainingYieldsToTheGuiThread();
};

void TestTrainingController::resetGivesAStepZeroSnapshot()
{
    TrainingController controller;
    QSignalSpy snapshots(&controller, &TrainingController::snapshotReady);
    QSignalSpy device(&controller, &TrainingController::deviceChanged);
    controller.reset(smallConfig());
    QVERIFY(snapshots.wait(kWaitMs));
    QCOMPARE(controller.latest().iteration, 0LL);
    QCOMPARE(controller.latest().generatorDensity.size(), size_t(3));
    QCOMPARE(device.value(0).value(0).toString(), QString("cpu"));
}

void TestTrainingController::startRunsAndPauseStops()
{
    TrainingController controller;
    QSignalSpy running(&controller, &TrainingController::runningChanged);
    controller.reset(smallConfig());
    controller.start();
    QTRY_VERIFY_WITH_TIMEOUT(controller.latest().iteration > 20, kWaitMs);
    QCOMPARE(running.value(0).value(0).toBool(), true);
    controller.pause();
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), kWaitMs);
    // Paused: the pause snapshot is the last, and no step follows it.
    QTest::qWait(100);
    const long long paused = controller.latest().iteration;
    QTest::qWait(300);
    QCOMPARE(controller.latest().iteration, paused);
}

void TestTrainingController::stepOnceAdvancesExactlyOneStep()
{
    TrainingController controller;
    QSignalSpy snapshots(&controller, &TrainingController::snapshotReady);
    controller.reset(smallConfig());
    QVERIFY(snapshots.wait(kWaitMs));
    controller.stepOnce();
    QVERIFY(snapshots.wait(kWaitMs));
    QCOMPARE(controller.latest().iteration, 1LL);
    controller.stepOnce();
    QVERIFY(snapshots.wait(kWaitMs));
    QCOMPARE(controller.latest().iteration, 2LL);
    QVERIFY(!controller.isRunning());
}

void TestTrainingController::liveSimToggleKeepsTheStepCount()
{
    TrainingController controller;
    QSignalSpy snapshots(&controller, &TrainingController::snapshotReady);
    controller.reset(smallConfig());
    QVERIFY(snapshots.wait(kWaitMs)); // step 0
    for (int s = 0; s < 3; ++s) {
        controller.stepOnce();
        QVERIFY(snapshots.wait(kWaitMs));
    }
    QCOMPARE(controller.latest().iteration, 3LL);
    QVERIFY(controller.latest().simOn); // madgan-sim: the hinge is in the objective
    LiveSettings off = smallConfig().live;
    off.simEnabled = false;
    off.simLambda = 0;
    controller.setLiveSettings(off);
    controller.stepOnce();
    QVERIFY(snapshots.wait(kWaitMs));
    // Same run, one step on: the networks were not rebuilt, and that step trained without Sim.
    QCOMPARE(controller.latest().iteration, 4LL);
    QCOMPARE(controller.latest().generatorDensity.size(), size_t(3));
    QVERIFY(!controller.latest().simOn);
    QVERIFY(std::isfinite(controller.latest().simHinge)); // still measured, as the status says
    controller.setLiveSettings(smallConfig().live); // and back on
    controller.stepOnce();
    QVERIFY(snapshots.wait(kWaitMs));
    QCOMPARE(controller.latest().iteration, 5LL);
    QVERIFY(controller.latest().simOn);
}

void TestTrainingController::badConfigIsReportedNotThrown()
{
    TrainingController controller;
    QSignalSpy failed(&controller, &TrainingController::failed);
    TrainConfig bad = smallConfig();
    bad.generators = 0;
    controller.reset(bad);
    QVERIFY(failed.wait(kWaitMs));
    QVERIFY(failed.value(0).value(0).toString().contains("generators"));
}

void TestTrainingController::nonFiniteLossPausesAtTheLastGoodState()
{
    TrainingController controller;
    QSignalSpy snapshots(&controller, &TrainingController::snapshotReady);
    QSignalSpy failed(&controller, &TrainingController::failed);
    controller.reset(smallConfig()); // the step-0 state is kept as the last good one
    QVERIFY(snapshots.wait(kWaitMs));
    for (int i = 0; i < 2; ++i) {
        controller.stepOnce();
        QVERIFY(snapshots.wait(kWaitMs));
    }
    QCOMPARE(controller.latest().iteration, 2LL);
    // Adam moves each weight by about the learning rate per step: 1e30 overflows at once.
    LiveSettings wild = smallConfig().live;
    wild.generatorLr = wild.discriminatorLr = 1e30;
    controller.setLiveSettings(wild);
    controller.stepOnce();
    QVERIFY(failed.wait(kWaitMs));
    const QString message = failed.value(0).value(0).toString();
    QVERIFY2(message.contains("non-finite"), qPrintable(message));
    QVERIFY2(message.contains("paused at step 0"), qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(controller.latest().iteration, 0LL, kWaitMs);
    QVERIFY(!controller.isRunning());
    // With a sane rate the restored state trains on.
    controller.setLiveSettings(smallConfig().live);
    controller.stepOnce();
    QTRY_COMPARE_WITH_TIMEOUT(controller.latest().iteration, 1LL, kWaitMs);
    QVERIFY(std::isfinite(controller.latest().dLoss));
}

void TestTrainingController::destroyingWhileTrainingReturnsPromptly()
{
    auto controller = std::make_unique<TrainingController>();
    controller->reset(smallConfig());
    controller->start();
    QTRY_VERIFY_WITH_TIMEOUT(controller->latest().iteration > 5, kWaitMs);
    QElapsedTimer timer;
    timer.start();
    controller.reset();
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
}

void TestTrainingController::trainingYieldsToTheGuiThread()
{
    // Every thread of this process named "training", with its nice value (/proc: field 19 of
    // the thread's stat, counted after the name in parentheses).
    auto trainingNices = [] {
        QList<int> nices;
        for (const QString& tid :
            QDir("/proc/self/task").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile comm("/proc/self/task/" + tid + "/comm");
            QFile stat("/proc/self/task/" + tid + "/stat");
            if (!comm.open(QIODevice::ReadOnly) || !stat.open(QIODevice::ReadOnly))
                continue;
            if (comm.readAll().trimmed() != "training")
                continue;
            const QByteArray text = stat.readAll();
            const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
            nices << fields.value(19 - 3).toInt(); // fields 3.. follow the name
        }
        return nices;
    };
    const int gui = getpriority(PRIO_PROCESS, 0);
    TrainingController controller;
    controller.reset(smallConfig());
    QSignalSpy snapshots(&controller, &TrainingController::snapshotReady);
    QVERIFY(snapshots.wait(kWaitMs)); // the thread has started and built the run
    const QList<int> nices = trainingNices();
    QCOMPARE(nices.size(), 1);
    QCOMPARE(nices.front(), std::min(gui + kTrainingNiceSteps, 19));
    QCOMPARE(getpriority(PRIO_PROCESS, 0), gui); // the GUI thread keeps its own
}

QTEST_MAIN(TestTrainingController)
#include "tst_trainingcontroller.moc"
