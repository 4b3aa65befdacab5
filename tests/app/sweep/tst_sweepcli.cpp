// modescope-sweep as a researcher runs it: a plan's runs trained here, two at a time; finished
// runs skipped on the next `run`; another plan refused on the same folder; a failed run
// recorded while the others go on; Ctrl-C saving and `run` resuming; the report's files; the
// Slurm script for the runs still to do, and a task run by index.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <csignal>

#include "modescope/io/RunFolder.h"

using namespace modescope;

class TestSweepCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void runsEveryRunAndSkipsThemNextTime();
    void anotherPlanOnTheSameFolderIsRefused();
    void reportSummarisesFromEachRunsSamples();
    void failedRunIsRecordedAndTheOthersGoOn();
    void interruptSavesAndRunResumes();
    void slurmScriptCoversTheRunsStillToDo();
    void aDiskThatFillsLosesNoRun_data();
    void killedAtAnyMomentItResumesToTheSameResults();
    void aSlurmTaskKilledAtAnyMomentResumesToTheSameResults();
    void aDiskThatFillsLosesNoRun();
    void populationsTrainTheSameRunsAsOneProcessEach();
    void anInterruptedPopulationResumes();
    void theLongestRunsStartFirst();

private:
    struct Result {
        int exitCode;
        QString out;
        QString err;
    };
    // `fullAfter` >= 0: each process may write that many bytes to files, then the disk is full
    // (support/FullDisk.cpp: the sweep and every modescope-train it starts, each on its own).
    Result sweep(const QStringList& args, int timeoutMs = 300000, qint64 fullAfter = -1);
    // Starts modescope-sweep in the background (to be interrupted).
    static void startSweep(QProcess& process, const QStringList& args);
    QString writePlan(const QString& name, const QString& text);
    static QString read(const QString& file);
    // results.csv's rows without the clock's columns (wall_seconds, cure_seconds).
    static QStringList timeless(const QString& file);
    QTemporaryDir m_dir;
    QString m_plan; // 2 methods x 2 seeds, tiny networks
    QString m_out;
};

TestSweepCli::Result TestSweepCli::sweep(const QStringList& args, int timeoutMs, qint64 fullAfter)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MODESCOPE_PRESETS", MODESCOPE_PRESETS_DIR);
#ifdef MODESCOPE_FULL_DISK
    if (fullAfter >= 0) {
        env.insert("LD_PRELOAD", MODESCOPE_FULL_DISK);
        env.insert("MODESCOPE_FULL_DISK_AFTER", QString::number(fullAfter));
    }
#else
    Q_UNUSED(fullAfter);
#endif
    process.setProcessEnvironment(env);
    process.start(MODESCOPE_SWEEP_BINARY, args);
    if (!process.waitForFinished(timeoutMs))
        qFatal("modescope-sweep did not finish");
    return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

void TestSweepCli::startSweep(QProcess& process, const QStringList& args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MODESCOPE_PRESETS", MODESCOPE_PRESETS_DIR);
    process.setProcessEnvironment(env);
    process.start(MODESCOPE_SWEEP_BINARY, args);
}

QString TestSweepCli::writePlan(const QString& name, const QString& text)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0)
        qFatal("cannot write a plan");
    return path;
}

// The rows in a run folder's metrics.csv so far (0 while it has none).
int readRunFolderRowsOrZero(const QString& dir)
{
    QFile f(dir + "/metrics.csv");
    return f.open(QIODevice::ReadOnly) ? std::max(0, int(f.readAll().count('\n')) - 1) : 0;
}

QString TestSweepCli::read(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QStringList TestSweepCli::timeless(const QString& file)
{
    QStringList rows = read(file).trimmed().split('\n');
    for (QString& row : rows) {
        QStringList fields = row.split(',');
        if (fields.size() > 15) { // "run" is quoted and holds a comma: name, then 14 columns
            fields.removeAt(fields.size() - 1); // cure_seconds
            fields.removeAt(5); // wall_seconds
        }
        row = fields.join(',');
    }
    return rows;
}

void TestSweepCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_plan = writePlan("tiny.json", R"({
      "name": "tiny", "base": "seed-3mode",
      "set": {"iterations": 60, "log_every": 30, "samples": 100,
              "generator": {"hidden": [16]}, "discriminator": {"hidden": [16]}},
      "axes": {"method": ["gan", "madgan-sim"], "seed": [1, 2]}})");
    m_out = m_dir.filePath("tiny");
    const Result r = sweep({ "run", m_plan, "--out", m_out, "--jobs", "2" });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
}

void TestSweepCli::runsEveryRunAndSkipsThemNextTime()
{
    const QStringList names { "method=gan,seed=1", "method=gan,seed=2", "method=madgan-sim,seed=1",
        "method=madgan-sim,seed=2" };
    QCOMPARE(QDir(m_out + "/runs").entryList(QDir::Dirs | QDir::NoDotAndDotDot), names);
    for (const QString& name : names) {
        // Each is an ordinary run folder that modescope-train --resume and the window open.
        const StoredRun run = readRunFolder((m_out + "/runs/" + name).toStdString());
        QCOMPARE(run.rows.back().losses.iteration, 60LL);
        QVERIFY(read(m_out + "/state/" + name + ".json").contains("\"status\": \"done\""));
    }
    QVERIFY(QFile::exists(m_out + "/plan.json"));
    const Result again = sweep({ "run", m_plan, "--out", m_out });
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.err.contains("4 done, 0 failed, 0 to run"), qPrintable(again.err));
    // Started once each: the log holds one start line.
    QCOMPARE(read(m_out + "/logs/method=gan,seed=1.log").count("== modescope-sweep"), 1);
    const Result status = sweep({ "status", m_out });
    QVERIFY2(status.out.contains("4 runs: 4 done, 0 running, 0 failed"), qPrintable(status.out));
}

void TestSweepCli::anotherPlanOnTheSameFolderIsRefused()
{
    QString text = read(m_plan);
    text.replace("[1, 2]", "[1, 2, 3]");
    const Result r = sweep({ "run", writePlan("tiny3.json", text), "--out", m_out });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(m_out + ": holds another sweep"), qPrintable(r.err));
    QVERIFY(!QDir(m_out + "/runs/method=gan,seed=3").exists());
    // A folder with other files is no sweep folder either.
    QVERIFY(QDir().mkpath(m_dir.filePath("other")));
    QFile(m_dir.filePath("other/notes.txt")).open(QIODevice::WriteOnly);
    const Result other = sweep({ "run", m_plan, "--out", m_dir.filePath("other") });
    QCOMPARE(other.exitCode, 2);
    QVERIFY2(other.err.contains("holds no sweep"), qPrintable(other.err));
}

void TestSweepCli::reportSummarisesFromEachRunsSamples()
{
    const Result r = sweep({ "report", m_out });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList results = read(m_out + "/results.csv").trimmed().split('\n');
    QCOMPARE(results.size(), 1 + 4);
    QVERIFY2(results[0].startsWith("run,method,seed,step,wall_seconds,samples,modes,hq_fraction,"),
        qPrintable(results[0]));
    // Recomputed from samples.csv at N = 100, they match the run's own last metrics.csv row.
    // The run's name holds a comma, so it is quoted: read the fields after it.
    QVERIFY(results[1].startsWith("\"method=gan,seed=1\","));
    const QStringList row = results[1].section('"', 2).split(','); // "", method, seed, step...
    // metrics.csv of gan (k = 1): iteration, d_loss, g_loss_1, sim_on, sim_hinge,
    // sim_violation_rate, samples, hq_fraction, modes_captured, modes_balanced, ..., kl_hist.
    const QStringList last = read(m_out + "/runs/method=gan,seed=1/metrics.csv")
                                 .trimmed()
                                 .split('\n')
                                 .last()
                                 .split(',');
    QCOMPARE(row.value(1), QString("gan"));
    QCOMPARE(row.value(3), QString("60")); // step
    QCOMPARE(row.value(5), QString("100")); // samples
    QCOMPARE(row.value(7).toDouble(), last.value(7).toDouble()); // hq_fraction
    QCOMPARE(row.value(9).toInt(), last.value(9).toInt()); // modes_balanced
    QVERIFY(std::abs(row.value(12).toDouble() - last.value(12).toDouble()) < 1e-4); // kl_hist
    const QStringList summary = read(m_out + "/summary.csv").trimmed().split('\n');
    QCOMPARE(summary.size(), 1 + 2); // gan and madgan-sim, seeds pooled
    QVERIFY(summary[1].startsWith("gan,2,"));
    QVERIFY(read(m_out + "/summary.md").contains("4 of 4 runs finished"));
    QCOMPARE(r.out, read(m_out + "/summary.md"));
    // A figure per metric, SVG and PNG: every run a point.
    QCOMPARE(read(m_out + "/figures/modes_balanced.svg").count("<circle"), 4);
    QFile png(m_out + "/figures/hq_fraction.png");
    QVERIFY(png.open(QIODevice::ReadOnly));
    QVERIFY(png.read(8) == QByteArray("\x89PNG\r\n\x1a\n", 8));
}

void TestSweepCli::failedRunIsRecordedAndTheOthersGoOn()
{
    const QString plan = writePlan("fails.json", R"({
      "name": "fails", "base": "seed-3mode",
      "set": {"iterations": 40, "log_every": 20, "samples": 50,
              "generator": {"hidden": [8]}, "discriminator": {"hidden": [8]}},
      "axes": {"device": ["cuda", "cpu"]}})");
    const QString out = m_dir.filePath("fails");
    const Result r = sweep({ "run", plan, "--out", out, "--jobs", "1" });
    if (r.exitCode == 0)
        QSKIP("this machine has CUDA: the cuda run did not fail");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("failed: device=cuda: exit 2: modescope-train: device: cuda"),
        qPrintable(r.err));
    QVERIFY(read(out + "/state/device=cpu.json").contains("\"status\": \"done\""));
    const QString state = read(out + "/state/device=cuda.json");
    QVERIFY2(state.contains("\"status\": \"failed\"") && state.contains("\"exit_code\": 2"),
        qPrintable(state));
    const Result status = sweep({ "status", out });
    QVERIFY2(status.out.contains("failed: device=cuda (exit 2)"), qPrintable(status.out));
    const Result report = sweep({ "report", out });
    QVERIFY2(report.out.contains("- device=cuda: failed (exit 2"), qPrintable(report.out));
    QCOMPARE(read(out + "/results.csv").trimmed().split('\n').size(), 1 + 1);
    // A finished run whose samples.csv was emptied is named as damaged, not averaged in as 0.
    QFile samples(out + "/runs/device=cpu/samples.csv");
    QVERIFY(samples.open(QIODevice::WriteOnly | QIODevice::Truncate));
    samples.write("generator,x\n");
    samples.close();
    const Result damaged = sweep({ "report", out });
    QCOMPARE(damaged.exitCode, 0);
    QVERIFY2(damaged.out.contains("- device=cpu: done, but its files are damaged"),
        qPrintable(damaged.out));
    QVERIFY(damaged.out.contains("0 of 2 runs finished"));
    // Nor submitted to Slurm: nothing is left to submit, and the message says why.
    const Result slurm = sweep({ "run", plan, "--out", out, "--executor", "slurm", "--dry-run" });
    QCOMPARE(slurm.exitCode, 0);
    QVERIFY2(slurm.err.contains("nothing to submit: every run is done but 1 failed "
                                "(--retry-failed submits those again)"),
        qPrintable(slurm.err));
    QVERIFY(!QFile::exists(out + "/sweep.sbatch"));
    // A failed run is not retried unless asked.
    QCOMPARE(sweep({ "run", plan, "--out", out }).exitCode, 1);
    QCOMPARE(read(out + "/logs/device=cuda.log").count("== modescope-sweep"), 1);
    sweep({ "run", plan, "--out", out, "--retry-failed" });
    QCOMPARE(read(out + "/logs/device=cuda.log").count("== modescope-sweep"), 2);
}

void TestSweepCli::interruptSavesAndRunResumes()
{
    const QString plan = writePlan("long.json", R"({
      "name": "long", "base": "seed-3mode",
      "set": {"iterations": 20000, "log_every": 500, "samples": 50,
              "generator": {"hidden": [8]}, "discriminator": {"hidden": [8]}},
      "axes": {"seed": [1]}})");
    const QString out = m_dir.filePath("long");
    QProcess process;
    startSweep(process, { "run", plan, "--out", out, "--jobs", "1" });
    QVERIFY(process.waitForStarted());
    // Once the run has logged its first rows, Ctrl-C the sweep.
    QTRY_VERIFY_WITH_TIMEOUT(read(out + "/logs/seed=1.log").contains("step 1000/"), 120000);
    // A second `run` on the folder meanwhile is refused: it would train the same run twice.
    const Result second = sweep({ "run", plan, "--out", out });
    QCOMPARE(second.exitCode, 2);
    QVERIFY2(second.err.contains("another modescope-sweep is running this sweep"),
        qPrintable(second.err));
    ::kill(static_cast<pid_t>(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(120000));
    QCOMPARE(process.exitCode(), 130);
    QVERIFY(read(out + "/state/seed=1.json").contains("\"status\": \"interrupted\""));
    QVERIFY(QFile::exists(out + "/runs/seed=1/checkpoint.pt"));
    const Result again = sweep({ "run", plan, "--out", out });
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QVERIFY(read(out + "/logs/seed=1.log").contains("--resume"));
    const StoredRun run = readRunFolder((out + "/runs/seed=1").toStdString());
    QCOMPARE(run.rows.back().losses.iteration, 20000LL);
    QCOMPARE(run.rows.size(), size_t(20000 / 500)); // no row lost, none twice
}

void TestSweepCli::slurmScriptCoversTheRunsStillToDo()
{
    const QString out = m_dir.filePath("slurm");
    const Result r = sweep({ "run", m_plan, "--out", out, "--executor", "slurm", "--dry-run",
        "--max-concurrent", "2", "--time", "0:10:00", "--cpus-per-task", "2" });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString script = read(out + "/sweep.sbatch");
    QVERIFY2(script.contains("#SBATCH --array=0-3%2\n"), qPrintable(script));
    QVERIFY(script.contains("#SBATCH --time=0:10:00\n"));
    QVERIFY(script.contains(" task '" + QDir(out).absolutePath() + "' \"$SLURM_ARRAY_TASK_ID\""));
    // A task runs its run by index, as a node would.
    QProcess task;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("SLURM_ARRAY_TASK_ID", "1");
    env.insert("SLURM_CPUS_PER_TASK", "1");
    task.setProcessEnvironment(env);
    task.start(MODESCOPE_SWEEP_BINARY, { "task", out });
    QVERIFY(task.waitForFinished(120000));
    QCOMPARE(task.exitCode(), 0);
    const QString doneState = read(out + "/state/method=gan,seed=2.json");
    QVERIFY(doneState.contains("\"status\": \"done\""));
    // A task for a run that is done leaves it as it is (its wall time included).
    task.start(MODESCOPE_SWEEP_BINARY, { "task", out });
    QVERIFY(task.waitForFinished(120000));
    QCOMPARE(task.exitCode(), 0);
    QCOMPARE(read(out + "/state/method=gan,seed=2.json"), doneState);
    // The next submission asks only for the runs still to do.
    sweep({ "run", m_plan, "--out", out, "--executor", "slurm", "--dry-run" });
    QVERIFY2(read(out + "/sweep.sbatch").contains("#SBATCH --array=0,2-3\n"),
        qPrintable(read(out + "/sweep.sbatch")));
    // Once every run is done there is nothing to submit, and the last script (naming runs now
    // done) is gone rather than left to be submitted again.
    for (const QString& index : { "0", "2", "3" }) {
        env.insert("SLURM_ARRAY_TASK_ID", index);
        task.setProcessEnvironment(env);
        task.start(MODESCOPE_SWEEP_BINARY, { "task", out });
        QVERIFY(task.waitForFinished(120000));
        QCOMPARE(task.exitCode(), 0);
    }
    const Result none = sweep({ "run", m_plan, "--out", out, "--executor", "slurm", "--dry-run" });
    QCOMPARE(none.exitCode, 0);
    QVERIFY2(none.err.contains("every run is done; nothing to submit"), qPrintable(none.err));
    QVERIFY(!QFile::exists(out + "/sweep.sbatch"));
}

void TestSweepCli::aDiskThatFillsLosesNoRun_data()
{
    QTest::addColumn<qint64>("budget");
    // Each process's share before the disk fills: nothing; the plan and configs but not every
    // run's state; past the sweep's own files, inside each run's (a run's checkpoint is ~20 KB).
    QTest::newRow("nothing fits") << qint64(0);
    QTest::newRow("in the sweep's files") << qint64(3000);
    QTest::newRow("in the runs' files") << qint64(12000);
}

void TestSweepCli::aDiskThatFillsLosesNoRun()
{
#ifndef MODESCOPE_FULL_DISK
    QSKIP("no full-disk interposer in a sanitizer build");
#else
    QFETCH(qint64, budget);
    QTemporaryDir dir;
    const QString out = dir.filePath("sweep");
    const Result full = sweep({ "run", m_plan, "--out", out, "--jobs", "2" }, 300000, budget);
    // Never a crash: 4 (its own files could not be written, the message names one) or 1 (runs
    // failed, each recorded); nothing half-written left under a final name.
    QVERIFY2(full.exitCode == 4 || full.exitCode == 1, qPrintable(full.err));
    if (full.exitCode == 4)
        QVERIFY2(full.err.contains(out), qPrintable(full.err));
    QDirIterator files(out, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext())
        QVERIFY2(!files.next().contains(".partial"), qPrintable(files.filePath()));
    // Space returns: the same command (failed runs retried) finishes every run, each once, and
    // the report holds each run once.
    const Result again = sweep({ "run", m_plan, "--out", out, "--jobs", "2", "--retry-failed" });
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QVERIFY2(again.err.contains("4 done, 0 failed"), qPrintable(again.err));
    QCOMPARE(sweep({ "report", out }).exitCode, 0);
    const QStringList results = read(out + "/results.csv").trimmed().split('\n');
    QCOMPARE(results.size(), 1 + 4);
    for (const QString& name : { "method=gan,seed=1", "method=madgan-sim,seed=2" }) {
        const StoredRun run = readRunFolder((out + "/runs/" + name).toStdString());
        QCOMPARE(run.rows.back().losses.iteration, 60LL);
        QCOMPARE(run.rows.size(), size_t(2)); // steps 30 and 60, each once
    }
#endif
}

void TestSweepCli::killedAtAnyMomentItResumesToTheSameResults()
{
    // The tiny sweep, killed with SIGKILL (the sweep and the trainers it started, its whole
    // process group) three times at random moments, then run to the end: every run done once,
    // and the results those of the sweep that was never killed (initTestCase's), but for the
    // clock columns. The moments are printed, so a failure can be replayed.
    QTemporaryDir dir;
    const QString out = dir.filePath("killed");
    QRandomGenerator random(QRandomGenerator::global()->generate());
    for (int kill = 0; kill < 3; ++kill) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("MODESCOPE_PRESETS", MODESCOPE_PRESETS_DIR);
        process.setProcessEnvironment(env);
        process.setChildProcessModifier([] { setpgid(0, 0); }); // its own group, to kill whole
        process.start(MODESCOPE_SWEEP_BINARY, { "run", m_plan, "--out", out, "--jobs", "2" });
        QVERIFY(process.waitForStarted());
        const int afterMs = 100 + static_cast<int>(random.bounded(2500));
        qInfo("SIGKILL %d after %d ms", kill + 1, afterMs);
        const qint64 group = process.processId(); // its group's id too (setpgid above)
        QVERIFY(group > 0);
        QTest::qWait(afterMs);
        if (process.state() == QProcess::Running) // else it finished first: nothing to kill
            ::kill(-static_cast<pid_t>(group), SIGKILL); // never kill(0): our own group
        QVERIFY(process.state() == QProcess::NotRunning || process.waitForFinished(60000));
        // Nothing runs now, whatever the state files say: a run killed mid-way is shown as
        // interrupted (`run` resumes it), never as running.
        if (QFile::exists(out + "/plan.json")) { // else killed before it wrote the plan
            const Result status = sweep({ "status", out });
            QVERIFY2(status.out.contains(" 0 running,") && !status.out.contains("running:"),
                qPrintable(status.out + status.err));
        }
    }
    const Result last = sweep({ "run", m_plan, "--out", out, "--jobs", "2", "--retry-failed" });
    QVERIFY2(last.exitCode == 0, qPrintable(last.err));
    QVERIFY2(last.err.contains("4/4 done, 0 failed") || last.err.contains("4 done, 0 failed"),
        qPrintable(last.err));
    QCOMPARE(sweep({ "report", out }).exitCode, 0);
    QCOMPARE(sweep({ "report", m_out }).exitCode, 0);
    const QStringList killed = timeless(out + "/results.csv");
    QCOMPARE(killed.size(), 1 + 4);
    QCOMPARE(killed, timeless(m_out + "/results.csv"));
}

void TestSweepCli::aSlurmTaskKilledAtAnyMomentResumesToTheSameResults()
{
    // As a node would run them (`task DIR` with SLURM_ARRAY_TASK_ID), the tiny sweep's tasks
    // killed with SIGKILL (the task and its trainer, as Slurm's time limit or scancel -s KILL
    // does) at random moments, printed to replay; then the script written for the next
    // submission names every task not done, and running those finishes every run once, with
    // the results of the sweep never killed (initTestCase's) but for the clock's columns.
    QTemporaryDir dir;
    const QString out = dir.filePath("slurm-killed");
    const Result prepared
        = sweep({ "run", m_plan, "--out", out, "--executor", "slurm", "--dry-run" });
    QVERIFY2(prepared.exitCode == 0, qPrintable(prepared.err));
    // The BLAS threads of initTestCase's sweep (--jobs 2): results depend on them.
    const QString cpus = QString::number(std::max(1, QThread::idealThreadCount() / 2));
    const auto startTask = [&](QProcess& task, int index) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("MODESCOPE_PRESETS", MODESCOPE_PRESETS_DIR);
        env.insert("SLURM_ARRAY_TASK_ID", QString::number(index));
        env.insert("SLURM_CPUS_PER_TASK", cpus);
        task.setProcessEnvironment(env);
        task.setChildProcessModifier([] { setpgid(0, 0); }); // its own group, to kill whole
        task.start(MODESCOPE_SWEEP_BINARY, { "task", out });
    };
    QRandomGenerator random(QRandomGenerator::global()->generate());
    for (int kill = 0; kill < 4; ++kill) {
        const int index = static_cast<int>(random.bounded(4));
        const int afterMs = 50 + static_cast<int>(random.bounded(1500));
        qInfo("task %d: SIGKILL after %d ms", index, afterMs);
        QProcess task;
        startTask(task, index);
        QVERIFY(task.waitForStarted());
        const qint64 group = task.processId();
        QVERIFY(group > 0);
        QTest::qWait(afterMs);
        if (task.state() == QProcess::Running) // else it finished first: nothing to kill
            ::kill(-static_cast<pid_t>(group), SIGKILL);
        QVERIFY(task.state() == QProcess::NotRunning || task.waitForFinished(60000));
    }
    // The next submission: the tasks still to do, a killed one among them.
    QCOMPARE(
        sweep({ "run", m_plan, "--out", out, "--executor", "slurm", "--dry-run" }).exitCode, 0);
    const QString script = read(out + "/sweep.sbatch");
    const QRegularExpression arrayLine("#SBATCH --array=([0-9,-]+)\n");
    const QRegularExpressionMatch array = arrayLine.match(script);
    std::vector<int> toDo;
    if (array.hasMatch())
        for (const QString& part : array.captured(1).split(',')) {
            const QStringList range = part.split('-');
            for (int i = range.front().toInt(); i <= range.back().toInt(); ++i)
                toDo.push_back(i);
        }
    else // every task finished before its kill: no script is left naming done runs
        QVERIFY2(sweep({ "status", out }).out.contains("4 done") && script.isEmpty(),
            qPrintable(script));
    for (int index = 0; index < 4; ++index) {
        const bool listed = std::find(toDo.begin(), toDo.end(), index) != toDo.end();
        const QString state
            = read(out + "/state/" + QString(index < 2 ? "method=gan" : "method=madgan-sim")
                + ",seed=" + QString::number(index % 2 + 1) + ".json");
        QVERIFY2(listed == !state.contains("\"status\": \"done\""), qPrintable(script + state));
    }
    for (int index : toDo) {
        QProcess task;
        startTask(task, index);
        QVERIFY(task.waitForFinished(120000));
        QVERIFY2(task.exitCode() == 0, task.readAllStandardError().constData());
    }
    QVERIFY2(sweep({ "status", out }).out.contains("4 runs: 4 done, 0 running, 0 failed"),
        qPrintable(sweep({ "status", out }).out));
    QCOMPARE(sweep({ "report", out }).exitCode, 0);
    QCOMPARE(sweep({ "report", m_out }).exitCode, 0);
    const QStringList killed = timeless(out + "/results.csv");
    QCOMPARE(killed.size(), 1 + 4);
    QCOMPARE(killed, timeless(m_out + "/results.csv"));
}

// --population 2 trains the tiny plan's 2 x 2 runs as two populations (one per method): each
// run's folder holds the rows the one-process-per-run sweep of initTestCase wrote, to float
// rounding; the logs and states say which process trained it; Slurm tasks name populations.
void TestSweepCli::populationsTrainTheSameRunsAsOneProcessEach()
{
    const QString out = m_dir.filePath("populations");
    const Result r = sweep({ "run", m_plan, "--out", out, "--jobs", "2", "--population", "2" });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(
        r.err.contains("4 to run, 2 at once (in 2 populations of up to 2)"), qPrintable(r.err));
    const QStringList names { "method=gan,seed=1", "method=gan,seed=2", "method=madgan-sim,seed=1",
        "method=madgan-sim,seed=2" };
    for (const QString& name : names) {
        const StoredRun alone = readRunFolder((m_out + "/runs/" + name).toStdString());
        const StoredRun member = readRunFolder((out + "/runs/" + name).toStdString());
        QCOMPARE(member.rows.size(), alone.rows.size());
        for (size_t row = 0; row < alone.rows.size(); ++row) {
            const double want = alone.rows[row].losses.dLoss;
            const double got = member.rows[row].losses.dLoss;
            QVERIFY2(std::abs(got - want) <= 1e-3 * std::abs(want),
                qPrintable(
                    QString("%1 row %2: d_loss %3 vs %4").arg(name).arg(row).arg(got).arg(want)));
            QCOMPARE(member.rows[row].metrics.modesCaptured, alone.rows[row].metrics.modesCaptured);
        }
        QCOMPARE(member.config.population, 2);
        QVERIFY(read(out + "/state/" + name + ".json").contains("\"status\": \"done\""));
    }
    QVERIFY(read(out + "/logs/method=gan,seed=1.log").contains("--member"));
    QVERIFY2(read(out + "/logs/method=gan,seed=2.log")
                 .contains("trained in one population of 2 runs; their output: "),
        qPrintable(read(out + "/logs/method=gan,seed=2.log")));
    QCOMPARE(sweep({ "report", out }).exitCode, 0);
    QCOMPARE(read(out + "/results.csv").trimmed().split('\n').size(), 1 + 4);

    // Slurm: one task per population, each told the cap; a task trains its population.
    const QString slurm = m_dir.filePath("slurm-populations");
    const Result script = sweep(
        { "run", m_plan, "--out", slurm, "--executor", "slurm", "--dry-run", "--population", "2" });
    QVERIFY2(script.exitCode == 0, qPrintable(script.err));
    const QString text = read(slurm + "/sweep.sbatch");
    QVERIFY2(text.contains("#SBATCH --array=0-1\n"), qPrintable(text));
    QVERIFY2(text.contains("\"$SLURM_ARRAY_TASK_ID\" --population 2\n"), qPrintable(text));
    QProcess task;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("SLURM_ARRAY_TASK_ID", "1");
    env.insert("SLURM_CPUS_PER_TASK", "1");
    task.setProcessEnvironment(env);
    task.start(MODESCOPE_SWEEP_BINARY, { "task", slurm, "--population", "2" });
    QVERIFY(task.waitForFinished(120000));
    QCOMPARE(task.exitCode(), 0);
    QVERIFY(read(slurm + "/state/method=madgan-sim,seed=1.json").contains("\"status\": \"done\""));
    QVERIFY(read(slurm + "/state/method=madgan-sim,seed=2.json").contains("\"status\": \"done\""));
    QVERIFY(!QFile::exists(slurm + "/state/method=gan,seed=1.json")); // task 0's, not run
    sweep(
        { "run", m_plan, "--out", slurm, "--executor", "slurm", "--dry-run", "--population", "2" });
    QVERIFY2(read(slurm + "/sweep.sbatch").contains("#SBATCH --array=0\n"),
        qPrintable(read(slurm + "/sweep.sbatch")));
    // A plan may set the cap itself; a bad one is refused naming the field.
    const Result bad = sweep({ "run",
        writePlan("badpop.json",
            R"({"name": "b", "base": "seed-3mode", "population": 0, "axes": {"seed": [1]}})"),
        "--out", m_dir.filePath("badpop") });
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("\"population\" must be a whole number"), qPrintable(bad.err));
}

// Ctrl-C while a population trains: every member saves and is recorded interrupted; `run`
// again resumes them all, as one population, with no row lost or doubled.
void TestSweepCli::anInterruptedPopulationResumes()
{
    const QString plan = writePlan("longpop.json", R"({
      "name": "longpop", "base": "seed-3mode", "population": 2,
      "set": {"iterations": 4000, "log_every": 250, "samples": 50,
              "generator": {"hidden": [8]}, "discriminator": {"hidden": [8]}},
      "axes": {"seed": [1, 2]}})");
    const QString out = m_dir.filePath("longpop");
    QProcess process;
    startSweep(process, { "run", plan, "--out", out, "--jobs", "1" });
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(
        readRunFolderRowsOrZero(out + "/runs/seed=2") >= 2, 120000); // trained a while
    ::kill(static_cast<pid_t>(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(120000));
    QCOMPARE(process.exitCode(), 130);
    for (const char* name : { "seed=1", "seed=2" }) {
        QVERIFY2(read(out + "/state/" + name + ".json").contains("\"status\": \"interrupted\""),
            qPrintable(read(out + "/state/" + name + ".json")));
        QVERIFY(QFile::exists(out + "/runs/" + name + "/checkpoint.pt"));
        // As a run alone that is interrupted: its samples and densities at the step it stopped.
        QVERIFY(QFile::exists(out + "/runs/" + name + "/samples.csv"));
        QVERIFY(QFile::exists(out + "/runs/" + name + "/density.csv"));
    }
    const Result again = sweep({ "run", plan, "--out", out });
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QVERIFY2(read(out + "/logs/seed=1.log").contains("training 2 runs as one population from step"),
        qPrintable(read(out + "/logs/seed=1.log")));
    for (const char* name : { "seed=1", "seed=2" }) {
        const StoredRun run = readRunFolder((out + "/runs/" + name).toStdString());
        QCOMPARE(run.rows.back().losses.iteration, 4000LL);
        QCOMPARE(run.rows.size(), size_t(4000 / 250));
    }
}

// One at a time, the run with the most work (steps x the step's matrix products) starts
// first, whatever the plan's order: a long run started last leaves the other cores idle.
void TestSweepCli::theLongestRunsStartFirst()
{
    const QString plan = writePlan("order.json", R"({
      "name": "order", "base": "seed-3mode",
      "set": {"log_every": 20, "samples": 50,
              "generator": {"hidden": [8]}, "discriminator": {"hidden": [8]}},
      "axes": {"iterations": [20, 80, 40]}})");
    const Result r = sweep({ "run", plan, "--out", m_dir.filePath("order"), "--jobs", "1" });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const int first = r.err.indexOf("done 1/3: iterations=80");
    const int second = r.err.indexOf("done 2/3: iterations=40");
    const int third = r.err.indexOf("done 3/3: iterations=20");
    QVERIFY2(first >= 0 && second > first && third > second, qPrintable(r.err));
}

QTEST_MAIN(TestSweepCli)
#include "tst_sweepcli.moc"
