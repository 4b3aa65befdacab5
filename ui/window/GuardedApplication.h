#pragma once

#include <QApplication>

namespace modescope::ui
{

// The window's application object, with a last line of defence: an exception that escapes a
// slot or an event handler is caught in notify() (Qt cannot carry one through its event loop),
// reported once on stderr and by `exceptionCaught`, and the event loop goes on. Code that
// expects failures catches them itself; this only keeps an unexpected one from ending a run.
class GuardedApplication : public QApplication
{
    Q_OBJECT
public:
    GuardedApplication(int& argc, char** argv);
    bool notify(QObject* receiver, QEvent* event) override;

signals:
    void exceptionCaught(const QString& message); // queued: sent after the failed handler

private:
    void report(const QString& message);
};

} // namespace modescope::ui
