// The window's files: export writes PNG (of the requested size), PDF, SVG, the run folder's
// CSVs, the sample strip and the history video; a session saved and opened resumes exactly;
// bad folders and corrupt sessions are reported and change nothing; the exported folder
// resumes in the headless trainer.
#include <QImage>
#include <QRegularExpression>
#include <QProcess>
#include <QAction>
#include <QSettings>
#include <QStatusBar>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QLabel>
#include <QtTest>

#include "panels/ControlPanel.h"
#include "plots/DensityPlot.h"
#include "plots/OwnershipMap.h"
#include "support/FileSizeLimit.h"
#include "support/WindowTestHelpers.h"
#include "training/TrainingController.h"
#include "window/MainWindow.h"
#include "modescope/config/ConfigJson.h"
#include "plots/PlotStyle.h"
#include "modescope/io/IdxFile.h"
#include "modescope/io/RunFolder.h"

using namespace modescope;
using namespace modescope::ui;
using namespace window_test;

namespace
{
QStringList lines(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

QByteArray head(const QString& file, int n)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.read(n) : QByteArray();
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void exportWritesEveryFile();
    void figuresHaveTheChosenPrintedSize_data();
    void figuresHaveTheChosenPrintedSize();
    void exportToAnUnwritablePlaceSaysSo();
    void historyVideoHasAFramePerSnapshot();
    void historySliderShowsAnOldSnapshot();
    void sessionRoundTripResumesExactly_data();
    void sessionRoundTripResumesExactly();
    void corruptOrForeignSessionsAreRefused();
    void exportedFolderResumesHeadless();
    void ownershipMapShowsTheLatestMatrix();
    void headlessRunOpensInTheWindow();
    void resetThatCannotBeBuiltKeepsTheRun();
    void firstStartHintClosesWhenTheRunsChange();
    void savingOverARunAsksFirst();
    void failedSaveIsReportedOnce();
    void settingsAreRememberedAcrossStarts();
    void viewFollowsANewTargetAndKeepsTheUsersOtherwise();
    void aFullDiskLosesNeitherTheWindowNorTheSavedRun();
    void aSaveNamesItsFilesAsTheFolderWasGiven();
    void anImageRunShowsItsGridAndSavesItsImages();
};

void TestMainWindow::initTestCase()
{
    test::isolateSettings("ModeScopeTest");
}

void TestMainWindow::exportWritesEveryFile()
{
    auto window = newWindow();
    stepWindow(*window, 3);
    QTemporaryDir dir;
    ExportRequest request;
    request.folder = dir.path();
    request.figure.widthCm = 8.5; // one column: 241 x 170 pt
    request.figure.heightCm = 6.0;
    request.figure.dpi = 100; // 241 * 100 / 72 = 334.7 -> 335 px; 170 * 100 / 72 -> 236 px
    request.figure.fontPt = 9;
    request.video = false;
    DensityPlot* plot = window->densityPlot();
    plot->setSnapshot(window->controller()->latest()); // its curves and legend, window fonts
    const auto fonts = [plot] {
        QList<QFont> all { plot->xAxis->labelFont(), plot->yAxis->tickLabelFont(),
            plot->legend->font() };
        for (int i = 0; i < plot->legend->itemCount(); ++i)
            if (plot->legend->item(i))
                all << plot->legend->item(i)->font();
        return all;
    };
    const QList<QFont> before = fonts();
    const int wrap = plot->legend->wrap();
    QSignalSpy done(window.get(), &MainWindow::exportFinished);
    window->exportTo(request);
    QVERIFY(done.count() == 1 || done.wait(kWaitMs));
    QCOMPARE(done.at(0).at(2).toStringList(), QStringList());
    // The window's plot is as it was: exports set fonts in points for the file only.
    QCOMPARE(fonts(), before);
    QCOMPARE(plot->legend->wrap(), wrap);

    const QImage png(dir.filePath("density.png"));
    QCOMPARE(png.size(), QSize(335, 236));
    QCOMPARE(lines(dir.filePath("density-plot.csv")).value(0),
        QString("x,data,g1_share,g2_share,g3_share,average,d_real")); // the curves as drawn
    QCOMPARE(png.dotsPerMeterX(), 3937); // 100 dpi recorded, so it prints at 8.5 cm
    QVERIFY2(png.text("Title").contains("step 3"), qPrintable(png.text("Title")));
    QCOMPARE(head(dir.filePath("density.pdf"), 5), QByteArray("%PDF-"));
    const QByteArray svg = head(dir.filePath("density.svg"), 1 << 20);
    QVERIFY(svg.contains("<svg"));
    QVERIFY(svg.contains("G3")); // the legend is in the vector file
    for (const char* side : { "losses.png", "metrics.png", "ownership.png" })
        QVERIFY2(!QImage(dir.filePath(side)).isNull(), side);
    QVERIFY(!QImage(dir.filePath("samples-strip.png")).isNull());

    const QStringList density = lines(dir.filePath("density.csv"));
    QCOMPARE(density.value(0), QString("x,data,g1,g2,g3,mixture,d_real"));
    QCOMPARE(density.size(), 512 + 1);
    const QStringList samples = lines(dir.filePath("samples.csv"));
    QCOMPARE(samples.value(0), QString("generator,x"));
    QCOMPARE(samples.size(), 3 * 2500 + 1);
    const QStringList metrics = lines(dir.filePath("metrics.csv"));
    QCOMPARE(metrics.value(0), QString::fromStdString(metricsHeader(3)));
    QCOMPARE(metrics.size(), 3 + 1); // one row per trained step the window saw
    QVERIFY(metrics.value(3).startsWith("3,"));
    const TrainConfig saved = loadConfigFile((dir.path() + "/config.json").toStdString());
    QCOMPARE(saved.generators, 3);
    QCOMPARE(saved.seed, 7ULL);
    QVERIFY(QFileInfo(dir.filePath("checkpoint.pt")).size() > 0);
}

void TestMainWindow::figuresHaveTheChosenPrintedSize_data()
{
    QTest::addColumn<double>("widthCm");
    QTest::addColumn<double>("heightCm");
    QTest::addColumn<int>("dpi");
    QTest::addColumn<int>("fontPt");
    QTest::addColumn<QSize>("points"); // cm / 2.54 * 72, rounded
    QTest::addColumn<QSize>("pixels"); // points * dpi / 72, rounded
    // One column of a two-column paper at print resolution, and a slide at screen resolution.
    QTest::newRow("column") << 8.5 << 6.0 << 300 << 8 << QSize(241, 170) << QSize(1004, 708);
    QTest::newRow("slide") << 25.4 << 14.3 << 96 << 12 << QSize(720, 405) << QSize(960, 540);
}

void TestMainWindow::figuresHaveTheChosenPrintedSize()
{
    QFETCH(double, widthCm);
    QFETCH(double, heightCm);
    QFETCH(int, dpi);
    QFETCH(int, fontPt);
    QFETCH(QSize, points);
    QFETCH(QSize, pixels);
    auto window = newWindow();
    stepWindow(*window, 2);
    QTemporaryDir dir;
    ExportRequest request;
    request.folder = dir.path();
    request.figure = { widthCm, heightCm, dpi, fontPt, /*caption=*/true };
    request.runData = request.strip = request.video = false;
    QSignalSpy done(window.get(), &MainWindow::exportFinished);
    window->exportTo(request);
    QVERIFY(done.count() == 1 || done.wait(kWaitMs));
    QCOMPARE(done.at(0).at(2).toStringList(), QStringList());

    // Every figure at the chosen size, the side plots included, with the DPI recorded.
    const int dotsPerMetre = qRound(dpi / 0.0254);
    for (const char* name : { "density", "losses", "metrics", "ownership" }) {
        const QImage png(dir.filePath(QString(name) + ".png"));
        QCOMPARE(png.size(), pixels);
        QCOMPARE(png.dotsPerMeterX(), dotsPerMetre);
        const QByteArray pdf = head(dir.filePath(QString(name) + ".pdf"), 1 << 20);
        const QByteArray box = QString("/MediaBox [0 0 %1.000000 %2.000000]")
                                   .arg(points.width())
                                   .arg(points.height())
                                   .toLatin1();
        QVERIFY2(pdf.contains(box), name);
    }
    // The SVG in millimetres, one unit a point; its text at the chosen point sizes only
    // (labels fontPt, ticks and legend one smaller): readable when printed at that size.
    const QString svg = QString::fromUtf8(head(dir.filePath("density.svg"), 1 << 22));
    QVERIFY(
        svg.contains(QString("viewBox=\"0 0 %1 %2\"").arg(points.width()).arg(points.height())));
    const double mm = points.width() / 72.0 * 25.4;
    QVERIFY2(svg.contains(QString("width=\"%1mm\"").arg(mm, 0, 'g', 6)), qPrintable(svg.left(300)));
    QSet<int> sizes;
    const QRegularExpression fontSize("font-size=\"(\\d+)\"");
    for (auto it = fontSize.globalMatch(svg); it.hasNext();)
        sizes.insert(it.next().captured(1).toInt());
    QCOMPARE(sizes, QSet<int>({ fontPt, fontPt - 1 }));
    // The caption names the run, in the figure and as its title.
    QVERIFY(svg.contains("<title>test · madgan-sim, k = 3, Sim on · seed 7 · step 2</title>"));
    QVERIFY(QImage(dir.filePath("density.png")).text("Title").endsWith("step 2"));
}

void TestMainWindow::exportToAnUnwritablePlaceSaysSo()
{
    auto window = newWindow();
    QTemporaryDir dir;
    // An earlier export, then an export whose folder is a file: refused, the earlier file kept.
    const QString png = dir.filePath("density.png");
    ExportRequest first;
    first.folder = dir.path();
    first.pdf = first.svg = first.sidePlots = first.runData = first.strip = false;
    QSignalSpy done(window.get(), &MainWindow::exportFinished);
    window->exportTo(first);
    QCOMPARE(done.count(), 1);
    const QByteArray before = head(png, 1 << 24);
    QVERIFY(!before.isEmpty());

    ExportRequest bad = first;
    bad.folder = png + "/inside-a-file";
    window->exportTo(bad);
    QCOMPARE(done.count(), 2);
    const QStringList errors = done.at(1).at(2).toStringList();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].contains("inside-a-file"), qPrintable(errors[0]));
    QCOMPARE(head(png, 1 << 24), before);
}

void TestMainWindow::historyVideoHasAFramePerSnapshot()
{
    auto window = newWindow();
    stepWindow(*window, 4);
    QCOMPARE(window->history().snapshotCount(), size_t(5));
    QTemporaryDir dir;
    ExportRequest request;
    request.folder = dir.path();
    request.figure.widthCm = 8.5;
    request.figure.heightCm = 6.0;
    request.png = request.pdf = request.svg = request.sidePlots = request.runData = false;
    request.strip = false;
    request.video = true;
    QSignalSpy done(window.get(), &MainWindow::exportFinished);
    window->exportTo(request);
    QCOMPARE(done.count(), 1);
    QCOMPARE(done.at(0).at(2).toStringList(), QStringList());
    const QByteArray avi = head(dir.filePath("history.avi"), 1 << 24);
    QCOMPARE(avi.left(4), QByteArray("RIFF"));
    QCOMPARE(avi.mid(8, 4), QByteArray("AVI "));
    // Motion-JPEG: one JPEG (FF D8 FF) per frame.
    QCOMPARE(avi.count(QByteArray("\xFF\xD8\xFF", 3)), 5);
}

void TestMainWindow::historySliderShowsAnOldSnapshot()
{
    auto window = newWindow();
    stepWindow(*window, 3);
    QTRY_COMPARE_WITH_TIMEOUT(window->historySlider()->maximum(), 3, kWaitMs);
    window->historySlider()->setValue(1); // step 1
    const QCPGraph* g1 = window->densityPlot()->graph(1);
    const double shown = g1->data()->at(256)->value;
    const double expected = window->history().snapshot(1).generatorDensity[0][256] / 3;
    QCOMPARE(shown, expected);
    // Training goes on while scrubbing; the plot stays on the old step.
    stepWindow(*window, 1);
    QTest::qWait(100);
    QCOMPARE(window->densityPlot()->graph(1)->data()->at(256)->value, expected);
}

void TestMainWindow::sessionRoundTripResumesExactly_data()
{
    QTest::addColumn<int>("method");
    QTest::newRow("madgan-sim") << int(Method::MadGanSim);
    QTest::newRow("unrolled") << int(Method::Unrolled); // the route methods open as any other
    QTest::newRow("wgan-gp") << int(Method::WganGp);
}

void TestMainWindow::sessionRoundTripResumesExactly()
{
    QFETCH(int, method);
    TrainConfig config = smallConfig();
    config.method = static_cast<Method>(method);
    config.live.simEnabled = config.method == Method::MadGanSim;
    QTemporaryDir dir;
    auto saver = newWindow(config);
    stepWindow(*saver, 5);
    QSignalSpy saved(saver.get(), &MainWindow::exportFinished);
    saver->saveSession(dir.path());
    QVERIFY(saved.count() == 1 || saved.wait(kWaitMs));
    QCOMPARE(saved.at(0).at(2).toStringList(), QStringList());
    stepWindow(*saver, 2);
    const Snapshot expected = saver->controller()->latest();

    auto opener = std::make_unique<MainWindow>();
    opener->setQuiet(true);
    QSignalSpy opened(opener.get(), &MainWindow::sessionOpened);
    QSignalSpy snapshot(opener->controller(), &TrainingController::snapshotReady);
    QVERIFY(opener->openSession(dir.path()));
    QVERIFY(opened.wait(kWaitMs));
    QVERIFY(snapshot.count() == 1 || snapshot.wait(kWaitMs));
    QCOMPARE(opener->controller()->latest().iteration, 5LL);
    // One generator for a single-generator method, whatever k the config carried.
    QCOMPARE(opener->panel()->config().generators, hasSingleGenerator(config.method) ? 1 : 3);
    QCOMPARE(int(opener->panel()->config().method), method);
    // What D's curve shows follows the method: a critic's is named so (drawn on the next frame).
    const QString curveName = config.method == Method::WganGp ? "critic (scaled)" : "D_real";
    QTRY_VERIFY_WITH_TIMEOUT(opener->densityPlot()->discriminatorCurve()
            && opener->densityPlot()->discriminatorCurve()->name() == curveName,
        kWaitMs);
    QCOMPARE(opener->history().rows().size(), size_t(5)); // metrics.csv came back
    stepWindow(*opener, 2);
    const Snapshot resumed = opener->controller()->latest();
    QCOMPARE(resumed.iteration, 7LL);
    QCOMPARE(resumed.dLoss, expected.dLoss);
    QCOMPARE(resumed.gLosses, expected.gLosses);
    QCOMPARE(resumed.generatorDensity, expected.generatorDensity);
}

void TestMainWindow::corruptOrForeignSessionsAreRefused()
{
    QTemporaryDir dir;
    auto window = newWindow();
    stepWindow(*window, 2);
    QSignalSpy saved(window.get(), &MainWindow::exportFinished);
    window->saveSession(dir.path());
    QVERIFY(saved.count() == 1 || saved.wait(kWaitMs));
    stepWindow(*window, 1); // now at step 3

    // Another shape: config.json says four generators, the checkpoint holds three.
    TrainConfig four = smallConfig();
    four.generators = 4;
    QTemporaryDir foreign;
    for (const char* name : { "checkpoint.pt" })
        QVERIFY(QFile::copy(dir.filePath(name), foreign.filePath(name)));
    {
        QFile config(foreign.filePath("config.json"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(configToJson(four).c_str());
    }
    QSignalSpy failed(window->controller(), &TrainingController::failed);
    QVERIFY(window->openSession(foreign.path())); // readable; the worker finds the mismatch
    QVERIFY(failed.wait(kWaitMs));
    QVERIFY2(failed.at(0).at(0).toString().contains("Cannot open the session"),
        qPrintable(failed.at(0).at(0).toString()));
    stepWindow(*window, 1); // the run that was open goes on
    QCOMPARE(window->controller()->latest().iteration, 4LL);

    // A corrupt checkpoint: refused by the worker, same outcome.
    {
        QFile checkpoint(foreign.filePath("checkpoint.pt"));
        QVERIFY(checkpoint.open(QIODevice::WriteOnly | QIODevice::Truncate));
        checkpoint.write("not a checkpoint");
        QFile config(foreign.filePath("config.json"));
        QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        config.write(configToJson(smallConfig()).c_str());
    }
    QVERIFY(window->openSession(foreign.path()));
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(window->panel()->config().generators, 3);

    // A corrupt config.json or a missing checkpoint: refused at once.
    {
        QFile config(foreign.filePath("config.json"));
        QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        config.write("{ \"generators\": ");
    }
    QVERIFY(!window->openSession(foreign.path()));
    QTemporaryDir empty;
    QVERIFY(!window->openSession(empty.path()));
}

void TestMainWindow::exportedFolderResumesHeadless()
{
    QTemporaryDir dir;
    auto window = newWindow();
    stepWindow(*window, 3);
    QSignalSpy saved(window.get(), &MainWindow::exportFinished);
    window->saveSession(dir.path());
    QVERIFY(saved.count() == 1 || saved.wait(kWaitMs));

    QProcess train;
    train.start(MODESCOPE_TRAIN_BINARY,
        { "--resume", dir.path(), "--iterations", "20", "--log-every", "5", "--samples", "100" });
    QVERIFY(train.waitForFinished(120000));
    QCOMPARE(train.exitCode(), 0);
    const QStringList metrics = lines(dir.filePath("metrics.csv"));
    // The window's three rows, then the trainer's rows at 5, 10, 15, 20.
    QVERIFY2(metrics.size() >= 1 + 3 + 3, qPrintable(metrics.join('\n')));
    QVERIFY(metrics.value(3).startsWith("3,"));
    QVERIFY(metrics.last().startsWith("20,"));
}

void TestMainWindow::ownershipMapShowsTheLatestMatrix()
{
    auto window = newWindow();
    stepWindow(*window, 1);
    QTest::qWait(400); // the side plots redraw at most every 250 ms
    const Snapshot& s = window->controller()->latest();
    for (int i = 0; i < 3; ++i)
        for (int m = 0; m < 3; ++m)
            QCOMPARE(window->ownershipMap()->cell(i, m), s.metrics.ownership[i][m]);
}

void TestMainWindow::headlessRunOpensInTheWindow()
{
    QTemporaryDir dir;
    const QString preset = dir.filePath("small.json");
    {
        QFile file(preset);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(configToJson(smallConfig()).c_str());
    }
    const QString run = dir.filePath("run");
    QProcess train;
    train.start(MODESCOPE_TRAIN_BINARY,
        { "--preset", preset, "--iterations", "20", "--log-every", "10", "--samples", "100",
            "--out", run });
    QVERIFY(train.waitForFinished(120000));
    QCOMPARE(train.exitCode(), 0);

    MainWindow window;
    window.setQuiet(true);
    QSignalSpy opened(&window, &MainWindow::sessionOpened);
    QVERIFY(window.openSession(run));
    QVERIFY(opened.wait(kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->latest().iteration, 20LL, kWaitMs);
    QCOMPARE(window.history().rows().size(), size_t(2)); // metrics.csv's rows at 10 and 20
    QCOMPARE(window.panel()->config().seed, 7ULL);
    stepWindow(window, 1);
    QCOMPARE(window.controller()->latest().iteration, 21LL);
}

void TestMainWindow::settingsAreRememberedAcrossStarts()
{
    {
        MainWindow fresh;
        fresh.setQuiet(true);
        QVERIFY(!fresh.restoreSettings()); // nothing saved yet
    }
    {
        auto window = newWindow(); // seed 7, k = 3, madgan-sim
        window->show();
        window->findChild<QAction*>("showDReal")->setChecked(false);
        window->close(); // saves the settings
    }
    MainWindow next;
    next.setQuiet(true);
    QSignalSpy snapshot(next.controller(), &TrainingController::snapshotReady);
    QVERIFY(next.restoreSettings());
    QCOMPARE(next.panel()->config().seed, 7ULL);
    QCOMPARE(next.panel()->config().generators, 3);
    QVERIFY(next.panel()->config().method == Method::MadGanSim);
    QCOMPARE(next.panel()->config().mixture.size(), 3);
    QVERIFY(!next.densityPlot()->showsDiscriminator());
    QVERIFY(snapshot.wait(kWaitMs)); // and it trains that config
    QCOMPARE(next.controller()->latest().generatorDensity.size(), size_t(3));
    QSettings().clear();
}

void TestMainWindow::resetThatCannotBeBuiltKeepsTheRun()
{
    auto window = newWindow();
    stepWindow(*window, 3);
    // The panel allows each of these alone; together they need far more memory than exists.
    TrainConfig huge = smallConfig();
    huge.generators = 64;
    huge.generator.hidden = { 4096, 4096 };
    huge.discriminator.hidden = { 4096, 4096 };
    huge.batch = 65536;
    window->panel()->setConfig(huge);
    QAction* reset = action(*window, "Reset");
    QVERIFY(reset);
    reset->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(
        window->statusBar()->currentMessage().contains("would need about"), kWaitMs);
    // The run that was training goes on, with its history.
    QCOMPARE(window->history().rows().size(), size_t(3));
    stepWindow(*window, 1);
    QCOMPARE(window->controller()->latest().iteration, 4LL);
    QCOMPARE(int(window->controller()->latest().generatorDensity.size()), 3);
}

void TestMainWindow::firstStartHintClosesWhenTheRunsChange()
{
    // The first start's line describes its runs: a Reset replaces them, so it goes.
    auto window = newWindow();
    window->showHint("First start: watch the lanes");
    QCOMPARE(window->hint(), QString("First start: watch the lanes"));
    QAction* reset = action(*window, "Reset");
    QVERIFY(reset);
    reset->trigger();
    QCOMPARE(window->hint(), QString());
    // It shows how to close it, and a click does.
    window->show();
    window->showHint("First start: watch the lanes");
    QLabel* line = nullptr;
    for (QLabel* label : window->findChildren<QLabel*>())
        if (label->isVisible() && label->text().startsWith("First start: watch the lanes"))
            line = label;
    QVERIFY(line);
    QVERIFY2(line->text().contains("close"), qPrintable(line->text()));
    QTest::mouseClick(line, Qt::LeftButton);
    QCOMPARE(window->hint(), QString());
    QVERIFY(!line->isVisible());
}

void TestMainWindow::savingOverARunAsksFirst()
{
    QTemporaryDir dir;
    auto window = newWindow();
    stepWindow(*window, 2);
    QSignalSpy done(window.get(), &MainWindow::exportFinished);
    window->saveSession(dir.path());
    QVERIFY(done.count() == 1 || done.wait(kWaitMs));
    QCOMPARE(done.at(0).at(2).toStringList(), QStringList());
    const QByteArray checkpoint = head(dir.filePath("checkpoint.pt"), 1 << 24);

    stepWindow(*window, 2);
    window->saveSession(dir.path()); // not confirmed: refused, the saved run kept
    QVERIFY(done.count() == 2 || done.wait(kWaitMs));
    const QStringList errors = done.at(1).at(2).toStringList();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].contains("holds a run already"), qPrintable(errors[0]));
    QCOMPARE(head(dir.filePath("checkpoint.pt"), 1 << 24), checkpoint);

    window->saveSession(dir.path(), /*replaceRun=*/true); // the user said yes
    QVERIFY(done.count() == 3 || done.wait(kWaitMs));
    QCOMPARE(done.at(2).at(2).toStringList(), QStringList());
    QVERIFY(head(dir.filePath("checkpoint.pt"), 1 << 24) != checkpoint);
    QCOMPARE(QDir(dir.path()).entryList({ "*partial*" }, QDir::Files), QStringList());
}

void TestMainWindow::failedSaveIsReportedOnce()
{
    QTemporaryDir dir;
    auto window = newWindow();
    stepWindow(*window, 1);
    // A run folder whose checkpoint.pt is a folder: the save replaces the folder whole, so its
    // checkpoint is written all the same.
    QVERIFY(QDir(dir.path()).mkpath("checkpoint.pt/inside"));
    QFile(dir.filePath("config.json")).open(QIODevice::WriteOnly);
    QCOMPARE(saveAndWait(*window, dir.path(), /*replace=*/true), QStringList());
    QVERIFY(QFileInfo(dir.filePath("checkpoint.pt")).isFile());
    // A save the disk cannot take (4 KiB a file): one message, naming the file in the folder
    // (not in the stage it was written to), and training goes on.
    QSignalSpy failed(window->controller(), &TrainingController::failed);
    QStringList errors;
    {
        const test::FileSizeLimit full(4096);
        QVERIFY(full.set());
        errors = saveAndWait(*window, dir.path(), /*replace=*/true);
    }
    QCOMPARE(errors.size(), 1);
    QVERIFY2(
        errors[0].contains(QDir(dir.path()).absolutePath() + "/") && !errors[0].contains(".saving"),
        qPrintable(errors[0]));
    QCOMPARE(failed.count(), 0); // the export reports it; training did not fail
    QCOMPARE(QDir(dir.path()).entryList({ "*partial*" }, QDir::Files), QStringList());
    stepWindow(*window, 1);
    QCOMPARE(window->controller()->latest().iteration, 2LL);
}

void TestMainWindow::viewFollowsANewTargetAndKeepsTheUsersOtherwise()
{
    auto window = newWindow(); // modes at -10, 0, 10
    DensityPlot* plot = window->densityPlot();
    QTRY_VERIFY_WITH_TIMEOUT(plot->curveCount() > 0, kWaitMs);
    plot->xAxis->setRange(-2, 2); // the user zooms in

    // A reset of the same target keeps the user's view.
    QSignalSpy snapshots(window->controller(), &TrainingController::snapshotReady);
    window->startConfig(smallConfig());
    QVERIFY(snapshots.wait(kWaitMs));
    QTest::qWait(100); // the coalesced redraw
    QCOMPARE(plot->xAxis->range().lower, -2.0);
    QCOMPARE(plot->xAxis->range().upper, 2.0);

    // Another target: the view fits its modes (at 40 and 60), not the run before's.
    TrainConfig far = smallConfig();
    far.mixture = Mixture({ { 1, 40, 1 }, { 1, 60, 1 } });
    window->startConfig(far);
    QVERIFY(snapshots.wait(kWaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(plot->xAxis->range().lower > 20 && plot->xAxis->range().upper > 60
            && plot->xAxis->range().lower < 40,
        kWaitMs);

    // An opened run shows its own target, whatever the window showed.
    QTemporaryDir dir;
    QCOMPARE(saveAndWait(*window, dir.path()), QStringList());
    window->startConfig(smallConfig()); // back to -10..10
    QVERIFY(snapshots.wait(kWaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(plot->xAxis->range().upper < 30, kWaitMs);
    QSignalSpy opened(window.get(), &MainWindow::sessionOpened);
    QVERIFY(window->openSession(dir.path()));
    QVERIFY(opened.wait(kWaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(
        plot->xAxis->range().lower > 20 && plot->xAxis->range().upper > 60, kWaitMs);
}

void TestMainWindow::aFullDiskLosesNeitherTheWindowNorTheSavedRun()
{
    // A session saved, then the disk fills (4 KiB a file) during a second save and during an
    // export: each says which file failed, leaves no partial file, keeps the first save whole
    // and the window training; once space returns the same save succeeds.
    auto window = newWindow();
    stepWindow(*window, 2);
    QTemporaryDir dir;
    QCOMPARE(saveAndWait(*window, dir.path()), QStringList());
    const auto contents = [&dir] {
        QStringList all;
        for (const QString& name : QDir(dir.path()).entryList(QDir::Files | QDir::Hidden)) {
            QFile f(dir.filePath(name));
            f.open(QIODevice::ReadOnly);
            all << name + ":" + QString::number(qHash(f.readAll()));
        }
        return all;
    };
    const QStringList saved = contents();
    QVERIFY(saved.join(' ').contains("checkpoint.pt:"));
    stepWindow(*window, 1);

    QTemporaryDir figures;
    ExportRequest request;
    request.folder = figures.path();
    request.video = request.runData = false;
    QStringList saveErrors;
    QStringList exportErrors;
    {
        const test::FileSizeLimit full(4096);
        QVERIFY(full.set());
        saveErrors = saveAndWait(*window, dir.path(), /*replace=*/true);
        exportErrors = exportAndWait(*window, request);
    }
    QVERIFY2(saveErrors.join(' ').contains("cannot be written"), qPrintable(saveErrors.join(' ')));
    QVERIFY2(exportErrors.join(' ').contains(figures.path()), qPrintable(exportErrors.join(' ')));
    for (const QString& folder : { dir.path(), figures.path() })
        QCOMPARE(
            QDir(folder).entryList({ "*partial*" }, QDir::Files | QDir::Hidden), QStringList());
    QCOMPARE(contents(), saved); // the first save, whole and untouched
    stepWindow(*window, 1); // still training
    QCOMPARE(window->controller()->latest().iteration, 4LL);
    QCOMPARE(saveAndWait(*window, dir.path(), /*replace=*/true), QStringList());
    QVERIFY(contents() != saved); // the new step's run
}

void TestMainWindow::aSaveNamesItsFilesAsTheFolderWasGiven()
{
    // Saved through a stage, a session still names its files under the folder as typed
    // (relative, or a link), so the window counts its checkpoint as saved; the link stays a
    // link and no stage is left beside it.
    QTemporaryDir dir;
    const QString before = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    auto window = newWindow();
    stepWindow(*window, 1);
    QVERIFY(QDir().mkpath("runs/a"));
    QVERIFY(QFile::link("runs/a", "latest"));
    for (const QString& typed : { QString("runs/a"), QString("latest") }) {
        QSignalSpy done(window.get(), &MainWindow::exportFinished);
        window->saveSession(typed, /*replaceRun=*/true);
        QVERIFY(done.count() == 1 || done.wait(kWaitMs));
        QCOMPARE(done.at(0).at(2).toStringList(), QStringList());
        const QStringList written = done.at(0).at(1).toStringList();
        QVERIFY2(written.contains(typed + "/checkpoint.pt"), qPrintable(written.join(' ')));
        QVERIFY2(written.contains(typed + "/metrics.csv"), qPrintable(written.join(' ')));
    }
    QVERIFY(QFileInfo("latest").isSymLink());
    QVERIFY(QFileInfo("runs/a/checkpoint.pt").isFile());
    QCOMPARE(QDir("runs").entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
        QStringList { "a" });
    QCOMPARE(QDir(".").entryList({ ".*saving*" }, QDir::AllEntries | QDir::Hidden), QStringList());
    QVERIFY(QDir::setCurrent(before));
}

void TestMainWindow::anImageRunShowsItsGridAndSavesItsImages()
{
    const QString fashion = "/usr/share/datasets/fashion-mnist/";
    if (!QFile::exists(fashion + "train-images-idx3-ubyte.gz"))
        QSKIP("Fashion-MNIST is not installed (Debian: dataset-fashion-mnist)");
    QTemporaryDir cache; // a judge of the test's own, trained here: the window says so
    qputenv("MODESCOPE_CACHE", cache.path().toUtf8());
    TrainConfig config = smallConfig();
    config.images = loadPreset("fashion-mnist", defaultPresetDirs()).images; // named classes
    QVERIFY(config.images.has_value());
    config.images->limit = 300; // every class is among Fashion-MNIST's first 300
    config.method = Method::MadGan;
    config.generators = 2;
    config.generator.hidden = { 32 };
    config.discriminator.hidden = { 32 };
    config.noiseDim = 8;
    config.batch = 16;
    config.samplesPerGenerator = 20;
    auto window = newWindow(config);
    QVERIFY2(window->statusBar()->currentMessage().contains("judge"),
        qPrintable(window->statusBar()->currentMessage()));
    stepWindow(*window, 2);
    QTRY_VERIFY_WITH_TIMEOUT(window->densityPlot()->isImages(), kWaitMs);

    // The grid: rows G1, G2 and the data's, each 28 + 2 pixels, 10 images across (one real
    // image a class) after a 40-pixel column of names.
    const QImage grid = window->densityPlot()->imageGrid()->pixmap().toImage();
    QCOMPARE(grid.size(), QSize(40 + 10 * 30 + 2, 3 * 30 + 2));
    // The real row's first image is the data's first T-shirt, ink black on white.
    const ImageSet set = readImageSet((fashion + "train-images-idx3-ubyte.gz").toStdString(),
        (fashion + "train-labels-idx1-ubyte.gz").toStdString());
    size_t first = 0;
    while (set.labels[first] != 0)
        ++first;
    for (int p = 0; p < 784; p += 53) {
        const int expected
            = static_cast<int>(std::lround(255 * (1 - set.pixels[first * 784 + p] / 255.0)));
        const QRgb drawn = grid.pixel(42 + p % 28, 2 + 2 * 30 + p / 28);
        QVERIFY2(std::abs(qRed(drawn) - expected) <= 1 && qRed(drawn) == qGreen(drawn)
                && qGreen(drawn) == qBlue(drawn),
            qPrintable(
                QString("pixel %1: %2 drawn, %3 expected").arg(p).arg(qRed(drawn)).arg(expected)));
    }
    // G1's images are in G1's colour: every pixel lies between white and it.
    const QColor colour = generatorColor(0);
    int inked = 0;
    for (int y = 2; y < 30; ++y)
        for (int x = 42; x < 42 + 28; ++x) {
            const QRgb drawn = grid.pixel(x, y);
            const double a = (255.0 - qRed(drawn)) / (255.0 - colour.red());
            QVERIFY(std::abs(255 * (1 - a) + colour.green() * a - qGreen(drawn)) <= 2);
            QVERIFY(std::abs(255 * (1 - a) + colour.blue() * a - qBlue(drawn)) <= 2);
            inked += a > 0.1;
        }
    QVERIFY(inked > 0); // a generator at step 2 draws noise: some of it is ink

    // The ownership map's columns are the classes, named.
    const auto column = [&window](int c) {
        auto* ticks
            = dynamic_cast<QCPAxisTickerText*>(window->ownershipMap()->xAxis->ticker().data());
        return ticks ? ticks->ticks().value(c) : QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(column(0), QString("T-shirt/top"), kWaitMs); // at the side redraw
    QCOMPARE(column(9), QString("Ankle boot"));

    // Saved, the folder holds the images and their judged classes, and no densities.
    QTemporaryDir dir;
    QCOMPARE(saveAndWait(*window, dir.path()), QStringList());
    QCOMPARE(lines(dir.filePath("samples.csv")).value(0),
        QString("generator,image,class,class_name,probability"));
    QCOMPARE(lines(dir.filePath("samples.csv")).size(), 1 + 2 * 20);
    QCOMPARE(
        QImage(dir.filePath("samples/generator-01.png")).size(), QSize(8 * 30 + 2, 3 * 30 + 2));
    QVERIFY(!QImage(dir.filePath("samples/real.png")).isNull());
    QVERIFY(!QFile::exists(dir.filePath("density.csv")));
    // ... and opens again as the same run, at the same step.
    auto opener = std::make_unique<MainWindow>();
    opener->setQuiet(true);
    QSignalSpy opened(opener->controller(), &TrainingController::snapshotReady);
    QVERIFY(opener->openSession(dir.path()));
    QVERIFY(opened.wait(kWaitMs));
    QCOMPARE(opener->controller()->latest().iteration, window->controller()->latest().iteration);
    QTRY_VERIFY_WITH_TIMEOUT(opener->densityPlot()->isImages(), kWaitMs);
    qunsetenv("MODESCOPE_CACHE");
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
