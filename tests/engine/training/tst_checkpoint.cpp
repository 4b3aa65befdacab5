// Checkpoint loading is all or nothing: a checkpoint that fails half-way (its generator loads,
// its discriminator does not) leaves the running trainer exactly as it was, still training G.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <sys/resource.h>

#include <csignal>

#include "support/SmallConfig.h"
#include "training/Networks.h"
#include "modescope/config/ConfigError.h"
#include "modescope/training/Trainer.h"

using namespace modescope;

using test::smallConfig;

class TestCheckpoint : public QObject
{
    Q_OBJECT
private slots:
    void halfLoadedCheckpointLeavesTheRunAsItWas();
    void failedWriteLeavesNoPartialFile();
    void fullDiskIsAnErrorNotAnAbort();
    void aStateKeptInMemoryReturnsTrainingToIt();
};

void TestCheckpoint::halfLoadedCheckpointLeavesTheRunAsItWas()
{
    const TrainConfig config = smallConfig();
    Trainer trainer(config);
    Trainer twin(config);
    for (int s = 0; s < 7; ++s) {
        trainer.step();
        twin.step();
    }

    // A checkpoint that claims this run's shape: a generator of the right shape, then a
    // discriminator with 2 heads where this run has k + 1 = 4.
    QTemporaryDir dir;
    const std::string file = (dir.path() + "/bad.pt").toStdString();
    {
        torch::serialize::OutputArchive archive, generator, discriminator;
        archive.write("format", c10::IValue(int64_t(2)));
        archive.write("shape",
            c10::IValue(std::string("method=madgan-sim k=3 noise=8 G=elu[16,16] "
                                    "D=leaky_relu[16,16]")));
        archive.write("iteration", c10::IValue(int64_t(1234)));
        archive.write("rng_state", at::detail::getDefaultCPUGenerator().get_state());
        engine::BatchedGenerator g(3, 8, config.generator, 1);
        engine::Discriminator d(1, config.discriminator, 2);
        g->save(generator);
        d->save(discriminator);
        archive.write("generator", generator);
        archive.write("discriminator", discriminator);
        archive.save_to(file);
    }
    const std::vector<float> before = trainer.flatParameters();
    try {
        trainer.loadCheckpoint(file);
        QFAIL("a half-matching checkpoint was loaded");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).contains("bad.pt"), e.what());
    }
    QCOMPARE(trainer.iteration(), 7LL);
    QVERIFY(trainer.flatParameters() == before);
    // Still the same run: the next steps (G's included) equal those of a twin never touched.
    for (int s = 0; s < 3; ++s) {
        trainer.step();
        twin.step();
    }
    QVERIFY(trainer.flatParameters() == twin.flatParameters());
    QVERIFY(trainer.flatParameters() != before);
}

void TestCheckpoint::failedWriteLeavesNoPartialFile()
{
    Trainer trainer(smallConfig());
    trainer.step();
    QTemporaryDir dir;
    // checkpoint.pt is a non-empty folder: the rename over it fails.
    QVERIFY(QDir(dir.path()).mkpath("checkpoint.pt/inside"));
    try {
        trainer.saveCheckpoint((dir.path() + "/checkpoint.pt").toStdString());
        QFAIL("wrote a checkpoint over a folder");
    } catch (const IoError& e) {
        QVERIFY2(QString(e.what()).contains("checkpoint.pt"), e.what());
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
}

void TestCheckpoint::fullDiskIsAnErrorNotAnAbort()
{
    // A file-size limit turns every write past it into EFBIG, as a full disk gives ENOSPC
    // (SIGXFSZ ignored, so the write fails instead of killing the process). LibTorch's own file
    // writer aborted the process here (issue 26); the checkpoint must fail as IoError, keep the
    // previous checkpoint and leave no partial file.
    Trainer trainer(smallConfig());
    trainer.step();
    QTemporaryDir dir;
    const std::string file = (dir.path() + "/checkpoint.pt").toStdString();
    trainer.saveCheckpoint(file);
    const QByteArray before = [&] {
        QFile f(QString::fromStdString(file));
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }();
    QVERIFY(before.size() > 8192);
    trainer.step();

    struct rlimit saved {
    };
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = saved;
    small.rlim_cur = 4096; // bytes: far below a checkpoint
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    QString message;
    try {
        trainer.saveCheckpoint(file);
    } catch (const IoError& e) {
        message = e.what();
    }
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);

    QVERIFY2(message.contains("checkpoint.pt: cannot be written"), qPrintable(message));
    QFile kept(QString::fromStdString(file));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), before); // the previous checkpoint, untouched
    QCOMPARE(
        QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { "checkpoint.pt" });
    // Once space returns the same trainer saves, and the file loads.
    trainer.saveCheckpoint(file);
    Trainer reloaded(smallConfig());
    reloaded.loadCheckpoint(file);
    QCOMPARE(reloaded.iteration(), 2LL);
}

// The window's fallback (TrainingWorker::keepLastGood): the checkpoint kept in memory puts the
// run back at its step, and the steps after it repeat exactly; it is the file's bytes; bytes
// that are not a checkpoint are refused by the name given, the run left as it was.
void TestCheckpoint::aStateKeptInMemoryReturnsTrainingToIt()
{
    Trainer trainer(smallConfig());
    for (int s = 0; s < 5; ++s)
        trainer.step();
    std::string kept = "an earlier state's bytes, replaced";
    trainer.checkpointInto(kept);
    for (int s = 0; s < 4; ++s)
        trainer.step();
    const std::vector<float> afterNine = trainer.flatParameters();
    trainer.loadCheckpointBytes(kept, "the kept state");
    QCOMPARE(trainer.iteration(), 5LL);
    for (int s = 0; s < 4; ++s)
        trainer.step();
    QCOMPARE(trainer.iteration(), 9LL);
    QVERIFY(trainer.flatParameters() == afterNine);

    QTemporaryDir dir;
    const std::string file = (dir.path() + "/run.pt").toStdString();
    trainer.saveCheckpoint(file);
    Trainer fromFile(smallConfig());
    fromFile.loadCheckpoint(file);
    Trainer fromBytes(smallConfig());
    std::string bytes;
    trainer.checkpointInto(bytes);
    fromBytes.loadCheckpointBytes(bytes, "bytes");
    QVERIFY(fromFile.flatParameters() == fromBytes.flatParameters());
    QCOMPARE(fromBytes.iteration(), 9LL);

    std::string damaged = kept.substr(0, kept.size() / 2);
    try {
        trainer.loadCheckpointBytes(damaged, "the kept state");
        QFAIL("half a checkpoint was loaded");
    } catch (const ConfigError& e) {
        QVERIFY2(QString(e.what()).startsWith("the kept state: unreadable checkpoint"), e.what());
    }
    QCOMPARE(trainer.iteration(), 9LL);
    QVERIFY(trainer.flatParameters() == afterNine);
}

QTEST_APPLESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
