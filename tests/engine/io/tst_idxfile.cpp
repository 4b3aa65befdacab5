// IDX image sets (Fashion-MNIST's format): a hand-made set read back byte for byte, raw and
// gzip'd; every damaged file refused naming it and saying what is wrong; the installed
// Fashion-MNIST test set read whole.
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "modescope/config/ConfigError.h"
#include "modescope/io/IdxFile.h"

using namespace modescope;
namespace fs = std::filesystem;

class TestIdxFile : public QObject
{
    Q_OBJECT
private slots:
    void aHandMadeSetReadsBack_data();
    void aHandMadeSetReadsBack();
    void damagedFilesAreRefusedNamingThem_data();
    void damagedFilesAreRefusedNamingThem();
    void aGzipBombIsRefused();
    void countsThatDisagreeNameBothFiles();
    void theInstalledFashionMnistTestSet();
    void aSetIsReadOnceAndAgainWhenItChanges();
    void stackedImagesAreThreeImagesAndTheirLabels();

private:
    QTemporaryDir m_dir;
};

namespace
{
// IDX bytes: 00 00 08 N, the sizes big-endian, then `values`.
std::string idx(const std::vector<std::uint32_t>& sizes, const std::string& values)
{
    std::string bytes { '\0', '\0', '\x08', static_cast<char>(sizes.size()) };
    for (std::uint32_t size : sizes)
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes += static_cast<char>((size >> shift) & 0xff);
    return bytes + values;
}

// Two 2 x 3 images: 0..5 and 250..255.
std::string twoImages()
{
    return idx(
        { 2, 2, 3 }, std::string("\x00\x01\x02\x03\x04\x05", 6) + "\xfa\xfb\xfc\xfd\xfe\xff");
}

std::string gzip(const std::string& bytes)
{
    z_stream stream {};
    deflateInit2(&stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&stream, bytes.size()) + 64, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

fs::path write(const QTemporaryDir& dir, const std::string& name, const std::string& bytes)
{
    const fs::path file = fs::path(dir.path().toStdString()) / name;
    std::ofstream(file, std::ios::binary) << bytes;
    return file;
}
} // namespace

void TestIdxFile::aHandMadeSetReadsBack_data()
{
    QTest::addColumn<bool>("packed");
    QTest::newRow("raw") << false;
    QTest::newRow("gzip'd") << true;
}

void TestIdxFile::aHandMadeSetReadsBack()
{
    QFETCH(bool, packed);
    const std::string labels = idx({ 2 }, std::string("\x07\x02", 2));
    const std::string suffix = packed ? ".gz" : "";
    const ImageSet set
        = readImageSet(write(m_dir, "images" + suffix, packed ? gzip(twoImages()) : twoImages()),
            write(m_dir, "labels" + suffix, packed ? gzip(labels) : labels));
    QCOMPARE(set.count(), std::size_t(2));
    QCOMPARE(set.rows, 2);
    QCOMPARE(set.cols, 3);
    QCOMPARE(
        set.pixels, (std::vector<std::uint8_t> { 0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255 }));
    QCOMPARE(set.labels, (std::vector<std::uint8_t> { 7, 2 }));
    QCOMPARE(set.classes, 8); // the largest label + 1
}

void TestIdxFile::damagedFilesAreRefusedNamingThem_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("says");
    const auto row = [](const char* name, const std::string& bytes, const char* says) {
        QTest::newRow(name) << QByteArray(bytes.data(), static_cast<int>(bytes.size()))
                            << QString(says);
    };
    row("empty", "", "magic number");
    row("a PNG", "\x89PNG\r\n\x1a\n", "magic number");
    row("signed bytes (type 9)", std::string("\0\0\x09\x01\0\0\0\x01\x05", 9), "element type 9");
    row("floats (type 13)", std::string("\0\0\x0d\x01\0\0\0\x01", 8) + "abcd", "element type 13");
    row("no dimensions", std::string("\0\0\x08\x00", 4), "0 dimensions");
    row("nine dimensions", std::string("\0\0\x08\x09", 4), "9 dimensions");
    row("ends in its sizes", std::string("\0\0\x08\x03\0\0\0\x02\0\0", 10),
        "ends inside its sizes");
    row("a size of 0", idx({ 0, 28, 28 }, ""), "size 0");
    row("sizes past the limit", idx({ 0xffffffff, 0xffffffff, 0xffffffff }, ""), "more than");
    row("truncated", twoImages().substr(0, twoImages().size() - 1), "truncated");
    row("padded", twoImages() + "x", "more than it says");
    row("truncated gzip", gzip(twoImages()).substr(0, 20), "truncated");
    std::string damaged = gzip(twoImages());
    damaged[12] = static_cast<char>(damaged[12] ^ 0x5a);
    row("damaged gzip", damaged, "cannot be unpacked");
}

void TestIdxFile::damagedFilesAreRefusedNamingThem()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, says);
    const fs::path file = write(m_dir, "bad", bytes.toStdString());
    const fs::path labels = write(m_dir, "labels", idx({ 2 }, std::string("\x01\x02", 2)));
    try {
        readImageSet(file, labels);
        QFAIL("a damaged file was read");
    } catch (const ConfigError& e) {
        const QString message = e.what();
        QVERIFY2(message.startsWith(QString::fromStdString(file.string()) + ":"), e.what());
        QVERIFY2(message.contains(says), e.what());
    }
}

void TestIdxFile::aGzipBombIsRefused()
{
    // 64 MiB of zeros packs to ~64 KB: unpacked past the limit it is refused, not allocated.
    const std::string bomb = gzip(std::string(std::size_t(64) << 20, '\0'));
    try {
        gunzip(bomb, "bomb.gz", std::size_t(1) << 20);
        QFAIL("a gzip bomb was unpacked");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains(
                     "bomb.gz: cannot be unpacked (it unpacks to more than 1048576 bytes)"),
            e.what());
    }
}

void TestIdxFile::countsThatDisagreeNameBothFiles()
{
    const fs::path images = write(m_dir, "two-images", twoImages());
    const fs::path labels
        = write(m_dir, "three-labels", idx({ 3 }, std::string("\x01\x02\x03", 3)));
    try {
        readImageSet(images, labels);
        QFAIL("2 images with 3 labels were read");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains("two-images holds 2 images"), e.what());
        QVERIFY2(QString(e.what()).contains("three-labels 3 labels"), e.what());
    }
    try { // images where labels should be
        readImageSet(images, images);
        QFAIL("images read as labels");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains("3-dimensional data, where labels are 1-dimensional"),
            e.what());
    }
    const fs::path missing = fs::path(m_dir.path().toStdString()) / "missing.gz";
    try {
        readImageSet(missing, labels);
        QFAIL("a missing file was read");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains("missing.gz"), e.what());
    }
}

void TestIdxFile::theInstalledFashionMnistTestSet()
{
    // tools/quickstart.sh installs dataset-fashion-mnist; elsewhere this says why it skips.
    const fs::path dir = "/usr/share/datasets/fashion-mnist";
    if (!fs::exists(dir / "t10k-images-idx3-ubyte.gz"))
        QSKIP("dataset-fashion-mnist is not installed");
    const ImageSet set
        = readImageSet(dir / "t10k-images-idx3-ubyte.gz", dir / "t10k-labels-idx1-ubyte.gz");
    QCOMPARE(set.count(), std::size_t(10000));
    QCOMPARE(set.rows, 28);
    QCOMPARE(set.cols, 28);
    QCOMPARE(set.classes, 10);
    QCOMPARE(set.pixels.size(), std::size_t(10000 * 28 * 28));
    std::vector<int> perClass(10, 0);
    for (std::uint8_t label : set.labels)
        ++perClass[label];
    QCOMPARE(perClass, std::vector<int>(10, 1000)); // the test set is balanced: 1000 a class
}

void TestIdxFile::aSetIsReadOnceAndAgainWhenItChanges()
{
    const fs::path images = write(m_dir, "shared-images", twoImages());
    const fs::path labels = write(m_dir, "shared-labels", idx({ 2 }, std::string("\x01\x02", 2)));
    const auto first = sharedImageSet(images, labels);
    const auto again = sharedImageSet(images, labels);
    QCOMPARE(again.get(), first.get()); // one copy for every lane
    // Relabelled, the file as long as before: its modification time tells.
    write(m_dir, "shared-labels", idx({ 2 }, std::string("\x03\x04", 2)));
    fs::last_write_time(labels, fs::last_write_time(labels) + std::chrono::seconds(2));
    const auto relabelled = sharedImageSet(images, labels);
    QVERIFY(relabelled.get() != first.get());
    QCOMPARE(relabelled->labels, (std::vector<std::uint8_t> { 3, 4 }));
    QCOMPARE(first->labels, (std::vector<std::uint8_t> { 1, 2 })); // a holder keeps its copy
}

void TestIdxFile::stackedImagesAreThreeImagesAndTheirLabels()
{
    ImageSet set;
    set.rows = 2;
    set.cols = 3;
    set.classes = 8;
    const std::string pixels = twoImages().substr(4 + 12); // the values after the header
    set.pixels.assign(pixels.begin(), pixels.end());
    set.labels = { 7, 2 };
    const StackedSet stacked = stackImages(set, 50, 11);
    QCOMPARE(stacked.count(), std::size_t(50));
    QCOMPARE(stacked.classes, 512);
    QCOMPARE(stacked.pixels.size(), std::size_t(50 * 3 * 6));
    std::vector<int> seen(2, 0);
    for (std::size_t i = 0; i < stacked.count(); ++i) {
        int label = 0;
        for (std::size_t c = 0; c < 3; ++c) {
            // Each channel is one of the two images whole: its first pixel says which.
            const std::uint8_t* channel = &stacked.pixels[(3 * i + c) * 6];
            const int image = channel[0] == 0 ? 0 : 1;
            QVERIFY(std::equal(channel, channel + 6, set.pixels.begin() + 6 * image));
            ++seen[image];
            label = label * 8 + set.labels[image];
        }
        QCOMPARE(stacked.labels[i], label);
    }
    QVERIFY(seen[0] > 0 && seen[1] > 0); // both drawn (150 draws: a miss has chance 2^-149)
    QCOMPARE(stackImages(set, 50, 11).labels, stacked.labels); // the seed decides
    QVERIFY(stackImages(set, 50, 12).labels != stacked.labels); // chance 2^-150 of equal
}

QTEST_GUILESS_MAIN(TestIdxFile)
#include "tst_idxfile.moc"
