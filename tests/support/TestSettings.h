#pragma once
// Window tests keep their settings under an organisation of their own, in Qt's test folder,
// never in the user's ModeScope settings; each starts from none.
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>

namespace modescope::test
{

inline void isolateSettings(const char* organisation)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(organisation);
    QSettings().clear();
}

} // namespace modescope::test
