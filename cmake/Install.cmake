# SPDX-License-Identifier: GPL-3.0-or-later
# What `cmake --install` puts where: the executable, its translations, icons, desktop entry,
# AppStream metadata, man page, documentation and the systemd unit of the headless server.
# docs/PACKAGING.md describes the result.
include(GNUInstallDirs)

# The AppStream component id, also the desktop file's name: reverse DNS of the project's
# homepage domain (PROJECT_HOMEPAGE_URL).
set(SYNCSTREAMER_APP_ID "invalid.syncstreamer.SyncStreamer" CACHE STRING
    "AppStream id and desktop file name of the application")
# Date of the release PROJECT_VERSION names (AppStream <release>, Debian changelog).
set(SYNCSTREAMER_RELEASE_DATE "2026-11-22")
set(SYNCSTREAMER_SYSTEMD_UNIT_DIR "lib/systemd/system" CACHE STRING
    "Where the systemd unit goes, relative to the prefix or absolute")
# The documentation directory is named after the package, not after the CMake project.
set(SYNCSTREAMER_INSTALL_DOCDIR "${CMAKE_INSTALL_DATAROOTDIR}/doc/syncstreamer")

set(syncstreamer_pkg_dir "${PROJECT_SOURCE_DIR}/packaging")
set(syncstreamer_gen_dir "${PROJECT_BINARY_DIR}/packaging")
file(MAKE_DIRECTORY "${syncstreamer_gen_dir}")

install(TARGETS syncstreamer RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Icons: the SVG and the PNG sizes rendered from it (resources/icons/make-pngs.sh).
install(FILES resources/icons/syncstreamer.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size IN ITEMS 16 22 24 32 48 64 128 256)
    install(FILES resources/icons/${size}x${size}/syncstreamer.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()

# Desktop entry and AppStream metadata, named after the application id.
configure_file(${syncstreamer_pkg_dir}/syncstreamer.desktop
               ${syncstreamer_gen_dir}/${SYNCSTREAMER_APP_ID}.desktop COPYONLY)
configure_file(${syncstreamer_pkg_dir}/syncstreamer.metainfo.xml.in
               ${syncstreamer_gen_dir}/${SYNCSTREAMER_APP_ID}.metainfo.xml @ONLY)
install(FILES ${syncstreamer_gen_dir}/${SYNCSTREAMER_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${syncstreamer_gen_dir}/${SYNCSTREAMER_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# The headless server as a system service, and its settings file. Both depend on the prefix
# the install uses (`--prefix`, or /usr when CPack builds the package), so they are written when
# installing: ExecStart names <prefix>/bin/syncstreamer, and the settings go to /etc/default
# for the prefix /usr, to <prefix>/etc/default otherwise.
set(syncstreamer_install_code [=[
    set(SYNCSTREAMER_INSTALL_FULL_BINDIR "${CMAKE_INSTALL_PREFIX}/@CMAKE_INSTALL_BINDIR@")
    configure_file("@syncstreamer_pkg_dir@/syncstreamer.service.in"
                   "@syncstreamer_gen_dir@/install/syncstreamer.service" @ONLY)
    set(syncstreamer_unit_dir "@SYNCSTREAMER_SYSTEMD_UNIT_DIR@")
    if(NOT IS_ABSOLUTE "${syncstreamer_unit_dir}")
        set(syncstreamer_unit_dir "${CMAKE_INSTALL_PREFIX}/${syncstreamer_unit_dir}")
    endif()
    file(INSTALL DESTINATION "${syncstreamer_unit_dir}" TYPE FILE
         FILES "@syncstreamer_gen_dir@/install/syncstreamer.service")
    if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
        set(syncstreamer_etc "/etc")
    else()
        set(syncstreamer_etc "${CMAKE_INSTALL_PREFIX}/etc")
    endif()
    file(INSTALL DESTINATION "${syncstreamer_etc}/default" TYPE FILE
         PERMISSIONS OWNER_READ OWNER_WRITE RENAME syncstreamer
         FILES "@syncstreamer_pkg_dir@/default.syncstreamer")
]=])
string(CONFIGURE "${syncstreamer_install_code}" syncstreamer_install_code @ONLY)
install(CODE "${syncstreamer_install_code}")

# Man page from `syncstreamer --help` (help2man, Debian package help2man), compressed.
find_program(SYNCSTREAMER_HELP2MAN help2man)
find_program(SYNCSTREAMER_GZIP gzip)
if(SYNCSTREAMER_HELP2MAN AND SYNCSTREAMER_GZIP)
    set(syncstreamer_man "${syncstreamer_gen_dir}/syncstreamer.1")
    add_custom_command(
        OUTPUT ${syncstreamer_man}.gz
        COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C.UTF-8 LANGUAGE= QT_QPA_PLATFORM=offscreen
                ${SYNCSTREAMER_HELP2MAN} --no-info --section=1
                --include=${syncstreamer_pkg_dir}/syncstreamer.h2m
                --output=${syncstreamer_man} $<TARGET_FILE:syncstreamer>
        COMMAND ${SYNCSTREAMER_GZIP} -9 -n -f ${syncstreamer_man}
        DEPENDS syncstreamer ${syncstreamer_pkg_dir}/syncstreamer.h2m
        COMMENT "Writing the man page syncstreamer.1 from syncstreamer --help"
        VERBATIM)
    add_custom_target(syncstreamer_manpage ALL DEPENDS ${syncstreamer_man}.gz)
    install(FILES ${syncstreamer_man}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
    message(STATUS "help2man or gzip not found: no man page (Debian package help2man)")
endif()

# Documentation for users.
install(FILES README.md docs/QUICKSTART.md docs/API.md docs/CLI.md docs/FORMAT.md
              docs/STORAGE.md docs/PACKAGING.md docs/DEPLOYMENT.md
        DESTINATION ${SYNCSTREAMER_INSTALL_DOCDIR})
# The reverse-proxy configuration docs/DEPLOYMENT.md describes (tests/deployment runs it).
install(FILES packaging/nginx/syncstreamer-cache.conf
        DESTINATION ${SYNCSTREAMER_INSTALL_DOCDIR}/examples/nginx)

# Translations: the .qm files qt_add_translations writes to share/syncstreamer/translations in
# the build tree (app/CMakeLists.txt lists them in the target property SYNCSTREAMER_QM_FILES).
# The executable reads them from ../share/syncstreamer/translations relative to its own
# directory, so the installed layout must keep that relation between the two directories.
set(SYNCSTREAMER_INSTALL_TRANSLATIONSDIR "${CMAKE_INSTALL_DATADIR}/syncstreamer/translations")
file(RELATIVE_PATH syncstreamer_qm_from_bin "/${CMAKE_INSTALL_BINDIR}"
     "/${SYNCSTREAMER_INSTALL_TRANSLATIONSDIR}")
if(NOT syncstreamer_qm_from_bin STREQUAL "../share/syncstreamer/translations")
    message(WARNING "The translations are installed to ${SYNCSTREAMER_INSTALL_TRANSLATIONSDIR}, "
        "but the executable in ${CMAKE_INSTALL_BINDIR} looks for them in "
        "../share/syncstreamer/translations: it will run in English.")
endif()
get_target_property(syncstreamer_qm_files syncstreamer SYNCSTREAMER_QM_FILES)
install(FILES ${syncstreamer_qm_files} DESTINATION ${SYNCSTREAMER_INSTALL_TRANSLATIONSDIR})
