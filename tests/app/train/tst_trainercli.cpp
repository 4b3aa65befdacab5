// modescope-train as a user runs it: exit codes, messages, and the run folder's files.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <csignal>
#include <memory>

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
    void resumeReadsCrlfMetrics();
    void malformedMetricsRowIsRefusedBeforeAnythingIsWritten();
    void resumeToAnEarlierStepChangesNothing();
    void resumeIntoAnotherFolderCarriesTheRows();
    void overwriteReplacesARunOnlyWhenAsked();
    void aMethodChosenTrainsAtThePresetsRatesForIt();
    void divergenceExitsThreeAndSaysWhatIsKept();
    void writeFailureExitsFourAndLeavesNoPartialFiles();
    void interruptExitsWith130AndTheRunResumes_data();
    void interruptExitsWith130AndTheRunResumes();
    void aDiskThatFillsLosesNothing_data();
    void aDiskThatFillsLosesNothing();
    void membersTrainAsOnePopulationIntoOrdinaryRunFolders();
    void aMemberThatFailsIsRecordedWithItsReason();
    void memberInputIsCheckedBeforeAnythingIsWritten_data();
    void memberInputIsCheckedBeforeAnythingIsWritten();
    void anImageRunWritesItsImagesAndTheirJudgedClasses();
    void imageRunsStartingTogetherTrainTheJudgeOnce();
    void interruptWhileTheJudgeTrainsExits130AndWritesNothing();

private:
    struct Result {
        int exitCode;
        QString out;
        QString err;
    };
    Result run(const QStringList& args);
    static QStringList lines(const QString& file);
    static QByteArray bytes(const QString& file);
    QString copyOfGoodRun(const QString& dir); // a copy of m_goodRun under `dir`
    // m_goodRun's config.json with `changes` applied, written to `file`.
    QString configWith(const QString& file, const QJsonObject& changes);

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

QByteArray TestTrainerCli::bytes(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString TestTrainerCli::copyOfGoodRun(const QString& dir)
{
    const QString copy = dir + "/copy";
    QDir().mkpath(copy);
    for (const QString& name : QDir(m_goodRun).entryList(QDir::Files))
        QFile::copy(m_goodRun + "/" + name, copy + "/" + name);
    return copy;
}

QString TestTrainerCli::configWith(const QString& file, const QJsonObject& changes)
{
    QJsonObject config = QJsonDocument::fromJson(bytes(m_goodRun + "/config.json")).object();
    for (auto it = changes.begin(); it != changes.end(); ++it)
        config.insert(it.key(), it.value());
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(config).toJson()) < 0)
        qFatal("cannot write %s", qPrintable(file));
    return file;
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
                "sim_on,sim_hinge,sim_violation_rate,samples,hq_fraction,modes_captured,"
                "modes_balanced,reverse_kl,chi_square,kl_hist,seconds"));
    QCOMPARE(metrics.size(), 1 + 4); // steps 50, 100, 150, 200
    for (int r = 1; r < metrics.size(); ++r) {
        const QStringList row = metrics[r].split(',');
        QCOMPARE(row.value(5), QString("1")); // sim_on: seed-3mode is madgan-sim
        bool number = false; // sim_hinge: a finite number, never "nan" or garbage
        const double hinge = row.value(6).toDouble(&number);
        QVERIFY2(number && std::isfinite(hinge) && hinge >= 0, qPrintable(metrics[r]));
        QCOMPARE(row.value(8), QString("100")); // samples: --samples 100 per generator
    }
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
    // Resumed with other --samples: every row says the N it was computed on.
    const Result r
        = run({ "--resume", copy, "--iterations", "300", "--log-every", "50", "--samples", "60" });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList resumed = lines(copy + "/metrics.csv");
    QCOMPARE(resumed.size(), 1 + 6);
    QCOMPARE(resumed.value(4), metrics.value(4));
    QCOMPARE(resumed.value(4).section(',', 8, 8), QString("100"));
    QCOMPARE(resumed.value(6).section(',', 8, 8), QString("60"));
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
                                << "batch must be a whole number";
    QTest::newRow("sd zero") << "{\"mixture\": {\"modes\": [{\"sd\": 0}]}}" << QStringList {}
                             << "mixture.modes[0].sd";
    QTest::newRow("weight negative") << "{\"mixture\": {\"modes\": [{\"weight\": -1}]}}"
                                     << QStringList {} << "mixture.modes[0].weight";
    QTest::newRow("no modes") << "{\"mixture\": {\"modes\": []}}" << QStringList {}
                              << "at least one mode";
    QTest::newRow("k zero") << ok << QStringList { "--generators", "0" } << "from 1 to 64";
    QTest::newRow("k 65") << ok << QStringList { "--generators", "65" } << "from 1 to 64";
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
    // Hostile input that crashed, wrapped or was ignored before (issue 8).
    QTest::newRow("number beyond double")
        << "{\"optimizer\": {\"g_lr\": 1e400}}" << QStringList {} << "malformed JSON";
    QTest::newRow("weights sum to infinity")
        << "{\"mixture\": {\"modes\": [{\"weight\": 1e308}, {\"weight\": 1e308}]}}"
        << QStringList {} << "finite number";
    QTest::newRow("negligible sd") << "{\"mixture\": {\"modes\": [{\"sd\": 1e-11}]}}"
                                   << QStringList {} << "mixture.modes[0].sd";
    QTest::newRow("metric range 1e12")
        << "{\"metric_range\": [-1e12, 1e12]}" << QStringList {} << "metric_range";
    QTest::newRow("k wraps") << "{\"generators\": 4294967300}" << QStringList {}
                             << "generators is too large";
    QTest::newRow("lr beyond float") << ok << QStringList { "--lr", "1e39" } << "--lr";
    QTest::newRow("negative seed") << ok << QStringList { "--seed", "-1" } << "--seed";
    QTest::newRow("seed 2^64") << ok << QStringList { "--seed", "18446744073709551615" }
                               << "--seed";
    QTest::newRow("steps overflow")
        << ok << QStringList { "-n", "99999999999999999999" } << "--iterations";
    QTest::newRow("empty steps") << ok << QStringList { "-n", "" } << "--iterations: needs a value";
    QTest::newRow("steps with junk") << ok << QStringList { "-n", "100x" } << "--iterations";
    QTest::newRow("bench steps negative")
        << ok << QStringList { "--bench", "--bench-steps", "-5" } << "--bench-steps";
    QTest::newRow("population without bench")
        << ok << QStringList { "--population", "4" } << "--population: only with --bench";
    QTest::newRow("population zero")
        << ok << QStringList { "--bench", "--population", "0" } << "--population";
    QTest::newRow("samples beyond memory")
        << ok << QStringList { "--samples", "1000000000" } << "would need about";
    QTest::newRow("preset is a folder")
        << QString() << QStringList { "--preset", "@EMPTY@" } << "is a folder";
    QTest::newRow("preset is a device")
        << QString() << QStringList { "--preset", "/dev/zero" } << "not a regular file";
    QTest::newRow("preset beside resume")
        << QString() << QStringList { "--resume", "@GOOD@", "--preset", "paper-1d" }
        << "--preset: cannot be given with --resume";
    QTest::newRow("out holds a run")
        << ok << QStringList { "--out", "@GOOD@" } << "holds a run already";
    QTest::newRow("out holds other files")
        << ok << QStringList { "--out", "@TMP@" } << "holds no run";
    QTest::newRow("metrics.csv is a folder")
        << QString() << QStringList { "--resume", "@METRICSDIR@", "-n", "300" } << "is a folder";
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
    args.replaceInStrings("@TMP@", dir.path());
    if (args.contains("@METRICSDIR@")) { // a run whose metrics.csv is a folder
        const QString broken = copyOfGoodRun(dir.filePath("broken"));
        QFile::remove(broken + "/metrics.csv");
        QVERIFY(QDir().mkpath(broken + "/metrics.csv"));
        args.replaceInStrings("@METRICSDIR@", broken);
    }
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
    QCOMPARE(line.value("population").toInt(), 0); // one Trainer
    QCOMPARE(
        line.value("run_steps_per_second").toDouble(), line.value("steps_per_second").toDouble());

    // A population of 3: three runs per step.
    const Result p = run({ "--bench", "--bench-steps", "10", "--generators", "2", "--device", "cpu",
        "--population", "3" });
    QCOMPARE(p.exitCode, 0);
    const QJsonObject three = QJsonDocument::fromJson(p.out.trimmed().toUtf8()).object();
    QCOMPARE(three.value("population").toInt(), 3);
    QVERIFY(three.value("steps_per_second").toDouble() > 0);
    const double ratio = three.value("run_steps_per_second").toDouble()
        / three.value("steps_per_second").toDouble();
    QVERIFY2(std::abs(ratio - 3.0) < 0.01, qPrintable(QString::number(ratio))); // printed %.2f
}

void TestTrainerCli::helpDocumentsEveryFlag()
{
    const Result r = run({ "--help" });
    QCOMPARE(r.exitCode, 0);
    for (const char* flag : { "--preset", "--method", "--generators", "--iterations", "--lr",
             "--seed", "--device", "--out", "--resume", "--log-every", "--samples", "--bench" })
        QVERIFY2(r.out.contains(flag), flag);
}

void TestTrainerCli::resumeReadsCrlfMetrics()
{
    QTemporaryDir dir;
    const QString copy = copyOfGoodRun(dir.path());
    QByteArray text = bytes(copy + "/metrics.csv");
    text.replace("\n", "\r\n"); // as a spreadsheet on Windows saves it
    QFile f(copy + "/metrics.csv");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
    f.close();
    const Result r = run({ "--resume", copy, "--iterations", "300", "--log-every", "50" });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList rows = lines(copy + "/metrics.csv");
    QCOMPARE(rows.size(), 1 + 6); // steps 50..200 kept, 250 and 300 added
    QCOMPARE(rows.value(1).section(',', 0, 0), QString("50"));
}

void TestTrainerCli::malformedMetricsRowIsRefusedBeforeAnythingIsWritten()
{
    QTemporaryDir dir;
    const QString copy = copyOfGoodRun(dir.path());
    QStringList rows = lines(copy + "/metrics.csv");
    rows[2] = "100,0.5,oops"; // line 3
    QFile f(copy + "/metrics.csv");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write((rows.join("\n") + "\n").toUtf8());
    f.close();
    const QByteArray config = bytes(copy + "/config.json");
    const QByteArray checkpoint = bytes(copy + "/checkpoint.pt");
    const Result r = run({ "--resume", copy, "--iterations", "300" });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("metrics.csv: line 3"), qPrintable(r.err));
    QCOMPARE(bytes(copy + "/config.json"), config);
    QCOMPARE(bytes(copy + "/checkpoint.pt"), checkpoint);
}

void TestTrainerCli::resumeToAnEarlierStepChangesNothing()
{
    QTemporaryDir dir;
    const QString copy = copyOfGoodRun(dir.path());
    const QByteArray config = bytes(copy + "/config.json");
    const Result r = run({ "--resume", copy, "--iterations", "100" });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("already at step 200"), qPrintable(r.err));
    QCOMPARE(bytes(copy + "/config.json"), config); // still says 200 steps
}

void TestTrainerCli::resumeIntoAnotherFolderCarriesTheRows()
{
    QTemporaryDir dir;
    const QString out = dir.filePath("continued");
    const QByteArray before = bytes(m_goodRun + "/metrics.csv");
    const Result r
        = run({ "--resume", m_goodRun, "--out", out, "--iterations", "300", "--log-every", "50" });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList rows = lines(out + "/metrics.csv");
    QCOMPARE(rows.size(), 1 + 6);
    QCOMPARE(rows.mid(0, 5), lines(m_goodRun + "/metrics.csv")); // A's rows, then the new ones
    QCOMPARE(rows.last().section(',', 0, 0), QString("300"));
    QCOMPARE(bytes(m_goodRun + "/metrics.csv"), before); // A is untouched
    // And the continued run resumes in its turn.
    QCOMPARE(run({ "--resume", out, "--iterations", "350", "--log-every", "50" }).exitCode, 0);
}

void TestTrainerCli::overwriteReplacesARunOnlyWhenAsked()
{
    QTemporaryDir dir;
    const QString copy = copyOfGoodRun(dir.path());
    const QStringList args { "--preset", "seed-3mode", "-n", "100", "--log-every", "50",
        "--samples", "100", "--out", copy };
    const Result refused = run(args);
    QCOMPARE(refused.exitCode, 2);
    QCOMPARE(lines(copy + "/metrics.csv").size(), 1 + 4); // the old run, untouched
    const Result replaced = run(QStringList(args) << "--overwrite");
    QVERIFY2(replaced.exitCode == 0, qPrintable(replaced.err));
    QCOMPARE(lines(copy + "/metrics.csv").size(), 1 + 2); // steps 50 and 100
}

void TestTrainerCli::aMethodChosenTrainsAtThePresetsRatesForIt()
{
    // seed-3mode's run with the plain GAN given its own rates, as the image presets do.
    QJsonObject optimizer = QJsonDocument::fromJson(bytes(m_goodRun + "/config.json"))
                                .object()
                                .value("optimizer")
                                .toObject();
    optimizer.insert("g_lr", 1e-4);
    optimizer.insert("d_lr", 8e-4);
    optimizer.insert("per_method",
        QJsonObject { { "gan", QJsonObject { { "g_lr", 4e-4 }, { "d_lr", 3e-4 } } } });
    const QString preset = configWith(m_dir.filePath("per-method.json"),
        QJsonObject { { "optimizer", optimizer }, { "name", "per-method" } });
    auto trainedRates = [this](const QString& folder) {
        // What the run trained at: its config.json read back by the engine's own rules is
        // what a resume uses; here the file says it plainly for the method it names.
        const QJsonObject config = QJsonDocument::fromJson(bytes(folder + "/config.json")).object();
        const QJsonObject opt = config.value("optimizer").toObject();
        const QJsonObject own = opt.value("per_method")
                                    .toObject()
                                    .value(config.value("method").toString())
                                    .toObject();
        return std::make_pair(own.value("g_lr").toDouble(opt.value("g_lr").toDouble()),
            own.value("d_lr").toDouble(opt.value("d_lr").toDouble()));
    };
    const QStringList common { "--preset", preset, "-n", "20", "--log-every", "20", "--samples",
        "50" };
    const QString gan = m_dir.filePath("per-method-gan");
    Result r = run(QStringList(common) << "--method"
                                       << "gan"
                                       << "--out" << gan);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(trainedRates(gan), std::make_pair(4e-4, 3e-4));
    const QString madgan = m_dir.filePath("per-method-madgan");
    r = run(QStringList(common) << "--method"
                                << "madgan"
                                << "--out" << madgan);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(trainedRates(madgan), std::make_pair(1e-4, 8e-4));
    // --lr gives every method one rate: the per-method ones are gone from the run.
    const QString lr = m_dir.filePath("per-method-lr");
    r = run(QStringList(common) << "--method"
                                << "gan"
                                << "--lr"
                                << "2e-4"
                                << "--out" << lr);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(trainedRates(lr), std::make_pair(2e-4, 2e-4));
    QVERIFY(!bytes(lr + "/config.json").contains("per_method"));
}

void TestTrainerCli::divergenceExitsThreeAndSaysWhatIsKept()
{
    QTemporaryDir dir;
    const QString out = dir.filePath("diverged");
    const Result r = run({ "--preset", "seed-3mode", "--lr", "1e30", "-n", "500", "--log-every",
        "10", "--samples", "100", "--out", out });
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains("non-finite"), qPrintable(r.err));
    // It diverged long before the first checkpoint (step 1000): it must not claim one.
    QVERIFY2(r.err.contains("no checkpoint was written yet"), qPrintable(r.err));
    QVERIFY(!QFile::exists(out + "/checkpoint.pt"));
    QCOMPARE(QDir(out).entryList({ "*partial*" }, QDir::Files), QStringList());
}

void TestTrainerCli::writeFailureExitsFourAndLeavesNoPartialFiles()
{
    QTemporaryDir dir;
    // A run folder whose checkpoint.pt is a non-empty folder: the final checkpoint cannot be
    // written (as root, permissions would not stop the write; this does).
    const QString out = dir.filePath("run");
    QVERIFY(QDir().mkpath(out + "/checkpoint.pt/inside"));
    QVERIFY(QFile::copy(m_goodRun + "/config.json", out + "/config.json"));
    const Result r = run({ "--preset", "seed-3mode", "-n", "60", "--log-every", "20", "--samples",
        "100", "--out", out, "--overwrite" });
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(r.err.contains("checkpoint.pt"), qPrintable(r.err));
    QVERIFY2(r.err.contains("no checkpoint was written yet"), qPrintable(r.err));
    QCOMPARE(lines(out + "/metrics.csv").size(), 1 + 3); // the rows logged are kept
    QCOMPARE(QDir(out).entryList({ "*partial*" }, QDir::Files), QStringList());
}

void TestTrainerCli::interruptExitsWith130AndTheRunResumes_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT (Ctrl-C)") << int(SIGINT);
    QTest::newRow("SIGHUP (the terminal closed)") << int(SIGHUP); // it once died, unsaved
}

void TestTrainerCli::interruptExitsWith130AndTheRunResumes()
{
    QFETCH(int, signal);
    QTemporaryDir dir;
    const QString out = dir.filePath("run");
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MODESCOPE_PRESETS", MODESCOPE_PRESETS_DIR);
    process.setProcessEnvironment(env);
    process.start(MODESCOPE_TRAIN_BINARY,
        { "--preset", "seed-3mode", "-n", "1000000", "--log-every", "20", "--samples", "100",
            "--out", out });
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(lines(out + "/metrics.csv").size() >= 3, 120000);
    QCOMPARE(::kill(static_cast<pid_t>(process.processId()), signal), 0);
    QVERIFY(process.waitForFinished(120000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 130);
    QVERIFY(QFile::exists(out + "/checkpoint.pt"));
    const QString last = lines(out + "/metrics.csv").last().section(',', 0, 0);
    QVERIFY(last.toLongLong() >= 40);
    const Result resumed = run(
        { "--resume", out, "-n", QString::number(last.toLongLong() + 400), "--log-every", "20" });
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
}

void TestTrainerCli::aDiskThatFillsLosesNothing_data()
{
    QTest::addColumn<qint64>("budget");
    QTest::addColumn<int>("steps");
    // Where the disk fills: before anything, inside config.json, among the metrics rows, in the
    // first checkpoint (about 1.3 MB for seed-3mode), and in the last one after a first landed
    // (checkpoints every 1000 steps and at the end).
    QTest::newRow("nothing fits") << qint64(0) << 300;
    QTest::newRow("in config.json") << qint64(600) << 300;
    QTest::newRow("in metrics.csv") << qint64(1700) << 300;
    QTest::newRow("in the first checkpoint") << qint64(200000) << 300;
    QTest::newRow("after a checkpoint") << qint64(1500000) << 1200;
}

void TestTrainerCli::aDiskThatFillsLosesNothing()
{
#ifndef MODESCOPE_FULL_DISK
    QSKIP("no full-disk interposer in a sanitizer build");
#else
    QFETCH(qint64, budget);
    QFETCH(int, steps);
    QTemporaryDir dir;
    const QString out = dir.filePath("run");
    // A small batch: the steps are quick, the files (networks, rows) as large as ever.
    const QStringList args { "--preset", "seed-3mode", "-n", QString::number(steps), "--log-every",
        "100", "--samples", "100", "--batch", "16", "--out", out };
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MODESCOPE_PRESETS", MODESCOPE_PRESETS_DIR);
    env.insert("LD_PRELOAD", MODESCOPE_FULL_DISK);
    env.insert("MODESCOPE_FULL_DISK_AFTER", QString::number(budget));
    process.setProcessEnvironment(env);
    process.start(MODESCOPE_TRAIN_BINARY, args);
    QVERIFY(process.waitForFinished(300000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    // Exit 4, one message naming the file that could not be written and what is kept.
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 4, qPrintable(err));
    QVERIFY2(err.contains("modescope-train: " + out + "/"), qPrintable(err));
    QCOMPARE(QDir(out).entryList({ "*partial*" }, QDir::Files | QDir::Hidden), QStringList());
    // What is there is whole: config.json parses, every metrics row has every column.
    if (QFile::exists(out + "/config.json"))
        QVERIFY(!QJsonDocument::fromJson(bytes(out + "/config.json")).isNull());
    const QStringList rows = lines(out + "/metrics.csv");
    for (const QString& row : rows)
        QCOMPARE(row.count(','), rows.first().count(','));

    // Space returns: the run goes on from its checkpoint, or starts again as the message said.
    const bool checkpoint = QFile::exists(out + "/checkpoint.pt");
    QCOMPARE(err.contains("last good checkpoint"), checkpoint);
    const Result again = checkpoint ? run({ "--resume", out, "-n", QString::number(steps),
                             "--log-every", "100", "--samples", "100", "--batch", "16" })
                                    : run(args + QStringList { "--overwrite" });
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    const QStringList done = lines(out + "/metrics.csv");
    QCOMPARE(done.size(), 1 + steps / 100); // every 100 steps, each once
    for (int r = 1; r < done.size(); ++r)
        QCOMPARE(done[r].section(',', 0, 0).toLongLong(), 100LL * r);
#endif
}

// Three runs as one population: each folder holds what a run alone writes, with the same numbers
// to float rounding (a member's step equals its run's; the batched products add in another
// order), and a member with fewer steps leaves when it is done.
void TestTrainerCli::membersTrainAsOnePopulationIntoOrdinaryRunFolders()
{
    QTemporaryDir dir;
    const QString same = m_goodRun + "/config.json"; // seed 3, 200 steps
    const QString other = configWith(dir.filePath("seed4.json"), { { "seed", 4 } });
    const QString shorter
        = configWith(dir.filePath("seed5.json"), { { "seed", 5 }, { "iterations", 100 } });
    const QString report = dir.filePath("report.json");
    const Result r = run({ "--member", same, dir.filePath("a"), "--member", other,
        dir.filePath("b"), "--member", shorter, dir.filePath("c"), "--report", report });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("training 3 runs as one population"), qPrintable(r.err));

    const QStringList alone = lines(m_goodRun + "/metrics.csv");
    const QStringList member = lines(dir.filePath("a/metrics.csv"));
    QCOMPARE(member.size(), alone.size());
    QCOMPARE(member.value(0), alone.value(0));
    for (int row = 1; row < alone.size(); ++row) {
        const QStringList want = alone[row].split(',');
        const QStringList got = member[row].split(',');
        QCOMPARE(got.size(), want.size());
        for (int column = 0; column + 1 < want.size(); ++column) { // all but seconds
            const double w = want[column].toDouble();
            const double g = got[column].toDouble();
            QVERIFY2(std::abs(g - w) <= 1e-3 * std::abs(w) + 1e-6,
                qPrintable(QString("row %1, column %2: %3 vs %4 alone")
                               .arg(row)
                               .arg(column)
                               .arg(got[column], want[column])));
        }
    }
    QCOMPARE(lines(dir.filePath("a/samples.csv")).size(), lines(m_goodRun + "/samples.csv").size());
    QCOMPARE(lines(dir.filePath("a/density.csv")).size(), lines(m_goodRun + "/density.csv").size());
    const QJsonObject config
        = QJsonDocument::fromJson(bytes(dir.filePath("a/config.json"))).object();
    QCOMPARE(config.value("population").toInt(), 3);
    QCOMPARE(config.value("seed").toInt(), 3);
    QCOMPARE(lines(dir.filePath("c/metrics.csv")).last().section(',', 0, 0), QString("100"));
    QCOMPARE(lines(dir.filePath("b/metrics.csv")).last().section(',', 0, 0), QString("200"));
    QVERIFY(lines(dir.filePath("b/metrics.csv")) != member); // another seed, another run

    const QJsonArray outcomes
        = QJsonDocument::fromJson(bytes(report)).object().value("members").toArray();
    QCOMPARE(outcomes.size(), 3);
    const int steps[] = { 200, 200, 100 };
    for (int m = 0; m < 3; ++m) {
        QCOMPARE(outcomes[m].toObject().value("exit").toInt(), 0);
        QCOMPARE(outcomes[m].toObject().value("step").toInt(), steps[m]);
    }
    // A member's folder resumes alone, as any run's.
    const Result resumed = run({ "--resume", dir.filePath("c"), "--iterations", "150" });
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    QCOMPARE(lines(dir.filePath("c/metrics.csv")).last().section(',', 0, 0), QString("150"));
}

// Members that fail (a learning rate of 1e30 makes every loss non-finite at step 1) are each
// recorded with the reason and what is kept; the process exits 3. (That a failing member leaves
// its neighbours' numbers untouched is tst_population's aMemberThatDivergesLeaves...: members
// of one population share every setting, so here all fail alike.)
void TestTrainerCli::aMemberThatFailsIsRecordedWithItsReason()
{
    QTemporaryDir dir;
    QJsonObject optimizer = QJsonDocument::fromJson(bytes(m_goodRun + "/config.json"))
                                .object()
                                .value("optimizer")
                                .toObject();
    optimizer.insert("g_lr", 1e30);
    optimizer.insert("d_lr", 1e30);
    const QString first = configWith(dir.filePath("a.json"), { { "optimizer", optimizer } });
    const QString second
        = configWith(dir.filePath("b.json"), { { "optimizer", optimizer }, { "seed", 4 } });
    const QString report = dir.filePath("report.json");
    const Result r = run({ "--member", first, dir.filePath("a"), "--member", second,
        dir.filePath("b"), "--report", report });
    QCOMPARE(r.exitCode, 3);
    const QJsonArray outcomes
        = QJsonDocument::fromJson(bytes(report)).object().value("members").toArray();
    QCOMPARE(outcomes.size(), 2);
    for (const QJsonValue& outcome : outcomes) {
        QCOMPARE(outcome.toObject().value("exit").toInt(), 3);
        const QString message = outcome.toObject().value("message").toString();
        QVERIFY2(message.contains("non-finite") && message.contains("no checkpoint was written"),
            qPrintable(message));
    }
    QVERIFY(QFile::exists(dir.filePath("a/config.json")));
}

void TestTrainerCli::memberInputIsCheckedBeforeAnythingIsWritten_data()
{
    QTest::addColumn<QString>("case_");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("a run flag") << "flag"
                                << "--seed: cannot be given with --member";
    QTest::newRow("one folder twice") << "twice"
                                      << "given for two members";
    QTest::newRow("another shape") << "shape"
                                   << "batch";
    QTest::newRow("a missing config") << "missing"
                                      << "missing.json";
    QTest::newRow("report alone") << "report"
                                  << "--report: only with --member";
    QTest::newRow("one folder twice, spelled apart") << "spelled"
                                                     << "given for two members";
    QTest::newRow("report over a member's file") << "report-inside"
                                                 << "would replace a file";
    QTest::newRow("report in a missing folder") << "report-nowhere"
                                                << "does not exist";
    QTest::newRow("more members than a population holds") << "many"
                                                          << "at most 256";
}

void TestTrainerCli::memberInputIsCheckedBeforeAnythingIsWritten()
{
    QFETCH(QString, case_);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    const QString good = m_goodRun + "/config.json";
    const QString a = dir.filePath("a");
    const QString b = dir.filePath("b");
    QStringList args;
    if (case_ == "flag")
        args = { "--member", good, a, "--seed", "4" };
    else if (case_ == "twice")
        args = { "--member", good, a, "--member", good, a };
    else if (case_ == "shape")
        args = { "--member", good, a, "--member",
            configWith(dir.filePath("wide.json"), { { "seed", 4 }, { "batch", 64 } }), b };
    else if (case_ == "missing")
        args = { "--member", good, a, "--member", dir.filePath("missing.json"), b };
    else if (case_ == "spelled")
        args = { "--member", good, a, "--member",
            configWith(dir.filePath("s.json"), { { "seed", 4 } }), a + "/" };
    else if (case_ == "report-inside")
        args = { "--member", good, a, "--report", a + "/checkpoint.pt" };
    else if (case_ == "report-nowhere")
        args = { "--member", good, a, "--report", dir.filePath("nowhere/r.json") };
    else if (case_ == "many")
        for (int m = 0; m < 257; ++m)
            args << "--member" << good << dir.filePath(QString("m%1").arg(m));
    else
        args = { "--preset", good, "--out", a, "--report", dir.filePath("r.json") };
    const Result r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    QVERIFY(!QFile::exists(a));
    QVERIFY(!QFile::exists(b));
    QVERIFY(!QFile::exists(dir.filePath("m0")));
}

void TestTrainerCli::anImageRunWritesItsImagesAndTheirJudgedClasses()
{
    if (!QFile::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"))
        QSKIP("Fashion-MNIST is not installed (Debian: dataset-fashion-mnist)");
    // The shipped preset on its first 256 images, k = 2 and small networks; a cache folder of
    // the test's own, so the judge is trained here (and says so).
    QFile presetFile(QString(MODESCOPE_PRESETS_DIR) + "/fashion-mnist.json");
    QVERIFY(presetFile.open(QIODevice::ReadOnly));
    QJsonObject preset = QJsonDocument::fromJson(presetFile.readAll()).object();
    QJsonObject images = preset.value("images").toObject();
    images.insert("limit", 256);
    preset.insert("images", images);
    preset.insert("generators", 2);
    preset.insert("generator", QJsonObject { { "hidden", QJsonArray { 32 } } });
    preset.insert("discriminator", QJsonObject { { "hidden", QJsonArray { 32 } } });
    preset.insert("iterations", 20);
    preset.insert("log_every", 10);
    preset.insert("samples", 16);
    const QString config = m_dir.filePath("images.json");
    QFile out(config);
    QVERIFY(out.open(QIODevice::WriteOnly) && out.write(QJsonDocument(preset).toJson()) > 0);
    out.close();
    const QString cache = m_dir.filePath("cache");
    const QString folder = m_dir.filePath("images-run");

    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MODESCOPE_PRESETS", MODESCOPE_PRESETS_DIR);
    env.insert("MODESCOPE_CACHE", cache);
    process.setProcessEnvironment(env);
    process.start(MODESCOPE_TRAIN_BINARY, { "--preset", config, "--out", folder });
    QVERIFY(process.waitForFinished(300000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(process.exitCode() == 0, qPrintable(err));
    QVERIFY2(err.contains("training the judge") && err.contains(cache), qPrintable(err));
    QVERIFY2(err.contains("balanced") && err.contains("/10"), qPrintable(err));
    QVERIFY(!QDir(cache).entryList({ "judge-*.pt" }, QDir::Files).isEmpty());

    // samples.csv: every image, generator by generator, with its judged class and its name.
    const QStringList samples = lines(folder + "/samples.csv");
    QCOMPARE(samples.value(0), QString("generator,image,class,class_name,probability"));
    QCOMPARE(samples.size(), 1 + 2 * 16);
    const QStringList names = { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
        "Shirt", "Sneaker", "Bag", "Ankle boot" };
    for (int r = 1; r < samples.size(); ++r) {
        const QStringList row = samples[r].split(',');
        QCOMPARE(row.size(), 5);
        QCOMPARE(row[0].toInt(), r <= 16 ? 1 : 2);
        QCOMPARE(row[1].toInt(), (r - 1) % 16);
        const int label = row[2].toInt();
        QVERIFY(label >= 0 && label < 10);
        QCOMPARE(row[3], names[label]);
        QVERIFY(row[4].toDouble() >= 0.1 && row[4].toDouble() <= 1.0);
    }
    // The PNGs: 16 images in rows of 8 (2 pixels apart), and a row of 10 real ones.
    auto pngSize = [this](const QString& file) {
        const QByteArray png = bytes(file);
        if (!png.startsWith("\x89PNG\r\n\x1a\n") || png.size() < 24)
            return QSize();
        auto number = [&png](int at) {
            return (static_cast<uchar>(png[at]) << 24) | (static_cast<uchar>(png[at + 1]) << 16)
                | (static_cast<uchar>(png[at + 2]) << 8) | static_cast<uchar>(png[at + 3]);
        };
        return QSize(number(16), number(20));
    };
    QCOMPARE(pngSize(folder + "/samples/generator-01.png"), QSize(8 * 30 + 2, 2 * 30 + 2));
    QCOMPARE(pngSize(folder + "/samples/generator-02.png"), QSize(8 * 30 + 2, 2 * 30 + 2));
    QCOMPARE(pngSize(folder + "/samples/real.png"), QSize(10 * 30 + 2, 30 + 2));
    QVERIFY(!QFile::exists(folder + "/density.csv")); // images have no density
    const QStringList metrics = lines(folder + "/metrics.csv");
    QCOMPARE(metrics.size(), 1 + 2); // steps 10 and 20
    // k = 2: iteration, d_loss, g_loss_1, g_loss_2, sim_on, sim_hinge, sim_violation_rate,
    // samples, hq_fraction, modes_captured, modes_balanced (10), reverse_kl, chi_square (12).
    const int balanced = metrics.last().split(',').value(10).toInt();
    QVERIFY(balanced >= 0 && balanced <= 10);
    QCOMPARE(metrics.last().split(',').value(12), QString("nan")); // no histogram of images
    QCOMPARE(metrics.last().split(',').value(7), QString("16")); // images judged a generator
}

void TestTrainerCli::imageRunsStartingTogetherTrainTheJudgeOnce()
{
    // A sweep starts its runs together: the first to reach the judge trains it, the others wait
    // on the cache's lock and load it (none prints the judge's progress).
    const QString config = m_dir.filePath("images.json"); // the previous test's small preset
    if (!QFile::exists(config))
        QSKIP("needs anImageRunWritesItsImagesAndTheirJudgedClasses's preset (Fashion-MNIST)");
    const QString cache = m_dir.filePath("cache-together");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MODESCOPE_PRESETS", MODESCOPE_PRESETS_DIR);
    env.insert("MODESCOPE_CACHE", cache);
    std::vector<std::unique_ptr<QProcess>> runs;
    for (int r = 0; r < 3; ++r) {
        runs.push_back(std::make_unique<QProcess>());
        runs.back()->setProcessEnvironment(env);
        runs.back()->start(MODESCOPE_TRAIN_BINARY,
            { "--preset", config, "--iterations", "1", "--seed", QString::number(r + 1) });
    }
    int trained = 0;
    for (auto& run : runs) {
        QVERIFY(run->waitForFinished(300000));
        const QString err = QString::fromUtf8(run->readAllStandardError());
        QVERIFY2(run->exitCode() == 0, qPrintable(err));
        trained += err.contains("training the judge");
    }
    QCOMPARE(trained, 1);
}

void TestTrainerCli::interruptWhileTheJudgeTrainsExits130AndWritesNothing()
{
    // The whole training set's judge takes minutes: SIGTERM once its progress shows stops it
    // within a batch, as an interrupt stops a run, but before the first step: no run folder,
    // no judge in the cache.
    if (!QFile::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"))
        QSKIP("Fashion-MNIST is not installed");
    const QString cache = m_dir.filePath("cache-interrupted");
    const QString folder = m_dir.filePath("interrupted-run");
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MODESCOPE_PRESETS", MODESCOPE_PRESETS_DIR);
    env.insert("MODESCOPE_CACHE", cache);
    process.setProcessEnvironment(env);
    process.start(MODESCOPE_TRAIN_BINARY,
        { "--preset", "fashion-mnist", "--iterations", "10", "--out", folder });
    QVERIFY(process.waitForStarted());
    QString err;
    QTRY_VERIFY_WITH_TIMEOUT(
        (err += QString::fromUtf8(process.readAllStandardError())).contains("training the judge"),
        120000);
    process.terminate(); // SIGTERM; SIGINT takes the same path
    QVERIFY(process.waitForFinished(120000));
    err += QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit); // not killed by the signal
    QCOMPARE(process.exitCode(), 130);
    QVERIFY2(
        err.contains("interrupted before the first step; nothing was written"), qPrintable(err));
    QVERIFY(!QFileInfo::exists(folder));
    QCOMPARE(QDir(cache).entryList({ "judge-*.pt" }, QDir::Files), QStringList());
}

QTEST_GUILESS_MAIN(TestTrainerCli)
#include "tst_trainercli.moc"
