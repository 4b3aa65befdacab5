// The stall log's record of slow work: what it keeps, what a stall's window finds, and that the
// newest pieces stay when it is full. Times are made up, so nothing here depends on the machine.
#include <QtTest>

#include <thread>

#include "modescope/machine/SlowWork.h"

using namespace modescope;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

class TestSlowWork : public QObject
{
    Q_OBJECT
private slots:
    void init() { SlowWork::clear(); }
    void onlyWorkOverTheThresholdIsKept();
    void aStallFindsTheWorkThatOverlappedIt();
    void theNewestPiecesStayWhenFull();
    void timedWorkNotesItsOwnLifetime();
    void threadsNoteAtOnce();
};

void TestSlowWork::onlyWorkOverTheThresholdIsKept()
{
    const Clock::time_point t0 = Clock::now();
    SlowWork::note("quick", t0, t0 + milliseconds(10)); // 10 ms: not over the threshold
    SlowWork::note("slow", t0, t0 + milliseconds(11));
    const auto found = SlowWork::overlapping(t0, t0 + milliseconds(100));
    QCOMPARE(found.size(), std::size_t(1));
    QCOMPARE(found[0].what, std::string("slow"));
    QCOMPARE(found[0].milliseconds(), 11.0);
}

void TestSlowWork::aStallFindsTheWorkThatOverlappedIt()
{
    const Clock::time_point t0 = Clock::now();
    SlowWork::note("before", t0, t0 + milliseconds(20)); // ends 10 ms before the stall
    SlowWork::note("into", t0 + milliseconds(20), t0 + milliseconds(40)); // runs into it
    SlowWork::note("inside", t0 + milliseconds(45), t0 + milliseconds(70));
    SlowWork::note("past", t0 + milliseconds(60), t0 + milliseconds(120)); // outlasts it
    SlowWork::note("after", t0 + milliseconds(90), t0 + milliseconds(110));
    // The stall: 30 to 80 ms.
    const auto found = SlowWork::overlapping(t0 + milliseconds(30), t0 + milliseconds(80));
    QCOMPARE(found.size(), std::size_t(3));
    QCOMPARE(found[0].what, std::string("into"));
    QCOMPARE(found[1].what, std::string("inside"));
    QCOMPARE(found[2].what, std::string("past"));
}

void TestSlowWork::theNewestPiecesStayWhenFull()
{
    const Clock::time_point t0 = Clock::now();
    const std::size_t extra = 10;
    for (std::size_t i = 0; i < SlowWork::kCapacity + extra; ++i) {
        const Clock::time_point start = t0 + milliseconds(100 * static_cast<long>(i));
        SlowWork::note(i < extra ? "old" : "new", start, start + milliseconds(50));
    }
    const auto found = SlowWork::overlapping(t0, t0 + std::chrono::hours(1));
    QCOMPARE(found.size(), SlowWork::kCapacity);
    for (const SlowWorkPiece& piece : found)
        QCOMPARE(piece.what, std::string("new"));
    QVERIFY(found.front().start < found.back().start); // oldest first
}

void TestSlowWork::timedWorkNotesItsOwnLifetime()
{
    const Clock::time_point before = Clock::now();
    {
        const TimedWork timed("sleeping");
        std::this_thread::sleep_for(milliseconds(30)); // at least 30 ms, however busy the machine
    }
    const auto found = SlowWork::overlapping(before, Clock::now());
    QCOMPARE(found.size(), std::size_t(1));
    QCOMPARE(found[0].what, std::string("sleeping"));
    QVERIFY(found[0].milliseconds() >= 30.0);
}

void TestSlowWork::threadsNoteAtOnce()
{
    const Clock::time_point t0 = Clock::now();
    auto noteMany = [t0] {
        for (int i = 0; i < 1000; ++i)
            SlowWork::note("threaded", t0, t0 + milliseconds(20));
    };
    std::thread a(noteMany);
    std::thread b(noteMany);
    a.join();
    b.join();
    const auto found = SlowWork::overlapping(t0, t0 + milliseconds(20));
    QCOMPARE(found.size(), SlowWork::kCapacity);
    for (const SlowWorkPiece& piece : found)
        QCOMPARE(piece.what, std::string("threaded"));
}

QTEST_APPLESS_MAIN(TestSlowWork)
#include "tst_slowwork.moc"
