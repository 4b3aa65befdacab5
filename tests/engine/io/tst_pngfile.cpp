// The engine's PNG writer (a run folder's image samples, issue 25): what it writes is read back
// by Qt's own PNG reader pixel for pixel, grey and RGB; image grids are laid out as their
// comment says (checked against a hand-drawn 7 x 7 grid); bad sizes and unwritable files are
// refused.
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <stdexcept>

#include "modescope/config/ConfigError.h"
#include "modescope/io/PngFile.h"

using namespace modescope;

class TestPngFile : public QObject
{
    Q_OBJECT
private slots:
    void greyPixelsReadBackAsWritten();
    void rgbPixelsReadBackAsWritten();
    void aGridPlacesImagesInRowsWithInkDark();
    void aStackedGridInksEachChannelInItsOwnColour();
    void badSizesAndUnwritableFilesAreRefused();

private:
    QTemporaryDir m_dir;
};

void TestPngFile::greyPixelsReadBackAsWritten()
{
    // 3 wide, 2 high: every value distinct, the corners at both extremes.
    const std::vector<std::uint8_t> pixels { 0, 17, 255, 128, 200, 3 };
    const std::string file = m_dir.filePath("grey.png").toStdString();
    writePng(file, pixels, 3, 2);
    QImage image(QString::fromStdString(file));
    QVERIFY(!image.isNull());
    QCOMPARE(image.width(), 3);
    QCOMPARE(image.height(), 2);
    QCOMPARE(image.format(), QImage::Format_Grayscale8);
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 3; ++x)
            QCOMPARE(qGray(image.pixel(x, y)), static_cast<int>(pixels[y * 3 + x]));
}

void TestPngFile::rgbPixelsReadBackAsWritten()
{
    const std::vector<std::uint8_t> pixels { 255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30 };
    const std::string file = m_dir.filePath("rgb.png").toStdString();
    writePng(file, pixels, 2, 2, 3);
    QImage image(QString::fromStdString(file));
    QVERIFY(!image.isNull());
    QCOMPARE(image.pixel(0, 0), qRgb(255, 0, 0));
    QCOMPARE(image.pixel(1, 0), qRgb(0, 255, 0));
    QCOMPARE(image.pixel(0, 1), qRgb(0, 0, 255));
    QCOMPARE(image.pixel(1, 1), qRgb(10, 20, 30));
}

void TestPngFile::aGridPlacesImagesInRowsWithInkDark()
{
    // Three 2 x 2 images, two a row, a 1-pixel gap: 2 * (2 + 1) + 1 = 7 pixels each way.
    const std::vector<float> images { 1, 0, 0, 1, /**/ 0.5f, 0.5f, 0.5f, 0.5f, /**/ 0, 0, 0, 1 };
    const ImageGrid grid = tileImages(images, 3, 2, 2, 2, 1);
    QCOMPARE(grid.width, 7);
    QCOMPARE(grid.height, 7);
    const char* expected[7] = {
        "WWWWWWW",
        "WKWWGGW", // image 0's top row (ink 1: black), image 1's (0.5: grey)
        "WWKWGGW",
        "WWWWWWW",
        "WWWWWWW", // image 2's top row: no ink
        "WWKWWWW", // image 2's bottom row: ink at its right
        "WWWWWWW",
    };
    for (int y = 0; y < 7; ++y)
        for (int x = 0; x < 7; ++x) {
            const int value = grid.pixels[y * 7 + x];
            const char c = expected[y][x];
            const int want = c == 'K' ? 0 : c == 'G' ? 128 : 255;
            QVERIFY2(value == want, qPrintable(QString("(%1, %2): %3").arg(x).arg(y).arg(value)));
        }
}

void TestPngFile::aStackedGridInksEachChannelInItsOwnColour()
{
    // One stacked 2 x 2 image (three planes), no gap: plane 0's ink at (0, 0) takes red away
    // (cyan), plane 1's at (1, 0) green (magenta), plane 2's at (0, 1) blue (yellow); at (1, 1)
    // all three are inked (black, with a little of plane 2 missing: 0.8 leaves 51 of blue).
    const std::vector<float> image {
        1, 0, 0, 1, // plane 0: (0, 0) and (1, 1)
        0, 1, 0, 1, // plane 1: (1, 0) and (1, 1)
        0, 0, 1, 0.8f, // plane 2: (0, 1), and (1, 1) at 0.8
    };
    const ImageGrid grid = tileImages(image, 1, 2, 2, 1, 0, 3);
    QCOMPARE(grid.width, 2);
    QCOMPARE(grid.height, 2);
    QCOMPARE(grid.channels, 3);
    QCOMPARE(grid.pixels.size(), size_t(2 * 2 * 3));
    const auto rgb = [&](int x, int y) {
        const size_t at = static_cast<size_t>(y * 2 + x) * 3;
        return qRgb(grid.pixels[at], grid.pixels[at + 1], grid.pixels[at + 2]);
    };
    QCOMPARE(rgb(0, 0), qRgb(0, 255, 255));
    QCOMPARE(rgb(1, 0), qRgb(255, 0, 255));
    QCOMPARE(rgb(0, 1), qRgb(255, 255, 0));
    QCOMPARE(rgb(1, 1), qRgb(0, 0, 51));
    // ... and it is written as an RGB PNG that reads back the same.
    const QString file = m_dir.filePath("stacked.png");
    writePng(file.toStdString(), grid.pixels, grid.width, grid.height, grid.channels);
    const QImage read(file);
    QCOMPARE(read.size(), QSize(2, 2));
    QCOMPARE(read.pixel(1, 0), qRgb(255, 0, 255));
    QCOMPARE(read.pixel(1, 1), qRgb(0, 0, 51));
    // Two planes are not an image kind.
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tileImages(image, 1, 2, 2, 1, 0, 2));
}

void TestPngFile::badSizesAndUnwritableFilesAreRefused()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, encodePng({ 1, 2, 3 }, 2, 2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, encodePng({}, 0, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, encodePng({ 1, 2, 3, 4 }, 2, 2, 2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tileImages({ 0.5f }, 2, 2, 2, 2));
    const std::string file = m_dir.filePath("no/such/folder/x.png").toStdString();
    try {
        writePng(file, { 0 }, 1, 1);
        QFAIL("wrote into a missing folder");
    } catch (const IoError& e) {
        QVERIFY2(QString(e.what()).contains("x.png"), e.what());
    }
}

QTEST_GUILESS_MAIN(TestPngFile)
#include "tst_pngfile.moc"
