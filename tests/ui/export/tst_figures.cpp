// Figures at every printed size the Export dialog and --export offer, looked at as a reader
// would: the PNG and PDF at the size asked for, nothing cut at the figure's edges (the caption
// included), the caption's text at the chosen point size, the plot area a fair share of the
// figure, and a 2-D map showing its whole view box at equal aspect. These are pixel tests on the
// rendered PNGs; the window's own fonts are not involved (a figure sets its sizes in points).
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

#include "export/FigureSize.h"
#include "export/FigureStyle.h"
#include "export/PlotExport.h"
#include "plots/DensityPlot.h"
#include "plots/OwnershipMap.h"
#include "support/WindowTestHelpers.h"
#include "modescope/config/ConfigError.h"

using namespace window_test;

namespace
{
// A pixel that ink was put on: darker than the light greys of grids and fills.
bool ink(QRgb p)
{
    return qGray(p) < 128;
}
bool white(QRgb p)
{
    return qGray(p) > 245;
}

// The longest run of ink pixels along a row (horizontal) or a column: an axis line.
int longestRun(const QImage& image, bool horizontal)
{
    const int outer = horizontal ? image.height() : image.width();
    const int inner = horizontal ? image.width() : image.height();
    int best = 0;
    for (int a = 0; a < outer; ++a) {
        int run = 0;
        for (int b = 0; b < inner; ++b) {
            const QRgb p = horizontal ? image.pixel(b, a) : image.pixel(a, b);
            run = ink(p) ? run + 1 : 0;
            best = std::max(best, run);
        }
    }
    return best;
}

// The rows of the first line of text from the top: from the first row with ink to the next
// row without any.
int firstTextLineHeight(const QImage& image)
{
    auto rowHasInk = [&image](int y) {
        for (int x = 0; x < image.width(); ++x)
            if (ink(image.pixel(x, y)))
                return true;
        return false;
    };
    int top = 0;
    while (top < image.height() && !rowHasInk(top))
        ++top;
    int bottom = top;
    while (bottom < image.height() && rowHasInk(bottom))
        ++bottom;
    return bottom - top;
}

// The outermost ring of pixels holds no ink: nothing runs off the figure.
bool clearEdges(const QImage& image)
{
    for (int x = 0; x < image.width(); ++x)
        if (ink(image.pixel(x, 0)) || ink(image.pixel(x, image.height() - 1)))
            return false;
    for (int y = 0; y < image.height(); ++y)
        if (ink(image.pixel(0, y)) || ink(image.pixel(image.width() - 1, y)))
            return false;
    return true;
}

// A light grey, not white: the map's data layer around a mode.
bool grey(QRgb p)
{
    const int spread
        = std::max({ qRed(p), qGreen(p), qBlue(p) }) - std::min({ qRed(p), qGreen(p), qBlue(p) });
    return spread <= 4 && qGray(p) >= 150 && !white(p);
}

// The bounding box of the map's data layer: solid light grey (a 5 x 5 block of it, so dotted
// grid lines, antialiased text and the generators' coloured points do not count).
QRect greyBlock(const QImage& image)
{
    QRect box;
    for (int y = 2; y + 2 < image.height(); y += 1)
        for (int x = 2; x + 2 < image.width(); x += 1) {
            if (!grey(image.pixel(x, y)))
                continue;
            bool solid = true;
            for (int dy = -2; dy <= 2 && solid; ++dy)
                for (int dx = -2; dx <= 2 && solid; ++dx)
                    solid = grey(image.pixel(x + dx, y + dy));
            if (solid)
                box |= QRect(x, y, 1, 1);
        }
    return box;
}

TrainConfig mapConfig()
{
    TrainConfig c = smallConfig();
    c.presetName = "square";
    c.mixture = Mixture(
        { { 1, std::vector<double> { -2, -2 }, 0.2 }, { 1, std::vector<double> { 2, -2 }, 0.2 },
            { 1, std::vector<double> { -2, 2 }, 0.2 }, { 1, std::vector<double> { 2, 2 }, 0.2 } });
    c.viewRange = { -4, 4 }; // a box wider than tall: equal aspect is the figure's doing
    c.viewRangeY = { -3, 3 };
    c.generators = 2;
    return c;
}
} // namespace

class TestFigures : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everySizeFits_data();
    void everySizeFits();
    void sizesAreReadFromTheirNames();
    void theWindowDrawsWideCurvesFastAndFilesExactly();
};

void TestFigures::initTestCase()
{
    test::isolateSettings("ModeScopeFiguresTest");
}

void TestFigures::everySizeFits_data()
{
    QTest::addColumn<QString>("size");
    QTest::addColumn<bool>("map");
    // The plot area's least share of the figure: measured 24% (one column, 1-D), 52% (full
    // width), 67% (slide) when these tests were written; a legend or caption that grows back
    // over the plot fails here.
    QTest::addColumn<double>("leastPlotShare");
    QTest::newRow("one-column, 1-D") << "one-column" << false << 0.18;
    QTest::newRow("full-width, 1-D") << "full-width" << false << 0.40;
    QTest::newRow("slide, 1-D") << "slide" << false << 0.50;
    QTest::newRow("one-column, 2-D") << "one-column" << true << 0.18;
    QTest::newRow("full-width, 2-D") << "full-width" << true << 0.25;
    QTest::newRow("slide, 2-D") << "slide" << true << 0.30;
}

void TestFigures::everySizeFits()
{
    QFETCH(QString, size);
    QFETCH(bool, map);
    QFETCH(double, leastPlotShare);
    auto window = std::make_unique<MainWindow>();
    window->setQuiet(true);
    QSignalSpy first(window->controller(), &TrainingController::snapshotReady);
    window->startConfig(map ? mapConfig() : smallConfig());
    QVERIFY(first.wait(kWaitMs));
    DensityPlot* plot = window->densityPlot(); // drawn by the window's redraw timer
    QTRY_VERIFY_WITH_TIMEOUT(plot->curveCount() > 0 || plot->isMap(), kWaitMs);
    QCOMPARE(plot->isMap(), map);
    // The data layer alone (at step 0 one generator owns the whole box, and D's layer tints
    // it); the window's own view a narrow band: the figure shows the whole box all the same.
    plot->setShowOwnerStrip(false);
    plot->setShowDiscriminator(false);
    plot->xAxis->setRange(-1, 1);

    QTemporaryDir dir;
    ExportRequest request;
    request.folder = dir.path();
    request.figure = withSize(FigureSize(), size);
    request.figure.dpi = 150; // enough pixels to measure, few enough to be quick
    request.svg = request.sidePlots = request.runData = request.strip = false;
    QCOMPARE(exportAndWait(*window, request), QStringList());
    if (qEnvironmentVariableIsSet("MODESCOPE_KEEP_FIGURES")) // to look at them
        QFile::copy(dir.filePath("density.png"),
            qEnvironmentVariable("MODESCOPE_KEEP_FIGURES") + "/" + QTest::currentDataTag()
                + ".png");

    const FigureSize& f = request.figure;
    const QImage png(dir.filePath("density.png"));
    QCOMPARE(png.size(), QSize(f.widthPx(), f.heightPx()));
    QFile pdfFile(dir.filePath("density.pdf"));
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.readAll().contains(QString("/MediaBox [0 0 %1.000000 %2.000000]")
                                           .arg(f.widthPt())
                                           .arg(f.heightPt())
                                           .toLatin1()));

    QVERIFY2(clearEdges(png), "ink on the figure's edge: something is cut");
    // The caption's first line: the tick size (fontPt - 1) from ascender to descender, within
    // what fonts differ by.
    const double pixelsPerPoint = f.pixelsPerPoint();
    const double line = firstTextLineHeight(png) / pixelsPerPoint;
    QVERIFY2(line > 0.6 * (f.fontPt - 1) && line < 1.4 * (f.fontPt - 1),
        qPrintable(QString("caption line %1 pt at %2 pt").arg(line).arg(f.fontPt - 1)));
    // The plot area: the x axis line's length times the y axis line's.
    const double share = double(longestRun(png, true)) * longestRun(png, false)
        / (double(png.width()) * png.height());
    QVERIFY2(share >= leastPlotShare, qPrintable(QString("plot area %1 of the figure").arg(share)));
    if (map) {
        // The four modes, at the corners of a 4 x 4 square, drawn whole at equal aspect: the
        // data layer's grey spans a square, with a dark mode centre in each quarter of it.
        const QRect box = greyBlock(png);
        QVERIFY(!box.isEmpty());
        const double aspect = double(box.width()) / box.height();
        QVERIFY2(std::abs(aspect - 1.0) < 0.05, qPrintable(QString::number(aspect)));
        QVERIFY(box.left() > 0 && box.top() > 0 && box.right() < png.width() - 1
            && box.bottom() < png.height() - 1);
        for (int quarter = 0; quarter < 4; ++quarter) {
            const QRect part(box.left() + (quarter % 2) * box.width() / 2,
                box.top() + (quarter / 2) * box.height() / 2, box.width() / 2, box.height() / 2);
            bool centre = false;
            for (int y = part.top(); y <= part.bottom() && !centre; ++y)
                for (int x = part.left(); x <= part.right() && !centre; ++x) {
                    const QRgb p = png.pixel(x, y);
                    centre = qGray(p) < 100 && qRed(p) == qGreen(p) && qGreen(p) == qBlue(p);
                }
            QVERIFY2(centre, qPrintable(QString("no mode in quarter %1").arg(quarter)));
        }
    }
    // The window's view is as the user left it.
    QCOMPARE(plot->xAxis->range().lower, -1.0);
    QCOMPARE(plot->xAxis->range().upper, 1.0);
}

void TestFigures::sizesAreReadFromTheirNames()
{
    const FigureSize one = withSize(FigureSize(), "one-column");
    QCOMPARE(one.widthCm, 8.5);
    QCOMPARE(one.heightCm, 6.0);
    const FigureSize custom = withSize(FigureSize(), "12.5x8cm");
    QCOMPARE(custom.widthCm, 12.5);
    QCOMPARE(custom.heightCm, 8.0);
    for (const char* bad : { "", "12x8", "12 x 8cm", "1x8cm", "12x101cm", "-3x4cm", "huge" }) {
        try {
            withSize(FigureSize(), bad);
            QFAIL(qPrintable(QString("accepted \"%1\"").arg(bad)));
        } catch (const ConfigError& e) {
            QVERIFY2(QString(e.what()).startsWith("--size: "), e.what());
        }
    }
}

void TestFigures::theWindowDrawsWideCurvesFastAndFilesExactly()
{
    // On screen the 2 px curves are drawn segment by segment (a paper-1d redraw fell from ~40
    // to ~18 ms, bench/plot_redraw); a file is drawn with exact joins whatever the window does,
    // and the window's way comes back after it.
    auto window = newWindow();
    stepWindow(*window, 2);
    DensityPlot* plot = window->densityPlot();
    QTRY_VERIFY_WITH_TIMEOUT(plot->curveCount() > 0, kWaitMs);
    int curvePlots = 0; // the density plot, losses and metrics (the heat map has no curves)
    for (QCustomPlot* shown : window->findChildren<QCustomPlot*>())
        if (!qobject_cast<OwnershipMap*>(shown)) {
            QVERIFY2(shown->plottingHints().testFlag(QCP::phFastPolylines),
                shown->metaObject()->className());
            ++curvePlots;
        }
    QVERIFY(curvePlots >= 3);
    FigureSize figure;
    figure.widthCm = 8.5;
    figure.heightCm = 6.0;
    figure.dpi = 300;
    {
        const FigureStyle style(plot, figure, "caption");
        QVERIFY(!plot->plottingHints().testFlag(QCP::phFastPolylines));
    }
    QVERIFY(plot->plottingHints().testFlag(QCP::phFastPolylines));
    const QImage file = renderPlot(plot, figure, "caption");
    QVERIFY(plot->plottingHints().testFlag(QCP::phFastPolylines));
    plot->setPlottingHint(QCP::phFastPolylines, false);
    QCOMPARE(renderPlot(plot, figure, "caption"), file); // as if the window drew exactly
}

QTEST_MAIN(TestFigures)
#include "tst_figures.moc"
