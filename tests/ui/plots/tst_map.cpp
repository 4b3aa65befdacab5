// The window on a 2-D mixture: the map drawn from the run's snapshots, the mixture editor's
// x and y columns, a run folder with x,y samples and the gridded density, figures and video at
// the chosen size, a session opened back as a map, and lanes as maps side by side.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QStatusBar>
#include <QTemporaryDir>

#include "export/ComparisonFigure.h"
#include "export/FigureSize.h"
#include "panels/ControlPanel.h"
#include "panels/MixtureEditor.h"
#include "plots/DensityPlot.h"
#include "plots/OwnershipMap.h"
#include "support/WindowTestHelpers.h"
#include "modescope/io/RunFolder.h"

using namespace window_test;

class TestMap : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void aTwoDimensionalRunDrawsAMap();
    void exportWritesTheMapAndItsRun();
    void aSavedMapOpensBack();
    void lanesAreMapsToo();
    void contoursAreDrawnForARun();
    void aMapExportTakesAwayAnEarlierStrip();
};

namespace
{
// Four modes at the corners of a square, small networks: a 2-D run that steps fast.
TrainConfig squareConfig()
{
    TrainConfig c = smallConfig();
    c.presetName = "square";
    c.mixture = Mixture(
        { { 1, std::vector<double> { -2, -2 }, 0.2 }, { 1, std::vector<double> { 2, -2 }, 0.2 },
            { 1, std::vector<double> { -2, 2 }, 0.2 }, { 1, std::vector<double> { 2, 2 }, 0.2 } });
    c.viewRange = { -4, 4 };
    c.viewRangeY = { -3, 3 };
    c.generators = 2;
    return c;
}

std::unique_ptr<MainWindow> mapWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->setQuiet(true);
    QSignalSpy snapshot(window->controller(), &TrainingController::snapshotReady);
    window->startConfig(squareConfig());
    if (!snapshot.wait(kWaitMs))
        throw std::runtime_error("mapWindow: no first snapshot within kWaitMs");
    return window;
}

QList<QByteArray> lines(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll().split('\n') : QList<QByteArray>();
}
} // namespace

void TestMap::initTestCase()
{
    test::isolateSettings("ModeScopeMapTest");
}

void TestMap::aTwoDimensionalRunDrawsAMap()
{
    auto window = mapWindow();
    DensityPlot* plot = window->densityPlot();
    QTRY_VERIFY_WITH_TIMEOUT(plot->isMap(), kWaitMs); // drawn at the next redraw
    const Snapshot& s = window->controller()->latest();
    QCOMPARE(s.dimension, 2);
    QCOMPARE(s.grid.size(), size_t(kMapGridPoints));
    QCOMPARE(s.gridY.front(), -3.0);
    QCOMPARE(s.dataDensity.size(), size_t(kMapGridPoints * kMapGridPoints));
    QCOMPARE(s.points.size(), size_t(2));
    QCOMPARE(s.points[0].size(), size_t(2 * kScatterPoints)); // the window samples 500 a G
    QCOMPARE(plot->graph(1)->dataCount(), kScatterPoints);
    // Each generator's half-mass contour comes with the snapshot.
    QCOMPARE(s.contours.size(), size_t(2));
    QVERIFY(!s.contours[0].empty());
    QCOMPARE(s.contours[0].size() % 6, size_t(0));
    // The true density's peak is at a mode: the layer's top cell is near (2, 2) or another corner.
    QCPColorMapData* data = plot->dataLayer()->data();
    QVERIFY(data->data(2.0, 2.0) > 100 * data->data(0.0, 0.0));
    // The mixture editor edits x and y.
    QTableWidget* table = window->panel()->mixtureEditor()->table();
    QCOMPARE(table->columnCount(), 4);
    QCOMPARE(table->horizontalHeaderItem(2)->text(), QString("mean y"));
    QCOMPARE(table->item(1, 1)->text(), QString("2"));
    QCOMPARE(table->item(1, 2)->text(), QString("-2"));
    // An edit of y moves the mode in the next run's config.
    table->item(1, 2)->setText("-1.5");
    QCOMPARE(window->panel()->config().mixture.modes()[1].mean, std::vector<double>({ 2, -1.5 }));
    // The ownership map has a column per mode, labelled "x,y".
    QTRY_COMPARE_WITH_TIMEOUT(window->ownershipMap()->xAxis->range().upper, 3.5, kWaitMs);
    const auto ticker = window->ownershipMap()->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
    QVERIFY(ticker);
    QCOMPARE(ticker->ticks().values(),
        QList<QString>({ "-2,-2", "-2,2", "2,-2", "2,2" })); // in x, then y order
}

void TestMap::exportWritesTheMapAndItsRun()
{
    auto window = mapWindow();
    stepWindow(*window, 3);
    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("run");
    ExportRequest request;
    request.folder = dir;
    request.figure.widthCm = 10;
    request.figure.heightCm = 8;
    request.figure.dpi = 120;
    request.video = true;
    QCOMPARE(exportAndWait(*window, request), QStringList());

    const QImage png(QDir(dir).filePath("density.png"));
    QCOMPARE(png.size(), QSize(request.figure.widthPx(), request.figure.heightPx()));
    QFile svg(QDir(dir).filePath("density.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray svgText = svg.readAll();
    QVERIFY(svgText.contains(">G2<")); // the legend names the generators' points
    QVERIFY(QFile::exists(QDir(dir).filePath("density.pdf")));
    QVERIFY(!QFile::exists(QDir(dir).filePath("samples-strip.png"))); // a 1-D figure only

    // samples.csv: generator,x,y; density.csv: the 128 x 128 grid, x fastest.
    const QList<QByteArray> samples = lines(QDir(dir).filePath("samples.csv"));
    QCOMPARE(samples.front(), QByteArray("generator,x,y"));
    QCOMPARE(samples[1].count(','), 2);
    const QList<QByteArray> density = lines(QDir(dir).filePath("density.csv"));
    QCOMPARE(density.front(), QByteArray("x,y,data,g1,g2,mixture,d_real"));
    QCOMPARE(density.size(), 1 + kMapGridPoints * kMapGridPoints + 1); // a last empty line
    QVERIFY(density[1].startsWith("-4,-3,"));
    QVERIFY(density[2].startsWith(QByteArray::number(-4 + 8.0 / 127, 'g', 9)));
    const StoredRun run = readRunFolder(dir.toStdString());
    QCOMPARE(run.config.dimension(), 2);
    QCOMPARE(run.config.effectiveViewRange(1), std::make_pair(-3.0, 3.0));
    QCOMPARE(run.rows.size(), size_t(3));
    const auto points = readSamples(QDir(dir).filePath("samples.csv").toStdString(), 2, 2);
    QVERIFY(points[1].size() >= 2 && points[1].size() % 2 == 0);

    // The video: one frame per snapshot (steps 0..3).
    QFile avi(QDir(dir).filePath("history.avi"));
    QVERIFY(avi.open(QIODevice::ReadOnly));
    QCOMPARE(avi.readAll().count(QByteArray("\xFF\xD8\xFF", 3)), 4);
}

void TestMap::aSavedMapOpensBack()
{
    auto window = mapWindow();
    stepWindow(*window, 2);
    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("session");
    QSignalSpy saved(window.get(), &MainWindow::exportFinished);
    window->saveSession(dir);
    QVERIFY(saved.wait(kWaitMs));
    QCOMPARE(saved.at(0).at(2).toStringList(), QStringList());

    auto other = std::make_unique<MainWindow>();
    other->setQuiet(true);
    QSignalSpy opened(other.get(), &MainWindow::sessionOpened);
    QVERIFY(other->openSession(dir));
    QVERIFY(opened.wait(kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(other->controller()->latest().iteration, 2LL, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(other->densityPlot()->isMap(), kWaitMs);
    QCOMPARE(other->runningConfig().mixture.modes()[3].mean, std::vector<double>({ 2, 2 }));
    QCOMPARE(other->panel()->mixtureEditor()->table()->columnCount(), 4);
}

void TestMap::lanesAreMapsToo()
{
    auto window = std::make_unique<MainWindow>();
    window->setQuiet(true);
    const std::vector<LaneSpec> specs = parseLaneSpecs("gan,madgan-sim:2");
    window->setCompare(specs);
    QSignalSpy first(window->controller(), &TrainingController::snapshotReady);
    QSignalSpy second(window->lane(1)->controller(), &TrainingController::snapshotReady);
    window->startConfig(specs.front().applyTo(squareConfig()));
    QVERIFY(first.count() > 0 || first.wait(kWaitMs));
    QVERIFY(second.count() > 0 || second.wait(kWaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(window->densityPlot()->isMap(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(window->lane(1)->plot()->isMap(), kWaitMs);

    QTemporaryDir tmp;
    const QString dir = QDir(tmp.path()).filePath("cmp");
    ExportRequest request;
    request.folder = dir;
    request.figure.widthCm = 10;
    request.figure.heightCm = 12;
    request.figure.dpi = 100;
    request.pdf = false;
    QCOMPARE(exportAndWait(*window, request), QStringList());
    const QImage png(QDir(dir).filePath("comparison.png"));
    QCOMPARE(png.size(), QSize(request.figure.widthPx(), request.figure.heightPx()));
    QFile svg(QDir(dir).filePath("comparison.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray text = svg.readAll();
    QCOMPARE(text.count(">G2<"), 1); // one legend: the lanes' maps share it
    QVERIFY(text.count(">data<") == 1);
    QCOMPARE(lines(QDir(dir).filePath("2-madgan-sim-k2/samples.csv")).front(),
        QByteArray("generator,x,y"));
}

void TestMap::contoursAreDrawnForARun()
{
    // C on a live run: each generator's half-mass contour is a closed line of many segments
    // inside the view box (the tester saw none on ring-8).
    auto window = mapWindow();
    stepWindow(*window, 3);
    DensityPlot* plot = window->densityPlot();
    QTRY_COMPARE_WITH_TIMEOUT(plot->contours().size(), 2, kWaitMs);
    QAction* contours = action(*window, "Generator contours (2-D)"); // C
    QVERIFY(contours);
    contours->trigger();
    QVERIFY(plot->showsContours());
    // The status line says what to look for: a ring can be as small as the dots.
    QVERIFY2(window->statusBar()->currentMessage().contains("densest half of its samples"),
        qPrintable(window->statusBar()->currentMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(plot->contours()[0]->dataCount() > 0, kWaitMs);
    for (QCPCurve* contour : plot->contours()) {
        QVERIFY(contour->visible());
        QVERIFY2(contour->dataCount() >= 12, qPrintable(QString::number(contour->dataCount())));
        bool found = false;
        const QCPRange x = contour->getKeyRange(found);
        QVERIFY(found && x.lower >= -4 && x.upper <= 4);
    }
}

void TestMap::aMapExportTakesAwayAnEarlierStrip()
{
    // The tester exported a 1-D run and then a 2-D one into the same folder: the old
    // samples-strip.png stayed beside the map's files, as if it were the map's. ModeScope's own
    // strip goes; a file of the user's by that name stays.
    QTemporaryDir dir;
    const QString strip = dir.filePath("samples-strip.png");
    auto ours = [&strip] {
        QImage image(40, 10, QImage::Format_RGB32);
        image.fill(Qt::white);
        FigureSize().stamp(image, "paper-1d \u00b7 madgan, k = 4 \u00b7 seed 1 \u00b7 step 10");
        return image.save(strip, "PNG");
    };
    QVERIFY(ours());
    auto window = mapWindow();
    ExportRequest request;
    request.folder = dir.path();
    request.pdf = request.svg = request.sidePlots = request.runData = false;
    QVERIFY(request.strip); // asked for, but a map has none
    QCOMPARE(exportAndWait(*window, request), QStringList());
    QVERIFY(QFile::exists(dir.filePath("density.png")));
    QVERIFY(!QFile::exists(strip));

    QImage theirs(40, 10, QImage::Format_RGB32); // no ModeScope stamp: the user's own
    theirs.fill(Qt::black);
    QVERIFY(theirs.save(strip, "PNG"));
    QCOMPARE(exportAndWait(*window, request), QStringList());
    QVERIFY(QFile::exists(strip));
}

QTEST_MAIN(TestMap)
#include "tst_map.moc"
