// The window's command line as a user runs it: a bad option, preset or run folder exits 2 with
// a message naming it, before any window opens; a good run folder opens under --open and under
// the old --session spelling (which Qt's X11 platform would otherwise take for itself).
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

class TestWindowCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void badInputExitsTwo_data();
    void badInputExitsTwo();
    void runFolderOpens_data();
    void runFolderOpens();
    void compareMeasuresEveryLane();
    void measureAloneMeasuresTheFirstStart();
    void exportWritesFiguresWithoutAWindow();
    void exportThatCannotWriteExitsFour();

private:
    struct Result {
        int exitCode;
        QString out;
        QString err;
    };
    static Result run(const QString& program, const QStringList& args);
    // The window run with `args` and --measure 2 on seed-3mode: its JSON line's lanes.
    static void measureSeed3Mode(QStringList args, QJsonArray& lanes, QString* hint = nullptr);

    QTemporaryDir m_dir;
    QString m_run; // a run folder written by modescope-train
};

TestWindowCli::Result TestWindowCli::run(const QString& program, const QStringList& args)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MODESCOPE_PRESETS", MODESCOPE_PRESETS_DIR);
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("XDG_CONFIG_HOME", QDir::tempPath() + "/modescope-windowcli-config");
    process.setProcessEnvironment(env);
    process.start(program, args);
    if (!process.waitForFinished(120000))
        qFatal("%s did not finish", qPrintable(program));
    return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

void TestWindowCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_run = m_dir.filePath("run");
    const Result r = run(MODESCOPE_TRAIN_BINARY,
        { "--preset", "seed-3mode", "-n", "40", "--log-every", "20", "--samples", "100", "--out",
            m_run });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString damaged = m_dir.filePath("damaged");
    QVERIFY(QDir().mkpath(damaged));
    QVERIFY(QFile::copy(m_run + "/config.json", damaged + "/config.json"));
    QFile checkpoint(damaged + "/checkpoint.pt");
    QVERIFY(checkpoint.open(QIODevice::WriteOnly));
    checkpoint.write("not a checkpoint");
    // A comparison of two lanes, both copies of that run; and one whose compare.json names a
    // lane the folder does not hold.
    for (const QString& name : { "cmp", "cmp-wrong", "cmp-badckpt" }) {
        const QString dir = m_dir.filePath(name);
        for (const QString& lane : { "1-madgan-sim-k3", "2-madgan-sim-k3" }) {
            QVERIFY(QDir().mkpath(dir + "/" + lane));
            for (const QString& file : QDir(m_run).entryList(QDir::Files))
                QVERIFY(QFile::copy(m_run + "/" + file, dir + "/" + lane + "/" + file));
        }
        QFile compare(dir + "/compare.json");
        QVERIFY(compare.open(QIODevice::WriteOnly));
        const QString second = name == "cmp-wrong" ? "gan" : "madgan-sim";
        compare.write(
            QString(R"({"format": "modescope-comparison", "version": 1, "preset": "seed-3mode",
            "seed": 1, "lock_step": true, "lanes": [
            {"folder": "1-madgan-sim-k3", "method": "madgan-sim", "generators": 3, "sim_on": false, "step": 40},
            {"folder": "2-madgan-sim-k3", "method": "%1", "generators": %2, "sim_on": false, "step": 40}]})")
                .arg(second)
                .arg(name == "cmp-wrong" ? 1 : 3)
                .toUtf8());
    }
    // A comparison whose second lane's checkpoint is damaged.
    QFile lane2(m_dir.filePath("cmp-badckpt/2-madgan-sim-k3/checkpoint.pt"));
    QVERIFY(lane2.open(QIODevice::WriteOnly | QIODevice::Truncate));
    lane2.write("not a checkpoint");
}

void TestWindowCli::badInputExitsTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown preset")
        << QStringList { "--preset", "no-such", "--measure", "3" } << "unknown preset \"no-such\"";
    QTest::newRow("preset is a folder")
        << QStringList { "--preset", "@DIR@", "--measure", "3" } << "is a folder";
    QTest::newRow("missing folder, --session") << QStringList { "--session", "@DIR@/typo",
        "--measure", "3" } << "@DIR@/typo: no such folder";
    QTest::newRow("missing folder, --session=")
        << QStringList { "--session=@DIR@/typo", "--measure", "3" } << "@DIR@/typo: no such folder";
    QTest::newRow("not a run folder")
        << QStringList { "--open", "@DIR@", "--measure", "3" } << "config.json: no such file";
    QTest::newRow("damaged checkpoint")
        << QStringList { "--open", "@DIR@/damaged", "--measure", "3" } << "unreadable checkpoint";
    QTest::newRow("folder option without value") << QStringList { "--open" } << "--open: needs";
    QTest::newRow("folder and preset")
        << QStringList { "--open", "@DIR@", "--preset", "paper-1d" } << "--preset: cannot be given";
    QTest::newRow("measure not a number") << QStringList { "--measure", "soon" } << "--measure";
    QTest::newRow("unknown option") << QStringList { "--bogus" } << "bogus";
    QTest::newRow("compare: unknown method")
        << QStringList { "--compare", "gan,wgan", "--measure", "3" } << "--compare: \"wgan\"";
    QTest::newRow("compare: five lanes")
        << QStringList { "--compare", "gan,gan,gan,gan,gan" } << "--compare: give 1 to 4 methods";
    QTest::newRow("comparison naming another lane")
        << QStringList { "--open", "@DIR@/cmp-wrong", "--measure", "3" }
        << "@DIR@/cmp-wrong/2-madgan-sim-k3: its config.json is not the lane compare.json names";
    QTest::newRow("comparison with a damaged second lane")
        << QStringList { "--open", "@DIR@/cmp-badckpt", "--measure", "3" }
        << "@DIR@/cmp-badckpt/2-madgan-sim-k3/checkpoint.pt: unreadable checkpoint";
    QTest::newRow("compare with open")
        << QStringList { "--open", "@DIR@", "--compare", "gan" } << "--compare: cannot be given";
    QTest::newRow("export without a run")
        << QStringList { "--export", "@DIR@/figures" } << "--export: needs --open";
    QTest::newRow("export at a size not offered")
        << QStringList { "--open", "@DIR@/run", "--export", "@DIR@/figures", "--size", "a4" }
        << "--size: \"a4\" is not one-column, full-width, slide or WxHcm";
    QTest::newRow("export at a DPI out of range")
        << QStringList { "--open", "@DIR@/run", "--export", "@DIR@/figures", "--dpi", "20" }
        << "--dpi";
    QTest::newRow("export with a font too large")
        << QStringList { "--open", "@DIR@/run", "--export", "@DIR@/figures", "--font-pt", "99" }
        << "--font-pt";
    QTest::newRow("export with an empty size") << QStringList { "--open", "@DIR@/run", "--export",
        "@DIR@/figures", "--size=" } << "--size: needs a value";
    QTest::newRow("export past the pixel limit") << QStringList {
        "--open", "@DIR@/run", "--export", "@DIR@/figures", "--size", "100x100cm", "--dpi", "1200"
    } << "--size and --dpi: 47250 x 47250 px is more than 100 million pixels"; // 2835 pt x 1200 /
                                                                               // 72
    QTest::newRow("export while measuring") << QStringList { "--open", "@DIR@/run", "--export",
        "@DIR@/figures", "--measure", "2" } << "--export: cannot be given with --measure";
}

void TestWindowCli::badInputExitsTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    args.replaceInStrings("@DIR@", m_dir.path());
    mentions.replace("@DIR@", m_dir.path());
    const Result r = run(MODESCOPE_WINDOW_BINARY, args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    QVERIFY2(!r.out.contains("steps_per_second"), qPrintable(r.out)); // it never trained
    QVERIFY(!QDir(m_dir.filePath("figures")).exists()); // an export refused writes nothing
}

void TestWindowCli::runFolderOpens_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("--open") << QStringList { "--open", "@RUN@" };
    QTest::newRow("--session") << QStringList { "--session", "@RUN@" };
    QTest::newRow("--session=") << QStringList { "--session=@RUN@" };
    QTest::newRow("--open a comparison") << QStringList { "--open", "@CMP@" };
    QTest::newRow("--open its compare.json") << QStringList { "--open", "@CMP@/compare.json" };
}

void TestWindowCli::runFolderOpens()
{
    QFETCH(QStringList, args);
    const bool comparison = args.last().startsWith("@CMP@");
    args.replaceInStrings("@RUN@", m_run);
    args.replaceInStrings("@CMP@", m_dir.filePath("cmp"));
    const Result r = run(MODESCOPE_WINDOW_BINARY,
        args << "--measure"
             << "2");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // One JSON line: the opened run as one lane (a comparison as its two), trained on from its
    // step 40.
    const QJsonObject line = QJsonDocument::fromJson(r.out.trimmed().toUtf8()).object();
    const QJsonArray lanes = line.value("lanes").toArray();
    QCOMPARE(lanes.size(), comparison ? 2 : 1);
    // Every lane trained on: one still loading when training started joins once it has opened.
    for (const auto& lane : lanes)
        QVERIFY2(lane.toObject().value("step").toInt() > 40, qPrintable(r.out));
    QVERIFY(line.contains("gui_longest_stall_ms"));
}

void TestWindowCli::measureSeed3Mode(QStringList args, QJsonArray& lanes, QString* hint)
{
    const Result r = run(MODESCOPE_WINDOW_BINARY,
        args << "--measure"
             << "2");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject line = QJsonDocument::fromJson(r.out.trimmed().toUtf8()).object();
    QCOMPARE(line.value("preset").toString(), QString("seed-3mode"));
    lanes = line.value("lanes").toArray();
    QVERIFY(line.contains("hint"));
    if (hint)
        *hint = line.value("hint").toString();
}

void TestWindowCli::compareMeasuresEveryLane()
{
    QJsonArray lanes;
    measureSeed3Mode({ "--preset", "seed-3mode", "--compare", "gan,madgan:2" }, lanes);
    QCOMPARE(lanes.size(), 2);
    QCOMPARE(lanes[0].toObject().value("method").toString(), QString("gan"));
    QCOMPARE(lanes[0].toObject().value("k").toInt(), 1);
    QCOMPARE(lanes[1].toObject().value("method").toString(), QString("madgan"));
    QCOMPARE(lanes[1].toObject().value("k").toInt(), 2);
    for (const QJsonValue& lane : lanes) {
        QVERIFY(lane.toObject().value("steps_per_second").toDouble() > 0);
        QVERIFY(lane.toObject().contains("modes_balanced"));
    }
}

void TestWindowCli::measureAloneMeasuresTheFirstStart()
{
    // No --preset, no --open: what a newcomer's first start shows, the plain GAN beside
    // MAD-GAN-Sim on seed-3mode, so one command measures it (saved settings are never read).
    QJsonArray lanes;
    QString hint;
    measureSeed3Mode({}, lanes, &hint);
    QCOMPARE(lanes.size(), 2);
    QCOMPARE(lanes[0].toObject().value("method").toString(), QString("gan"));
    QCOMPARE(lanes[1].toObject().value("method").toString(), QString("madgan-sim"));
    QCOMPARE(lanes[1].toObject().value("k").toInt(), 3);
    QVERIFY(lanes[1].toObject().value("step").toInt() > 0);
    QVERIFY2(hint.startsWith("First start: a plain GAN (top) and MAD-GAN-Sim"), qPrintable(hint));
    // Other lanes on the first start's target: the line describing gan | madgan-sim is not shown.
    measureSeed3Mode({ "--compare", "gan,madgan,madgan-sim" }, lanes, &hint);
    QCOMPARE(lanes.size(), 3);
    QCOMPARE(hint, QString());
}

void TestWindowCli::exportWritesFiguresWithoutAWindow()
{
    // A run's figures regenerated with one command, at a size, DPI and font of the user's, and
    // a comparison's as its one figure of lanes. No display is needed: QT_QPA_PLATFORM is unset.
    const QString out = m_dir.filePath("exported");
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("QT_QPA_PLATFORM");
    env.remove("DISPLAY");
    env.remove("WAYLAND_DISPLAY");
    env.insert("XDG_CONFIG_HOME", QDir::tempPath() + "/modescope-windowcli-config");
    process.setProcessEnvironment(env);
    process.start(MODESCOPE_WINDOW_BINARY,
        { "--open", m_run, "--export", out, "--size", "10x5cm", "--dpi", "100", "--font-pt", "8" });
    QVERIFY(process.waitForFinished(120000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    const QString listed = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(listed.contains(out + "/density.pdf"), qPrintable(listed));
    // 10 x 5 cm at 100 dpi: 283 x 142 pt, 393 x 197 px, the DPI recorded.
    const QImage png(out + "/density.png");
    QCOMPARE(png.size(), QSize(393, 197));
    QCOMPARE(png.dotsPerMeterX(), qRound(100 / 0.0254));
    QVERIFY(png.text("Title").startsWith("seed-3mode \u00b7 madgan-sim, k = 3, Sim on"));
    for (const char* name : { "losses.svg", "metrics.png", "ownership.pdf", "samples-strip.png" })
        QVERIFY2(QFile::exists(out + "/" + name), name);
    QVERIFY(!QFile::exists(out + "/checkpoint.pt")); // figures only: the run is the input

    const QString lanes = m_dir.filePath("exported-cmp");
    const Result r = run(MODESCOPE_WINDOW_BINARY,
        { "--open", m_dir.filePath("cmp"), "--export", lanes, "--size", "one-column" });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // One column is 8.5 cm wide at 300 dpi: 1004 px. Two lanes at 9 pt need (10 + 2 x 7.1)
    // lines x 9 pt = 217.8 pt, more than the 6 cm (170 pt) asked: 218 pt x 300 / 72 = 908 px.
    QCOMPARE(QImage(lanes + "/comparison.png").size(), QSize(1004, 908));
}

void TestWindowCli::exportThatCannotWriteExitsFour()
{
    // The folder is a file: nothing can be written into it; the reason names it.
    const QString blocked = m_dir.filePath("a-file");
    QFile file(blocked);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const Result r = run(MODESCOPE_WINDOW_BINARY, { "--open", m_run, "--export", blocked });
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(r.err.contains(blocked), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestWindowCli)
#include "tst_windowcli.moc"
