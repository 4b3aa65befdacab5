// An exception escaping a slot is caught by the application, reported once, and the event loop
// goes on: the window keeps training instead of terminating.
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

#include <stdexcept>

#include "window/GuardedApplication.h"

using modescope::ui::GuardedApplication;

class TestGuardedApplication : public QObject
{
    Q_OBJECT
private slots:
    void throwingSlotIsReportedAndTheLoopGoesOn();
};

void TestGuardedApplication::throwingSlotIsReportedAndTheLoopGoesOn()
{
    auto* app = qobject_cast<GuardedApplication*>(QCoreApplication::instance());
    QVERIFY(app);
    QSignalSpy caught(app, &GuardedApplication::exceptionCaught);
    bool after = false;
    QTimer::singleShot(0, [] { throw std::runtime_error("boom in a slot"); });
    QTimer::singleShot(20, [&after] { after = true; });
    QVERIFY(caught.wait(5000));
    QCOMPARE(caught.count(), 1);
    QVERIFY(caught.at(0).at(0).toString().contains("boom in a slot"));
    QTRY_VERIFY(after); // the event loop still runs
}

int main(int argc, char** argv)
{
    GuardedApplication app(argc, argv);
    TestGuardedApplication test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_guardedapplication.moc"
