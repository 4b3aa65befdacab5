// Lanes: several runs side by side on the same target and seed. --compare's list is read
// strictly; lanes get their method and k; in lock-step they stop at the same step; a madgan
// lane's Sim switch changes that lane's training and no other; a lane that fails says so and
// the others train on.
#include <QAction>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QStatusBar>

#include "panels/ControlPanel.h"
#include "panels/ElidedLabel.h"
#include "plots/DensityPlot.h"
#include "plots/MetricsPlot.h"
#include "support/WindowTestHelpers.h"
#include "training/Lane.h"
#include "training/LaneSet.h"
#include "training/SnapshotFlow.h"
#include "modescope/config/ConfigError.h"

using namespace window_test;

class TestLanes : public QObject
{
    Q_OBJECT
private slots:
    void specsAreReadStrictly_data();
    void specsAreReadStrictly();
    void lanesTakeTheirMethodAndK();
    void twoRoutesIsOneClickAway();
    void aPresetLeavesNoLaneThatCopiesAnother();
    void lanesBesidesDropsCopies();
    void lockStepStopsEveryLaneAtTheSameStep();
    void lockStepSnapshotsAreSpacedByTheirCost();
    void metricsPlotOverlaysEveryLane();
    void resetWhileRunningLeavesSpaceWorking_data();
    void resetWhileRunningLeavesSpaceWorking();
    void stepWhileRunningStopsTheLanesTogether();
    void viewOptionsActOnEveryLane();
    void simSwitchChangesItsLaneOnly();
    void aFailingLaneLeavesTheOthersTraining();
    void lanesRedrawInTurn();
    void theWindowsOwnLaneIsALaneLikeTheOthers();
};

void TestLanes::specsAreReadStrictly_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("parsed"); // names joined by |, or the refusal's words
    QTest::addColumn<bool>("ok");
    QTest::newRow("three") << "gan,madgan,madgan-sim"
                           << "gan|madgan|madgan-sim" << true;
    QTest::newRow("with k") << "independent:4,madgan-sim:8"
                            << "independent:4|madgan-sim:8" << true;
    QTest::newRow("one") << "madgan"
                         << "madgan" << true;
    QTest::newRow("the routes") << "gan,unrolled,wgan-gp,pacgan"
                                << "gan|unrolled|wgan-gp|pacgan" << true;
    QTest::newRow("unknown") << "gan,wgan"
                             << "\"wgan\" is not a method" << false;
    QTest::newRow("k zero") << "madgan:0"
                            << "k must be a whole number from 1 to 64" << false;
    QTest::newRow("k junk") << "madgan:4x"
                            << "k must be a whole number" << false;
    QTest::newRow("k empty") << "madgan:"
                             << "k must be a whole number" << false;
    QTest::newRow("k with a space") << "madgan: 3"
                                    << "k must be a whole number" << false;
    QTest::newRow("k signed") << "madgan:+3"
                              << "k must be a whole number" << false;
    QTest::newRow("five") << "gan,gan,gan,gan,gan"
                          << "1 to 4 methods" << false;
    QTest::newRow("empty") << ""
                           << "1 to 4 methods" << false;
    QTest::newRow("trailing comma") << "gan,"
                                    << "1 to 4 methods" << false;
}

void TestLanes::specsAreReadStrictly()
{
    QFETCH(QString, text);
    QFETCH(QString, parsed);
    QFETCH(bool, ok);
    try {
        QStringList names;
        for (const LaneSpec& spec : parseLaneSpecs(text.toStdString()))
            names << QString::fromStdString(spec.name());
        QVERIFY2(ok, qPrintable(names.join('|')));
        QCOMPARE(names.join('|'), parsed);
    } catch (const ConfigError& e) {
        QVERIFY2(!ok, e.what());
        QVERIFY2(QString(e.what()).startsWith("--compare: "), e.what());
        QVERIFY2(QString(e.what()).contains(parsed), e.what());
    }
}

void TestLanes::lanesTakeTheirMethodAndK()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan,madgan-sim:2"));
    QCOMPARE(window->laneCount(), 3);
    QVERIFY(window->runningConfig().method == Method::Gan);
    QTRY_VERIFY_WITH_TIMEOUT(window->lane(2)->running().generators == 2, kWaitMs);
    QVERIFY(window->lane(1)->running().method == Method::MadGan);
    QCOMPARE(window->lane(1)->running().generators, 3); // the window's k
    QVERIFY(window->lane(2)->running().method == Method::MadGanSim);
    QCOMPARE(window->lane(2)->running().seed, 7ULL); // same seed and target everywhere
    QCOMPARE(window->lane(2)->running().mixture.size(), 3);
    // madgan-sim starts with Sim on, madgan with it off, as in a preset.
    QVERIFY(!window->lane(1)->simOn());
    QVERIFY(window->lane(2)->simOn());
    QTRY_VERIFY_WITH_TIMEOUT(window->lane(2)->title().startsWith("madgan-sim, k = 2"), kWaitMs);
    QVERIFY2(
        window->lane(2)->title().contains("modes covered"), qPrintable(window->lane(2)->title()));
}

// Run > Two routes side by side: gan | unrolled | madgan-sim on the panel's target and seed,
// each lane with a line naming its route.
void TestLanes::twoRoutesIsOneClickAway()
{
    auto window = compareWindow(parseLaneSpecs("madgan"));
    QCOMPARE(window->laneCount(), 1);
    window->setAskToDiscard([](const QString&) { return true; });
    auto* routes = window->findChild<QAction*>("twoRoutes");
    QVERIFY(routes);
    QCOMPARE(routes->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_2));
    routes->trigger();
    QCOMPARE(window->laneCount(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(window->runningConfig().method == Method::Gan, kWaitMs);
    QVERIFY(window->lane(1)->spec().method == Method::Unrolled);
    QVERIFY(window->lane(2)->spec().method == Method::MadGanSim);
    QCOMPARE(window->runningConfig().seed, 7ULL); // the panel's target and seed
    QTRY_COMPARE_WITH_TIMEOUT(window->lane(2)->running().seed, 7ULL, kWaitMs);
    auto route = [&](int i) { return window->lane(i)->findChild<QLabel*>("laneRoute")->text(); };
    QCOMPARE(route(1), QString("route 1: better optimisation"));
    QCOMPARE(route(2), QString("route 2: architecture"));
    QTRY_VERIFY_WITH_TIMEOUT(window->lane(1)->title().startsWith("unrolled"), kWaitMs);
    // The window's own lane (the panel's run) says its route too.
    auto routeTexts = [&] {
        QStringList texts;
        for (const QLabel* label : window->findChildren<QLabel*>("laneRoute"))
            texts << label->text();
        return texts;
    };
    QTRY_VERIFY_WITH_TIMEOUT(routeTexts().contains("baseline: no cure"), kWaitMs);
    QCOMPARE(routeTexts().size(), 3);
    // A title that grows as training runs ("... · cured at step 1250") never widens the window:
    // as a plain label it pushed the docks aside mid-run, the panel jumping under the mouse.
    auto* title = window->lane(1)->findChild<ElidedLabel*>();
    QVERIFY(title);
    window->resize(1360, 800);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    const int before = window->centralWidget()->width();
    title->setText(title->text() + QString(300, 'x'));
    QTest::qWait(50); // the layout request is posted
    QCOMPARE(window->centralWidget()->width(), before);
    QVERIFY(title->shownText().endsWith(QChar(0x2026))); // "...", the whole text its tooltip
    // The unrolled lane trains: one step moves it.
    window->laneSet()->stepOnce();
    QTRY_VERIFY_WITH_TIMEOUT(window->lane(1)->controller()->latest().iteration >= 1, kWaitMs);
}

void TestLanes::aPresetLeavesNoLaneThatCopiesAnother()
{
    // The first start's gan | madgan-sim, then the preset paper-1d-sim (madgan-sim, k = 4): lane
    // 2 would train what lane 1 now trains, so it goes; a lane unlike lane 1 stays.
    auto window = compareWindow(parseLaneSpecs("gan,madgan-sim,madgan:2"));
    QCOMPARE(window->laneCount(), 3);
    window->setAskToDiscard([](const QString&) { return true; });
    QComboBox* presets = nullptr;
    for (auto* box : window->panel()->findChildren<QComboBox*>())
        if (box->findText("paper-1d-sim") >= 0)
            presets = box;
    QVERIFY(presets);
    presets->setCurrentText("paper-1d-sim");
    QTRY_COMPARE_WITH_TIMEOUT(window->laneCount(), 2, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(window->runningConfig().method == Method::MadGanSim, kWaitMs);
    QVERIFY(window->lane(1)->spec().method == Method::MadGan);
    QCOMPARE(window->lane(1)->spec().generators, std::optional<int>(2));
}

void TestLanes::lanesBesidesDropsCopies()
{
    // Lane 1 madgan-sim with k = 4: "madgan-sim" (k above) copies it, "madgan-sim:4" too,
    // "gan" stays once, "madgan:2" stays.
    TrainConfig first = smallConfig();
    first.method = Method::MadGanSim;
    first.generators = 4;
    const std::vector<LaneSpec> others { { Method::MadGanSim, std::nullopt },
        { Method::Gan, std::nullopt }, { Method::MadGanSim, 4 }, { Method::Gan, std::nullopt },
        { Method::MadGan, 2 } };
    const auto kept = lanesBesides(first, others);
    QCOMPARE(kept.size(), size_t(2));
    QVERIFY(kept[0].method == Method::Gan);
    QVERIFY(kept[1].method == Method::MadGan);
    QCOMPARE(kept[1].generators, std::optional<int>(2));
}

void TestLanes::lockStepStopsEveryLaneAtTheSameStep()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan,madgan-sim"));
    QVERIFY(window->laneSet()->lockStep());
    window->laneSet()->start();
    QTest::qWait(1500);
    window->laneSet()->pause(); // at the next step where the lanes meet
    QTRY_VERIFY_WITH_TIMEOUT(!window->laneSet()->isRunning(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!window->controller()->isRunning(), kWaitMs);
    const long long step = window->laneSet()->stepLimit();
    QVERIFY2(step > 10, qPrintable(QString::number(step))); // it trained
    for (int i = 0; i < window->laneCount(); ++i)
        QTRY_COMPARE_WITH_TIMEOUT(window->lane(i)->controller()->latest().iteration, step, kWaitMs);
    // Step moves every lane by one.
    window->laneSet()->stepOnce();
    for (int i = 0; i < window->laneCount(); ++i)
        QTRY_COMPARE_WITH_TIMEOUT(
            window->lane(i)->controller()->latest().iteration, step + 1, kWaitMs);
}

// Lanes in lock-step snapshot where they meet, at most every 100 ms, and no oftener than keeps
// the dearest lane's snapshots to 6% of the time (an image run's, 4%), nor rarer than every
// 10 s: by hand, a 10 ms toy snapshot every 10 / 0.06 = 166 ms, fashion-mnist's 250 ms one every
// 250 / 0.04 = 6250 ms.
void TestLanes::lockStepSnapshotsAreSpacedByTheirCost()
{
    QCOMPARE(lockStepSnapshotMs(0.0, false), 100LL);
    QCOMPARE(lockStepSnapshotMs(5.0, false), 100LL);
    QCOMPARE(lockStepSnapshotMs(10.0, false), 166LL);
    QCOMPARE(lockStepSnapshotMs(250.0, true), 6250LL);
    QCOMPARE(lockStepSnapshotMs(250.0, false), 4166LL);
    QCOMPARE(lockStepSnapshotMs(1000.0, true), 10000LL); // 25 s, held to the 10 s cap
    // And LaneSet goes by it. Two lanes on a 2-D target (a snapshot is the 128 x 128 map, tens
    // of milliseconds): over 3 s of lock-step, each lane sends no more snapshots than the
    // cheapest one it sent allows (the set spaces them by the dearest lane's latest, never by
    // less), plus the first, the pause's and one of slack. Spaced every 100 ms whatever they
    // cost, as before, they came several times oftener (when a snapshot costs over 6 ms).
    TrainConfig flat = smallConfig();
    flat.mixture = Mixture(
        { { 1, std::vector<double> { -2, -2 }, 0.2 }, { 1, std::vector<double> { 2, 2 }, 0.2 } });
    flat.viewRange = { -4, 4 };
    flat.viewRangeY = { -4, 4 };
    auto window = compareWindow(parseLaneSpecs("gan,madgan"), flat);
    std::vector<std::unique_ptr<QSignalSpy>> sent;
    for (int i = 0; i < window->laneCount(); ++i) {
        QVERIFY(window->lane(i)->controller()->latest().makingSeconds > 0);
        sent.push_back(std::make_unique<QSignalSpy>(
            window->lane(i)->controller(), &TrainingController::snapshotReady));
    }
    QElapsedTimer running;
    running.start();
    window->laneSet()->start();
    QTest::qWait(3000);
    window->laneSet()->pause();
    QTRY_VERIFY_WITH_TIMEOUT(!window->laneSet()->isRunning(), kWaitMs);
    const qint64 ran = running.elapsed();
    for (auto& spy : sent) {
        QTRY_VERIFY_WITH_TIMEOUT(spy->count() > 0, kWaitMs);
        double cheapestMs = 1e9;
        for (const QList<QVariant>& arrived : *spy)
            cheapestMs
                = std::min(cheapestMs, 1000.0 * arrived.at(0).value<SnapshotPtr>()->makingSeconds);
        const qint64 allowed = ran / lockStepSnapshotMs(cheapestMs, false) + 3;
        QVERIFY2(spy->count() <= allowed,
            qPrintable(QString("%1 snapshots in %2 ms, the cheapest %3 ms: at most %4 allowed")
                           .arg(spy->count())
                           .arg(ran)
                           .arg(cheapestMs)
                           .arg(allowed)));
    }
}

void TestLanes::metricsPlotOverlaysEveryLane()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan:2,madgan-sim"));
    for (int s = 1; s <= 3; ++s) {
        window->laneSet()->stepOnce();
        for (int i = 0; i < window->laneCount(); ++i)
            QTRY_COMPARE_WITH_TIMEOUT(
                window->lane(i)->controller()->latest().iteration, s, kWaitMs);
    }
    auto* metrics = window->findChild<MetricsPlot*>();
    QVERIFY(metrics);
    // The side plots redraw at most 4 times a second: each lane's curve holds its three rows.
    const QStringList expected { "madgan:2: covered", "madgan-sim: covered", "madgan:2: HQ (R)",
        "madgan-sim: HQ (R)" };
    for (const QString& name : expected) {
        QCPGraph* curve = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
            for (int g = 0; g < metrics->graphCount(); ++g)
                if (metrics->graph(g)->name() == name && metrics->graph(g)->dataCount() == 3)
                    curve = metrics->graph(g);
            return curve != nullptr;
        }()),
            kWaitMs);
        QCOMPARE(curve->data()->at(2)->key, 3.0);
        // Each curve holds its own lane's figures, not the window's.
        const int lane = name.startsWith("madgan:2") ? 1 : 2;
        const Metrics& m = window->lane(lane)->history().rows()[2].metrics;
        QCOMPARE(curve->data()->at(2)->value,
            name.endsWith("HQ (R)") ? m.hqFraction : double(m.modesBalanced));
        // One measure a lane is shown at first: the covered counts; HQ a click away.
        QCOMPARE(curve->visible(), name.endsWith(": covered"));
    }
    QStringList shown;
    for (int g = 0; g < metrics->graphCount(); ++g)
        if (metrics->graph(g)->visible())
            shown << metrics->graph(g)->name();
    QCOMPARE(shown, QStringList({ "modes covered", "madgan:2: covered", "madgan-sim: covered" }));
    // Back to one run: its measures all come back (but KL hist, on another scale).
    window->setCompare({});
    window->startConfig(smallConfig());
    QTRY_VERIFY_WITH_TIMEOUT(metrics->graph(2)->visible(), kWaitMs); // HQ share
}

void TestLanes::resetWhileRunningLeavesSpaceWorking_data()
{
    QTest::addColumn<QString>("lanes");
    QTest::newRow("one lane") << "madgan";
    QTest::newRow("three lanes") << "gan,madgan,madgan-sim";
}

void TestLanes::resetWhileRunningLeavesSpaceWorking()
{
    // Space, R, Space: the new runs must train (a worker left waiting at the old runs'
    // lock-step limit, or a set that still thought it ran, swallowed the second Space).
    QFETCH(QString, lanes);
    auto window = compareWindow(parseLaneSpecs(lanes.toStdString()));
    window->setAskToDiscard([](const QString&) { return true; });
    QAction* startPause = nullptr;
    QAction* reset = nullptr;
    for (QAction* a : window->findChildren<QAction*>()) {
        if (a->text() == "Start")
            startPause = a;
        if (a->text() == "Reset")
            reset = a;
    }
    QVERIFY(startPause && reset);
    startPause->trigger();
    QCOMPARE(startPause->text(), QString("Pause"));
    QTRY_VERIFY_WITH_TIMEOUT(window->controller()->latest().iteration > 20, kWaitMs);
    QSignalSpy resetDone(window->controller(), &TrainingController::resetDone);
    reset->trigger();
    QVERIFY(resetDone.count() > 0 || resetDone.wait(kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->latest().iteration, 0LL, kWaitMs);
    QCOMPARE(startPause->text(), QString("Start")); // a reset leaves every lane paused
    startPause->trigger();
    for (int i = 0; i < window->laneCount(); ++i)
        QTRY_VERIFY_WITH_TIMEOUT(window->lane(i)->controller()->latest().iteration > 20, kWaitMs);
    startPause->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!window->laneSet()->isRunning(), kWaitMs);
}

void TestLanes::stepWhileRunningStopsTheLanesTogether()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan-sim"));
    window->laneSet()->start();
    QTRY_VERIFY_WITH_TIMEOUT(window->controller()->latest().iteration > 20, kWaitMs);
    window->laneSet()->stepOnce(); // S while running: pause where they meet, then one step
    QTRY_VERIFY_WITH_TIMEOUT(!window->laneSet()->isRunning(), kWaitMs);
    QTest::qWait(300);
    const long long step = window->controller()->latest().iteration;
    QCOMPARE(window->lane(1)->controller()->latest().iteration, step);
    QCOMPARE(step, window->laneSet()->stepLimit() + 1);
}

void TestLanes::viewOptionsActOnEveryLane()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan,madgan-sim"));
    auto* dReal = window->findChild<QAction*>("showDReal");
    QVERIFY(dReal && dReal->isChecked());
    dReal->setChecked(false); // the D key
    QVERIFY(!window->densityPlot()->showsDiscriminator());
    for (int i = 1; i < window->laneCount(); ++i)
        QVERIFY(!window->lane(i)->plot()->showsDiscriminator());
    window->findChild<QAction*>("showShares")->setChecked(false); // K
    for (int i = 1; i < window->laneCount(); ++i)
        QVERIFY(!window->lane(i)->plot()->showsShares());
    // Lanes made later take the options as they are.
    window->setCompare(parseLaneSpecs("gan,madgan"));
    QVERIFY(!window->lane(1)->plot()->showsDiscriminator());
    QVERIFY(!window->lane(1)->plot()->showsShares());
}

void TestLanes::simSwitchChangesItsLaneOnly()
{
    // Two madgan lanes on the same seed train identically, until Sim is switched on in one.
    auto window = compareWindow(parseLaneSpecs("madgan,madgan"));
    auto stepBoth = [&](long long to) {
        window->laneSet()->stepOnce();
        for (int i = 0; i < 2; ++i)
            QTRY_COMPARE_WITH_TIMEOUT(
                window->lane(i)->controller()->latest().iteration, to, kWaitMs);
    };
    stepBoth(1);
    QCOMPARE(
        window->lane(1)->controller()->latest().gLosses, window->controller()->latest().gLosses);
    QVERIFY(!window->lane(1)->controller()->latest().simOn);
    window->lane(1)->findChild<QCheckBox*>()->setChecked(true); // the lane's Sim switch
    stepBoth(2);
    stepBoth(3);
    const Snapshot& twin = window->controller()->latest();
    const Snapshot& switched = window->lane(1)->controller()->latest();
    QVERIFY(switched.simOn);
    QVERIFY(!twin.simOn); // the window's own lane kept its setting
    QVERIFY2(switched.gLosses != twin.gLosses, "the Sim switch changed nothing");
}

void TestLanes::aFailingLaneLeavesTheOthersTraining()
{
    // An absurd Sim weight drives the madgan-sim lane's loss to infinity; the gan lane has no
    // hinge and trains on.
    auto window = compareWindow(parseLaneSpecs("gan,madgan-sim"));
    LiveSettings live = window->panel()->liveSettings();
    live.simLambda = 3e38; // within float, but the hinge times it is not
    window->lane(1)->setLiveSettings(live);
    QSignalSpy laneFailed(window->lane(1), &Lane::failed);
    window->laneSet()->start();
    QVERIFY(laneFailed.count() > 0 || laneFailed.wait(kWaitMs));
    // The window names the lane that failed (quiet: in the status bar, not a dialog).
    QTRY_VERIFY2(window->statusBar()->currentMessage().startsWith("Lane: Lane madgan-sim: "),
        qPrintable(window->statusBar()->currentMessage()));
    const long long stopped = window->lane(1)->controller()->latest().iteration;
    const long long before = window->controller()->latest().iteration;
    QTRY_VERIFY_WITH_TIMEOUT(window->controller()->latest().iteration > before + 20, kWaitMs);
    QVERIFY(window->laneSet()->isRunning());
    QVERIFY(!window->lane(1)->controller()->isRunning());
    QCOMPARE(window->lane(1)->controller()->latest().iteration, stopped);
    window->laneSet()->pause();
}

void TestLanes::lanesRedrawInTurn()
{
    // Lock-step lanes get their snapshots together; their plots are drawn in turn, spread over
    // one 40 ms redraw period (the window's own at 40 ms, the lanes' at 53 and 66), so the GUI
    // thread never draws three plots back to back (bench/plot_redraw: ~18 ms each).
    auto window = compareWindow({ LaneSpec { Method::Gan, 1 }, LaneSpec { Method::MadGan, 3 },
        LaneSpec { Method::MadGanSim, 3 } });
    QCOMPARE(window->laneCount(), 3);
    QCOMPARE(window->lane(1)->redrawDelay(), 40 + 13);
    QCOMPARE(window->lane(2)->redrawDelay(), 40 + 26);
}

void TestLanes::theWindowsOwnLaneIsALaneLikeTheOthers()
{
    // Lane 0 is the panel's run, a Lane like the others: the window's plot, controller and
    // history are its own; it draws the snapshot its worker made (one object, shared by the
    // controller and the plot; the history keeps a copy of its own), and its title line shows
    // only beside other lanes.
    auto window = compareWindow(parseLaneSpecs("madgan-sim"));
    Lane* own = window->lane(0);
    QVERIFY(own->isOwn());
    QCOMPARE(own->controller(), window->controller());
    QCOMPARE(own->plot(), window->densityPlot());
    QCOMPARE(&own->history(), &window->history());
    QCOMPARE(own->spec().name(), std::string("madgan-sim"));
    QTRY_VERIFY_WITH_TIMEOUT(own->title().startsWith("madgan-sim, k = 3"), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(&own->plot()->snapshot() == &own->controller()->latest(), kWaitMs);
    QCOMPARE(own->plot()->snapshot().iteration, 0LL);
    QCOMPARE(own->history().snapshotCount(), size_t(1));
    QVERIFY(&own->history().snapshot(0) != &own->controller()->latest());
    auto* title = own->findChild<ElidedLabel*>();
    QVERIFY(title && title->isHidden());
    QVERIFY(!own->findChild<QCheckBox*>()->isVisibleTo(own)); // the panel's Sim is its switch
    window->setCompare(parseLaneSpecs("madgan-sim,gan"));
    QVERIFY(!title->isHidden());
    QCOMPARE(window->lane(1)->findChild<QCheckBox*>()->isVisibleTo(window->lane(1)), true);
    window->setCompare({});
    QCOMPARE(window->laneCount(), 1);
    QCOMPARE(window->lane(0), own); // the window's own lane stays, training what it trained
    QVERIFY(title->isHidden());
}

QTEST_MAIN(TestLanes)
#include "tst_lanes.moc"
