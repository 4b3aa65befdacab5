# Install rules: `cmake --install build --prefix P` lays ModeScope out as a desktop application.
# The programs find the presets relative to their own folder (engine/CMakeLists.txt), so P can
# be moved or a package unpacked anywhere.
include(GNUInstallDirs)

set(MODESCOPE_DESKTOP_ID io.github.modescope.ModeScope)
set(modescope_resources ${PROJECT_SOURCE_DIR}/resources)

install(TARGETS modescope-train modescope-sweep RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${modescope_resources}/presets/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/modescope/presets
  FILES_MATCHING PATTERN "*.json")

# Man pages carry the version; `man modescope-train` works once MANPATH reaches the prefix.
set(modescope_man_pages modescope-train modescope-sweep)
if(MODESCOPE_WITH_QT)
  list(APPEND modescope_man_pages modescope)
endif()
foreach(page IN LISTS modescope_man_pages)
  configure_file(${modescope_resources}/man/${page}.1 ${PROJECT_BINARY_DIR}/man/${page}.1 @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/man/${page}.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endforeach()

if(MODESCOPE_WITH_QT)
  install(TARGETS modescope RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES ${modescope_resources}/desktop/${MODESCOPE_DESKTOP_ID}.desktop
    DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  configure_file(${modescope_resources}/desktop/${MODESCOPE_DESKTOP_ID}.metainfo.xml.in
    ${PROJECT_BINARY_DIR}/desktop/${MODESCOPE_DESKTOP_ID}.metainfo.xml @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/desktop/${MODESCOPE_DESKTOP_ID}.metainfo.xml
    DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  # The icon theme's layout: the SVG as scalable, each PNG under its size, named by the id.
  install(FILES ${modescope_resources}/icons/modescope.svg
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
    RENAME ${MODESCOPE_DESKTOP_ID}.svg)
  foreach(size 16 24 32 48 64 128 256)
    install(FILES ${modescope_resources}/icons/png/modescope-${size}.png
      DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
      RENAME ${MODESCOPE_DESKTOP_ID}.png)
  endforeach()
endif()
