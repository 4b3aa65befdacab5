#pragma once

#include <QIcon>
#include <QString>

namespace modescope::ui
{

// The reverse-DNS id shared by the desktop entry, the AppStream metainfo and the icon's name.
inline constexpr const char* kDesktopId = "io.github.modescope.ModeScope";

// Names the application once its QApplication exists: name and organisation (where QSettings
// keeps the last settings), version (--version, About), the desktop file name (so X11 and
// Wayland match the window to its menu entry) and the window icon.
void applyIdentity();

// The ModeScope icon at every size it ships (16 to 256 px), from the ui library's resources.
QIcon applicationIcon();

} // namespace modescope::ui
