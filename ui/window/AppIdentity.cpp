#include "window/AppIdentity.h"

#include <QApplication>

#include "modescope/Version.h"

namespace modescope::ui
{

QIcon applicationIcon()
{
    QIcon icon;
    for (int size : { 16, 24, 32, 48, 64, 128, 256 })
        icon.addFile(QString(":/icons/modescope-%1.png").arg(size), QSize(size, size));
    return icon;
}

void applyIdentity()
{
    QApplication::setApplicationName("ModeScope");
    QApplication::setOrganizationName("ModeScope");
    QApplication::setApplicationVersion(kVersion);
    QGuiApplication::setDesktopFileName(kDesktopId);
    QApplication::setWindowIcon(applicationIcon());
}

} // namespace modescope::ui
