// What the stall log says the GUI thread was in: the words for each kind of /proc look, and a
// real look at a thread asleep while it is late.
#include <QtTest>

#include <thread>

#include "window/StallWatch.h"

using modescope::app::StallWatch;

class TestStallWatch : public QObject
{
    Q_OBJECT
private slots:
    void describe_data();
    void describe();
    void aLateThreadIsSeenWhereItSleeps();
};

void TestStallWatch::describe_data()
{
    QTest::addColumn<char>("state");
    QTest::addColumn<QString>("wchan");
    QTest::addColumn<QString>("syscall");
    QTest::addColumn<QString>("words");
    QTest::newRow("a lock") << 'S' << "futex_wait_queue"
                            << "202 0x7f 0x80 0x2 0x0 0x0 0x0 0x7ffd 0x7f12"
                            << "asleep, in futex (futex_wait_queue)";
    QTest::newRow("the event loop") << 'S' << "do_sys_poll"
                                    << "7 0x55 0x3 0x4 0x0 0x0 0x0 0x1 0x2"
                                    << "asleep, in poll (do_sys_poll)";
    QTest::newRow("a page fault") << 'D' << "rwsem_down_read_slowpath"
                                  << "-1 0x7ffd 0x7f12"
                                  << "asleep, uninterruptible, not in a system call (a page "
                                     "fault?) (rwsem_down_read_slowpath)";
    QTest::newRow("working") << 'R' << "0"
                             << "running\n"
                             << "on a core or waiting for one, running";
    QTest::newRow("an unnamed call") << 'S' << ""
                                     << "999 0x0"
                                     << "asleep, in syscall 999";
}

void TestStallWatch::describe()
{
    QFETCH(char, state);
    QFETCH(QString, wchan);
    QFETCH(QString, syscall);
    QFETCH(QString, words);
    QCOMPARE(QString::fromStdString(
                 StallWatch::describe(state, wchan.toStdString(), syscall.toStdString())),
        words);
}

void TestStallWatch::aLateThreadIsSeenWhereItSleeps()
{
    StallWatch watch; // watches this thread
    watch.start();
    // Late by far more than kLookAfterMs: the watch looks every kLookEveryMs, so it has ~70
    // chances; it fails only if its thread gets no core for 280 ms.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const std::vector<std::string> seen = watch.takeSeen();
    QVERIFY(!seen.empty());
    const QString first = QString::fromStdString(seen.front());
    QVERIFY2(first.startsWith("asleep, in ") && first.contains("nanosleep"), qPrintable(first));
    QVERIFY(watch.takeSeen().empty()); // taken: the next stall starts afresh
}

QTEST_APPLESS_MAIN(TestStallWatch)
#include "tst_stallwatch.moc"
