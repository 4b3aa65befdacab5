// A comparison as files: the figure with every lane (titles, one legend, one x axis), the
// folder of lanes with compare.json, the video with every lane in each frame; saved while
// running where the lanes meet; opened back into the same lanes; never written over; a damaged
// comparison refused with the folder named while the lanes train on.
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolButton>
#include <QScrollBar>
#include <QScrollArea>

#include <nlohmann/json.hpp>

#include "export/ComparisonFigure.h"
#include "export/FigureSize.h"
#include "panels/ControlPanel.h"
#include "panels/LaneEditor.h"
#include "plots/DensityPlot.h"
#include "plots/OwnershipMap.h"
#include "support/WindowTestHelpers.h"
#include "training/LaneSet.h"
#include "modescope/config/MemoryEstimate.h"
#include "modescope/io/ComparisonFolder.h"
#include "modescope/io/RunFolder.h"

using namespace window_test;

class TestComparison : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void figureHasEveryLaneAndOneLegend();
    void lanesGetEqualPlotsAndRoomAtAnySize();
    void mapsStandSideBySideWholeAndAtEqualAspect();
    void exportWritesEveryLane();
    void lanesTrainAtTheirMethodsRates();
    void savedWhileRunningAtOneStepAndOpenedBack();
    void anExistingComparisonIsNotReplaced();
    void aDamagedComparisonIsRefused_data();
    void aDamagedComparisonIsRefused();
    void aLaneFolderOpensAsOneRun();
    void lockStepCanBeSwitchedOff();
    void thePanelAddsChangesAndRemovesLanes();
    void removingALaneLeavesThePanelWhereItWas();
    void eachLaneHasItsOwnershipMap();
    void aLaneThePanelCannotMakeIsRefusedByName();
    void lanesComeBackAtTheNextStart();
    void lanesChangedBeforeTheyMeetCancelTheSave();
    void aLaneRemovedDuringASaveEndsIt();
    void replacingDropsTheOldLanes();
    void aComparisonOpensFromARelativePath();
    void aFirstLaneThatCannotLoadLeavesTheRunAlone();
    void startWhileOpeningTrainsEveryLane();
};

namespace
{
QByteArray readAll(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

nlohmann::json readJson(const QString& file)
{
    return nlohmann::json::parse(readAll(file).toStdString());
}

// Every lane paused at the same step after `steps` lock-step steps.
void stepLanes(MainWindow& window, int steps)
{
    for (int s = 0; s < steps; ++s) {
        const long long next = window.controller()->latest().iteration + 1;
        window.laneSet()->stepOnce();
        for (int i = 0; i < window.laneCount(); ++i)
            QTRY_COMPARE_WITH_TIMEOUT(
                window.lane(i)->controller()->latest().iteration, next, kWaitMs);
    }
}

int count(const QByteArray& text, const QByteArray& what)
{
    return text.count(what);
}
} // namespace

void TestComparison::initTestCase()
{
    test::isolateSettings("ModeScopeComparisonTest");
}

void TestComparison::figureHasEveryLaneAndOneLegend()
{
    Snapshot one;
    one.grid = { 0, 1, 2 };
    one.dataDensity = { 0.1, 0.2, 0.1 };
    one.generatorDensity = { { 0.3, 0.1, 0 } };
    one.mixtureDensity = { 0.3, 0.1, 0 };
    one.dReal = { 0.5, 0.5, 0.5 };
    Snapshot four = one;
    four.generatorDensity.assign(4, { 0.1, 0.1, 0.1 });
    ComparisonFigure figure;
    figure.setPanels({ { "gan, k = 1", one, { 0, 1 } }, { "madgan, k = 4", four, { 0, 2 } } },
        { { -1, 3 }, true, true });
    QCOMPARE(figure.panelCount(), 2);
    QCOMPARE(figure.panelTitle(1), QString("madgan, k = 4"));
    // One legend, each name once: data, G1..G4 (the widest lane's), the average, D_real.
    QStringList names;
    for (int i = 0; i < figure.legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(figure.legend->item(i)))
            names << item->plottable()->name();
    QCOMPARE(names, QStringList({ "data", "G1", "G2", "G3", "G4", "average of G", "D_real" }));
    // Generator i has one colour in every lane; shares are p_i / k.
    QCPGraph* ganG1 = figure.graph(1);
    QCPGraph* madganG1 = figure.graph(5);
    QCOMPARE(ganG1->name(), QString("G1"));
    QCOMPARE(madganG1->name(), QString("G1"));
    QCOMPARE(madganG1->pen().color(), ganG1->pen().color());
    QCOMPARE(madganG1->data()->at(0)->value, 0.1 / 4);
    // One shared x axis: ranges equal, tick labels under the lowest lane only.
    QCOMPARE(figure.panelRect(0)->axis(QCPAxis::atBottom)->range(), QCPRange(-1, 3));
    QCOMPARE(figure.panelRect(1)->axis(QCPAxis::atBottom)->range(), QCPRange(-1, 3));
    QVERIFY(!figure.panelRect(0)->axis(QCPAxis::atBottom)->tickLabels());
    QVERIFY(figure.panelRect(1)->axis(QCPAxis::atBottom)->tickLabels());
    QCOMPARE(figure.panelRect(1)->axis(QCPAxis::atLeft)->range(), QCPRange(0, 2)); // its own y
}

void TestComparison::lanesGetEqualPlotsAndRoomAtAnySize()
{
    // The figure grows taller where its lanes need it: (10 + 7.1 per lane) lines of the font.
    FigureSize oneColumn = withSize(FigureSize {}, "one-column"); // 8.5 x 6 cm, 9 pt
    QCOMPARE(comparisonFigureSize(oneColumn, 1).heightCm, 6.0); // 153 pt needed: 6 cm holds it
    const double three = (10 + 3 * 7.1) * 9 / 72.0 * 2.54; // 281.7 pt = 9.94 cm
    QVERIFY(std::abs(comparisonFigureSize(oneColumn, 3).heightCm - three) < 1e-9);
    QCOMPARE(comparisonFigureSize(oneColumn, 3).widthCm, 8.5); // the width is the column's
    // Two maps side by side: 14 lines, then a square of half the 241 pt width less each map's
    // y axis (3.5 lines): 126 + 88.75 = 214.75 pt = 7.58 cm.
    const double maps = (14 * 9 + (241 - 2 * 3.5 * 9) / 2.0) / 72.0 * 2.54;
    QVERIFY(std::abs(comparisonFigureSize(oneColumn, 2, true).heightCm - maps) < 1e-9);
    oneColumn.fontPt = 6;
    QCOMPARE(comparisonFigureSize(oneColumn, 2).heightCm, 6.0); // a smaller font needs less
    QCOMPARE(comparisonFigureSize(withSize(FigureSize {}, "full-width"), 2).heightCm, 9.0);

    // Three lanes: the lowest rectangle also holds the x axis's labels, and yet every plot is
    // as tall as the others (to a pixel), at the window's size and at a figure's.
    Snapshot s;
    s.grid = { 0, 1, 2 };
    s.dataDensity = { 0.1, 0.2, 0.1 };
    s.generatorDensity = { { 0.3, 0.1, 0 } };
    s.mixtureDensity = s.generatorDensity[0];
    s.dReal = { 0.5, 0.5, 0.5 };
    ComparisonFigure figure;
    figure.setPanels({ { "gan", s, { 0, 1 } }, { "madgan", s, { 0, 1 } }, { "sim", s, { 0, 1 } } },
        { { -1, 3 }, true, true });
    for (const QSize size : { QSize(600, 700), QSize(241, 282) }) {
        figure.resize(size);
        figure.replot();
        const int top = figure.panelRect(0)->rect().height();
        QVERIFY2(top > 20, qPrintable(QString::number(top)));
        for (int i = 1; i < 3; ++i)
            QVERIFY2(std::abs(figure.panelRect(i)->rect().height() - top) <= 1,
                qPrintable(QString("lane %1: %2 px against %3")
                               .arg(i + 1)
                               .arg(figure.panelRect(i)->rect().height())
                               .arg(top)));
    }
}

void TestComparison::mapsStandSideBySideWholeAndAtEqualAspect()
{
    // Two 2-D lanes over the box [0, 3] x [10, 12]: side by side, as large as each other, each
    // showing the whole box with a unit as long across as up, in a wide and in a tall figure.
    Snapshot s;
    s.dimension = 2;
    s.grid = { 0, 1, 2, 3 };
    s.gridY = { 10, 11, 12 };
    s.dataDensity.assign(12, 1.0);
    s.dReal.assign(12, 0.5);
    s.points = { { 1, 11, 2, 11.5 } };
    ComparisonFigure figure;
    figure.setPanels({ { "gan, k = 1 \u00b7 modes covered 0/8", s, { 10, 12 } },
                         { "madgan, k = 1 \u00b7 modes covered 1/8", s, { 10, 12 } } },
        { { 0, 3 }, true, true });
    QCOMPARE(figure.panelTitle(1), QString("madgan, k = 1\nmodes covered 1/8")); // narrow
    for (const QSize size : { QSize(700, 300), QSize(300, 700) }) {
        figure.resize(size);
        figure.replot();
        const QRect left = figure.panelRect(0)->rect();
        const QRect right = figure.panelRect(1)->rect();
        QVERIFY2(right.left() > left.right(), "side by side");
        QVERIFY(std::abs(left.width() - right.width()) <= 1);
        QVERIFY(std::abs(left.height() - right.height()) <= 1);
        for (int i = 0; i < 2; ++i) {
            const QCPRange x = figure.panelRect(i)->axis(QCPAxis::atBottom)->range();
            const QCPRange y = figure.panelRect(i)->axis(QCPAxis::atLeft)->range();
            QVERIFY(x.lower <= 1e-9 && x.upper >= 3 - 1e-9); // the whole box
            QVERIFY(y.lower <= 10 + 1e-9 && y.upper >= 12 - 1e-9);
            const double xPerPixel = x.size() / figure.panelRect(i)->width();
            const double yPerPixel = y.size() / figure.panelRect(i)->height();
            QVERIFY2(std::abs(xPerPixel / yPerPixel - 1) < 0.02,
                qPrintable(QString("%1 against %2 units a pixel").arg(xPerPixel).arg(yPerPixel)));
        }
    }
}

void TestComparison::exportWritesEveryLane()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan:2"));
    stepLanes(*window, 3);
    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("cmp");
    ExportRequest request;
    request.folder = dir;
    request.figure.widthCm = 8.5;
    request.figure.heightCm = 9.0;
    request.figure.dpi = 150;
    request.pdf = false;
    request.video = true;
    QCOMPARE(exportAndWait(*window, request), QStringList());

    // compare.json names each lane's folder, method, k and step.
    const nlohmann::json c = readJson(QDir(dir).filePath("compare.json"));
    QCOMPARE(c["preset"].get<std::string>(), std::string("test"));
    QCOMPARE(c["seed"].get<int>(), 7);
    QCOMPARE(c["lock_step"].get<bool>(), true);
    QCOMPARE(c["lanes"].size(), size_t(2));
    QCOMPARE(c["lanes"][0]["folder"].get<std::string>(), std::string("1-gan"));
    QCOMPARE(c["lanes"][1]["folder"].get<std::string>(), std::string("2-madgan-k2"));
    QCOMPARE(c["lanes"][1]["generators"].get<int>(), 2);
    QCOMPARE(c["lanes"][0]["step"].get<long long>(), 3LL);
    QCOMPARE(c["lanes"][1]["step"].get<long long>(), 3LL);

    // Each lane's folder is an ordinary run folder with its own figure and strip.
    for (const QString lane : { "1-gan", "2-madgan-k2" }) {
        const QDir laneDir(QDir(dir).filePath(lane));
        for (const char* name : { "config.json", "checkpoint.pt", "metrics.csv", "samples.csv",
                 "density.csv", "density.png", "density.svg", "samples-strip.png" })
            QVERIFY2(laneDir.exists(name), qPrintable(laneDir.filePath(name)));
        const StoredRun run = readRunFolder(laneDir.path().toStdString());
        QCOMPARE(run.rows.size(), size_t(3));
    }
    QVERIFY(readRunFolder(QDir(dir).filePath("2-madgan-k2").toStdString()).config.method
        == Method::MadGan);
    // The window's side plots go with its own lane; every lane has its ownership map.
    QVERIFY(QDir(QDir(dir).filePath("1-gan")).exists("metrics.png"));
    QVERIFY(QDir(QDir(dir).filePath("1-gan")).exists("ownership.png"));
    QVERIFY(QDir(QDir(dir).filePath("2-madgan-k2")).exists("ownership.svg"));
    QVERIFY(!QDir(QDir(dir).filePath("2-madgan-k2")).exists("losses.png"));

    // The figure: the chosen size, every lane's title, one legend.
    const QImage png(QDir(dir).filePath("comparison.png"));
    QCOMPARE(png.size(), QSize(request.figure.widthPx(), request.figure.heightPx()));
    const QByteArray svg = readAll(QDir(dir).filePath("comparison.svg"));
    QVERIFY(svg.contains("gan, k = 1"));
    QVERIFY(svg.contains("madgan, k = 2"));
    QCOMPARE(count(svg, ">G1<"), 1);
    QCOMPARE(count(svg, ">G2<"), 1);
    QVERIFY(svg.contains("test \xc2\xb7 gan | madgan \xc2\xb7 seed 7 \xc2\xb7 step 3")); // caption

    // The video: one frame per kept snapshot (steps 0..3), every lane in each.
    const QByteArray avi = readAll(QDir(dir).filePath("history.avi"));
    QCOMPARE(avi.left(4), QByteArray("RIFF"));
    QCOMPARE(count(avi, QByteArray("\xFF\xD8\xFF", 3)), 4);
}

// A preset that gives the plain GAN its own rates (as the image presets do): each lane trains
// at its method's, as its saved config.json says; a live change of another setting keeps
// them, a rate typed in the panel is every lane's.
void TestComparison::lanesTrainAtTheirMethodsRates()
{
    TrainConfig preset = smallConfig();
    preset.method = Method::MadGan;
    preset.presetRates = { 1e-4, 8e-4 };
    preset.live.generatorLr = 1e-4;
    preset.live.discriminatorLr = 8e-4;
    preset.methodRates[Method::Gan] = { 4e-4, 3e-4 };
    auto window = compareWindow(parseLaneSpecs("madgan,gan"), preset);
    QTemporaryDir tmp;
    auto savedRates = [&](const QString& name) {
        const QString dir = QDir(tmp.path()).filePath(name);
        ExportRequest request;
        request.folder = dir;
        request.png = request.svg = request.pdf = false;
        request.video = request.strip = request.sidePlots = false;
        const QStringList errors = exportAndWait(*window, request);
        if (!errors.isEmpty())
            qWarning() << errors;
        std::vector<std::pair<double, double>> rates;
        for (const char* lane : { "1-madgan-k3", "2-gan" }) {
            const LiveSettings live
                = readRunFolder(QDir(dir).filePath(lane).toStdString()).config.live;
            rates.emplace_back(live.generatorLr, live.discriminatorLr);
        }
        return rates;
    };
    using Rates = std::vector<std::pair<double, double>>;
    QCOMPARE(savedRates("start"), (Rates { { 1e-4, 8e-4 }, { 4e-4, 3e-4 } }));
    QDoubleSpinBox* g = nullptr;
    QDoubleSpinBox* lambda = nullptr;
    for (auto* box : window->panel()->findChildren<QDoubleSpinBox*>()) {
        if (box->toolTip().startsWith("Adam learning rate of the generators"))
            g = box;
        if (box->toolTip().startsWith("lambda"))
            lambda = box;
    }
    QVERIFY(g && lambda);
    lambda->setValue(lambda->value() + 0.5);
    stepLanes(*window, 1);
    QCOMPARE(savedRates("lambda"), (Rates { { 1e-4, 8e-4 }, { 4e-4, 3e-4 } }));
    // gan chosen in the panel shows gan's rates for Reset; the running lanes keep theirs when
    // another setting changes live meanwhile.
    auto* method = window->panel()->findChild<QComboBox*>("method"); // not a lane's row
    QVERIFY(method);
    method->setCurrentText("gan");
    lambda->setValue(lambda->value() + 0.5);
    method->setCurrentText("madgan");
    stepLanes(*window, 1);
    QCOMPARE(savedRates("chosen"), (Rates { { 1e-4, 8e-4 }, { 4e-4, 3e-4 } }));
    // A G rate typed is every lane's, now and after Reset; D stays each method's.
    g->setValue(2e-4);
    stepLanes(*window, 1);
    QCOMPARE(savedRates("typed"), (Rates { { 2e-4, 8e-4 }, { 2e-4, 3e-4 } }));
    window->setAskToDiscard([](const QString&) { return true; });
    action(*window, "Reset")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window->laneCount(), 2, kWaitMs);
    for (int i = 0; i < 2; ++i)
        QTRY_COMPARE_WITH_TIMEOUT(window->lane(i)->controller()->latest().iteration, 0LL, kWaitMs);
    stepLanes(*window, 1);
    QCOMPARE(savedRates("reset"), (Rates { { 2e-4, 8e-4 }, { 2e-4, 3e-4 } }));
}

void TestComparison::savedWhileRunningAtOneStepAndOpenedBack()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan"));
    window->lane(1)->findChild<QCheckBox*>()->setChecked(true); // the madgan lane's Sim on
    window->laneSet()->start();
    QTRY_VERIFY_WITH_TIMEOUT(window->controller()->latest().iteration > 30, kWaitMs);
    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("session");
    QSignalSpy done(window.get(), &MainWindow::exportFinished);
    window->saveSession(dir);
    QVERIFY(done.wait(kWaitMs));
    QCOMPARE(done.at(0).at(2).toStringList(), QStringList());
    // Saved where the lanes met, without pausing them: every checkpoint at the same step, and
    // the lanes train on.
    QVERIFY(window->laneSet()->isRunning());
    const Comparison saved = readComparison(dir.toStdString());
    // The rows the madgan lane had seen up to that step when it was saved (a pause now adds
    // one at the step it stops at).
    const size_t rowsSaved = window->lane(1)->history().rowsUpTo(saved.lanes[1].step).size();
    QTRY_VERIFY_WITH_TIMEOUT(
        window->lane(1)->controller()->latest().iteration > saved.lanes[1].step, kWaitMs);
    window->laneSet()->halt();

    QCOMPARE(saved.lanes.size(), size_t(2));
    QVERIFY(saved.lanes[0].step > 30);
    QCOMPARE(saved.lanes[1].step, saved.lanes[0].step);
    QVERIFY(saved.lanes[1].simOn);
    QVERIFY(!saved.lanes[0].simOn); // gan has no Sim

    // Opened in a new window: the same lanes, at the saved step, with their metrics.
    auto other = std::make_unique<MainWindow>();
    other->setQuiet(true);
    QSignalSpy opened(other.get(), &MainWindow::sessionOpened);
    QVERIFY(other->openSession(dir));
    QSignalSpy laneOpened(other->lane(1)->controller(), &TrainingController::snapshotReady);
    QVERIFY(opened.wait(kWaitMs));
    QVERIFY(laneOpened.count() > 0 || laneOpened.wait(kWaitMs));
    // Exported at once (as `--export` does, before the lane's redraw timer has fired): every
    // lane is drawn first, not left at QCustomPlot's default y range 0-5.
    QTemporaryDir figures;
    ExportRequest request;
    request.folder = figures.path();
    request.runData = request.video = request.strip = request.sidePlots = false;
    request.svg = request.pdf = false;
    QCOMPARE(exportAndWait(*other, request), QStringList());
    QVERIFY2(other->lane(1)->plot()->yAxis->range().upper < 1.0,
        qPrintable(QString::number(other->lane(1)->plot()->yAxis->range().upper)));
    QCOMPARE(opened.at(0).at(0).toString(), QFileInfo(dir).absoluteFilePath());
    QCOMPARE(other->laneCount(), 2);
    QVERIFY(other->runningConfig().method == Method::Gan);
    QTRY_COMPARE_WITH_TIMEOUT(
        other->controller()->latest().iteration, saved.lanes[0].step, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(
        other->lane(1)->controller()->latest().iteration, saved.lanes[1].step, kWaitMs);
    QVERIFY(other->lane(1)->running().method == Method::MadGan);
    QVERIFY(other->lane(1)->simOn());
    QCOMPARE(other->lane(1)->history().rows().size(), rowsSaved);
    QVERIFY(rowsSaved > 0);
    // It trains on in lock-step.
    other->laneSet()->start();
    QTRY_VERIFY_WITH_TIMEOUT(
        other->lane(1)->controller()->latest().iteration > saved.lanes[1].step + 5, kWaitMs);
    other->laneSet()->pause();
    QTRY_VERIFY_WITH_TIMEOUT(!other->laneSet()->isRunning(), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(other->lane(1)->controller()->latest().iteration,
        other->controller()->latest().iteration, kWaitMs);
}

void TestComparison::anExistingComparisonIsNotReplaced()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan"));
    stepLanes(*window, 2);
    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("session");
    QSignalSpy done(window.get(), &MainWindow::exportFinished);
    window->saveSession(dir);
    QVERIFY(done.count() == 1 || done.wait(kWaitMs));
    const QByteArray before = readAll(QDir(dir).filePath("compare.json"));
    stepLanes(*window, 2);
    window->saveSession(dir); // not asked to replace
    QVERIFY(done.count() == 2 || done.wait(kWaitMs));
    const QStringList errors = done.at(1).at(2).toStringList();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].contains("holds a comparison already"), qPrintable(errors[0]));
    QVERIFY2(errors[0].contains(dir), qPrintable(errors[0]));
    QCOMPARE(readAll(QDir(dir).filePath("compare.json")), before);
    QCOMPARE(readComparison(dir.toStdString()).lanes[1].step, 2LL);
    // A single run's folder does not take a comparison either.
    auto single = newWindow();
    const QString runDir = QDir(tmp.path()).filePath("run");
    QSignalSpy singleDone(single.get(), &MainWindow::exportFinished);
    single->saveSession(runDir);
    QVERIFY(singleDone.count() == 1 || singleDone.wait(kWaitMs));
    window->saveSession(runDir, /*replaceRun=*/true);
    QVERIFY(done.count() == 3 || done.wait(kWaitMs));
    QVERIFY2(done.at(2).at(2).toStringList().join(' ').contains("holds a single run"),
        qPrintable(done.at(2).at(2).toStringList().join(' ')));
}

void TestComparison::aDamagedComparisonIsRefused_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("named");
    QTest::newRow("lane folder missing") << "remove 2-madgan-k3"
                                         << "2-madgan-k3 is missing";
    QTest::newRow("lane of another method") << "swap"
                                            << "is not the lane compare.json names";
    QTest::newRow("compare.json damaged") << "truncate"
                                          << "compare.json: not valid JSON";
    QTest::newRow("lane run damaged") << "no config"
                                      << "2-madgan-k3";
    QTest::newRow("lane of another seed") << "seed"
                                          << "not the comparison's (\"test\", seed 7)";
}

void TestComparison::aDamagedComparisonIsRefused()
{
    QFETCH(QString, damage);
    QFETCH(QString, named);
    auto window = compareWindow(parseLaneSpecs("gan,madgan"));
    stepLanes(*window, 1);
    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("session");
    QCOMPARE(saveAndWait(*window, dir), QStringList());
    QDir d(dir);
    if (damage == "remove 2-madgan-k3")
        QDir(d.filePath("2-madgan-k3")).removeRecursively();
    if (damage == "swap") { // the lanes' folders named the other way round
        QVERIFY(d.rename("1-gan", "tmp"));
        QVERIFY(d.rename("2-madgan-k3", "1-gan"));
        QVERIFY(d.rename("tmp", "2-madgan-k3"));
    }
    if (damage == "truncate") {
        QFile f(d.filePath("compare.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": ");
    }
    if (damage == "no config")
        QVERIFY(QFile::remove(d.filePath("2-madgan-k3/config.json")));
    if (damage == "seed") { // a lane trained on another seed: not comparable with the others
        QFile f(d.filePath("2-madgan-k3/config.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray text = f.readAll();
        f.close();
        QVERIFY(text.contains("\"seed\": 7"));
        text.replace("\"seed\": 7", "\"seed\": 8");
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }

    // Refused, named; the window keeps its lanes and trains on.
    auto other = compareWindow(parseLaneSpecs("gan,madgan-sim,independent"));
    QVERIFY(!other->openSession(dir));
    QVERIFY2(other->statusBar()->currentMessage().contains(named),
        qPrintable(other->statusBar()->currentMessage()));
    QCOMPARE(other->laneCount(), 3);
    stepLanes(*other, 1);
}

void TestComparison::aLaneFolderOpensAsOneRun()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan"));
    stepLanes(*window, 2);
    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("session");
    QCOMPARE(saveAndWait(*window, dir), QStringList());
    QSignalSpy opened(window.get(), &MainWindow::sessionOpened);
    QVERIFY(window->openSession(QDir(dir).filePath("2-madgan-k3")));
    QVERIFY(opened.wait(kWaitMs));
    QCOMPARE(window->laneCount(), 1);
    QVERIFY(window->runningConfig().method == Method::MadGan);
    QCOMPARE(window->controller()->latest().iteration, 2LL);
}

void TestComparison::lockStepCanBeSwitchedOff()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan"));
    auto* action = window->findChild<QAction*>("lockStep");
    QVERIFY(action && action->isChecked());
    QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_L));
    action->trigger();
    QVERIFY(!window->laneSet()->lockStep());
    // Free running: no shared limit, and both lanes train.
    window->laneSet()->start();
    QCOMPARE(window->laneSet()->stepLimit(), -1LL);
    for (int i = 0; i < 2; ++i)
        QTRY_VERIFY_WITH_TIMEOUT(window->lane(i)->controller()->latest().iteration > 20, kWaitMs);
    window->laneSet()->halt();
    // And a comparison saved so says so.
    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("free");
    QCOMPARE(saveAndWait(*window, dir), QStringList());
    QVERIFY(!readComparison(dir.toStdString()).lockStep);
    auto other = std::make_unique<MainWindow>();
    other->setQuiet(true);
    QVERIFY(other->openSession(dir));
    QVERIFY(!other->laneSet()->lockStep());
    QVERIFY(!other->findChild<QAction*>("lockStep")->isChecked());
}

void TestComparison::thePanelAddsChangesAndRemovesLanes()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan,madgan-sim:2"));
    LaneEditor* editor = window->panel()->laneEditor();
    // The panel shows the lanes --compare made.
    QCOMPARE(editor->count(), 2);
    QCOMPARE(QString::fromStdString(editor->others()[1].name()), QString("madgan-sim:2"));
    QVERIFY(editor->addButton()->isEnabled()); // three lanes: room for a fourth
    editor->addLane();
    QCOMPARE(editor->count(), 3);
    QVERIFY(!editor->addButton()->isEnabled()); // four at most
    QVERIFY(editor->others()[2].method == Method::Gan); // the first method no lane has
    QVERIFY(window->panel()->resetHint().contains("Press R"));
    QCOMPARE(window->laneCount(), 3); // applied at Reset only
    editor->setLane(2, { Method::Independent, 2 });
    editor->removeLane(0); // madgan goes
    QAction* reset = nullptr;
    for (QAction* a : window->findChildren<QAction*>())
        if (a->text() == "Reset")
            reset = a;
    window->setAskToDiscard([](const QString&) { return true; });
    QSignalSpy resetDone(window->controller(), &TrainingController::resetDone);
    reset->trigger();
    QCOMPARE(window->laneCount(), 3);
    QVERIFY(window->lane(1)->spec().method == Method::MadGanSim);
    QVERIFY(window->lane(2)->spec().method == Method::Independent);
    QTRY_COMPARE_WITH_TIMEOUT(window->lane(2)->running().generators, 2, kWaitMs);
    QVERIFY(window->lane(2)->running().method == Method::Independent);
    for (int i = 0; i < window->laneCount(); ++i)
        QTRY_COMPARE_WITH_TIMEOUT(window->lane(i)->controller()->latest().iteration, 0LL, kWaitMs);
    stepLanes(*window, 1); // the new lanes train in lock-step
    // Removing every other lane leaves today's single view.
    editor->removeLane(1);
    editor->removeLane(0);
    reset->trigger();
    QCOMPARE(window->laneCount(), 1);
    QCOMPARE(editor->count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->latest().iteration, 0LL, kWaitMs);
    stepLanes(*window, 1);
}

void TestComparison::removingALaneLeavesThePanelWhereItWas()
{
    // The settings panel scrolled to its end, the first lane's x clicked: nothing outside the
    // lane list moves (it slid down a row, and the next click missed).
    auto window = compareWindow(parseLaneSpecs("gan,madgan,madgan-sim,independent"));
    window->resize(1360, 800);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    LaneEditor* editor = window->panel()->laneEditor();
    auto* scroll = qobject_cast<QScrollArea*>(editor->window()->findChild<QScrollArea*>());
    QVERIFY(scroll);
    QScrollBar* bar = scroll->verticalScrollBar();
    QVERIFY2(bar->maximum() > 0, "the panel must scroll at this size for the test to mean much");
    bar->setValue(bar->maximum());
    QTest::qWait(50);
    const QPoint before = editor->mapTo(window.get(), QPoint(0, 0));
    const int value = bar->value();
    auto* remove = editor->findChildren<QToolButton*>().at(0);
    QTest::mouseClick(remove, Qt::LeftButton);
    QCOMPARE(editor->count(), 2);
    QTest::qWait(50); // the layout request is posted
    QCOMPARE(bar->value(), value);
    QCOMPARE(editor->mapTo(window.get(), QPoint(0, 0)), before);
    // The next lanes set (here: a preset's) release the held height.
    editor->setOthers({});
    QCOMPARE(editor->minimumHeight(), 0);
}

void TestComparison::eachLaneHasItsOwnershipMap()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan:2"));
    stepLanes(*window, 2);
    auto* choice = window->findChild<QComboBox*>("ownershipLane");
    QVERIFY(choice);
    QCOMPARE(choice->count(), 2);
    QCOMPARE(choice->itemText(1), QString("Ownership: lane 2 (madgan:2)"));
    QTRY_COMPARE_WITH_TIMEOUT(window->ownershipMap()->rows(), 1, kWaitMs); // gan's one generator
    choice->setCurrentIndex(1);
    QCOMPARE(window->ownershipLane(), 1);
    OwnershipMap* lane2 = window->lane(1)->ownershipMap();
    QCOMPARE(lane2->rows(), 2); // madgan's two
    // Its cells are that lane's shares: each generator's row sums to at most 1.
    const auto& ownership = window->lane(1)->controller()->latest().metrics.ownership;
    QCOMPARE(lane2->cell(1, 2), ownership[1][2]);
    // One lane again: the choice goes.
    window->setCompare({});
    QVERIFY(choice->isHidden());
    QCOMPARE(window->ownershipLane(), 0);
}

void TestComparison::aLaneThePanelCannotMakeIsRefusedByName()
{
    auto window = newWindow(); // madgan-sim, k = 3
    // Networks and a batch this machine can train with k = 3 but not with a lane's k = 64.
    TrainConfig wide = window->panel()->config();
    bool found = false;
    for (int width : { 256, 1024, 4096 }) {
        for (int batch = 1024; batch <= 65536 && !found; batch *= 2) {
            wide.generator.hidden = { width, width };
            wide.batch = batch;
            TrainConfig many = wide;
            many.method = Method::MadGan;
            many.generators = 64;
            found = memoryRefusal(wide, physicalMemoryBytes()).empty()
                && !memoryRefusal(many, physicalMemoryBytes()).empty();
        }
        if (found)
            break;
    }
    if (!found)
        QSKIP("this machine's memory fits 64 generators of the widest networks the panel sets");
    window->panel()->setConfig(wide);
    LaneEditor* editor = window->panel()->laneEditor();
    editor->addLane();
    editor->setLane(0, { Method::MadGan, 64 });
    QSignalSpy resetDone(window->controller(), &TrainingController::resetDone);
    window->setAskToDiscard([](const QString&) { return true; });
    for (QAction* a : window->findChildren<QAction*>())
        if (a->text() == "Reset")
            a->trigger();
    // Refused before anything is built, naming the lane; the run trains on alone.
    QVERIFY2(
        window->statusBar()->currentMessage().startsWith("Reset, lane 2 (madgan:64): generators"),
        qPrintable(window->statusBar()->currentMessage()));
    QCOMPARE(window->laneCount(), 1);
    QCOMPARE(resetDone.count(), 0);
    stepWindow(*window, 1);
}

void TestComparison::lanesComeBackAtTheNextStart()
{
    QSettings().clear();
    {
        auto window = compareWindow(parseLaneSpecs("madgan,gan,madgan-sim:2"));
        window->setLockStep(false);
        window->show();
        window->setAskToDiscard([](const QString&) { return true; });
        window->close(); // saves the settings
    }
    MainWindow next;
    next.setQuiet(true);
    QVERIFY(next.restoreSettings());
    QCOMPARE(next.laneCount(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(next.runningConfig().method == Method::MadGan, kWaitMs);
    QVERIFY(next.lane(1)->spec().method == Method::Gan);
    QCOMPARE(QString::fromStdString(next.lane(2)->spec().name()), QString("madgan-sim:2"));
    QVERIFY(!next.laneSet()->lockStep());
    QTRY_COMPARE_WITH_TIMEOUT(next.lane(2)->running().generators, 2, kWaitMs);
    QSettings().clear();
}

void TestComparison::lanesChangedBeforeTheyMeetCancelTheSave()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan"));
    window->laneSet()->start();
    QTRY_VERIFY_WITH_TIMEOUT(window->controller()->latest().iteration > 10, kWaitMs);
    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("session");
    QSignalSpy done(window.get(), &MainWindow::exportFinished);
    window->saveSession(dir); // waits for the lanes to meet...
    window->setCompare({}); // ...which they never do: these lanes are gone
    QVERIFY(done.count() == 1 || done.wait(kWaitMs));
    const QStringList errors = done.at(0).at(2).toStringList();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].contains("nothing was written"), qPrintable(errors[0]));
    QVERIFY(!QDir(dir).exists("compare.json"));
    // And the next save works and is reported.
    stepWindow(*window, 1);
    const QString single = QDir(tmp.path()).filePath("single");
    window->saveSession(single);
    QVERIFY(done.count() == 2 || done.wait(kWaitMs));
    QCOMPARE(done.at(1).at(2).toStringList(), QStringList());
    QVERIFY(QDir(single).exists("checkpoint.pt"));
}

void TestComparison::aLaneRemovedDuringASaveEndsIt()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan"));
    stepLanes(*window, 1);
    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("session");
    QSignalSpy done(window.get(), &MainWindow::exportFinished);
    window->saveSession(dir); // paused: each lane's save is queued to its worker now
    window->setCompare({}); // the madgan lane goes before its worker answers
    QVERIFY(done.count() == 1 || done.wait(kWaitMs));
    const QStringList errors = done.at(0).at(2).toStringList();
    QVERIFY2(errors.join(' ').contains("lane 2 was removed before its folder was written"),
        qPrintable(errors.join(' ')));
    QVERIFY(!QDir(dir).exists("compare.json")); // not a whole comparison, so not one at all
    // Nothing is left waiting: the next comparison export is not refused as busy.
    window->setCompare(parseLaneSpecs("gan,madgan"));
    window->startConfig(smallConfig());
    QTRY_VERIFY_WITH_TIMEOUT(!window->lane(1)->history().rows().empty()
            || window->lane(1)->controller()->latest().grid.size() > 0,
        kWaitMs);
    stepLanes(*window, 1);
    const QString again = QDir(tmp.path()).filePath("again");
    window->saveSession(again);
    QVERIFY(done.count() == 2 || done.wait(kWaitMs));
    QCOMPARE(done.at(1).at(2).toStringList(), QStringList());
    QVERIFY(QDir(again).exists("compare.json"));
}

void TestComparison::replacingDropsTheOldLanes()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan,madgan-sim"));
    stepLanes(*window, 1);
    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("session");
    QCOMPARE(saveAndWait(*window, dir), QStringList());
    QVERIFY(QDir(dir).exists("3-madgan-sim-k3"));
    auto two = compareWindow(parseLaneSpecs("gan,madgan"));
    stepLanes(*two, 2);
    QCOMPARE(saveAndWait(*two, dir, /*replace=*/true), QStringList());
    const Comparison c = readComparison(dir.toStdString());
    QCOMPARE(c.lanes.size(), size_t(2));
    QCOMPARE(c.lanes[1].step, 2LL);
    QVERIFY(!QDir(dir).exists("3-madgan-sim-k3")); // the old third lane does not linger
}

void TestComparison::aComparisonOpensFromARelativePath()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan"));
    stepLanes(*window, 1);
    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("session");
    QCOMPARE(saveAndWait(*window, dir), QStringList());
    const QString before = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir));
    auto other = std::make_unique<MainWindow>();
    other->setQuiet(true);
    QSignalSpy opened(other.get(), &MainWindow::sessionOpened);
    const bool ok = other->openSession("compare.json");
    QDir::setCurrent(before);
    QVERIFY(ok);
    QVERIFY(opened.wait(kWaitMs));
    QCOMPARE(opened.at(0).at(0).toString(), QFileInfo(dir).absoluteFilePath());
    QCOMPARE(other->laneCount(), 2); // kept as a comparison, not dropped to one lane
}

void TestComparison::aFirstLaneThatCannotLoadLeavesTheRunAlone()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan"));
    stepLanes(*window, 1);
    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("session");
    QCOMPARE(saveAndWait(*window, dir), QStringList());
    QFile checkpoint(QDir(dir).filePath("1-gan/checkpoint.pt"));
    QVERIFY(checkpoint.open(QIODevice::WriteOnly | QIODevice::Truncate));
    checkpoint.write("not a checkpoint");
    checkpoint.close();

    auto other = newWindow(); // madgan-sim, k = 3, training alone
    QSignalSpy failed(other->controller(), &TrainingController::failed);
    QVERIFY(other->openSession(dir)); // the files read; the checkpoint fails on the worker
    QVERIFY(failed.count() == 1 || failed.wait(kWaitMs));
    QCOMPARE(other->laneCount(), 1); // not its run beside lanes of another comparison
    QVERIFY(other->runningConfig().method == Method::MadGanSim);
    stepWindow(*other, 1);
}

void TestComparison::startWhileOpeningTrainsEveryLane()
{
    auto window = compareWindow(parseLaneSpecs("gan,madgan"));
    stepLanes(*window, 2);
    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("session");
    QCOMPARE(saveAndWait(*window, dir), QStringList());
    auto other = std::make_unique<MainWindow>();
    other->setQuiet(true);
    QVERIFY(other->openSession(dir));
    other->laneSet()->start(); // Space at once: no lane has loaded its checkpoint yet
    // Each lane joins the others once it has opened, and they train in lock-step.
    for (int i = 0; i < other->laneCount(); ++i)
        QTRY_VERIFY_WITH_TIMEOUT(other->lane(i)->controller()->latest().iteration > 5, kWaitMs);
    other->laneSet()->pause();
    QTRY_VERIFY_WITH_TIMEOUT(!other->laneSet()->isRunning(), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(other->lane(1)->controller()->latest().iteration,
        other->controller()->latest().iteration, kWaitMs);
}

QTEST_MAIN(TestComparison)
#include "tst_comparison.moc"
