// A folder replaced whole (StagedFolder): the new files in place of the old, what the old held
// besides carried over, nothing left of the stage; abandoned, the old folder as it was; a
// stage left by a killed save removed by the next.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "modescope/config/ConfigError.h"
#include "modescope/io/StagedFolder.h"

using namespace modescope;
namespace fs = std::filesystem;

class TestStagedFolder : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void aNewFolderAppearsWhole();
    void anOldFolderIsReplacedAndKeepsWhatTheNewLacks();
    void abandonedTheOldFolderIsAsItWas();
    void skippedEntriesAreNotCarried();
    void aStageLeftByAKilledSaveIsRemoved();
    void theFolderKeepsItsPermissions();
    void aLinkIsSavedThrough_data();
    void aLinkIsSavedThrough();
    void aTargetUnderAFileIsRefusedNamingIt();

private:
    QTemporaryDir m_dir;
    fs::path m_root;
};

namespace
{
void write(const fs::path& file, const std::string& text)
{
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
}

std::string read(const fs::path& file)
{
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The entries of `dir` (its top level), sorted.
QStringList entries(const fs::path& dir)
{
    QStringList names;
    for (const auto& entry : fs::directory_iterator(dir))
        names << QString::fromStdString(entry.path().filename().string());
    names.sort();
    return names;
}
} // namespace

void TestStagedFolder::init()
{
    QVERIFY(m_dir.isValid());
    m_root = fs::path(m_dir.path().toStdString()) / QTest::currentTestFunction();
    if (QTest::currentDataTag())
        m_root /= QTest::currentDataTag();
    fs::create_directories(m_root);
}

void TestStagedFolder::aNewFolderAppearsWhole()
{
    const fs::path target = m_root / "run";
    {
        StagedFolder folder(target);
        QVERIFY(folder.staged());
        write(folder.stage() / "config.json", "new config");
        QVERIFY(!fs::exists(target)); // nothing under the final name before the commit
        folder.commit();
        QCOMPARE(folder.inTarget(folder.stage() / "config.json"), target / "config.json");
    }
    QCOMPARE(read(target / "config.json"), std::string("new config"));
    QCOMPARE(entries(m_root), QStringList { "run" }); // no stage left beside it
}

void TestStagedFolder::anOldFolderIsReplacedAndKeepsWhatTheNewLacks()
{
    const fs::path target = m_root / "run";
    write(target / "config.json", "old config");
    write(target / "checkpoint.pt", "old checkpoint");
    write(target / "density.png", "a figure exported here before");
    write(target / "notes/idea.txt", "the user's own note");
    {
        StagedFolder folder(target);
        write(folder.stage() / "config.json", "new config");
        write(folder.stage() / "checkpoint.pt", "new checkpoint");
        // Until the commit the old folder is whole: a kill here loses nothing.
        QCOMPARE(read(target / "checkpoint.pt"), std::string("old checkpoint"));
        folder.commit();
        QCOMPARE(read(target / "checkpoint.pt"), std::string("new checkpoint"));
    }
    QCOMPARE(read(target / "config.json"), std::string("new config"));
    QCOMPARE(read(target / "density.png"), std::string("a figure exported here before"));
    QCOMPARE(read(target / "notes/idea.txt"), std::string("the user's own note"));
    QCOMPARE(
        entries(target), (QStringList { "checkpoint.pt", "config.json", "density.png", "notes" }));
    QCOMPARE(entries(m_root), QStringList { "run" });
}

void TestStagedFolder::abandonedTheOldFolderIsAsItWas()
{
    const fs::path target = m_root / "run";
    write(target / "config.json", "old config");
    {
        StagedFolder folder(target);
        write(folder.stage() / "config.json", "half a new config");
    } // a failed save: never committed
    QCOMPARE(read(target / "config.json"), std::string("old config"));
    QCOMPARE(entries(m_root), QStringList { "run" });
}

void TestStagedFolder::skippedEntriesAreNotCarried()
{
    const fs::path target = m_root / "comparison";
    write(target / "compare.json", "old: lanes 1 and 2");
    write(target / "1-gan-k1/checkpoint.pt", "old lane 1");
    write(target / "2-madgan-k3/checkpoint.pt", "old lane 2");
    write(target / "figure.pdf", "kept");
    {
        StagedFolder folder(target);
        write(folder.stage() / "compare.json", "new: lane 1 only");
        write(folder.stage() / "1-gan-k1/checkpoint.pt", "new lane 1");
        folder.commit([](const fs::path& relative) { return relative == "2-madgan-k3"; });
    }
    QCOMPARE(entries(target), (QStringList { "1-gan-k1", "compare.json", "figure.pdf" }));
    QCOMPARE(read(target / "1-gan-k1/checkpoint.pt"), std::string("new lane 1"));
}

void TestStagedFolder::aStageLeftByAKilledSaveIsRemoved()
{
    const fs::path target = m_root / "run";
    write(target / "config.json", "old config");
    const std::string prefix = StagedFolder::stagePrefix(target); // ".run.saving-<host>-"
    QVERIFY(prefix.rfind(".run.saving-", 0) == 0);
    // pid_max is at most 2^22: no process has this id.
    const fs::path stale = m_root / (prefix + "999999999-1");
    write(stale / "config.json", "a killed save's");
    // Not stages of this machine's dead processes: a user's folder that looks like one, and
    // another host's stage (a home shared over NFS).
    const fs::path users = m_root / (prefix + "old");
    write(users / "notes.txt", "mine");
    const fs::path otherHost = m_root / ".run.saving-elsewhere-999999999-1";
    write(otherHost / "config.json", "another machine's save, going on");
    StagedFolder folder(target);
    QVERIFY(!fs::exists(stale));
    QVERIFY(fs::exists(users / "notes.txt"));
    QVERIFY(fs::exists(otherHost / "config.json"));
    QVERIFY(fs::exists(folder.stage()));
    QCOMPARE(read(target / "config.json"), std::string("old config"));
}

void TestStagedFolder::theFolderKeepsItsPermissions()
{
    const fs::path target = m_root / "private";
    write(target / "config.json", "old");
    fs::create_directories(target / "figures");
    fs::permissions(target, fs::perms::owner_all);
    fs::permissions(target / "figures", fs::perms::owner_all | fs::perms::group_read);
    {
        StagedFolder folder(target);
        write(folder.stage() / "config.json", "new");
        folder.commit();
    }
    QCOMPARE(fs::status(target).permissions(), fs::perms::owner_all);
    QCOMPARE(
        fs::status(target / "figures").permissions(), fs::perms::owner_all | fs::perms::group_read);
}

void TestStagedFolder::aLinkIsSavedThrough_data()
{
    QTest::addColumn<QString>("typed");
    QTest::newRow("plain") << "link";
    QTest::newRow("trailing slash") << "link/"; // follows the link: still saved through
}

void TestStagedFolder::aLinkIsSavedThrough()
{
    QFETCH(QString, typed);
    const fs::path real = m_root / "real";
    write(real / "config.json", "old config");
    fs::create_directory_symlink(real, m_root / "link");
    {
        StagedFolder folder(m_root / typed.toStdString());
        QCOMPARE(folder.target(), fs::canonical(real));
        write(folder.stage() / "config.json", "new config");
        folder.commit();
    }
    QVERIFY(fs::is_symlink(m_root / "link"));
    QCOMPARE(read(m_root / "link/config.json"), std::string("new config"));
}

void TestStagedFolder::aTargetUnderAFileIsRefusedNamingIt()
{
    write(m_root / "plain-file", "not a folder");
    try {
        StagedFolder folder(m_root / "plain-file/run");
        QFAIL("a folder under a file was accepted");
    } catch (const IoError& e) {
        QVERIFY2(QString(e.what()).contains("plain-file"), e.what());
    }
}

QTEST_GUILESS_MAIN(TestStagedFolder)
#include "tst_stagedfolder.moc"
