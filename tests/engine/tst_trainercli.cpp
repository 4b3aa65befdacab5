// modescope-train as a user runs it: exit codes, messages, and the run folder's files.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestTrainerCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void writesARunFolderAndResumes();
    void badInputExitsTwoAndWritesNothing_data();
    void badInputExitsTwoAndWritesNothing();
    void benchPrintsOneJsonLine();
    void helpDocumentsEveryFlag();

private:
    struct Result {
        int exitCode;
        QString out;
        QString err;
    };
    Result run(const QStringList& args);
    static QStringList lines(const QString& file);

    QTemporaryDir m_dir;
    QString m_goodRun; // a finished run folder, for the resume cases
};

TestTrainerCli::Result TestTrainerCli::run(const QStringList& args)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MODESCOPE_PRESETS", MODESCOPE_PRESETS_DIR);
    process.setProcessEnvironment(env);
    process.start(MODESCOPE_TRAIN_BINARY, args);
    if (!process.waitForFinished(300000))
        qFatal("modescope-train did not finish");
    return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

QStringList TestTrainerCli::lines(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

void TestTrainerCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_goodRun = m_dir.filePath("good");
    const Result r = run({ "--preset", "seed-3mode", "--iterations", "200", "--log-every", "50",
        "--samples", "100", "--seed", "3", "--out", m_goodRun });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
}

void TestTrainerCli::writesARunFolderAndResumes()
{
    // seed-3mode trains MAD-GAN-Sim with k = 3.
    const QStringList samples = lines(m_goodRun + "/samples.csv");
    QCOMPARE(samples.value(0), QString("generator,x"));
    QCOMPARE(samples.size(), 1 + 3 * 100);
    QCOMPARE(samples.value(1).section(',', 0, 0), QString("1"));
    QCOMPARE(samples.last().section(',', 0, 0), QString("3"));

    const QStringList metrics = lines(m_goodRun + "/metrics.csv");
    QCOMPARE(metrics.value(0),
        QString("iteration,d_loss,g_loss_1,g_loss_2,g_loss_3,"
                "sim_violation_rate,hq_fraction,modes_captured,"
                "modes_balanced,reverse_kl,chi_square,kl_hist"));
    QCOMPARE(metrics.size(), 1 + 4); // steps 50, 100, 150, 200
    QCOMPARE(metrics.last().section(',', 0, 0), QString("200"));

    const QStringList density = lines(m_goodRun + "/density.csv");
    QCOMPARE(density.value(0), QString("x,data,g1,g2,g3,mixture,d_real"));
    QCOMPARE(density.size(), 1 + 512);

    QFile configFile(m_goodRun + "/config.json");
    QVERIFY(configFile.open(QIODevice::ReadOnly));
    const QJsonObject config = QJsonDocument::fromJson(configFile.readAll()).object();
    QCOMPARE(config.value("seed").toInt(), 3);
    QCOMPARE(config.value("device_used").toString(), QString("cpu"));
    QCOMPARE(config.value("method").toString(), QString("madgan-sim"));
    QVERIFY(!config.value("version").toString().isEmpty());
    // Flags left out keep the preset's values: seed-3mode has the Sim hinge on.
    QCOMPARE(config.value("sim").toObject().value("enabled").toBool(), true);
    QVERIFY(QFile::exists(m_goodRun + "/checkpoint.pt"));

    // Resume the copy to 300 steps: metrics.csv goes on from where it stopped.
    const QString copy = m_dir.filePath("resumed");
    QVERIFY(QDir().mkpath(copy));
    for (const QString& name : QDir(m_goodRun).entryList(QDir::Files))
        QVERIFY(QFile::copy(m_goodRun + "/" + name, copy + "/" + name));
    const Result r = run({ "--resume", copy, "--iterations", "300", "--log-every", "50" });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList resumed = lines(copy + "/metrics.csv");
    QCOMPARE(resumed.size(), 1 + 6);
    QCOMPARE(resumed.value(4), metrics.value(4));
    QCOMPARE(resumed.last().section(',', 0, 0), QString("300"));
    // In a pipe, progress comes as plain lines.
    QVERIFY2(r.err.contains("step 250/300"), qPrintable(r.err));
}

void TestTrainerCli::badInputExitsTwoAndWritesNothing_data()
{
    QTest::addColumn<QString>("presetJson"); // written to a file and passed as --preset
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    const QString ok = "{\"iterations\": 10}";
    QTest::newRow("unknown preset")
        << QString() << QStringList { "--preset", "nosuch" } << "unknown preset \"nosuch\"";
    QTest::newRow("malformed json") << "{\"batch\": " << QStringList {} << "malformed JSON";
    QTest::newRow("wrong type") << "{\"batch\": \"big\"}" << QStringList {}
                                << "batch must be a number";
    QTest::newRow("sd zero") << "{\"mixture\": {\"modes\": [{\"sd\": 0}]}}" << QStringList {}
                             << "mixture.modes[0].sd";
    QTest::newRow("weight negative") << "{\"mixture\": {\"modes\": [{\"weight\": -1}]}}"
                                     << QStringList {} << "mixture.modes[0].weight";
    QTest::newRow("no modes") << "{\"mixture\": {\"modes\": []}}" << QStringList {}
                              << "at least one mode";
    QTest::newRow("k zero") << ok << QStringList { "--generators", "0" } << "between 1 and 64";
    QTest::newRow("k 65") << ok << QStringList { "--generators", "65" } << "between 1 and 64";
    QTest::newRow("iterations zero") << ok << QStringList { "--iterations", "0" } << "iterations";
    QTest::newRow("bad method") << ok << QStringList { "--method", "wgan" } << "--method";
    QTest::newRow("not a number") << ok << QStringList { "--lr", "fast" } << "--lr";
    QTest::newRow("missing checkpoint")
        << QString() << QStringList { "--resume", "@EMPTY@" } << "config.json";
    QTest::newRow("mismatched checkpoint")
        << QString() << QStringList { "--resume", "@GOOD@", "--generators", "5" }
        << "another shape";
    QTest::newRow("checkpoint of another method")
        << QString() << QStringList { "--resume", "@GOOD@", "--method", "madgan" }
        << "another shape";
    QTest::newRow("unwritable out")
        << ok << QStringList { "--out", "@FILE@/run" } << "cannot create the run folder";
    QTest::newRow("cuda absent") << ok << QStringList { "--device", "cuda" } << "cuda";
}

void TestTrainerCli::badInputExitsTwoAndWritesNothing()
{
    QFETCH(QString, presetJson);
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    const QString out = dir.filePath("run");
    if (!presetJson.isNull()) {
        QFile preset(dir.filePath("preset.json"));
        QVERIFY(preset.open(QIODevice::WriteOnly));
        preset.write(presetJson.toUtf8());
        preset.close();
        args << "--preset" << preset.fileName();
    }
    QVERIFY(QDir().mkpath(dir.filePath("empty")));
    args.replaceInStrings("@EMPTY@", dir.filePath("empty"));
    args.replaceInStrings("@GOOD@", m_goodRun);
    QFile file(dir.filePath("a-file"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    args.replaceInStrings("@FILE@", file.fileName());
    const QDateTime before = QFileInfo(m_goodRun + "/metrics.csv").lastModified();
    if (!args.contains("--resume") && !args.contains("--out"))
        args << "--out" << out;
    const Result r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    QVERIFY2(r.err.count('\n') <= 2, qPrintable(r.err)); // one clear message, not a trace
    QVERIFY(!QFile::exists(out));
    QCOMPARE(QFileInfo(m_goodRun + "/metrics.csv").lastModified(), before);
}

void TestTrainerCli::benchPrintsOneJsonLine()
{
    const Result r
        = run({ "--bench", "--bench-steps", "20", "--generators", "2", "--device", "cpu" });
    QCOMPARE(r.exitCode, 0);
    const QJsonObject line = QJsonDocument::fromJson(r.out.trimmed().toUtf8()).object();
    QVERIFY(line.value("steps_per_second").toDouble() > 0);
    QCOMPARE(line.value("method").toString(), QString("madgan"));
    QCOMPARE(line.value("generators").toInt(), 2);
    QCOMPARE(line.value("device").toString(), QString("cpu"));
    QCOMPARE(line.value("batch").toInt(), 128);
}

void TestTrainerCli::helpDocumentsEveryFlag()
{
    const Result r = run({ "--help" });
    QCOMPARE(r.exitCode, 0);
    for (const char* flag : { "--preset", "--method", "--generators", "--iterations", "--lr",
             "--seed", "--device", "--out", "--resume", "--log-every", "--samples", "--bench" })
        QVERIFY2(r.out.contains(flag), flag);
}

QTEST_GUILESS_MAIN(TestTrainerCli)
#include "tst_trainercli.moc"
