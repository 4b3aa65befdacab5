#include "window/GuardedApplication.h"

#include <QMetaObject>

#include <cstdio>
#include <exception>

namespace modescope::ui
{

GuardedApplication::GuardedApplication(int& argc, char** argv)
    : QApplication(argc, argv)
{
}

bool GuardedApplication::notify(QObject* receiver, QEvent* event)
{
    try {
        return QApplication::notify(receiver, event);
    } catch (const std::exception& e) {
        report(QString::fromUtf8(e.what()));
    } catch (...) {
        report(tr("an unknown exception"));
    }
    return false;
}

void GuardedApplication::report(const QString& message)
{
    std::fprintf(stderr, "modescope: unexpected failure: %s\n", qPrintable(message));
    // Queued, so whoever shows it (a dialog) does so outside the handler that failed.
    QMetaObject::invokeMethod(
        this, [this, message] { emit exceptionCaught(message); }, Qt::QueuedConnection);
}

} // namespace modescope::ui
